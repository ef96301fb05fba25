import { eq, inArray } from "drizzle-orm";
import { postLedgerGroup } from "../../app/modules/ledger/ledger.server";
import {
  recordMatch,
  recordPledgePayment,
  recordPoolTransfer,
} from "../../app/modules/ledger/movements.server";
import { createPledgeRow, movePledge } from "../../app/modules/pledges/workflow";
import type { Tx } from "../client.server";
import { initiatives, receipts } from "../schema";

// Demo pledges (issue 10, section 4): open initiatives with pledges at several
// stages and a matching rule, funded ones collected (one with an errored pledge), and
// a matching pool, so `npm run dev` shows all of it. Written through the pledge
// workflow and the ledger, as the real flows would; card pledges that were "paid"
// carry demo PaymentIntent ids the emulator does not know, so they are never collected
// again. Open pledges are by invoice: collecting them needs no card at Stripe.

const DAY = 86_400_000;
const PLEDGERS = [
  "northbridge-university",
  "hydrology-commons",
  "astro-data-collective",
  "coastal-ocean-lab",
  "pacific-health-sciences",
  "digital-humanities-guild",
  "geoscience-carpentry",
  "highland-institute-of-technology",
];

const contact = (slug: string) => ({
  name: "Accounts payable",
  email: `ap@${slug}.example.org`,
  poNumber: `PO-${slug.length * 97}`,
  taxId: "",
  addressLine1: "1 University Way",
  city: "Springfield",
  postalCode: "12345",
  country: "US",
});

export async function seedPledges(
  tx: Tx,
  ids: { organizations: Map<string, string>; ownerOf: Map<string, string> },
  staffId: string | undefined,
) {
  const now = Date.now();
  const orgIds = PLEDGERS.map((slug) => [slug, ids.organizations.get(slug)] as const).filter(
    (pair): pair is readonly [string, string] => Boolean(pair[1]),
  );
  // The matching pool: dues collected before Commons, part of them set aside for matching.
  await postLedgerGroup(tx, {
    kind: "correction",
    idempotencyKey: "demo:opening-dues",
    occurredAt: new Date(now - 120 * DAY),
    description: "Opening balance: membership dues collected before Commons (demo data)",
    entries: [
      { account: { kind: "stripe_balance" }, amountMinor: 6_000_000, currency: "USD" },
      { account: { kind: "network_dues" }, amountMinor: -6_000_000, currency: "USD" },
    ],
  });
  if (staffId)
    await recordPoolTransfer(tx, {
      transferId: "00000000-0000-4000-8000-000000000001",
      amountMinor: 2_500_000,
      currency: "USD",
      reason: "Matching round 2027, approved by the steering committee",
      staffId,
      occurredAt: new Date(now - 60 * DAY),
    });

  const rows = await tx
    .select()
    .from(initiatives)
    .where(inArray(initiatives.status, ["open", "funded", "in_progress", "delivered"]))
    .orderBy(initiatives.createdAt);
  const open = rows.filter((r) => r.status === "open" && r.goalMinor);
  const done = rows.filter((r) => r.status !== "open" && r.goalMinor);

  for (const [index, initiative] of open.entries()) {
    if (index === 0)
      await tx
        .update(initiatives)
        .set({ matchRule: "quadratic", matchCapShareBp: 4000 })
        .where(eq(initiatives.id, initiative.id));
    if (index === 1)
      await tx
        .update(initiatives)
        .set({ matchRule: "one_to_one", matchCapMinor: 500_000 })
        .where(eq(initiatives.id, initiative.id));
    const backers = orgIds.filter(([, id]) => id !== initiative.organizationId).slice(0, (index % 4) + 1);
    for (const [position, [slug, organizationId]] of backers.entries()) {
      const share =
        Math.floor(((initiative.goalMinor ?? 0) * (20 + ((index + position) % 3) * 10)) / 100 / 100) * 100;
      await createPledgeRow(
        tx,
        {
          initiativeId: initiative.id,
          organizationId,
          createdById: ids.ownerOf.get(slug) ?? null,
          status: "committed",
          method: "invoice",
          amountMinor: Math.max(initiative.minPledgeMinor, share),
          currency: initiative.currency,
          showName: position !== 1,
          showAmount: position !== 2,
          message: position === 0 ? "Our students need this every semester." : "",
          invoiceContact: contact(slug),
        },
        { by: "admin", actorId: ids.ownerOf.get(slug) ?? null, reason: "pledged (demo data)" },
      );
    }
  }

  for (const [index, initiative] of done.entries()) {
    const fundedAt = new Date(now - (index === 0 ? 2 : 40 + index * 10) * DAY);
    await tx
      .update(initiatives)
      .set({ pledgeDeadline: new Date(fundedAt.getTime() - 60_000), fundedAt, matchedMinor: 0 })
      .where(eq(initiatives.id, initiative.id));
    const backers = orgIds
      .filter(([, id]) => id !== initiative.organizationId)
      .slice(index % 3, (index % 3) + 4);
    const goal = initiative.goalMinor ?? 0;
    const each = Math.ceil(goal / backers.length / 100) * 100;
    for (const [position, [slug, organizationId]] of backers.entries()) {
      const actorId = ids.ownerOf.get(slug) ?? null;
      const pledge = await createPledgeRow(
        tx,
        {
          initiativeId: initiative.id,
          organizationId,
          createdById: actorId,
          status: "committed",
          method: "card",
          amountMinor: each,
          currency: initiative.currency,
          showName: position !== 3,
          cardBrand: "visa",
          cardLast4: "4242",
          cardExpMonth: 12,
          cardExpYear: 2034,
        },
        { by: "admin", actorId, reason: "pledged (demo data)" },
      );
      const system = { by: "system" as const, actorId: null, reason: "the initiative was funded" };
      const collecting = await movePledge(tx, pledge, "collecting", system, {
        fundedAt,
        windowEndsAt: new Date(fundedAt.getTime() + 7 * DAY),
        attemptCount: 1,
      });
      // The newest funded initiative keeps one errored pledge: its card was reported lost.
      if (index === 0 && position === backers.length - 1) {
        await movePledge(
          tx,
          collecting,
          "failed",
          { by: "stripe", actorId: null, reason: "Your card was declined." },
          {
            recovery: "new_card",
            failureCode: "card_declined",
            declineCode: "lost_card",
            failureMessage: "Your card was declined.",
            paymentMethodId: null,
            lastReminderAt: new Date(fundedAt.getTime() + 60_000),
          },
        );
        continue;
      }
      const intent = `demo_pi_${pledge.id.slice(0, 8)}`; // not a Stripe id: reconciliation skips it
      const paidAt = new Date(fundedAt.getTime() + 60_000);
      await movePledge(
        tx,
        collecting,
        "paid",
        { by: "stripe", actorId: null, reason: `paid through ${intent}` },
        {
          paidAt,
          collectedMinor: each,
          paymentIntentId: intent,
        },
      );
      await recordPledgePayment(tx, {
        processorObjectId: intent,
        amountMinor: each,
        currency: initiative.currency,
        organizationId,
        initiativeId: initiative.id,
        pledgeId: pledge.id,
        occurredAt: paidAt,
        description: `Pledge to ${initiative.title}`,
      });
      await tx.insert(receipts).values({
        organizationId,
        pledgeId: pledge.id,
        stripeInvoiceId: intent,
        number: `P-${intent.slice(-8).toUpperCase()}`,
        paidAt,
        payerName: slug,
        lines: [{ description: `Pledge to ${initiative.title}`, quantity: 1, amountMinor: each }],
        amountMinor: each,
        currency: initiative.currency,
        processorReference: intent,
      });
    }
    if (index === 0) {
      await recordMatch(tx, {
        initiativeId: initiative.id,
        amountMinor: 300_000,
        currency: initiative.currency,
        occurredAt: fundedAt,
        description: `Match for ${initiative.title}`,
      });
      await tx.update(initiatives).set({ matchedMinor: 300_000 }).where(eq(initiatives.id, initiative.id));
    }
  }
}
