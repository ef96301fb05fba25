import Stripe from "stripe";
import { completeStripeObject } from "./complete";
import type { Obj, Store } from "./store";

// Events as Stripe sends them: stored, listed by the API, and delivered in order
// to the webhook URL, signed with the endpoint secret exactly as Stripe signs.

const signer = new Stripe("sk_test_emulator_signing_only");
export const API_VERSION = "2025-11-17.clover";

/** Fields the emulator keeps for itself on a Checkout session; Stripe has no such fields. */
const PRIVATE_FIELDS = ["line_items_data", "subscription_data_metadata"];
function withoutPrivateFields(object: Obj) {
  for (const field of PRIVATE_FIELDS) delete object[field];
  return object;
}

export class EventBus {
  private queue: Obj[] = [];
  private delivering = false;
  readonly delivered: { id: string; type: string; status: number }[] = [];
  /**
   * Stripe promises neither order nor a single delivery: tests set this to deliver
   * every event twice, in shuffled bursts (issue 10, "exactly once, whatever happens").
   */
  chaos: { duplicate: boolean; shuffle: boolean } | null = null;
  /** Deliveries in flight at once. Stripe sends concurrently; 1 (in order) unless a test or benchmark says otherwise. */
  concurrency = 1;

  constructor(
    private readonly store: Store,
    private readonly webhook: { url: string | null; secret: string; enabledEvents?: string[] | null },
  ) {}

  emit(type: string, object: Obj, previousAttributes?: Record<string, unknown>) {
    const event: Obj = {
      id: this.store.id("evt"),
      object: "event",
      api_version: API_VERSION,
      created: this.store.now(),
      data: {
        object: completeStripeObject(withoutPrivateFields(structuredClone(object))),
        ...(previousAttributes ? { previous_attributes: completeStripeObject(previousAttributes) } : {}),
      },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.store.put(event);
    // As a Stripe endpoint with `enabled_events`: other events are stored (the API lists them), not sent.
    const enabled = this.webhook.enabledEvents;
    if (enabled && !enabled.includes(type)) return event;
    this.queue.push(event);
    void this.drain();
    return event;
  }

  /** Signs a payload the way Stripe does: `t=<unix>,v1=<HMAC-SHA256("t.payload")>`. */
  sign(payload: string, timestamp = Math.floor(Date.now() / 1000)) {
    return signer.webhooks.generateTestHeaderString({ payload, secret: this.webhook.secret, timestamp });
  }

  async deliver(event: Obj) {
    if (!this.webhook.url) return 0;
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const response = await fetch(this.webhook.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "stripe-signature": this.sign(payload),
            "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
          body: payload,
        });
        this.delivered.push({ id: event.id, type: String(event.type), status: response.status });
        if (response.ok) return response.status;
      } catch {
        // The app may be restarting: Stripe retries too.
      }
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
    return 0;
  }

  /** Events emitted and not yet delivered. */
  get pending() {
    return this.queue.length + (this.delivering ? 1 : 0);
  }

  /** Resolves once every emitted event has been delivered (or given up on). */
  async idle() {
    while (this.delivering || this.queue.length > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private async drain() {
    if (this.delivering) return;
    this.delivering = true;
    try {
      while (this.queue.length > 0) {
        if (!this.chaos && this.concurrency > 1) {
          await Promise.all(
            Array.from({ length: this.concurrency }, async () => {
              while (this.queue.length > 0) await this.deliver(this.queue.shift()!);
            }),
          );
          continue;
        }
        if (!this.chaos) {
          await this.deliver(this.queue.shift()!);
          continue;
        }
        await new Promise((r) => setTimeout(r, 25)); // gather a burst
        const batch = this.queue.splice(0);
        const deliveries = this.chaos.duplicate ? [...batch, ...batch] : batch;
        if (this.chaos.shuffle)
          for (let i = deliveries.length - 1; i > 0; i--) {
            const j = Math.floor(Math.random() * (i + 1));
            [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
          }
        for (const event of deliveries) await this.deliver(event);
      }
    } finally {
      this.delivering = false;
    }
  }
}
