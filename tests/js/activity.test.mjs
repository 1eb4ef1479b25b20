// The activity told a block at a time (web/board/timeline.js): every entry reads as it does when
// the whole log is told from the start, whatever order the entries are read in, across renames,
// moves, deletions and new events.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadEngine } from "../../web/milestones.js";
import { Activity, Narrator } from "../../web/board/timeline.js";
import { catalog } from "../../web/board/words.js";

const words = catalog("en");
import { T0 } from "./long-contract.mjs";

const engine = await loadEngine();

/** A contract whose log adds, renames, moves and deletes milestones, then renames one 70 times. */
function eventfulContract(rounds) {
  const c = engine.createContract();
  let at = T0;
  const run = (command) => {
    at += 60_000;
    const r = c.dispatch({ at, ...command });
    if (!r.ok) throw new Error(`${command.type}: ${r.error.message}`);
    return r.events;
  };
  run({ type: "create_contract", actor: "client", contract: { id: "eventful", title: "Eventful", accountType: "standard",
    client: "Acme", freelancer: "Jo", milestones: [{ title: "First", amount: 1000, dueDate: "2030-12-31" }] } });
  for (let i = 0; i < rounds; i++) {
    const id = run({ type: "add_milestone", actor: "client", milestone: { title: `Added ${i}`, amount: 500 + i, dueDate: "2030-12-31" } })[0].milestone.id;
    run({ type: "edit_milestone", actor: "client", milestoneId: id, changes: { title: `Renamed ${i}` } });
    run({ type: "move_milestone", actor: "client", milestoneId: id, toIndex: 0 });
    run({ type: "propose_due_date", actor: "client", milestoneId: id, dueDate: "2030-06-01" });
    run({ type: "respond_due_date", actor: "freelancer", milestoneId: id, accept: false });
    if (i % 2 === 0) run({ type: "delete_milestone", actor: "client", milestoneId: id });
  }
  // A run of renames, so that a block of 64 starts with one: it must name the title before it.
  for (let i = 0; i < 70; i++) run({ type: "edit_milestone", actor: "client", milestoneId: "m1", changes: { title: `First, version ${i}` } });
  return { c, run };
}

const toldFromStart = (c) => {
  const narrator = new Narrator(words);
  return c.events().map((e) => narrator.describe(e).text);
};

test("each entry reads as it does when the whole log is told from the start, in any order", () => {
  const { c } = eventfulContract(40);
  const expected = toldFromStart(c);
  assert.ok(expected.length > 200, `${expected.length} events`);
  assert.ok(expected.some((t) => /Renamed 3/.test(t)) && expected.some((t) => /deleted/.test(t)), "renames and deletions are told");
  const activity = new Activity(c, expected.length, words);
  assert.equal(activity.length, expected.length);
  // Newest first (the screen), then a jump back (History), then every other entry in a scrambled order.
  const order = [...expected.keys()].reverse();
  const scrambled = [...expected.keys()].sort((a, b) => ((a * 7919) % 257) - ((b * 7919) % 257));
  for (const i of [...order.slice(0, 50), 3, 64, 63, 128, ...scrambled]) {
    assert.equal(activity.at(i).text, expected[i], `entry ${i + 1}`);
    assert.equal(activity.at(i).seq, i + 1);
  }
  assert.equal(activity.at(expected.length), undefined);
  assert.equal(activity.at(-1), undefined);
  c.dispose();
});

test("new events are told after the ones read, with the names as they are", () => {
  const { c, run } = eventfulContract(12);
  const activity = new Activity(c, toldFromStart(c).length, words);
  assert.match(activity.at(activity.length - 1).text, /.+/);  // only the newest block is told
  for (let i = 0; i < 70; i++) {
    for (const e of run({ type: "edit_milestone", actor: "client", milestoneId: "m1", changes: { title: `First, take ${i}` } })) activity.push(e);
  }
  const expected = toldFromStart(c);
  assert.equal(activity.length, expected.length);
  assert.deepEqual(activity.map((entry) => entry.text), expected);
  c.dispose();
});

test("the statement's whole activity is told in one pass, and matches", () => {
  const { c } = eventfulContract(20);
  const expected = toldFromStart(c);
  const activity = new Activity(c, expected.length, words);
  assert.equal(activity.at(5).text, expected[5]);
  assert.deepEqual(activity.map((entry, i) => `${i}:${entry.text}`), expected.map((t, i) => `${i}:${t}`));
  c.dispose();
});
