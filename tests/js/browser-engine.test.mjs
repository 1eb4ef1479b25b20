// The engine in headless Chromium: a 20-line page imports the module and runs a milestone
// through funding, submission and approval.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, serveRoot, watchErrors } from "./browser.mjs";

let browser, site;
before(async () => {
  site = await serveRoot();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  site?.server.close();
});

test("a page imports the module and pays a milestone (streaming .wasm instantiation)", async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  page.on("console", (m) => { if (/falling back|streaming compile failed/.test(m.text())) errors.push(m.text()); });
  const wasmRequests = [];
  page.on("response", (r) => { if (r.url().endsWith(".wasm")) wasmRequests.push(r.headers()["content-type"]); });
  await page.goto(site.url("/tests/browser/smoke.html"));
  await page.waitForFunction(() => document.getElementById("result").textContent !== "running");
  const result = JSON.parse(await page.textContent("#result"));
  assert.deepEqual(result, { codes: ["ok", "ok", "ok", "ok"], status: "paid", released: 50000 });
  assert.deepEqual(wasmRequests, ["application/wasm"]);
  assert.deepEqual(errors, []);
  await page.close();
});
