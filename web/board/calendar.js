// @ts-check
// "Add to calendar": a contract's due dates and review deadlines as an iCalendar file (RFC 5545):
// one event each. Due dates are all-day events on their calendar date (never shifted by a time
// zone); a review deadline is a moment, in UTC. Its summaries and descriptions are the catalog's,
// in the page's language.

/** @typedef {import("../milestones.js").ContractState} ContractState */

/** Escapes TEXT values (RFC 5545 3.3.11). @param {unknown} s @returns {string} */
const text = (s) => String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. @param {string} line */
function fold(line) {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const out = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;  // not mid-character
    out.push(new TextDecoder().decode(bytes.subarray(start, end)));
    start = end;
    limit = 74;  // continuation lines start with a space
  }
  return out.join("\r\n ");
}

const stamp = (/** @type {number} */ ms) => new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
const day = (/** @type {string} */ iso) => iso.replace(/-/g, "");
const nextDay = (/** @type {string} */ iso) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10).replace(/-/g, "");
};

/** The file's product identifier (RFC 5545 3.7.3), never shown. */
const PRODID = "-//Milestone Engine//Milestone board//EN";

/**
 * The iCalendar text for `state` (the engine's), stamped `now`, worded in `w`.
 * @param {ContractState} state @param {number} now @param {import("./words.js").Words} w the board's words
 * @returns {string}
 */
export function calendarFor(state, now, w) {
  const c = state.contract;
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN"];
  const event = (/** @type {string} */ uid, /** @type {string[]} */ props) => {
    lines.push("BEGIN:VEVENT", `UID:${uid}`, `DTSTAMP:${stamp(now)}`, ...props, "END:VEVENT");
  };
  for (const m of state.milestones) {
    // A due date while the work is still owed (the engine's `deliveryDue`), a review's deadline.
    if (m.deliveryDue != null) event(`${c.id}-${m.id}-due@milestones`, [
      `DTSTART;VALUE=DATE:${day(m.dueDate)}`, `DTEND;VALUE=DATE:${nextDay(m.dueDate)}`,
      `SUMMARY:${text(w.calendarDue(m.title, c.title))}`,
      `DESCRIPTION:${text(w.calendarDueSays(m.title, m.dueDate, c))}`,
    ]);
    if (m.reviewDeadline !== null) {
      event(`${c.id}-${m.id}-review-${m.reviewDeadline}@milestones`, [
        `DTSTART:${stamp(m.reviewDeadline)}`, `DTEND:${stamp(m.reviewDeadline)}`,
        `SUMMARY:${text(w.calendarReview(m.title, c.title))}`,
        `DESCRIPTION:${text(w.calendarReviewSays(m.title, c))}`,
      ]);
    }
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
