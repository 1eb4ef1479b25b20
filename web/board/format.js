// @ts-check
// Formatting for the board: money from integer cents, dates, durations, amount parsing.
// Presentation only: no rule of the engine lives here.

// The board's words are English, so numbers and dates are written the en-US way, by hand: the
// same text on every machine, and no Intl formatter to create (tens of milliseconds on a slow
// machine, on the way to the first render).
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (/** @type {number} */ n) => String(n).padStart(2, "0");

/**
 * "$1,234.50" for 123450 cents; "-$5.00" for -500. Exact: integer arithmetic only.
 * @param {number} cents @returns {string}
 */
export function formatMoney(cents) {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  const dollars = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}$${dollars}.${two(abs % 100)}`;
}

/**
 * "Dec 10, 2026" for "2026-12-10" (a calendar date, shown as written); other text as it is.
 * @param {string | null | undefined} isoDate @returns {string}
 */
export function formatDate(isoDate) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate ?? "")) return isoDate ?? "";
  const [y, m, d] = isoDate.split("-").map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** A moment in the viewer's time zone, e.g. "Dec 10, 2026, 09:30 AM". @param {number} ms */
export function formatMoment(ms) {
  const t = new Date(ms);
  const hour = t.getHours() % 12 || 12;
  return `${MONTHS[t.getMonth()]} ${t.getDate()}, ${t.getFullYear()}, ${two(hour)}:${two(t.getMinutes())} ${t.getHours() < 12 ? "AM" : "PM"}`;
}

/**
 * "14 days", "5 hours", "12 minutes" until `ms` from `now`, rounded up (never negative).
 * @param {number} ms @param {number} now @returns {string}
 */
export function formatRemaining(ms, now) {
  const left = Math.max(0, ms - now);
  /** @type {[string, number][]} */
  const units = [["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000]];
  for (const [name, size] of units) {
    if (left >= size) {
      const n = Math.ceil(left / size);  // a countdown: "14 days" until the last day begins
      return `${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return "less than a minute";
}

/**
 * The viewer's own calendar date at `ms` (their time zone), "YYYY-MM-DD": R12′ lets anyone name it.
 * @param {number} ms @returns {string}
 */
export function localDay(ms) {
  const t = new Date(ms);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, "0")}-${String(t.getDate()).padStart(2, "0")}`;
}

/** The UTC calendar date of a time, "YYYY-MM-DD" (the engine's notion of "today"). @param {number} ms */
export function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Dollars typed by a person ("250", "250.5", "1,250.50", "$20") to integer cents, or null when
 * the text is not an amount. Exact: no floating point.
 * @param {unknown} text @returns {number | null}
 */
export function parseDollars(text) {
  const t = String(text ?? "").trim().replace(/^\$/, "").trim();
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!match) return null;
  const whole = match[1].replaceAll(",", "");
  if (whole.length > 12) return null;
  const fraction = (match[2] ?? "").padEnd(2, "0");
  return Number(whole) * 100 + Number(fraction);
}

/** Cents as the text a person would type back: 12345 -> "123.45". @param {number} cents */
export function centsToInput(cents) {
  return (cents / 100).toFixed(2);
}
