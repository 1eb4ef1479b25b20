// The single-file build (wasm inlined, classic script) runs on its own, as an offline page would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import vm from "node:vm";

test("milestones-core-single.js instantiates without fetching and runs the protocol", async () => {
  const source = await readFile(new URL("../../web/dist/milestones-core-single.js", import.meta.url), "utf8");
  assert.ok(!/milestones-core(-single)?\.wasm/.test(source), "the .wasm is inlined, not fetched");
  // A bare browser-like global: no fetch, no require, no file system.
  const context = vm.createContext({ atob, console, WebAssembly, TextDecoder, Uint8Array, setTimeout, clearTimeout });
  vm.runInContext(source, context);
  const module = await context.createMilestonesModule();
  const session = new module.Session();
  const created = JSON.parse(session.handle(JSON.stringify({
    type: "create_contract", actor: "client", at: Date.UTC(2026, 10, 26),
    contract: { title: "Offline", accountType: "standard", client: "A", freelancer: "B",
                milestones: [{ title: "Demo", amount: 500, dueDate: "2026-12-01" }] },
  })));
  assert.equal(created.ok, true);
  assert.equal(JSON.parse(session.handle('{"query":"state"}')).state.milestones[0].title, "Demo");
  session.delete();
});
