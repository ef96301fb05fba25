import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { memberships } from "#db/schema";
import { ValidationError } from "~/lib/errors";
import { hitRateLimit } from "~/modules/auth/rate-limit.server";
import { MEMBER_STATUSES } from "~/modules/memberships/standing";
import type { OrganizationContext } from "./organizations.server";

// Invitations carry text the sender chooses (organization and inviter names) to any
// address (issue 12, item 4): an organization without a live membership may send a few a
// day, a member organization more; one address receives a few a day in all; one person
// sends a bounded number a day across organizations. Counted before anything is sent.
export const INVITATION_LIMITS = { newOrganization: 5, memberOrganization: 50, recipient: 3, sender: 30 };
const DAY_S = 24 * 60 * 60;

export async function assertInvitationAllowed(db: Db, context: OrganizationContext, email: string) {
  const [live] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, context.organization.id),
        inArray(memberships.status, [...MEMBER_STATUSES]),
      ),
    )
    .limit(1);
  const perOrganization = live ? INVITATION_LIMITS.memberOrganization : INVITATION_LIMITS.newOrganization;
  const checks = [
    {
      key: `invite:organization:${context.organization.id}`,
      count: perOrganization,
      message: live
        ? `Your organization sent ${perOrganization} invitations today. Try again tomorrow.`
        : `An organization without a membership can send ${perOrganization} invitations a day. Try again tomorrow, or write to staff.`,
    },
    {
      key: `invite:recipient:${email.toLowerCase()}`,
      count: INVITATION_LIMITS.recipient,
      message: "This address has received several invitations today. Try again tomorrow.",
    },
    {
      key: `invite:sender:${context.actor.userId}`,
      count: INVITATION_LIMITS.sender,
      message: `You sent ${INVITATION_LIMITS.sender} invitations today. Try again tomorrow.`,
    },
  ];
  for (const check of checks) {
    const result = await hitRateLimit(db, check.key, check.count, DAY_S);
    if (!result.allowed) throw new ValidationError({ email: [check.message] });
  }
}
