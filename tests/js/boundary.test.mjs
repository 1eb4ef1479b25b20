// The engine boundary of the JavaScript API: commands go in as a compact tape (no JSON text),
// results are read only as far as they are read. Checks that it answers exactly what the JSON
// protocol answers for the same commands, valid or not, and that dispatchMany, lazy events and
// restore from text hold.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { loadEngine } from "../../web/milestones.js";
import createMilestonesModule from "../../web/dist/milestones-core.mjs";

const engine = await loadEngine();
const raw = await createMilestonesModule({
  wasmBinary: await readFile(new URL("../../web/dist/milestones-core.wasm", import.meta.url)),
});
const T0 = Date.UTC(2026, 10, 26);
const HOUR = 3_600_000;

const create = (extra = {}) => ({
  type: "create_contract", actor: "client", at: T0,
  contract: {
    title: "Website", accountType: "standard", client: "Acme", freelancer: "Jo",
    milestones: [
      { title: "Design", description: "Wireframes", amount: 10000, dueDate: "2026-12-10" },
      { title: "Build", amount: 20000, dueDate: "2026-12-20" },
      { title: "Launch ✓", amount: 30000, dueDate: "2026-12-30" },
    ],
    ...extra,
  },
});

// A stream over every command type, with the wrong JSON kinds a caller might send.
function stream() {
  let at = T0;
  const next = () => (at += HOUR);
  const out = [create()];
  const odd = [null, undefined, 5, -0, 1.5, 2 ** 53, "5", "", "m1", true, [], ["m1"], {}, { a: 1 }, "\u00e9\u2713",
    "tab\there", "\ud800", "x".repeat(300), 1e21, Number.MAX_SAFE_INTEGER, -1];
  const base = [
    { type: "add_milestone", actor: "client", milestone: { title: "Extra", amount: 700, dueDate: "2027-01-05" } },
    { type: "edit_milestone", actor: "client", milestoneId: "m4", changes: { title: "Extra 2", amount: 900 } },
    { type: "move_milestone", actor: "client", milestoneId: "m4", toIndex: 0 },
    { type: "reorder_milestones", actor: "client", order: ["m1", "m2", "m3", "m4"] },
    { type: "propose_due_date", actor: "freelancer", milestoneId: "m2", dueDate: "2027-01-15" },
    { type: "respond_due_date", actor: "client", milestoneId: "m2", accept: false },
    { type: "activate_milestone", actor: "client", milestoneId: "m1" },
    { type: "submit_work", actor: "freelancer", milestoneId: "m1", message: "Done ✓" },
    { type: "request_changes", actor: "client", milestoneId: "m1", message: "Again" },
    { type: "submit_work", actor: "freelancer", milestoneId: "m1", message: "Done again" },
    { type: "release_payment", actor: "client", milestoneId: "m1", amount: 8000 },
    { type: "request_refund", actor: "client", milestoneId: "m1", amount: 100, reason: "Typo" },
    { type: "respond_refund", actor: "freelancer", milestoneId: "m1", accept: true, amount: 50 },
    { type: "extend_contract", actor: "client", endDate: "2028-01-01" },
    { type: "delete_milestone", actor: "client", milestoneId: "m4" },
    { type: "leave_feedback", actor: "client", rating: 5, comment: "" },
    { type: "end_contract", actor: "client" },
    { type: "tick", actor: "system" },
  ];
  for (const command of base) {
    out.push({ ...command, at: next() });
    // Every field, and the envelope, with every odd value; and an unknown field beside them.
    for (const key of Object.keys(command).concat(["at", "extra"])) {
      for (const value of odd) out.push({ ...command, at: next(), [key]: value });
    }
    for (const [key, value] of Object.entries(command)) {
      if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const inner of Object.keys(value)) {
          for (const v of odd) out.push({ ...command, at: next(), [key]: { ...value, [inner]: v } });
        }
      }
    }
    out.push({ ...command, at: next() });
  }
  return out;
}

// The result as plain data, events read.
/** allowed() entries grouped as allowedByMilestone groups them. */
const group = (list) => {
  const out = new Map();
  for (const a of list) {
    const id = a.milestoneId ?? "";
    if (!out.has(id)) out.set(id, new Set());
    out.get(id).add(a.type);
  }
  return out;
};

const plainResult = (r) => (r.ok ? { ok: true, events: r.events } : { ok: false, error: r.error });

test("the compact path answers exactly what the JSON protocol answers, command after command", () => {
  const contract = engine.createContract();
  const session = new raw.Session();
  const commands = stream();
  let tapeAnswers = 0;
  for (const command of commands) {
    // Fields a command does not have are ignored whatever they hold (even what JSON cannot
    // carry), so the JSON line leaves the unknown one out.
    const { extra, ...known } = command;
    const line = JSON.stringify(known);
    const expected = JSON.parse(session.handle(line));
    const actual = plainResult(contract.dispatch(command));
    assert.deepEqual(actual, expected, line);
    if (expected.ok || expected.error.code !== "INVALID_JSON") tapeAnswers++;
  }
  assert.ok(commands.length > 1500, `${commands.length} commands`);
  assert.deepEqual(contract.log(), JSON.parse(session.handle('{"query":"log"}')).log);
  session.delete();
  contract.dispose();
  assert.ok(tapeAnswers > 1000);
});

test("state() sends only what changed, and is still the whole state after every command", () => {
  // Runs the commands (each may be a function of the state so far), reading state() before and
  // after each; it must equal the whole state from the JSON protocol every time.
  function follow(commands) {
    const contract = engine.createContract();
    const session = new raw.Session();
    assert.equal(contract.state(), null);
    const counts = { commands: 0, kept: 0, renewed: 0, needless: 0, most: 0 };
    for (const next of commands) {
      const before = contract.state();
      const command = typeof next === "function" ? next(before) : next;
      const result = contract.dispatch(command);
      const { extra, ...known } = command;  // a field no command has is ignored (see above)
      session.handle(JSON.stringify(known));
      const after = contract.state();
      assert.deepEqual(after, JSON.parse(session.handle('{"query":"state"}')).state, JSON.stringify(command));
      assert.ok(Object.isFrozen(after) && Object.isFrozen(after.milestones) && Object.isFrozen(after.totals));
      if (!result.ok) assert.equal(after, before, "a refusal gives the very same state");
      const old = new Map((before?.milestones ?? []).map((m) => [m.id, m]));
      let renewed = 0;
      for (const m of after.milestones) {
        if (old.get(m.id) === m) counts.kept++;
        else if (old.has(m.id)) {
          renewed++;
          if (JSON.stringify(old.get(m.id)) === JSON.stringify(m)) counts.needless++;  // sent, not changed
        }
      }
      counts.renewed += renewed;
      counts.most = Math.max(counts.most, renewed);
      counts.commands++;
    }
    const m = contract.state().milestones[0];
    assert.throws(() => { m.title = "changed"; }, TypeError);
    assert.throws(() => { m.amount = 1; }, TypeError);
    session.delete();
    contract.dispose();
    return counts;
  }
  const mixed = follow(stream());
  assert.ok(mixed.commands > 1500 && mixed.kept > 1000, JSON.stringify(mixed));

  // Moves, reorders, adds, deletes and an activation on a bigger plan.
  let at = T0;
  const time = () => (at += HOUR);
  const plan = [create({ milestones: Array.from({ length: 12 }, (_, k) => ({ title: `M${k + 1}`, amount: 1000 + k, dueDate: "2027-03-01" })) })];
  const ids = (state) => state.milestones.filter((m) => !m.pinned).map((m) => m.id);
  for (let k = 0; k < 40; k++) {
    plan.push((s) => ({ type: "move_milestone", actor: "client", milestoneId: ids(s)[(k * 5) % ids(s).length], toIndex: s.milestones.length - 1 - (k % 4), at: time() }));
    if (k % 9 === 0) plan.push({ type: "add_milestone", actor: "client", milestone: { title: `Added ${k}`, amount: 600, dueDate: "2027-04-01" }, at: time() });
    if (k % 11 === 5) plan.push((s) => ({ type: "delete_milestone", actor: "client", milestoneId: ids(s)[k % ids(s).length], at: time() }));
    if (k === 20) plan.push((s) => ({ type: "reorder_milestones", actor: "client", order: ids(s).reverse(), at: time() }));
    if (k === 30) plan.push((s) => ({ type: "activate_milestone", actor: "client", milestoneId: ids(s)[0], at: time() }));
  }
  const moves = follow(plan);
  // A move, a reorder, an add or a delete changes no other milestone's own fields: those stay
  // the same objects, but for whose turn it is to be activated next (`waitingOn`: the first
  // pending milestone before and after). So a command renews at most two.
  assert.equal(moves.needless, 0, JSON.stringify(moves));
  assert.ok(moves.most <= 2 && moves.renewed < moves.commands * 2, JSON.stringify(moves));
  assert.ok(moves.kept > 40 * 10, JSON.stringify(moves));
});

test("dispatchMany gives exactly the results of the same commands dispatched one by one", () => {
  const one = engine.createContract();
  const many = engine.createContract();
  const commands = stream();
  const expected = commands.map((c) => plainResult(one.dispatch(c)));
  const actual = many.dispatchMany(commands).map(plainResult);
  assert.equal(actual.length, commands.length);
  assert.deepEqual(actual, expected);
  assert.ok(expected.some((r) => !r.ok) && expected.some((r) => r.ok));
  assert.deepEqual(many.log(), one.log());
  // Chunks that mix the two paths: odd commands in between plain ones.
  const mixed = engine.createContract();
  const results = mixed.dispatchMany([create(), { type: "tick", actor: "system", at: 5n }, { type: "tick", actor: "system", at: T0 + 1 }]);
  assert.deepEqual(results.map((r) => r.ok), [true, false, true]);
  assert.equal(results[1].error.code, "INVALID_JSON");
  for (const c of [one, many, mixed]) c.dispose();
});

test("events are read when asked for, and are still right after later commands", () => {
  const c = engine.createContract();
  const created = c.dispatch(create());
  const activated = c.dispatch({ type: "activate_milestone", actor: "client", at: T0 + 1, milestoneId: "m1" });
  const submitted = c.dispatch({ type: "submit_work", actor: "freelancer", at: T0 + 2, milestoneId: "m1", message: "v1" });
  const unread = c.dispatch({ type: "tick", actor: "system", at: T0 + 2, extra: "ignored" });
  for (let i = 0; i < 50; i++) c.dispatch({ type: "tick", actor: "system", at: T0 + 3 + i });
  // 14 days later the tick records the automatic release.
  const released = c.dispatch({ type: "tick", actor: "system", at: T0 + 15 * 24 * HOUR });
  assert.equal(submitted.events[0].type, "work_submitted");
  assert.equal(submitted.events[0].seq, 3);
  assert.equal(activated.events[0].type, "milestone_activated");
  assert.equal(created.events[0].contract.title, "Website");
  assert.deepEqual(released.events.map((e) => [e.seq, e.type, e.auto]), [[4, "payment_released", true]]);
  assert.equal(released.events, released.events);  // read once, then kept
  assert.deepEqual(JSON.parse(JSON.stringify(created)).events, c.log().events.slice(0, 1));
  assert.deepEqual(unread, { ok: true, events: [] });  // nothing was due
  const late = c.dispatch({ type: "request_refund", actor: "client", at: T0 + 16 * 24 * HOUR, milestoneId: "m1", amount: 1, reason: "r" });
  c.dispose();
  assert.throws(() => late.events, (e) => e.code === "DISPOSED");  // read it before dispose()
});

test("restore from the stored JSON text gives the same contract as from the object", () => {
  const c = engine.createContract();
  c.dispatchMany(stream());
  const log = c.log();
  const text = JSON.stringify(log);
  const fromText = engine.restore(text);
  const fromObject = engine.restore(log);
  assert.deepEqual(fromText.state(), c.state());
  assert.deepEqual(fromObject.state(), c.state());
  // Work goes on from either, with events numbered after the restored ones.
  const next = { type: "tick", actor: "system", at: c.state().lastAt + 1 };
  assert.deepEqual(plainResult(fromText.dispatch(next)), plainResult(c.dispatch(next)));
  // A tampered text is refused with the event's index; text that is not JSON is INVALID_JSON.
  const tampered = text.replace('{"seq":2,', '{"seq":7,');
  assert.ok(tampered !== text);
  assert.throws(() => engine.restore(tampered), (e) => e.code === "LOG_INVALID" && e.index === 1);
  assert.throws(() => engine.restore(text.slice(0, -1)), (e) => e.code === "INVALID_JSON");
  assert.throws(() => engine.restore("[]"), (e) => e.code === "INVALID_COMMAND");
  for (const x of [c, fromText, fromObject]) x.dispose();
});

test("a log that recorded moves as the whole new order restores to the same state", () => {
  const c = engine.createContract();
  c.dispatch(create());
  const moved = c.dispatch({ type: "move_milestone", actor: "client", at: T0 + 1, milestoneId: "m3", toIndex: 0 });
  assert.deepEqual(moved.events.map((e) => [e.type, e.milestoneId, e.toIndex]), [["milestone_moved", "m3", 0]]);
  const log = c.log();
  log.events[1] = { seq: 2, at: T0 + 1, type: "milestones_reordered", order: ["m3", "m1", "m2"] };
  const old = engine.restore(JSON.stringify(log));
  assert.deepEqual(old.state(), c.state());
  c.dispose();
  old.dispose();
});

test("preview answers what dispatch would, and changes nothing", () => {
  const c = engine.createContract();
  c.dispatch(create());
  c.dispatch({ type: "activate_milestone", actor: "client", at: T0 + HOUR, milestoneId: "m1" });
  const before = JSON.stringify(c.log());
  const release = { type: "release_payment", actor: "client", at: T0 + 2 * HOUR, milestoneId: "m1", amount: 6000 };
  const preview = c.preview(release);
  assert.deepEqual(preview, {
    ok: true,
    events: [{ seq: 3, at: T0 + 2 * HOUR, type: "payment_released", milestoneId: "m1", escrow: 10000, amount: 6000, returned: 4000, extra: 0, auto: false }],
  });
  assert.equal(c.preview({ ...release, actor: "freelancer" }).error.code, "NOT_PERMITTED");
  assert.equal(c.preview({ ...release, at: T0 }).error.code, "CLOCK_BACKWARDS");
  assert.equal(c.preview(null).error.code, "INVALID_COMMAND");
  assert.equal(JSON.stringify(c.log()), before, "the log and the clock are as they were");
  assert.deepEqual(JSON.parse(JSON.stringify(c.dispatch(release))), preview, "dispatch records what preview said");
  c.dispose();
});

test("the state says which plan is locked and which milestones are pinned; allowed lists only commands", () => {
  const c = engine.createContract();
  c.dispatch(create({ accountType: "wpp" }));
  c.dispatch({ type: "activate_milestone", actor: "client", at: T0 + HOUR, milestoneId: "m1" });
  const s = c.state();
  assert.equal(s.contract.planLocked, true);
  assert.deepEqual(s.milestones.map((m) => m.pinned), [true, false, false]);
  assert.ok(!c.allowed("client", T0 + HOUR).some((a) => a.type === "offer_new_contract"));
  assert.ok(!c.allowed("freelancer", T0 + HOUR).some((a) => a.type === "offer_new_contract"));
  const open = engine.createContract();
  open.dispatch(create());
  assert.equal(open.state().contract.planLocked, false);
  assert.ok(!open.allowed("client", T0).some((a) => a.type === "offer_new_contract"));
  c.dispose();
  open.dispose();
});

test("allowedByMilestone is allowed() grouped by milestone, for every actor, along a whole stream", () => {
  const c = engine.createContract();
  let checked = 0;
  for (const command of stream()) {
    c.dispatch(command);
    const at = (c.state()?.lastAt ?? T0) + HOUR;
    for (const actor of ["client", "freelancer", "system"]) {
      assert.deepEqual(c.allowedByMilestone(actor, at), group(c.allowed(actor, at)), `${actor} after ${command.type}`);
      checked++;
    }
  }
  assert.ok(checked > 30);
  assert.deepEqual(c.allowedByMilestone("client", T0 - 1), new Map(), "before the clock: nothing");

  // A milestone whose commands did not change keeps its Set; one whose commands changed does not.
  const fresh = engine.createContract();
  fresh.dispatch(create());
  const before = fresh.allowedByMilestone("client", T0 + HOUR);
  fresh.dispatch({ type: "edit_milestone", actor: "client", milestoneId: "m3", changes: { title: "Ship" }, at: T0 + HOUR });
  const edited = fresh.allowedByMilestone("client", T0 + HOUR);
  assert.deepEqual([...edited.keys()], [...before.keys()]);
  for (const id of edited.keys()) assert.equal(edited.get(id), before.get(id), `${id} after an edit`);
  fresh.dispatch({ type: "activate_milestone", actor: "client", milestoneId: "m1", at: T0 + HOUR });
  const funded = fresh.allowedByMilestone("client", T0 + HOUR);
  assert.notEqual(funded.get("m1"), before.get("m1"));
  assert.deepEqual(funded.get("m1"), group(fresh.allowed("client", T0 + HOUR)).get("m1"));
  assert.equal(funded.get("m3"), before.get("m3"), "m3 can still be edited, deleted and moved");
  fresh.dispose();
  assert.throws(() => c.allowedByMilestone("boss", T0), { code: "INVALID_FIELD" });
  assert.throws(() => c.allowedByMilestone("client", 1.5), { code: "INVALID_COMMAND" });
  c.dispose();
  assert.throws(() => c.allowedByMilestone("client", T0), { code: "DISPOSED" });
});

test("stateAfter and allowedAfter give the state and allowed as they stood after each event", () => {
  const c = engine.createContract();
  // [events, state, allowed per actor] after each command whose last event is at its own time
  // (a tick's automatic release is recorded at its deadline; the tick then moves the clock on).
  const then = [];
  for (const command of stream()) {
    const r = c.dispatch(command);
    if (!r.ok || r.events.length === 0 || r.events.at(-1).at !== command.at) continue;
    const state = c.state();
    then.push([state.seq, state, Object.fromEntries(["client", "freelancer"].map((a) => [a, group(c.allowed(a, state.lastAt))]))]);
  }
  assert.ok(then.length > 10);
  for (const [k, state, allowed] of [...then].reverse()) {
    assert.deepEqual(c.stateAfter(k), state, `state after event ${k}`);
    for (const actor of ["client", "freelancer"]) assert.deepEqual(c.allowedAfter(k, actor), allowed[actor], `${actor} after event ${k}`);
  }
  const n = then.at(-1)[0];
  for (const bad of [0, -1, n + 1, 1.5, "2", null]) {
    assert.throws(() => c.stateAfter(bad), { code: "INVALID_FIELD", message: `Choose an event of the history, from 1 to ${n}.`, params: { min: 1, max: n } });
    assert.throws(() => c.allowedAfter(bad, "client"), { code: "INVALID_FIELD" });
  }
  assert.throws(() => c.allowedAfter(1, "boss"), { code: "INVALID_FIELD" });
  const now = c.state();
  c.stateAfter(1);
  c.allowedAfter(1, "client");
  assert.deepEqual(c.state(), now, "looking back changes nothing");
  c.dispose();
});
