import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { API_STATUSES, listInitiativesApi } from "~/modules/credits/api.server";
import { apiAnswer, readOnlyAction } from "~/modules/credits/api-http.server";
import { db } from "~/modules/database.server";

export const action = readOnlyAction;

export function loader({ request }: LoaderFunctionArgs) {
  return apiAnswer(request, async () => {
    const url = new URL(request.url);
    const asked = url.searchParams.get("status");
    const status = API_STATUSES.find((s) => s === asked) ?? null;
    return listInitiativesApi(db(), env().appUrl, url, status);
  });
}
