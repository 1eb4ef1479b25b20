// The npm package as a user gets it: `npm pack` of web/, installed offline into a fresh project,
// then the engine in Node, the typings with TypeScript, and the element in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { pack, installInto, run } from "./pack.mjs";
import { openServed } from "./browser.mjs";

const tsc = new URL("../../node_modules/typescript/bin/tsc", import.meta.url).pathname;
let packed, project;

before(async () => {
  packed = await pack();
  project = await installInto(packed.tarball);
});
after(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

test("the tarball holds the engine, its .wasm, the element and the typings, and nothing else", (t) => {
  const paths = packed.files.map((f) => f.path).sort();
  assert.deepEqual(paths, [
    "README.md", "board-element.js", "board.css",
    "board/actions.js", "board/board.js", "board/calendar.js", "board/clock.js", "board/contract-view.js",
    "board/dialogs.js", "board/discussion.js", "board/dom.js", "board/entry.js", "board/events-de.js", "board/events-en.js",
    "board/files-de.js", "board/files-en.js", "board/files.js",
    "board/format.js", "board/history.js", "board/intents.js", "board/keys-de.js", "board/keys-en.js", "board/keys.js", "board/library.js",
    "board/link.js", "board/page.js", "board/refusals-de.js", "board/reorder.js", "board/rows.js", "board/sample.js", "board/sharing.js",
    "board/statement.js", "board/store.js", "board/thread-view.js", "board/timeline.js", "board/trust.js", "board/turns-de.js", "board/turns-en.js", "board/turns.js", "board/view.js", "board/warm.js", "board/why.js", "board/words-de.js", "board/words-en.js", "board/words.js",
    "dist/milestones-core.mjs", "dist/milestones-core.wasm",
    "element.d.ts", "element.js", "milestones.d.ts", "milestones.js", "package.json", "shown.js", "signing.js", "wire.js",
  ]);
  for (const f of packed.files) t.diagnostic(`${String(f.size).padStart(7)} B  ${f.path}`);
  t.diagnostic(`tarball ${packed.size} B, unpacked ${packed.unpackedSize} B`);
});

test("installed from the tarball, the engine runs in Node.js through the package's exports", async () => {
  await writeFile(join(project, "check.mjs"), `
    import { loadEngine, EngineError } from "milestone-engine";
    import { readFile } from "node:fs/promises";
    const engine = await loadEngine();
    const contract = engine.createContract();
    const created = contract.dispatch({ type: "create_contract", actor: "client", at: Date.UTC(2030, 0, 1),
      contract: { title: "Packed", accountType: "standard", client: "Acme", freelancer: "Jo",
                  milestones: [{ title: "One", amount: 1250, dueDate: "2030-02-01" }] } });
    const activated = contract.dispatch({ type: "activate_milestone", actor: "client", at: Date.UTC(2030, 0, 2), milestoneId: "m1" });
    const again = engine.restore(contract.log());
    let refused = null;
    try { engine.restore({ events: [] }); } catch (e) { refused = e instanceof EngineError ? e.code : String(e); }
    const wasm = await readFile(new URL(import.meta.resolve("milestone-engine/milestones-core.wasm")));
    const pkg = JSON.parse(await readFile(new URL(import.meta.resolve("milestone-engine/package.json")), "utf8"));
    console.log(JSON.stringify({ created: created.ok, activated: activated.ok, escrow: again.state().totals.escrow,
      refused, wasmMagic: [...wasm.subarray(0, 4)], name: pkg.name }));
  `);
  const { stdout } = await run(process.execPath, ["check.mjs"], { cwd: project });
  assert.deepEqual(JSON.parse(stdout), {
    created: true, activated: true, escrow: 1250, refused: "LOG_INVALID", wasmMagic: [0, 97, 115, 109], name: "milestone-engine",
  });
});

test("the package's typings resolve through its exports (TypeScript, NodeNext)", async () => {
  await writeFile(join(project, "check.ts"), `
    import { loadEngine, type DispatchResult } from "milestone-engine";
    import { MilestoneBoardElement, type BoardDispatchResult } from "milestone-engine/element";
    const engine = await loadEngine();
    const result: DispatchResult = engine.createContract().dispatch({ type: "tick", actor: "system", at: 0 });
    const board: MilestoneBoardElement = document.createElement("milestone-board");
    const answer: BoardDispatchResult = board.dispatch({ type: "end_contract", actor: "client" });
    // @ts-expect-error an unknown command type is a type error
    board.dispatch({ type: "pay_everyone", actor: "client" });
    console.log(result.ok, answer.ok);
  `);
  await writeFile(join(project, "tsconfig.json"), JSON.stringify({
    compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, types: [], lib: ["ES2022", "DOM"] },
    files: ["check.ts"],
  }));
  await assert.doesNotReject(run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: project }));
});

test("installed from the tarball, <milestone-board> runs in Chromium, served from the project", async (t) => {
  await writeFile(join(project, "index.html"), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Packed board</title>
<link rel="icon" href="data:,">
<script type="importmap">{"imports": {
  "milestone-engine": "./node_modules/milestone-engine/milestones.js",
  "milestone-engine/element": "./node_modules/milestone-engine/element.js"}}</script>
<script type="module">
  import "milestone-engine/element";
  const board = document.querySelector("milestone-board");
  await board.ready;
  window.result = board.dispatch({ type: "create_contract", actor: "client", contract: {
    id: "c-1", title: "From the tarball", accountType: "standard", client: "Acme", freelancer: "Jo",
    milestones: [{ title: "One", amount: 9900, dueDate: "2030-02-01" }] } });
  document.body.dataset.ready = "true";
</script></head>
<body><main><milestone-board acting-as="client" storage-prefix="packed"></milestone-board></main></body></html>`);
  const { page, errors, wasm } = await openServed(t, project, "/index.html");
  await page.waitForSelector("body[data-ready]");
  assert.equal(await page.evaluate(() => window.result.ok), true);
  await page.locator("milestone-board").getByRole("heading", { level: 2, name: "From the tarball" }).waitFor();
  await page.locator("milestone-board").getByRole("button", { name: "Activate & fund" }).click();
  await page.locator("milestone-board").getByRole("dialog").getByRole("button", { name: "Activate & fund" }).click();
  await page.locator("milestone-board").getByText("Funded: $99.00 in escrow").waitFor();
  // Styled from the package's board.css inside the shadow root.
  assert.equal(await page.locator("milestone-board").evaluate((b) => getComputedStyle(b).display), "block");
  assert.deepEqual(wasm, ["200 /node_modules/milestone-engine/dist/milestones-core.wasm application/wasm"]);
  assert.deepEqual(errors, []);
});
