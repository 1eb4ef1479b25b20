// @ts-check
// The state a reader holds, kept whole from the engine's answers, which name only what changed
// since the reader's last state (json/write.hpp, write_changes).

/**
 * @typedef {import("./milestones.js").ContractState} ContractState
 * @typedef {import("./wire.js").StateChanges} StateChanges
 * @typedef {{state: ContractState, index: Map<string, number>}} Shown  a state() answer; positions
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
