// Money is { amountMinor, currency }: integer minor units and an ISO 4217 code,
// formatted with Intl at the edge (ARCHITECTURE.md "Money").

export type Money = { amountMinor: number; currency: string };

export function minorDigits(currency: string) {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export function formatMoney({ amountMinor, currency }: Money, locale = "en") {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: amountMinor % 10 ** digits === 0 ? 0 : digits,
  }).format(amountMinor / 10 ** digits);
}

/** "5000" or "5000.50" in a currency's major unit → integer minor units, without floats. */
export function parseMajorAmount(text: string, currency: string): number | null {
  const match = text.trim().match(/^(\d{1,9})(?:\.(\d+))?$/);
  if (!match) return null;
  const digits = minorDigits(currency);
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

/** Integer minor units → "5000.00" for a form field, without floats. */
export function formatMajorAmount(amountMinor: number, currency: string) {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amountMinor);
  const unit = 10 ** digits;
  return `${Math.floor(amountMinor / unit)}.${String(amountMinor % unit).padStart(digits, "0")}`;
}
