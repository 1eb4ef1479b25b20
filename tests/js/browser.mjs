// Shared set-up for browser tests: Debian's Chromium driven by playwright-core, and a local server.
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const root = new URL("../../", import.meta.url).pathname;

/** Starts a headless Chromium (never downloaded: /usr/bin/chromium, or $CHROMIUM). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** Serves the repository root on a free loopback port; returns {server, url(path)}. */
export async function serveRoot() {
  const server = await serve(root, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  return { server, url: (path) => base + path };
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  return errors;
}
