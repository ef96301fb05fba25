import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { secureCookies, sessionSecret } from "./env.server";

// One-shot messages shown as a toast after a redirect ("Hub added").

export type Flash = { kind: "success" | "error" | "info"; message: string };

let storage: ReturnType<typeof createStorage> | undefined;
function createStorage() {
  return createCookieSessionStorage<Record<string, never>, { toast: Flash }>({
    cookie: {
      name: "commons_flash",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secrets: [sessionSecret()],
      secure: secureCookies(),
    },
  });
}
function flashStorage() {
  storage ??= createStorage();
  return storage;
}

export async function withFlash(flash: Flash, init: ResponseInit = {}, request?: Request) {
  const session = await flashStorage().getSession(request?.headers.get("Cookie"));
  session.flash("toast", flash);
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashStorage().commitSession(session));
  return headers;
}

/**
 * The usual end of a form action: back to a page, with a message shown there once.
 * `init` carries extra headers (a session's Set-Cookie), merged with the flash cookie.
 */
export async function redirectWithFlash(
  to: string,
  message: string,
  kind: Flash["kind"] = "success",
  init: ResponseInit = {},
) {
  return redirect(to, { ...init, headers: await withFlash({ kind, message }, init) });
}

export async function readFlash(request: Request) {
  const session = await flashStorage().getSession(request.headers.get("Cookie"));
  const toast = session.get("toast") ?? null;
  return { toast, setCookie: toast ? await flashStorage().commitSession(session) : null };
}
