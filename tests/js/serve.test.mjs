// The demo server (scripts/serve.mjs): what it sends, including the Link header that lets the
// browser fetch a page's scripts and preloads before it has parsed the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { earlyLinks, serve } from "../../scripts/serve.mjs";

const root = new URL("../../", import.meta.url).pathname;

test("an HTML page is sent with its module scripts and preloads as a Link header", async (t) => {
  const server = await serve(root, 0);
  t.after(() => server.close());
  const base = `http://127.0.0.1:${server.address().port}`;
  const page = await fetch(`${base}/web/`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
  assert.deepEqual(page.headers.get("link").split(", "), [
    "<engine-start.js>; rel=modulepreload",
    "<dist/board-app.js>; rel=modulepreload",
    '<dist/milestones-core.wasm>; rel=preload; as=fetch; type="application/wasm"; crossorigin',
    "<banner.json>; rel=preload; as=fetch; crossorigin",
  ]);
  // Other files get no Link header; the .wasm gets the type streaming compilation needs.
  const wasm = await fetch(`${base}/web/dist/milestones-core.wasm`);
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  assert.equal(wasm.headers.get("link"), null);
  assert.equal((await fetch(`${base}/web/no-such-file.js`)).status, 404);
});

test("earlyLinks reads only the head, and only module scripts and preloads", () => {
  assert.equal(earlyLinks("<p>no head</p>"), "");
  assert.equal(earlyLinks(`<head><script src="classic.js"></script><link rel="stylesheet" href="a.css">
    <link rel="icon" href="i.svg"></head><body><script type="module" src="late.js"></script></body>`), "");
  assert.equal(earlyLinks(`<head><script type="module" async src="a.js"></script>
    <link rel="preload" href="f.json" as="fetch"></head>`), "<a.js>; rel=modulepreload, <f.json>; rel=preload; as=fetch");
});
