import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/modules/database.server";
import { logoByHash } from "~/modules/organizations/logo.server";

// A logo by its content hash (issue 11): the address changes when the image does, so it
// is cached for a year; served as the PNG Commons encoded, never as uploaded.
export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^([0-9a-f]{24})\.png$/.exec(params.file ?? "");
  const logo = match ? await logoByHash(db(), match[1]!) : null;
  if (!logo)
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "public, max-age=60" } });
  return new Response(new Uint8Array(logo.data), {
    headers: {
      "Content-Type": logo.contentType,
      "Cache-Control": "public, max-age=31536000, immutable",
      "Content-Security-Policy": "default-src 'none'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
