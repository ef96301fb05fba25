import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "~/lib/cacheable.server";
import { env } from "~/lib/env.server";

// Public pages are for search engines; people's own pages, staff and the API are not.
export function loader({ request }: LoaderFunctionArgs) {
  const body = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /orgs/",
    "Disallow: /staff/",
    "Disallow: /account",
    "Disallow: /dev/",
    "Disallow: /api/",
    "Disallow: /login",
    "Disallow: /signup",
    `Sitemap: ${env().appUrl}/sitemap.xml`,
    "",
  ].join("\n");
  return cacheableResponse(request, body, { "Content-Type": "text/plain; charset=utf-8" }, 86400);
}
