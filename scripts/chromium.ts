// Debian's Chromium and the flags it needs here (no sandbox as root, no network of its own),
// shared by the Playwright journeys, the screenshots script and the Lighthouse run.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
