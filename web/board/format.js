// @ts-check
// Days and amounts for the board: calendar days of a time, amounts typed by a person.
// Presentation only: no rule of the engine lives here.

// Money, dates and durations are written by the catalog with Intl (words.js), for the board's
// language; what is left here is arithmetic on days and reading amounts back.

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
 * Calendar days from `from` to `to` (both "YYYY-MM-DD"): 1 for tomorrow, -1 for yesterday.
 * @param {string} from @param {string} to
 */
export function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The amount sent for text that cannot be read as dollars: not whole cents, so the engine refuses
 * it at its field (INVALID_AMOUNT) while it checks every other field, and the form words that
 * problem as "not dollars". Never accepted: the engine takes only whole cents.
 */
export const UNREADABLE = 0.5;

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
