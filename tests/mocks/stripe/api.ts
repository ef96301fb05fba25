import express, { type NextFunction, type Request, type Response } from "express";
import type { Billing } from "./billing";
import type { EventBus } from "./events";
import { list, type Obj, type Store, StripeError } from "./store";

// The /v1 API surface the app's Stripe module calls, in Stripe's JSON shapes.

type Body = Record<string, unknown>;
const int = (v: unknown) => (v === undefined || v === "" ? undefined : Number.parseInt(String(v), 10));

export function apiRouter(store: Store, billing: Billing, events: EventBus, baseUrl: () => string) {
  const router = express.Router();
  router.use(express.urlencoded({ extended: true, limit: "1mb" }));

  router.use((req, res, next) => {
    if (!(req.get("authorization") ?? "").startsWith("Bearer sk_test")) {
      return res
        .status(401)
        .json({ error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
    }
    // Idempotent POSTs: the same key replays the first answer, as Stripe does for 24 hours.
    const key = req.get("idempotency-key");
    if (req.method !== "POST" || !key) return next();
    const cacheKey = `${req.path}:${key}`;
    const cached = store.idempotency.get(cacheKey);
    if (cached) return res.status(cached.status).set("idempotent-replayed", "true").json(cached.body);
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      store.idempotency.set(cacheKey, { status: res.statusCode, body });
      return json(body);
    };
    next();
  });

  const mustGet = (id: string, object: string) => {
    const found = store.get(id, object);
    if (!found)
      throw new StripeError(404, {
        type: "invalid_request_error",
        code: "resource_missing",
        message: `No such ${object}: '${id}'`,
        param: "id",
      });
    return found;
  };
  const wrap = (handler: (req: Request) => unknown) => (req: Request, res: Response, next: NextFunction) => {
    try {
      res.json(handler(req));
    } catch (error) {
      next(error);
    }
  };

  // Customers
  router.post(
    "/customers",
    wrap((req) => {
      const b = req.body as Body;
      const customer = store.put({
        id: store.id("cus"),
        object: "customer",
        created: store.now(),
        email: b.email ?? null,
        name: b.name ?? null,
        address: b.address ?? null,
        metadata: b.metadata ?? {},
        invoice_settings: { default_payment_method: null },
        livemode: false,
        tax_ids: list([], "/v1/tax_ids"),
      });
      const taxIds = (b.tax_id_data as { type: string; value: string }[] | undefined) ?? [];
      (customer.tax_ids as { data: unknown[] }).data = taxIds.map((t) => ({
        id: store.id("txi"),
        object: "tax_id",
        type: t.type,
        value: t.value,
      }));
      events.emit("customer.created", customer);
      return customer;
    }),
  );
  router.get(
    "/customers/:id",
    wrap((req) => mustGet(req.params.id!, "customer")),
  );
  router.post(
    "/customers/:id",
    wrap((req) => {
      const customer = mustGet(req.params.id!, "customer");
      const b = req.body as Body;
      for (const key of ["email", "name", "address", "metadata"])
        if (b[key] !== undefined) customer[key] = b[key];
      events.emit("customer.updated", customer);
      return customer;
    }),
  );

  // Checkout sessions
  router.post(
    "/checkout/sessions",
    wrap((req) => {
      const b = req.body as Body;
      const mode = String(b.mode ?? "payment");
      if (!["payment", "setup", "subscription"].includes(mode))
        throw new StripeError(400, { type: "invalid_request_error", message: "Invalid mode", param: "mode" });
      if (!b.success_url)
        throw new StripeError(400, {
          type: "invalid_request_error",
          message: "Missing required param: success_url.",
          param: "success_url",
        });
      const lineItems = ((b.line_items as Body[] | undefined) ?? []).map((li) => {
        const pd = li.price_data as Body;
        return {
          amount: int(pd.unit_amount) ?? 0,
          currency: String(pd.currency ?? "usd").toLowerCase(),
          description: String((pd.product_data as Body | undefined)?.name ?? "Item"),
          interval: (pd.recurring as Body | undefined)?.interval
            ? String((pd.recurring as Body).interval)
            : null,
        };
      });
      if (mode !== "setup" && lineItems.length === 0)
        throw new StripeError(400, {
          type: "invalid_request_error",
          message: "line_items is required in this mode.",
          param: "line_items",
        });
      let customer = b.customer ? String(b.customer) : null;
      if (!customer) {
        customer = store.put({
          id: store.id("cus"),
          object: "customer",
          created: store.now(),
          email: b.customer_email ?? null,
          name: null,
          metadata: {},
          invoice_settings: { default_payment_method: null },
          livemode: false,
        }).id;
      } else mustGet(customer, "customer");
      const id = store.id("cs_test");
      return store.put({
        id,
        object: "checkout.session",
        mode,
        status: "open",
        payment_status: "unpaid",
        customer,
        client_reference_id: b.client_reference_id ?? null,
        metadata: b.metadata ?? {},
        success_url: String(b.success_url),
        cancel_url: b.cancel_url ?? null,
        url: `${baseUrl()}/checkout/${id}`,
        created: store.now(),
        expires_at: store.now() + 24 * 3600,
        currency: lineItems[0]?.currency ?? (b.currency ? String(b.currency) : null),
        amount_total: lineItems.reduce((s, l) => s + l.amount, 0),
        subscription: null,
        setup_intent: null,
        payment_intent: null,
        invoice: null,
        livemode: false,
        line_items_data: lineItems,
        subscription_data_metadata:
          ((b.subscription_data as Body | undefined)?.metadata as Body | undefined) ?? {},
      });
    }),
  );
  router.get(
    "/checkout/sessions/:id",
    wrap((req) => publicSession(mustGet(req.params.id!, "checkout.session"))),
  );
  router.post(
    "/checkout/sessions/:id/expire",
    wrap((req) => {
      const session = mustGet(req.params.id!, "checkout.session");
      if (session.status === "open") {
        session.status = "expired";
        events.emit("checkout.session.expired", publicSession(session));
      }
      return publicSession(session);
    }),
  );

  // Subscriptions
  router.get(
    "/subscriptions/:id",
    wrap((req) => mustGet(req.params.id!, "subscription")),
  );
  router.get(
    "/subscriptions",
    wrap((req) =>
      list(
        store.all("subscription").filter((s) => !req.query.customer || s.customer === req.query.customer),
        "/v1/subscriptions",
      ),
    ),
  );
  router.post(
    "/subscriptions/:id",
    wrap((req) => {
      const subscription = mustGet(req.params.id!, "subscription");
      if (subscription.status === "canceled")
        throw new StripeError(400, {
          type: "invalid_request_error",
          message: "A canceled subscription can only update its cancellation_details and metadata.",
        });
      const b = req.body as Body;
      const previous: Record<string, unknown> = {};
      if (b.cancel_at_period_end !== undefined) {
        previous.cancel_at_period_end = subscription.cancel_at_period_end;
        subscription.cancel_at_period_end = b.cancel_at_period_end === "true";
        subscription.cancel_at = subscription.cancel_at_period_end ? billing.periodEnd(subscription) : null;
        subscription.canceled_at = subscription.cancel_at_period_end ? store.now() : null;
      }
      const items = b.items as Body[] | undefined;
      if (items?.[0]?.price_data) {
        const pd = items[0].price_data as Body;
        const current = (subscription.items as { data: Body[] }).data[0]!;
        previous.items = structuredClone(subscription.items);
        const next = billing.subscriptionItem(
          {
            amount: int(pd.unit_amount) ?? 0,
            currency: String(pd.currency),
            description: String((pd.product_data as Body | undefined)?.name ?? "Item"),
            interval: "year",
          },
          Number(current.current_period_start),
        );
        (subscription.items as { data: unknown[] }).data = [{ ...next, id: current.id }];
      }
      if (b.metadata) subscription.metadata = { ...(subscription.metadata as Body), ...(b.metadata as Body) };
      events.emit("customer.subscription.updated", subscription, previous);
      return subscription;
    }),
  );
  router.delete(
    "/subscriptions/:id",
    wrap((req) => {
      const subscription = mustGet(req.params.id!, "subscription");
      if (subscription.status !== "canceled") billing.cancelSubscription(subscription);
      return subscription;
    }),
  );

  // Invoices (send_invoice flow) and invoice items
  router.post(
    "/invoices",
    wrap((req) => {
      const b = req.body as Body;
      mustGet(String(b.customer), "customer");
      const invoice = billing.createInvoice({
        customer: String(b.customer),
        collectionMethod: b.collection_method === "send_invoice" ? "send_invoice" : "charge_automatically",
        daysUntilDue: int(b.days_until_due),
        billingReason: "manual",
        metadata: (b.metadata as Record<string, string>) ?? {},
        lines: [],
      });
      if (b.custom_fields) invoice.custom_fields = b.custom_fields;
      events.emit("invoice.created", invoice);
      return invoice;
    }),
  );
  router.post(
    "/invoiceitems",
    wrap((req) => {
      const b = req.body as Body;
      const invoice = mustGet(String(b.invoice), "invoice");
      if (invoice.status !== "draft")
        throw new StripeError(400, { type: "invalid_request_error", message: "Invoice is not a draft." });
      billing.addLine(invoice, {
        amount: int(b.amount) ?? 0,
        currency: String(b.currency ?? "usd"),
        description: String(b.description ?? ""),
        interval: null,
      });
      return {
        id: store.id("ii"),
        object: "invoiceitem",
        amount: int(b.amount),
        currency: b.currency,
        customer: b.customer,
        invoice: invoice.id,
        description: b.description ?? null,
      };
    }),
  );
  router.get(
    "/invoices/:id",
    wrap((req) => mustGet(req.params.id!, "invoice")),
  );
  router.get(
    "/invoices",
    wrap((req) =>
      list(
        store
          .all("invoice")
          .filter((i) => !req.query.customer || i.customer === req.query.customer)
          .filter((i) => !req.query.status || i.status === req.query.status)
          .filter((i) => {
            const gte = (req.query.created as { gte?: string } | undefined)?.gte;
            return !gte || Number(i.created) >= Number(gte);
          })
          .sort((a, b) => Number(b.created) - Number(a.created)),
        "/v1/invoices",
      ),
    ),
  );
  router.post(
    "/invoices/:id/finalize",
    wrap((req) => billing.finalizeInvoice(mustGet(req.params.id!, "invoice"))),
  );
  router.post(
    "/invoices/:id/send",
    wrap((req) => {
      const invoice = mustGet(req.params.id!, "invoice");
      events.emit("invoice.sent", invoice);
      return invoice;
    }),
  );
  router.post(
    "/invoices/:id/pay",
    wrap((req) => {
      const invoice = mustGet(req.params.id!, "invoice");
      if ((req.body as Body).paid_out_of_band === "true") return billing.markInvoicePaid(invoice);
      billing.payInvoice(invoice);
      return invoice;
    }),
  );
  router.post(
    "/invoices/:id/void",
    wrap((req) => {
      const invoice = mustGet(req.params.id!, "invoice");
      invoice.status = "void";
      events.emit("invoice.voided", invoice);
      return invoice;
    }),
  );

  // Payment methods, setup intents, payment intents, refunds, charges, balance transactions
  router.get(
    "/payment_methods/:id",
    wrap((req) => mustGet(req.params.id!, "payment_method")),
  );
  router.get(
    "/setup_intents/:id",
    wrap((req) => mustGet(req.params.id!, "setup_intent")),
  );
  router.post(
    "/payment_intents",
    wrap((req) => {
      const b = req.body as Body;
      const result = billing.charge({
        amount: int(b.amount) ?? 0,
        currency: String(b.currency ?? "usd"),
        customer: b.customer ? String(b.customer) : null,
        paymentMethod: b.payment_method ? String(b.payment_method) : null,
        offSession: b.off_session === "true",
        description: b.description ? String(b.description) : undefined,
        metadata: (b.metadata as Record<string, string>) ?? {},
      });
      if (!result.ok)
        throw new StripeError(402, {
          type: "card_error",
          code: result.failure.code,
          decline_code: result.failure.decline_code,
          message: result.failure.message,
          payment_intent: result.intent,
        });
      return result.intent;
    }),
  );
  router.get(
    "/payment_intents/:id",
    wrap((req) => mustGet(req.params.id!, "payment_intent")),
  );
  router.post(
    "/refunds",
    wrap((req) => {
      const b = req.body as Body;
      return billing.refund({
        paymentIntent: b.payment_intent ? String(b.payment_intent) : undefined,
        charge: b.charge ? String(b.charge) : undefined,
        amount: int(b.amount),
        metadata: b.metadata as Record<string, string>,
      });
    }),
  );
  router.get(
    "/refunds/:id",
    wrap((req) => mustGet(req.params.id!, "refund")),
  );
  router.get(
    "/charges/:id",
    wrap((req) => mustGet(req.params.id!, "charge")),
  );
  router.get(
    "/charges",
    wrap((req) =>
      list(
        store.all("charge").filter((c) => !req.query.customer || c.customer === req.query.customer),
        "/v1/charges",
      ),
    ),
  );
  router.get(
    "/balance_transactions/:id",
    wrap((req) => mustGet(req.params.id!, "balance_transaction")),
  );

  router.get(
    "/invoice_payments",
    wrap((req) =>
      list(
        store.all("invoice_payment").filter((p) => !req.query.invoice || p.invoice === req.query.invoice),
        "/v1/invoice_payments",
      ),
    ),
  );

  // Billing portal and events
  router.post(
    "/billing_portal/sessions",
    wrap((req) => {
      const b = req.body as Body;
      mustGet(String(b.customer), "customer");
      const id = store.id("bps");
      return store.put({
        id,
        object: "billing_portal.session",
        customer: b.customer,
        return_url: b.return_url ?? null,
        url: `${baseUrl()}/portal/${id}`,
        created: store.now(),
        livemode: false,
      });
    }),
  );
  router.get(
    "/events/:id",
    wrap((req) => mustGet(req.params.id!, "event")),
  );
  router.get(
    "/events",
    wrap(() =>
      list(
        store.all("event").sort((a, b) => Number(b.created) - Number(a.created)),
        "/v1/events",
      ),
    ),
  );

  router.use((req, res) =>
    res.status(404).json({
      error: {
        type: "invalid_request_error",
        message: `Unrecognized request URL (${req.method}: ${req.path}).`,
      },
    }),
  );
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof StripeError) return res.status(error.status).json({ error: error.body });
    res.status(500).json({ error: { type: "api_error", message: String(error) } });
  });
  return router;
}

/** Checkout sessions as the API returns them (the emulator's private fields removed). */
export function publicSession(session: Obj) {
  const { line_items_data: _items, subscription_data_metadata: _meta, ...rest } = session;
  return rest;
}
