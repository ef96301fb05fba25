import { readFileSync } from "node:fs";
import path from "node:path";

// Completes the emulator's objects to Stripe's full shape before they leave it
// (issue 9, section 5): every property the pinned SDK's types say Stripe always
// sends, and the emulator does not set, gets Stripe's empty value. The shapes come
// from scripts/stripe-skeletons.ts (generated from node_modules/stripe/types).

type Node = { d?: unknown; s?: string; a?: string };
const { roots, shapes } = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "skeletons.json"), "utf8"),
) as { roots: Record<string, string>; shapes: Record<string, Record<string, Node>> };

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function shapeFor(value: Record<string, unknown>, fallback?: string) {
  return (typeof value.object === "string" && roots[value.object]) || fallback;
}

export function completeStripeObject<T>(value: T, shapeId?: string): T {
  if (Array.isArray(value)) return value.map((v) => completeStripeObject(v)) as T;
  if (!isObject(value)) return value;
  if (value.object === "list" && Array.isArray(value.data))
    return { ...value, data: value.data.map((v) => completeStripeObject(v)) } as T;
  const shape = shapes[shapeFor(value, shapeId) ?? ""];
  // A partial object (an event's previous_attributes): complete the Stripe objects inside it.
  if (!shape)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        isObject(v) && typeof v.object === "string" ? completeStripeObject(v) : v,
      ]),
    ) as T;
  const out: Record<string, unknown> = { ...value };
  for (const [key, node] of Object.entries(shape)) {
    if (!(key in out)) {
      if ("d" in node) out[key] = structuredClone(node.d);
      continue;
    }
    const v = out[key];
    if (Array.isArray(v) && node.a)
      out[key] = v.map((x) => (isObject(x) ? completeStripeObject(x, shapeFor(x, node.a)) : x));
    else if (isObject(v)) out[key] = completeStripeObject(v, shapeFor(v, node.s));
  }
  return out as T;
}
