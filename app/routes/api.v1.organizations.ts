import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { listOrganizationsApi } from "~/modules/credits/api.server";
import { apiAnswer, readOnlyAction } from "~/modules/credits/api-http.server";
import { db } from "~/modules/database.server";

export const action = readOnlyAction;

export function loader({ request }: LoaderFunctionArgs) {
  return apiAnswer(request, () => listOrganizationsApi(db(), env().appUrl, new URL(request.url)));
}
