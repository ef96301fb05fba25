import { randomBytes } from "node:crypto";

// The emulator's own state: what Stripe would hold for one test-mode account.
// (Stripe's state, not ours: the app keeps its own in PostgreSQL.)

export type Obj = Record<string, unknown> & { id: string; object: string };

export type CardBehaviour =
  | "succeeds"
  | "declined"
  | "insufficient_funds"
  | "requires_authentication"
  | "charge_fails"
  | "lost_card";

/** Stripe's documented test cards, as the emulator treats them. */
export const TEST_CARDS: Record<string, { behaviour: CardBehaviour; brand: string }> = {
  "4242424242424242": { behaviour: "succeeds", brand: "visa" },
  "5555555555554444": { behaviour: "succeeds", brand: "mastercard" },
  "4000000000000002": { behaviour: "declined", brand: "visa" },
  "4000000000009995": { behaviour: "insufficient_funds", brand: "visa" },
  "4000002760003184": { behaviour: "requires_authentication", brand: "visa" },
  "4000000000000341": { behaviour: "charge_fails", brand: "visa" },
  // Stripe declines 9987 already when it is saved; here it saves, as a card later reported
  // lost does, and every charge is declined with lost_card (a hard decline).
  "4000000000009987": { behaviour: "lost_card", brand: "visa" },
};

export class Store {
  private offsetSeconds = 0;
  readonly objects = new Map<string, Obj>();
  readonly idempotency = new Map<string, { status: number; body: unknown; fingerprint: string }>();
  /** Every API response, when a contract test asks for them (tests/contract). */
  recording: { method: string; path: string; status: number; body: unknown }[] | null = null;
  /** Full card numbers behind payment methods (Stripe never returns them). */
  readonly cardNumbers = new Map<string, string>();

  /** Everything, as JSON: `npm run dev` keeps it in .data/ so restarts don't forget customers. */
  snapshot() {
    return JSON.stringify({
      offsetSeconds: this.offsetSeconds,
      objects: [...this.objects.values()],
      cardNumbers: [...this.cardNumbers.entries()],
    });
  }

  restore(json: string) {
    const data = JSON.parse(json) as {
      offsetSeconds: number;
      objects: Obj[];
      cardNumbers: [string, string][];
    };
    this.offsetSeconds = data.offsetSeconds;
    for (const object of data.objects) this.objects.set(object.id, object);
    for (const [id, number] of data.cardNumbers) this.cardNumbers.set(id, number);
  }

  now() {
    return Math.floor(Date.now() / 1000) + this.offsetSeconds;
  }

  advance(seconds: number) {
    this.offsetSeconds += seconds;
  }

  id(prefix: string) {
    return `${prefix}_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
  }

  put(object: Obj): Obj {
    this.objects.set(object.id, object);
    return object;
  }

  get<T extends Obj = Obj>(id: string, object?: string): T | undefined {
    const found = this.objects.get(id);
    if (!found || (object && found.object !== object)) return undefined;
    return found as T;
  }

  all<T extends Obj = Obj>(object: string): T[] {
    return [...this.objects.values()].filter((o) => o.object === object) as T[];
  }
}

export function list(data: unknown[], url: string) {
  return { object: "list", data, has_more: false, url };
}

export class StripeError extends Error {
  constructor(
    public readonly status: number,
    public readonly body: {
      type: string;
      code?: string;
      message: string;
      param?: string;
      decline_code?: string;
      payment_intent?: unknown;
    },
  ) {
    super(body.message);
  }
}
