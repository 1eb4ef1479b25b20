// @ts-check
// Starts compiling the engine's WebAssembly as soon as the page has this small module, while the
// page's bundle (dist/board-app.js) is still loading and being parsed; app.js hands the promise to
// loadEngine ({module}). index.html lists it before the bundle, and module scripts run in
// document order, so it has always run when app.js looks. A page without it loads the engine
// the usual way.
const url = new URL("./dist/milestones-core.wasm", import.meta.url);
/** @type {Promise<WebAssembly.Module>} */
const compiled = fetch(url, { credentials: "same-origin" }).then((response) => {
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status} ${response.statusText}`.trim());
  // Streaming needs the application/wasm type; a server that sends another still works.
  return response.headers.get("content-type")?.split(";")[0].trim() === "application/wasm"
    ? WebAssembly.compileStreaming(response)
    : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
});
compiled.catch(() => {});  // not unhandled: the board reports it when it asks for the engine
/** @type {any} */ (globalThis).milestoneEngineModule = compiled;
