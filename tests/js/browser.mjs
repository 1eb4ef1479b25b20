// Shared set-up for browser tests: Debian's Chromium driven by playwright-core, and a local server.
import { before, after } from "node:test";
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

/**
 * Starts Chromium and the server before a test file's tests and closes both after them; `ready`
 * receives them: `useBrowser((b, s) => { browser = b; site = s; })`.
 */
export function useBrowser(ready) {
  let browser, site;
  before(async () => {
    site = await serveRoot();
    browser = await launchBrowser();
    ready(browser, site);
  });
  after(async () => {
    await browser?.close();
    site?.server.close();
  });
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  return errors;
}

/**
 * Creates a one-milestone contract through the "New contract" dialog of the board in `scope` (a
 * page or a locator around one <milestone-board>), and waits until the board shows it.
 */
export async function createOneMilestoneContract(scope, { title, milestone = "One", amount, client = "Acme", freelancer = "Jo" }) {
  await scope.getByRole("button", { name: "New contract" }).click();
  const dialog = scope.getByRole("dialog");
  await dialog.getByLabel("Contract title").fill(title);
  await dialog.getByLabel("Client", { exact: true }).fill(client);
  await dialog.getByLabel("Freelancer", { exact: true }).fill(freelancer);
  await dialog.getByLabel("Milestone title").fill(milestone);
  await dialog.getByLabel("Amount (USD)").fill(amount);
  await dialog.getByLabel("Due date").fill("2030-12-31");
  await dialog.getByLabel("How the contract starts").selectOption("agreed");
  await dialog.getByRole("button", { name: "Create contract" }).click();
  await scope.getByRole("heading", { level: 2, name: title }).waitFor();
}

/**
 * Serves `dir` and opens `path` in a fresh Chromium page; closes both when the test ends.
 * Returns {page, errors, wasm}: page errors, and the .wasm responses ("status path type").
 */
export async function openServed(t, dir, path) {
  const { serve } = await import("../../scripts/serve.mjs");
  const server = await serve(dir, 0);
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    server.close();
  });
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const wasm = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push(`${r.status()} ${new URL(r.url()).pathname} ${r.headers()["content-type"]}`);
  });
  await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
  return { page, errors, wasm };
}
