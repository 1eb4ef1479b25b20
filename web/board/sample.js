// @ts-check
// "Try a sample contract": a realistic contract made of ordinary commands, so its history is real
// and its activity reads like any other. Dated relative to `now`: it began three weeks ago.
import { DAY } from "./clock.js";
import { isoDay } from "./format.js";

const HOUR = 3_600_000;

/** @typedef {import("../milestones.js").Command} Command */

/**
 * The commands of the sample, in order: four milestones; the first paid with a partial release
 * (the rest became credit), the second submitted again after a change request and in review, the
 * third with a due-date proposal open, the fourth not started.
 * @param {number} now @param {string} id The new contract's id. @returns {Command[]}
 */
export function sampleCommands(now, id) {
  const start = now - 21 * DAY;
  const day = (/** @type {number} */ n) => isoDay(now + n * DAY);
  const at = (/** @type {number} */ days, hours = 0) => start + days * DAY + hours * HOUR;
  const client = { actor: /** @type {const} */ ("client") };
  const freelancer = { actor: /** @type {const} */ ("freelancer") };
  return [
    { type: "create_contract", ...client, at: at(0), contract: {
      id, title: "Bakery website redesign", accountType: "standard",
      client: "Northwind Bakery", freelancer: "Maya Chen",
      milestones: [
        { title: "Brand and wireframes", description: "Mood board, logo refresh and wireframes of five pages.", amount: 80000, dueDate: day(-12) },
        { title: "Visual design", description: "Desktop and mobile designs of the home, menu and order pages.", amount: 120000, dueDate: day(-1) },
        { title: "Build and content", description: "The site built, with the menu and the online order form.", amount: 240000, dueDate: day(14) },
        { title: "Launch and handover", description: "Go live, analytics, and a one-hour training session.", amount: 60000, dueDate: day(28) },
      ] } },
    { type: "activate_milestone", ...client, at: at(0, 2), milestoneId: "m1" },
    { type: "submit_work", ...freelancer, at: at(6, 5), milestoneId: "m1", message: "Wireframes and the brand board are in the shared folder." },
    { type: "release_payment", ...client, at: at(7, 3), milestoneId: "m1", amount: 65000 },
    { type: "activate_milestone", ...client, at: at(7, 4), milestoneId: "m2" },
    { type: "submit_work", ...freelancer, at: at(15, 6), milestoneId: "m2", message: "Home, menu and order pages, desktop and mobile." },
    { type: "request_changes", ...client, at: at(16, 1), milestoneId: "m2", message: "Please use our own photos on the home page." },
    { type: "submit_work", ...freelancer, at: at(18, 4), milestoneId: "m2", message: "Your photos are in, and the mobile menu is fixed." },
    { type: "propose_due_date", ...freelancer, at: at(19, 2), milestoneId: "m3", dueDate: day(21) },
  ];
}
