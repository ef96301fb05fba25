import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "~/components/Markdown";
import { renderMarkdown } from "./markdown.server";

// Issue 4, item 1: nothing a proposer writes can run script or inject markup. Rendered on
// the server, shown by <Markdown> in the browser (issue 13, section 2).
const render = (source: string) => renderToStaticMarkup(<Markdown html={renderMarkdown(source)} />);

describe("member-written markdown", () => {
  it("renders ordinary markdown", () => {
    const html = render("**Bold** and a [link](https://jupyter.org).\n\n- one\n- two");
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain('<a href="https://jupyter.org" rel="nofollow ugc noopener noreferrer">link</a>');
    expect(html).toContain("<li>one</li>");
  });

  it.each([
    ["a script tag", "<script>alert(1)</script>", /<script/i],
    ["an event handler", '<img src=x onerror="alert(1)">', /<img|<[^>]*\sonerror=/i],
    ["an inline svg", '<svg onload="alert(1)"></svg>', /<svg|<[^>]*\sonload=/i],
    ["an iframe", '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ["a javascript: link", "[click](javascript:alert(1))", /javascript:|<a /i],
    ["a data: link", "[click](data:text/html;base64,PHNjcmlwdD4=)", /data:|<a /i],
    ["a VBScript link", "[click](vbscript:msgbox)", /vbscript:|<a /i],
    ["an image", "![pixel](https://tracker.example/p.gif)", /<img/i],
    ["a style attribute smuggled in html", '<p style="position:fixed">x</p>', /<[^>]*\sstyle=/i],
  ])("drops %s", (_name, source, forbidden) => {
    expect(render(source)).not.toMatch(forbidden);
  });

  it("keeps the words of a removed link or image", () => {
    expect(render("[click](javascript:alert(1))")).toContain("<span>click</span>");
    expect(render("![a chart of usage](https://tracker.example/p.gif)")).toContain(
      "[image: a chart of usage]",
    );
  });

  it("demotes headings so a proposal cannot outrank the page", () => {
    expect(render("# Title")).toBe('<div class="prose-commons "><h3>Title</h3></div>');
    expect(renderMarkdown("## Plan").__html).toBe("<h3>Plan</h3>");
  });
});
