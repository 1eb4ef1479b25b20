// @ts-check
// "Try a sample contract": a realistic contract made of ordinary commands, so its history is real
// and its activity reads like any other. Dated relative to `now`: it began three weeks ago. Its
// title, names, milestones and messages are the catalog's `sample`, in the page's language.
import { DAY } from "./clock.js";
import { isoDay } from "./format.js";

const HOUR = 3_600_000;

/** @typedef {import("../milestones.js").Command} Command */

/** The planned amounts and due dates (days from now) of the sample's four milestones. */
const PLAN = [[80000, -12], [120000, -1], [240000, 14], [60000, 28]];

/**
 * The commands of the sample, in order: four milestones; the first paid with a partial release
 * (the rest became credit), the second submitted again after a change request and in review, the
 * third with a due-date proposal open, the fourth not started.
 * @param {number} now @param {string} id The new contract's id.
 * @param {import("./words.js").Words} w the board's words (their `sample`)
 * @returns {Command[]}
 */
export function sampleCommands(now, id, w) {
  const s = w.sample;
  const start = now - 21 * DAY;
  const day = (/** @type {number} */ n) => isoDay(now + n * DAY);
  const at = (/** @type {number} */ days, hours = 0) => start + days * DAY + hours * HOUR;
  const client = { actor: /** @type {const} */ ("client") };
  const freelancer = { actor: /** @type {const} */ ("freelancer") };
  return [
    { type: "create_contract", ...client, at: at(0), contract: {
      id, title: s.title, accountType: "standard", client: s.client, freelancer: s.freelancer,
      milestones: s.milestones.map((m, i) => ({ ...m, amount: PLAN[i][0], dueDate: day(PLAN[i][1]) })) } },
    { type: "activate_milestone", ...client, at: at(0, 2), milestoneId: "m1" },
    { type: "submit_work", ...freelancer, at: at(6, 5), milestoneId: "m1", message: s.wireframesReady },
    { type: "release_payment", ...client, at: at(7, 3), milestoneId: "m1", amount: 65000 },
    { type: "activate_milestone", ...client, at: at(7, 4), milestoneId: "m2" },
    { type: "submit_work", ...freelancer, at: at(15, 6), milestoneId: "m2", message: s.designsReady },
    { type: "request_changes", ...client, at: at(16, 1), milestoneId: "m2", message: s.ownPhotos },
    { type: "submit_work", ...freelancer, at: at(18, 4), milestoneId: "m2", message: s.photosIn },
    { type: "propose_due_date", ...freelancer, at: at(19, 2), milestoneId: "m3", dueDate: day(21) },
  ];
}
