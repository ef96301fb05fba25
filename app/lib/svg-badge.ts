// Shields-style SVG badges (issue 11, section 3), drawn without a font at hand: text
// width is estimated from Verdana's advance widths at 11 px, as shields.io does.

const WIDE = /[MWmw@%]/;
const NARROW = /[ilIj.,:;'!|() ]/;

/** Approximate width in px of `text` in 11 px Verdana. */
export function textWidth(text: string) {
  let width = 0;
  for (const char of text)
    width += WIDE.test(char) ? 10 : NARROW.test(char) ? 4 : /[A-Z0-9]/.test(char) ? 7.5 : 6.6;
  return Math.ceil(width);
}

/** The control characters XML 1.0 forbids, dropped (a name with one would make the document invalid). */
export function withoutXmlControls(text: string) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}

/** Text safe inside XML (SVG, Atom): forbidden control characters dropped, markup escaped. */
export function escapeXml(text: string) {
  return withoutXmlControls(text).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type BadgeTone = "brand" | "success" | "neutral" | "warning";
const TONES: Record<BadgeTone, string> = {
  brand: "#0b5c8e",
  success: "#1e6b41",
  neutral: "#4a5561",
  warning: "#7a4d00",
};

export function renderBadge(label: string, message: string, tone: BadgeTone) {
  const left = textWidth(label) + 12;
  const right = textWidth(message) + 12;
  const total = left + right;
  const l = escapeXml(label);
  const m = escapeXml(message);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${l}: ${m}"><title>${l}: ${m}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${total}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${left}" height="20" fill="#1f2933"/><rect x="${left}" width="${right}" height="20" fill="${TONES[tone]}"/><rect width="${total}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="${left / 2}" y="14">${l}</text><text x="${left + right / 2}" y="14">${m}</text></g></svg>`;
}
