import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableResponse } from "~/lib/cacheable.server";
import { env } from "~/lib/env.server";
import { openApiDocument } from "~/modules/credits/openapi";

export function loader({ request }: LoaderFunctionArgs) {
  return cacheableResponse(request, JSON.stringify(openApiDocument(env().appUrl), null, 2), {
    "Content-Type": "application/json; charset=utf-8",
    "Access-Control-Allow-Origin": "*",
  });
}
