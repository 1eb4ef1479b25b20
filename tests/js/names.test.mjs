// The names of the commands and events, as the engine knows them (its `names` query, through the
// native runner) and as the typings declare them (web/milestones.d.ts): the same sets, so a
// command or event added on one side and not the other fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url).pathname;

/** The engine's own names, from `{"query":"names"}` (PROTOCOL.md, Queries). */
function engineNames() {
  const run = spawnSync(`${root}scripts/engine-native`, [], {
    input: '{"query":"names"}\n',
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const answer = JSON.parse(run.stdout);
  assert.equal(answer.ok, true, run.stdout);
  return { commands: answer.commands, events: answer.events };
}

/** The text with its comments blanked out (doc comments may hold quotes and type-like words). */
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/\/\/[^\n]*/g, "");
}

/** The text from `start` to the end of what opened there: the first `;` (or, with `close`, the
 *  bracket that closes an opening one) outside of (), [], {} and <>. */
function balanced(text, start, close = ";") {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = text.indexOf(c, i + 1);  // names hold no escaped quotes
      continue;
    }
    if ("([{<".includes(c)) depth++;
    else if (")]}>".includes(c)) {
      depth--;
      if (close !== ";" && depth === 0 && c === close) return text.slice(start, i + 1);
    } else if (c === ";" && depth === 0 && close === ";") return text.slice(start, i + 1);
  }
  throw new Error(`unterminated declaration at ${start}`);
}

/** The string literals of a piece of type text, in order. */
const literals = (text) => [...text.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);

/** The body of `export type <name> = …;`. */
function typeAlias(text, name) {
  const at = text.search(new RegExp(`export\\s+type\\s+${name}\\s*=`));
  assert.ok(at >= 0, `web/milestones.d.ts declares no type ${name}`);
  return balanced(text, text.indexOf("=", at) + 1);
}

/** The first type argument of each `Base<…>` in `text`: the literals it names. */
function firstArguments(text, base) {
  const names = [];
  for (const m of text.matchAll(new RegExp(`\\b${base}\\s*<`, "g"))) {
    const args = balanced(text, m.index + m[0].length - 1, ">").slice(1, -1);
    let depth = 0, end = args.length;  // up to the first top-level comma
    for (let i = 0; i < args.length; i++) {
      if ("([{<".includes(args[i])) depth++;
      else if (")]}>".includes(args[i])) depth--;
      else if (args[i] === "," && depth === 0) { end = i; break; }
    }
    names.push(...literals(args.slice(0, end)));
  }
  return names;
}

/** The command and event `type` unions of the typings: `Command`'s members are interfaces that
 *  extend `CommandBase<"name", …>`; `EngineEvent`'s members are `EventBase<"name" | …>`. */
export function typingNames(dts) {
  const text = withoutComments(dts);
  const commands = [];
  const members = typeAlias(text, "Command").replace(/;$/, "").split("|").map((s) => s.trim()).filter(Boolean);
  for (const member of members) {
    assert.match(member, /^\w+$/, `Command's member ${member} is not an interface name`);
    const at = text.search(new RegExp(`interface\\s+${member}\\b[^{]*?\\bextends\\b`));
    assert.ok(at >= 0, `web/milestones.d.ts: no interface ${member} extending CommandBase`);
    const head = text.slice(at, text.indexOf("{", at));
    const names = firstArguments(head, "CommandBase");
    assert.equal(names.length, 1, `interface ${member} names no single command type`);
    commands.push(names[0]);
  }
  const events = firstArguments(typeAlias(text, "EngineEvent"), "EventBase");
  return { commands, events };
}

/** "in A, not in B" for each side, or nothing when the two hold the same names once each. */
function differences(engine, typings, what) {
  const problems = [];
  const twice = (list) => list.filter((n, i) => list.indexOf(n) !== i);
  if (twice(engine).length) problems.push(`the engine names ${what} twice: ${twice(engine).join(", ")}`);
  if (twice(typings).length) problems.push(`the typings name ${what} twice: ${twice(typings).join(", ")}`);
  const missing = engine.filter((n) => !typings.includes(n));
  const extra = typings.filter((n) => !engine.includes(n));
  if (missing.length) problems.push(`${what} in the engine, not in web/milestones.d.ts: ${missing.join(", ")}`);
  if (extra.length) problems.push(`${what} in web/milestones.d.ts, not in the engine: ${extra.join(", ")}`);
  return problems;
}

const engine = engineNames();
const typings = typingNames(readFileSync(`${root}web/milestones.d.ts`, "utf8"));

test("the engine names every command and event once, as snake_case", () => {
  assert.ok(engine.commands.length >= 20 && engine.events.length >= 20, JSON.stringify(engine));
  for (const name of [...engine.commands, ...engine.events]) assert.match(name, /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  assert.deepEqual(differences(engine.commands, engine.commands, "commands"), []);
  assert.equal(engine.commands[0], "create_contract");
  assert.equal(engine.events[0], "contract_created");
});

test("the typings' command type union is the engine's commands", () => {
  assert.deepEqual(differences(engine.commands, typings.commands, "commands"), []);
});

test("the typings' event type union is the engine's events", () => {
  assert.deepEqual(differences(engine.events, typings.events, "events"), []);
});

test("the typings reader sees a command or an event that is missing or added", () => {
  const dts = `
    interface CommandBase<T extends string, A> { type: T; actor: A }
    interface EventBase<T extends string> { type: T }
    /** "not_a_command" in a comment does not count. */
    export interface Tick extends CommandBase<"tick", "system"> {}
    export interface Go extends CommandBase<
      "go_on", "client" | "freelancer"> { at: number }
    export type Command = | Tick | Go;
    export type EngineEvent =
      | (EventBase<"a_happened"> & { x: { y: "not_an_event" }; z: number })
      | EventBase<"b_happened" | 'c_happened'>;
  `;
  const found = typingNames(dts);
  assert.deepEqual(found, { commands: ["tick", "go_on"], events: ["a_happened", "b_happened", "c_happened"] });
  assert.deepEqual(differences(["tick", "go_on", "stop"], found.commands, "commands"),
                   ["commands in the engine, not in web/milestones.d.ts: stop"]);
  assert.deepEqual(differences(["tick"], found.commands, "commands"),
                   ["commands in web/milestones.d.ts, not in the engine: go_on"]);
});

// ---- THE PAGE'S ACTION TABLE ------------------------------------------------------------------
// web/board/actions.js has one row per thing a person can do with a command, each naming the
// `command` its button shows for. Every row names an engine command of the typings, and every
// command a person issues has a row, except those the page runs from its own controls: the "New
// contract" form (create_contract), reordering by drag, keyboard and the move buttons
// (move_milestone; reorder_milestones is the protocol's whole-order form of the same), and the
// clock's tick, which no person issues.
const OWN_CONTROLS = ["create_contract", "move_milestone", "reorder_milestones", "tick", "post_message"];

test("the page's action table names engine commands, and every person's command has a row", async () => {
  const { ACTIONS } = await import(`${root}web/board/actions.js`);
  assert.ok(Array.isArray(ACTIONS) && ACTIONS.length > 0, "web/board/actions.js exports its rows");
  const ids = new Set();
  for (const row of ACTIONS) {
    assert.ok(engine.commands.includes(row.command), `action ${row.id}: ${row.command} is not an engine command`);
    assert.ok(typings.commands.includes(row.command), `action ${row.id}: ${row.command} is not in the typings`);
    assert.ok(!ids.has(row.id), `action ${row.id} is in the table twice`);
    ids.add(row.id);
  }
  const shown = new Set(ACTIONS.map((row) => row.command));
  const without = engine.commands.filter((c) => !shown.has(c) && !OWN_CONTROLS.includes(c));
  assert.deepEqual(without, [], "commands with no action row and no control of their own");
  for (const c of OWN_CONTROLS) assert.ok(engine.commands.includes(c), `${c} is not an engine command`);
});
