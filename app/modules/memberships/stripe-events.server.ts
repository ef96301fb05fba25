import { type StripeEventHandlers, stripeHandler } from "~/modules/payments/event-processing.server";
import { idOf, type StripeSubscription } from "~/modules/payments/stripe.server";
import {
  type LoadedInvoice,
  loadInvoice,
  onInvoicePaid,
  onInvoicePaymentFailed,
} from "./invoice-payments.server";
import { type LoadedSubscription, loadSubscription, syncSubscription } from "./lifecycle.server";

// The memberships module's Stripe events (ADR 0011), by type, for objects whose
// `metadata.purpose` is "membership".

const subscriptionEvent = stripeHandler<LoadedSubscription>({
  load: (event) => loadSubscription((event.data.object as StripeSubscription).id),
  apply: async (tx, event, loaded) => void (await syncSubscription(tx, loaded, event.type)),
});

/** The memberships module's Stripe events, routed here for objects whose purpose is "membership". */
export const membershipStripeHandlers: StripeEventHandlers = {
  "checkout.session.completed": stripeHandler<LoadedSubscription | null>({
    load: async (event) => {
      const session = event.data.object as { mode: string; subscription: string | { id: string } | null };
      const id = session.mode === "subscription" ? idOf(session.subscription) : null;
      return id ? loadSubscription(id) : null;
    },
    apply: async (tx, _event, loaded) =>
      void (loaded && (await syncSubscription(tx, loaded, "checkout completed"))),
  }),
  "customer.subscription.created": subscriptionEvent,
  "customer.subscription.updated": subscriptionEvent,
  "customer.subscription.deleted": subscriptionEvent,
  "invoice.paid": stripeHandler<LoadedInvoice>({ load: loadInvoice, apply: onInvoicePaid }),
  "invoice.payment_failed": stripeHandler<LoadedInvoice>({
    load: loadInvoice,
    apply: (tx, _event, loaded) => onInvoicePaymentFailed(tx, loaded),
  }),
};
