import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes every cell, doubles quotes, keeps newlines inside their cell", () => {
    expect(
      toCsv(
        ["name", "note"],
        [
          ["Lab, Inc.", 'say "hi"'],
          [null, "two\nlines"],
          [42, new Date(0)],
        ],
      ),
    ).toBe(
      '"name","note"\r\n"Lab, Inc.","say ""hi"""\r\n,"two\nlines"\r\n"42","1970-01-01T00:00:00.000Z"\r\n',
    );
  });

  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK(""http://evil"")`],
    ["+1+2", "'+1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["-2+3", "'-2+3"],
    ["\t=1", "'\t'=1"],
    ["Acme;=1+1", "Acme;'=1+1"],
    ["Acme,@cmd", "Acme,'@cmd"],
    ["Acme|+1", "Acme|'+1"],
  ])("defuses a formula in %j (OWASP)", (input, expected) => {
    expect(toCsv(["x"], [[input]])).toBe(`"x"\r\n"${expected}"\r\n`);
  });

  it("keeps negative amounts as numbers", () => {
    expect(toCsv(["amount"], [["-145.30"], [-14530]])).toBe('"amount"\r\n"-145.30"\r\n"-14530"\r\n');
  });
});
