import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { pledges } from "#db/schema";
import { ConflictError, NotFoundError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { pledgerContext, type Viewer } from "./pledges.server";
import type { CreditChoice } from "./schemas";

// A funder may change how it is credited at any time (issue 11, section 2): show or hide
// its name and amount, change its message. Every public surface reads these columns,
// so the change shows everywhere at once. Not a state change: the pledge's status and
// money are untouched; the change is audited.

/** Statuses whose pledges are credited somewhere (a released or canceled pledge is not). */
const CREDITED = ["pending", "committed", "collecting", "paid", "failed", "refunded"] as const;

export async function setCreditChoice(db: Db, viewer: Viewer, pledgeId: string, choice: CreditChoice) {
  const [row] = await db.select().from(pledges).where(eq(pledges.id, pledgeId));
  if (!row) throw new NotFoundError("No such pledge.");
  await pledgerContext(db, viewer, row.organizationId);
  if (!(CREDITED as readonly string[]).includes(row.status))
    throw new ConflictError("This pledge is not credited anywhere: there is nothing to change.");
  const next = {
    showName: choice.showName === "yes",
    showAmount: choice.showAmount === "yes",
    message: choice.message,
  };
  await db.transaction(async (tx) => {
    await tx
      .update(pledges)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(pledges.id, pledgeId));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "pledge.credit-changed",
      subjectType: "pledge",
      subjectId: pledgeId,
      organizationId: row.organizationId,
      details: {
        from: { showName: row.showName, showAmount: row.showAmount },
        to: { showName: next.showName, showAmount: next.showAmount },
      },
    });
  });
}
