import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { emailMessages, memberships, membershipTiers } from "#db/schema";
import { addMember, buildOrganization, buildUser } from "#tests/factories";
import { expireLapsedMemberships, sendRenewalReminders } from "~/modules/memberships/renewals.server";

const db = getDb();
const DAY = 86_400_000;

async function membershipEndingIn(days: number, overrides: Partial<typeof memberships.$inferInsert> = {}) {
  const [tier] = await db
    .insert(membershipTiers)
    .values({ name: "Standard", priceMinor: 500_000, currency: "USD", hubsIncluded: 2 })
    .returning();
  const organization = await buildOrganization(db);
  const admin = await buildUser(db, { passwordHash: "x" });
  await addMember(db, organization.id, admin.id, "admin");
  const now = Date.now();
  const [membership] = await db
    .insert(memberships)
    .values({
      organizationId: organization.id,
      tierId: tier!.id,
      status: "active",
      method: "card",
      amountMinor: 500_000,
      currency: "USD",
      currentPeriodStart: new Date(now - 300 * DAY),
      currentPeriodEnd: new Date(now + days * DAY),
      ...overrides,
    })
    .returning();
  return { membership: membership!, admin };
}

const remindersTo = (email: string) =>
  db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.to, email), eq(emailMessages.template, "renewal-reminder")));

describe("renewal reminders", () => {
  it("reminds once, 30 days ahead, and not again on the next run", async () => {
    const { admin } = await membershipEndingIn(20);
    const later = await membershipEndingIn(45);
    const canceling = await membershipEndingIn(10, { cancelAtPeriodEnd: true });
    await sendRenewalReminders(db);
    await sendRenewalReminders(db);
    const mails = await remindersTo(admin.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("renews in 30 days");
    expect(mails[0]!.text).toContain("$5,000");
    expect(await remindersTo(later.admin.email)).toHaveLength(0);
    expect(await remindersTo(canceling.admin.email)).toHaveLength(0);
  });

  it("reminds again for the next period after a renewal", async () => {
    const { membership, admin } = await membershipEndingIn(5);
    await sendRenewalReminders(db);
    await db
      .update(memberships)
      .set({ currentPeriodEnd: new Date(Date.now() + 370 * DAY) })
      .where(eq(memberships.id, membership.id));
    await sendRenewalReminders(db, new Date(Date.now() + 345 * DAY));
    expect(await remindersTo(admin.email)).toHaveLength(2);
  });
});

describe("lapsed memberships", () => {
  it("expires invoice and subsidy memberships whose period is over, never card ones", async () => {
    const invoice = await membershipEndingIn(-1, { method: "invoice" });
    const card = await membershipEndingIn(-1, { method: "card" });
    const current = await membershipEndingIn(3, { method: "subsidy" });
    await expireLapsedMemberships(db);
    const status = async (id: string) =>
      (await db.select().from(memberships).where(eq(memberships.id, id)))[0]!.status;
    expect(await status(invoice.membership.id)).toBe("expired");
    expect(await status(card.membership.id)).toBe("active");
    expect(await status(current.membership.id)).toBe("active");
  });
});
