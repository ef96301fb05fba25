// One way to show a day across the public pages: "Nov 3, 2026", in UTC so the server
// and the browser render the same text.

const dayFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** A calendar day (2026-11-03) or an instant, as "Nov 3, 2026". */
export function formatDay(value: string | Date) {
  const date =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T00:00:00Z`)
      : new Date(value);
  return dayFormat.format(date);
}

/** The year of a calendar day or instant, in UTC. */
export function yearOf(value: string | Date) {
  return typeof value === "string" ? value.slice(0, 4) : String(value.getUTCFullYear());
}
