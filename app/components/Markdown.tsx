import type { RenderedMarkdown } from "~/lib/markdown.server";

// Shows member-written markdown the loader rendered with renderMarkdown (app/lib/
// markdown.server.tsx): the browser gets HTML, never the renderer.

export function Markdown({ html, className = "" }: { html: RenderedMarkdown; className?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's output, which drops raw HTML and unsafe URLs
  return <div className={`prose-commons ${className}`} dangerouslySetInnerHTML={{ __html: html.__html }} />;
}
