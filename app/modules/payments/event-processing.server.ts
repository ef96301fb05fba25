import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db, Tx } from "#db/client.server";
import { stripeEvents } from "#db/schema";

// Processing a stored Stripe event exactly once in effect: the event row is locked,
// handlers run in one transaction with the processed mark, and side effects such as
// emails run only after that transaction commits. A second run finds it processed.

export type AfterCommit = (work: (db: Db) => Promise<unknown>) => void;
export type StripeEventHandler = (tx: Tx, event: Stripe.Event, afterCommit: AfterCommit) => Promise<void>;

export async function processStripeEvent(db: Db, eventId: string, handlers: StripeEventHandler[]) {
  const effects: ((db: Db) => Promise<unknown>)[] = [];
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(stripeEvents).where(eq(stripeEvents.id, eventId)).for("update");
    if (!row) return "missing" as const;
    if (row.processedAt) return "already-processed" as const;
    const event = row.payload as unknown as Stripe.Event;
    for (const handler of handlers) await handler(tx, event, (work) => effects.push(work));
    await tx
      .update(stripeEvents)
      .set({ processedAt: new Date(), lastError: null })
      .where(eq(stripeEvents.id, eventId));
    return "processed" as const;
  });
  for (const effect of effects) await effect(db);
  return outcome;
}

export async function recordProcessingError(db: Db, eventId: string, error: unknown) {
  await db
    .update(stripeEvents)
    .set({ lastError: error instanceof Error ? error.message : String(error) })
    .where(eq(stripeEvents.id, eventId));
}
