import { describe, expect, it } from "vitest";
import { escapeXml, renderBadge, textWidth } from "./svg-badge";

describe("renderBadge", () => {
  it("draws the label and message, with a text alternative", () => {
    const svg = renderBadge("Commons", "co-funded by 7 organizations · 72%", "brand");
    expect(svg).toContain('aria-label="Commons: co-funded by 7 organizations · 72%"');
    expect(svg).toContain(">co-funded by 7 organizations · 72%</text>");
    expect(svg.startsWith("<svg")).toBe(true);
  });

  it("escapes markup in names so a badge cannot carry script", () => {
    const svg = renderBadge("Commons", `<script>alert(1)</script>"&`, "neutral");
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&#60;script&#62;");
    expect(escapeXml(`'"`)).toBe("&#39;&#34;");
    expect(escapeXml("Tab\tok, vertical\u000Btab and NUL\u0000 not")).toBe(
      "Tab\tok, verticaltab and NUL not",
    );
  });

  it("grows with its text", () => {
    expect(textWidth("delivered · on 23 hubs")).toBeGreaterThan(textWidth("funded"));
    const narrow = renderBadge("Commons", "funded", "success");
    const wide = renderBadge("Commons", "delivered · on 23 hubs", "success");
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(width(wide)).toBeGreaterThan(width(narrow));
  });
});
