// @ts-check
// Warms the engine up while the page is idle: V8 compiles WebAssembly lazily and runs a function's
// first calls in baseline code, so the first contract a person opens would pay for it. A short
// made-up history (created, dispatched, written, restored) runs the same paths once, in idle time.
// A first restore of a 10,001-event log takes about three times as long cold as after this
// (tests/bench/README.md has the figures).

/** @typedef {import("../milestones.js").Engine} Engine */
/** @typedef {import("../milestones.js").Command} Command */

/** @type {WeakSet<Engine>} */
const warmed = new WeakSet();
const EVENTS = 2000;

/** Runs the warm-up once per engine, when the page is idle. @param {Engine} engine */
export function warmWhenIdle(engine) {
  if (warmed.has(engine)) return;
  warmed.add(engine);
  const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 200));
  idle(() => warm(engine), { timeout: 3000 });
}

/** A made-up history of 2,000 events, dispatched, written, restored and read. @param {Engine} engine */
function warm(engine) {
  const at = Date.UTC(2000, 0, 1);
  const contract = engine.createContract();
  try {
    contract.dispatch({ type: "create_contract", actor: "client", at, contract: {
      id: "warm-up", title: "Warm-up", accountType: "standard", client: "A", freelancer: "B",
      milestones: [1, 2, 3].map((n) => ({ title: `M${n}`, amount: 500 * n, dueDate: "2001-01-01" })) } });
    /** @type {Command[]} */
    const commands = [];
    for (let n = 1; n < EVENTS; n++) {
      commands.push(n % 2
        ? { type: "propose_due_date", actor: "client", at: at + n, milestoneId: "m3", dueDate: "2000-12-01" }
        : { type: "respond_due_date", actor: "freelancer", at: at + n, milestoneId: "m3", accept: false });
    }
    contract.dispatchMany(commands);
    const again = engine.restore(JSON.stringify(contract.log()));
    again.state();
    again.allowedByMilestone("client", at + EVENTS);
    again.dispose();
  } catch {
    // a warm-up that fails costs nothing but its time
  } finally {
    contract.dispose();
  }
}
