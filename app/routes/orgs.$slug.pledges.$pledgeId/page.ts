import { useLoaderData, useNavigation } from "@remix-run/react";
import { formatMoney } from "~/lib/money";
import type { loader } from "./route";

// What every section of the pledge page reads: the loader's data and a few formatters.

export function usePledgePage() {
  const data = useLoaderData<typeof loader>();
  const { pledge, initiative } = data;
  return {
    data,
    pledge,
    initiative,
    open: initiative.status === "open",
    busy: useNavigation().state === "submitting",
    money: (amountMinor: number) => formatMoney({ amountMinor, currency: pledge.currency }),
  };
}

export const date = (value: string | Date) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
    new Date(value),
  );
