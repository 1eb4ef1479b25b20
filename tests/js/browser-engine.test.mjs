// The engine in headless Chromium: a 20-line page imports the module and runs a milestone
// through funding, submission and approval.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, watchErrors } from "./browser.mjs";

let browser, site;
useBrowser((b, s) => {
  browser = b;
  site = s;
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

test("R26 in Chromium: the shared signed test logs get the same verdict, event and party as in Node.js and natively", async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(site.url("/tests/browser/smoke.html"));
  await page.waitForFunction(() => document.getElementById("result").textContent !== "running");
  const verdicts = await page.evaluate(async () => {
    const { loadEngine, signingSupported } = await import("/web/milestones.js");
    const engine = await loadEngine();
    const cases = await (await fetch("/tests/signed/cases.json")).json();
    const out = [];
    for (const k of cases) {
      const text = await (await fetch(`/tests/signed/${k.file}`)).text();
      try {
        const c = await engine.restoreVerified(text);
        out.push({ file: k.file, verdict: "accepted", keys: c.state().contract.keys });
        c.dispose();
      } catch (e) {
        out.push({ file: k.file, verdict: e.code, index: e.index, party: e.params?.party, problem: e.params?.problem });
      }
    }
    return { supported: await signingSupported(), out };
  });
  assert.equal(verdicts.supported, true, "Debian's Chromium has Ed25519 in WebCrypto");
  const cases = (await import("../signed/cases.json", { with: { type: "json" } })).default;
  for (const [i, k] of cases.entries()) {
    const got = verdicts.out[i];
    assert.equal(got.file, k.file);
    assert.equal(got.verdict, k.verdict, k.file);
    if (k.verdict !== "accepted") assert.deepEqual([got.index, got.party, got.problem], [k.index, k.party, k.problem], k.file);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
