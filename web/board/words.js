// @ts-check
// The catalog of the board's words: `catalog(lang)` is every label, sentence, message and table
// of words the page shows, in one language (English `en`, German `de`), each a complete object of
// the same keys (tests/js/words.test.mjs compares them). Money, dates and durations are written
// with `Intl` for that language; each formatter is made once per language, on first use, so a
// board's start creates none it does not need.
import { english } from "./words-en.js";
import { german } from "./words-de.js";
import { turnsEnglish } from "./turns-en.js";
import { turnsGerman } from "./turns-de.js";
import { filesEnglish } from "./files-en.js";
import { filesGerman } from "./files-de.js";
import { keysEnglish } from "./keys-en.js";
import { keysGerman } from "./keys-de.js";

/** The languages the board speaks; any other `lang` gets English. */
export const LANGUAGES = ["en", "de"];

/** "de-AT" → "de"; anything the board does not speak → "en". @param {string | null | undefined} lang */
export function languageOf(lang) {
  const base = String(lang ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.includes(base) ? base : "en";
}

/** A value made on first use, then kept. @template T @param {() => T} make @returns {() => T} */
function lazy(make) {
  /** @type {T | undefined} */ let value;
  return () => (value ??= make());
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The units of a file's size above bytes, each 1,000 of the one before. */
const FILE_UNITS = ["kilobyte", "megabyte", "gigabyte", "terabyte", "petabyte"];

/**
 * The formatters of one language: money from integer cents, calendar dates (never shifted by a
 * time zone), moments in the viewer's zone, durations. What the catalogs write figures with.
 * @param {string} lang
 */
export function formats(lang) {
  const locale = lang === "de" ? "de-DE" : "en-US";
  const money = lazy(() => new Intl.NumberFormat(locale, { style: "currency", currency: "USD" }));
  const date = lazy(() => new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" }));
  const moment = lazy(() => new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }));
  const monthDay = lazy(() => new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", day: "numeric" }));
  /** @type {Record<string, () => Intl.NumberFormat>} */
  const units = {};
  for (const unit of ["day", "hour", "minute"]) units[unit] = lazy(() => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }));
  // A file's size (R25): bytes in words, then units of 1,000 with one decimal ("1.2 MB").
  units.byte = lazy(() => new Intl.NumberFormat(locale, { style: "unit", unit: "byte", unitDisplay: "long" }));
  for (const unit of FILE_UNITS) units[unit] = lazy(() => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }));
  // ICU puts a narrow no-break space before AM/PM; the board writes a plain one.
  const plain = (/** @type {string} */ s) => s.replace(/\u202f/g, " ");
  /** @param {string | null | undefined} iso */
  const writeDate = (iso) => ISO_DATE.test(iso ?? "") ? plain(date().format(new Date(`${iso}T00:00:00Z`))) : iso ?? "";
  return {
    /** Integer cents as money: "$1,234.50" / "1.234,50 $". Exact below 2^53 / 100 dollars. */
    money: (/** @type {number} */ cents) => plain(money().format(Math.trunc(cents) / 100)),
    /** A calendar date "YYYY-MM-DD" as written there ("Dec 10, 2026" / "10. Dez. 2026"); other text as it is. */
    date: writeDate,
    /**
     * A calendar date "YYYY-MM-DD" without its year when it falls in the year of `today` (also
     * "YYYY-MM-DD"): "Dec 20" / "20. Dez.", else as `date` writes it.
     */
    day: (/** @type {string} */ iso, /** @type {string} */ today) =>
      iso.slice(0, 4) === today.slice(0, 4) && ISO_DATE.test(iso) ? plain(monthDay().format(new Date(`${iso}T00:00:00Z`))) : writeDate(iso),
    /** A count of days: "12 days" / "12 Tage", "1 day" / "1 Tag". */
    days: (/** @type {number} */ n) => plain(units.day().format(n)),
    /** A file's size: "512 bytes", "1.2 MB" / "512 Byte", "1,2 MB" (units of 1,000 bytes). */
    fileSize: (/** @type {number} */ bytes) => {
      let unit = -1;
      let n = bytes;
      while (n >= 999.95 && unit < FILE_UNITS.length - 1) {
        n /= 1000;
        unit++;
      }
      return plain(unit < 0 ? units.byte().format(bytes) : units[FILE_UNITS[unit]]().format(n));
    },
    /** A file's exact size in bytes: "1,234,567 bytes" / "1.234.567 Byte". */
    bytes: (/** @type {number} */ bytes) => plain(units.byte().format(bytes)),
    /** A moment in the viewer's time zone. */
    moment: (/** @type {number} */ ms) => plain(moment().format(ms)),
    /** "14 days" / "14 Tage" until `ms` from `now`, rounded up (a countdown); "" under a minute. */
    remaining: (/** @type {number} */ ms, /** @type {number} */ now) => {
      const left = Math.max(0, ms - now);
      /** @type {[string, number][]} */
      const sizes = [["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000]];
      for (const [unit, size] of sizes) if (left >= size) return plain(units[unit]().format(Math.ceil(left / size)));
      return "";
    },
  };
}

/** @typedef {ReturnType<typeof english> & ReturnType<typeof turnsEnglish> & ReturnType<typeof filesEnglish> & ReturnType<typeof keysEnglish>} Words */

/** @type {Map<string, Words>} */
const made = new Map();

/**
 * The words of the board in `lang` (a BCP 47 tag; what the board does not speak is English),
 * made once per language.
 * @param {string | null | undefined} lang @returns {Words}
 */
export function catalog(lang) {
  const key = languageOf(lang);
  let words = made.get(key);
  if (!words) {
    const f = formats(key);
    // Whose turn it is and the contract's clock have words of their own (turns-en.js, turns-de.js),
    // and so have files delivered with a submission (files-en.js, files-de.js) and signed
    // contracts (keys-en.js, keys-de.js).
    words = key === "de" ? { ...german(f), ...turnsGerman(f), ...filesGerman(f), ...keysGerman(f) }
      : { ...english(f), ...turnsEnglish(f), ...filesEnglish(f), ...keysEnglish(f) };
    made.set(key, words);
  }
  return words;
}
