import { useActionData, useLoaderData } from "@remix-run/react";
import type { action, loader } from "./route";

// What the billing page's sections read: the loader's data and the membership's state.

export function useBillingPage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { current, tiers } = data;
  const membership = current?.membership;
  const settled = Boolean(membership && ["active", "past_due"].includes(membership.status));
  const awaitingCheckout =
    membership?.status === "pending" && membership.method === "card" && !membership.stripeSubscriptionId;
  const reply = lastResult && "status" in lastResult ? lastResult : undefined;
  return {
    data,
    current,
    membership,
    settled,
    awaitingCheckout,
    live: settled || (membership?.status === "pending" && !awaitingCheckout),
    canChangeTier: settled && Boolean(membership?.stripeSubscriptionId),
    paidTiers: tiers.filter((t) => !t.isSubsidised),
    subsidisedTiers: tiers.filter((t) => t.isSubsidised),
    reply,
    replyIntent: (reply?.initialValue as { intent?: string } | undefined)?.intent,
  };
}
