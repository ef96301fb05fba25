import { and, eq, gt, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { memberships, membershipTiers, organizationMembers, organizations, users } from "#db/schema";
import { RenewalReminder, renewalReminderSubject } from "#emails/renewal-reminder";
import { env } from "~/lib/env.server";
import { formatMoney } from "~/lib/money";
import { sendEmail } from "~/modules/notifications/email.server";
import { lockMembership, moveMembership } from "./workflow";

// The daily membership job (issue 3, item 10): a reminder 30 days before a
// period ends, once per period; and memberships without a subscription (invoice,
// subsidy) expire when their period is over. Safe to run twice.

export const REMINDER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function sendRenewalReminders(db: Db, now = new Date()) {
  const horizon = new Date(now.getTime() + REMINDER_DAYS * DAY_MS);
  const due = await db
    .select({
      membership: memberships,
      tierName: membershipTiers.name,
      organizationName: organizations.name,
      slug: organizations.slug,
    })
    .from(memberships)
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        eq(memberships.status, "active"),
        eq(memberships.cancelAtPeriodEnd, false),
        gt(memberships.currentPeriodEnd, now),
        lte(memberships.currentPeriodEnd, horizon),
        or(
          isNull(memberships.reminderSentFor),
          ne(memberships.reminderSentFor, memberships.currentPeriodEnd),
        ),
      ),
    );
  const appUrl = env().appUrl;
  let sent = 0;
  for (const row of due) {
    // Claim the reminder first: a concurrent run finds it already claimed.
    const claimed = await db
      .update(memberships)
      .set({ reminderSentFor: row.membership.currentPeriodEnd })
      .where(
        and(
          eq(memberships.id, row.membership.id),
          or(
            isNull(memberships.reminderSentFor),
            ne(memberships.reminderSentFor, sql`${memberships.currentPeriodEnd}`),
          ),
        ),
      )
      .returning({ id: memberships.id });
    if (claimed.length === 0) continue;
    const recipients = await db
      .select({ email: users.email })
      .from(organizationMembers)
      .innerJoin(users, eq(users.id, organizationMembers.userId))
      .where(
        and(
          eq(organizationMembers.organizationId, row.membership.organizationId),
          inArray(organizationMembers.role, ["owner", "admin"]),
        ),
      );
    const automatic = row.membership.method === "card";
    for (const { email } of recipients) {
      await sendEmail(db, {
        to: email,
        subject: renewalReminderSubject(row.organizationName, automatic),
        template: "renewal-reminder",
        body: RenewalReminder({
          appUrl,
          organizationName: row.organizationName,
          tierName: row.tierName,
          date: row.membership.currentPeriodEnd!.toISOString().slice(0, 10),
          amount: formatMoney({
            amountMinor: row.membership.nextAmountMinor ?? row.membership.amountMinor,
            currency: row.membership.currency,
          }),
          automatic,
          billingUrl: `${appUrl}/orgs/${row.slug}/billing`,
        }),
      });
      sent++;
    }
  }
  return sent;
}

/** Invoice and subsidy memberships have no subscription to end them: the period does. */
export async function expireLapsedMemberships(db: Db, now = new Date()) {
  const lapsed = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        inArray(memberships.status, ["active", "past_due"]),
        inArray(memberships.method, ["invoice", "subsidy"]),
        lte(memberships.currentPeriodEnd, now),
      ),
    );
  let expired = 0;
  for (const { id } of lapsed) {
    await db.transaction(async (tx) => {
      const membership = await lockMembership(tx, id);
      if (!membership || !["active", "past_due"].includes(membership.status)) return;
      await moveMembership(tx, membership, "expired", {
        by: "system",
        actorId: null,
        reason: "period ended",
      });
      expired++;
    });
  }
  return expired;
}
