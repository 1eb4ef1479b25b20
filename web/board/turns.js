// @ts-check
// Whose turn it is, in the viewer's words: the engine's `waitingOn` of the contract and of each
// milestone (core/PROTOCOL.md, "State"), worded by the catalog for the party it waits on ("Your
// turn: …") or for the other one ("Waiting for …"). Plain data in, a sentence out: nothing here
// asks the engine, and a row's sentence costs a few string operations and the catalog's
// formatters, made once per language.
import { daysBetween, localDay } from "./format.js";

/** @typedef {import("./words.js").Words} Words */

/**
 * Who looks: their role ("client" or "freelancer"), their own calendar day ("YYYY-MM-DD") and the
 * time the board stands at (ms). Made once per render.
 * @typedef {{role: string, today: string, now: number}} Viewer
 */

/**
 * The sentence of one `waitingOn` for the viewer, or null when nobody is awaited.
 * @param {any} turn the `waitingOn` (or null) @param {any} m the milestone it is on; null: the contract's
 * @param {any} contract `state.contract` @param {Viewer} viewer @param {Words} w
 * @returns {string | null}
 */
export function turnText(turn, m, contract, viewer, w) {
  if (!turn) return null;
  const { role, today } = viewer;
  const sentences = w.turns[turn.action] ?? w.turnOther;
  // A review deadline is a moment, counted by the viewer's calendar (a passed one is past even
  // on its own day); a due date is a calendar date.
  const moment = typeof turn.by === "number";
  const due = turn.by == null ? null : moment ? localDay(turn.by) : turn.by;
  const days = due === null ? 0 : moment && turn.by <= viewer.now ? -1 : daysBetween(today, due);
  /** @type {import("./turns-en.js").Turn} */
  const t = {
    who: role === "client" ? contract.freelancer : contract.client,  // the other party, either way
    title: m?.title ?? contract.title,
    due, days, today,
    amount: m?.refundRequest?.amount ?? 0,
    date: m?.dueDateProposal?.dueDate ?? "",
    proposal: contract.milestoneProposal?.title ?? "",
  };
  return (turn.party === role ? sentences.mine : sentences.theirs)(t);
}

/** The most sentences the top of a contract shows; the rows say the rest. */
const TOP = 3;

/**
 * What the top of a contract says of whose turn it is: what waits for the viewer first (the
 * contract's own question, then the milestones in order), then what waits for the other party;
 * at most TOP sentences ({text, mine}), and how many more the rows show.
 * @param {any} state @param {Viewer} viewer @param {Words} w
 */
export function turnsOf(state, viewer, w) {
  const { role } = viewer;
  const c = state.contract;
  const mine = [];
  const theirs = [];
  if (c.waitingOn) (c.waitingOn.party === role ? mine : theirs).push(null);
  for (const m of state.milestones) {
    if (m.waitingOn) (m.waitingOn.party === role ? mine : theirs).push(m);
  }
  const shown = [...mine.slice(0, TOP), ...theirs.slice(0, Math.max(0, TOP - mine.length))];
  return {
    lines: shown.map((m) => ({
      text: turnText(m ? m.waitingOn : c.waitingOn, m, c, viewer, w),
      mine: (m ? m.waitingOn : c.waitingOn).party === role,
    })),
    more: mine.length + theirs.length - shown.length,
  };
}
