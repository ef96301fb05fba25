import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatMoney } from "~/lib/money";
import type { action, loader } from "./route";

// What the collection page's sections read.

export function useCollectionPage() {
  const data = useLoaderData<typeof loader>();
  const { initiative } = data;
  return {
    data,
    initiative,
    busy: useNavigation().state === "submitting",
    money: (amountMinor: number) => formatMoney({ amountMinor, currency: initiative.currency }),
  };
}

/** The action's answer when it is about the form of `intent` (and that pledge's, for refunds). */
export function useReplyFor(intent: string, pledgeId?: string) {
  const reply = useActionData<typeof action>();
  const sent = reply?.initialValue;
  return sent?.intent === intent && (!pledgeId || sent.pledgeId === pledgeId) ? reply : undefined;
}

export const date = (value: string | Date | null) =>
  value
    ? new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(value))
    : "";
