// The Vite example (web/examples/vite) built as a user would: the packed tarball installed into a
// copy of the app, `vite build`, then the built app in Chromium with the .wasm from its assets.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { copyFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pack, installInto, run, webDir } from "./pack.mjs";
import { launchBrowser, watchErrors } from "./browser.mjs";
import { serve } from "../../scripts/serve.mjs";

const vite = new URL("../../node_modules/vite/bin/vite.js", import.meta.url).pathname;
const example = join(webDir, "examples", "vite");
let project;

after(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

test("the Vite example builds with the .wasm as a bundled asset and runs the board in Chromium", async (t) => {
  const { tarball } = await pack();
  project = await installInto(tarball);
  for (const file of ["index.html", "main.js"]) await copyFile(join(example, file), join(project, file));
  await run(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: project });

  const assets = await readdir(join(project, "dist", "assets"));
  const wasmAsset = assets.find((f) => /^milestones-core-[\w-]+\.wasm$/.test(f));
  assert.ok(wasmAsset, `a hashed .wasm among ${assets.join(", ")}`);
  assert.ok(assets.some((f) => /^board-[\w-]+\.css$/.test(f)), "the board's stylesheet is an asset");

  const server = await serve(join(project, "dist"), 0);
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    server.close();
  });
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const wasm = [];
  page.on("response", (r) => { if (r.url().endsWith(".wasm")) wasm.push(new URL(r.url()).pathname); });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.getByText("Engine ready: a contract of 12345 cents was checked.").waitFor();
  const board = page.locator("milestone-board");
  await page.evaluate(() => document.getElementById("board").ready);
  await board.getByRole("button", { name: "New contract" }).click();
  const dialog = board.getByRole("dialog");
  await dialog.getByLabel("Contract title").fill("Bundled");
  await dialog.getByLabel("Client", { exact: true }).fill("Acme");
  await dialog.getByLabel("Freelancer", { exact: true }).fill("Jo");
  await dialog.getByLabel("Milestone title").fill("One");
  await dialog.getByLabel("Amount (USD)").fill("40");
  await dialog.getByLabel("Due date").fill("2030-12-31");
  await dialog.getByRole("button", { name: "Create contract" }).click();
  await board.getByRole("heading", { level: 2, name: "Bundled" }).waitFor();
  await board.getByRole("button", { name: "Activate & fund" }).click();
  await board.getByText("Funded: $40.00 in escrow").waitFor();
  assert.equal(await board.evaluate((b) => getComputedStyle(b).display), "block");
  // One engine for the page and the board? Two loads of the same hashed asset, both from assets/.
  assert.ok(wasm.length >= 1 && wasm.every((p) => p === `/assets/${wasmAsset}`), wasm.join(", "));
  assert.deepEqual(errors, []);
});
