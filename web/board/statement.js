// @ts-check
// The printable statement of account: every figure is the engine's (Contract.statement()); this
// file only lays them out. The browser's print (to paper or PDF) prints it alone.
import { h } from "./dom.js";
import { isoDay } from "./format.js";
import { deliveries } from "./files.js";

/** @typedef {import("./words.js").Words} Words */

/** @typedef {import("../milestones.js").Statement} Statement */
/** @typedef {import("../milestones.js").StatementLine} StatementLine */
/** A figure of a statement line (money in cents). @typedef {{[K in keyof StatementLine]: StatementLine[K] extends number ? K : never}[keyof StatementLine]} Figure */

/** The figures of a milestone, in the table's order (their headings: the catalog's `columns`). @type {Figure[]} */
const COLUMNS = ["amount", "funded", "fromCredit", "charged", "extra", "released", "returned", "escrow", "refunded"];

/** The totals, in order (their headings: the catalog's `totals`). @type {(keyof Statement["totals"])[]} */
const TOTALS = ["budget", "overBudget", "charged", "escrow", "released", "returned", "credit", "creditReturned", "refunded", "netCost", "netEarned"];

/** The dates of a milestone in one line: due, activated, submitted, paid, refunded. @param {StatementLine} m @param {Words} w */
function dates(m, w) {
  const day = (/** @type {number} */ ms) => w.date(isoDay(ms));
  const parts = [w.dueOn(w.date(m.dueDate))];
  if (m.activatedAt !== null) parts.push(w.activatedOn(day(m.activatedAt)));
  if (m.submittedAt !== null) parts.push(w.submittedOn(day(m.submittedAt)));
  if (m.paidAt !== null) parts.push(w.paidOn(day(m.paidAt), m.autoReleased));
  if (m.refundedAt !== null) parts.push(w.refundedOn(day(m.refundedAt)));
  return parts.join(" · ");
}

/**
 * The files each submission delivered (R25), read from the log: the milestone and the day, then
 * each file's name, exact size and whole SHA-256 (what a file received is checked against); null
 * when no submission delivered any.
 * @param {Statement} statement @param {Activity} activity @param {Words} w
 */
function filesDelivered(statement, activity, w) {
  const delivered = deliveries(activity);
  if (delivered.length === 0) return null;
  const title = (/** @type {string} */ id) => statement.milestones.find((m) => m.id === id)?.title ?? id;
  return h("section", { class: "statement-files", "aria-labelledby": "statement-files-title" },
    h("h3", { id: "statement-files-title" }, w.filesDelivered),
    h("ol", {}, delivered.map((d) => h("li", {}, w.deliveredOn(title(d.milestoneId), w.date(isoDay(d.at))),
      h("ul", {}, d.attachments.map((a) => h("li", { dataset: { sha256: a.sha256 } },
        h("span", { class: "file-name" }, a.name), " · ", w.fileSizeExact(a.size), " · ",
        w.sha256Label, " ", h("code", { class: "file-hash" }, a.sha256))))))));
}

/** The log told in sentences, oldest first (timeline.js's Activity). @typedef {{map: (fn: (item: {at: number, text: string, event: any}) => any) => any[]}} Activity */

/**
 * The statement's document: `statement` as the engine answers it, `activity` the log told in
 * sentences ([{at, text}], oldest first) for the appendix.
 * @param {Statement} statement @param {Activity} activity
 * @param {Words} w the board's words
 * @returns {HTMLElement}
 */
export function statementDocument(statement, activity, w) {
  const c = statement.contract;
  const day = (/** @type {number} */ ms) => w.date(isoDay(ms));
  const t = statement.totals;
  const facts = [
    [w.contract, c.id],
    [w.client, c.client],
    [w.freelancer, c.freelancer],
    [w.account, `${w.accountNames[c.accountType] ?? c.accountType}, ${c.currency}`],
    [w.status, c.endedAt !== null ? w.endedOn(day(c.endedAt)) : w.contractStatus[c.status] ?? c.status],
    c.endDate ? [w.endsLabel, w.date(c.endDate)] : null,
    [w.createdLabel, day(c.createdAt)],
    [w.asOf, w.asOfEvent(day(statement.asOf), statement.events)],
  ].filter(Boolean);
  return h("article", { class: "statement-doc", "aria-labelledby": "statement-title" },
    h("h2", { id: "statement-title", tabindex: "-1" }, w.statementOf(c.title)),
    h("dl", { class: "statement-facts" }, facts.map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v)))),
    // The milestones' table scrolls in its own box on a narrow screen; the page does not.
    h("div", { class: "table-scroll", role: "region", "aria-label": w.milestonesUtc, tabindex: "0" }, h("table", { class: "statement-table" },
      h("caption", {}, w.milestonesUtc),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, w.milestone),
        h("th", { scope: "col" }, w.status),
        COLUMNS.map((key) => h("th", { scope: "col", class: "money" }, w.columns[key])))),
      h("tbody", {}, statement.milestones.map((m, i) => h("tr", { dataset: { id: m.id } },
        h("th", { scope: "row" }, `${i + 1}. ${m.title}`, h("span", { class: "dates" }, dates(m, w))),
        h("td", {}, w.statementStatus[m.status] ?? m.status),
        COLUMNS.map((key) => h("td", { class: "money", dataset: { figure: key } }, w.money(m[key])))))))),
    h("h3", {}, w.totalsTitle),
    h("table", { class: "statement-totals" },
      h("tbody", {}, TOTALS.filter((key) => key !== "overBudget" || t.overBudget > 0).map((key) => h("tr", { dataset: { total: key } },
        h("th", { scope: "row" }, w.totals[key]), h("td", { class: "money" }, w.money(t[key])))))),
    h("p", { class: "reconcile" },
      w.reconcile(t)),
    filesDelivered(statement, activity, w),
    h("section", { class: "statement-appendix", "aria-labelledby": "appendix-title" },
      h("h3", { id: "appendix-title" }, w.appendix),
      h("ol", {}, activity.map((a) => h("li", {}, h("time", { datetime: new Date(a.at).toISOString() }, day(a.at)), " ", a.text)))));
}
