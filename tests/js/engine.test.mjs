// The JavaScript API (web/milestones.js) under Node.js: every command type, errors, restore,
// banner, dispose and memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadEngine, EngineError } from "../../web/milestones.js";

const engine = await loadEngine();
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 26);
const day = (n) => T0 + n * DAY;

function createCommand(accountType = "standard", extra = {}) {
  return {
    type: "create_contract", actor: "client", at: T0,
    contract: {
      title: "Website", accountType, client: "Acme", freelancer: "Jo", ...extra,
      milestones: [
        { title: "Design", amount: 10000, dueDate: "2026-12-10" },
        { title: "Build", amount: 20000, dueDate: "2026-12-20" },
        { title: "Launch", amount: 30000, dueDate: "2026-12-30" },
      ],
    },
  };
}

function accepted(contract, command) {
  const result = contract.dispatch(command);
  assert.equal(result.ok, true, JSON.stringify(result));
  return result.events;
}

test("a contract before create_contract has no state or log", () => {
  const c = engine.createContract();
  assert.equal(c.state(), null);
  assert.equal(c.log(), null);
  assert.deepEqual(c.allowed("client", T0), [{ type: "create_contract" }]);
  c.dispose();
});

test("every command type is accepted through dispatch, with plain objects in and out", () => {
  const c = engine.createContract();
  const on = (type, milestoneId, at, extra = {}, actor = "client") =>
    accepted(c, { type, actor, at, milestoneId, ...extra });
  const created = accepted(c, createCommand());
  assert.equal(created[0].type, "contract_created");
  assert.deepEqual(created[0].milestones.map((m) => m.id), ["m1", "m2", "m3"]);
  accepted(c, { type: "add_milestone", actor: "client", at: day(0),
                milestone: { title: "Extra", amount: 500, dueDate: "2027-01-05" } });
  on("edit_milestone", "m4", day(0), { changes: { amount: 700 } });
  on("delete_milestone", "m4", day(0));
  on("move_milestone", "m3", day(0), { toIndex: 0 });
  accepted(c, { type: "reorder_milestones", actor: "client", at: day(0), order: ["m1", "m2", "m3"] });
  on("propose_due_date", "m2", day(0), { dueDate: "2027-01-10" }, "freelancer");
  on("respond_due_date", "m2", day(0), { accept: true });
  on("activate_milestone", "m1", day(1));
  on("submit_work", "m1", day(2), { message: "Mockups" }, "freelancer");
  on("request_changes", "m1", day(3), { message: "Colours" });
  on("submit_work", "m1", day(4), { message: "Fixed" }, "freelancer");
  const released = on("release_payment", "m1", day(5), { amount: 8000 });
  assert.deepEqual(
    { amount: released[0].amount, returned: released[0].returned, auto: released[0].auto },
    { amount: 8000, returned: 2000, auto: false });
  on("activate_milestone", "m2", day(5));
  on("submit_work", "m2", day(6), { message: "Built" }, "freelancer");
  const ticked = accepted(c, { type: "tick", actor: "system", at: day(20) });
  assert.equal(ticked[0].type, "payment_released");
  assert.equal(ticked[0].auto, true);
  assert.equal(ticked[0].at, day(20));
  on("activate_milestone", "m3", day(21));
  on("release_payment", "m3", day(21));
  on("request_refund", "m1", day(22), { amount: 1000, reason: "Late" });
  on("respond_refund", "m1", day(22), { accept: true, amount: 500 }, "freelancer");
  const ended = accepted(c, { type: "end_contract", actor: "client", at: day(23) });
  assert.deepEqual(ended.map((e) => e.type), ["contract_ended"]);
  accepted(c, { type: "leave_feedback", actor: "client", at: day(23), rating: 5, comment: "Great" });
  accepted(c, { type: "leave_feedback", actor: "freelancer", at: day(23), rating: 5, comment: "" });
  const compliance = engine.createContract();
  accepted(compliance, createCommand("enterprise_compliance", { endDate: "2027-01-31" }));
  accepted(compliance, { type: "extend_contract", actor: "client", at: day(1), endDate: "2027-02-28" });
  const s = c.state();
  assert.equal(s.contract.status, "ended");
  assert.equal(s.totals.released, 8000 + 20000 + 30000);
  assert.equal(s.totals.refunded, 500);
  assert.equal(s.feedback.client.rating, 5);
  assert.equal(c.log().events.length, s.seq);
  c.dispose();
  compliance.dispose();
});

test("the freelancer withdraws a milestone proposal (R23′); allowed lists it only while one is open", () => {
  const c = engine.createContract();
  accepted(c, createCommand());
  const withdraw = { type: "withdraw_milestone_proposal", actor: "freelancer", at: day(0) };
  const none = c.dispatch(withdraw);
  assert.equal(none.error.code, "NO_OPEN_REQUEST");
  assert.equal(none.error.rule, "R23′");
  const can = () => c.allowed("freelancer", day(0)).some((a) => a.type === "withdraw_milestone_proposal");
  assert.equal(can(), false);
  accepted(c, { type: "propose_milestone", actor: "freelancer", at: day(0),
                milestone: { title: "Extra", amount: 5000, dueDate: "2027-01-05" } });
  assert.equal(can(), true);
  assert.deepEqual(accepted(c, withdraw).map((e) => e.type), ["milestone_proposal_withdrawn"]);
  assert.equal(c.state().contract.milestoneProposal, null);
  const again = engine.restore(c.log());
  assert.deepEqual(again.state(), c.state());
  again.dispose();
  c.dispose();
});

test("messages (R24): on the contract or a milestone, counted in the state, through the tape and as JSON", () => {
  const c = engine.createContract();
  accepted(c, createCommand());
  const [onContract] = accepted(c, { type: "post_message", actor: "client", at: day(0), text: " Hello \n" });
  assert.deepEqual(onContract, { seq: 2, at: day(0), type: "message_posted", by: "client", text: "Hello" });
  const [onMilestone] = accepted(c, { type: "post_message", actor: "freelancer", at: day(0), milestoneId: "m2", text: "On Build" });
  assert.equal(onMilestone.milestoneId, "m2");
  // A command that is not a plain object goes as JSON text, not on the tape: read the same way.
  const viaJson = Object.assign(Object.create({ kind: "not plain" }),
    { type: "post_message", actor: "freelancer", at: day(0), milestoneId: null, text: "Null is none" });
  assert.equal(accepted(c, viaJson)[0].milestoneId, undefined);
  const s = c.state();
  assert.equal(s.contract.messages, 2);
  assert.deepEqual(s.milestones.map((m) => m.messages), [0, 1, 0]);
  assert.equal(c.dispatch({ type: "post_message", actor: "client", at: day(0), text: "" }).error.code, "INVALID_FIELD");
  assert.equal(c.dispatch({ type: "post_message", actor: "client", at: day(0), milestoneId: "m9", text: "x" }).error.code, "UNKNOWN_MILESTONE");
  assert.deepEqual(c.allowed("client", day(0)).filter((a) => a.type === "post_message"), [{ type: "post_message" }]);
  assert.match(c.statement().text, /\nMESSAGES\n\n2026-11-26 00:00 UTC {2}Acme \(client\), on the contract\n {3}Hello\n/);
  const again = engine.restore(c.log());
  assert.deepEqual(again.state(), s);
  again.dispose();
  c.dispose();
});

test("attachments (R25): carried by work_submitted and the submission; the tape and JSON text agree", () => {
  const sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const files = [{ name: " a.pdf ", size: 2 ** 53 - 1, sha256, url: "https://x.example/a.pdf" }, { name: "b.txt", size: 0, sha256, url: null }];
  const submit = (c, attachments, at = day(1)) =>
    c.dispatch({ type: "submit_work", actor: "freelancer", at, milestoneId: "m1", message: "Done", attachments });
  const open = () => {
    const c = engine.createContract();
    accepted(c, createCommand());
    accepted(c, { type: "activate_milestone", actor: "client", at: day(0), milestoneId: "m1" });
    return c;
  };
  const c = open();
  const [submitted] = submit(c, files).events;
  const expected = [{ name: "a.pdf", size: 2 ** 53 - 1, sha256, url: "https://x.example/a.pdf" }, { name: "b.txt", size: 0, sha256 }];
  assert.deepEqual(submitted.attachments, expected);
  assert.deepEqual(c.state().milestones[0].submission, { message: "Done", at: day(1), attachments: expected });
  assert.match(c.statement().text, /\nATTACHMENTS\n[^]*\n {3}a\.pdf\n {6}9,007,199,254,740,991 bytes, SHA-256 e3b0/);
  // Each refusal is the same whether the command goes on the tape or as JSON text (a size of 2^53
  // cannot go on the tape; a command that is not a plain object never does).
  const notPlain = (x) => Object.assign(Object.create({ kind: "not plain" }), x);
  for (const bad of [[{ name: "x", size: 2 ** 53, sha256 }], [{ name: "x", size: 1, sha256: sha256.toUpperCase() }],
                     Array.from({ length: 21 }, () => files[1]), [{ name: "", size: -1, sha256: "x", url: "http://x" }]]) {
    const d = open();
    const tape = submit(d, bad);
    const json = d.dispatch(notPlain({ type: "submit_work", actor: "freelancer", at: day(1), milestoneId: "m1", message: "Done", attachments: bad }));
    assert.equal(tape.ok, false);
    assert.deepEqual(json, tape);
    assert.equal(tape.error.code, "INVALID_FIELD");
    assert.match(tape.error.field, /^attachments/);
    d.dispose();
  }
  const empty = open();
  assert.equal(submit(empty, []).events[0].attachments, undefined);
  assert.equal(empty.state().milestones[0].submission.attachments, undefined);
  empty.dispose();
  const again = engine.restore(c.log());
  assert.deepEqual(again.state(), c.state());
  again.dispose();
  c.dispose();
});

test("refusals are results with the engine's code, rule, field and message", () => {
  const c = engine.createContract();
  accepted(c, createCommand());
  const r = c.dispatch({ type: "activate_milestone", actor: "client", at: T0, milestoneId: "m2" });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, "NOT_NEXT_MILESTONE");
  assert.equal(r.error.rule, "R6");
  assert.match(r.error.message, /Design/);
  const amount = c.dispatch({ type: "add_milestone", actor: "client", at: T0,
                              milestone: { title: "x", amount: 499, dueDate: "2027-01-01" } });
  assert.equal(amount.error.code, "INVALID_AMOUNT");
  assert.equal(amount.error.field, "milestone.amount");
  c.dispose();
});

test("malformed input comes back as a rejection, never an exception", () => {
  const c = engine.createContract();
  const cyclic = { type: "tick" };
  cyclic.self = cyclic;
  const cases = [
    [undefined, "INVALID_JSON"],
    [null, "INVALID_JSON"],
    ["tick", "INVALID_JSON"],
    [[1, 2], "INVALID_JSON"],
    [42, "INVALID_JSON"],
    [{ type: "submit_work", actor: "freelancer", at: 0, milestoneId: "m1", message: cyclic }, "INVALID_JSON"],
    [{ type: "add_milestone", actor: "client", at: 0, milestone: cyclic }, "INVALID_COMMAND"],  // no title
    [{ type: "tick", actor: "system", at: 0, self: cyclic, big: 1n }, "NO_CONTRACT"],  // ignored
    [{ query: "state" }, "INVALID_COMMAND"],  // dispatch runs commands; queries have methods
    [{ type: "tick", actor: "system", at: 10n }, "INVALID_JSON"],
    [{ type: "tick", actor: "system", at: NaN }, "INVALID_COMMAND"],
    [{ type: "tick", actor: "system", at: 1.5 }, "INVALID_COMMAND"],
    [{ type: "submit_work", actor: "freelancer", at: 0, milestoneId: "m1", message: "\ud800" }, "INVALID_JSON"],
    [{ type: "fly", actor: "client", at: 0 }, "INVALID_COMMAND"],
    [{}, "INVALID_COMMAND"],
  ];
  for (const [input, code] of cases) {
    const r = c.dispatch(input);
    assert.equal(r.ok, false, String(input));
    assert.equal(r.error.code, code, `${String(input)}: ${r.error.message}`);
    assert.equal(typeof r.error.message, "string");
  }
  assert.equal(c.state(), null);  // nothing changed
  c.dispose();
});

test("restore replays a log; a tampered log throws EngineError with code and index", () => {
  const c = engine.createContract();
  accepted(c, createCommand());
  accepted(c, { type: "activate_milestone", actor: "client", at: day(1), milestoneId: "m1" });
  accepted(c, { type: "release_payment", actor: "client", at: day(2), milestoneId: "m1", amount: 6000 });
  const log = c.log();
  const again = engine.restore(log);
  assert.deepEqual(again.state(), c.state());
  assert.deepEqual(again.log(), log);

  const tampered = structuredClone(log);
  tampered.events[2].returned = 0;  // $40.00 vanishes
  assert.throws(() => engine.restore(tampered), (e) => {
    assert.ok(e instanceof EngineError);
    assert.ok(e instanceof Error);
    assert.equal(e.code, "LOG_INVALID");
    assert.equal(e.index, 2);
    assert.equal(e.rule, "R20");
    return true;
  });
  assert.throws(() => engine.restore({ format: "other" }), (e) => e.code === "LOG_INVALID" && e.index === undefined);
  assert.throws(() => engine.restore(undefined), (e) => e.code === "INVALID_COMMAND");
  again.dispose();
  c.dispose();
});

test("allowed lists what each actor may do and throws on a bad actor", () => {
  const c = engine.createContract();
  accepted(c, createCommand());
  const client = c.allowed("client", T0);
  assert.ok(client.some((a) => a.type === "activate_milestone" && a.milestoneId === "m1"));
  assert.ok(!client.some((a) => a.type === "activate_milestone" && a.milestoneId === "m2"));
  assert.deepEqual(c.allowed("system", T0), [{ type: "tick" }]);
  assert.throws(() => c.allowed("boss", T0), (e) => e.code === "INVALID_FIELD");
  assert.throws(() => c.allowed("client", "now"), (e) => e.code === "INVALID_COMMAND");
  c.dispose();
});

test("blocked says why not, in the engine's words, for each other command of the role", () => {
  const c = engine.createContract();
  accepted(c, createCommand());
  accepted(c, { type: "activate_milestone", actor: "client", at: T0, milestoneId: "m1" });
  const why = (actor, type, milestoneId) =>
    c.blocked(actor, T0).find((b) => b.type === type && b.milestoneId === milestoneId)?.error.code;
  assert.equal(why("client", "end_contract"), "CONTRACT_INCOMPLETE");
  assert.equal(why("client", "activate_milestone", "m2"), "ANOTHER_MILESTONE_ACTIVE");
  assert.equal(why("client", "move_milestone", "m1"), "MILESTONE_LOCKED");
  assert.equal(why("freelancer", "respond_refund", "m1"), "NO_OPEN_REQUEST");
  const refused = c.dispatch({ type: "end_contract", actor: "client", at: T0 });
  assert.deepEqual(c.blocked("client", T0).find((b) => b.type === "end_contract").error, refused.error);
  // allowed and blocked never name the same command on the same milestone.
  const listed = new Set(c.allowed("client", T0).map((a) => `${a.type} ${a.milestoneId}`));
  assert.ok(c.blocked("client", T0).every((b) => !listed.has(`${b.type} ${b.milestoneId}`)));
  assert.throws(() => c.blocked("boss", T0), (e) => e.code === "INVALID_FIELD");
  c.dispose();
});

test("banner picks the viewer's message and refuses a bad config", () => {
  const config = {
    global: { message: "For everyone", icon: "info", start: "", end: "" },
    responsive: [{ message: "For US clients", country: "US", usertype: "client", icon: "warning", start: "", end: "" }],
  };
  assert.deepEqual(engine.banner(config, { country: "US", userType: "client" }, T0),
                   { message: "For US clients", icon: "warning" });
  assert.deepEqual(engine.banner(config, { country: "FR", userType: "client" }, T0),
                   { message: "For everyone", icon: "info" });
  assert.equal(engine.banner({}, { country: "US", userType: "client" }, T0), null);
  assert.throws(() => engine.banner([], { country: "US", userType: "client" }, T0),
                (e) => e.code === "INVALID_FIELD" && e.rule === "R21");
});

test("dispose frees the contract; later calls throw DISPOSED", () => {
  const c = engine.createContract();
  accepted(c, createCommand());
  assert.equal(c.disposed, false);
  c.dispose();
  assert.equal(c.disposed, true);
  c.dispose();  // twice is harmless
  assert.throws(() => c.state(), (e) => e.code === "DISPOSED");
  assert.throws(() => c.dispatch({ type: "tick", actor: "system", at: T0 }), (e) => e.code === "DISPOSED");
  const a = engine.createContract();
  const b = engine.createContract();
  engine.dispose();
  assert.equal(a.disposed && b.disposed, true);
});

test("100,000 dispatches leave no memory behind", () => {
  const c = engine.createContract();
  accepted(c, createCommand());
  const refused = { type: "activate_milestone", actor: "client", at: T0, milestoneId: "m3" };
  const bad = { type: "add_milestone", actor: "client", at: T0, milestone: { title: "", amount: 1, dueDate: "x" } };
  for (let i = 0; i < 1000; i++) c.dispatch(i % 2 ? refused : bad);  // warm up: buffers and caches
  c.allowed("client", T0);
  const before = engine.memoryStats();
  for (let i = 0; i < 100_000; i++) {
    c.dispatch(i % 2 ? refused : bad);
    if (i % 1000 === 0) c.allowed("client", T0);
  }
  for (let i = 0; i < 2000; i++) engine.createContract().dispose();
  const after = engine.memoryStats();
  console.log(`# heap before: ${before.heapSize} B memory, ${before.inUse} B in use; ` +
              `after 100,000 dispatches: ${after.heapSize} B memory, ${after.inUse} B in use`);
  assert.equal(after.inUse, before.inUse);
  assert.equal(after.heapSize, before.heapSize);
  c.dispose();
});

test("loadEngine takes a compiled module, or a promise of one, and reports one that fails", async () => {
  const { readFile } = await import("node:fs/promises");
  const bytes = await readFile(new URL("../../web/dist/milestones-core.wasm", import.meta.url));
  const compiled = await WebAssembly.compile(bytes);
  for (const module of [compiled, WebAssembly.compile(bytes)]) {
    const other = await loadEngine({ module });
    const c = other.createContract();
    accepted(c, createCommand());
    assert.equal(c.state().totals.escrow, 0);
    accepted(c, { type: "activate_milestone", actor: "client", at: T0, milestoneId: "m1" });
    assert.equal(c.state().totals.escrow, 10000);
    c.dispose();
  }
  // Two engines from one module do not share their contracts' memory.
  const a = await loadEngine({ module: compiled });
  const b = await loadEngine({ module: compiled });
  const ca = a.createContract();
  accepted(ca, createCommand());
  assert.equal(b.memoryStats().inUse < a.memoryStats().inUse, true);
  ca.dispose();
  await assert.rejects(loadEngine({ module: Promise.reject(new Error("no engine here")) }), /no engine here/);
  const empty = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  await assert.rejects(loadEngine({ module: empty }), /is not the engine this milestones\.js was built with/);
});
