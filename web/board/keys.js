// @ts-check
// R26: this browser's signing keys and the keys it pinned. One Ed25519 key pair per role per
// storage prefix (the board acts as either party), made by WebCrypto with a private key that
// cannot be exported: it never leaves the browser profile, kept as a CryptoKey in IndexedDB. The
// client's pair is made when a board of the prefix first starts (a new contract, which any click
// or host may create at once, names it), the freelancer's when this browser first signs as the
// freelancer. Pins: the keys of each contract as first seen here, kept per contract id in the
// board's storage; a log from elsewhere whose keys differ is refused (sharing.js, trust.js).
import { generateSigningKey, keyFingerprint, signingSupported } from "../milestones.js";

/** @typedef {import("../milestones.js").SigningKey} SigningKey */
/** @typedef {import("../milestones.js").Contract} Contract */
/** @typedef {"client" | "freelancer"} Role */
/** A contract's keys, as the engine's state gives them (null: an unsigned contract). @typedef {{client: string, freelancer: string | null} | null} Bound */
/**
 * Where key pairs are kept: IndexedDB in a browser (`indexedDbKeyStore`), a Map in tests. `add`
 * keeps `value` under `name` unless something is kept there already, and returns what is kept
 * (two tabs making a key at once keep the first).
 * @typedef {{get(name: string): Promise<SigningKey | undefined>, add(name: string, value: SigningKey): Promise<SigningKey>}} KeyStore
 */
/** What Keys uses of WebCrypto (milestones.js by default; tests give their own). @typedef {{generateSigningKey(): Promise<SigningKey>, keyFingerprint(key: string): Promise<string>, signingSupported(): Promise<boolean>}} Crypto */

const DATABASE = "milestone-board-keys";
const TABLE = "keys";
const OPEN_TIMEOUT_MS = 3000;

/** An IndexedDB request as a promise. @template T @param {IDBRequest<T>} request @returns {Promise<T>} */
function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The key pairs kept in this browser profile's IndexedDB (structured clones of the CryptoKeys). @returns {KeyStore} */
export function indexedDbKeyStore() {
  /** @type {Promise<IDBDatabase> | null} */ let opened = null;
  const db = () => (opened ??= new Promise((resolve, reject) => {
    const request = globalThis.indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(TABLE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("blocked"));
  }));
  const table = async (/** @type {IDBTransactionMode} */ mode) => (await db()).transaction(TABLE, mode).objectStore(TABLE);
  return {
    get: async (name) => done((await table("readonly")).get(name)),
    add: async (name, value) => {
      try {
        await done((await table("readwrite")).add(value, name));
        return value;
      } catch (e) {
        if (/** @type {Error} */ (e)?.name !== "ConstraintError") throw e;
        return done((await table("readonly")).get(name));  // another tab kept one first
      }
    },
  };
}

/** A promise that rejects after `ms`. @param {number} ms */
const timeout = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));

/** This browser's key pairs for one storage prefix, and the fingerprints of keys shown. */
export class Keys {
  /** Whether this browser signs (Ed25519) and keeps keys (IndexedDB). */
  supported;
  #prefix;
  #store;
  #crypto;
  /** @type {Record<Role, SigningKey | null>} */ #held = { client: null, freelancer: null };
  /** @type {Partial<Record<Role, Promise<SigningKey | null>>>} */ #making = {};
  /** @type {Map<string, string | Promise<string>>} public key -> its fingerprint (or on its way) */
  #fingerprints = new Map();
  /** @type {Set<string>} bound keys this browser looked for in its store (another tab may have made one) */
  #lookedFor = new Set();
  /** Called when a key another tab made is found here (what this browser can do changed). */
  onChange = () => {};

  /** @param {{prefix: string, store: KeyStore | null, crypto?: Crypto, supported?: boolean}} o */
  constructor({ prefix, store, crypto = { generateSigningKey, keyFingerprint, signingSupported }, supported = store !== null }) {
    this.#prefix = prefix;
    this.#store = store;
    this.#crypto = crypto;
    this.supported = supported;
  }

  /**
   * Opens the keys of `prefix`: the pairs kept, the client's made if there is none. Never
   * rejects: where WebCrypto has no Ed25519 or IndexedDB fails, the keys are not `supported`
   * (the board works unsigned).
   * @param {{prefix: string, store?: KeyStore, crypto?: Crypto}} o @returns {Promise<Keys>}
   */
  static async open({ prefix, store, crypto }) {
    const keys = new Keys({ prefix, store: null, crypto });
    try {
      if (!(await keys.#crypto.signingSupported())) return keys;
      keys.#store = store ?? indexedDbKeyStore();
      await Promise.race([keys.#load(), timeout(OPEN_TIMEOUT_MS)]);
      keys.supported = true;
    } catch {
      keys.#store = null;  // nothing kept, nothing made: unsigned
      keys.#held = { client: null, freelancer: null };
    }
    return keys;
  }

  /** Keys that sign nothing (no WebCrypto Ed25519, or a board given none). */
  static none() {
    return new Keys({ prefix: "", store: null });
  }

  async #load() {
    const [client, freelancer] = await Promise.all([this.#store.get(this.#name("client")), this.#store.get(this.#name("freelancer"))]);
    this.#held = { client: client ?? null, freelancer: freelancer ?? null };
    await this.ensure("client");
    for (const k of Object.values(this.#held)) if (k) this.#fingerprints.set(k.publicKey, await this.#crypto.keyFingerprint(k.publicKey));
  }

  #name(/** @type {Role} */ role) {
    return `${this.#prefix}:${role}`;
  }

  /** The key pair this browser holds for `role`, or null. @param {Role} role */
  held(role) {
    return this.supported ? this.#held[role] : null;
  }

  /** Whether `publicKey` is one of this browser's. @param {string | null | undefined} publicKey */
  holds(publicKey) {
    return Boolean(publicKey) && (this.#held.client?.publicKey === publicKey || this.#held.freelancer?.publicKey === publicKey);
  }

  /**
   * The pair of `role`, made and kept on first need (another tab's, if it kept one first); null
   * where this browser cannot sign. @param {Role} role @returns {Promise<SigningKey | null>}
   */
  ensure(role) {
    if (this.#held[role]) return Promise.resolve(this.#held[role]);
    if (!this.#store) return Promise.resolve(null);
    this.#making[role] ??= (async () => {
      const name = this.#name(role);
      const kept = (await this.#store.get(name)) ?? (await this.#store.add(name, await this.#crypto.generateSigningKey()));
      this.#fingerprints.set(kept.publicKey, await this.#crypto.keyFingerprint(kept.publicKey));
      return (this.#held[role] = kept);
    })().finally(() => { delete this.#making[role]; });
    return /** @type {Promise<SigningKey | null>} */ (this.#making[role]);
  }

  /**
   * Whether this browser can sign as `role` on a contract whose keys are `bound`: always on an
   * unsigned contract (and for the engine's own `system`); on a signed one, with the key bound to
   * the role, or as the freelancer before one is bound (this browser's then binds).
   * @param {string} role @param {Bound} bound
   */
  canAct(role, bound) {
    if (!bound || (role !== "client" && role !== "freelancer")) return true;
    if (!this.supported) return false;
    if (!this.#held[role] && bound[role]) this.#lookFor(role, bound[role]);
    const mine = this.#held[role]?.publicKey;
    return role === "client" ? mine === bound.client : bound.freelancer === null ? mine !== bound.client : mine === bound.freelancer;
  }

  /**
   * Looks once in the store for the pair of `role`, which another tab of this profile may have made
   * since this one opened its keys (and bound as `key`); tells `onChange` when it is there.
   * @param {Role} role @param {string} key
   */
  #lookFor(role, key) {
    if (!this.#store || this.#lookedFor.has(key)) return;
    this.#lookedFor.add(key);
    this.#store.get(this.#name(role)).then(async (kept) => {
      if (!kept || this.#held[role]) return;
      this.#fingerprints.set(kept.publicKey, await this.#crypto.keyFingerprint(kept.publicKey));
      this.#held[role] = kept;
      this.onChange();
    }).catch(() => {});
  }

  /**
   * Signs what waits for a signature on `contract` (whose keys were `bound`) with the keys this
   * browser holds for it; the freelancer's pair is made here when it is first needed, to bind.
   * Resolves to whether every event is signed.
   * @param {Contract} contract @param {{client: string, freelancer: string | null}} bound @returns {Promise<boolean>}
   */
  async sign(contract, bound) {
    /** @type {{client?: SigningKey, freelancer?: SigningKey}} */
    const keys = {};
    for (const role of /** @type {Role[]} */ (["client", "freelancer"])) if (this.#held[role] && this.canAct(role, bound)) keys[role] = this.#held[role];
    await contract.signPending(keys);
    let next = contract.toSign();
    if (next?.by === "freelancer" && !keys.freelancer && this.canAct("freelancer", bound)) {
      keys.freelancer = await this.ensure("freelancer");
      await contract.signPending(keys);
      next = contract.toSign();
    }
    return next === null;
  }

  /**
   * The fingerprints of `keys` ("3f9a 0c12 77be 41d0"), or null while one is being worked out
   * (`ready` is called once it is). @param {string[]} keys @param {() => void} ready
   * @returns {string[] | null}
   */
  fingerprints(keys, ready) {
    const out = [];
    for (const key of keys) {
      const known = this.#fingerprints.get(key);
      if (typeof known === "string") {
        out.push(known);
        continue;
      }
      if (!known) {
        const working = this.#crypto.keyFingerprint(key).then((fp) => {
          this.#fingerprints.set(key, fp);
          ready();
          return fp;
        }, () => {
          this.#fingerprints.delete(key);
          return "";
        });
        this.#fingerprints.set(key, working);
      }
      return null;
    }
    return out;
  }

  /** The fingerprint of `key`, worked out if need be. @param {string} key @returns {Promise<string>} */
  async fingerprint(key) {
    const known = this.#fingerprints.get(key);
    if (known) return known;
    const fp = await this.#crypto.keyFingerprint(key);
    this.#fingerprints.set(key, fp);
    return fp;
  }
}

// --- pins ------------------------------------------------------------------------------------------

/**
 * Which party's key of `incoming` (a log's keys) differs from `pinned` (the keys kept for that
 * contract; undefined: never seen here), or null when none does. A freelancer's key bound in
 * `incoming` on a contract pinned without one does not differ (it binds now), nor does a log
 * from before the freelancer's key was bound; an unsigned log of a contract pinned as signed, or
 * the other way round, differs in the client's key.
 * @param {Bound | undefined} pinned @param {Bound} incoming @returns {Role | null}
 */
export function keyDiffers(pinned, incoming) {
  if (pinned === undefined) return null;
  if ((pinned?.client ?? null) !== (incoming?.client ?? null)) return "client";
  const freelancer = incoming?.freelancer ?? null;
  return pinned?.freelancer && freelancer !== null && freelancer !== pinned.freelancer ? "freelancer" : null;
}

/** `pinned` with what `incoming` adds (a freelancer's key bound since). @param {Bound | undefined} pinned @param {Bound} incoming */
export function pinOf(pinned, incoming) {
  if (!pinned || !incoming) return incoming;
  return { client: pinned.client, freelancer: pinned.freelancer ?? incoming.freelancer };
}

/**
 * The keys this browser pinned, per contract id, as settings of the board's store (`keys:<contract
 * id>`, under its prefix): written when a signed contract is first seen here (made, opened from a
 * link, imported) and when its freelancer's key is bound, never changed otherwise.
 */
export class Pins {
  #store;

  /** @param {{setting(name: string, fallback?: any): any, setSetting(name: string, value: unknown): void}} store */
  constructor(store) {
    this.#store = store;
  }

  /** The keys pinned for contract `id`, or undefined. @param {string} id @returns {Bound | undefined} */
  of(id) {
    const pinned = this.#store.setting(`keys:${id}`, undefined);
    return pinned && typeof pinned.client === "string" ? { client: pinned.client, freelancer: typeof pinned.freelancer === "string" ? pinned.freelancer : null } : undefined;
  }

  /**
   * Pins `keys` for contract `id` (what they add to the pin there is): written only when it
   * changes, and never for an unsigned contract. @param {string} id @param {Bound} keys
   */
  pin(id, keys) {
    if (!keys) return;
    const pinned = this.of(id);
    const next = pinOf(pinned, keys);
    if (pinned && pinned.client === next.client && pinned.freelancer === next.freelancer) return;
    this.#store.setSetting(`keys:${id}`, next);
  }
}
