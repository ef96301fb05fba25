import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { hubFundedByApi } from "~/modules/credits/api.server";
import { apiAnswer, readOnlyAction } from "~/modules/credits/api-http.server";
import { db } from "~/modules/database.server";

export const action = readOnlyAction;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function loader({ request, params }: LoaderFunctionArgs) {
  return apiAnswer(request, async () =>
    UUID.test(params.hubId ?? "") ? hubFundedByApi(db(), env().appUrl, params.hubId!) : null,
  );
}
