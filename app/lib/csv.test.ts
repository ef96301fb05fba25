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

describe("toCsv and numbers", () => {
  it("keeps negative amounts as numbers but defuses formulas that start with a minus", () => {
    expect(
      toCsv(
        ["amount", "note"],
        [
          ["-145.30", "-2+3"],
          [-14530, "-cmd|' /C calc'!A0"],
        ],
      ),
    ).toBe("amount,note\r\n-145.30,'-2+3\r\n-14530,'-cmd|' /C calc'!A0\r\n");
  });
});
