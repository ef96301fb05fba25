import type { ActionFunctionArgs } from "@remix-run/node";
import { logger } from "~/lib/logger.server";
import { db } from "~/modules/database.server";
import { stripeEventRoutes } from "~/modules/jobs/registry.server";
import { handlerFor } from "~/modules/payments/event-processing.server";
import { receiveStripeWebhook } from "~/modules/payments/webhooks.server";

// POST /webhooks/stripe: verified, stored with its job, answered quickly (issue 3, item 3).
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405 });
  const receipt = await receiveStripeWebhook(
    db(),
    await request.text(),
    request.headers.get("stripe-signature"),
    (event) => handlerFor(stripeEventRoutes, event) !== null,
  );
  if (receipt.status === "rejected") {
    logger.warn({ reason: receipt.reason }, "stripe webhook rejected");
    return Response.json({ error: receipt.reason }, { status: 400 });
  }
  return Response.json({ received: true, duplicate: receipt.status === "duplicate" });
}

export async function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
