import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "~/lib/cacheable.server";
import { initiativeOgImage } from "~/modules/credits/embeds.server";
import { memoized } from "~/modules/credits/memo.server";
import { db } from "~/modules/database.server";

// The 1200×630 link-preview image of an initiative (issue 11, section 3).
export async function loader({ request, params }: LoaderFunctionArgs) {
  // Rasterising costs tens of milliseconds: a minute's memory per initiative.
  const slug = params.slug ?? "";
  const png = await memoized(`og:${slug}`, 60_000, () => initiativeOgImage(db(), slug));
  if (!png) return new Response("No public initiative has this address.", { status: 404 });
  return cacheableResponse(request, png, { "Content-Type": "image/png" }, 3600);
}
