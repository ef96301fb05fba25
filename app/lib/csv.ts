import { stringify } from "csv-stringify/sync";

// CSV for spreadsheets (issue 12, item 9), written by csv-stringify with every cell
// quoted, and the OWASP rule against formula injection: a cell that starts with a
// formula character, or has one right after a separator a spreadsheet may split on
// (`Acme;=1+1` opened with `;` as the separator), gets an apostrophe before it.
// Plain numbers (a refund's -145.30) are data and stay as they are.

const FORMULA_START = /^[=+\-@\t\r]/;
const AFTER_SEPARATOR = /([,;\t|])([=+\-@])/g;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function defuse(text: string) {
  if (PLAIN_NUMBER.test(text)) return text;
  const inner = text.replace(AFTER_SEPARATOR, "$1'$2");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

function cell(value: unknown) {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return defuse(String(value));
}

export function toCsv(header: string[], rows: unknown[][]) {
  return stringify([header, ...rows.map((row) => row.map(cell))], { quoted: true, record_delimiter: "\r\n" });
}

/** A CSV download that no cache keeps. */
export function csvResponse(csv: string, filename: string) {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replaceAll('"', "")}"`,
      "Cache-Control": "no-store",
    },
  });
}
