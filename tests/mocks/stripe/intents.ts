import type { Router } from "express";
import express from "express";
import type { Billing } from "./billing";
import type { EventBus } from "./events";
import { page as pageOf } from "./pages";
import { type Obj, type Store, StripeError } from "./store";

// PaymentIntents, SetupIntents and PaymentMethods as Stripe answers them (issue 9,
// section 5): what saving a card now and charging it later needs, with Stripe's
// errors for the calls it refuses.

type Body = Record<string, unknown>;
const bool = (v: unknown) => v === true || v === "true";
const int = (v: unknown) => (v === undefined || v === "" ? undefined : Number.parseInt(String(v), 10));
const invalid = (message: string, param?: string, code?: string) =>
  new StripeError(400, {
    type: "invalid_request_error",
    message,
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
  });

export function addIntentRoutes(
  router: Router,
  ctx: {
    store: Store;
    billing: Billing;
    events: EventBus;
    baseUrl: () => string;
    mustGet: (id: string, object: string) => Obj;
    wrap: (handler: (req: express.Request) => unknown) => express.RequestHandler;
    list: (req: express.Request, data: Obj[], url: string) => unknown;
  },
) {
  const { store, billing, events, mustGet, wrap } = ctx;

  const paymentMethodFor = (id: string, customer: string | null, param = "payment_method") => {
    const pm = store.get(id, "payment_method");
    if (!pm) throw invalid(`No such PaymentMethod: '${id}'`, param, "resource_missing");
    if (customer && pm.customer !== customer)
      throw invalid(
        `The provided PaymentMethod ${id} does not belong to the Customer ${customer}. Attach it to the Customer first.`,
        param,
      );
    return pm;
  };

  /** Confirms an intent: charges it, or asks for authentication (on-session) or fails (off-session). */
  const confirm = (intent: Obj, b: Body) => {
    if (b.payment_method)
      intent.payment_method = paymentMethodFor(String(b.payment_method), intent.customer as string | null).id;
    if (!intent.payment_method)
      throw invalid(
        "You cannot confirm this PaymentIntent because it's missing a payment method. Update it with a payment method and then confirm it again.",
        "payment_method",
        "payment_intent_unexpected_state",
      );
    if (!["requires_confirmation", "requires_payment_method"].includes(String(intent.status)))
      throw invalid(
        `This PaymentIntent's status is ${String(intent.status)}, but it must be requires_payment_method or requires_confirmation to be confirmed.`,
        undefined,
        "payment_intent_unexpected_state",
      );
    const offSession = bool(b.off_session);
    const behaviour = billing.behaviourOf(String(intent.payment_method));
    if (behaviour === "requires_authentication" && !offSession) {
      Object.assign(intent, {
        status: "requires_action",
        next_action: {
          type: "redirect_to_url",
          redirect_to_url: {
            url: `${ctx.baseUrl()}/payment_intents/${intent.id}/authenticate`,
            return_url: b.return_url ? String(b.return_url) : null,
          },
        },
      });
      events.emit("payment_intent.requires_action", intent);
      return intent;
    }
    const result = billing.charge(
      {
        amount: Number(intent.amount),
        currency: String(intent.currency),
        customer: intent.customer as string | null,
        paymentMethod: String(intent.payment_method),
        offSession,
        metadata: intent.metadata as Record<string, string>,
      },
      intent,
    );
    if (!result.ok)
      throw new StripeError(402, {
        type: "card_error",
        code: result.failure.code,
        decline_code: result.failure.decline_code,
        message: result.failure.message,
        payment_intent: structuredClone(intent),
        payment_method: structuredClone(store.get(String(intent.payment_method))),
      } as never);
    return intent;
  };

  router.post(
    "/payment_intents",
    wrap((req) => {
      const b = req.body as Body;
      const amount = int(b.amount);
      if (!amount || amount < 1) throw invalid("Missing required param: amount.", "amount");
      if (!b.currency) throw invalid("Missing required param: currency.", "currency");
      if (b.off_session !== undefined && !bool(b.confirm))
        throw invalid("You may only specify `off_session` when `confirm` is true.", "off_session");
      const customer = b.customer ? mustGet(String(b.customer), "customer").id : null;
      const pm = b.payment_method ? paymentMethodFor(String(b.payment_method), customer).id : null;
      const intent = billing.createIntent({
        amount,
        currency: String(b.currency).toLowerCase(),
        customer,
        paymentMethod: pm,
        description: b.description ? String(b.description) : undefined,
        metadata: (b.metadata as Record<string, string>) ?? {},
      });
      if (b.setup_future_usage) intent.setup_future_usage = String(b.setup_future_usage);
      return bool(b.confirm) ? confirm(intent, b) : intent;
    }),
  );
  router.post(
    "/payment_intents/:id/confirm",
    wrap((req) => confirm(mustGet(req.params.id!, "payment_intent"), req.body as Body)),
  );
  router.post(
    "/payment_intents/:id/cancel",
    wrap((req) => {
      const intent = mustGet(req.params.id!, "payment_intent");
      if (["succeeded", "canceled", "processing"].includes(String(intent.status)))
        throw invalid(
          `You cannot cancel this PaymentIntent because it has a status of ${String(intent.status)}.`,
          undefined,
          "payment_intent_unexpected_state",
        );
      Object.assign(intent, {
        status: "canceled",
        canceled_at: store.now(),
        cancellation_reason: (req.body as Body).cancellation_reason ?? null,
        next_action: null,
      });
      events.emit("payment_intent.canceled", intent);
      return intent;
    }),
  );
  router.get(
    "/payment_intents/:id",
    wrap((req) => mustGet(req.params.id!, "payment_intent")),
  );

  // SetupIntents: save a card for later, off-session use.
  router.post(
    "/setup_intents",
    wrap((req) => {
      const b = req.body as Body;
      const customer = b.customer ? mustGet(String(b.customer), "customer").id : null;
      const intent = store.put({
        id: store.id("seti"),
        object: "setup_intent",
        customer,
        payment_method: b.payment_method ? String(b.payment_method) : null,
        payment_method_types: ["card"],
        status: b.payment_method ? "requires_confirmation" : "requires_payment_method",
        usage: b.usage ? String(b.usage) : "off_session",
        client_secret: `${store.id("seti")}_secret_${store.id("s")}`,
        created: store.now(),
        description: b.description ?? null,
        last_setup_error: null,
        next_action: null,
        livemode: false,
        metadata: b.metadata ?? {},
      });
      events.emit("setup_intent.created", intent);
      return bool(b.confirm) ? confirmSetup(intent, b) : intent;
    }),
  );
  const confirmSetup = (intent: Obj, b: Body) => {
    if (b.payment_method) intent.payment_method = String(b.payment_method);
    if (!intent.payment_method)
      throw invalid(
        "You cannot confirm this SetupIntent because it's missing a payment method.",
        "payment_method",
        "setup_intent_unexpected_state",
      );
    const pm = store.get(String(intent.payment_method), "payment_method");
    if (!pm)
      throw invalid(
        `No such PaymentMethod: '${String(intent.payment_method)}'`,
        "payment_method",
        "resource_missing",
      );
    if (intent.status === "succeeded")
      throw invalid("This SetupIntent has already succeeded.", undefined, "setup_intent_unexpected_state");
    if (intent.customer && !pm.customer) {
      pm.customer = intent.customer;
      events.emit("payment_method.attached", pm);
    }
    intent.status = "succeeded";
    events.emit("setup_intent.succeeded", intent);
    return intent;
  };
  router.post(
    "/setup_intents/:id/confirm",
    wrap((req) => confirmSetup(mustGet(req.params.id!, "setup_intent"), req.body as Body)),
  );
  router.get(
    "/setup_intents/:id",
    wrap((req) => mustGet(req.params.id!, "setup_intent")),
  );

  // PaymentMethods: attach, detach, list by customer. Attaching never sets the default.
  router.post(
    "/payment_methods/:id/attach",
    wrap((req) => {
      const pm = mustGet(req.params.id!, "payment_method");
      const customer = mustGet(String((req.body as Body).customer ?? ""), "customer");
      if (pm.customer && pm.customer !== customer.id)
        throw invalid("This PaymentMethod is already attached to another Customer.", "customer");
      pm.customer = customer.id;
      events.emit("payment_method.attached", pm);
      return pm;
    }),
  );
  router.post(
    "/payment_methods/:id/detach",
    wrap((req) => {
      const pm = mustGet(req.params.id!, "payment_method");
      if (!pm.customer)
        throw invalid(
          "The payment method you provided is not attached to a customer so detachment is impossible.",
        );
      pm.customer = null;
      events.emit("payment_method.detached", pm);
      return pm;
    }),
  );
  router.get(
    "/payment_methods",
    wrap((req) =>
      ctx.list(
        req,
        store.all("payment_method").filter((p) => !req.query.customer || p.customer === req.query.customer),
        "/v1/payment_methods",
      ),
    ),
  );
  router.get(
    "/customers/:id/payment_methods",
    wrap((req) => {
      const customer = mustGet(req.params.id!, "customer");
      return ctx.list(
        req,
        store.all("payment_method").filter((p) => p.customer === customer.id),
        `/v1/customers/${customer.id}/payment_methods`,
      );
    }),
  );
}

/** The hosted 3-D Secure page a `requires_action` PaymentIntent redirects to. */
export function intentPagesRouter(store: Store, billing: Billing) {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false }));
  router.get("/payment_intents/:id/authenticate", (req, res) => {
    const intent = store.get(req.params.id!, "payment_intent");
    if (!intent || intent.status !== "requires_action")
      return res.status(404).send(pageOf("Not found", "<h1>Nothing to authenticate.</h1>"));
    res.send(
      pageOf(
        "Authenticate",
        `<h1>Confirm this payment</h1><p>Your bank asks you to authenticate (3D Secure test).</p>
<form method="post"><button type="submit" name="outcome" value="complete">Complete authentication</button><button type="submit" name="outcome" value="fail" class="secondary">Fail authentication</button></form>`,
      ),
    );
  });
  router.post("/payment_intents/:id/authenticate", (req, res) => {
    const intent = store.get(req.params.id!, "payment_intent");
    if (!intent || intent.status !== "requires_action")
      return res.status(404).send(pageOf("Not found", "<h1>Nothing to authenticate.</h1>"));
    const returnUrl = (intent.next_action as { redirect_to_url?: { return_url?: string | null } } | null)
      ?.redirect_to_url?.return_url;
    intent.next_action = null;
    if (req.body.outcome === "complete") {
      intent.status = "requires_confirmation";
      // Authenticated: the charge goes through as an on-session one (the card needs no more).
      billing.charge(
        {
          amount: Number(intent.amount),
          currency: String(intent.currency),
          customer: intent.customer as string | null,
          paymentMethod: String(intent.payment_method),
          offSession: false,
          metadata: intent.metadata as Record<string, string>,
        },
        intent,
      );
    } else {
      Object.assign(intent, {
        status: "requires_payment_method",
        last_payment_error: {
          type: "card_error",
          code: "payment_intent_authentication_failure",
          message:
            "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
          payment_method: structuredClone(store.get(String(intent.payment_method))),
        },
      });
    }
    if (returnUrl)
      return res.redirect(
        303,
        `${returnUrl}${returnUrl.includes("?") ? "&" : "?"}payment_intent=${intent.id}`,
      );
    res.send(
      pageOf("Done", `<h1>Authentication ${intent.status === "succeeded" ? "complete" : "failed"}.</h1>`),
    );
  });
  return router;
}
