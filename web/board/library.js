// @ts-check
// The contracts library: the contracts kept in this browser, each an Entry, and their sync with
// storage. It owns the rule that what a person changed is stored before anything acts on or
// reads storage: loading, reloading, catching up, removing, another tab's change and the `store`
// handed out all first store what waits (saveNow); `persist` is that storing itself.
import { decode, isNewer, logStamp, VERSION } from "./store.js";
import { Seen, messagesIn } from "./discussion.js";
import { Keys, Pins, pinOf } from "./keys.js";
import { Entry } from "./entry.js";

export { Entry };

/** @typedef {import("../milestones").Engine} Engine */
/** @typedef {import("../milestones").Contract} Contract */
/** @typedef {import("../milestones").ContractState} ContractState */
/** @typedef {import("./store.js").Store} Store */
/** Why a stored contract did not load: what storage read, or the engine's refusal of its log. @typedef {import("./store.js").ReadProblem | {code: string, message: string, params?: Record<string, any>}} StoredProblem */
/** @typedef {{seq: number, lastAt: number}} Stamp */
/** The stamp of a state: what storage compares to tell a newer log. */
export const stampOf = (/** @type {ContractState} */ state) => ({ seq: state.seq, lastAt: state.lastAt });

/** What the contract list shows of a contract without loading its log. */
function summaryOf(/** @type {ContractState} */ state, /** @type {Entry | null} */ entry = null) {
  return {
    title: state.contract.title, status: state.contract.status, createdAt: state.contract.createdAt,
    contractId: state.contract.id, messages: messagesIn(state),
    ...(entry?.summary?.sample ? { sample: true } : {}),
  };
}

/** The `at` of a command on a contract: the page's clock, never behind the contract's own (R18). */
export function atFor(/** @type {number} */ now, /** @type {ContractState | null | undefined} */ state) {
  return Math.max(now, state?.lastAt ?? 0);
}

/** A new storage id for a contract. */
export function newId() {
  const random = globalThis.crypto?.randomUUID?.() ??
    `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return `c-${random}`;
}

/** Resolves once the next frame is painted (a page without frames, hidden: after 100 ms). */
const afterFrame = () => new Promise((resolve) => {
  globalThis.requestAnimationFrame?.(() => setTimeout(resolve, 0));
  setTimeout(resolve, 100);
});

const headStamp = (/** @type {{seq: number, lastAt: number}} */ head) => ({ seq: head.seq, lastAt: head.lastAt });

export class Library {
  /** @type {Map<string, Entry>} storage id -> Entry */
  entries = new Map();
  /** @type {{id: string, key: string, raw: string}[]} what the store keeps aside as unloadable */
  quarantined = [];
  /** What each role has read of each contract's discussion (discussion.js). */
  seen;
  /** This browser's signing keys (keys.js), and the keys it pinned per contract. */
  keys;
  pins;
  #engine;
  #store;
  #words;
  #notice;
  #changed;
  /** @type {Set<Entry>} entries with a change that is on screen and not yet stored */
  #unsaved = new Set();
  /** @type {Set<() => void>} signatures that wait for the frame that shows their change */
  #deferred = new Set();
  #saveQueued = false;

  /**
   * @param {object} o
   * @param {Engine} o.engine
   * @param {Store} o.store
   * @param {import("./words.js").Words} o.words the board's words
   * @param {(kind: string, text: string) => void} o.notice a notice for the person
   * @param {() => void} o.changed something the page shows changed
   * @param {Keys} [o.keys] this browser's signing keys (none: contracts made here are unsigned)
   */
  constructor({ engine, store, words, notice, changed, keys = Keys.none() }) {
    this.#engine = engine;
    this.#words = words;
    this.#store = store;
    this.#notice = notice;
    this.#changed = changed;
    this.seen = new Seen(store);
    this.keys = keys;
    this.pins = new Pins(store);
    if (!keys.supported) notice("info", words.signingUnavailable);
    // Another tab made a key this one now holds: what each role may do is asked again.
    keys.onChange = () => {
      for (const e of this.entries.values()) if (e.snap && e.contract) this.snapshot(e, e.snap.role, e.snap.at);
      changed();
    };
  }

  /** Why storage does not work now (a StorageProblem, null when it does): a property, nothing is read. */
  get problem() {
    return this.#store.problem;
  }

  /** The store, once what waits is stored. */
  get store() {
    this.saveNow();
    return this.#store;
  }

  /** The entries, oldest contract first. */
  sorted() {
    return [...this.entries.values()].sort((a, b) => (a.summary?.createdAt ?? 0) - (b.summary?.createdAt ?? 0));
  }

  /** The entry that holds contract `contractId` (by the id in its log), or undefined. */
  entryOf(/** @type {string} */ contractId) {
    return this.entries.get(contractId) ??
      [...this.entries.values()].find((e) => e.summary?.contractId === contractId || e.snap?.state.contract.id === contractId);
  }

  // --- loading ---------------------------------------------------------------------------------

  /**
   * Reads what is stored: version-3 heads become entries (their logs are restored when opened);
   * older records are restored and saved as version 3; newer ones open read-only.
   */
  loadAll() {
    const stored = this.#store.entries();
    const current = new Set(stored.filter((s) => s.version === VERSION && s.head).map((s) => s.id));
    for (const s of stored) {
      if (s.raw === null) continue;
      if (s.version === VERSION) {
        if (s.head) this.entries.set(s.id, new Entry(s.id, { base: headStamp(s.head), summary: s.head.summary ?? null }));
        else this.#quarantine(s.key, s.raw, { code: "NOT_A_CONTRACT" });
      } else if (s.version > VERSION) {
        this.#loadNewer(s);
      } else if (!current.has(s.id)) {
        this.#migrate(s);
      }
    }
    this.quarantined = this.#store.quarantined();
  }

  /** A record of an older format: restored through the engine, saved as version 3, then removed. */
  #migrate(/** @type {{id: string, key: string, raw: string, version: number}} */ { id, key, raw, version }) {
    let log;
    /** @type {StoredProblem | null} */ let problem = null;
    if (version === 2) {
      const loaded = this.#store.load(id, 2);
      if (loaded.text) log = loaded.text;
      else [problem, raw] = [loaded.error, loaded.raw ?? raw];
    } else {
      const decoded = decode(raw);
      if (decoded.error) problem = decoded.error;
      else log = decoded.record.log;
    }
    if (!problem) {
      try {
        const contract = this.#engine.restore(log);
        const entry = new Entry(id, { contract });
        const state = contract.state();
        entry.summary = summaryOf(state, entry);
        this.entries.set(id, entry);
        if (this.persist(entry, state)) {
          if (version === 2) this.#store.remove(id, 2);
          else this.#store.removeKey(key);
        }
        return;
      } catch (e) {
        problem = e;  // the engine's refusal
      }
    }
    this.#quarantine(key, raw, problem);
  }

  /** Data from a newer board: shown read-only if the engine can read it, never written. */
  #loadNewer(/** @type {{id: string, raw: string}} */ { id, raw }) {
    const decoded = decode(raw);
    try {
      const contract = this.#engine.restore(decoded.record.log);
      this.entries.set(id, new Entry(id, {
        contract, readOnly: true, base: logStamp(decoded.record.log), summary: summaryOf(contract.state()),
        readOnlyReason: this.#words.readOnlyNewer,
      }));
    } catch {
      this.#notice("warning", this.#words.newerUnreadable);
    }
  }

  /** Unloadable data is kept aside, never overwritten, and can be exported. */
  #quarantine(/** @type {string} */ key, /** @type {string} */ raw, /** @type {StoredProblem} */ problem) {
    const kept = this.#store.quarantine(key, raw);
    if (!kept) this.#notice("warning", this.#words.notLoaded(problem));
    this.quarantined = this.#store.quarantined();
  }

  /** Restores an entry's log from storage the first time it is opened. False if it cannot be. */
  load(/** @type {Entry} */ entry) {
    if (entry.contract) return true;
    this.saveNow();
    const loaded = this.#store.load(entry.id);
    /** @type {StoredProblem | null} */ let problem = loaded.error ?? null;
    if (loaded.text) {
      try {
        entry.contract = this.#engine.restore(loaded.text);
        entry.base = headStamp(loaded.head);
        entry.narrate(this.#words, loaded.head.seq);
        return true;
      } catch (e) {
        problem = e;  // the engine's refusal
      }
    }
    this.entries.delete(entry.id);
    if (!loaded.missing) this.#quarantine(this.#store.contractKey(entry.id), loaded.raw, problem);
    return false;
  }

  /** Reads a contract again from storage, where another tab saved a newer log. True if it did. */
  reload(/** @type {Entry} */ entry) {
    this.saveNow();
    const loaded = this.#store.load(entry.id);
    if (!loaded.text) return false;
    const signing = entry.signing;
    try {
      entry.replace(this.#engine.restore(loaded.text), this.#words);
    } catch {
      return false;  // the other tab wrote something unreadable: keep what we have, do not write
    }
    this.#unsaved.delete(entry);  // a change still being signed gives way to the newer log
    if (signing) this.#notice("warning", this.#words.conflict);
    entry.base = headStamp(loaded.head);
    entry.summary = loaded.head.summary ?? entry.summary;
    return true;
  }

  /** Before a command: another tab may have saved this contract since (a few bytes to compare). */
  catchUp(/** @type {Entry} */ entry) {
    this.saveNow();
    const stored = this.#store.head(entry.id).head;
    if (stored && isNewer(headStamp(stored), entry.base)) this.reload(entry);
  }

  /**
   * Another tab changed storage. Returns what it means for the page: `removed` (the entry of
   * that id went), `added`, or `reloaded` (a newer log was read).
   * @param {{kind: string, id?: string, version?: number, name?: string}} info
   * @param {string} key
   */
  storageChanged(info, key) {
    this.saveNow();  // a change of ours that waits meets the other tab's in append
    if (info.kind === "quarantine" || info.kind === "cleared") this.quarantined = this.#store.quarantined();
    if (info.kind !== "contract" || info.id === undefined) return null;
    const entry = this.entries.get(info.id);
    if (info.version === VERSION) {
      const { head } = this.#store.head(info.id);
      if (!head && entry && !entry.readOnly) {
        entry.contract?.dispose();
        this.entries.delete(info.id);
        return "removed";
      }
      if (head && !entry) {
        this.entries.set(info.id, new Entry(info.id, { base: headStamp(head), summary: head.summary ?? null }));
        return "added";
      }
      if (head && entry && !entry.readOnly && isNewer(headStamp(head), entry.base)) {
        if (!entry.contract) {
          entry.base = headStamp(head);
          entry.summary = head.summary ?? entry.summary;
          return null;
        }
        return this.reload(entry) ? "reloaded" : null;
      }
    } else if ((info.version ?? 0) > VERSION && !entry) {
      const raw = this.#store.entries().find((e) => e.key === key)?.raw ?? null;
      if (raw !== null) this.#loadNewer({ id: info.id, raw });
    }
    return null;
  }

  // --- snapshots and commands ------------------------------------------------------------------

  /**
   * Takes an entry's snapshot: its state and what `role` may do at `now` (never behind its clock):
   * nothing where the contract is signed with a key of `role` this browser does not hold.
   */
  snapshot(/** @type {Entry} */ entry, /** @type {"client" | "freelancer"} */ role, /** @type {number} */ now) {
    const state = entry.contract.state();
    const at = atFor(now, state);
    const idle = entry.readOnly || !this.keys.canAct(role, state.contract.keys);
    const allowed = /** @type {Map<string, Set<string>>} */ (idle ? new Map() : entry.contract.allowedByMilestone(role, at));
    entry.snap = { state, allowed, at, role };
    entry.summary = summaryOf(state, entry);
    return entry.snap;
  }

  /**
   * Dispatches `command` (its `at` set) on a loaded entry and records what it added: told in the
   * activity, the snapshot taken for `role`, and stored after the next frame (`later`) or at once;
   * on a signed contract once it is signed (R26), and refused where this browser cannot sign it.
   */
  dispatch(/** @type {Entry} */ entry, /** @type {any} */ command, /** @type {"client" | "freelancer"} */ role, /** @type {number} */ now, later = true) {
    const keys = entry.snap.state.contract.keys;
    if (!this.keys.canAct(command.actor, keys)) {
      return { ok: false, error: { code: "NO_SIGNING_KEY", message: this.#words.noSigningKey(command.actor), params: { party: command.actor } } };
    }
    const result = entry.contract.dispatch(command);
    if (!result.ok) return result;
    const events = result.events;
    for (const e of events) entry.activity.push(e);
    this.snapshot(entry, role, now);
    // A party's events wait for its signature; the engine's own (a tick's) only for what waits before them.
    if (keys && (command.actor !== "system" || entry.signing)) this.#sign(entry, keys, later);
    else if (later) this.#saveSoon(entry, events);
    else this.persist(entry, entry.snap.state, events);
    return result;
  }

  /** Keeps a new contract (created, imported, from a link): stored at once, once signed (R26). */
  add(/** @type {string} */ id, /** @type {Contract} */ contract, /** @type {"client" | "freelancer"} */ role, /** @type {number} */ now, sample = false) {
    const entry = new Entry(id, { contract, summary: sample ? { sample: true } : null });
    entry.narrate(this.#words);
    this.entries.set(id, entry);
    this.snapshot(entry, role, now);
    const keys = entry.snap.state.contract.keys;
    this.pin(entry.snap.state.contract.id, keys);
    if (keys && contract.toSign()) this.#sign(entry, keys, false);
    else this.persist(entry, entry.snap.state);
    return entry;
  }

  /**
   * Signs what a command added to a signed contract (`keys`: its keys before it), after the next
   * frame (`later`) or at once, then stores it. Until then nothing of it is stored (saveNow passes
   * it over); what cannot be signed is never stored, and the page says so.
   */
  #sign(/** @type {Entry} */ entry, /** @type {{client: string, freelancer: string | null}} */ keys, /** @type {boolean} */ later) {
    entry.unsaved = null;  // persist reads the events, signed, from the engine
    this.#unsaved.add(entry);
    // A click's signature is made after the frame that shows it: the frame holds no signing.
    const signing = (later ? this.#afterFrame() : Promise.resolve()).then(() => this.keys.sign(entry.contract, keys)).catch(() => false);
    entry.signing = signing;
    signing.then((signed) => {
      if (entry.signing !== signing) return;  // a later command's signing stores both
      entry.signing = null;
      if (this.entries.get(entry.id) !== entry || entry.contract?.disposed !== false) return;
      if (!signed) {
        entry.unsigned = true;
        return this.#notice("warning", this.#words.notSigned);
      }
      const bound = keys.freelancer === null ? entry.contract.state().contract.keys : keys;
      if (bound.freelancer !== keys.freelancer) {  // this browser's freelancer key is bound now
        this.pin(entry.snap.state.contract.id, bound);
        this.snapshot(entry, entry.snap.role, entry.snap.at);
        this.#changed();
      }
      this.saveNow();
    });
  }

  /** After the next frame, or at once when the page is left (`leaving`). */
  #afterFrame() {
    return new Promise((resolve) => {
      const go = () => this.#deferred.delete(go) && resolve(undefined);
      this.#deferred.add(go);
      afterFrame().then(go);
    });
  }

  /** The page is hidden or left: signs what waits at once, and stores what it can. */
  leaving() {
    for (const go of [...this.#deferred]) go();
    this.saveNow();
  }

  /** Resolves once every signing under way is done (before a log is shared, exported or compared). */
  async settled() {
    for (let e = this.#signingEntry(); e; e = this.#signingEntry()) await e.signing;
  }

  #signingEntry() {
    return [...this.entries.values()].find((e) => e.signing);
  }

  /**
   * The keys this browser pinned for contract `contractId` (R26): the pin kept for it, with what
   * the contract kept here binds; null for an unsigned contract kept here; undefined when unknown.
   */
  pinned(/** @type {string} */ contractId) {
    const pin = this.pins.of(contractId);
    const entry = this.entryOf(contractId);
    const kept = entry && this.load(entry) ? entry.contract.state().contract.keys : undefined;
    if (kept === undefined) return pin;
    return pin ? pinOf(pin, kept) : kept;
  }

  /** The fingerprints of `keys`, or null while one is worked out (the page is drawn again then). @param {string[]} keys */
  fingerprints(keys) {
    return this.keys.fingerprints(keys, () => this.#changed());
  }

  /** Pins the keys of contract `contractId` (signed contracts only; written when they change). */
  pin(/** @type {string} */ contractId, /** @type {any} */ keys) {
    if (contractId && keys) this.pins.pin(contractId, keys);
  }

  /** Forgets a contract here and in storage. */
  remove(/** @type {string} */ id) {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.saveNow();
    if (!entry.readOnly) this.#store.remove(id);
    entry.contract?.dispose();
    this.entries.delete(id);
  }

  /** Frees every contract. */
  dispose() {
    this.saveNow();
    this.seen.dispose();
    for (const e of this.entries.values()) e.contract?.dispose();
    this.entries.clear();
  }

  // --- storage ---------------------------------------------------------------------------------

  /**
   * A person's change is stored right after the frame that shows it: the click's frame holds the
   * engine's work and the changed rows, not the storage reads and writes. Anything that acts or
   * reads storage first stores what waits (saveNow), and so does the page being hidden or left.
   */
  #saveSoon(/** @type {Entry} */ entry, /** @type {any[]} */ events) {
    entry.unsaved = entry.unsaved ? entry.unsaved.concat(events) : events;
    this.#unsaved.add(entry);
    this.#queueSave();
  }

  #queueSave() {
    if (this.#saveQueued) return;
    this.#saveQueued = true;
    afterFrame().then(() => this.saveNow());
  }

  /** Stores every change that waits to be stored; a failure (or the end of one) is shown. */
  saveNow() {
    this.#saveQueued = false;
    if (this.#unsaved.size === 0) return;
    const waiting = [...this.#unsaved];
    this.#unsaved.clear();
    const problem = this.#store.problem;
    let failed = false;
    for (const entry of waiting) {
      if (entry.signing) {  // stored once signed (R26)
        this.#unsaved.add(entry);
        continue;
      }
      if (entry.unsigned || !entry.snap) continue;
      const fresh = entry.unsaved;
      entry.unsaved = null;
      if (this.entries.get(entry.id) !== entry || !entry.contract || entry.readOnly) continue;
      if (!this.persist(entry, entry.snap.state, fresh)) failed = true;
    }
    if (failed || this.#store.problem !== problem) this.#changed();
  }

  /**
   * Saves what the contract added since storage last took it: `fresh`, the events the command
   * just added, when they are all of it; otherwise read from the engine. True when saved.
   */
  persist(/** @type {Entry} */ entry, /** @type {ContractState} */ state, /** @type {any[] | null} */ fresh = null) {
    const stamp = stampOf(state);
    if (!isNewer(stamp, entry.base)) return true;
    let base = entry.base;
    for (let attempt = 0; attempt < 2; attempt++) {
      const events = fresh && base.seq + fresh.length === stamp.seq ? fresh : entry.contract.events(base.seq);
      const saved = this.#store.append(entry.id, base, events.map((e) => JSON.stringify(e)), stamp, summaryOf(state, entry));
      if (saved.ok) {
        entry.base = stamp;
        return true;
      }
      if (saved.behind) {
        base = saved.behind;
        continue;
      }
      if (saved.conflict) {
        this.reload(entry);
        this.#notice("warning", this.#words.conflict);
      }
      return false;
    }
    return false;
  }
}
