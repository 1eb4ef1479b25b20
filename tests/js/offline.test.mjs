// The offline demo: one HTML file opened from file:// in Chromium (no server, no network) runs the
// board and keeps its contracts in localStorage across a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { run } from "./pack.mjs";
import { createOneMilestoneContract, launchBrowser, watchErrors } from "./browser.mjs";

const script = new URL("../../scripts/build-web.mjs", import.meta.url).pathname;

test("the single-file demo works from file://: create a contract, reload, find it again", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "milestones-offline-"));
  const file = join(dir, "milestones-offline.html");
  await run(process.execPath, [script, dir]);
  const html = await readFile(file, "utf8");
  t.diagnostic(`milestones-offline.html: ${Buffer.byteLength(html)} B, ${gzipSync(html, { level: 9 }).length} B gzip`);
  assert.ok(!/<script[^>]+src=|<link[^>]+stylesheet/.test(html), "no script or stylesheet is loaded from a file");

  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  t.after(async () => {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const url = pathToFileURL(file).href;
  await page.goto(url);
  await page.waitForSelector("#app[data-ready]");

  await createOneMilestoneContract(page, { title: "From the USB stick", milestone: "Pitch deck", amount: "750" });
  await page.getByRole("button", { name: "Activate & fund" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate & fund" }).click();
  await page.getByText("Funded: $750.00 in escrow").waitFor();
  // The demo clock works offline too: 14 days after a submission the payment releases itself.
  await page.getByLabel("Acting as").selectOption("freelancer");
  await page.getByRole("button", { name: "Submit work" }).click();
  await page.getByRole("dialog").getByLabel("Message").fill("Done");
  await page.getByRole("dialog").getByRole("button", { name: "Submit work" }).click();
  await page.getByRole("button", { name: "Advance 14 days" }).click();
  await page.getByText("Paid $750.00 automatically").waitFor();
  // History works offline: its first stop shows the milestone as it was created.
  await page.getByRole("slider", { name: "History" }).focus();
  await page.keyboard.press("Home");
  await page.locator(".history-note").getByText(/— after .* created the contract From the USB stick/).waitFor();
  await page.getByText("Not funded yet", { exact: true }).waitFor();
  await page.keyboard.press("Escape");
  await page.getByText("Paid $750.00 automatically").waitFor();

  await page.reload();
  await page.waitForSelector("#app[data-ready]");
  await page.getByRole("heading", { level: 2, name: "From the USB stick" }).waitFor();
  await page.getByText("Paid $750.00 automatically").waitFor();
  // Signed offline too (R26): both keys of this browser, kept in IndexedDB for the file.
  await page.locator(".keys .key-line").filter({ hasText: /^Signed · Client key [0-9a-f ]{19} \(this browser\) · Freelancer key [0-9a-f ]{19} \(this browser\)$/ }).waitFor();
  const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":contract:")).length);
  assert.equal(saved, 1);
  // Styled: the constructed stylesheet reached the shadow root.
  assert.equal(await page.locator("#app").evaluate((b) => getComputedStyle(b.shadowRoot.querySelector(".app")).maxWidth), "1200px");

  assert.deepEqual(requests.filter((r) => !r.startsWith("file:") && !r.startsWith("data:")), []);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], "CSP violations");
  assert.deepEqual(errors, []);
});
