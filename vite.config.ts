import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";
import { compression } from "vite-plugin-compression2";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * Nothing under db/ (tables, the pool, drizzle) reaches a browser chunk (issue 13, section 2):
 * the client build fails, naming the module and who imported it. Plain values the browser
 * needs (statuses, kinds) live in app/modules/<context>/values.ts.
 */
export function serverOnlyInClient(): Plugin {
  const dbDir = `${path.resolve("db")}${path.sep}`;
  const forbidden = (id: string) =>
    id.startsWith(dbDir) || /[\\/]node_modules[\\/](drizzle-orm|postgres|pg-boss)[\\/]/.test(id);
  return {
    name: "commons:server-only-in-client",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (options?.ssr || !importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && forbidden(resolved.id)) {
        this.error(
          `${path.relative(".", resolved.id)} is server-only but ${path.relative(".", importer)} ` +
            "brings it into the browser. Import plain values from app/modules/<context>/values.ts.",
        );
      }
      return resolved;
    },
  };
}

export default defineConfig({
  server: { port: 3000 },
  // The browser's dependencies, listed so Vite never discovers (and re-bundles) them
  // mid-session: its scan would otherwise follow *.server modules into server-only
  // packages and reload the page with a second copy of React.
  optimizeDeps: {
    noDiscovery: true,
    include: [
      "react",
      "react/jsx-runtime",
      "react/jsx-dev-runtime",
      "react-dom",
      "react-dom/client",
      "@remix-run/react",
      "@conform-to/react",
      "@conform-to/zod/v4",
      "zod",
      "react-markdown",
    ],
  },
  plugins: [
    serverOnlyInClient(),
    tailwindcss(),
    remix({
      ignoredRouteFiles: ["**/*.test.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
    // Brotli (quality 11) and gzip (level 9) copies of every script and stylesheet, made
    // once at build time and served by server/app.ts (ADR 0017); smaller than what the
    // compression middleware can afford per request.
    compression({ algorithms: ["brotliCompress", "gzip"], include: /\.(js|css|svg)$/, threshold: 512 }),
  ],
});
