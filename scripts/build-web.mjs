// Builds the two bundled forms of the demo page from web/app.js (its composition root); needs
// `scripts/build-wasm` first. Usage: node scripts/build-web.mjs [OUTDIR]   (default web/dist)
//
// - board-app.js: one ES module (app.js, the element, the board, the JS API and the Emscripten
//   glue), for web/index.html. It must sit next to milestones-core.wasm, which the glue finds
//   through import.meta.url; only the default OUTDIR has it.
// - milestones-offline.html: one self-contained file (page, styles, scripts and the wasm inlined)
//   that works when opened from file://, e.g. from a USB stick, and keeps its contracts in
//   localStorage. file:// pages cannot load ES modules or fetch a .wasm, so the page is two
//   classic scripts: the single-file Emscripten glue (wasm as base64) and an IIFE bundle of the
//   board, whose import of the ES-module glue is pointed at the classic one. The
//   Content-Security-Policy allows exactly these two scripts by hash.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";

const root = resolve(new URL(".", import.meta.url).pathname, "..");
const web = resolve(root, "web");
const outDir = resolve(process.argv[2] ?? resolve(web, "dist"));

const glue = await readFile(resolve(web, "dist", "milestones-core-single.js"), "utf8");
const icon = await readFile(resolve(web, "favicon.svg"), "utf8");

const common = {
  entryPoints: [resolve(web, "app.js")],
  bundle: true,
  minify: process.env.MILESTONES_NO_MINIFY !== "1",
  target: "es2022",
  write: false,
  legalComments: "none",
  loader: { ".css": "text" },
};

const classicGlue = {
  name: "classic-glue",
  setup(b) {
    b.onResolve({ filter: /milestones-core\.mjs$/ }, () => ({ path: "glue", namespace: "classic-glue" }));
    b.onLoad({ filter: /.*/, namespace: "classic-glue" }, () => ({
      contents: "export default (options) => globalThis.createMilestonesModule(options);",
      loader: "js",
    }));
  },
};

const served = await build({ ...common, format: "esm" });
const bundled = await build({
  ...common,
  format: "iife",
  plugins: [classicGlue],
  // import.meta is only read on paths the offline page never takes (Node, a .wasm URL).
  logOverride: { "empty-import-meta": "silent" },
});
const app = bundled.outputFiles[0].text;

// A </script> inside a script would end it early; neither input may contain one.
for (const [name, text] of [["glue", glue], ["bundle", app]]) {
  if (/<\/script/i.test(text)) throw new Error(`the ${name} contains </script>; cannot inline it`);
}

const hash = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const csp = [
  "default-src 'none'",
  `script-src ${hash(glue)} ${hash(app)} 'wasm-unsafe-eval'`,
  "img-src data:",
  "connect-src data:",  // the glue fetches its inlined wasm from a data: URL
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>Milestones (offline demo)</title>
<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(icon)}">
</head>
<body>
<main>
<milestone-board id="app" clock="demo" links></milestone-board>
</main>
<script>${glue}</script>
<script>${app}</script>
</body>
</html>
`;

await mkdir(outDir, { recursive: true });
const sizes = (text) => `${Buffer.byteLength(text)} B, ${gzipSync(text, { level: 9 }).length} B gzip`;
for (const [name, text] of [["board-app.js", served.outputFiles[0].text], ["milestones-offline.html", html]]) {
  await writeFile(resolve(outDir, name), text);
  console.log(`${resolve(outDir, name)}: ${sizes(text)}`);
}
