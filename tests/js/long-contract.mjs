// Contracts with a long history or many milestones, built through the engine and stored the way
// the board stores them, for the browser tests and the board benchmark.
import { Store } from "../../web/board/store.js";

export const T0 = Date.UTC(2026, 10, 26);

/**
 * A contract of `milestones` pending milestones whose history is a due-date haggle on the last
 * one (the client proposes, the freelancer rejects) until the log holds `events` events.
 */
export function longContract(engine, options = {}) {
  const c = haggle(engine, options);
  const log = c.log();
  c.dispose();
  return log;
}

/**
 * The same history signed by both parties (R26; `keys`: {client, freelancer} from
 * generateSigningKey), with a message every `messageEvery` events (0: none), alternating parties.
 */
export async function signedLongContract(engine, keys, options = {}) {
  const c = haggle(engine, { ...options, clientKey: keys.client.publicKey });
  await c.signPending(keys);
  const log = c.log();
  c.dispose();
  return log;
}

/** The contract of longContract(), open. */
function haggle(engine, { id = "long", title = "Long haggle", events = 10_001, milestones = 2, messageEvery = 0, clientKey } = {}) {
  const c = engine.createContract();
  const created = c.dispatch({ type: "create_contract", actor: "client", at: T0, clientKey, contract: {
    id, title, accountType: "standard", client: "Acme", freelancer: "Jo",
    milestones: Array.from({ length: milestones }, (_, k) => ({ title: `Milestone ${k + 1}`, amount: 1000 + k, dueDate: "2030-12-31" })) } });
  if (!created.ok) throw new Error(created.error.message);
  const last = `m${milestones}`;
  const commands = [];
  for (let n = 1, at = T0, haggles = 0; n < events; n++) {
    at += 60_000;
    if (messageEvery && n % messageEvery === 0) {
      commands.push({ type: "post_message", actor: n % (2 * messageEvery) ? "freelancer" : "client", at,
        ...(n % 3 ? { milestoneId: last } : {}), text: `Note ${n}: the date still does not work for us.` });
      continue;
    }
    commands.push(haggles++ % 2 === 0
      ? { type: "propose_due_date", actor: "client", at, milestoneId: last, dueDate: "2030-06-01" }
      : { type: "respond_due_date", actor: "freelancer", at, milestoneId: last, accept: false });
  }
  for (const r of c.dispatchMany(commands)) if (!r.ok) throw new Error(r.error.message);
  return c;
}

/** The localStorage entries (key → value) under which the board keeps `log`. */
export function storedEntries(log, { prefix = "milestone-board", id = log.events[0].contract.id } = {}) {
  const map = new Map();
  const storage = {
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => { map.set(k, String(v)); },
    removeItem: (k) => { map.delete(k); },
  };
  const c = log.events[0].contract;
  const saved = new Store({ prefix, storage }).append(id, { seq: 0, lastAt: 0 }, log.events.map((e) => JSON.stringify(e)),
    { seq: log.events.length, lastAt: log.lastAt }, { title: c.title, status: "open", createdAt: log.events[0].at });
  if (!saved.ok) throw new Error("could not store the log");
  return Object.fromEntries(map);
}
