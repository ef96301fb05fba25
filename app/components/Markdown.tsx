import ReactMarkdown, { type Components } from "react-markdown";

// Markdown written by members, rendered safely (issue 4, item 1): raw HTML is never
// rendered (react-markdown without rehype-raw drops it), link targets pass
// react-markdown's URL filter (no javascript: or data: URLs), images are shown as
// their alt text so a proposal cannot load third-party trackers, and links are
// marked as user content.

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

export function Markdown({ children, className = "" }: { children: string; className?: string }) {
  return (
    <div className={`prose-commons ${className}`}>
      <ReactMarkdown components={components}>{children}</ReactMarkdown>
    </div>
  );
}
