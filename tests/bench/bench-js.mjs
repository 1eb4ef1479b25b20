// The JavaScript API under Node.js: the same mixed workload as tests/bench/bench.cpp, dispatched
// as plain objects through web/milestones.js, and restores through engine.restore(log).
import { execFileSync } from "node:child_process";
import { loadEngine } from "../../web/milestones.js";
import { PlainContract, restorePlain } from "./plain-engine.mjs";

const T0 = 1795651200000;
const HOUR = 3600000;

function workload(count) {
  const commands = [];
  const milestones = Array.from({ length: count }, (_, k) => ({
    title: `Milestone ${k + 1}`, description: "Deliverable", amount: 5000 + (k + 1) * 100, dueDate: "2030-12-31",
  }));
  commands.push({ type: "create_contract", actor: "client", at: T0,
    contract: { title: "Bench", accountType: "standard", client: "Acme", freelancer: "Jo", milestones } });
  let at = T0;
  for (let i = 1; i <= count; i++) {
    const milestoneId = `m${i}`;
    at += HOUR;
    commands.push({ type: "propose_due_date", actor: "freelancer", at, milestoneId, dueDate: "2031-01-15" });
    commands.push({ type: "respond_due_date", actor: "client", at, milestoneId, accept: i % 2 === 0 });
    if (i + 2 <= count) {
      commands.push({ type: "move_milestone", actor: "client", at, milestoneId, toIndex: i + 1 });
      commands.push({ type: "move_milestone", actor: "client", at, milestoneId, toIndex: i - 1 });
    }
    commands.push({ type: "activate_milestone", actor: "client", at, milestoneId });
    commands.push({ type: "submit_work", actor: "freelancer", at, milestoneId, message: "Delivered as agreed." });
    commands.push({ type: "request_changes", actor: "client", at, milestoneId, message: "Please adjust the colours." });
    commands.push({ type: "submit_work", actor: "freelancer", at, milestoneId, message: "Adjusted." });
    commands.push({ type: "release_payment", actor: "client", at, milestoneId, ...(i % 3 === 0 ? { amount: 4000 } : {}) });
  }
  return commands;
}

const engine = await loadEngine();
const bench = process.env.MILESTONES_BENCH ?? new URL("../../build/bench/tests/bench", import.meta.url).pathname;
if (process.argv[2] === "long-life") {
  console.log(JSON.stringify(longLife(process.argv[3])));
  process.exit(0);
}
const commands = workload(20);
const run = (seconds) => {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const c = engine.createContract();
    for (const command of commands) {
      if (!c.dispatch(command).ok) throw new Error(`refused: ${JSON.stringify(command)}`);
    }
    c.dispose();
    n += commands.length;
  }
  return n / ((performance.now() - start) / 1000);
};
run(0.2);
const dispatchJsApiPerSecond = run(1.5);

// Restore through the JS API of the same shape of log as the C++ bench.
const restore = [];
for (const events of [1000, 10000, 100000]) {
  const c = engine.createContract();
  c.dispatch({ type: "create_contract", actor: "client", at: T0, contract: { title: "Log", accountType: "standard",
    client: "Acme", freelancer: "Jo", milestones: Array.from({ length: 50 }, (_, k) => ({ title: `M${k + 1}`, amount: 500, dueDate: "2030-12-31" })) } });
  let at = T0 + 1000 * HOUR;
  for (let n = 1; n < events; n += 2) {
    const milestoneId = `m${(n % 50) + 1}`;
    at += 1000;
    c.dispatch({ type: "propose_due_date", actor: "freelancer", at, milestoneId, dueDate: "2031-01-15" });
    c.dispatch({ type: "respond_due_date", actor: "client", at, milestoneId, accept: false });
  }
  const log = c.log();
  c.dispose();
  let best = Infinity;
  for (let k = 0; k < (events >= 100000 ? 3 : 10); k++) {
    const start = performance.now();
    engine.restore(log).dispose();
    best = Math.min(best, performance.now() - start);
  }
  restore.push({ events: log.events.length, ms: best, usPerEvent: (best * 1000) / log.events.length });
}
// Long lives (the workloads of bench.cpp, which prints them): the JS API with plain objects, one
// dispatch at a time and in one dispatchMany, restore from the stored JSON text; and beside it, in
// the same process and taking turns, the plain-JavaScript peer (plain-engine.mjs). Each long life
// runs in a process of its own, as an app has one kind of workload: the JIT's view of the objects
// it meets is then that workload's alone.

// The log's text as storage gives it back (localStorage.getItem, a file): one flat string. A string
// JSON.stringify has just built is a rope of parts, which V8 flattens into a copy the first time it
// is read (about 10 ms for the 4.7 MB of a long life, most of it page faults): whichever restore
// read it first would pay for both.
function asStored(text) {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

function longLife(name) {
  const commands = execFileSync(bench, ["workload", name], { encoding: "utf8", maxBuffer: 1 << 28 })
    .trim().split("\n").map((line) => JSON.parse(line));
  const perSecond = (ms) => commands.length / (ms / 1000);
  const timed = (f) => {
    const start = performance.now();
    const out = f();
    return [performance.now() - start, out];
  };
  let dispatch = Infinity, many = Infinity, restoreText = Infinity, plain = Infinity, plainRestore = Infinity;
  let text = "";
  for (let k = 0; k < 5; k++) {
    const [ms, c] = timed(() => {
      const c = engine.createContract();
      for (const command of commands) {
        if (!c.dispatch(command).ok) throw new Error(`refused in ${name}: ${JSON.stringify(command)}`);
      }
      return c;
    });
    dispatch = Math.min(dispatch, ms);
    text = asStored(JSON.stringify(c.log()));
    c.dispose();
    const [manyMs, d] = timed(() => {
      const d = engine.createContract();
      d.dispatchMany(commands);
      return d;
    });
    many = Math.min(many, manyMs);
    d.dispose();
    const [restoreMs, r] = timed(() => engine.restore(text));
    restoreText = Math.min(restoreText, restoreMs);
    r.dispose();
    const [plainMs] = timed(() => {
      const p = new PlainContract();
      for (const command of commands) {
        if (!p.dispatch(command).ok) throw new Error(`the peer refused in ${name}: ${JSON.stringify(command)}`);
      }
    });
    plain = Math.min(plain, plainMs);
    plainRestore = Math.min(plainRestore, timed(() => restorePlain(text))[0]);
  }
  return {
    name, commands: commands.length, events: JSON.parse(text).events.length, logBytes: text.length,
    jsApiPerSecond: perSecond(dispatch), jsApiManyPerSecond: perSecond(many), jsApiRestoreTextMs: restoreText,
    plainPerSecond: perSecond(plain), plainRestoreMs: plainRestore,
  };
}

// The page's questions on a contract of 1,000 milestones, through the JS API: every problem of a
// New contract form of 1,000 milestones (`check`), and "Why not?" for the contract and for one
// milestone (what the board asks: the open site only), beside the whole answer for every site.
function asks() {
  const milestones = Array.from({ length: 1000 }, (_, k) => ({ title: `M${k + 1}`, description: "", amount: 5000, dueDate: "2030-12-31" }));
  const create = { type: "create_contract", actor: "client", at: T0,
    contract: { title: "Big", accountType: "standard", client: "Acme", freelancer: "Jo", milestones } };
  const blank = engine.createContract();
  const c = engine.createContract();
  c.dispatch(create);
  for (let i = 1; i <= 400; i++) {
    const id = `m${i}`;
    c.dispatch({ type: "activate_milestone", actor: "client", at: T0 + i, milestoneId: id });
    c.dispatch({ type: "submit_work", actor: "freelancer", at: T0 + i, milestoneId: id, message: "Done." });
    c.dispatch({ type: "release_payment", actor: "client", at: T0 + i, milestoneId: id });
  }
  c.dispatch({ type: "activate_milestone", actor: "client", at: T0 + 500, milestoneId: "m401" });
  const at = T0 + 1000;
  const best = (f, runs = 30) => {
    let ms = Infinity;
    for (let k = 0; k < runs; k++) {
      const start = performance.now();
      f();
      ms = Math.min(ms, performance.now() - start);
    }
    return ms;
  };
  const withProblems = { ...create, contract: { ...create.contract, title: "", milestones: milestones.map((m, k) => (k % 100 === 0 ? { ...m, amount: 400 } : m)) } };
  const figures = {
    checkCreate1000Ms: best(() => { if (blank.check(create).length !== 0) throw new Error("check found a problem"); }),
    checkCreate1000ProblemsMs: best(() => { if (blank.check(withProblems).length !== 11) throw new Error("check missed a problem"); }),
    whyNotContractMs: Math.max(...["client", "freelancer"].map((actor) => best(() => c.blocked(actor, at, "contract")))),
    whyNotMilestoneMs: Math.max(...["client", "freelancer"].map((actor) => best(() => c.blocked(actor, at, "m401")))),
    whyNotEverySiteMs: Math.max(...["client", "freelancer"].map((actor) => best(() => c.blocked(actor, at), 10))),
  };
  blank.dispose();
  c.dispose();
  return figures;
}
const pageAsks = asks();

const longLives = ["lifecycle-10", "lifecycle-40", "lifecycle-400", "history-10000"].map((name) =>
  JSON.parse(execFileSync(process.execPath, ["--no-experimental-fetch", new URL(import.meta.url).pathname, "long-life", name],
    { encoding: "utf8", maxBuffer: 1 << 26 }).trim().split("\n").at(-1)));

console.log(JSON.stringify({ dispatchJsApiPerSecond, restoreJsApi: restore, longLives, pageAsks }));
