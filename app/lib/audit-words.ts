import { formatDay } from "./dates";
import { formatMoney } from "./money";

// The audit log in words (issue 13, item 10): "Hub created", "amount: $12,000.00", not
// `hub.created` and `amountMinor: 1200000`.

function words(key: string) {
  return key
    .replace(/Minor$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase();
}

export function actionInWords(action: string) {
  const text = action.split(".").map(words).join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

function valueInWords(key: string, value: unknown, currency: string | undefined): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number" && key.endsWith("Minor") && currency)
    return formatMoney({ amountMinor: value, currency });
  if (typeof value === "number") return value.toLocaleString("en");
  if (typeof value === "string") return ISO_DATE.test(value) ? formatDay(value) : value;
  if (Array.isArray(value))
    return value.length === 0 ? "none" : value.map((v) => valueInWords("", v, currency)).join(", ");
  return JSON.stringify(value);
}

/** Details as "amount: $12,000 · from: active"; the currency itself is folded into amounts. */
export function detailsInWords(details: Record<string, unknown>) {
  const currency = typeof details.currency === "string" ? details.currency : undefined;
  return Object.entries(details)
    .filter(([key]) => !(key === "currency" && Object.keys(details).some((k) => k.endsWith("Minor"))))
    .map(([key, value]) => `${words(key)}: ${valueInWords(key, value, currency)}`)
    .join(" · ");
}
