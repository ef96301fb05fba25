import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "~/lib/cacheable.server";
import { env } from "~/lib/env.server";
import { feedEntries, parseFeedEvents, renderAtom } from "~/modules/credits/feeds.server";
import { db } from "~/modules/database.server";

// The network's Atom feed (issue 11): ?event=open,funded,delivered narrows it.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const appUrl = env().appUrl;
  const entries = await feedEntries(db(), { events: parseFeedEvents(url.searchParams.get("event")) });
  const body = renderAtom(entries, {
    title: "Commons: initiatives",
    selfUrl: `${appUrl}${url.pathname}${url.search}`,
    pageUrl: `${appUrl}/initiatives`,
    appUrl,
  });
  return cacheableResponse(request, body, { "Content-Type": "application/atom+xml; charset=utf-8" });
}
