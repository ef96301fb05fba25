// Whole numbers for people ("10,950 users"), with one shared formatter: a new
// Intl.NumberFormat per call (what toLocaleString("en") does) is costly in lists.
const count = new Intl.NumberFormat("en");

export function formatCount(value: number) {
  return count.format(value);
}
