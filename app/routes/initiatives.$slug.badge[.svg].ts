import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "~/lib/cacheable.server";
import { initiativeBadge } from "~/modules/credits/embeds.server";
import { memoized } from "~/modules/credits/memo.server";
import { db } from "~/modules/database.server";

// The README badge of an initiative (issue 11, section 3).
export async function loader({ request, params }: LoaderFunctionArgs) {
  // README image proxies fetch badges often; a few seconds' memory keeps them off the database.
  const slug = params.slug ?? "";
  const svg = await memoized(`badge:${slug}`, 10_000, () => initiativeBadge(db(), slug));
  if (!svg) return new Response("No public initiative has this address.", { status: 404 });
  return cacheableResponse(request, svg, {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
  });
}
