// @ts-check
// History mode: the open contract as it was right after one event of its log, read-only, with
// what that event changed marked. The engine answers the state and what a role could do then.

/** @typedef {import("../milestones").ContractState} ContractState */
/** @typedef {import("./library.js").Entry} Entry */
/**
 * @typedef {object} LookBack
 * @property {number} seq the event looked at (1-based)
 * @property {ContractState} state the contract right after it
 * @property {ContractState | null} before the contract right before it
 * @property {Map<string, Set<string>>} allowed what the role could do then
 * @property {{milestones: Set<string>, figures: Set<string>}} changed what the event changed
 * @property {string} label "Viewing <time> — after <what happened>"
 */

/**
 * What one event changed: the milestones whose state differs from before it (or that it added)
 * and the budget figures that moved. A comparison of two engine states, no rules.
 * @param {ContractState | null} before @param {ContractState} after
 */
export function changedBetween(before, after) {
  const milestones = new Set();
  const figures = new Set();
  if (!before) return { milestones, figures };
  const was = new Map(before.milestones.map((m) => [m.id, JSON.stringify(m)]));
  for (const m of after.milestones) if (was.get(m.id) !== JSON.stringify(m)) milestones.add(m.id);
  for (const key of Object.keys(after.totals)) if (after.totals[key] !== before.totals[key]) figures.add(key);
  return { milestones, figures };
}

/**
 * The look back at event `k` of a loaded entry (clamped to the log), or null when it already
 * shows that event. A step to a neighbour reuses the state in hand: one more state, not two.
 * @param {Entry} entry @param {number | string} k @param {"client" | "freelancer"} role
 * @param {import("./words.js").Words} words
 * @returns {LookBack | null}
 */
export function lookBack(entry, k, role, words) {
  const total = entry.snap.state.seq;
  const seq = Math.min(Math.max(1, Math.trunc(Number(k)) || 1), total);
  const last = entry.history;
  if (last?.seq === seq) return null;
  const contract = entry.contract;
  const before = seq === 1 ? null
    : last?.seq === seq - 1 ? last.state
    : contract.stateAfter(seq - 1);
  const state = last?.seq === seq + 1 && last.before ? last.before : contract.stateAfter(seq);
  const item = entry.activity.at(seq - 1);
  return {
    seq, state, before,
    allowed: entry.readOnly ? new Map() : contract.allowedAfter(seq, role),
    changed: changedBetween(before, state),
    label: words.viewing(words.moment(item.at), item.text.replace(/\.$/, "")),
  };
}

/** What the acting role could do at the event looked at, after a change of role. */
export function reask(/** @type {Entry} */ entry, /** @type {"client" | "freelancer"} */ role) {
  if (entry.history && !entry.readOnly) entry.history.allowed = entry.contract.allowedAfter(entry.history.seq, role);
}
