// @ts-check
// "Why not?": the engine's reasons that an action of the viewer's role is not possible now, asked
// for the one site whose "Why not?" is open (the contract, or one milestone), before a render and
// once per snapshot of the contract: the page asks only for what it shows.
import { ACTIONS } from "./actions.js";
import { atFor } from "./library.js";

/**
 * The open "Why not?" of a contract: where, and, once read, what it says.
 * @typedef {{site: string, snap?: object, role?: string, items?: {label: string, reason: string}[]}} WhyNot
 */

/** Opens "Why not?" at `site` ("contract" or a milestone id), or closes it if it is open there. */
export function toggleWhyNot(/** @type {import("./library.js").Entry} */ entry, /** @type {string} */ site) {
  entry.whyNot = entry.whyNot?.site === site ? null : { site };
}

/**
 * Reads the reasons of the open "Why not?" of `entry`, unless they were read for this snapshot
 * and role: each command of the role the engine refuses at that site, labelled as its buttons
 * are, with the refusal in the board's words (an answer to a request nobody made is left out).
 * A milestone that went away closes it.
 * @param {import("./library.js").Entry} entry @param {"client" | "freelancer"} role @param {number} now
 * @param {import("./words.js").Words} w
 */
export function explainWhyNot(entry, role, now, w) {
  const why = entry.whyNot;
  if (!why || !entry.contract || !entry.snap || entry.history) return;
  if (why.snap === entry.snap && why.role === role) return;
  const state = entry.snap.state;
  if (why.site !== "contract" && !state.milestones.some((m) => m.id === why.site)) {
    entry.whyNot = null;
    return;
  }
  const on = why.site === "contract" ? ["contract", "proposal"] : ["milestone"];
  const items = [];
  for (const b of entry.contract.blocked(role, atFor(now, state), why.site)) {
    if (b.error.code === "NO_OPEN_REQUEST") continue;  // nothing to answer: nothing is missing
    const labels = ACTIONS.filter((a) => a.command === b.type && on.includes(a.on)).map((a) => w[a.label]);
    const label = labels.length > 0 ? labels.join(" / ") : w.ownControls[b.type];
    if (label) items.push({ label, reason: w.refusal(b.error) });
  }
  Object.assign(why, { snap: entry.snap, role, items });
}
