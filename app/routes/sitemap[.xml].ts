import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "~/lib/cacheable.server";
import { env } from "~/lib/env.server";
import { sitemapXml } from "~/modules/credits/sitemap.server";
import { db } from "~/modules/database.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return cacheableResponse(
    request,
    await sitemapXml(db(), env().appUrl),
    {
      "Content-Type": "application/xml; charset=utf-8",
    },
    3600,
  );
}
