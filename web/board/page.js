// @ts-check
// The page the view draws, composed from the board's model: plain data (and the callbacks of its
// notices), read from what the controller already holds. Nothing here asks the engine or storage,
// except prepareShown, which runs before a frame is scheduled, never during one.
import { ACTIVITY_PAGE } from "./contract-view.js";
import { atFor } from "./library.js";
import { localDay } from "./format.js";
import { explainWhyNot } from "./why.js";
import { prepareThreads, unreadCount } from "./discussion.js";

/** @typedef {import("./library.js").Entry} Entry */

/**
 * Reads what the board of `entry` will show besides the snapshot: the activity entries on screen,
 * the reasons of an open "Why not?" (why.js), the threads on screen (discussion.js), and what the
 * role has read of each contract, for the list.
 * @param {Entry} entry @param {"client" | "freelancer"} role @param {number} now @param {import("./words.js").Words} w
 * @param {import("./library.js").Library} [library]
 */
export function prepareShown(entry, role, now, w, library) {
  tellShown(entry);
  explainWhyNot(entry, role, now, w);
  if (!library) return;
  entry.keysShown = keysShown(entry.snap.state.contract.keys, role, library, w);
  library.seen.load(library.entries.keys());
  prepareThreads(entry, role, library.seen);
}

/** Tells the activity entries the board of `entry` will show (the newest, up to its limit). */
export function tellShown(/** @type {Entry} */ entry) {
  const activity = entry.activity;
  const limit = Math.max(entry.activityLimit ?? ACTIVITY_PAGE, 1);
  const from = Math.max(0, activity.length - limit);
  const told = entry.told;
  if (told && told.key === activity && told.length === activity.length && told.from === from) return;
  const items = [];
  for (let i = from; i < activity.length; i++) items.push(activity.at(i));
  entry.told = { key: activity, length: activity.length, from, items };
}

/**
 * What the header says of a contract's keys (R26): null for an unsigned contract; else each
 * party's key with its fingerprint and whether this browser holds it (null while a fingerprint is
 * worked out: the board is drawn again when it is), and why the acting role cannot act here, if it
 * cannot (its key is bound to another browser, or this browser cannot sign).
 * @param {{client: string, freelancer: string | null} | null} keys @param {"client" | "freelancer"} role
 * @param {import("./library.js").Library} library @param {import("./words.js").Words} w
 */
function keysShown(keys, role, library, w) {
  if (!keys) return null;
  const held = library.keys;
  const prints = library.fingerprints([keys.client, keys.freelancer].filter(Boolean));
  const shown = (/** @type {string | null} */ key, /** @type {number} */ i) => (key && prints ? { fingerprint: prints[i], mine: held.holds(key) } : null);
  const cannot = held.canAct(role, keys) ? "" : held.supported ? w.noKeyHere(role) : w.cannotSignHere;
  return { line: prints ? w.signedLine(shown(keys.client, 0), shown(keys.freelancer, 1)) : "", cannot };
}

/** How many things wait for `role` on a contract: the engine's whose-turn facts. */
export function waitingFor(/** @type {any} */ state, /** @type {string} */ role) {
  let n = state.contract.waitingOn?.party === role ? 1 : 0;
  for (const m of state.milestones) if (m.waitingOn?.party === role) n++;
  return n;
}

/** The contract on show, as it is now or as History shows it. */
function contractPage(/** @type {Entry} */ entry, /** @type {number} */ now, /** @type {string} */ role) {
  const past = entry.history;
  // The contract's clock on a later day than the page's: a new action is recorded at its time
  // (atFor), not at the time the page shows.
  const today = localDay(now);
  const contractDay = localDay(entry.snap.state.lastAt);
  return {
    id: entry.id,
    state: past ? past.state : entry.snap.state,
    allowed: past ? past.allowed : entry.snap.allowed,
    // Looking back, the review countdown stands as it did right after that event.
    now: past ? past.state.lastAt : atFor(now, entry.snap.state),
    // A role whose signing key this browser does not hold reads the contract as read-only, and is told why.
    role, readOnly: entry.readOnly || Boolean(entry.keysShown?.cannot), readOnlyReason: entry.readOnly ? entry.readOnlyReason : entry.keysShown?.cannot ?? "",
    keys: entry.keysShown ?? null,
    activity: entry.told,
    events: entry.snap.state.seq,
    related: entry.related ?? [],
    history: past ? { seq: past.seq, label: past.label, changed: past.changed } : null,
    clockAhead: !past && contractDay > today ? { day: contractDay, today } : null,
    whyNot: past || entry.readOnly || entry.keysShown?.cannot || !entry.whyNot?.items ? null : { site: entry.whyNot.site, items: entry.whyNot.items },
    // The threads on screen (discussion.js): the contract's, and the open milestone's.
    talk: entry.talk ? { contract: entry.talk.contract, milestone: entry.talk.milestone, title: entry.talk.title } : null,
    thread: entry.talk?.milestone ? entry.talk.site : null,
  };
}

/**
 * The whole page.
 * @param {object} m the board's model
 * @param {import("./library.js").Library} m.library
 * @param {any[]} m.notices @param {any[]} m.aside @param {Entry | undefined} m.entry @param {number} m.now
 * @param {string} m.role @param {boolean} m.roleFixed @param {string | null} m.fixedContract
 * @param {boolean} m.demo @param {boolean} m.demoClock @param {any} m.banner
 * @param {{text: string, said: number}} m.alert what the page says of the last action, and how many times it spoke
 * @param {string | null} m.selected @param {() => void} m.dismissBanner
 * @param {(name: string, text: string) => void} m.download offers a file
 * @param {import("./words.js").Words} m.words the board's words
 */
export function composePage(m) {
  const { library, entry, words } = m;
  const notices = [...m.notices];
  if (library.problem) notices.unshift({ kind: "warning", text: words.storageProblem(library.problem) });
  for (const q of library.quarantined) {
    notices.push({ kind: "warning", text: words.quarantined,
      actions: [{ label: words.export, run: () => m.download(`quarantined-${q.id}.json`, q.raw) }] });
  }
  notices.push(...m.aside);
  return {
    role: m.role, roleFixed: m.roleFixed, single: m.fixedContract !== null,
    empty: library.entries.size === 0,
    clock: { text: (m.demo ? words.demoClock : words.realTime)(words.clockTime(m.now)), demo: m.demo, shown: m.demoClock },
    banner: m.banner, dismissBanner: m.dismissBanner,
    alert: m.alert,
    notices,
    contracts: library.sorted().map((e) => ({
      id: e.id, title: e.summary?.title ?? e.id, status: e.summary?.status ?? "", readOnly: e.readOnly,
      sample: e.summary?.sample === true,
      unread: unreadCount(e.summary?.messages, library.seen.of(e.id, /** @type {"client" | "freelancer"} */ (m.role))),
    })),
    selected: m.selected,
    board: entry?.snap && entry.told ? contractPage(entry, m.now, m.role) : null,
    missing: m.fixedContract,
    waiting: entry?.snap && !entry.readOnly ? waitingFor(entry.snap.state, m.role) : 0,
  };
}
