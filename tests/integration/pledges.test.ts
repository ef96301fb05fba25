import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  emailMessages,
  initiatives,
  ledgerGroups,
  paymentAttempts,
  pledges,
  pledgeTransitions,
  receipts,
  reconciliationIssues,
} from "#db/schema";
import { addMember, buildUser } from "#tests/factories";
import { ConflictError, ValidationError } from "~/lib/errors";
import { ledgerIntegrityProblems } from "~/modules/ledger/integrity.server";
import { recordMembershipPayment, recordPledgePayment } from "~/modules/ledger/movements.server";
import { reconcileLedger } from "~/modules/ledger/reconciliation.server";
import { poolBalance, transferToPool } from "~/modules/matching/pool.server";
import { attemptKey } from "~/modules/payments/attempts.server";
import { confirmOnSession } from "~/modules/payments/charges.server";
import { billingProfileOf } from "~/modules/payments/customers.server";
import { stripe } from "~/modules/payments/stripe.server";
import { collectPledge, refundPledge } from "~/modules/pledges/collection.server";
import { closeInitiative } from "~/modules/pledges/deadline.server";
import { cancelPledge, savePledge, startCardSetup } from "~/modules/pledges/pledges.server";
import {
  checkCardsAndDeadlines,
  remindFailedPledges,
  sendFailureDigest,
  sweepPledges,
} from "~/modules/pledges/sweep.server";
import {
  CARDS,
  form,
  initiativeOf,
  openInitiative,
  pledgeByCard,
  pledgeByInvoice,
  pledgeOf,
  pledger,
  saveCardOnStripe,
  waitForStatus,
} from "./pledge-helpers";
import { eventually, type Harness, startStripeHarness } from "./stripe-harness";

// Issue 10: pledging, funding and collection against the real SDK, the emulator
// (PaymentIntents counted there, not only rows here), the webhook receiver and the worker.

const db = getDb();
let harness: Harness;
beforeAll(async () => {
  harness = await startStripeHarness();
});
afterAll(() => harness.stop());

const DAY = 86_400_000;

/** Funds the initiative at its deadline (moving the clock, not sleeping) and waits for collection to settle. */
async function fundAtDeadline(initiativeId: string) {
  const initiative = await initiativeOf(initiativeId);
  const after = new Date(initiative.pledgeDeadline!.getTime() + 60_000);
  expect(await closeInitiative(db, initiativeId, null, after)).toBe("funded");
  return after;
}

const intentsForPledge = (pledgeId: string) =>
  [...harness.emulator.store.objects.values()].filter(
    (o) => o.object === "payment_intent" && (o.metadata as Record<string, string>)?.pledgeId === pledgeId,
  );
const succeededCharges = (pledgeId: string) =>
  [...harness.emulator.store.objects.values()].filter(
    (o) =>
      o.object === "charge" &&
      o.status === "succeeded" &&
      (o.metadata as Record<string, string>)?.pledgeId === pledgeId,
  );

describe("pledging", () => {
  it("a card pledge commits only when Stripe confirms the saved card; the totals and the email follow", async () => {
    const initiative = await openInitiative();
    const tide = await pledger("Tide Lab");
    const saved = await savePledge(db, tide.viewer, initiative.id, form(tide, { amount: "2500" }));
    expect(saved.pledge).toMatchObject({ status: "pending", amountMinor: 250_000 });
    // Coming back from Stripe's page is not a confirmation: nothing is committed yet.
    expect((await initiativeOf(initiative.id)).pledgedMinor).toBe(0);
    await saveCardOnStripe(saved.checkoutUrl!, CARDS.ok);
    const committed = await waitForStatus(saved.pledge.id, "committed").then(() => pledgeOf(saved.pledge.id));
    expect(committed).toMatchObject({
      cardBrand: "visa",
      cardLast4: "4242",
      cardExpMonth: 12,
      cardExpYear: 2034,
    });
    expect(await initiativeOf(initiative.id)).toMatchObject({
      pledgedMinor: 250_000,
      pledgeOrganizations: 1,
    });
    const [email] = await db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.to, tide.viewer.email), eq(emailMessages.template, "pledge-committed")));
    expect(email!.text).toContain("Nothing is charged unless the initiative is funded");

    // Raising it reuses the saved card: no second trip to Stripe, the total follows.
    const raised = await savePledge(
      db,
      tide.viewer,
      initiative.id,
      form(tide, { amount: "4000", card: committed.paymentMethodId! }),
    );
    expect(raised.checkoutUrl).toBeNull();
    expect(await initiativeOf(initiative.id)).toMatchObject({
      pledgedMinor: 400_000,
      pledgeOrganizations: 1,
    });
    expect(
      (await db.select().from(pledgeTransitions).where(eq(pledgeTransitions.pledgeId, committed.id))).map(
        (t) => `${t.fromStatus}→${t.toStatus}:${t.amountMinor}`,
      ),
    ).toEqual(["null→pending:250000", "pending→committed:250000", "committed→committed:400000"]);
  });

  it("refuses amounts under the minimum, members who are not admins, and closed initiatives", async () => {
    const initiative = await openInitiative({ minPledgeMinor: 50_000 });
    const tide = await pledger("Small Lab");
    await expect(
      savePledge(db, tide.viewer, initiative.id, form(tide, { amount: "499.99" })),
    ).rejects.toMatchObject({
      fieldErrors: { amount: ["The smallest pledge is $500."] },
    });
    const member = await buildUser(db, { passwordHash: "x" });
    await addMember(db, tide.organization.id, member.id, "member");
    await expect(
      savePledge(
        db,
        { id: member.id, isStaff: false, email: member.email, name: member.name },
        initiative.id,
        form(tide, { amount: "600" }),
      ),
    ).rejects.toThrow(/Only an admin or owner/);
    const closed = await openInitiative({ status: "expired" });
    await expect(
      savePledge(db, tide.viewer, closed.id, form(tide, { amount: "600" })),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("in the final 24 hours, two concurrent cancellations cannot both take it below its minimum of organizations", async () => {
    const initiative = await openInitiative({ goalMinor: 100_000, minBackers: 2 });
    const [a, b, c] = [await pledger("A Lab"), await pledger("B Lab"), await pledger("C Lab")];
    const pledged = [
      (await pledgeByInvoice(a, initiative.id, "500")).pledge,
      (await pledgeByInvoice(b, initiative.id, "500")).pledge,
      (await pledgeByInvoice(c, initiative.id, "500")).pledge,
    ];
    await db
      .update(initiatives)
      .set({ pledgeDeadline: new Date(Date.now() + 6 * 60 * 60 * 1000) })
      .where(eq(initiatives.id, initiative.id));
    const results = await Promise.allSettled([
      cancelPledge(db, a.viewer, pledged[0]!.id),
      cancelPledge(db, b.viewer, pledged[1]!.id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(String(refused.reason.message)).toMatch(/minimum of 2 organizations/);
    expect(await initiativeOf(initiative.id)).toMatchObject({
      pledgeOrganizations: 2,
      pledgedMinor: 100_000,
    });
    // Lowering below the goal is refused too; raising is fine.
    await expect(pledgeByInvoice(c, initiative.id, "100")).rejects.toBeInstanceOf(ValidationError);
    await expect(pledgeByInvoice(c, initiative.id, "900")).resolves.toBeTruthy();
  });
});

describe("funding and collection", () => {
  it("funded: every card pledge charged once, every invoice pledge invoiced net 30; ledger and receipts follow", async () => {
    const initiative = await openInitiative({ goalMinor: 600_000, minBackers: 3 });
    const [tide, reef, uni] = [await pledger("Tide"), await pledger("Reef"), await pledger("Uni")];
    const cardA = await pledgeByCard(tide, initiative.id, "2000");
    const cardB = await pledgeByCard(reef, initiative.id, "2500");
    const invoice = (await pledgeByInvoice(uni, initiative.id, "1500")).pledge;
    await fundAtDeadline(initiative.id);
    await waitForStatus(cardA.id, "paid");
    await waitForStatus(cardB.id, "paid");
    expect(intentsForPledge(cardA.id)).toHaveLength(1);
    expect(succeededCharges(cardB.id)).toHaveLength(1);

    const invoiced = await eventually(
      async () => (await pledgeOf(invoice.id)).stripeInvoiceId,
      "the invoice",
    );
    const stripeInvoice = await stripe().invoices.retrieve(invoiced);
    expect(stripeInvoice).toMatchObject({
      collection_method: "send_invoice",
      amount_due: 150_000,
      status: "open",
    });
    expect(stripeInvoice.due_date! - stripeInvoice.created).toBeGreaterThanOrEqual(30 * 86_400 - 60);
    expect(stripeInvoice.custom_fields).toEqual(
      expect.arrayContaining([{ name: "PO number", value: "PO-7781" }]),
    );
    // The institution pays its invoice.
    await stripe().invoices.pay(invoiced, { paid_out_of_band: true });
    await waitForStatus(invoice.id, "paid");

    const funds = await db.execute(
      sql`select coalesce(-sum(e.amount_minor), 0)::bigint as total from ledger_entries e
          join ledger_accounts a on a.id = e.account_id
          where a.kind = 'initiative_funds' and a.initiative_id = ${initiative.id}`,
    );
    expect(Number((funds as unknown as [{ total: string }])[0].total)).toBe(600_000);
    expect(await ledgerIntegrityProblems(db)).toEqual([]);
    // The pledged total is what was committed at funding; collection does not change it.
    expect(await initiativeOf(initiative.id)).toMatchObject({
      pledgedMinor: 600_000,
      pledgeOrganizations: 3,
    });
    const receiptRows = await db.select().from(receipts).where(eq(receipts.pledgeId, cardA.id));
    expect(receiptRows).toHaveLength(1);
    expect(receiptRows[0]).toMatchObject({ amountMinor: 200_000, currency: "USD" });
    const charged = await db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.to, tide.viewer.email), eq(emailMessages.template, "pledge-charged")));
    expect(charged).toHaveLength(1);
  });

  it("not funded (too few organizations): every pledge is released, nobody is charged, everyone is told", async () => {
    const initiative = await openInitiative({ goalMinor: 100_000, minBackers: 3 });
    const [a, b] = [await pledger("Lone A"), await pledger("Lone B")];
    const pa = await pledgeByCard(a, initiative.id, "5000");
    const pb = (await pledgeByInvoice(b, initiative.id, "5000")).pledge;
    const initiativeRow = await initiativeOf(initiative.id);
    expect(
      await closeInitiative(db, initiative.id, null, new Date(initiativeRow.pledgeDeadline!.getTime() + 1)),
    ).toBe("expired");
    await waitForStatus(pa.id, "released");
    await waitForStatus(pb.id, "released");
    expect(intentsForPledge(pa.id)).toHaveLength(0);
    const released = await db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.to, a.viewer.email), eq(emailMessages.template, "pledge-released")));
    expect(released).toHaveLength(1);
    expect(released[0]!.text).toContain("nothing was charged");
  });

  it("authentication required: the pledger confirms the same PaymentIntent on-session, and it is paid", async () => {
    const initiative = await openInitiative({ goalMinor: 300_000, minBackers: 2 });
    const [strict, easy] = [await pledger("Strict Bank Lab"), await pledger("Easy Lab")];
    const pledge = await pledgeByCard(strict, initiative.id, "2000", CARDS.authentication);
    await pledgeByCard(easy, initiative.id, "1000");
    await fundAtDeadline(initiative.id);
    await waitForStatus(pledge.id, "failed");
    const failed = await pledgeOf(pledge.id);
    expect(failed).toMatchObject({ recovery: "authenticate", nextRetryAt: null, attemptCount: 1 });
    const email = await eventually(
      async () =>
        (
          await db
            .select()
            .from(emailMessages)
            .where(
              and(
                eq(emailMessages.to, strict.viewer.email),
                eq(emailMessages.template, "pledge-action-needed"),
              ),
            )
        )[0],
      "the action-needed email",
    );
    expect(email.text).toContain("confirm the payment");
    const confirmation = await confirmOnSession(db, {
      organizationId: failed.organizationId,
      pledgeId: failed.id,
      paymentIntentId: failed.paymentIntentId!,
      paymentMethodId: failed.paymentMethodId!,
      returnUrl: "http://localhost/return",
    });
    expect(confirmation).toMatchObject({ status: "requires_action" });
    const bank = await fetch(confirmation.redirectUrl!, {
      method: "POST",
      body: new URLSearchParams({ outcome: "complete" }),
      redirect: "manual",
    });
    expect(bank.status).toBe(303);
    await waitForStatus(pledge.id, "paid");
    expect(intentsForPledge(pledge.id)).toHaveLength(1);
  });

  it("a soft decline is retried on schedule, a new card fixes it; a hard decline is never blindly retried and is dropped after 7 days", async () => {
    const initiative = await openInitiative({ goalMinor: 300_000, minBackers: 3 });
    const [poor, lost, fine] = [
      await pledger("Poor Lab"),
      await pledger("Lost Lab"),
      await pledger("Fine Lab"),
    ];
    const soft = await pledgeByCard(poor, initiative.id, "1000", CARDS.insufficient);
    const hard = await pledgeByCard(lost, initiative.id, "1000", CARDS.lost);
    await pledgeByCard(fine, initiative.id, "1000");
    const fundedAt = await fundAtDeadline(initiative.id);
    await waitForStatus(soft.id, "failed");
    await waitForStatus(hard.id, "failed");
    const softRow = await pledgeOf(soft.id);
    expect(softRow).toMatchObject({ recovery: "retry", declineCode: "insufficient_funds" });
    expect(softRow.nextRetryAt!.getTime()).toBeGreaterThan(Date.now() + DAY - 60_000);
    expect(await pledgeOf(hard.id)).toMatchObject({
      recovery: "new_card",
      nextRetryAt: null,
      declineCode: "lost_card",
    });

    // A day later the sweep retries the soft decline (still short of funds); the hard one is left alone.
    await sweepPledges(db, new Date(softRow.nextRetryAt!.getTime() + 1000));
    await eventually(
      async () =>
        (await pledgeOf(soft.id)).attemptCount === 2 && (await pledgeOf(soft.id)).status === "failed",
      "the retry",
    );
    expect((await pledgeOf(hard.id)).attemptCount).toBe(1);
    expect(intentsForPledge(soft.id)).toHaveLength(1); // the retry confirmed the same PaymentIntent

    // The poor lab adds a new card: collected at once, on the same PaymentIntent.
    const profile = await billingProfileOf(db, poor.organization.id);
    const url = await startCardSetup(
      db,
      poor.viewer.id,
      await pledgeOf(soft.id),
      poor.organization.slug,
      profile!.stripeCustomerId,
    );
    await saveCardOnStripe(url, CARDS.ok);
    await waitForStatus(soft.id, "paid");
    expect(intentsForPledge(soft.id)).toHaveLength(1);
    expect(succeededCharges(soft.id)).toHaveLength(1);

    // Seven days on, the lost card's pledge is dropped without another attempt; the initiative stays funded.
    await sweepPledges(db, new Date(fundedAt.getTime() + 7 * DAY + 60_000));
    expect(await pledgeOf(hard.id)).toMatchObject({ status: "dropped", attemptCount: 1 });
    // Dropped money stays visible: the pledged total keeps it, the figures show it as dropped.
    expect(await initiativeOf(initiative.id)).toMatchObject({ status: "funded", pledgedMinor: 300_000 });
    const { fundingSummary } = await import("~/modules/pledges/funding.server");
    expect((await fundingSummary(db, await initiativeOf(initiative.id))).figures).toEqual({
      collected: 200_000,
      inCollection: 0,
      dropped: 100_000,
      refunded: 0,
    });
    const dropped = await db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.to, lost.viewer.email), eq(emailMessages.template, "pledge-dropped")));
    expect(dropped).toHaveLength(1);
  });
});

describe("the pledge clock", () => {
  const emailsOf = (to: string, template: string) =>
    db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.to, to), eq(emailMessages.template, template)));

  it("warns once about a card that expires before collection, and reminds pledgers before the deadline", async () => {
    const initiative = await openInitiative({ pledgeDeadline: new Date("2027-06-30T23:59:59Z") });
    const who = await pledger("Expiring Lab");
    const saved = await savePledge(db, who.viewer, initiative.id, form(who, { amount: "1000" }));
    await saveCardOnStripe(saved.checkoutUrl!, CARDS.ok, "03 / 27");
    await waitForStatus(saved.pledge.id, "committed");
    expect(await pledgeOf(saved.pledge.id)).toMatchObject({ cardExpMonth: 3, cardExpYear: 2027 });
    const now = new Date("2027-01-10T12:00:00Z");
    expect(await checkCardsAndDeadlines(db, now)).toMatchObject({ cardWarnings: 1 });
    expect(await checkCardsAndDeadlines(db, now)).toMatchObject({ cardWarnings: 0 });
    const [warning] = await emailsOf(who.viewer.email, "pledge-card-expiring");
    expect(warning!.text).toContain("expires before the pledge would be collected");
    // Three days before the deadline, one reminder.
    const soon = new Date("2027-06-28T12:00:00Z");
    expect(await checkCardsAndDeadlines(db, soon)).toMatchObject({ deadlineReminders: 1 });
    expect(await checkCardsAndDeadlines(db, soon)).toMatchObject({ deadlineReminders: 0 });
    expect(await emailsOf(who.viewer.email, "pledge-reminder")).toHaveLength(1);
  });

  it("a failed pledge's admins are reminded every 48 hours; staff get a daily digest of failed attempts", async () => {
    const staff = await buildUser(db, { passwordHash: "x", isStaff: true });
    const initiative = await openInitiative({ goalMinor: 100_000, minBackers: 1 });
    const who = await pledger("Forgetful Lab");
    const pledge = await pledgeByCard(who, initiative.id, "1000", CARDS.lost);
    await fundAtDeadline(initiative.id);
    await waitForStatus(pledge.id, "failed");
    expect(await emailsOf(who.viewer.email, "pledge-action-needed")).toHaveLength(1);
    const day = (n: number) => new Date(Date.now() + n * DAY);
    expect(await remindFailedPledges(db, day(1))).toBe(0);
    expect(await remindFailedPledges(db, day(2.1))).toBe(1);
    expect(await remindFailedPledges(db, day(3))).toBe(0);
    expect(await remindFailedPledges(db, day(4.2))).toBe(1);
    expect(await emailsOf(who.viewer.email, "pledge-action-needed")).toHaveLength(3);
    expect(await sendFailureDigest(db, new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    const [digest] = await emailsOf(staff.email, "pledge-digest");
    expect(digest!.text).toContain(initiative.title);
    expect(digest!.text).toContain("card_declined");
  });
});

describe("reconciliation", () => {
  it("compares collected pledges with Stripe: a true one passes, a ledger line Stripe does not confirm is listed", async () => {
    const initiative = await openInitiative({ goalMinor: 100_000, minBackers: 1 });
    const who = await pledger("Reconciled Lab");
    const pledge = await pledgeByCard(who, initiative.id, "1000");
    await fundAtDeadline(initiative.id);
    await waitForStatus(pledge.id, "paid");
    const paid = await pledgeOf(pledge.id);
    // A forged ledger line for a PaymentIntent that was never paid (another pledger's failed one).
    const failedIntent = await stripe()
      .paymentIntents.create({ amount: 5_000, currency: "usd", metadata: { purpose: "test" } })
      .then((i) => i.id);
    await db.transaction((tx) =>
      recordPledgePayment(tx, {
        processorObjectId: failedIntent,
        amountMinor: 5_000,
        currency: "USD",
        organizationId: who.organization.id,
        initiativeId: initiative.id,
        pledgeId: pledge.id,
        occurredAt: new Date(),
        description: "forged",
      }),
    );
    await reconcileLedger(db);
    const issues = await db.select().from(reconciliationIssues);
    expect(issues.map((i) => i.processorObjectId)).toContain(failedIntent);
    expect(issues.map((i) => i.processorObjectId)).not.toContain(paid.paymentIntentId);
  });
});

describe("refunds and interrupted invoices", () => {
  it("staff refund a paid pledge: Stripe confirms, the pledge is refunded, the money leaves the initiative's funds", async () => {
    const staff = await buildUser(db, { passwordHash: "x", isStaff: true });
    const initiative = await openInitiative({ goalMinor: 100_000, minBackers: 1 });
    const who = await pledger("Refund Lab");
    const pledge = await pledgeByCard(who, initiative.id, "1000");
    await fundAtDeadline(initiative.id);
    await waitForStatus(pledge.id, "paid");
    await expect(refundPledge(db, staff.id, pledge.id, "short")).rejects.toBeInstanceOf(ValidationError);
    await refundPledge(db, staff.id, pledge.id, "The organization paid twice by mistake");
    await waitForStatus(pledge.id, "refunded");
    const groups = await db.select().from(ledgerGroups).where(eq(ledgerGroups.pledgeId, pledge.id));
    expect(groups.map((g) => g.kind).sort()).toEqual(["pledge_payment", "processor_fee", "refund"]);
    const funds = await db.execute(
      sql`select coalesce(-sum(e.amount_minor), 0)::bigint as total from ledger_entries e
          join ledger_accounts a on a.id = e.account_id
          where a.kind = 'initiative_funds' and a.initiative_id = ${initiative.id}`,
    );
    expect(Number((funds as unknown as [{ total: string }])[0].total)).toBe(0);
    const { fundingSummary } = await import("~/modules/pledges/funding.server");
    expect((await fundingSummary(db, await initiativeOf(initiative.id))).figures).toMatchObject({
      collected: 100_000,
      refunded: 100_000,
    });
    // A second refund is refused before Stripe is asked.
    await expect(
      refundPledge(db, staff.id, pledge.id, "The organization paid twice by mistake"),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await ledgerIntegrityProblems(db)).toEqual([]);
  });

  it("an invoice created at Stripe whose id was never recorded (a crash) is finished, not issued twice", async () => {
    const initiative = await openInitiative({ goalMinor: 100_000, minBackers: 1 });
    const who = await pledger("Crash Institute");
    const { pledge } = await pledgeByInvoice(who, initiative.id, "1000");
    await db
      .update(initiatives)
      .set({ status: "funded", fundedAt: new Date() })
      .where(eq(initiatives.id, initiative.id));
    await db.update(pledges).set({ status: "collecting" }).where(eq(pledges.id, pledge.id));
    const profile = await billingProfileOf(db, who.organization.id);
    // The worker created the draft, then died before adding the line or recording it.
    await stripe().invoices.create({
      customer: profile!.stripeCustomerId,
      collection_method: "send_invoice",
      days_until_due: 30,
      currency: "usd",
      metadata: { purpose: "pledge", pledgeId: pledge.id },
    });
    expect(await collectPledge(db, pledge.id)).toBe("invoiced");
    const invoices = (
      await stripe().invoices.list({ customer: profile!.stripeCustomerId, limit: 100 })
    ).data.filter((i) => i.metadata?.pledgeId === pledge.id);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: "open", amount_due: 100_000 });
    expect((await pledgeOf(pledge.id)).stripeInvoiceId).toBe(invoices[0]!.id);
    // Run again: nothing new.
    expect(await collectPledge(db, pledge.id)).toBe("skipped:invoiced");
  });
});

describe("exactly once, whatever happens", () => {
  it("two workers collecting the same pledges at once, with every webhook delivered twice and out of order: one charge each", async () => {
    const initiative = await openInitiative({ goalMinor: 500_000, minBackers: 5 });
    const crowd = await Promise.all(Array.from({ length: 5 }, (_, i) => pledger(`Twice ${i}`)));
    const rows = [];
    for (const who of crowd) rows.push(await pledgeByCard(who, initiative.id, "1000"));
    harness.emulator.events.chaos = { duplicate: true, shuffle: true };
    try {
      await fundAtDeadline(initiative.id);
      // A second and a third worker race the queue's own for every pledge.
      await Promise.all(rows.flatMap((p) => [collectPledge(db, p.id), collectPledge(db, p.id)]));
      for (const p of rows) await waitForStatus(p.id, "paid");
      await harness.emulator.events.idle();
    } finally {
      harness.emulator.events.chaos = null;
    }
    for (const p of rows) {
      expect(intentsForPledge(p.id)).toHaveLength(1);
      expect(succeededCharges(p.id)).toHaveLength(1);
      const groups = await db.select().from(ledgerGroups).where(eq(ledgerGroups.pledgeId, p.id));
      expect(groups.map((g) => g.kind).sort()).toEqual(["pledge_payment", "processor_fee"]);
      expect(await db.select().from(receipts).where(eq(receipts.pledgeId, p.id))).toHaveLength(1);
    }
    expect(await ledgerIntegrityProblems(db)).toEqual([]);
  });

  it("a collection whose Stripe call went out but whose answer was lost (a killed worker) is resumed with its own key: one charge", async () => {
    const initiative = await openInitiative({ goalMinor: 100_000, minBackers: 1 });
    const who = await pledger("Crash Lab");
    const pledge = await pledgeByCard(who, initiative.id, "1000");
    // Funded, but the collection jobs are taken by a worker that dies: simulate by
    // preparing the attempt and sending it to Stripe ourselves, then forgetting the answer.
    await db
      .update(initiatives)
      .set({ status: "funded", fundedAt: new Date() })
      .where(eq(initiatives.id, initiative.id));
    await db.update(pledges).set({ status: "collecting" }).where(eq(pledges.id, pledge.id));
    const { openAttempt } = await import("~/modules/payments/attempts.server");
    const { offSessionRequest } = await import("~/modules/payments/charges.server");
    const row = await pledgeOf(pledge.id);
    const customer = (await stripe().paymentMethods.retrieve(row.paymentMethodId!)).customer as string;
    const { operation, request } = offSessionRequest({
      customerId: customer,
      paymentMethodId: row.paymentMethodId!,
      amountMinor: row.amountMinor,
      currency: row.currency,
      description: "Pledge",
      metadata: {
        purpose: "pledge",
        pledgeId: row.id,
        organizationId: row.organizationId,
        initiativeId: row.initiativeId,
      },
    });
    const attempt = await openAttempt(db, {
      operation,
      request,
      pledgeId: row.id,
      organizationId: row.organizationId,
    });
    const key = { key: attempt.idempotencyKey, request };
    await stripe().paymentIntents.create(key.request as never, { idempotencyKey: key.key });
    const [started] = (
      await db.select().from(paymentAttempts).where(eq(paymentAttempts.pledgeId, pledge.id))
    ).filter((a) => a.operation.startsWith("payment-intent."));
    expect(started).toMatchObject({
      status: "started",
      idempotencyKey: attemptKey(started!.operation, started!.id),
    });
    // The restarted worker's sweep finds the stalled collection and resumes that attempt.
    await sweepPledges(db, new Date(Date.now() + 10 * 60_000));
    await waitForStatus(pledge.id, "paid");
    expect(intentsForPledge(pledge.id)).toHaveLength(1);
    expect(succeededCharges(pledge.id)).toHaveLength(1);
    const attempts = await db.select().from(paymentAttempts).where(eq(paymentAttempts.pledgeId, pledge.id));
    expect(attempts.filter((a) => a.operation.startsWith("payment-intent."))).toHaveLength(1);
  });
});

describe("matching", () => {
  it("a 1:1 match from the pool counts toward the goal (not the organizations), is fixed at funding and posted to the ledger", async () => {
    const staff = await buildUser(db, { passwordHash: "x", isStaff: true });
    const member = await pledger("Dues Payer");
    await db.transaction((tx) =>
      recordMembershipPayment(tx, {
        invoiceId: `in_test_${member.organization.id}`,
        amountMinor: 2_000_000,
        currency: "USD",
        organizationId: member.organization.id,
        membershipId: null as never,
        occurredAt: new Date(),
        description: "Dues",
      }),
    );
    const before = await poolBalance(db, "USD");
    await expect(
      transferToPool(db, staff.id, { amountMinor: 100_000_000_000, currency: "USD", reason: "too much" }),
    ).rejects.toBeInstanceOf(ValidationError);
    await transferToPool(db, staff.id, {
      amountMinor: 500_000,
      currency: "USD",
      reason: "Matching round 2027",
    });
    expect(await poolBalance(db, "USD")).toBe(before + 500_000);

    const initiative = await openInitiative({
      goalMinor: 400_000,
      minBackers: 3,
      matchRule: "one_to_one",
      matchCapMinor: 200_000,
    });
    const [a, b] = [await pledger("Match A"), await pledger("Match B")];
    await pledgeByInvoice(a, initiative.id, "1000");
    await pledgeByCard(b, initiative.id, "1000");
    // $2,000 pledged plus a $2,000 match reach the goal, but the match is no organization: 2 of 3.
    await expect(
      closeInitiative(db, initiative.id, { staffId: staff.id, rationale: "Everything is in place early" }),
    ).rejects.toThrow(/funding rule does not hold/);
    await db.update(initiatives).set({ minBackers: 2 }).where(eq(initiatives.id, initiative.id));
    expect(
      await closeInitiative(db, initiative.id, {
        staffId: staff.id,
        rationale: "Everything is in place early",
      }),
    ).toBe("funded");
    const funded = await initiativeOf(initiative.id);
    expect(funded).toMatchObject({ status: "funded", matchedMinor: 200_000 });
    expect(await poolBalance(db, "USD")).toBe(before + 300_000);
    const match = await db
      .select()
      .from(ledgerGroups)
      .where(and(eq(ledgerGroups.initiativeId, initiative.id), eq(ledgerGroups.kind, "match")));
    expect(match).toHaveLength(1);
  });
});
