import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { initiatives, organizations } from "#db/schema";
import { escapeXml } from "~/lib/svg-badge";
import { API_STATUSES } from "./api.server";

// sitemap.xml (issue 11, section 3): the public pages search engines should know,
// every public initiative and listed organization with when it last changed.

const STATIC_PAGES = ["/", "/initiatives", "/members", "/membership", "/credits"];

export async function sitemapXml(db: Db, appUrl: string) {
  const [initiativeRows, organizationRows] = await Promise.all([
    db
      .select({ slug: initiatives.slug, updatedAt: initiatives.updatedAt })
      .from(initiatives)
      .where(and(inArray(initiatives.status, API_STATUSES), isNotNull(initiatives.reviewStartedAt))),
    db
      .select({ slug: organizations.slug, updatedAt: organizations.updatedAt })
      .from(organizations)
      .where(eq(organizations.isPublic, true)),
  ]);
  const url = (path: string, updated?: Date) =>
    `<url><loc>${escapeXml(`${appUrl}${path}`)}</loc>${updated ? `<lastmod>${updated.toISOString().slice(0, 10)}</lastmod>` : ""}</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...STATIC_PAGES.map((path) => url(path)),
    ...initiativeRows.map((i) => url(`/initiatives/${i.slug}`, i.updatedAt)),
    ...organizationRows.map((o) => url(`/members/${o.slug}`, o.updatedAt)),
    "</urlset>",
  ].join("\n");
}
