import type { Db } from "#db/client.server";
import { type Attempt, type AttemptSubject, attemptStripe, openAttempt, send } from "./attempts.server";
import { idOf, StripeApiError, stripe } from "./stripe.server";

// Charging a saved card later (issue 9, section 2; what pledges need): an off-session
// charge of the card saved by Checkout in setup mode (checkout.server.ts), confirming
// on-session when the bank asks, and refunds. Each call is an attempt with its own key;
// outcomes are confirmed by webhooks and read back through charge-state.server.ts.

export type OffSessionCharge =
  | { outcome: "succeeded"; paymentIntentId: string }
  | { outcome: "authentication_required"; paymentIntentId: string | null; message: string }
  | {
      outcome: "declined";
      paymentIntentId: string | null;
      code: string;
      declineCode: string | null;
      message: string;
    };

function outcomeOfError(error: unknown): OffSessionCharge {
  if (!(error instanceof StripeApiError) || error.type !== "StripeCardError") throw error;
  const intentId = idOf((error.raw as { payment_intent?: { id: string } }).payment_intent);
  if (error.code === "authentication_required")
    return { outcome: "authentication_required", paymentIntentId: intentId, message: error.message };
  return {
    outcome: "declined",
    paymentIntentId: intentId,
    code: error.code ?? "card_declined",
    declineCode: (error.raw as { decline_code?: string }).decline_code ?? null,
    message: error.message,
  };
}

export type OffSessionInput = {
  customerId: string;
  paymentMethodId: string;
  amountMinor: number;
  currency: string;
  description: string;
  metadata: Record<string, string>;
  /** Confirm this PaymentIntent again (a retry) instead of creating one. */
  paymentIntentId?: string | null;
};

/** The operation and request of an off-session charge attempt, to store in an attempt row. */
export function offSessionRequest(input: OffSessionInput) {
  if (input.paymentIntentId)
    return {
      operation: "payment-intent.confirm-off-session",
      request: { id: input.paymentIntentId, payment_method: input.paymentMethodId, off_session: true },
    };
  return {
    operation: "payment-intent.off-session",
    request: {
      amount: input.amountMinor,
      currency: input.currency.toLowerCase(),
      customer: input.customerId,
      payment_method: input.paymentMethodId,
      off_session: true,
      confirm: true,
      description: input.description,
      metadata: input.metadata,
    },
  };
}

/**
 * Sends an off-session charge attempt (a new one, or a `started` one resumed with its
 * own key, so Stripe replays instead of charging twice). Stripe answers a decline or
 * a needed authentication with a 402: returned as an outcome, not thrown. The
 * webhook confirms the result.
 */
export async function sendOffSessionAttempt(db: Db, attempt: Attempt): Promise<OffSessionCharge> {
  try {
    const intent = await send(db, attempt, (params: Record<string, unknown>, options) => {
      if (attempt.operation === "payment-intent.confirm-off-session") {
        const { id, ...rest } = params as { id: string; payment_method: string; off_session: boolean };
        return stripe().paymentIntents.confirm(id, rest, options);
      }
      return stripe().paymentIntents.create(params as never, options);
    });
    if (intent.status === "succeeded" || intent.status === "processing")
      return { outcome: "succeeded", paymentIntentId: intent.id };
    if (intent.status === "requires_action")
      return {
        outcome: "authentication_required",
        paymentIntentId: intent.id,
        message: "authentication required",
      };
    return {
      outcome: "declined",
      paymentIntentId: intent.id,
      code: intent.last_payment_error?.code ?? "card_declined",
      declineCode: intent.last_payment_error?.decline_code ?? null,
      message: intent.last_payment_error?.message ?? "The payment did not go through.",
    };
  } catch (error) {
    return outcomeOfError(error);
  }
}

/** Charges a saved card without the customer present (one attempt, its own key). */
export async function chargeSavedCard(
  db: Db,
  input: AttemptSubject & OffSessionInput,
): Promise<OffSessionCharge> {
  const { operation, request } = offSessionRequest(input);
  const attempt = await openAttempt(db, {
    operation,
    request,
    organizationId: input.organizationId,
    pledgeId: input.pledgeId,
    actorId: input.actorId,
  });
  return sendOffSessionAttempt(db, attempt);
}

/**
 * Brings the payer back on-session for a PaymentIntent that needs authentication
 * (issue 10: "confirms the same PaymentIntent"): confirms it with the saved card and
 * a return URL. Returns the bank's page to send the payer to, or the new status.
 */
export async function confirmOnSession(
  db: Db,
  input: AttemptSubject & { paymentIntentId: string; paymentMethodId: string; returnUrl: string },
) {
  try {
    const intent = await attemptStripe(
      db,
      {
        operation: "payment-intent.confirm-on-session",
        organizationId: input.organizationId,
        pledgeId: input.pledgeId,
        actorId: input.actorId,
        request: {
          id: input.paymentIntentId,
          payment_method: input.paymentMethodId,
          return_url: input.returnUrl,
        },
      },
      ({ id, ...rest }, options) => stripe().paymentIntents.confirm(id, rest, options),
    );
    return {
      status: intent.status,
      redirectUrl: intent.next_action?.redirect_to_url?.url ?? null,
    };
  } catch (error) {
    const outcome = outcomeOfError(error);
    return { status: "requires_payment_method" as const, redirectUrl: null, outcome };
  }
}

/** Refunds all (or part) of a PaymentIntent's charge. */
export function refundPayment(
  db: Db,
  input: AttemptSubject & {
    paymentIntentId: string;
    amountMinor?: number;
    reason: string;
    metadata?: Record<string, string>;
  },
) {
  return attemptStripe(
    db,
    {
      operation: "refund.create",
      organizationId: input.organizationId,
      pledgeId: input.pledgeId,
      actorId: input.actorId,
      request: {
        payment_intent: input.paymentIntentId,
        ...(input.amountMinor ? { amount: input.amountMinor } : {}),
        metadata: { ...input.metadata, reason: input.reason },
      },
    },
    (params, options) => stripe().refunds.create(params, options),
  );
}
