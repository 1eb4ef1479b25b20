// @ts-check
// The demo page's composition root. scripts/build-web.mjs bundles it, with everything it imports,
// into dist/board-app.js (one module for web/index.html, so a first visit makes four requests, not
// seventeen) and into the offline file. board.css comes in as text and becomes one constructed
// stylesheet for the page and every board's shadow root: fetched and parsed once.
import { MilestoneBoardElement } from "./board-element.js";
// @ts-ignore: esbuild's text loader makes the stylesheet a string (scripts/build-web.mjs)
import css from "./board.css";

const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
MilestoneBoardElement.styles = sheet;
// engine-start.js, a separate small script of index.html, began compiling the engine while this
// bundle loaded, so the board starts without waiting for the compile (tests/bench/README.md
// measures the difference: some 30-40 ms to an interactive board).
/** @type {Promise<WebAssembly.Module> | undefined} */
const compiling = /** @type {any} */ (globalThis).milestoneEngineModule;
if (compiling) {
  MilestoneBoardElement.engineOptions = { module: compiling };
}
customElements.define("milestone-board", MilestoneBoardElement);

// When the board is interactive, for the tests and the benchmark.
const board = /** @type {MilestoneBoardElement} */ (document.getElementById("app"));
board.ready.then(() => {
  board.dataset.ready = "true";
  performance.mark("milestone-board:interactive");
}, () => {});  // the element shows the reason in its own alert
