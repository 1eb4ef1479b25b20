// @ts-check
// The engine's answers as a reader holds them: the state kept whole from answers that name only
// what changed since the reader's last state (json/write.hpp, write_changes), `allowed` grouped
// by milestone, and an accepted command whose events are read when first asked for.

/**
 * @typedef {import("./milestones.js").ContractState} ContractState
 * @typedef {import("./wire.js").StateChanges} StateChanges
 * @typedef {{state: ContractState, index: Map<string, number>}} Shown  a state() answer; positions
 * @typedef {import("./milestones.js").EngineEvent} EngineEvent
 * @typedef {import("./milestones.js").AllowedCommand} AllowedCommand
 * @typedef {{[READ_EVENTS](first: number, count: number): EngineEvent[]}} EventSource  a contract
 */

/**
 * The state that `changes` (the engine's answer for a reader holding `last`) describes: the
 * milestones it names are new, the others are those of `last`; "order", when present, is the
 * new order of every milestone. Returns {state, index} with the state deeply frozen.
 * @param {Shown | null} last @param {StateChanges} changes @returns {Shown}
 */
export function merged(last, changes) {
  const fresh = changes.milestones;
  for (const m of fresh) deepFreeze(m);
  const order = changes.order;
  delete changes.order;
  let list = fresh;
  let index;
  if (!last) {
    index = new Map(fresh.map((m, i) => [m.id, i]));
  } else if (!order) {
    index = last.index;
    list = last.state.milestones.slice();
    for (const m of fresh) list[index.get(m.id)] = m;
  } else {
    const byId = new Map(fresh.map((m) => [m.id, m]));
    const before = last.state.milestones;
    index = new Map();
    list = order.map((id, i) => {
      index.set(id, i);
      return byId.get(id) ?? before[last.index.get(id)];
    });
  }
  changes.milestones = /** @type {ContractState["milestones"]} */ (Object.freeze(list));
  for (const key of ["contract", "totals", "feedback"]) deepFreeze(changes[key]);
  return { state: /** @type {ContractState} */ (Object.freeze(changes)), index };
}

/** Freezes `value` and all it holds. @template T @param {T} value @returns {T} */
function deepFreeze(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** How an Accepted result reads its events from its contract. */
export const READ_EVENTS = Symbol("read events");

/** An accepted command whose events are read from the engine when first asked for. */
export class Accepted {
  ok = /** @type {const} */ (true);
  /** @type {EventSource} */ #contract;
  /** @type {number} */ #first;
  /** @type {number} */ #count;
  /** @type {EngineEvent[] | null} */ #events = null;

  /** @param {EventSource} contract @param {number} first @param {number} count */
  constructor(contract, first, count) {
    this.#contract = contract;
    this.#first = first;
    this.#count = count;
  }

  /** The events appended, automatic releases first (read on first access, then kept). */
  get events() {
    return (this.#events ??= this.#contract[READ_EVENTS](this.#first, this.#count));
  }

  /** What JSON.stringify writes: the result with its events. */
  toJSON() {
    return { ok: true, events: this.events };
  }
}

/** `allowed` entries as a Map of milestone id ("" for contract-wide) to the Set of types. */
export function grouped(/** @type {AllowedCommand[]} */ allowed) {
  const out = /** @type {Map<string, Set<AllowedCommand["type"]>>} */ (new Map());
  for (const a of allowed) {
    const id = a.milestoneId ?? "";
    if (!out.has(id)) out.set(id, new Set());
    out.get(id).add(a.type);
  }
  return out;
}
