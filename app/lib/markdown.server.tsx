import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown, { type Components } from "react-markdown";

// Markdown written by members, rendered safely (issue 4, item 1) and on the server only
// (issue 13, section 2: the renderer is 37 KB the browser need not download). Raw HTML is
// never rendered (react-markdown without rehype-raw drops it), link targets pass
// react-markdown's URL filter (no javascript: or data: URLs), images are shown as their
// alt text so a proposal cannot load third-party trackers, and links are marked as user
// content. Loaders send the result as `RenderedMarkdown`; <Markdown> shows it.

const components: Components = {
  // A link whose target the URL filter removed (javascript: and the like) stays plain text.
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="nofollow ugc noopener noreferrer">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // Images are not loaded from member-chosen hosts; their description stays.
  img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : "[image]"}</span>,
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h3>{children}</h3>,
};

/** HTML that came out of renderMarkdown, and nothing else (the brand says so to the types). */
export type RenderedMarkdown = { readonly __html: string; readonly __brand: "RenderedMarkdown" };

export function renderMarkdown(source: string): RenderedMarkdown {
  const html = renderToStaticMarkup(<ReactMarkdown components={components}>{source}</ReactMarkdown>);
  return { __html: html } as RenderedMarkdown;
}
