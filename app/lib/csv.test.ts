import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes commas, quotes and newlines, and defuses formulas", () => {
    const csv = toCsv(
      ["name", "note"],
      [
        ["Lab, Inc.", 'say "hi"'],
        ['=HYPERLINK("x")', "two\nlines"],
        [null, 42],
      ],
    );
    expect(csv).toBe(
      'name,note\r\n"Lab, Inc.","say ""hi"""\r\n"\'=HYPERLINK(""x"")","two\nlines"\r\n,42\r\n',
    );
  });
});
