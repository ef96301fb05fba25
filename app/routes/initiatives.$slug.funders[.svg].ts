import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "~/lib/cacheable.server";
import { fundersBanner } from "~/modules/credits/embeds.server";
import { memoized } from "~/modules/credits/memo.server";
import { db } from "~/modules/database.server";

// The funders banner of an initiative (issue 11, section 3): ?limit=&width=&avatarHeight=
const clamp = (value: string | null, fallback: number, min: number, max: number) => {
  const n = Number(value);
  return Number.isInteger(n) && value !== null && value !== "" ? Math.min(max, Math.max(min, n)) : fallback;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const slug = params.slug ?? "";
  const options = {
    limit: clamp(search.get("limit"), 30, 1, 100),
    width: clamp(search.get("width"), 600, 100, 1600),
    avatarHeight: clamp(search.get("avatarHeight"), 48, 16, 128),
  };
  const key = `banner:${slug}:${options.limit}:${options.width}:${options.avatarHeight}`;
  const svg = await memoized(key, 10_000, () => fundersBanner(db(), slug, options));
  if (!svg) return new Response("No public initiative has this address.", { status: 404 });
  return cacheableResponse(request, svg, {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
  });
}
