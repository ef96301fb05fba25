import { env } from "./env.server";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The origin Stripe sends the person back to (success, cancel and return URLs; issue 13,
 * item 10). The session cookie belongs to the host the person is browsing, so in
 * development someone on http://127.0.0.1:3000 has to come back to 127.0.0.1, not to
 * APP_URL's localhost, or they arrive signed out. Only a loopback host on the app's own
 * port is taken from the request; any other Host header, and every request in
 * production, gets APP_URL, so a forged Host cannot send a payer somewhere else.
 */
export function returnOrigin(request: Request): string {
  const { appUrl, isProduction, PORT } = env();
  if (isProduction) return appUrl;
  let seen: URL;
  try {
    seen = new URL(request.url);
  } catch {
    return appUrl;
  }
  const port = seen.port || (seen.protocol === "https:" ? "443" : "80");
  if (seen.protocol !== "http:" && seen.protocol !== "https:") return appUrl;
  if (!LOOPBACK_HOSTS.has(seen.hostname) || port !== String(PORT)) return appUrl;
  return seen.origin;
}
