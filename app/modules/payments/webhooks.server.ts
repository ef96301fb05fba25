import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db } from "#db/client.server";
import { paymentExceptions, stripeEvents } from "#db/schema";
import { logger } from "~/lib/logger.server";
import { enqueue, QUEUES } from "~/modules/jobs/boss.server";
import { STRIPE_API_VERSION, stripe, webhookSecret } from "./stripe.server";

// Receiving Stripe webhooks (issue 3, item 3): verify the signature over the raw
// body with Stripe's 300 s tolerance, store the event by id together with its
// processing job in one transaction, and answer quickly.

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type WebhookReceipt =
  | { status: "stored" | "duplicate"; eventId: string; type: string }
  | { status: "rejected"; reason: string };

export async function receiveStripeWebhook(
  db: Db,
  rawBody: string,
  signature: string | null,
  /** Whether a module handles this event; others are stored as processed, with no job. */
  isHandled: (event: Stripe.Event) => boolean,
): Promise<WebhookReceipt> {
  if (!signature) return { status: "rejected", reason: "missing Stripe-Signature header" };
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(
      rawBody,
      signature,
      webhookSecret(),
      SIGNATURE_TOLERANCE_SECONDS,
    );
  } catch (error) {
    return {
      status: "rejected",
      reason: error instanceof Error ? error.message.split("\n")[0]! : "invalid signature",
    };
  }
  const object = event.data.object as { id?: string };
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(stripeEvents)
      .values({
        id: event.id,
        type: event.type,
        objectId: object.id ?? null,
        apiVersion: event.api_version ?? null,
        ...(isHandled(event) ? {} : { processedAt: new Date() }),
        stripeCreatedAt: new Date(event.created * 1000),
        // The verified body as received: PostgreSQL parses it once, no second serialization here.
        payload: sql`${rawBody}::jsonb`,
      })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (inserted.length === 0) {
      await tx
        .update(stripeEvents)
        .set({ deliveries: sql`${stripeEvents.deliveries} + 1` })
        .where(eq(stripeEvents.id, event.id));
      return { status: "duplicate" as const, eventId: event.id, type: event.type };
    }
    // Stripe formats payloads at the endpoint's API version; another version means
    // fields may be missing or shaped differently (ADR 0011). Flag it for staff.
    if (event.api_version && event.api_version !== STRIPE_API_VERSION) {
      logger.warn(
        { eventId: event.id, apiVersion: event.api_version, expected: STRIPE_API_VERSION },
        "stripe event at another API version",
      );
      await tx
        .insert(paymentExceptions)
        .values({
          kind: "api_version",
          processorObjectId: event.id,
          stripeEventId: event.id,
          problem: `Event ${event.type} arrived at API version ${event.api_version}; Commons expects ${STRIPE_API_VERSION}. Recreate the webhook endpoint at ${STRIPE_API_VERSION} (README).`,
        })
        .onConflictDoNothing();
    }
    if (isHandled(event))
      await enqueue(
        tx,
        QUEUES.stripeEvent,
        { eventId: event.id },
        // Processing takes well under a minute: a job held longer belongs to a dead worker.
        { singletonKey: event.id, expireInSeconds: 300 },
      );
    return { status: "stored" as const, eventId: event.id, type: event.type };
  });
}

/**
 * Stored events still unprocessed after a while: their job died with its worker (or
 * failed for good). Each gets a new job; processing an event is idempotent, so one
 * that a live worker is about to finish changes nothing.
 */
export async function requeueStalledEvents(db: Db, now = new Date(), stalledAfterMs = 2 * 60 * 1000) {
  const stalled = await db
    .select({ id: stripeEvents.id })
    .from(stripeEvents)
    .where(
      and(
        isNull(stripeEvents.processedAt),
        lt(stripeEvents.receivedAt, new Date(now.getTime() - stalledAfterMs)),
      ),
    )
    .limit(1000);
  for (const { id } of stalled)
    await db.transaction((tx) => enqueue(tx, QUEUES.stripeEvent, { eventId: id }, { expireInSeconds: 300 }));
  return stalled.length;
}
