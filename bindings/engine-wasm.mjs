// The WebAssembly JSON Lines runner under Node.js: stdin -> core protocol framing -> stdout.
// Host I/O only; the framing and every rule live in core/ (the same code as the native runner).
import { readFile } from "node:fs/promises";
import createMilestonesModule from "../web/dist/milestones-core.mjs";

const wasmBinary = await readFile(new URL("../web/dist/milestones-core.wasm", import.meta.url));
const engine = await createMilestonesModule({ wasmBinary });
const lines = new engine.JsonLines();

function write(text) {
  if (text.length > 0) process.stdout.write(text);
}

try {
  for await (const chunk of process.stdin) {
    write(lines.feed(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  }
  write(lines.finish());
} catch (e) {
  process.stderr.write(`engine-wasm: ${e.message}\n`);
  process.exitCode = 1;
}
process.stdout.on("error", () => process.exit(1));
