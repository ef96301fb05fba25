import type { Db } from "#db/client.server";
import { attemptStripe } from "./attempts.server";
import { stripe } from "./stripe.server";

// Stripe Products (issue 9, item 1.2): every price Commons builds names a Product
// that exists, because Stripe answers 400 resource_missing otherwise. The caller
// stores the returned id (a tier keeps its product) and passes it back next time.

export async function ensureProduct(
  db: Db,
  input: { existingId: string | null; name: string; metadata: Record<string, string> },
) {
  if (input.existingId) return input.existingId;
  const product = await attemptStripe(
    db,
    { operation: "product.create", request: { name: input.name, metadata: input.metadata } },
    (params, options) => stripe().products.create(params, options),
  );
  return product.id;
}

/** Keeps the product's name in step with what it sells (a renamed tier). */
export async function renameProduct(productId: string, name: string) {
  await stripe().products.update(productId, { name });
}
