// @ts-check
// The printable statement of account: every figure is the engine's (Contract.statement()); this
// file only lays them out. The browser's print (to paper or PDF) prints it alone.
import { h } from "./dom.js";
import { formatDate, formatMoney, isoDay } from "./format.js";
import { ACCOUNT_NAMES, CONTRACT_STATUS } from "./words.js";

/** @typedef {import("../milestones.js").Statement} Statement */
/** @typedef {import("../milestones.js").StatementLine} StatementLine */
/** A figure of a statement line (money in cents). @typedef {{[K in keyof StatementLine]: StatementLine[K] extends number ? K : never}[keyof StatementLine]} Figure */

/** A day in UTC, as the native statement prints it ("Nov 12, 2026"). @param {number} ms */
const day = (ms) => formatDate(isoDay(ms));

/** The figures of a milestone, in the table's order, with their headings. @type {[Figure, string][]} */
const COLUMNS = [
  ["amount", "Amount"],
  ["funded", "Funded"],
  ["fromCredit", "From credit"],
  ["charged", "Charged"],
  ["extra", "Extra charged"],
  ["released", "Released"],
  ["returned", "Returned to credit"],
  ["escrow", "In escrow"],
  ["refunded", "Refunded"],
];

/** @type {[keyof Statement["totals"], string][]} */
const TOTALS = [
  ["budget", "Budget"],
  ["charged", "Charged"],
  ["escrow", "In escrow"],
  ["released", "Released"],
  ["credit", "Client credit"],
  ["refunded", "Refunded"],
  ["creditReturned", "Credit returned"],
  ["returned", "Returned to credit"],
];

/** The dates of a milestone in one line: due, activated, submitted, paid, refunded. @param {StatementLine} m */
function dates(m) {
  const parts = [`due ${formatDate(m.dueDate)}`];
  if (m.activatedAt !== null) parts.push(`activated ${day(m.activatedAt)}`);
  if (m.submittedAt !== null) parts.push(`submitted ${day(m.submittedAt)}`);
  if (m.paidAt !== null) parts.push(`paid ${day(m.paidAt)}${m.autoReleased ? " (automatically)" : ""}`);
  if (m.refundedAt !== null) parts.push(`refunded ${day(m.refundedAt)}`);
  return parts.join(" · ");
}

/**
 * The statement's document: `statement` as the engine answers it, `activity` the log told in
 * sentences ([{at, text}], oldest first) for the appendix.
 * @param {Statement} statement @param {{map: (fn: (item: {at: number, text: string}) => any) => any[]}} activity
 * @returns {HTMLElement}
 */
export function statementDocument(statement, activity) {
  const c = statement.contract;
  const t = statement.totals;
  const facts = [
    ["Contract", c.id],
    ["Client", c.client],
    ["Freelancer", c.freelancer],
    ["Account", `${ACCOUNT_NAMES[c.accountType] ?? c.accountType}, ${c.currency}`],
    ["Status", c.endedAt !== null ? `Ended ${day(c.endedAt)}` : CONTRACT_STATUS[c.status] ?? c.status],
    c.endDate ? ["Ends", formatDate(c.endDate)] : null,
    ["Created", day(c.createdAt)],
    ["As of", `${day(statement.asOf)}, after event ${statement.events}`],
  ].filter(Boolean);
  return h("article", { class: "statement-doc", "aria-labelledby": "statement-title" },
    h("h2", { id: "statement-title", tabindex: "-1" }, `Statement: ${c.title}`),
    h("dl", { class: "statement-facts" }, facts.map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, v)))),
    h("table", { class: "statement-table" },
      h("caption", {}, "Milestones (dates in UTC)"),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, "Milestone"),
        h("th", { scope: "col" }, "Status"),
        COLUMNS.map(([, label]) => h("th", { scope: "col", class: "money" }, label)))),
      h("tbody", {}, statement.milestones.map((m, i) => h("tr", { dataset: { id: m.id } },
        h("th", { scope: "row" }, `${i + 1}. ${m.title}`, h("span", { class: "dates" }, dates(m))),
        h("td", {}, m.status),
        COLUMNS.map(([key]) => h("td", { class: "money", dataset: { figure: key } }, formatMoney(m[key]))))))),
    h("h3", {}, "Totals"),
    h("table", { class: "statement-totals" },
      h("tbody", {}, TOTALS.map(([key, label]) => h("tr", { dataset: { total: key } },
        h("th", { scope: "row" }, label), h("td", { class: "money" }, formatMoney(t[key])))))),
    h("p", { class: "reconcile" },
      `Charged ${formatMoney(t.charged)} = released ${formatMoney(t.released)} + in escrow ${formatMoney(t.escrow)} ` +
      `+ client credit ${formatMoney(t.credit)} + credit returned ${formatMoney(t.creditReturned)}. ` +
      "For each milestone, funded = released + returned to credit + in escrow, and funded = from credit + charged."),
    h("section", { class: "statement-appendix", "aria-labelledby": "appendix-title" },
      h("h3", { id: "appendix-title" }, "Appendix: activity"),
      h("ol", {}, activity.map((a) => h("li", {}, h("time", { datetime: new Date(a.at).toISOString() }, day(a.at)), " ", a.text)))));
}
