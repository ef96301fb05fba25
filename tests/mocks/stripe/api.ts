import { randomBytes } from "node:crypto";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Billing } from "./billing";
import { completeStripeObject } from "./complete";
import type { EventBus } from "./events";
import { addIntentRoutes } from "./intents";
import { list, type Obj, type Store, StripeError } from "./store";

// The /v1 API surface the app's Stripe module calls, in Stripe's JSON shapes.

type Body = Record<string, unknown>;
const int = (v: unknown) => (v === undefined || v === "" ? undefined : Number.parseInt(String(v), 10));

export function apiRouter(store: Store, billing: Billing, events: EventBus, baseUrl: () => string) {
  const router = express.Router();
  router.use(express.urlencoded({ extended: true, limit: "1mb" }));

  router.use((req, res, next) => {
    res.set("request-id", `req_${randomBytes(7).toString("hex")}`);
    // Every answer leaves in Stripe's full shape; a contract test may record them.
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      const complete = res.statusCode < 400 ? completeStripeObject(body) : completeError(body);
      store.recording?.push({
        method: req.method,
        path: req.path,
        status: res.statusCode,
        body: structuredClone(complete),
      });
      return send(complete);
    };
    if (!(req.get("authorization") ?? "").startsWith("Bearer sk_test")) {
      return res
        .status(401)
        .json({ error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
    }
    // Idempotent POSTs: the same key replays the first answer, as Stripe does for 24
    // hours; the same key with other parameters (or on another endpoint) is refused.
    const key = req.get("idempotency-key");
    if (req.method !== "POST" || !key) return next();
    const fingerprint = `${req.path}\n${JSON.stringify(req.body ?? {})}`;
    const cached = store.idempotency.get(key);
    if (cached) {
      if (cached.fingerprint !== fingerprint)
        return res.status(400).json({
          error: {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        });
      return res.status(cached.status).set("idempotent-replayed", "true").json(cached.body);
    }
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      store.idempotency.set(key, { status: res.statusCode, body, fingerprint });
      return json(body);
    };
    next();
  });

  // expand[] on any call: dotted paths whose ids are replaced by the objects (Stripe's expandable fields).
  router.use((req, res, next) => {
    const expand = (req.method === "GET" ? req.query.expand : (req.body as Body | undefined)?.expand) as
      | string[]
      | Record<string, string>
      | undefined;
    const paths = expand ? Object.values(expand).map(String) : [];
    if (paths.length === 0) return next();
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(res.statusCode < 400 ? expandPaths(store, body, paths) : body);
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
      for (const key of ["email", "name", "address"]) if (b[key] !== undefined) customer[key] = b[key];
      const settings = b.invoice_settings as Body | undefined;
      if (settings?.default_payment_method !== undefined) {
        const pmId = String(settings.default_payment_method);
        const pm = pmId ? store.get(pmId, "payment_method") : null;
        if (pmId && (!pm || pm.customer !== customer.id))
          throw new StripeError(400, {
            type: "invalid_request_error",
            message: `No such PaymentMethod: '${pmId}' attached to this customer.`,
            param: "invoice_settings[default_payment_method]",
          });
        customer.invoice_settings = {
          ...(customer.invoice_settings as Body),
          default_payment_method: pmId || null,
        };
      }
      // Stripe merges metadata keys; an empty value removes one.
      if (b.metadata) {
        const merged = { ...(customer.metadata as Body), ...(b.metadata as Body) };
        customer.metadata = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== ""));
      }
      events.emit("customer.updated", customer);
      return customer;
    }),
  );

  // Products: every price_data.product must name one (Stripe answers 400 resource_missing otherwise).
  router.post(
    "/products",
    wrap((req) => {
      const b = req.body as Body;
      if (!b.name)
        throw new StripeError(400, {
          type: "invalid_request_error",
          message: "Missing required param: name.",
          param: "name",
        });
      const product = store.put({
        id: store.id("prod"),
        object: "product",
        active: true,
        created: store.now(),
        updated: store.now(),
        name: String(b.name),
        description: b.description ?? null,
        metadata: b.metadata ?? {},
        livemode: false,
        type: "service",
        images: [],
        marketing_features: [],
        package_dimensions: null,
        shippable: null,
        tax_code: null,
        url: null,
        default_price: null,
        statement_descriptor: null,
        unit_label: null,
      });
      events.emit("product.created", product);
      return product;
    }),
  );
  router.get(
    "/products/:id",
    wrap((req) => mustGet(req.params.id!, "product")),
  );
  router.post(
    "/products/:id",
    wrap((req) => {
      const product = mustGet(req.params.id!, "product");
      const b = req.body as Body;
      if (b.name !== undefined) product.name = String(b.name);
      if (b.metadata) product.metadata = { ...(product.metadata as Body), ...(b.metadata as Body) };
      product.updated = store.now();
      events.emit("product.updated", product);
      return product;
    }),
  );

  /** A line's price_data, checked as Stripe checks it: product must exist, or product_data be given. */
  const lineFrom = (pd: Body | undefined, param: string) => {
    if (!pd)
      throw new StripeError(400, {
        type: "invalid_request_error",
        message: `Missing required param: ${param}.`,
        param,
      });
    let productId: string;
    if (pd.product) {
      const product = store.get(String(pd.product), "product");
      if (!product)
        throw new StripeError(400, {
          type: "invalid_request_error",
          code: "resource_missing",
          message: `No such product: '${String(pd.product)}'`,
          param: `${param}[product]`,
        });
      productId = product.id;
    } else if (pd.product_data) {
      productId = billing.createProduct(String((pd.product_data as Body).name ?? "Item")).id;
    } else {
      throw new StripeError(400, {
        type: "invalid_request_error",
        message: `You must specify either \`product\` or \`product_data\` when creating a price.`,
        param: `${param}[product]`,
      });
    }
    const product = store.get(productId, "product")!;
    return {
      amount: int(pd.unit_amount) ?? 0,
      currency: String(pd.currency ?? "usd").toLowerCase(),
      description: String(product.name),
      interval: (pd.recurring as Body | undefined)?.interval ? String((pd.recurring as Body).interval) : null,
      product: productId,
    };
  };

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
      const lineItems = ((b.line_items as Body[] | undefined) ?? []).map((li, i) =>
        lineFrom(li.price_data as Body | undefined, `line_items[${i}][price_data]`),
      );
      if (mode === "setup" && !b.currency)
        throw new StripeError(400, {
          type: "invalid_request_error",
          message: "Missing required param: currency.",
          param: "currency",
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
      return publicSession(
        store.put({
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
        }),
      );
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
      if (session.status !== "open")
        throw new StripeError(400, {
          type: "invalid_request_error",
          message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(session.status)}".`,
        });
      Object.assign(session, { status: "expired", url: null });
      events.emit("checkout.session.expired", publicSession(session));
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
      page(
        req,
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
        const line = lineFrom(items[0].price_data as Body, "items[0][price_data]");
        const current = (subscription.items as { data: Body[] }).data[0]!;
        previous.items = structuredClone(subscription.items);
        const next = billing.subscriptionItem(line, Number(current.current_period_start));
        (subscription.items as { data: unknown[] }).data = [
          { ...next, id: current.id, current_period_end: current.current_period_end },
        ];
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
      if (b.currency) invoice.currency = String(b.currency).toLowerCase();
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
      const line = b.price_data
        ? { ...lineFrom(b.price_data as Body, "price_data"), interval: null }
        : {
            amount: int(b.amount) ?? 0,
            currency: String(b.currency ?? "usd"),
            description: String(b.description ?? ""),
            interval: null,
            product: billing.createProduct(String(b.description ?? "Item")).id,
          };
      if (b.description) line.description = String(b.description);
      billing.addLine(invoice, line);
      return {
        id: store.id("ii"),
        object: "invoiceitem",
        amount: line.amount,
        currency: line.currency,
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
      page(
        req,
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
  addIntentRoutes(router, {
    store,
    billing,
    events,
    baseUrl,
    mustGet,
    wrap,
    list: (req, data, url) => page(req, data, url),
  });
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
      page(
        req,
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
      page(
        req,
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
    wrap((req) =>
      page(
        req,
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

/** Replaces ids by objects along each dotted path (Stripe's `expand[]`). */
export function expandPaths(store: Store, body: unknown, paths: string[]) {
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const path of paths) {
    const parts = path.split(".");
    const roots = copy.object === "list" ? ((copy.data as Record<string, unknown>[]) ?? []) : [copy];
    for (const root of parts[0] === "data" && copy.object === "list" ? roots : [copy]) {
      let node: Record<string, unknown> | undefined = root;
      for (const part of parts[0] === "data" && copy.object === "list" ? parts.slice(1) : parts) {
        if (!node) break;
        const value = node[part];
        if (typeof value === "string") {
          const found = store.get(value);
          if (!found)
            throw new StripeError(400, {
              type: "invalid_request_error",
              message: `This property cannot be expanded (${path}).`,
            });
          node[part] = structuredClone(found);
        }
        node = node[part] as Record<string, unknown> | undefined;
      }
    }
  }
  return copy;
}

/**
 * A list page as Stripe returns one: newest first, `limit` (1–100, default 10),
 * `starting_after` / `ending_before` cursors, and `has_more`.
 */
export function page(req: Request, data: Obj[], url: string) {
  const limit = req.query.limit === undefined ? 10 : Number(req.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new StripeError(400, {
      type: "invalid_request_error",
      message: "Invalid integer: limit must be between 1 and 100.",
      param: "limit",
    });
  const sorted = [...data].sort((a, b) => Number(b.created ?? 0) - Number(a.created ?? 0));
  let start = 0;
  let end = sorted.length;
  if (req.query.starting_after) {
    const i = sorted.findIndex((o) => o.id === req.query.starting_after);
    if (i < 0)
      throw new StripeError(400, {
        type: "invalid_request_error",
        code: "resource_missing",
        message: `No such object: '${String(req.query.starting_after)}'`,
        param: "starting_after",
      });
    start = i + 1;
  } else if (req.query.ending_before) {
    end = Math.max(
      0,
      sorted.findIndex((o) => o.id === req.query.ending_before),
    );
    start = Math.max(0, end - limit);
  }
  const slice = sorted.slice(start, Math.min(end, start + limit));
  return { ...list(slice, url), has_more: start + slice.length < end };
}

/** A card error carries the PaymentIntent and PaymentMethod in full, as Stripe sends them. */
function completeError(body: unknown) {
  const error = (body as { error?: Record<string, unknown> }).error;
  if (!error) return body;
  return {
    error: {
      ...error,
      ...(error.payment_intent ? { payment_intent: completeStripeObject(error.payment_intent) } : {}),
      ...(error.payment_method ? { payment_method: completeStripeObject(error.payment_method) } : {}),
    },
  };
}
