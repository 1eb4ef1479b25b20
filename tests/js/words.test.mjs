// The board's words are one catalog (web/board/words.js): German has exactly English's keys, each
// function the same parameters, and no user-facing string literal is left in web/board/*.js or
// web/board-element.js outside the catalog. Literals are found with TypeScript's own parser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { catalog } from "../../web/board/words.js";

const web = new URL("../../web/", import.meta.url).pathname;

/** Every key path of a catalog: [path, kind, arity]. */
function shape(value, path = "") {
  if (typeof value === "function") return [[path, "function", value.length]];
  if (Array.isArray(value)) return [[path, "array", value.length]];
  if (value && typeof value === "object") return Object.keys(value).sort().flatMap((k) => shape(value[k], path ? `${path}.${k}` : k));
  return [[path, typeof value, 0]];
}

test("the German catalog has exactly the English keys, and its functions the same parameters", () => {
  assert.deepEqual(shape(catalog("de")), shape(catalog("en")));
  assert.equal(catalog("de-AT"), catalog("de"));
  assert.equal(catalog("fr"), catalog("en"));
});

test("money, dates and durations are written the language's way", () => {
  const en = catalog("en"), de = catalog("de");
  assert.equal(en.money(123450), "$1,234.50");
  assert.equal(en.money(-500), "-$5.00");
  assert.equal(de.money(500), "5,00\u00a0$");  // a no-break space, as German typesetting has it
  assert.equal(de.money(123450), "1.234,50\u00a0$");
  assert.equal(en.date("2026-12-10"), "Dec 10, 2026");
  assert.equal(de.date("2026-12-10"), "10. Dez. 2026");
  assert.equal(en.remaining(14 * 86_400_000, 0), "14 days");
  assert.equal(de.remaining(14 * 86_400_000, 0), "14 Tage");
  assert.equal(de.parseAmount("250,50"), 25050);
  assert.equal(de.parseAmount("1.250,50"), 125050);
  assert.equal(de.parseAmount("250"), 25000);
  assert.equal(en.parseAmount("1,250.50"), 125050);
});

test("a refusal: English is the engine's message, German is worded from the code and params", () => {
  const error = { code: "INVALID_AMOUNT", message: "The amount must be at least $5.00.", params: { min: 500 } };
  assert.equal(catalog("en").refusal(error), error.message);
  assert.equal(catalog("de").refusal(error), "Der Betrag muss mindestens 5,00\u00a0$ betragen.");
  assert.equal(catalog("de").refusal({ code: "INVALID_AMOUNT", message: "…" }), "Dieser Betrag ist hier nicht zulässig.");
  assert.match(catalog("de").refusal({ code: "SOMETHING_NEW", message: "…" }), /SOMETHING_NEW/);
});

// --- no user-facing literal outside the catalog ---------------------------------------------------

/** The catalog's own files. */
const CATALOG = new Set(["words.js", "words-en.js", "words-de.js", "events-en.js", "events-de.js", "turns-en.js", "turns-de.js", "refusals-de.js",
  "files-en.js", "files-de.js", "keys-en.js", "keys-de.js"]);
/** Literals that read like words but are not shown to a person. */
const NOT_WORDS = new Set([
  "M5 7V5a3 3 0 0 1 6 0v2",  // an SVG path
  "Warm-up", "M",            // warm.js's made-up contract, never shown
  "-//Milestone Engine//Milestone board//EN",  // the .ics file's product id (calendar.js)
]);
/** Calls whose string arguments are never shown: selectors, events, attributes, classes, keys. */
const QUIET_CALLS = new Set([
  "querySelector", "querySelectorAll", "closest", "matches", "addEventListener", "removeEventListener",
  "setAttribute", "getAttribute", "removeAttribute", "hasAttribute", "toggleAttribute", "createElement", "createElementNS",
  "add", "remove", "toggle", "contains", "setting", "setSetting", "getItem", "setItem", "removeItem", "escape",
  "download", "Error", "replace", "replaceAll", "split", "startsWith", "endsWith", "includes", "padStart", "test",
]);
/** Object keys whose values are never shown. */
const QUIET_KEYS = new Set(["class", "className", "type", "id", "for", "name", "role", "dataset", "action", "focus",
  "accept", "inputmode", "autocomplete", "value", "field", "datetime", "viewBox", "d", "aria-describedby", "aria-labelledby", "rel", "target",
  "aria-live", "aria-current", "aria-hidden", "code", "kind", "key", "command", "on", "label", "submit", "format"]);
/** Object keys, properties and attributes whose values are shown (or spoken). */
const SHOWN = new Set(["textContent", "title", "aria-label", "ariaLabel", "placeholder", "help", "message", "text", "alt"]);

/** A CSS selector: a class, an id or an attribute first, or a :not(). */
const SELECTOR = /^[.#[]|:not\(/;
const WORDY = /\p{L}[^]*\s[^]*\p{L}/u;   // a letter, a space, a letter: a sentence or a phrase
const text = (n) => ts.isTemplateExpression(n)
  ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join("")
  : n.text;

/** The user-facing literals of one file (or of `code`, as if it were that file): [line, text]. */
function wordsIn(path, code = readFileSync(path, "utf8")) {
  const source = ts.createSourceFile(path, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const s = text(node);
      if (/\p{L}/u.test(s) && !NOT_WORDS.has(s) && !quiet(node) && (WORDY.test(s.trim()) || shown(node))) {
        found.push([source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, s]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Whether a literal sits where nothing is shown: a quiet call's argument, a quiet key's value, a comparison. */
function quiet(node) {
  if (SELECTOR.test(text(node))) return true;
  let p = node.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression?.(p)) p = p.parent;
  if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
    const callee = p.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
    return QUIET_CALLS.has(name);
  }
  if (ts.isPropertyAssignment(p) && p.initializer === node) return QUIET_KEYS.has(keyOf(p));
  if (ts.isBinaryExpression(p) && /=== |!== |== |!= /.test(`${ts.tokenToString(p.operatorToken.kind)} `)) return true;
  if (ts.isCaseClause(p) || ts.isElementAccessExpression(p)) return true;
  return false;
}

/** Whether a literal is shown: a child of h(), a shown key's value, set as textContent or aria-label. */
function shown(node) {
  const p = node.parent;
  if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === "h") return p.arguments.indexOf(node) >= 2;
  if (ts.isPropertyAssignment(p) && p.initializer === node) return SHOWN.has(keyOf(p));
  if (ts.isBinaryExpression(p) && p.right === node && ts.isPropertyAccessExpression(p.left)) return SHOWN.has(p.left.name.text);
  return false;
}

const keyOf = (assignment) => assignment.name.text ?? assignment.name.getText();

test("no user-facing string literal in web/board/*.js or web/board-element.js outside the catalog", () => {
  const files = readdirSync(join(web, "board")).filter((f) => f.endsWith(".js") && !CATALOG.has(f))
    .map((f) => join(web, "board", f));
  files.push(join(web, "board-element.js"));
  const left = files.flatMap((path) => wordsIn(path).map(([line, s]) => `${path.slice(web.length)}:${line}: ${JSON.stringify(s)}`));
  assert.deepEqual(left, []);
});

test("the checker finds words where they are written", () => {
  const probe = `
    const contract = { title: "Bakery website redesign", client: "Northwind Bakery", type: "create_contract" };
    const said = { error: \`This link is damaged: \${why}.\`, code: "NOT_BASE64" };
    el.textContent = "Saved";
    h("p", { class: "note" }, "Nothing was changed.");
    if (kind === "two words") skip();`;
  assert.deepEqual(wordsIn("probe.js", probe).map(([, s]) => s),
    ["Bakery website redesign", "Northwind Bakery", "This link is damaged: .", "Saved", "Nothing was changed."]);
});
