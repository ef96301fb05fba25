import type { EventBus } from "./events";
import { type CardBehaviour, list, type Obj, type Store, StripeError, TEST_CARDS } from "./store";

// What happens to money inside the emulator: payment methods, charges, checkout
// completion, subscriptions and their yearly renewals, invoices.

const YEAR = 365 * 24 * 60 * 60;
const DAY = 24 * 60 * 60;
/** Failed renewals are retried; after this long unpaid the subscription is canceled. */
export const DUNNING_SECONDS = 14 * DAY;

type LineItem = {
  amount: number;
  currency: string;
  description: string;
  interval: string | null;
  product: string;
};

export class Billing {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly baseUrl: () => string,
  ) {}

  createProduct(name: string) {
    return this.store.put({
      id: this.store.id("prod"),
      object: "product",
      active: true,
      created: this.store.now(),
      updated: this.store.now(),
      name,
      description: null,
      metadata: {},
      livemode: false,
    });
  }

  behaviourOf(paymentMethodId: string | null | undefined): CardBehaviour {
    const number = paymentMethodId ? this.store.cardNumbers.get(paymentMethodId) : undefined;
    return (number && TEST_CARDS[number]?.behaviour) || "succeeds";
  }

  createPaymentMethod(
    number: string,
    customer: string | null,
    expiry?: { month: number; year: number } | null,
  ) {
    const digits = number.replace(/\D/g, "");
    const card = TEST_CARDS[digits];
    if (!card)
      throw new StripeError(402, {
        type: "card_error",
        code: "incorrect_number",
        message: "Your card number is incorrect.",
      });
    const pm = this.store.put({
      id: this.store.id("pm"),
      object: "payment_method",
      type: "card",
      created: this.store.now(),
      customer,
      livemode: false,
      metadata: {},
      billing_details: { address: null, email: null, name: null, phone: null },
      card: {
        brand: card.brand,
        last4: digits.slice(-4),
        exp_month: expiry?.month ?? 12,
        exp_year: expiry?.year ?? 2034,
        country: "US",
        funding: "credit",
      },
    });
    this.store.cardNumbers.set(pm.id, digits);
    // Saving a card never makes it the customer's default: only customers.update does.
    if (customer) this.events.emit("payment_method.attached", pm);
    return pm;
  }

  setDefaultPaymentMethod(customerId: string, paymentMethodId: string) {
    const customer = this.store.get(customerId, "customer");
    if (customer)
      customer.invoice_settings = {
        ...(customer.invoice_settings as object),
        default_payment_method: paymentMethodId,
      };
  }

  /** A PaymentIntent as Stripe creates it (the API's create, or an invoice or checkout charging). */
  createIntent(input: {
    amount: number;
    currency: string;
    customer: string | null;
    paymentMethod: string | null;
    description?: string;
    metadata?: Record<string, string>;
  }) {
    const intent = this.store.put({
      id: this.store.id("pi"),
      object: "payment_intent",
      amount: input.amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: input.currency,
      customer: input.customer,
      payment_method: input.paymentMethod,
      payment_method_types: ["card"],
      capture_method: "automatic",
      confirmation_method: "automatic",
      client_secret: `${this.store.id("pi")}_secret_${this.store.id("s")}`,
      created: this.store.now(),
      canceled_at: null,
      cancellation_reason: null,
      description: input.description ?? null,
      metadata: input.metadata ?? {},
      livemode: false,
      status: input.paymentMethod ? "requires_confirmation" : "requires_payment_method",
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
      setup_future_usage: null,
    });
    this.events.emit("payment_intent.created", intent);
    return intent;
  }

  /** One charge attempt; `offSession` turns authentication into a failure, as at Stripe. */
  charge(
    input: {
      amount: number;
      currency: string;
      customer: string | null;
      paymentMethod: string | null;
      offSession: boolean;
      description?: string;
      metadata?: Record<string, string>;
    },
    existing?: Obj,
  ) {
    const behaviour = this.behaviourOf(input.paymentMethod);
    const now = this.store.now();
    const intent = existing ?? this.createIntent(input);
    intent.payment_method = input.paymentMethod;
    const failure =
      behaviour === "declined" || behaviour === "charge_fails"
        ? { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." }
        : behaviour === "lost_card"
          ? { code: "card_declined", decline_code: "lost_card", message: "Your card was declined." }
          : behaviour === "insufficient_funds"
            ? {
                code: "card_declined",
                decline_code: "insufficient_funds",
                message: "Your card has insufficient funds.",
              }
            : behaviour === "requires_authentication" && input.offSession
              ? {
                  code: "authentication_required",
                  decline_code: "authentication_required",
                  message: "Your card was declined. This transaction requires authentication.",
                }
              : null;
    if (failure) {
      // As at Stripe: a failed attempt leaves the intent waiting for a payment method, and the
      // error carries the whole PaymentMethod that failed.
      intent.status = "requires_payment_method";
      intent.last_payment_error = {
        type: "card_error",
        ...failure,
        payment_method: input.paymentMethod ? structuredClone(this.store.get(input.paymentMethod)) : null,
      };
      if (behaviour !== "requires_authentication") {
        const failed = this.store.put({
          id: this.store.id("ch"),
          object: "charge",
          amount: input.amount,
          amount_captured: 0,
          amount_refunded: 0,
          currency: input.currency,
          customer: input.customer,
          payment_intent: intent.id,
          payment_method: input.paymentMethod,
          balance_transaction: null,
          paid: false,
          captured: false,
          refunded: false,
          status: "failed",
          failure_code: failure.code,
          failure_message: failure.message,
          created: now,
          livemode: false,
          metadata: input.metadata ?? {},
        });
        intent.latest_charge = failed.id;
        this.events.emit("charge.failed", failed);
      }
      this.events.emit("payment_intent.payment_failed", intent);
      return { ok: false as const, intent, failure };
    }
    const fee = Math.round(input.amount * 0.029) + 30;
    const balance = this.store.put({
      id: this.store.id("txn"),
      object: "balance_transaction",
      amount: input.amount,
      currency: input.currency,
      fee,
      net: input.amount - fee,
      created: now,
      type: "charge",
      status: "available",
      fee_details: [
        { amount: fee, currency: input.currency, type: "stripe_fee", description: "Stripe processing fees" },
      ],
    });
    const charge = this.store.put({
      id: this.store.id("ch"),
      object: "charge",
      amount: input.amount,
      amount_captured: input.amount,
      amount_refunded: 0,
      currency: input.currency,
      customer: input.customer,
      payment_intent: intent.id,
      payment_method: input.paymentMethod,
      balance_transaction: balance.id,
      paid: true,
      captured: true,
      refunded: false,
      status: "succeeded",
      created: now,
      livemode: false,
      metadata: input.metadata ?? {},
    });
    Object.assign(intent, { status: "succeeded", amount_received: input.amount, latest_charge: charge.id });
    this.events.emit("payment_intent.succeeded", intent);
    this.events.emit("charge.succeeded", charge);
    return { ok: true as const, intent, charge };
  }

  createInvoice(input: {
    customer: string;
    collectionMethod: "charge_automatically" | "send_invoice";
    daysUntilDue?: number;
    subscription?: string;
    billingReason: string;
    metadata?: Record<string, string>;
    lines: LineItem[];
    periodStart?: number;
    periodEnd?: number;
  }) {
    const now = this.store.now();
    const customer = this.store.get(input.customer, "customer");
    const id = this.store.id("in");
    const invoice = this.store.put({
      id,
      object: "invoice",
      customer: input.customer,
      customer_email: customer?.email ?? null,
      customer_name: customer?.name ?? null,
      customer_address: customer?.address ?? null,
      customer_tax_ids: (
        (customer?.tax_ids as { data?: { type: string; value: string }[] } | undefined)?.data ?? []
      ).map((t) => ({ type: t.type, value: t.value })),
      custom_fields: null,
      collection_method: input.collectionMethod,
      billing_reason: input.billingReason,
      status: "draft",
      currency: input.lines[0]?.currency ?? "usd",
      amount_due: 0,
      amount_paid: 0,
      amount_remaining: 0,
      subtotal: 0,
      total: 0,
      attempt_count: 0,
      attempted: false,
      auto_advance: false,
      created: now,
      due_date: input.collectionMethod === "send_invoice" ? now + (input.daysUntilDue ?? 30) * DAY : null,
      number: null,
      hosted_invoice_url: null,
      invoice_pdf: null,
      livemode: false,
      metadata: input.metadata ?? {},
      next_payment_attempt: null,
      period_start: input.periodStart ?? now,
      period_end: input.periodEnd ?? now,
      parent: input.subscription
        ? {
            type: "subscription_details",
            quote_details: null,
            subscription_details: {
              subscription: input.subscription,
              metadata: structuredClone(
                (this.store.get(input.subscription, "subscription")?.metadata as Record<string, string>) ??
                  {},
              ),
            },
          }
        : null,
      status_transitions: {
        finalized_at: null,
        paid_at: null,
        voided_at: null,
        marked_uncollectible_at: null,
      },
      lines: list([], `/v1/invoices/${id}/lines`),
    });
    for (const line of input.lines) this.addLine(invoice, line);
    return invoice;
  }

  addLine(invoice: Obj, line: LineItem) {
    const lines = invoice.lines as { data: unknown[] };
    lines.data.push({
      id: this.store.id("il"),
      object: "line_item",
      amount: line.amount,
      currency: line.currency,
      description: line.description,
      period: { start: invoice.period_start, end: invoice.period_end },
      quantity: 1,
      pricing: {
        type: "price_details",
        price_details: { price: this.store.id("price"), product: line.product },
        unit_amount_decimal: String(line.amount),
      },
    });
    const total = (lines.data as { amount: number }[]).reduce((sum, l) => sum + l.amount, 0);
    Object.assign(invoice, {
      subtotal: total,
      total,
      amount_due: total,
      amount_remaining: total,
      currency: line.currency,
    });
  }

  finalizeInvoice(invoice: Obj) {
    if (invoice.status !== "draft") return invoice;
    const count = this.store.all("invoice").filter((i) => i.number).length + 1;
    // Stripe copies the customer's details onto the invoice when it is finalized.
    const customer = this.store.get(String(invoice.customer), "customer");
    if (customer)
      Object.assign(invoice, {
        customer_email: customer.email ?? null,
        customer_name: customer.name ?? null,
        customer_address: customer.address ?? null,
      });
    Object.assign(invoice, {
      status: "open",
      number: `COMMONS-${String(count).padStart(4, "0")}`,
      hosted_invoice_url: `${this.baseUrl()}/invoice/${invoice.id}`,
      invoice_pdf: `${this.baseUrl()}/invoice/${invoice.id}/pdf`,
      status_transitions: { ...(invoice.status_transitions as object), finalized_at: this.store.now() },
    });
    this.events.emit("invoice.finalized", invoice);
    return invoice;
  }

  markInvoicePaid(invoice: Obj) {
    if (invoice.status === "paid") return invoice;
    const previous = { status: invoice.status };
    Object.assign(invoice, {
      status: "paid",
      amount_paid: invoice.amount_due,
      amount_remaining: 0,
      attempted: true,
      next_payment_attempt: null,
      status_transitions: { ...(invoice.status_transitions as object), paid_at: this.store.now() },
    });
    this.events.emit("invoice.paid", invoice, previous);
    this.events.emit("invoice.payment_succeeded", invoice, previous);
    return invoice;
  }

  /** Charges an open invoice to the customer's default card. */
  payInvoice(invoice: Obj, paymentMethod?: string | null) {
    const customer = this.store.get(String(invoice.customer), "customer");
    const pm =
      paymentMethod ??
      (customer?.invoice_settings as { default_payment_method?: string } | undefined)
        ?.default_payment_method ??
      null;
    invoice.attempt_count = Number(invoice.attempt_count) + 1;
    invoice.attempted = true;
    const result = this.charge({
      amount: Number(invoice.amount_due),
      currency: String(invoice.currency),
      customer: String(invoice.customer),
      paymentMethod: pm,
      offSession: invoice.billing_reason !== "subscription_create",
      description: `Invoice ${invoice.number}`,
      metadata: { invoice: invoice.id },
    });
    if (result.ok) {
      this.store.put({
        id: this.store.id("inpay"),
        object: "invoice_payment",
        invoice: invoice.id,
        amount_paid: invoice.amount_due,
        amount_requested: invoice.amount_due,
        currency: invoice.currency,
        created: this.store.now(),
        is_default: true,
        livemode: false,
        status: "paid",
        payment: { type: "payment_intent", payment_intent: result.intent.id },
        status_transitions: { paid_at: this.store.now(), canceled_at: null },
      });
      this.markInvoicePaid(invoice);
      return true;
    }
    invoice.next_payment_attempt = this.store.now() + 3 * DAY;
    this.events.emit("invoice.payment_failed", invoice);
    return false;
  }

  /** Checkout's hosted page was completed with `paymentMethod`. */
  completeCheckout(session: Obj, paymentMethod: Obj) {
    const customerId = String(session.customer);
    const items = (session.line_items_data as LineItem[]) ?? [];
    const now = this.store.now();
    if (session.mode === "subscription") {
      const subscription = this.createSubscription(
        customerId,
        items[0]!,
        session.subscription_data_metadata as Record<string, string>,
        paymentMethod.id,
      );
      const invoice = this.createInvoice({
        customer: customerId,
        collectionMethod: "charge_automatically",
        subscription: subscription.id,
        billingReason: "subscription_create",
        metadata: {},
        lines: items,
        periodStart: now,
        periodEnd: now + YEAR,
      });
      this.finalizeInvoice(invoice);
      this.payInvoice(invoice, paymentMethod.id);
      subscription.latest_invoice = invoice.id;
      Object.assign(session, { subscription: subscription.id, invoice: invoice.id, payment_status: "paid" });
    } else if (session.mode === "setup") {
      const setupIntent = this.store.put({
        id: this.store.id("seti"),
        object: "setup_intent",
        customer: customerId,
        payment_method: paymentMethod.id,
        status: "succeeded",
        usage: "off_session",
        created: now,
        livemode: false,
        metadata: session.metadata ?? {},
      });
      this.events.emit("setup_intent.created", setupIntent);
      this.events.emit("setup_intent.succeeded", setupIntent);
      Object.assign(session, { setup_intent: setupIntent.id, payment_status: "no_payment_required" });
    } else {
      const item = items[0]!;
      const result = this.charge({
        amount: item.amount,
        currency: item.currency,
        customer: customerId,
        paymentMethod: paymentMethod.id,
        offSession: false,
        metadata: session.metadata as Record<string, string>,
      });
      Object.assign(session, {
        payment_intent: result.intent.id,
        payment_status: result.ok ? "paid" : "unpaid",
      });
    }
    Object.assign(session, { status: "complete", url: null });
    this.events.emit("checkout.session.completed", session);
  }

  createSubscription(
    customer: string,
    item: LineItem,
    metadata: Record<string, string> | undefined,
    paymentMethod: string,
  ) {
    const now = this.store.now();
    const subscription = this.store.put({
      id: this.store.id("sub"),
      object: "subscription",
      customer,
      status: "active",
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      collection_method: "charge_automatically",
      created: now,
      start_date: now,
      currency: item.currency,
      default_payment_method: paymentMethod,
      latest_invoice: null,
      livemode: false,
      metadata: metadata ?? {},
      items: list([this.subscriptionItem(item, now)], "/v1/subscription_items"),
    });
    this.events.emit("customer.subscription.created", subscription);
    return subscription;
  }

  subscriptionItem(item: LineItem, start: number) {
    return {
      id: this.store.id("si"),
      object: "subscription_item",
      quantity: 1,
      current_period_start: start,
      current_period_end: start + YEAR,
      price: {
        id: this.store.id("price"),
        object: "price",
        currency: item.currency,
        unit_amount: item.amount,
        recurring: { interval: item.interval ?? "year", interval_count: 1 },
        product: item.product,
        nickname: item.description,
        type: "recurring",
      },
    };
  }

  periodEnd(subscription: Obj) {
    return (subscription.items as { data: { current_period_end: number }[] }).data[0]!.current_period_end;
  }

  /** Renewals, retries and cancellations that fall due at the emulator's current time. */
  runClock() {
    const now = this.store.now();
    for (const subscription of this.store.all("subscription")) {
      if (subscription.status === "canceled") continue;
      const end = this.periodEnd(subscription);
      if (subscription.status === "past_due") {
        this.retryRenewal(subscription, now);
        continue;
      }
      if (end > now) continue;
      if (subscription.cancel_at_period_end) {
        this.cancelSubscription(subscription);
        continue;
      }
      const item = (
        subscription.items as {
          data: { price: { unit_amount: number; currency: string; nickname: string; product: string } }[];
        }
      ).data[0]!;
      const invoice = this.createInvoice({
        customer: String(subscription.customer),
        collectionMethod: "charge_automatically",
        subscription: subscription.id,
        billingReason: "subscription_cycle",
        lines: [
          {
            amount: item.price.unit_amount,
            currency: item.price.currency,
            description: item.price.nickname,
            interval: "year",
            product: item.price.product,
          },
        ],
        periodStart: end,
        periodEnd: end + YEAR,
      });
      this.finalizeInvoice(invoice);
      subscription.latest_invoice = invoice.id;
      const paid = this.payInvoice(invoice, subscription.default_payment_method as string);
      this.rollPeriod(subscription, paid ? "active" : "past_due");
    }
  }

  private retryRenewal(subscription: Obj, now: number) {
    const invoice = this.store.get(String(subscription.latest_invoice), "invoice");
    if (!invoice || invoice.status !== "open") return;
    const firstFailure = Number((invoice.status_transitions as { finalized_at: number }).finalized_at);
    if (this.payInvoice(invoice, subscription.default_payment_method as string)) {
      const previous = { status: subscription.status };
      subscription.status = "active";
      this.events.emit("customer.subscription.updated", subscription, previous);
    } else if (now - firstFailure >= DUNNING_SECONDS) {
      Object.assign(invoice, { status: "uncollectible" });
      this.events.emit("invoice.marked_uncollectible", invoice);
      this.cancelSubscription(subscription);
    }
  }

  private rollPeriod(subscription: Obj, status: string) {
    const item = (
      subscription.items as { data: { current_period_start: number; current_period_end: number }[] }
    ).data[0]!;
    const previous = { status: subscription.status, items: structuredClone(subscription.items) };
    item.current_period_start = item.current_period_end;
    item.current_period_end += YEAR;
    subscription.status = status;
    this.events.emit("customer.subscription.updated", subscription, previous);
  }

  cancelSubscription(subscription: Obj) {
    const now = this.store.now();
    Object.assign(subscription, {
      status: "canceled",
      canceled_at: subscription.canceled_at ?? now,
      ended_at: now,
    });
    this.events.emit("customer.subscription.deleted", subscription);
  }

  refund(input: {
    paymentIntent?: string;
    charge?: string;
    amount?: number;
    metadata?: Record<string, string>;
  }) {
    const charge = input.charge
      ? this.store.get(input.charge, "charge")
      : // As at Stripe: the PaymentIntent's successful charge, not an earlier failed attempt.
        this.store
          .all("charge")
          .find((c) => c.payment_intent === input.paymentIntent && c.status === "succeeded");
    if (!charge && input.paymentIntent && this.store.get(input.paymentIntent, "payment_intent"))
      throw new StripeError(400, {
        type: "invalid_request_error",
        message: `This PaymentIntent (${input.paymentIntent}) does not have a successful charge to refund.`,
      });
    if (!charge)
      throw new StripeError(404, {
        type: "invalid_request_error",
        code: "resource_missing",
        message: "No such charge.",
      });
    const remaining = Number(charge.amount) - Number(charge.amount_refunded);
    const amount = input.amount ?? remaining;
    if (amount > remaining)
      throw new StripeError(400, {
        type: "invalid_request_error",
        code: "amount_too_large",
        message: "Refund amount is greater than the unrefunded amount.",
      });
    const refund = this.store.put({
      id: this.store.id("re"),
      object: "refund",
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      status: "succeeded",
      created: this.store.now(),
      metadata: input.metadata ?? {},
    });
    Object.assign(charge, {
      amount_refunded: Number(charge.amount_refunded) + amount,
      refunded: Number(charge.amount_refunded) + amount === charge.amount,
    });
    this.events.emit("refund.created", refund);
    this.events.emit("charge.refunded", charge);
    return refund;
  }
}
