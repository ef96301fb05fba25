// Open Graph and Twitter card tags for public pages (issue 11, section 3). Addresses
// are absolute: link previews are fetched by other sites.

export type SocialPage = { title: string; description: string; path: string; image?: string };

type Match = { id: string; data?: unknown };

/** The public address of the portal, from the root loader's data. */
export function appUrlOf(matches: Match[]) {
  const root = matches.find((m) => m.id === "root")?.data as { appUrl?: string } | undefined;
  return root?.appUrl ?? "";
}

export function socialMeta(page: SocialPage, appUrl: string) {
  const url = `${appUrl}${page.path}`;
  const description = page.description.slice(0, 200);
  const tags: Record<string, string>[] = [
    { title: page.title },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: url },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Commons" },
    { property: "og:title", content: page.title },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    { name: "twitter:card", content: page.image ? "summary_large_image" : "summary" },
    { name: "twitter:title", content: page.title },
    { name: "twitter:description", content: description },
  ];
  if (page.image) {
    const image = `${appUrl}${page.image}`;
    tags.push(
      { property: "og:image", content: image },
      { property: "og:image:width", content: "1200" },
      { property: "og:image:height", content: "630" },
      { name: "twitter:image", content: image },
    );
  }
  return tags;
}
