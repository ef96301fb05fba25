import { chromium } from "@playwright/test";

const [, , url, out, width] = process.argv;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = await browser.newPage({ viewport: { width: Number(width || 1280), height: 900 } });
const errors = [];
page.on("console", (m) => {
  if (m.type() === "error") errors.push(m.text());
});
page.on("pageerror", (e) => errors.push(String(e)));
const res = await page.goto(url, { waitUntil: "networkidle" });
console.log(res.status(), errors.join("\n"));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
