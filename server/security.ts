import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

// CSP with a per-request nonce plus the other headers every response carries (issue 2, item 5).

export function securityHeaders({
  production,
  formTargets = [],
}: {
  production: boolean;
  formTargets?: string[];
}) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const directives = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'${production ? "" : " 'unsafe-eval'"}`,
      // Vite injects <style> tags in development; production serves CSS files only.
      `style-src 'self'${production ? "" : " 'unsafe-inline'"}`,
      "img-src 'self' https: data:",
      "font-src 'self'",
      `connect-src 'self'${production ? "" : " ws: wss:"}`,
      // Forms may redirect to Stripe's hosted pages (Checkout, portal, invoices).
      `form-action 'self'${formTargets.map((o) => ` ${o}`).join("")}`,
      "base-uri 'none'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ];
    res.setHeader("Content-Security-Policy", directives.join("; "));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Decides whether a request is a state-changing one sent by another site.
 * Browsers send Sec-Fetch-Site; older ones only Origin. Requests with neither come
 * from non-browser clients (Stripe's webhooks, curl), which carry no ambient cookies
 * worth forging, so they pass on to the route's own authentication.
 */
export function isCrossSiteWrite(
  method: string,
  headers: { secFetchSite?: string; origin?: string },
  allowedOrigins: string[],
) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (headers.secFetchSite) return headers.secFetchSite !== "same-origin" && headers.secFetchSite !== "none";
  if (headers.origin) return !allowedOrigins.includes(headers.origin);
  return false;
}

export function rejectCrossSiteWrites({ appUrl }: { appUrl: string }) {
  const configured = new URL(appUrl).origin;
  return (req: Request, res: Response, next: NextFunction) => {
    const own = `${req.protocol}://${req.get("host")}`;
    const crossSite = isCrossSiteWrite(
      req.method,
      { secFetchSite: req.get("sec-fetch-site"), origin: req.get("origin") },
      [configured, own],
    );
    if (!crossSite) return next();
    res.status(403).type("text/plain").send("Cross-site request refused.");
  };
}

/**
 * Pages for someone signed in (a session cookie) are theirs alone: no shared cache
 * and no browser cache may keep them (issue 12, item 14). A response that sets its
 * own Cache-Control (a download, a badge) keeps it.
 */
export function privateForSessions({ sessionCookie = "commons_session" }: { sessionCookie?: string } = {}) {
  const marker = `${sessionCookie}=`;
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.headers.cookie ?? "").includes(marker)) res.setHeader("Cache-Control", "private, no-store");
    next();
  };
}
