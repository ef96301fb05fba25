import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import { stripeEvents } from "#db/schema";
import type { StripeEvent } from "./stripe.server";

// Processing a stored Stripe event exactly once in effect (issue 9, section 2; ADR 0011).
// Events are routed by the `metadata.purpose` of the object they are about
// (membership, pledge, …) to the handlers that module registered. A handler first
// reads what it needs from Stripe, outside any transaction (`load`), then applies it
// in one short transaction together with the processed mark (`apply`). A second run
// finds the event processed and does nothing.

export type StripeEventHandler<Loaded = unknown> = {
  /** Reads from Stripe; runs outside any transaction. */
  load?: (event: StripeEvent) => Promise<Loaded>;
  /** Writes what the event means, in the transaction that marks it processed. */
  apply: (tx: Tx, event: StripeEvent, loaded: Loaded) => Promise<void>;
};

/** The handlers of one purpose, by event type. */
export type StripeEventHandlers = Partial<Record<StripeEvent["type"], StripeEventHandler<never>>>;
export type StripeEventRoutes = Record<string, StripeEventHandlers>;

/** Typed helper so a module's handler keeps its own `Loaded` type. */
export function stripeHandler<Loaded>(handler: StripeEventHandler<Loaded>) {
  return handler as unknown as StripeEventHandler<never>;
}

type WithMetadata = {
  metadata?: Record<string, string> | null;
  parent?: { subscription_details?: { metadata?: Record<string, string> | null } | null } | null;
  subscription_details?: { metadata?: Record<string, string> | null } | null;
};

/**
 * Whose event this is: `metadata.purpose` on the object, or on the subscription an
 * invoice belongs to. Objects created before purposes existed carry a membershipId.
 */
export function purposeOf(event: StripeEvent): string | null {
  const object = event.data.object as WithMetadata;
  const metadata =
    object.metadata ?? object.parent?.subscription_details?.metadata ?? object.subscription_details?.metadata;
  const fromParent = object.parent?.subscription_details?.metadata;
  const purpose = metadata?.purpose ?? fromParent?.purpose;
  if (purpose) return purpose;
  if (metadata?.membershipId || fromParent?.membershipId) return "membership";
  return null;
}

export function handlerFor(routes: StripeEventRoutes, event: StripeEvent) {
  const purpose = purposeOf(event);
  return purpose ? (routes[purpose]?.[event.type] ?? null) : null;
}

export async function processStripeEvent(db: Db, eventId: string, routes: StripeEventRoutes) {
  const [row] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId));
  if (!row) return "missing" as const;
  if (row.processedAt) return "already-processed" as const;
  const event = row.payload as unknown as StripeEvent;
  const handler = handlerFor(routes, event);
  if (!handler) {
    // Nobody handles it: one statement marks it processed (most of a burst is such events).
    await db
      .update(stripeEvents)
      .set({ processedAt: new Date(), lastError: null })
      .where(and(eq(stripeEvents.id, eventId), isNull(stripeEvents.processedAt)));
    return "ignored" as const;
  }
  const loaded = handler.load ? await handler.load(event) : undefined;
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(stripeEvents).where(eq(stripeEvents.id, eventId)).for("update");
    if (!locked || locked.processedAt) return "already-processed" as const;
    await handler.apply(tx, event, loaded as never);
    await tx
      .update(stripeEvents)
      .set({ processedAt: new Date(), lastError: null })
      .where(eq(stripeEvents.id, eventId));
    return "processed" as const;
  });
}

export async function recordProcessingError(db: Db, eventId: string, error: unknown) {
  await db
    .update(stripeEvents)
    .set({ lastError: error instanceof Error ? error.message : String(error) })
    .where(eq(stripeEvents.id, eventId));
}

/** Every event type some module handles: what a Stripe webhook endpoint should enable. */
export function handledEventTypes(routes: StripeEventRoutes) {
  return [...new Set(Object.values(routes).flatMap((handlers) => Object.keys(handlers)))].sort();
}
