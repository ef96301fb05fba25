import { redirect } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { secureCookies } from "~/lib/env.server";
import { forbidden } from "~/lib/http.server";
import { canStaff, type StaffAction } from "~/modules/staff/policy";
import { type SessionUser, validateSessionToken } from "./session.server";

// Reads the session cookie of a request. Loaders and actions call these to know
// who is asking; authorization decisions then go through each module's policy.

export const SESSION_COOKIE = "commons_session";

export type Viewer = SessionUser & { sessionId: string };

const cache = new WeakMap<Request, Promise<Viewer | null>>();

function readCookie(request: Request, name: string) {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    // A cookie that is not valid percent-encoding cannot be our session (issue 12, item 12).
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function getViewer(request: Request): Promise<Viewer | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = (async () => {
      const token = readCookie(request, SESSION_COOKIE);
      if (!token) return null;
      const result = await validateSessionToken(getDb(), token);
      return result.ok ? { ...result.user, sessionId: result.sessionId } : null;
    })();
    cache.set(request, pending);
  }
  return pending;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export async function requireUser(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (!viewer) throw loginRedirect(request);
  return viewer;
}

/** Signed in with a confirmed email address: needed before acting for an organization. */
export async function requireVerifiedUser(request: Request): Promise<Viewer> {
  const viewer = await requireUser(request);
  if (!viewer.emailVerified) throw redirect("/verify-email");
  return viewer;
}

/** A signed-in staff account allowed `action` by the staff policy (app/modules/staff/policy.ts). */
export async function requireStaff(request: Request, action: StaffAction = "view"): Promise<Viewer> {
  const viewer = await requireUser(request);
  if (!canStaff(viewer, action)) forbidden("This page is for Commons staff.");
  return viewer;
}

/** An HttpOnly, same-site cookie; Secure whenever the app is served over HTTPS. */
function cookieHeader(name: string, value: string, lifetime: string) {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax", lifetime];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function sessionCookie(token: string, expiresAt: Date) {
  return cookieHeader(SESSION_COOKIE, token, `Expires=${expiresAt.toUTCString()}`);
}

export function clearedSessionCookie() {
  return cookieHeader(SESSION_COOKIE, "", "Max-Age=0");
}

/** The browser's half of a pending sign-up (issue 12, item 6): until the email is confirmed. */
export const SIGNUP_COOKIE = "commons_signup";

export function signupToken(request: Request) {
  return readCookie(request, SIGNUP_COOKIE);
}

export function signupCookie(token: string, expiresAt: Date) {
  return cookieHeader(SIGNUP_COOKIE, token, `Expires=${expiresAt.toUTCString()}`);
}

export function clearedSignupCookie() {
  return cookieHeader(SIGNUP_COOKIE, "", "Max-Age=0");
}

const PROBE_ORIGIN = "http://commons.invalid";

/**
 * Only same-site paths are followed after sign-in (issue 12, item 1). Browsers drop
 * tabs and newlines and read backslashes as slashes, so `/<TAB>/evil.example` or
 * `/\\evil.example` would leave the site: any control character or backslash is
 * refused, and the path must keep a dummy origin when resolved against it.
 */
export function safeRedirectPath(target: string | null | undefined, fallback = "/account") {
  if (!target || !target.startsWith("/")) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
