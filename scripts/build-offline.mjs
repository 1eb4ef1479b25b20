// Writes the offline demo: one self-contained HTML file (page, styles, scripts and the wasm
// inlined) that works when opened from file://, e.g. from a USB stick, and keeps its contracts
// in localStorage. Needs `scripts/build-wasm` first (web/dist/milestones-core-single.js).
// Usage: node scripts/build-offline.mjs [OUT]   (default web/dist/milestones-offline.html)
//
// file:// pages cannot load ES modules or fetch a .wasm, so the page is two classic scripts:
// the single-file Emscripten glue (wasm as base64) and an esbuild bundle of the board, whose
// import of the ES-module glue is pointed at the classic one. The Content-Security-Policy
// allows exactly these two scripts by hash; styles go through a constructed stylesheet.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const web = resolve(root, "web");
const out = resolve(process.argv[2] ?? resolve(web, "dist", "milestones-offline.html"));

const glue = await readFile(resolve(web, "dist", "milestones-core-single.js"), "utf8");
const css = await readFile(resolve(web, "board.css"), "utf8");
const icon = await readFile(resolve(web, "favicon.svg"), "utf8");

// The composition root of the offline page (what app.js and element.js do for the served one).
const entry = `
import { MilestoneBoardElement } from "./board-element.js";
import css from "./board.css";
const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
MilestoneBoardElement.styles = sheet;
customElements.define("milestone-board", MilestoneBoardElement);
const board = document.getElementById("app");
board.ready.then(() => {
  board.dataset.ready = "true";
  performance.mark("milestone-board:interactive");
}, () => {});
`;

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

const bundled = await build({
  stdin: { contents: entry, resolveDir: web, sourcefile: "offline-entry.js", loader: "js" },
  bundle: true,
  format: "iife",
  minify: true,
  target: "es2022",
  write: false,
  legalComments: "none",
  loader: { ".css": "text" },
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
<milestone-board id="app" clock="demo"></milestone-board>
</main>
<script>${glue}</script>
<script>${app}</script>
</body>
</html>
`;

await mkdir(dirname(out), { recursive: true });
await writeFile(out, html);
const bytes = Buffer.byteLength(html);
console.log(`${out}: ${bytes} B, ${gzipSync(html, { level: 9 }).length} B gzip`);
