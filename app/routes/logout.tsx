import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearedSessionCookie, getViewer } from "~/modules/auth/request.server";
import { invalidateSession } from "~/modules/auth/session.server";
import { db } from "~/modules/database.server";

export async function loader() {
  return redirect("/");
}

/** Signing out deletes the session on the server, not just the cookie. */
export async function action({ request }: ActionFunctionArgs) {
  const viewer = await getViewer(request);
  if (viewer) await invalidateSession(db(), viewer.sessionId);
  return redirect("/", { headers: { "Set-Cookie": clearedSessionCookie() } });
}
