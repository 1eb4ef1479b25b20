// @ts-check
// The byte-level edge of the JavaScript API: Wire and Tape, which milestones.js uses to move
// lines, commands and answers through WebAssembly memory. Not part of the package's public API.

/** @typedef {import("./milestones.js").EngineErrorInfo} EngineErrorInfo */
/** @typedef {import("./milestones.js").AllowedCommand["type"]} AllowedType */
/** @typedef {import("./milestones.js").ContractState} ContractState */
/** @typedef {import("./milestones.js").EngineEvent} EngineEvent */
/**
 * The state query's answer for a reader holding an earlier state: the milestones changed since
 * (all of them for a reader holding none), and `order`, every milestone's id, when the order
 * changed.
 * @typedef {Omit<ContractState, "milestones"> & {milestones: ContractState["milestones"], order?: string[]}} StateChanges
 */

/**
 * A session of the raw module (embind's `Session`): one contract's protocol state. handleUtf8
 * takes `length` UTF-8 bytes at `ptr` and returns the answer's length (the answer stays in the
 * module's answer buffer); address() is where the session is in WebAssembly memory.
 * @typedef {{handle(line: string): string, handleUtf8(ptr: number, length: number): number,
 *   address(): number, delete(): void}} RawSession
 */
/**
 * The raw module (web/dist/milestones-core.mjs): embind's `Session` and `releaseAnswer`, the
 * memory views, malloc, and the plain exports of bindings/wasm.cpp (documented there), which take
 * and return addresses and sizes; most leave their answer in one buffer and return its length.
 * @typedef {object} RawModule
 * @property {new () => RawSession} Session
 * @property {() => void} releaseAnswer
 * @property {Uint8Array} HEAPU8
 * @property {Int32Array} HEAP32
 * @property {Uint32Array} HEAPU32
 * @property {(size: number) => number} _malloc
 * @property {(ptr: number) => void} _free
 * @property {(session: number, tape: number, size: number, count: number, results: number) => number} _milestones_run_tape
 * @property {(session: number, first: number, count: number) => number} _milestones_events
 * @property {(session: number, log: number, size: number) => number} _milestones_restore
 * @property {(session: number, since: number) => number} _milestones_state_changes
 * @property {(session: number, actor: number, at: number, after: number, count: number) => number} _milestones_allowed
 * @property {(session: number) => number} _milestones_event_count
 * @property {() => number} _milestones_allowed_types
 * @property {() => number} _milestones_memory_in_use
 * @property {() => number} _milestones_answer_size
 * @property {() => number} _milestones_answer_data
 * @property {() => number} _milestones_tape_schema
 */

/**
 * A field of the tape schema: its key, and the fields of its object (or of its array's objects),
 * or null for a scalar.
 * @typedef {[string, TapeField[] | null]} TapeField
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const KEEP_BYTES = 1 << 20;  // buffers above this are given back after each call

// The byte-level edge (bindings/wasm.cpp). JSON lines go into WebAssembly memory through
// TextEncoder.encodeInto and answers come back through TextDecoder, both native, instead of
// embind's character-by-character string copies; commands go as a tape (see Tape) through plain
// WebAssembly exports.
export class Wire {
  /** @type {RawModule} */
  #raw;
  /** @type {AllowedType[] | null} */
  #types = null;  // the names packed `allowed` entries index
  /** @type {string[]} */
  #ids = [];      // milestone number -> its id, made once
  #count = 0;     // 4 bytes for the count of packed entries
  #ptr = 0;
  #capacity = 0;
  #results = 0;
  #slots = 0;

  /** @param {RawModule} raw */
  constructor(raw) {
    this.#raw = raw;
    /** The command tape the next run() reads. */
    this.tape = new Tape(raw, JSON.parse(this.#answer(raw._milestones_tape_schema())));
  }

  /**
   * Sends one protocol line to `session`; returns the answer line.
   * @param {RawSession} session @param {string} line @returns {string}
   */
  send(session, line) {
    const raw = this.#raw;
    const ptr = this.#reserve(line.length * 3);  // the most UTF-8 bytes a UTF-16 string can take
    if (!ptr) return session.handle(line);  // no room for a copy: embind's own path
    const { written } = encoder.encodeInto(line, raw.HEAPU8.subarray(ptr, ptr + this.#capacity));
    const answer = this.#answer(session.handleUtf8(ptr, written));
    this.#settle();
    return answer;
  }

  /**
   * Runs the commands on the tape, at most `count`; returns how many ran (see result()).
   * @param {number} address The session's address. @param {number} count @returns {number}
   */
  run(address, count) {
    const raw = this.#raw;
    if (count > this.#slots) {
      if (this.#results) raw._free(this.#results);
      this.#slots = Math.max(count, 64);
      this.#results = raw._malloc(this.#slots * 4);
      if (!this.#results) this.#slots = 0;
    }
    if (!this.#results) return 0;  // no room: the commands go as JSON
    const ran = raw._milestones_run_tape(address, this.tape.address, this.tape.length, count, this.#results);
    // The answer holds only the refusals of this run: one command's is small, many may not be.
    if (count > 1 && raw._milestones_answer_size() > KEEP_BYTES) raw.releaseAnswer();
    return ran;
  }

  /**
   * The k-th result of the last run: events appended, -1 refused, -2 not read.
   * @param {number} k @returns {number}
   */
  result(k) {
    return this.#raw.HEAP32[(this.#results >> 2) + k];
  }

  /**
   * The refusals of the last run, in order, as error objects.
   * @returns {EngineErrorInfo[]}
   */
  rejections() {
    const text = this.#answer(this.#raw._milestones_answer_size());
    return text.split("\n", text.length).filter((line) => line).map((line) => JSON.parse(line));
  }

  /**
   * `allowed` grouped by milestone, read from the packed answer (no JSON): a Map of milestone id
   * ("" for contract-wide) to the Set of command types. A group that equals its Set in `previous`
   * keeps that Set (so `===` says what changed). Null when there is no memory for it.
   * @param {number} address The session's address.
   * @param {number} actor The actor's number (ACTORS).
   * @param {number} at The time; -1 with `after`: that event's time.
   * @param {number} [after] 0 for now, or the event to look back to.
   * @param {Map<string, Set<AllowedType>> | null} [previous] The last answer for this actor.
   * @returns {Map<string, Set<AllowedType>> | null}
   */
  allowedSets(address, actor, at, after = 0, previous = null) {
    const raw = this.#raw;
    this.#types ??= JSON.parse(this.#answer(raw._milestones_allowed_types()));
    this.#count ||= raw._malloc(4);
    if (!this.#count) return null;
    const at32 = raw._milestones_allowed(address, actor, at, after, this.#count);
    const n = raw.HEAPU32[this.#count >> 2];
    const words = raw.HEAPU32;
    const types = this.#types;
    /** @type {Map<string, Set<AllowedType>>} */
    const out = new Map();
    // The entries come grouped by milestone; a milestone's group is compared with the one before.
    for (let k = 0, p = at32 >> 2; k < n;) {
      const number = words[p + k] & 0xffffff;
      let end = k + 1;
      while (end < n && (words[p + end] & 0xffffff) === number) end++;
      const id = number === 0 ? "" : (this.#ids[number] ??= `m${number}`);
      const old = previous?.get(id);
      let same = old !== undefined && old.size === end - k && !out.has(id);
      for (let i = k; same && i < end; i++) same = old.has(types[words[p + i] >>> 24]);
      if (same) {
        out.set(id, old);
      } else {
        const set = new Set(out.get(id));  // a group seen before (never split in practice) is kept
        for (let i = k; i < end; i++) set.add(types[words[p + i] >>> 24]);
        out.set(id, set);
      }
      k = end;
    }
    return out;
  }

  /**
   * The events [first, first + count) of a session's log.
   * @param {number} address @param {number} first @param {number} count
   * @returns {EngineEvent[]}
   */
  events(address, first, count) {
    return JSON.parse(this.#answer(this.#raw._milestones_events(address, first, count)));
  }

  /**
   * The state query's answer for a reader that holds the state as of event `since`: the
   * milestones changed since, and `order` when the order changed.
   * @param {number} address @param {number} since
   * @returns {{ok: true, state: StateChanges} | {ok: false, error: EngineErrorInfo}}
   */
  stateChanges(address, since) {
    return JSON.parse(this.#answer(this.#raw._milestones_state_changes(address, since)));
  }

  /**
   * Restores a log given as JSON text into a session; the answer line.
   * @param {number} address @param {string} text @returns {string}
   */
  restore(address, text) {
    const raw = this.#raw;
    const ptr = this.#reserve(text.length * 3);
    if (!ptr) return JSON.stringify({ ok: false, error: { code: "INVALID_COMMAND", message: "The engine ran out of memory on this line; nothing was changed.", params: {} } });
    const { written } = encoder.encodeInto(text, raw.HEAPU8.subarray(ptr, ptr + this.#capacity));
    const answer = this.#answer(raw._milestones_restore(address, ptr, written));
    this.#settle();
    return answer;
  }

  /**
   * How many events a session's log holds.
   * @param {number} address @returns {number}
   */
  eventCount(address) {
    return this.#raw._milestones_event_count(address);
  }

  /**
   * The answer buffer's first `length` bytes, as text.
   * @param {number} length @returns {string}
   */
  #answer(length) {
    const raw = this.#raw;
    const at = raw._milestones_answer_data();
    return decoder.decode(raw.HEAPU8.subarray(at, at + length));
  }

  /**
   * The line buffer, with room for `need` bytes; 0 when there is none.
   * @param {number} need @returns {number}
   */
  #reserve(need) {
    if (need > this.#capacity) {
      this.#free();
      const size = Math.max(need, 4096);
      this.#ptr = this.#raw._malloc(size);
      this.#capacity = this.#ptr ? size : 0;
    }
    return this.#ptr;
  }

  /** Large buffers and answers are given back after each call. */
  #settle() {
    if (this.#raw._milestones_answer_size() > KEEP_BYTES) this.#raw.releaseAnswer();
    if (this.#capacity > KEEP_BYTES) this.#free();
  }

  /** Frees the line buffer. */
  #free() {
    if (this.#ptr) this.#raw._free(this.#ptr);
    this.#ptr = 0;
    this.#capacity = 0;
  }
}

/** The latest time the protocol accepts: 9999-12-31T23:59:59.999Z. */
export const MAX_AT = 253402300799999;
/** The actors' numbers on the tape and in the packed `allowed` query. */
export const ACTORS = { client: 0, freelancer: 1, system: 2 };
const OBJECT = Object.prototype;

// A string is well formed when it has no lone surrogate (JSON text would carry one as an escape
// the engine refuses; TextEncoder would turn it into U+FFFD): such strings take the JSON path.
// (String#isWellFormed is ES2024: typed by hand here.)
/** @type {(s: string) => boolean} */
const wellFormed = typeof /** @type {any} */ ("").isWellFormed === "function"
  ? (s) => /** @type {any} */ (s).isWellFormed()
  : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

// Plain objects (object literals, JSON.parse results) are written field by field; anything else
// (class instances, objects with toJSON) goes through JSON text, whose rules then apply.
/** @type {(o: object) => boolean} */
const plain = (o) => {
  const proto = Object.getPrototypeOf(o);
  return (proto === OBJECT || proto === null) && typeof /** @type {any} */ (o).toJSON !== "function";
};

// The compact command form (core/wire/tape.hpp): type, actor and time, then the command's fields
// in the engine's own order (its tape schema), each tagged with its JavaScript kind. It holds
// only what it can hold exactly; write() says false for anything else, and that command goes as
// JSON text, where the engine words any refusal. Both paths give the same answer.
class Tape {
  /** @type {RawModule} */
  #raw;
  /** @type {Map<string, [number, TapeField[]]>} */
  #types;          // command name -> [index, fields]; fields: [[key, fields of an object | null]]
  #ptr = 0;        // the tape lives in WebAssembly memory: nothing is copied to run it
  #size = 0;
  /** @type {Uint8Array} */
  #bytes = new Uint8Array(0);
  /** @type {DataView} */
  #view = new DataView(this.#bytes.buffer);
  #pos = 0;

  /**
   * @param {RawModule} raw
   * @param {{commands: [string, TapeField[]][]}} schema The engine's tape schema.
   */
  constructor(raw, schema) {
    this.#raw = raw;
    this.#types = new Map(schema.commands.map(([name, fields], index) => [name, [index, fields]]));
  }

  /** Where the tape is in WebAssembly memory. */
  get address() { return this.#ptr; }
  /** How many bytes the tape holds. */
  get length() { return this.#pos; }

  /** Empties the tape (its memory is kept for the next commands). */
  clear() {
    this.#pos = 0;
    // When the memory grows, its old buffer is detached and views on it read as empty.
    if (this.#bytes.length !== this.#size) this.#views(this.#ptr, this.#size);
  }

  /**
   * Appends one command; false (and nothing appended) when it cannot be written exactly.
   * @param {any} command Anything a caller passed as a command.
   * @returns {boolean}
   */
  write(command) {
    const start = this.#pos;
    if (this.#command(command)) return true;
    this.#pos = start;
    return false;
  }

  /**
   * The command with only the fields its type has (for the JSON path): fields a command does not
   * have are ignored whatever they hold, on both paths.
   * @param {any} c Anything a caller passed as a command; what is not a plain object, as it is.
   * @returns {any}
   */
  project(c) {
    if (c === null || typeof c !== "object" || Array.isArray(c) || !plain(c)) return c;
    const type = typeof c.type === "string" ? this.#types.get(c.type) : undefined;
    return Tape.#pick(c, [["type", null], ["actor", null], ["at", null], ...(type?.[1] ?? [])]);
  }

  /**
   * The object with the listed keys only, in the object's own order (so JSON text, and the byte
   * positions an INVALID_JSON message names, read as they would without the other keys).
   * @param {Record<string, any>} object @param {TapeField[]} fields @returns {Record<string, any>}
   */
  static #pick(object, fields) {
    /** @type {Record<string, any>} */
    const out = {};
    for (const key of Object.keys(object)) {
      const field = fields.find((f) => f[0] === key);
      if (field === undefined) continue;
      const nested = field[1];
      /** @type {(x: any) => any} */
      const one = (x) =>
        nested !== null && x !== null && typeof x === "object" && !Array.isArray(x) && plain(x)
          ? Tape.#pick(x, nested)
          : x;
      const v = object[key];
      out[key] = nested !== null && Array.isArray(v) ? v.map(one) : one(v);
    }
    return out;
  }

  /**
   * Writes a command's type, actor, time and fields; false when it cannot be written exactly.
   * @param {any} c @returns {boolean}
   */
  #command(c) {
    if (c === null || typeof c !== "object" || Array.isArray(c) || !plain(c)) return false;
    const type = this.#types.get(c.type);
    const actor = typeof c.actor !== "string" ? -1 : ACTORS[c.actor] ?? (wellFormed(c.actor) ? 3 : -1);
    const at = c.at;
    if (type === undefined || actor < 0 || !Number.isSafeInteger(at) || at < 0 || at > MAX_AT) {
      return false;
    }
    if (!this.#room(10)) return false;
    this.#bytes[this.#pos] = type[0];
    this.#bytes[this.#pos + 1] = actor;
    this.#view.setFloat64(this.#pos + 2, at, true);
    this.#pos += 10;
    return this.#fields(c, type[1]);
  }

  /**
   * Writes an object's values in the schema's order.
   * @param {Record<string, any>} object @param {TapeField[]} fields @returns {boolean}
   */
  #fields(object, fields) {
    for (let i = 0; i < fields.length; i++) {
      if (!this.#value(object[fields[i][0]], fields[i][1])) return false;
    }
    return true;
  }

  /**
   * Writes one value, tagged with its kind; `fields` are those of its objects, if any.
   * @param {unknown} v @param {TapeField[] | null} fields @returns {boolean}
   */
  #value(v, fields) {
    if (!this.#room(9)) return false;
    if (v === undefined || v === null) {
      this.#bytes[this.#pos++] = 0;
      return true;
    }
    switch (typeof v) {
      case "string":
        return this.#string(v);
      case "number":
        if (!Number.isSafeInteger(v)) return false;
        this.#bytes[this.#pos] = 2;
        this.#view.setFloat64(this.#pos + 1, v, true);
        this.#pos += 9;
        return true;
      case "boolean":
        this.#bytes[this.#pos++] = v ? 3 : 4;
        return true;
      case "object":
        if (Array.isArray(v)) {
          this.#bytes[this.#pos] = 6;
          this.#view.setUint32(this.#pos + 1, v.length, true);
          this.#pos += 5;
          for (let i = 0; i < v.length; i++) {
            if (!this.#value(v[i], fields)) return false;
          }
          return true;
        }
        if (fields === null || !plain(v)) return false;
        this.#bytes[this.#pos++] = 5;
        return this.#fields(v, fields);
      default:
        return false;  // bigint, function, symbol: JSON text says what it makes of them
    }
  }

  /**
   * Writes a string as UTF-8 (ASCII byte by byte, the rest by TextEncoder); false for a string
   * with a lone surrogate.
   * @param {string} s @returns {boolean}
   */
  #string(s) {
    const n = s.length;
    if (!this.#room(5 + n * 3)) return false;
    const bytes = this.#bytes;
    const at = this.#pos + 5;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[at + i] = c;
    }
    let length = i;
    if (i < n) {
      if (!wellFormed(s)) return false;
      length = encoder.encodeInto(s, bytes.subarray(at, at + n * 3)).written;
    }
    bytes[this.#pos] = 1;
    this.#view.setUint32(this.#pos + 1, length, true);
    this.#pos = at + length;
    return true;
  }

  /**
   * Makes room for n more bytes; false when there is none (the command then goes as JSON).
   * @param {number} n @returns {boolean}
   */
  #room(n) {
    if (this.#pos + n <= this.#size) return true;
    const raw = this.#raw;
    let size = Math.max(this.#size * 2, 4096);
    while (size < this.#pos + n) size *= 2;
    const ptr = raw._malloc(size);
    if (!ptr) return false;
    raw.HEAPU8.copyWithin(ptr, this.#ptr, this.#ptr + this.#pos);
    if (this.#ptr) raw._free(this.#ptr);
    this.#views(ptr, size);
    return true;
  }

  /**
   * Points the byte views at the tape's memory (again after the memory grew).
   * @param {number} ptr @param {number} size
   */
  #views(ptr, size) {
    const buffer = this.#raw.HEAPU8.buffer;
    this.#ptr = ptr;
    this.#size = size;
    this.#bytes = new Uint8Array(buffer, ptr, size);
    this.#view = new DataView(buffer, ptr, size);
  }
}

