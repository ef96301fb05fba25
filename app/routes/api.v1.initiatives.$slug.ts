import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { initiativeApi } from "~/modules/credits/api.server";
import { apiAnswer, readOnlyAction } from "~/modules/credits/api-http.server";
import { db } from "~/modules/database.server";

export const action = readOnlyAction;

export function loader({ request, params }: LoaderFunctionArgs) {
  return apiAnswer(request, () => initiativeApi(db(), env().appUrl, params.slug ?? ""));
}
