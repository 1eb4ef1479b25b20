// A small static file server for the board and the browser tests (no dependencies).
// Usage: node scripts/serve.mjs [ROOT] [PORT]   (PORT 0 picks a free port; prints the URL)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/**
 * The Link header for an HTML page: its module scripts and its preloads, from its <head>. The
 * browser starts fetching them when the response arrives, before it has parsed the page.
 * Production servers can send the same header, or a 103 Early Hints response with it.
 */
export function earlyLinks(html) {
  const end = html.search(/<\/head>/i);
  const head = end < 0 ? html : html.slice(0, end);
  const attr = (tag, name) => new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s>/])`, "i").exec(tag);
  const links = [];
  for (const [tag] of head.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, "src")?.[1];
    if (src && attr(tag, "type")?.[1] === "module") links.push(`<${src}>; rel=modulepreload`);
  }
  for (const [tag] of head.matchAll(/<link\b[^>]*>/gi)) {
    const href = attr(tag, "href")?.[1];
    if (!href || attr(tag, "rel")?.[1] !== "preload") continue;
    let link = `<${href}>; rel=preload`;
    const as = attr(tag, "as")?.[1];
    const type = attr(tag, "type")?.[1];
    if (as) link += `; as=${as}`;
    if (type) link += `; type="${type}"`;
    if (attr(tag, "crossorigin")) link += "; crossorigin";
    links.push(link);
  }
  return links.join(", ");
}

/** Serves `root` on 127.0.0.1:`port`; resolves to the server once it listens. */
export function serve(root, port = 0) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error(), { code: "ENOENT" });
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const headers = {
        "content-type": types[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      };
      if (extname(file) === ".html") {
        const link = earlyLinks(body.toString("utf8"));
        if (link) headers.link = link;
      }
      response.writeHead(200, headers);
      response.end(body);
    } catch (e) {
      response.writeHead(e.code === "ENOENT" || e.code === "EISDIR" ? 404 : 500, { "content-type": "text/plain" });
      response.end(e.code === "ENOENT" ? "not found" : "error");
    }
  });
  return new Promise((done) => server.listen(port, "127.0.0.1", () => done(server)));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.argv[2] ?? ".";
  const server = await serve(root, Number(process.argv[3] ?? 8000));
  console.log(`Serving ${resolve(root)} at http://127.0.0.1:${server.address().port}/`);
}
