// The JavaScript API under Node.js: the same mixed workload as tests/bench/bench.cpp, dispatched
// as plain objects through web/milestones.js, and restores through engine.restore(log).
import { loadEngine } from "../../web/milestones.js";

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
console.log(JSON.stringify({ dispatchJsApiPerSecond, restoreJsApi: restore }));
