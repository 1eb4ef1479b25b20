// The WebAssembly JSON Lines runner under Node.js: stdin -> core protocol framing -> stdout.
// Host I/O, and the Ed25519 arithmetic of signed logs (R26) from Node.js's crypto, as the native
// runner has it from OpenSSL; the framing and every rule live in core/ (the same code).
import { createPublicKey, verify } from "node:crypto";
import { readFile } from "node:fs/promises";
import createMilestonesModule from "../web/dist/milestones-core.mjs";

const wasmBinary = await readFile(new URL("../web/dist/milestones-core.wasm", import.meta.url));
const engine = await createMilestonesModule({ wasmBinary });
const spki = Buffer.from("302a300506032b6570032100", "hex");  // an Ed25519 public key's DER prefix
engine.verifySignature = (key, message, length, sig) => {
  const heap = engine.HEAPU8;
  try {
    const publicKey = createPublicKey({ key: Buffer.concat([spki, heap.subarray(key, key + 32)]), format: "der", type: "spki" });
    return verify(null, heap.subarray(message, message + length), publicKey, heap.subarray(sig, sig + 64)) ? 1 : 0;
  } catch {
    return 0;  // not a key of the curve: nothing holds
  }
};
engine._milestones_use_host_verifier();
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
