/** A URL slug from a name or title: ASCII letters, digits and dashes, at most `max` characters. */
export function slugify(text: string, max = 60) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
}
