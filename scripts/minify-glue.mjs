#!/usr/bin/env node
// Minifies the WebAssembly module's ES-module glue in place (esbuild: whitespace, syntax and the
// names of locals; property names stay, so every export and Emscripten's own lookups by name keep
// working). Emscripten 3.1.6's -Oz glue is 12.2 KB gzip; minified, 9.2 KB. The CMake build runs
// it after linking milestones-core (scripts/setup installs esbuild with the other npm tools).
// Usage: scripts/minify-glue.mjs FILE.mjs
import { readFile, writeFile } from "node:fs/promises";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: minify-glue.mjs FILE.mjs");
  process.exit(2);
}
let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.error("minify-glue: esbuild is missing; run scripts/setup npm (it installs the npm dev tools).");
  process.exit(1);
}
const source = await readFile(file, "utf8");
const { code } = await esbuild.transform(source, { minify: true, format: "esm", target: "es2020", charset: "utf8" });
await writeFile(file, code);
