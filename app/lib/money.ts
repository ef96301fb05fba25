// Money is { amountMinor, currency }: integer minor units and an ISO 4217 code,
// formatted with Intl at the edge (ARCHITECTURE.md "Money").

export type Money = { amountMinor: number; currency: string };

// Building an Intl.NumberFormat costs far more than using one (it showed up in the
// catalog benchmark's CPU profile), so each formatter is made once and kept.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, currency: string, minimumFractionDigits?: number) {
  const key = `${locale}|${currency}|${minimumFractionDigits ?? ""}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits });
    formatters.set(key, cached);
  }
  return cached;
}

const digitsOf = new Map<string, number>();
export function minorDigits(currency: string) {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    digits = formatter("en", currency).resolvedOptions().maximumFractionDigits ?? 2;
    digitsOf.set(currency, digits);
  }
  return digits;
}

export function formatMoney({ amountMinor, currency }: Money, locale = "en") {
  const digits = minorDigits(currency);
  return formatter(locale, currency, amountMinor % 10 ** digits === 0 ? 0 : digits).format(
    amountMinor / 10 ** digits,
  );
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
  const sign = amountMinor < 0 ? "-" : "";
  const abs = Math.abs(amountMinor);
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, "0")}`;
}
