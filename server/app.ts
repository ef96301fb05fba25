import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import type { ViteDevServer } from "vite";
import { limitApi } from "./api-rate-limit";
import { limitRequestBodies } from "./body-limit";
import { answerClientErrors } from "./client-errors";
import { anonymousPageCache } from "./page-cache";
import { privateForSessions, rejectCrossSiteWrites, securityHeaders } from "./security";

export type AppOptions = {
  production: boolean;
  appUrl: string;
  trustProxy?: string;
  vite?: ViteDevServer;
  buildDir?: string;
  formTargets?: string[];
  /** How long anonymous visitors may be served a stored copy of the public catalog (0: never). */
  pageCacheSeconds?: number;
  /** Requests a minute one client address may make to the JSON API. */
  apiRateLimitPerMinute?: number;
};

/** The public pages anonymous visitors may be served from the page cache (ADR 0009). */
export const PUBLIC_PAGES: (string | RegExp)[] = [
  "/",
  "/initiatives",
  "/members",
  "/credits",
  /^\/initiatives\/[^/]+$/,
  /^\/members\/[^/]+$/,
];

/** The HTTP app: headers and CSRF first, then static files, then Remix. */
export async function createApp(options: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy) app.set("trust proxy", parseTrustProxy(options.trustProxy));
  app.use(compression());
  app.use(securityHeaders({ production: options.production, formTargets: options.formTargets }));
  app.use(rejectCrossSiteWrites({ appUrl: options.appUrl }));
  app.use(limitRequestBodies());
  app.use(privateForSessions());
  app.use("/api/v1", limitApi(options.apiRateLimitPerMinute ?? 300));
  // A NUL byte is never part of a real address, and PostgreSQL refuses it in text.
  app.use((req, res, next) => (/%00/.test(req.originalUrl) ? res.status(400).send("Bad request") : next()));

  // Only the production build: in development every request renders afresh.
  if (!options.vite)
    app.use(
      anonymousPageCache({
        paths: PUBLIC_PAGES,
        ttlMs: (options.pageCacheSeconds ?? 3) * 1000,
        maxEntries: 500,
      }),
    );

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (options.vite) {
    const vite = options.vite;
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = options.buildDir ?? path.resolve("build");
    // Fingerprinted scripts and styles, precompressed at build time (brotli, else gzip).
    app.use(
      "/assets",
      expressStaticGzip(path.join(buildDir, "client/assets"), {
        enableBrotli: true,
        orderPreference: ["br", "gzip"],
        index: false,
        serveStatic: { immutable: true, maxAge: "1y" },
      }),
    );
    // Top-level files (favicon.svg): only paths with an extension can be one, so page
    // requests skip the file-system lookup.
    const files = express.static(path.join(buildDir, "client"), { maxAge: "1h", index: false });
    app.use((req, res, next) => (path.extname(req.path) ? files(req, res, next) : next()));
    build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: options.production ? "production" : "development",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? "unknown",
      }),
    }),
  );
  app.use(answerClientErrors());
  return app;
}

function parseTrustProxy(value: string): number | string {
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
