import express, { type Request, type Response } from "express";
import type { Billing } from "./billing";
import type { EventBus } from "./events";
import { type Obj, type Store, StripeError, TEST_CARDS } from "./store";

// The hosted pages Stripe would show: Checkout, an invoice's payment page, and the
// customer portal. Plain HTML forms; the test cards behave as at Stripe.

const escapeHtml = (value: unknown) =>
  String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).format(amount / 100);

/** "12 / 34" or "12/2034" → { month: 12, year: 2034 }, as Checkout reads the field. */
export function parseExpiry(value: string) {
  const match = value.match(/^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

export function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Stripe emulator</title>
<style>body{font-family:system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0}main{max-width:28rem;margin:2rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 2px 8px #0001}
label{display:block;font-weight:600;margin:1rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #8792a2;border-radius:6px;font-size:1rem}
button{margin-top:1.25rem;width:100%;padding:.75rem;border:0;border-radius:6px;background:#533afd;color:#fff;font-weight:600;font-size:1rem;cursor:pointer}
.secondary{background:#fff;color:#1a1f36;border:1px solid #8792a2}.error{color:#b42318;font-weight:600}.muted{color:#4f566b;font-size:.9rem}</style></head>
<body><main>${body}<p class="muted">Stripe emulator for development and tests. Test cards: ${Object.keys(
    TEST_CARDS,
  )
    .map((n) => n.replace(/(\d{4})(?=\d)/g, "$1 "))
    .join(", ")}.</p></main></body></html>`;
}

/** What the person typed that a declined attempt gives back, as Stripe's page keeps it (not the card number or CVC). */
type Typed = { email?: string; expiry?: string; name?: string };

const typedIn = (body: Record<string, unknown>): Typed => ({
  email: String(body.email ?? ""),
  expiry: String(body.expiry ?? ""),
  name: String(body.name ?? ""),
});

function cardForm(action: string, submitLabel: string, error?: string, typed: Typed = {}) {
  const value = (v: string | undefined) => (v ? ` value="${escapeHtml(v)}"` : "");
  // After a refusal the card number is asked for again, so that is where focus goes.
  const retry = error ? ' autofocus aria-describedby="card-error"' : "";
  return `${error ? `<p class="error" role="alert" id="card-error">${escapeHtml(error)}</p>` : ""}
<form method="post" action="${escapeHtml(action)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email"${value(typed.email)}>
<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" required${retry}>
<label for="expiry">Expiry</label><input id="expiry" name="expiry" placeholder="12 / 34" required${value(typed.expiry)}>
<label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" required>
<label for="name">Name on card</label><input id="name" name="name" autocomplete="cc-name"${value(typed.name)}>
<button type="submit">${escapeHtml(submitLabel)}</button></form>`;
}

export function pagesRouter(store: Store, billing: Billing, events: EventBus) {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false }));

  const summary = (session: Obj) => {
    const items = session.line_items_data as {
      amount: number;
      currency: string;
      description: string;
      interval: string | null;
    }[];
    if (session.mode === "setup")
      return "<p>Save a card for later payments. You will not be charged now.</p>";
    return items
      .map(
        (i) =>
          `<p><strong>${escapeHtml(i.description)}</strong><br>${money(i.amount, i.currency)}${i.interval ? ` per ${escapeHtml(i.interval)}` : ""}</p>`,
      )
      .join("");
  };

  const openSession = (req: Request, res: Response) => {
    const session = store.get(req.params.id!, "checkout.session");
    if (!session) {
      res.status(404).send(page("Not found", "<h1>This checkout link is not valid.</h1>"));
      return null;
    }
    if (session.status !== "open") {
      res
        .status(410)
        .send(page("Checkout closed", `<h1>This checkout session is ${escapeHtml(session.status)}.</h1>`));
      return null;
    }
    return session;
  };

  const succeed = (res: Response, session: Obj, card: string, expiry: string) => {
    const pm = billing.createPaymentMethod(card, String(session.customer), parseExpiry(expiry));
    billing.completeCheckout(session, pm);
    res.redirect(303, String(session.success_url).replace("{CHECKOUT_SESSION_ID}", session.id));
  };

  /** The Checkout page, first shown or shown again after a refusal: the Cancel link stays either way. */
  const checkoutPage = (session: Obj, refusal?: { error: string; typed: Typed }) => {
    const label = refusal
      ? "Try again"
      : session.mode === "setup"
        ? "Save card"
        : session.mode === "subscription"
          ? "Subscribe"
          : "Pay";
    const cancel = session.cancel_url
      ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>`
      : "";
    return page(
      "Checkout",
      `<h1>Checkout</h1>${summary(session)}${cardForm(`/checkout/${session.id}`, label, refusal?.error, refusal?.typed)}${cancel}`,
    );
  };

  router.get("/checkout/:id", (req, res) => {
    const session = openSession(req, res);
    if (!session) return;
    res.send(checkoutPage(session));
  });

  router.post("/checkout/:id", (req, res) => {
    const session = openSession(req, res);
    if (!session) return;
    const card = String(req.body.card ?? "").replace(/\D/g, "");
    const known = TEST_CARDS[card];
    const again = (error: string) =>
      res.status(402).send(checkoutPage(session, { error, typed: typedIn(req.body) }));
    if (!known) return again("Your card number is incorrect.");
    const expiry = String(req.body.expiry ?? "");
    const parsed = parseExpiry(expiry);
    if (!parsed) return again("Your card's expiration date is incomplete.");
    if (Date.UTC(parsed.year, parsed.month, 1) <= store.now() * 1000)
      return again("Your card's expiration date is in the past.");
    if (
      known.behaviour === "declined" ||
      ((known.behaviour === "charge_fails" || known.behaviour === "lost_card") && session.mode !== "setup")
    )
      return again("Your card was declined.");
    if (known.behaviour === "insufficient_funds" && session.mode !== "setup")
      return again("Your card has insufficient funds.");
    if (known.behaviour === "requires_authentication") {
      return res.send(
        page(
          "Authenticate",
          `<h1>Confirm this payment</h1><p>Your bank asks you to authenticate (3D Secure test).</p>
<form method="post" action="/checkout/${session.id}/authenticate"><input type="hidden" name="card" value="${card}"><input type="hidden" name="expiry" value="${escapeHtml(expiry)}"><input type="hidden" name="email" value="${escapeHtml(req.body.email ?? "")}"><input type="hidden" name="name" value="${escapeHtml(req.body.name ?? "")}"><button type="submit" name="outcome" value="complete">Complete authentication</button><button type="submit" name="outcome" value="fail" class="secondary">Fail authentication</button></form>`,
        ),
      );
    }
    succeed(res, session, card, expiry);
  });

  router.post("/checkout/:id/authenticate", (req, res) => {
    const session = openSession(req, res);
    if (!session) return;
    if (req.body.outcome !== "complete") {
      return res.status(402).send(
        checkoutPage(session, {
          error:
            "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
          typed: typedIn(req.body),
        }),
      );
    }
    succeed(res, session, String(req.body.card), String(req.body.expiry ?? ""));
  });

  router.get("/invoice/:id", (req, res) => {
    const invoice = store.get(req.params.id!, "invoice");
    if (!invoice || invoice.status === "draft")
      return res.status(404).send(page("Not found", "<h1>No such invoice.</h1>"));
    const head = `<h1>Invoice ${escapeHtml(invoice.number)}</h1><p>${money(Number(invoice.amount_due), String(invoice.currency))}${invoice.due_date ? `, due ${new Date(Number(invoice.due_date) * 1000).toISOString().slice(0, 10)}` : ""}</p>`;
    if (invoice.status === "paid")
      return res.send(page("Invoice", `${head}<p><strong>Paid.</strong> Thank you.</p>`));
    res.send(page("Invoice", `${head}${cardForm(`/invoice/${invoice.id}`, "Pay invoice")}`));
  });

  router.post("/invoice/:id", (req, res) => {
    const invoice = store.get(req.params.id!, "invoice");
    if (!invoice || invoice.status !== "open") return res.redirect(303, `/invoice/${req.params.id}`);
    try {
      const pm = billing.createPaymentMethod(String(req.body.card ?? ""), String(invoice.customer));
      if (!billing.payInvoice(invoice, pm.id))
        return res
          .status(402)
          .send(
            page(
              "Invoice",
              `<h1>Invoice ${escapeHtml(invoice.number)}</h1>${cardForm(`/invoice/${invoice.id}`, "Try again", "Your card was declined.", typedIn(req.body))}`,
            ),
          );
    } catch (error) {
      if (!(error instanceof StripeError)) throw error;
      return res
        .status(402)
        .send(
          page(
            "Invoice",
            `<h1>Invoice ${escapeHtml(invoice.number)}</h1>${cardForm(`/invoice/${invoice.id}`, "Try again", error.message, typedIn(req.body))}`,
          ),
        );
    }
    res.redirect(303, `/invoice/${invoice.id}`);
  });

  router.get("/invoice/:id/pdf", (req, res) => {
    const invoice = store.get(req.params.id!, "invoice");
    if (!invoice) return res.status(404).end();
    res
      .type("text/plain")
      .send(
        `Invoice ${invoice.number}\nAmount: ${money(Number(invoice.amount_due), String(invoice.currency))}\nStatus: ${invoice.status}\n`,
      );
  });

  router.get("/portal/:id", (req, res) => {
    const portal = store.get(req.params.id!, "billing_portal.session");
    if (!portal) return res.status(404).send(page("Not found", "<h1>No such portal session.</h1>"));
    const subscriptions = store
      .all("subscription")
      .filter((s) => s.customer === portal.customer && s.status !== "canceled");
    const rows = subscriptions
      .map((s) => {
        const end = new Date(billing.periodEnd(s) * 1000).toISOString().slice(0, 10);
        const action = s.cancel_at_period_end
          ? `<p>Cancels on ${end}.</p><button type="submit" name="action" value="renew" class="secondary">Don't cancel</button>`
          : `<p>Renews on ${end}.</p><button type="submit" name="action" value="cancel" class="secondary">Cancel at period end</button>`;
        return `<form method="post" action="/portal/${portal.id}"><input type="hidden" name="subscription" value="${s.id}">${action}</form>`;
      })
      .join("");
    res.send(
      page(
        "Billing portal",
        `<h1>Manage billing</h1>${rows || "<p>No active subscriptions.</p>"}<h2>Update card</h2><form method="post" action="/portal/${portal.id}"><input type="hidden" name="action" value="card"><label for="card">Card number</label><input id="card" name="card" required><button type="submit">Save card</button></form>${portal.return_url ? `<p><a href="${escapeHtml(portal.return_url)}">Return to Commons</a></p>` : ""}`,
      ),
    );
  });

  router.post("/portal/:id", (req, res) => {
    const portal = store.get(req.params.id!, "billing_portal.session");
    if (!portal) return res.status(404).end();
    if (req.body.action === "card") {
      const pm = billing.createPaymentMethod(String(req.body.card ?? ""), String(portal.customer));
      for (const s of store.all("subscription").filter((x) => x.customer === portal.customer))
        s.default_payment_method = pm.id;
    } else {
      const subscription = store.get(String(req.body.subscription), "subscription");
      if (subscription && subscription.customer === portal.customer) {
        const previous = { cancel_at_period_end: subscription.cancel_at_period_end };
        subscription.cancel_at_period_end = req.body.action === "cancel";
        subscription.cancel_at = subscription.cancel_at_period_end ? billing.periodEnd(subscription) : null;
        events.emit("customer.subscription.updated", subscription, previous);
      }
    }
    res.redirect(303, `/portal/${portal.id}`);
  });

  return router;
}
