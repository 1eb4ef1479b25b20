// @ts-check
// Persistence of contract logs in localStorage: versioned, namespaced keys; a log kept in segments
// so that saving a click writes what the click added, not the whole history; quarantine for data
// that fails to load; read-only for data from a newer format; never overwriting newer data.
//
// Keys (prefix defaults to "milestone-board"):
//   <prefix>:v3:contract:<id>        the head, the commit pointer of one contract:
//                                    {"format":"milestone-board","version":3,"savedAt":…,"seq":N,
//                                     "lastAt":…,"summary":{"title":…,"status":…,"createdAt":…}}
//   <prefix>:v3:events:<id>:0        segment 0: the first event alone (the creation, which
//                                    carries the whole plan: written once, never again)
//   <prefix>:v3:events:<id>:<k>      segment k ≥ 1: a JSON array of the events seq 64(k-1)+2 … 64k+1
//   <prefix>:v2:contract:<id>, :v2:events:<id>:<k>   version 2: segment k holds seq 64k+1 … 64(k+1);
//                                    read, then saved as version 3 and removed
//   <prefix>:v1:contract:<id>        a version-1 record (the whole log in one value): read, then
//                                    saved as version 3 and removed
//   <prefix>:quarantine:<id>:<time>  the raw text of a record that failed to load
//   <prefix>:v1:setting:<name>       page settings (role, demo clock, banner dismissal, …)
//
// A save writes the segments the new events fall into (usually the last one, at most 64 events),
// then the head. The head is written last and says how many events the log has, so a failure or
// a crash between the two writes leaves the log as it was saved before: a segment may hold events
// past the head's count, and loading ignores them.

/**
 * The head of a contract stored in segments: how many events its log has, and its clock.
 * @typedef {{format: string, version: number, savedAt: number, seq: number, lastAt: number,
 *   summary?: Summary}} Head
 * @typedef {{title: string, status: string, createdAt: number} & Record<string, unknown>} Summary
 * @typedef {{seq: number, lastAt: number}} Stamp  how far a log goes (see isNewer)
 * @typedef {{index: number, texts: string[], seq: number}} Tail  a log's last segment as saved
 * @typedef {{kind: "contract" | "segment", version: number, id: string} | {kind: "setting", name: string, id?: undefined}
 *   | {kind: "quarantine", id?: undefined} | {kind: "aside", id: string} | {kind: "cleared", id?: undefined}} KeyInfo
 * @typedef {{head?: Head, text?: string, missing?: true, raw?: string, error?: ReadProblem}} Read  what
 *   was read: {head} (and {text}, a log) | {missing} | {raw, error} (what is stored, and why not)
 * @typedef {{code: "NOT_A_CONTRACT" | "NOT_JSON" | "LAST_PART_DAMAGED"} | {code: "PART_MISSING", part: number, parts: number}}
 *   ReadProblem  why a record cannot be read (the catalog's `storedProblem` words it)
 * @typedef {{code: "NO_STORAGE" | "FULL"} | {code: "REFUSED", why: string}} StorageProblem  why
 *   nothing is saved (the catalog's `storageProblem` words it; `why` is the browser's, for developers)
 */

export const FORMAT = "milestone-board";
export const VERSION = 3;
/** Events per stored segment (after the first, which holds the first event alone). */
export const SEGMENT = 64;

/**
 * Where the events of a log stored in segments are, by format version: the segment holding
 * event `seq` (1-based), the first event of segment `k`, and how many events segment `k` holds.
 * @type {Record<number, {index(seq: number): number, first(k: number): number, size(k: number): number}>}
 */
const LAYOUTS = {
  2: { index: (seq) => Math.floor((seq - 1) / SEGMENT), first: (k) => k * SEGMENT + 1, size: () => SEGMENT },
  3: {
    index: (seq) => (seq <= 1 ? 0 : Math.floor((seq - 2) / SEGMENT) + 1),
    first: (k) => (k === 0 ? 1 : (k - 1) * SEGMENT + 2),
    size: (k) => (k === 0 ? 1 : SEGMENT),
  },
};

/**
 * localStorage, or null where the browser refuses it (disabled, sandboxed, file:// quirks).
 * @returns {Storage | null}
 */
function browserStorage() {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

/**
 * The (seq, lastAt) of a log: a newer log has more events, or the same events and a later clock.
 * @param {{events?: unknown[], lastAt?: number} | null | undefined} log @returns {Stamp}
 */
export function logStamp(log) {
  return { seq: log?.events?.length ?? 0, lastAt: log?.lastAt ?? 0 };
}
/** Whether `a` is a newer log than `b`. @param {Stamp} a @param {Stamp} b */
export function isNewer(a, b) {
  return a.seq > b.seq || (a.seq === b.seq && a.lastAt > b.lastAt);
}

/**
 * The head of a record stored in segments (version 2 or 3), or null when `value` is not one.
 * @param {string} value @param {number} [version] @returns {Head | null}
 */
function readHead(value, version = VERSION) {
  let head;
  try {
    head = JSON.parse(value);
  } catch {
    return null;
  }
  const ok = head && head.format === FORMAT && head.version === version &&
    Number.isSafeInteger(head.seq) && head.seq > 0 && Number.isSafeInteger(head.lastAt);
  return ok ? head : null;
}

/** A board's contracts and settings in one Storage, under one key prefix. */
export class Store {
  /** @type {Storage | null} */ #storage;
  /** @type {string} */ #prefix;
  /** @type {Map<string, Tail>} */ #tails = new Map();  // id -> the last segment as saved, to append to
  /** The last storage failure, or null while everything was saved. @type {StorageProblem | null} */
  problem = null;

  /**
   * @param {{prefix?: string, storage?: Storage | null}} [options] The key prefix, and the
   *   Storage (default: localStorage; null: none, nothing is saved).
   */
  constructor({ prefix = FORMAT, storage } = {}) {
    this.#prefix = prefix;
    this.#storage = storage === undefined ? browserStorage() : storage;
    if (!this.#storage) this.problem = { code: "NO_STORAGE" };
  }

  /** The key prefix. */
  get prefix() {
    return this.#prefix;
  }

  /** The key of contract `id`'s head (a whole record for version 1). @param {string} id @param {number} [version] */
  contractKey(id, version = VERSION) {
    return `${this.#prefix}:v${version}:contract:${id}`;
  }

  /** The key of segment `k` of contract `id`. @param {string} id @param {number} k @param {number} [version] */
  #segmentKey(id, k, version = VERSION) {
    return `${this.#prefix}:v${version}:events:${id}:${k}`;
  }

  /**
   * What a storage key is: {kind: "contract", id, version} | {kind: "segment", id} |
   * {kind: "quarantine"} | {kind: "setting", name} | {kind: "aside", id} | null.
   * @param {unknown} key @returns {KeyInfo | null}
   */
  parseKey(key) {
    if (typeof key !== "string" || !key.startsWith(this.#prefix + ":")) return null;
    const rest = key.slice(this.#prefix.length + 1);
    let m = /^v(\d+):contract:(.+)$/.exec(rest);
    if (m) return { kind: "contract", version: Number(m[1]), id: m[2] };
    m = /^v(\d+):events:(.+):\d+$/.exec(rest);
    if (m) return { kind: "segment", version: Number(m[1]), id: m[2] };
    m = /^v\d+:setting:(.+)$/.exec(rest);
    if (m) return { kind: "setting", name: m[1] };
    if (rest.startsWith("quarantine:")) return { kind: "quarantine" };
    m = /^aside:(.+):\d+$/.exec(rest);
    if (m) return { kind: "aside", id: m[1] };
    return null;
  }

  /** Every key in the storage (this store's and others'). @returns {string[]} */
  #keys() {
    const keys = [];
    try {
      for (let i = 0; i < this.#storage.length; i++) keys.push(this.#storage.key(i));
    } catch (e) {
      this.#fail(e);
    }
    return keys;
  }

  /**
   * Every stored contract: [{id, version, key, raw}], any version. For versions 2 and 3, `raw` is the
   * head (a few hundred bytes) and `head` its parsed form, or null when it is not a head.
   * @returns {{id: string, version: number, key: string, raw: string | null, head?: Head | null}[]}
   */
  entries() {
    if (!this.#storage) return [];
    /** @type {ReturnType<Store["entries"]>} */
    const out = [];
    for (const key of this.#keys()) {
      const info = this.parseKey(key);
      if (info?.kind !== "contract") continue;
      const raw = this.#get(key);
      const entry = { id: info.id, version: info.version, key, raw };
      if (LAYOUTS[info.version] && raw !== null) entry.head = readHead(raw, info.version);
      out.push(entry);
    }
    return out;
  }

  /** The raw text under a key, or null. @param {string} key @returns {string | null} */
  #get(key) {
    try {
      return this.#storage?.getItem(key) ?? null;
    } catch (e) {
      this.#fail(e);
      return null;
    }
  }

  /**
   * The stored head of contract `id`: {head} | {missing} | {raw, error}. Reads a few hundred bytes.
   * @param {string} id @param {number} [version]
   * @returns {Read}
   */
  head(id, version = VERSION) {
    const raw = this.#get(this.contractKey(id, version));
    if (raw === null) return { missing: true };
    const head = readHead(raw, version);
    return head ? { head } : { raw, error: { code: "NOT_A_CONTRACT" } };
  }

  /**
   * The stored log of contract `id` as JSON text, for the engine to restore as it is (no parse of
   * the whole log here): {text, head} | {missing} | {raw, error}. `raw` is everything stored for
   * it, for quarantine. `version` 2 reads a record of the previous format, to save it again.
   * @param {string} id @param {number} [version]
   * @returns {Read}
   */
  load(id, version = VERSION) {
    const read = this.head(id, version);
    if (!read.head) return read;
    const { head } = read;
    const layout = LAYOUTS[version];
    const last = layout.index(head.seq);
    const parts = [];
    for (let k = 0; k <= last; k++) {
      const raw = this.#get(this.#segmentKey(id, k, version));
      if (raw === null) return { raw: this.#bundle(id, version), error: { code: "PART_MISSING", part: k + 1, parts: last + 1 } };
      if (k < last) {
        parts.push(raw.slice(1, -1));  // the engine reads it; no parse here
        continue;
      }
      // The last segment may hold events a failed save wrote past the head: only the head's count.
      let events;
      try {
        events = JSON.parse(raw);
      } catch {
        events = null;
      }
      const count = head.seq - layout.first(k) + 1;
      if (!Array.isArray(events) || events.length < count) {
        return { raw: this.#bundle(id, version), error: { code: "LAST_PART_DAMAGED" } };
      }
      const texts = events.slice(0, count).map((e) => JSON.stringify(e));
      parts.push(texts.join(","));
      if (version !== VERSION) continue;
      this.#tails.set(id, count === layout.size(k)
        ? { index: k + 1, texts: [], seq: head.seq }
        : { index: k, texts, seq: head.seq });
    }
    const text = `{"format":"milestone-log","version":1,"lastAt":${head.lastAt},"events":[${parts.join(",")}]}`;
    return { text, head };
  }

  /**
   * Saves what a contract added since `base` (the stamp of what was saved before, {seq: 0} for a
   * new contract): `events` are the JSON texts of every event after base.seq, `stamp` the new
   * (seq, lastAt), `summary` what the contract list shows without loading the log. Refused when
   * the stored head is newer than `base` (another tab saved first): {conflict: true}; when the
   * stored head is unreadable (never overwritten): {ok: false, blocked: true}; when storage
   * fails: {ok: false}, and what was saved before stays whole.
   * @param {string} id @param {Stamp} base @param {string[]} events @param {Stamp} stamp
   * @param {Summary} summary
   * @returns {{ok?: boolean, conflict?: true, blocked?: true, behind?: Stamp}}
   */
  append(id, base, events, stamp, summary) {
    if (!this.#storage) return { ok: false };
    const current = this.head(id);
    if (current.error) return { ok: false, blocked: true };
    const stored = current.head ? { seq: current.head.seq, lastAt: current.head.lastAt } : { seq: 0, lastAt: 0 };
    if (isNewer(stored, base)) return { conflict: true };
    // Storage lost events this tab saved (another tab removed the record): the caller saves
    // again from what is stored.
    if (stored.seq < base.seq) return { ok: false, behind: stored };
    const tail = this.#tail(id, stored.seq);
    if (!tail) return { ok: false, blocked: true };
    const layout = LAYOUTS[VERSION];
    const texts = tail.texts.slice(0, stored.seq - layout.first(tail.index) + 1);
    let index = tail.index;
    const head = { format: FORMAT, version: VERSION, savedAt: Date.now(), seq: stamp.seq, lastAt: stamp.lastAt, summary };
    try {
      let added = false;  // the open segment took new events
      for (const text of events) {
        texts.push(text);
        added = true;
        if (texts.length === layout.size(index)) {
          this.#storage.setItem(this.#segmentKey(id, index), `[${texts.join(",")}]`);
          texts.length = 0;
          index++;
          added = false;
        }
      }
      if (added) this.#storage.setItem(this.#segmentKey(id, index), `[${texts.join(",")}]`);
      this.#storage.setItem(this.contractKey(id), JSON.stringify(head));
    } catch (e) {
      this.#tails.delete(id);  // read it again next time: what is stored is what the head says
      this.#fail(e);
      return { ok: false };
    }
    this.#tails.set(id, { index, texts, seq: stamp.seq });
    this.problem = null;
    return { ok: true };
  }

  /**
   * The last segment as stored, up to `seq` events; read from storage when not known.
   * @param {string} id @param {number} seq @returns {Tail | null}
   */
  #tail(id, seq) {
    const known = this.#tails.get(id);
    if (known && known.seq === seq) return known;
    const layout = LAYOUTS[VERSION];
    const index = layout.index(seq + 1);  // the segment the next event goes into
    const count = seq - layout.first(index) + 1;
    if (count === 0) return { index, texts: [], seq };
    let events;
    try {
      events = JSON.parse(this.#get(this.#segmentKey(id, index)));
    } catch {
      return null;
    }
    if (!Array.isArray(events) || events.length < count) return null;
    return { index, texts: events.slice(0, count).map((e) => JSON.stringify(e)), seq };
  }

  /**
   * Removes a contract's head and segments of one version (the head first: without it, the rest is unused).
   * @param {string} id @param {number} [version]
   */
  remove(id, version = VERSION) {
    const keys = this.#keys().filter((key) => {
      const info = this.parseKey(key);
      return info?.id === id && (info.kind === "segment" || info.kind === "contract") && info.version === version;
    });
    keys.sort((a, b) => (this.parseKey(a).kind === "contract" ? -1 : 0) - (this.parseKey(b).kind === "contract" ? -1 : 0));
    try {
      for (const key of keys) this.#storage.removeItem(key);
    } catch (e) {
      this.#fail(e);
    }
    if (version === VERSION) this.#tails.delete(id);
  }

  /**
   * Everything stored for a contract kept in segments, as one JSON text (for quarantine and
   * export): the head's text and every segment's, in order, whatever they hold.
   * @param {string} id @param {number} [version] @returns {string}
   */
  #bundle(id, version = VERSION) {
    /** @type {[number, string | null][]} */
    const segments = [];
    for (const key of this.#keys()) {
      const info = this.parseKey(key);
      if (info?.kind === "segment" && info.id === id && info.version === version) segments.push([Number(key.slice(key.lastIndexOf(":") + 1)), this.#get(key)]);
    }
    segments.sort((a, b) => a[0] - b[0]);
    return JSON.stringify({ head: this.#get(this.contractKey(id, version)), segments: segments.map(([, raw]) => raw) });
  }

  /**
   * Keeps `raw` under a quarantine key, then removes the original key. For a head (version 2 or 3), what
   * is kept is everything stored for that contract (head and segments, as one JSON text), and all
   * of it is removed once the copy is safe. Returns the new key or null.
   * @param {string} key @param {string} raw @returns {string | null}
   */
  quarantine(key, raw) {
    const info = this.parseKey(key);
    const id = info?.id ?? "unknown";
    const target = `${this.#prefix}:quarantine:${id}:${Date.now()}`;
    const segmented = info?.kind === "contract" && LAYOUTS[info.version] !== undefined;
    if (segmented) raw = this.#bundle(id, info.version);
    try {
      this.#storage.setItem(target, raw);
    } catch (e) {
      this.#fail(e);
      return null;  // could not copy: the original stays where it is, untouched
    }
    if (segmented) {
      this.remove(id, info.version);
    } else {
      try {
        this.#storage.removeItem(key);
      } catch (e) {
        this.#fail(e);
      }
    }
    return target;
  }

  /** Quarantined records: [{key, id, raw}]. @returns {{key: string, id: string, raw: string}[]} */
  quarantined() {
    const out = [];
    for (const key of this.#keys()) {
      if (this.parseKey(key)?.kind !== "quarantine") continue;
      out.push({ key, id: key.split(":").at(-2), raw: this.#get(key) ?? "" });
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  /**
   * Keeps a log that came from elsewhere (a link whose history parted from the contract kept
   * here) beside the contract `id`, until the user chooses between them. Returns the key, or null
   * when storage refused it.
   * @param {string} id @param {string} logText @returns {string | null}
   */
  keepAside(id, logText) {
    const key = `${this.#prefix}:aside:${id}:${Date.now()}`;
    try {
      this.#storage.setItem(key, logText);
    } catch (e) {
      this.#fail(e);
      return null;
    }
    return key;
  }

  /** The logs kept aside: [{key, id, raw}], oldest first. @returns {{key: string, id: string, raw: string}[]} */
  keptAside() {
    const out = [];
    for (const key of this.#keys()) {
      const info = this.parseKey(key);
      if (info?.kind === "aside") out.push({ key, id: info.id, raw: this.#get(key) ?? "" });
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  /**
   * A page setting (JSON), or `fallback`.
   * @param {string} name @param {any} [fallback] @returns {any}
   */
  setting(name, fallback = null) {
    const raw = this.#get(`${this.#prefix}:v1:setting:${name}`);
    if (raw === null) return fallback;
    try {
      return JSON.parse(raw);
    } catch {
      return fallback;
    }
  }

  /** Saves a page setting as JSON. @param {string} name @param {unknown} value */
  setSetting(name, value) {
    try {
      this.#storage?.setItem(`${this.#prefix}:v1:setting:${name}`, JSON.stringify(value));
    } catch (e) {
      this.#fail(e);
    }
  }

  /** Removes a key (a migrated version-1 record). @param {string} key */
  removeKey(key) {
    try {
      this.#storage?.removeItem(key);
    } catch (e) {
      this.#fail(e);
    }
  }

  /**
   * Calls `callback(info, key)` when another tab changes one of this store's keys; returns the
   * function that stops watching. @param {(info: KeyInfo, key: string | null) => void} callback
   * @param {Pick<EventTarget, "addEventListener" | "removeEventListener">} [target]
   * @returns {() => void}
   */
  watch(callback, target = globalThis) {
    const listener = (/** @type {StorageEvent} */ event) => {
      if (event.storageArea && event.storageArea !== this.#storage) return;
      if (event.key === null) return callback({ kind: "cleared" }, null);
      const info = this.parseKey(event.key);
      if (info && info.kind !== "segment") callback(info, event.key);  // a head says when a log changed
    };
    target.addEventListener?.("storage", listener);
    return () => target.removeEventListener?.("storage", listener);
  }

  /** Keeps the storage failure in `problem`. @param {any} error */
  #fail(error) {
    const quota = error?.name === "QuotaExceededError" || error?.code === 22;
    this.problem = quota ? { code: "FULL" } : { code: "REFUSED", why: String(error?.message ?? error) };
  }
}

/**
 * Parses a stored version-1 (or newer, unknown) record: {record} or {raw, error}.
 * @param {string} raw @returns {{record?: any, raw?: string, error?: ReadProblem}}
 */
export function decode(raw) {
  let record;
  try {
    record = JSON.parse(raw);
  } catch {
    return { raw, error: { code: "NOT_JSON" } };
  }
  if (!record || record.format !== FORMAT || !Number.isInteger(record.version) || typeof record.log !== "object" || record.log === null) {
    return { raw, error: { code: "NOT_A_CONTRACT" } };
  }
  return { record };
}
