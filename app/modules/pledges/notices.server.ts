import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { initiatives, pledges } from "#db/schema";
import { PledgeNotice, type PledgeNoticeKind, pledgeNoticeSubject } from "#emails/pledge-notice";
import { env } from "~/lib/env.server";
import { formatMoney } from "~/lib/money";
import { sendEmail } from "~/modules/notifications/email.server";
import { organizationContacts } from "~/modules/organizations/organizations.server";

// Pledge emails (issue 10, section 4) to the pledging organization's owners and
// admins. Called in the transaction of the change they announce, so an email exists
// exactly when the change commits (sendEmail stores it with its delivery job).

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export async function notifyPledge(
  db: Db,
  input: { kind: PledgeNoticeKind; pledgeId: string; detail?: string },
) {
  const [row] = await db
    .select({ pledge: pledges, initiative: initiatives })
    .from(pledges)
    .innerJoin(initiatives, eq(initiatives.id, pledges.initiativeId))
    .where(eq(pledges.id, input.pledgeId));
  if (!row) return 0;
  const { pledge, initiative } = row;
  const contacts = await organizationContacts(db, pledge.organizationId);
  const appUrl = env().appUrl;
  const props = {
    appUrl,
    kind: input.kind,
    organizationName: contacts.organizationName,
    initiativeTitle: initiative.title,
    amount: formatMoney({ amountMinor: pledge.amountMinor, currency: pledge.currency }),
    method: pledge.method,
    pledgeUrl: `${appUrl}/orgs/${contacts.slug}/pledges/${pledge.id}`,
    deadline: day(initiative.pledgeDeadline),
    detail: input.detail,
    windowEnds: day(pledge.windowEndsAt),
  };
  for (const to of contacts.recipients)
    await sendEmail(db, {
      to,
      subject: pledgeNoticeSubject(props),
      template: `pledge-${input.kind.replace("_", "-")}`,
      body: PledgeNotice(props),
    });
  return contacts.recipients.length;
}
