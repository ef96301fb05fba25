import type { LoaderFunctionArgs } from "@remix-run/node";
import { statsApi } from "~/modules/credits/api.server";
import { apiAnswer, readOnlyAction } from "~/modules/credits/api-http.server";
import { memoized } from "~/modules/credits/memo.server";
import { db } from "~/modules/database.server";

export const action = readOnlyAction;

export function loader({ request }: LoaderFunctionArgs) {
  return apiAnswer(request, () => memoized("api-stats", 60_000, () => statsApi(db())));
}
