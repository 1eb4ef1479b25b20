// @ts-check
// The discussion (R24): a thread for the contract and one per milestone, and what each role has
// read of them. A thread's messages are the log's `message_posted` events, read on demand: before
// a frame, only while a thread is on screen, only when the state's count says the thread has more
// than was read, and only the events not read yet (a click on a board that shows no new message
// reads none). The contract list counts what is unread from the state's counts alone (the head's
// summary keeps the total), never from the log. Nothing here writes the DOM.

/** How many messages a thread shows at first, and how many more each "Show earlier" adds. */
export const THREAD_PAGE = 50;

/** @typedef {import("./library.js").Entry} Entry */
/** @typedef {"client" | "freelancer"} Role */
/** One message of a thread. @typedef {{seq: number, at: number, by: Role, text: string}} Message */
/**
 * A thread as the board shows it: its newest messages (oldest first, at most its limit), how many
 * it has, and how many older ones are not shown.
 * @typedef {{site: string, messages: Message[], count: number, more: number}} Thread
 */
/** What a role has read, per thread: "" (the contract's thread) or a milestone id → messages read. @typedef {Record<string, number>} Read */

/** Every message of a contract's state: the contract's own and each milestone's (R24 counts). */
export function messagesIn(/** @type {any} */ state) {
  let n = state.contract.messages ?? 0;
  for (const m of state.milestones) n += m.messages ?? 0;
  return n;
}

/**
 * How many of `total` messages are unread for a role that has read `read` (null: not known yet,
 * nothing is said). What a role read of a thread counts, capped at the total.
 * @param {number | undefined} total @param {Read | null | undefined} read
 */
export function unreadCount(total, read) {
  if (!read || !Number.isInteger(total) || total <= 0) return 0;
  let seen = 0;
  for (const n of Object.values(read)) if (Number.isInteger(n) && n > 0) seen += n;
  return Math.max(0, total - seen);
}

/**
 * What a role read of a thread, after it was shown with `count` messages: the count, with the
 * threads of milestones the contract no longer has left out. A new object, or `read` itself when
 * nothing changed.
 * @param {Read} read @param {string} site @param {number} count @param {(site: string) => boolean} exists
 */
export function readUpTo(read, site, count, exists) {
  if ((read[site] ?? 0) === count) return read;
  /** @type {Read} */
  const next = {};
  for (const [s, n] of Object.entries(read)) if (s !== site && (s === "" || exists(s))) next[s] = n;
  if (count > 0) next[site] = count;
  return next;
}

/**
 * What each role of each contract has read, kept in the board's settings (`seen:<id>`, one record
 * per contract: {client: Read, freelancer: Read}). Read from storage before a frame (`load`),
 * written only when a shown thread has more than was read; another tab's change is read again.
 */
export class Seen {
  #store;
  /** @type {Map<string, {client?: Read, freelancer?: Read}>} */
  #records = new Map();
  #unwatch;

  /** @param {import("./store.js").Store} store */
  constructor(store) {
    this.#store = store;
    this.#unwatch = store.watch((info) => {
      if (info.kind === "setting" && info.name.startsWith("seen:")) this.#records.delete(info.name.slice(5));
    });
  }

  /** Reads the records of the contracts `ids` not read yet (never during a frame). */
  load(/** @type {Iterable<string>} */ ids) {
    for (const id of ids) {
      if (this.#records.has(id)) continue;
      const stored = this.#store.setting(`seen:${id}`, null);
      const record = {};
      for (const role of ["client", "freelancer"]) {
        const read = stored?.[role];
        if (read && typeof read === "object" && !Array.isArray(read)) record[role] = read;
      }
      this.#records.set(id, record);
    }
  }

  /** What `role` read of contract `id`: {} when nothing, null when not loaded. */
  of(/** @type {string} */ id, /** @type {Role} */ role) {
    const record = this.#records.get(id);
    return record ? record[role] ?? {} : null;
  }

  /** `role` has seen `count` messages of thread `site` of contract `id`: stored if that is news. */
  mark(/** @type {string} */ id, /** @type {Role} */ role, /** @type {string} */ site, /** @type {number} */ count, /** @type {(site: string) => boolean} */ exists) {
    this.load([id]);
    const record = this.#records.get(id);
    const read = record[role] ?? {};
    const next = readUpTo(read, site, count, exists);
    if (next === read) return;
    record[role] = next;
    this.#store.setSetting(`seen:${id}`, record);
  }

  /** Stops listening to other tabs. */
  dispose() {
    this.#unwatch();
  }
}

/** Opens the discussion of milestone `id`, or closes it if it is open (one at a time). */
export function toggleThread(/** @type {Entry} */ entry, /** @type {string} */ id) {
  entry.thread = entry.thread === id ? null : id;
}

/** Shows `more` messages more of thread `site` ("" for the contract's). */
export function showEarlier(/** @type {Entry} */ entry, /** @type {string} */ site) {
  const limits = entry.threadLimits ??= {};
  limits[site] = (limits[site] ?? THREAD_PAGE) + THREAD_PAGE;
}

/** The index of the first message of `list` (in log order) after event `seq`. */
function endAt(/** @type {Message[]} */ list, /** @type {number} */ seq) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The messages of one contract's log read so far: every `message_posted` of its events 1 … `read`,
 * by thread. It reads on, from where it stopped, only when a thread shows fewer messages than the
 * state counts.
 */
export class LogMessages {
  /** @type {import("../milestones").Contract} */ contract;
  read = 0;
  /** @type {Map<string, Message[]>} */ bySite = new Map();

  constructor(/** @type {import("../milestones").Contract} */ contract) {
    this.contract = contract;
  }

  /**
   * Thread `site` as it stood after event `upTo`, when the state then counted `count` messages in
   * it: the newest `limit` of them, oldest first. `last`: the thread shown before, kept when it
   * shows the same messages (the view then draws nothing).
   * @param {string} site @param {number} count @param {number} upTo @param {number} limit @param {Thread | null} last
   * @returns {Thread}
   */
  thread(site, count, upTo, limit, last) {
    let list = this.bySite.get(site) ?? [];
    let end = endAt(list, upTo);
    if (end < count && this.read < upTo) {
      this.#readOn();
      list = this.bySite.get(site) ?? [];
      end = endAt(list, upTo);
    }
    const from = Math.max(0, end - limit);
    if (last && last.site === site && last.count === end && last.more === from) return last;
    return { site, messages: list.slice(from, end), count: end, more: from };
  }

  /** Reads the events not read yet (one call), keeping their messages. */
  #readOn() {
    const events = /** @type {any[]} */ (this.contract.events(this.read));
    for (const e of events) {
      if (e.type !== "message_posted") continue;
      const site = e.milestoneId ?? "";
      let list = this.bySite.get(site);
      if (!list) this.bySite.set(site, list = []);
      list.push({ seq: e.seq, at: e.at, by: e.by, text: e.text });
    }
    this.read += events.length;
  }
}

/**
 * Reads what the threads on screen show (before a frame, once per snapshot): the contract's, and
 * the open milestone's; as they stood at the event History looks at, or now. Looking at now, the
 * viewer's role has read them (`seen`). A milestone that went away closes its thread.
 * @param {Entry} entry @param {Role} role @param {Seen} seen
 */
export function prepareThreads(entry, role, seen) {
  if (!entry.contract || !entry.snap) return;
  const now = entry.snap.state;
  const past = entry.history;
  let open = entry.thread ? now.milestones.find((m) => m.id === entry.thread) : null;
  if (entry.thread && !open) entry.thread = null;
  if (!past) {
    const exists = (/** @type {string} */ id) => now.milestones.some((m) => m.id === id);
    seen.mark(entry.id, role, "", now.contract.messages ?? 0, exists);
    if (open) seen.mark(entry.id, role, open.id, open.messages ?? 0, exists);
  }
  const limits = entry.threadLimits ?? {};
  const last = entry.talk;
  const site = entry.thread;
  if (last && last.snap === entry.snap && last.past === past && last.site === site && last.limits === JSON.stringify(limits) &&
      last.log.contract === entry.contract) return;
  // A contract read again (another tab, a link's history chosen) is another log: read afresh.
  const kept = last?.log.contract === entry.contract ? last : null;
  const log = kept?.log ?? new LogMessages(entry.contract);
  const state = past ? past.state : now;
  const upTo = state.seq;
  if (open && past) open = state.milestones.find((m) => m.id === site) ?? null;
  entry.talk = {
    snap: entry.snap, past, site, limits: JSON.stringify(limits), log,
    contract: log.thread("", state.contract.messages ?? 0, upTo, limits[""] ?? THREAD_PAGE, kept?.contract ?? null),
    milestone: open ? log.thread(site, open.messages ?? 0, upTo, limits[site] ?? THREAD_PAGE, kept?.milestone ?? null) : null,
    title: open?.title ?? "",
  };
}
