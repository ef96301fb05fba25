import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "~/lib/cacheable.server";
import { env } from "~/lib/env.server";
import { feedEntries, parseFeedEvents, renderAtom } from "~/modules/credits/feeds.server";
import { db } from "~/modules/database.server";
import { getPublicOrganization } from "~/modules/organizations/directory.server";

// One organization's Atom feed (issue 11): what it proposed, endorsed or funded by name.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const organization = await getPublicOrganization(db(), params.slug ?? "");
  if (!organization) return new Response("No listed member has this address.", { status: 404 });
  const url = new URL(request.url);
  const appUrl = env().appUrl;
  const entries = await feedEntries(db(), {
    events: parseFeedEvents(url.searchParams.get("event")),
    organizationId: organization.id,
  });
  const body = renderAtom(entries, {
    title: `Commons: ${organization.name}`,
    selfUrl: `${appUrl}${url.pathname}${url.search}`,
    pageUrl: `${appUrl}/members/${organization.slug}`,
    appUrl,
  });
  return cacheableResponse(request, body, { "Content-Type": "application/atom+xml; charset=utf-8" });
}
