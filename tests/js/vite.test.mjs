// The Vite example (web/examples/vite) built as a user would: the packed tarball installed into a
// copy of the app, `vite build`, then the built app in Chromium with the .wasm from its assets.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { copyFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pack, installInto, run, webDir } from "./pack.mjs";
import { createOneMilestoneContract, openServed } from "./browser.mjs";

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

  const { page, errors, wasm } = await openServed(t, join(project, "dist"), "/");
  await page.getByText("Engine ready: a contract of 12345 cents was checked.").waitFor();
  const board = page.locator("milestone-board");
  await page.evaluate(() => document.getElementById("board").ready);
  await createOneMilestoneContract(board, { title: "Bundled", amount: "40" });
  await board.getByRole("button", { name: "Activate & fund" }).click();
  await board.getByRole("dialog").getByRole("button", { name: "Activate & fund" }).click();
  await board.getByText("Funded: $40.00 in escrow").waitFor();
  assert.equal(await board.evaluate((b) => getComputedStyle(b).display), "block");
  // One engine for the page and the board? Two loads of the same hashed asset, both from assets/.
  assert.ok(wasm.length >= 1 && wasm.every((w) => w === `200 /assets/${wasmAsset} application/wasm`), wasm.join(", "));
  assert.deepEqual(errors, []);
});
