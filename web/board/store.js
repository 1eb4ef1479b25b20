// Persistence of contract logs in localStorage: versioned, namespaced keys; quarantine for data
// that fails to load; read-only for data from a newer format; never overwriting newer data.
//
// Keys (prefix defaults to "milestone-board"):
//   <prefix>:v<N>:contract:<id>        {"format":"milestone-board","version":N,"savedAt":…,"log":{…}}
//   <prefix>:quarantine:<id>:<time>    the raw text of a record that failed to load
//   <prefix>:v1:setting:<name>         page settings (role, demo clock, banner dismissal, …)

export const FORMAT = "milestone-board";
export const VERSION = 1;

/** localStorage, or null where the browser refuses it (disabled, sandboxed, file:// quirks). */
function browserStorage() {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

/** The (seq, lastAt) of a log: a newer log has more events, or the same events and a later clock. */
export function logStamp(log) {
  return { seq: log?.events?.length ?? 0, lastAt: log?.lastAt ?? 0 };
}
export function isNewer(a, b) {
  return a.seq > b.seq || (a.seq === b.seq && a.lastAt > b.lastAt);
}

export class Store {
  #storage;
  #prefix;
  /** The last storage failure in words, or null while everything was saved. */
  problem = null;

  constructor({ prefix = FORMAT, storage } = {}) {
    this.#prefix = prefix;
    this.#storage = storage === undefined ? browserStorage() : storage;
    if (!this.#storage) this.problem = "This browser does not let the page use local storage.";
  }

  get prefix() {
    return this.#prefix;
  }

  contractKey(id, version = VERSION) {
    return `${this.#prefix}:v${version}:contract:${id}`;
  }

  /** What a storage key is: {kind: "contract", id, version} | {kind: "quarantine"} | {kind: "setting", name} | null. */
  parseKey(key) {
    if (typeof key !== "string" || !key.startsWith(this.#prefix + ":")) return null;
    const rest = key.slice(this.#prefix.length + 1);
    let m = /^v(\d+):contract:(.+)$/.exec(rest);
    if (m) return { kind: "contract", version: Number(m[1]), id: m[2] };
    m = /^v\d+:setting:(.+)$/.exec(rest);
    if (m) return { kind: "setting", name: m[1] };
    if (rest.startsWith("quarantine:")) return { kind: "quarantine" };
    return null;
  }

  #keys() {
    const keys = [];
    try {
      for (let i = 0; i < this.#storage.length; i++) keys.push(this.#storage.key(i));
    } catch (e) {
      this.#fail(e);
    }
    return keys;
  }

  /** Every stored contract entry: [{id, version, key, raw}], any version. */
  entries() {
    if (!this.#storage) return [];
    const out = [];
    for (const key of this.#keys()) {
      const info = this.parseKey(key);
      if (info?.kind !== "contract") continue;
      out.push({ id: info.id, version: info.version, key, raw: this.#get(key) });
    }
    return out;
  }

  /** The raw text under a key, or null. */
  #get(key) {
    try {
      return this.#storage?.getItem(key) ?? null;
    } catch (e) {
      this.#fail(e);
      return null;
    }
  }

  /** The stored record of contract `id` (current version): {record} | {missing} | {raw, error}. */
  read(id) {
    const raw = this.#get(this.contractKey(id));
    if (raw === null) return { missing: true };
    return decode(raw);
  }

  /**
   * Saves a contract's log unless the stored one is newer (another tab wrote it): then nothing is
   * written and the answer is {conflict: true}. Storage errors are caught: {ok: false}.
   */
  save(id, log, base) {
    if (!this.#storage) return { ok: false };
    const current = this.read(id);
    if (current.record && base && isNewer(logStamp(current.record.log), base)) return { conflict: true };
    if (current.error) return { ok: false, blocked: true };  // unreadable data is never overwritten
    const record = { format: FORMAT, version: VERSION, savedAt: Date.now(), log };
    try {
      this.#storage.setItem(this.contractKey(id), JSON.stringify(record));
      this.problem = null;
      return { ok: true };
    } catch (e) {
      this.#fail(e);
      return { ok: false };
    }
  }

  /** Keeps `raw` under a quarantine key, then removes the original key. Returns the new key or null. */
  quarantine(key, raw) {
    const id = this.parseKey(key)?.id ?? "unknown";
    const target = `${this.#prefix}:quarantine:${id}:${Date.now()}`;
    try {
      this.#storage.setItem(target, raw);
    } catch (e) {
      this.#fail(e);
      return null;  // could not copy: the original stays where it is, untouched
    }
    try {
      this.#storage.removeItem(key);
    } catch (e) {
      this.#fail(e);
    }
    return target;
  }

  /** Quarantined records: [{key, id, raw}]. */
  quarantined() {
    const out = [];
    for (const key of this.#keys()) {
      if (this.parseKey(key)?.kind !== "quarantine") continue;
      out.push({ key, id: key.split(":").at(-2), raw: this.#get(key) ?? "" });
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** A page setting (JSON), or `fallback`. */
  setting(name, fallback = null) {
    const raw = this.#get(`${this.#prefix}:v${VERSION}:setting:${name}`);
    if (raw === null) return fallback;
    try {
      return JSON.parse(raw);
    } catch {
      return fallback;
    }
  }

  setSetting(name, value) {
    try {
      this.#storage?.setItem(`${this.#prefix}:v${VERSION}:setting:${name}`, JSON.stringify(value));
    } catch (e) {
      this.#fail(e);
    }
  }

  /** Calls `callback(info, key)` when another tab changes one of this store's keys. */
  watch(callback, target = globalThis) {
    const listener = (event) => {
      if (event.storageArea && event.storageArea !== this.#storage) return;
      if (event.key === null) return callback({ kind: "cleared" }, null);
      const info = this.parseKey(event.key);
      if (info) callback(info, event.key);
    };
    target.addEventListener?.("storage", listener);
    return () => target.removeEventListener?.("storage", listener);
  }

  #fail(error) {
    const quota = error?.name === "QuotaExceededError" || error?.code === 22;
    this.problem = quota
      ? "Not saved: the browser's storage for this page is full."
      : `Not saved: the browser refused to store data (${error?.message ?? error}).`;
  }
}

/** Parses a stored record: {record} or {raw, error}. */
export function decode(raw) {
  let record;
  try {
    record = JSON.parse(raw);
  } catch {
    return { raw, error: "it is not valid JSON" };
  }
  if (!record || record.format !== FORMAT || !Number.isInteger(record.version) || typeof record.log !== "object" || record.log === null) {
    return { raw, error: "it is not a saved contract" };
  }
  return { record };
}
