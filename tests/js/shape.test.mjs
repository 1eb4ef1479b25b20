// The shape of web/: no JavaScript file over 500 lines, no function over 80, every file type-checked
// (`// @ts-check` on its first line). Functions are measured with TypeScript's own parser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const web = new URL("../../web/", import.meta.url).pathname;
const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 80;

/** The JavaScript files of web/ (not the build output, not the example app). */
function sources(dir = web) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "dist" && e.name !== "examples" && e.name !== "node_modules") out.push(...sources(path));
    } else if (e.name.endsWith(".js") || e.name.endsWith(".mjs")) {
      out.push(path);
    }
  }
  return out.sort();
}

/** Every function of a file with its line count: [{name, lines}]. */
function functionsOf(path, text) {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name?.getText(file) ?? node.parent?.name?.getText?.(file) ?? `(anonymous at line ${start + 1})`;
      found.push({ name, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const files = sources();

test("web/ has JavaScript files to measure", () => {
  assert.ok(files.length >= 20, `found ${files.length}`);
});

test(`no JavaScript file in web/ is over ${MAX_FILE_LINES} lines`, () => {
  const long = files
    .map((f) => [relative(web, f), readFileSync(f, "utf8").split("\n").length - 1])
    .filter(([, n]) => n > MAX_FILE_LINES);
  assert.deepEqual(long, []);
});

test(`no function in web/ is over ${MAX_FUNCTION_LINES} lines`, () => {
  const long = [];
  for (const f of files) {
    for (const fn of functionsOf(f, readFileSync(f, "utf8"))) {
      if (fn.lines > MAX_FUNCTION_LINES) long.push(`${relative(web, f)}: ${fn.name} (${fn.lines} lines)`);
    }
  }
  assert.deepEqual(long, []);
});

test("every JavaScript file in web/ is type-checked (// @ts-check)", () => {
  const unchecked = files.filter((f) => !readFileSync(f, "utf8").startsWith("// @ts-check")).map((f) => relative(web, f));
  assert.deepEqual(unchecked, []);
});

test("the measure finds a long function (the test can fail)", () => {
  const body = Array.from({ length: MAX_FUNCTION_LINES + 1 }, (_, i) => `  x += ${i};`).join("\n");
  const fns = functionsOf("long.js", `function long() {\n  let x = 0;\n${body}\n}\n`);
  assert.equal(fns[0].name, "long");
  assert.ok(fns[0].lines > MAX_FUNCTION_LINES);
});
