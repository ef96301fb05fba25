import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

// JavaScript per page (issue 13, section 2): what a first visit to each page downloads,
// compressed as the server sends it to a browser that accepts brotli (the build's .br
// copies, ADR 0017), with gzip for comparison: the client entry, every route module the
// URL matches (root, layouts, the page) and the chunks they import. Read from the
// production build's Remix manifest, so run `npm run build` first (`npm run bench` and
// `npm run page-weight` do). Public pages must stay at or under 100 KB; signed-in pages
// are listed for information. Exits 1 over budget.

const BUDGET_BYTES = 100 * 1024;
const CLIENT = path.resolve("build/client");

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> };

export function readManifest(clientDir = CLIENT): Manifest {
  const assets = path.join(clientDir, "assets");
  const file = readdirSync(assets).find((name) => name.startsWith("manifest-") && name.endsWith(".js"));
  if (!file) throw new Error(`No Remix manifest in ${assets}: run npm run build first.`);
  const text = readFileSync(path.join(assets, file), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
}

/** The bytes the server sends for one file: its precompressed .br copy, else gzip level 6 on the fly. */
function brotliSize(clientDir: string, url: string): number {
  const file = path.join(clientDir, url);
  if (existsSync(`${file}.br`)) return statSync(`${file}.br`).size;
  // Below the precompression threshold the middleware compresses (or not) as it goes.
  return gzipSize(clientDir, url);
}

const gzipCache = new Map<string, number>();
function gzipSize(clientDir: string, url: string): number {
  let size = gzipCache.get(url);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(clientDir, url)), { level: 6 }).length;
    gzipCache.set(url, size);
  }
  return size;
}

/** The JavaScript files a first visit to the page whose leaf route is `routeId` loads. */
export function pageScripts(manifest: Manifest, routeId: string): string[] {
  const files = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
  const chain: ManifestRoute[] = [];
  for (let id: string | undefined = routeId; id; ) {
    const route: ManifestRoute | undefined = manifest.routes[id];
    if (!route) throw new Error(`No route ${id} in the manifest`);
    chain.unshift(route);
    id = route.parentId;
  }
  for (const route of chain) {
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  return [...files];
}

/** Bytes of JavaScript a first visit downloads, as brotli (what browsers get) and as gzip. */
export function pageWeight(manifest: Manifest, routeId: string, clientDir = CLIENT) {
  const files = pageScripts(manifest, routeId);
  return {
    brotli: files.reduce((sum, file) => sum + brotliSize(clientDir, file), 0),
    gzip: files.reduce((sum, file) => sum + gzipSize(clientDir, file), 0),
  };
}

/** Pages anyone can open without signing in, by URL and leaf route. */
export const PUBLIC_PAGES: Array<[string, string]> = [
  ["/", "routes/_index"],
  ["/membership", "routes/membership"],
  ["/membership/join", "routes/membership_.join"],
  ["/initiatives", "routes/initiatives._index"],
  ["/initiatives/:slug", "routes/initiatives.$slug._index"],
  ["/members", "routes/members._index"],
  ["/members/:slug", "routes/members.$slug"],
  ["/credits", "routes/credits"],
  ["/login", "routes/login"],
  ["/signup", "routes/signup"],
  ["/verify-email", "routes/verify-email"],
  ["/forgot-password", "routes/forgot-password"],
  ["/reset-password", "routes/reset-password"],
  ["/invitations/:token", "routes/invitations.$token"],
];

const SIGNED_IN_PAGES: Array<[string, string]> = [
  ["/initiatives/:slug/delivery", "routes/initiatives.$slug.delivery"],
  ["/account", "routes/account"],
  ["/orgs/:slug", "routes/orgs.$slug._index"],
  ["/orgs/:slug/billing", "routes/orgs.$slug.billing._index"],
  ["/orgs/:slug/people", "routes/orgs.$slug.people"],
  ["/orgs/:slug/hubs", "routes/orgs.$slug.hubs._index"],
  ["/orgs/:slug/initiatives/new", "routes/orgs.$slug.initiatives.new"],
  ["/orgs/:slug/pledges/:id", "routes/orgs.$slug.pledges.$pledgeId"],
  ["/initiatives/:slug/pledge", "routes/initiatives.$slug.pledge"],
  ["/staff/initiatives/:slug", "routes/staff.initiatives.$slug"],
  ["/staff/reconciliation", "routes/staff.reconciliation"],
];

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function main() {
  const manifest = readManifest();
  const rows: Array<{ page: string; brotli: string; gzip: string; budget: string }> = [];
  let over = 0;
  for (const [url, id] of PUBLIC_PAGES) {
    const weight = pageWeight(manifest, id);
    const ok = weight.brotli <= BUDGET_BYTES;
    if (!ok) over++;
    rows.push({
      page: url,
      brotli: kb(weight.brotli),
      gzip: kb(weight.gzip),
      budget: ok ? "ok (≤ 100 KB)" : "OVER 100 KB",
    });
  }
  for (const [url, id] of SIGNED_IN_PAGES) {
    const weight = pageWeight(manifest, id);
    rows.push({
      page: url,
      brotli: kb(weight.brotli),
      gzip: kb(weight.gzip),
      budget: "signed in, not budgeted",
    });
  }
  console.log("JavaScript per first visit, as sent (brotli from the build) and as gzip, from build/client:");
  console.table(rows);
  if (over > 0) {
    console.error(`${over} public page(s) over the 100 KB budget.`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
