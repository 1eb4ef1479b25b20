// Compiled with `tsc --noEmit` by scripts/test: the typings describe the API as it is used.
import { loadEngine, EngineError, type BlockedCommand, type Command, type DispatchResult, type Log } from "../../web/milestones.js";

async function main(): Promise<void> {
  const engine = await loadEngine({ wasmUrl: new URL("../../web/dist/milestones-core.wasm", import.meta.url) });
  const contract = engine.createContract();
  const create: Command = {
    type: "create_contract",
    actor: "client",
    at: Date.now(),
    contract: {
      title: "Website",
      accountType: "standard",
      client: "Acme",
      freelancer: "Jo",
      milestones: [{ title: "Design", amount: 50_000, dueDate: "2026-12-10" }],
    },
  };
  const result: DispatchResult = contract.dispatch(create);
  if (result.ok) {
    for (const event of result.events) {
      if (event.type === "contract_created") console.log(event.milestones[0].id);
      if (event.type === "payment_released") console.log(event.auto, event.returned);
    }
  } else {
    const code: string = result.error.code;
    console.log(code, result.error.message, result.error.rule ?? "");
  }
  contract.dispatch({ type: "activate_milestone", actor: "client", at: Date.now(), milestoneId: "m1" });
  contract.dispatch({ type: "tick", actor: "system", at: Date.now() });
  const results: DispatchResult[] = contract.dispatchMany([
    { type: "propose_due_date", actor: "freelancer", at: Date.now(), milestoneId: "m2", dueDate: "2031-01-01" },
    { type: "respond_due_date", actor: "client", at: Date.now(), milestoneId: "m2", accept: false },
  ]);
  for (const r of results) if (r.ok) console.log(r.events.length);
  const state = contract.state();
  if (state) console.log(state.totals.escrow, state.milestones[0].status === "active");
  for (const a of contract.allowed("client", Date.now())) console.log(a.type, a.milestoneId);
  for (const b of contract.blocked("client", Date.now())) {
    const why: BlockedCommand = b;
    console.log(why.type, why.milestoneId, why.error.code, why.error.rule);
  }
  const log: Log | null = contract.log();
  try {
    if (log) engine.restore(log).dispose();
    if (log) engine.restore(JSON.stringify(log)).dispose();  // the stored text as it is
  } catch (e) {
    if (e instanceof EngineError && e.code === "LOG_INVALID") console.log(e.index);
  }
  const banner = engine.banner({ global: { message: "Hi" } }, { country: "US", userType: "client" }, Date.now());
  console.log(banner?.message, engine.memoryStats().inUse);
  contract.dispose();
  engine.dispose();
}

// @ts-expect-error: a freelancer cannot activate milestones (R17 in the types too).
const wrongActor: Command = { type: "activate_milestone", actor: "freelancer", at: 0, milestoneId: "m1" };
// @ts-expect-error: amounts are numbers of cents, not strings.
const wrongAmount: Command = { type: "release_payment", actor: "client", at: 0, milestoneId: "m1", amount: "5" };
void wrongActor;
void wrongAmount;
void main();
