import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { LOGO_MAX_BYTES, logoSchema } from "./schemas";

// The logo form (issue 11) goes through Conform like every other: each refusal is said at `logo`.

function logoErrors(file?: File) {
  const formData = new FormData();
  // What a browser sends when no file is chosen: an empty part with no name.
  formData.append("logo", file ?? new File([], "", { type: "application/octet-stream" }));
  const submission = parseWithZod(formData, { schema: logoSchema });
  return submission.status === "success" ? [] : submission.error?.logo;
}

describe("the logo upload schema", () => {
  it("accepts a PNG, JPEG or SVG of up to 2 MB", () => {
    expect(logoErrors(new File(["x"], "logo.svg", { type: "image/svg+xml" }))).toEqual([]);
    expect(logoErrors(new File([new Uint8Array(LOGO_MAX_BYTES)], "logo.png", { type: "image/png" }))).toEqual(
      [],
    );
  });

  it("says at the field what is wrong: no file, an empty one, too large, or another type", () => {
    expect(logoErrors()).toEqual(["Choose an image file."]);
    expect(logoErrors(new File([], "empty.png", { type: "image/png" }))).toEqual(["Choose an image file."]);
    expect(
      logoErrors(new File([new Uint8Array(LOGO_MAX_BYTES + 1)], "big.png", { type: "image/png" })),
    ).toEqual(["The image is larger than 2 MB. Use a smaller file."]);
    expect(logoErrors(new File(["GIF89a"], "logo.gif", { type: "image/gif" }))).toEqual([
      "Use a PNG, JPEG or SVG image.",
    ]);
  });
});
