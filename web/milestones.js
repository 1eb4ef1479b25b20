// The JavaScript API of the milestone engine: the WebAssembly build behind plain objects.
// This is the only code that touches the raw embind module (web/dist/milestones-core.mjs).
import createMilestonesModule from "./dist/milestones-core.mjs";

/** An engine refusal raised as an exception (restore, allowed, banner): `.code` is the wire code. */
export class EngineError extends Error {
  constructor(error) {
    super(error.message);
    this.name = "EngineError";
    this.code = error.code;
    if (error.rule !== undefined) this.rule = error.rule;
    if (error.field !== undefined) this.field = error.field;
    if (error.index !== undefined) this.index = error.index;
  }
}

const isNode =
  typeof process === "object" && typeof process.versions?.node === "string" &&
  typeof window === "undefined";

/**
 * Loads and instantiates the WebAssembly engine.
 * options.wasmUrl: where the .wasm lives (default: dist/milestones-core.wasm next to this file);
 * options.wasmBinary: the .wasm bytes themselves; options.locateFile: Emscripten's hook;
 * options.module: the compiled WebAssembly.Module, or a promise of it (a page can start
 *   `WebAssembly.compileStreaming(fetch(url))` before its code has loaded, and engines can share one).
 */
export async function loadEngine(options = {}) {
  const moduleOptions = {};
  if (options.module) {
    // Emscripten's hook: the glue hands over its imports and waits for the instance.
    let failed;
    const failure = new Promise((_, reject) => { failed = reject; });
    moduleOptions.instantiateWasm = (imports, receive) => {
      const fit = (module) => WebAssembly.instantiate(module, imports)
        .then((instance) => receive(instance))
        .catch((e) => {
          const why = `The WebAssembly module is not the engine this milestones.js was built with (${e.message}).`;
          throw new Error(why, { cause: e });
        });
      Promise.resolve(options.module).then(fit).catch(failed);  // a rejected promise as it is
      return {};
    };
    return new Engine(await Promise.race([createMilestonesModule(moduleOptions), failure]));
  }
  if (options.wasmBinary) {
    moduleOptions.wasmBinary = options.wasmBinary;
  } else if (isNode) {
    // Node's fetch cannot read file: URLs, so the bytes are read from disk.
    const fsModule = "node:fs/promises";
    const { readFile } = await import(/* @vite-ignore */ fsModule);
    const url = new URL(options.wasmUrl ?? "./dist/milestones-core.wasm", import.meta.url);
    moduleOptions.wasmBinary = await readFile(url);
  } else if (options.locateFile) {
    moduleOptions.locateFile = options.locateFile;
  } else if (options.wasmUrl) {
    moduleOptions.locateFile = () => String(options.wasmUrl);
  }
  return new Engine(await createMilestonesModule(moduleOptions));
}

const QUERY_LOG = '{"query":"log"}';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const KEEP_BYTES = 1 << 20;  // buffers above this are given back after each call

// The byte-level edge (bindings/wasm.cpp). JSON lines go into WebAssembly memory through
// TextEncoder.encodeInto and answers come back through TextDecoder, both native, instead of
// embind's character-by-character string copies; commands go as a tape (see Tape) through plain
// WebAssembly exports.
class Wire {
  #raw;
  #types = null;  // the names packed `allowed` entries index
  #ids = [];      // milestone number -> its id, made once
  #count = 0;     // 4 bytes for the count of packed entries
  #ptr = 0;
  #capacity = 0;
  #results = 0;
  #slots = 0;

  constructor(raw) {
    this.#raw = raw;
    this.tape = new Tape(raw, JSON.parse(this.#answer(raw._milestones_tape_schema())));
  }

  /** Sends one protocol line to `session`; returns the answer line. */
  send(session, line) {
    const raw = this.#raw;
    const ptr = this.#reserve(line.length * 3);  // the most UTF-8 bytes a UTF-16 string can take
    if (!ptr) return session.handle(line);  // no room for a copy: embind's own path
    const { written } = encoder.encodeInto(line, raw.HEAPU8.subarray(ptr, ptr + this.#capacity));
    const answer = this.#answer(session.handleUtf8(ptr, written));
    this.#settle();
    return answer;
  }

  /** Runs the commands on the tape, at most `count`; returns how many ran (see result()). */
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

  /** The k-th result of the last run: events appended, -1 refused, -2 not read. */
  result(k) {
    return this.#raw.HEAP32[(this.#results >> 2) + k];
  }

  /** The refusals of the last run, in order, as error objects. */
  rejections() {
    const text = this.#answer(this.#raw._milestones_answer_size());
    return text.split("\n", text.length).filter((line) => line).map((line) => JSON.parse(line));
  }

  /**
   * `allowed` grouped by milestone, read from the packed answer (no JSON): a Map of milestone id
   * ("" for contract-wide) to the Set of command types. A group that equals its Set in `previous`
   * keeps that Set (so `===` says what changed). Null when there is no memory for it.
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

  /** The events [first, first + count) of a session's log. */
  events(address, first, count) {
    return JSON.parse(this.#answer(this.#raw._milestones_events(address, first, count)));
  }

  /** The state query's answer for a reader that holds the state as of event `since`. */
  stateChanges(address, since) {
    return JSON.parse(this.#answer(this.#raw._milestones_state_changes(address, since)));
  }

  /** Restores a log given as JSON text into a session; the answer line. */
  restore(address, text) {
    const raw = this.#raw;
    const ptr = this.#reserve(text.length * 3);
    if (!ptr) return JSON.stringify({ ok: false, error: { code: "INVALID_COMMAND", message: "The engine ran out of memory on this line; nothing was changed." } });
    const { written } = encoder.encodeInto(text, raw.HEAPU8.subarray(ptr, ptr + this.#capacity));
    const answer = this.#answer(raw._milestones_restore(address, ptr, written));
    this.#settle();
    return answer;
  }

  eventCount(address) {
    return this.#raw._milestones_event_count(address);
  }

  #answer(length) {
    const raw = this.#raw;
    const at = raw._milestones_answer_data();
    return decoder.decode(raw.HEAPU8.subarray(at, at + length));
  }

  #reserve(need) {
    if (need > this.#capacity) {
      this.#free();
      const size = Math.max(need, 4096);
      this.#ptr = this.#raw._malloc(size);
      this.#capacity = this.#ptr ? size : 0;
    }
    return this.#ptr;
  }

  // Large buffers and answers are given back after each call.
  #settle() {
    if (this.#raw._milestones_answer_size() > KEEP_BYTES) this.#raw.releaseAnswer();
    if (this.#capacity > KEEP_BYTES) this.#free();
  }

  #free() {
    if (this.#ptr) this.#raw._free(this.#ptr);
    this.#ptr = 0;
    this.#capacity = 0;
  }
}

const MAX_AT = 253402300799999;
const ACTORS = { client: 0, freelancer: 1, system: 2 };
const OBJECT = Object.prototype;

// A string is well formed when it has no lone surrogate (JSON text would carry one as an escape
// the engine refuses; TextEncoder would turn it into U+FFFD): such strings take the JSON path.
const wellFormed = typeof "".isWellFormed === "function"
  ? (s) => s.isWellFormed()
  : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

// Plain objects (object literals, JSON.parse results) are written field by field; anything else
// (class instances, objects with toJSON) goes through JSON text, whose rules then apply.
const plain = (o) => {
  const proto = Object.getPrototypeOf(o);
  return (proto === OBJECT || proto === null) && typeof o.toJSON !== "function";
};

// The compact command form (core/wire/tape.hpp): type, actor and time, then the command's fields
// in the engine's own order (its tape schema), each tagged with its JavaScript kind. It holds
// only what it can hold exactly; write() says false for anything else, and that command goes as
// JSON text, where the engine words any refusal. Both paths give the same answer.
class Tape {
  #raw;
  #types;          // command name -> [index, fields]; fields: [[key, fields of an object | null]]
  #ptr = 0;        // the tape lives in WebAssembly memory: nothing is copied to run it
  #size = 0;
  #bytes = new Uint8Array(0);
  #view = new DataView(this.#bytes.buffer);
  #pos = 0;

  constructor(raw, schema) {
    this.#raw = raw;
    this.#types = new Map(schema.commands.map(([name, fields], index) => [name, [index, fields]]));
  }

  /** Where the tape is in WebAssembly memory, and how many bytes it holds. */
  get address() { return this.#ptr; }
  get length() { return this.#pos; }

  clear() {
    this.#pos = 0;
    // When the memory grows, its old buffer is detached and views on it read as empty.
    if (this.#bytes.length !== this.#size) this.#views(this.#ptr, this.#size);
  }

  /** Appends one command; false (and nothing appended) when it cannot be written exactly. */
  write(command) {
    const start = this.#pos;
    if (this.#command(command)) return true;
    this.#pos = start;
    return false;
  }

  /**
   * The command with only the fields its type has (for the JSON path): fields a command does not
   * have are ignored whatever they hold, on both paths.
   */
  project(c) {
    if (c === null || typeof c !== "object" || Array.isArray(c) || !plain(c)) return c;
    const type = typeof c.type === "string" ? this.#types.get(c.type) : undefined;
    return Tape.#pick(c, [["type", null], ["actor", null], ["at", null], ...(type?.[1] ?? [])]);
  }

  // The object with the listed keys only, in the object's own order (so JSON text, and the byte
  // positions an INVALID_JSON message names, read as they would without the other keys).
  static #pick(object, fields) {
    const out = {};
    for (const key of Object.keys(object)) {
      const field = fields.find((f) => f[0] === key);
      if (field === undefined) continue;
      const nested = field[1];
      const one = (x) =>
        nested !== null && x !== null && typeof x === "object" && !Array.isArray(x) && plain(x)
          ? Tape.#pick(x, nested)
          : x;
      const v = object[key];
      out[key] = nested !== null && Array.isArray(v) ? v.map(one) : one(v);
    }
    return out;
  }

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

  #fields(object, fields) {
    for (let i = 0; i < fields.length; i++) {
      if (!this.#value(object[fields[i][0]], fields[i][1])) return false;
    }
    return true;
  }

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

  // Makes room for n more bytes; false when there is none (the command then goes as JSON).
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

  #views(ptr, size) {
    const buffer = this.#raw.HEAPU8.buffer;
    this.#ptr = ptr;
    this.#size = size;
    this.#bytes = new Uint8Array(buffer, ptr, size);
    this.#view = new DataView(buffer, ptr, size);
  }
}

class Engine {
  #raw;
  #wire;
  #contracts = new Set();
  #finalizer;

  constructor(raw) {
    this.#raw = raw;
    this.#wire = new Wire(raw);
    // A contract that is garbage-collected without dispose() still frees its WebAssembly memory.
    this.#finalizer =
      typeof FinalizationRegistry === "function"
        ? new FinalizationRegistry((session) => session.delete())
        : null;
  }

  /** A new, empty contract: its first command must be `create_contract`. */
  createContract() {
    return this.#open(new this.#raw.Session());
  }

  /**
   * A contract replayed from a log: the log object, or its JSON text as stored (read by the engine
   * as it is, with no parse in JavaScript). Throws EngineError (code LOG_INVALID, with .index).
   */
  restore(log) {
    let text = log;
    if (typeof log !== "string") {
      try {
        text = JSON.stringify(log) ?? "null";
      } catch (e) {
        throw new EngineError({ code: "INVALID_JSON", message: `The log cannot be written as JSON: ${e.message}` });
      }
    }
    const session = new this.#raw.Session();
    const address = session.address();
    const answer = this.#wire.restore(address, text);
    if (!answer.startsWith('{"ok":true')) {
      session.delete();
      throw new EngineError(JSON.parse(answer).error);
    }
    return this.#open(session, this.#wire.eventCount(address));
  }

  /** The site banner for a viewer (R21), or null; throws EngineError for a bad config. */
  banner(config, viewer, at) {
    const session = new this.#raw.Session();
    try {
      const answer = call(this.#wire, session, {
        query: "banner", config, country: viewer?.country, userType: viewer?.userType, at,
      });
      if (!answer.ok) throw new EngineError(answer.error);
      return answer.banner;
    } finally {
      session.delete();
    }
  }

  /** Bytes malloc holds and the size of the WebAssembly memory, for leak checks. */
  memoryStats() {
    const raw = this.#raw;
    return { inUse: raw._milestones_memory_in_use(), heapSize: raw.HEAPU8.length };
  }

  /** Disposes every contract still open. */
  dispose() {
    for (const contract of [...this.#contracts]) contract.dispose();
  }

  #open(session, events = 0) {
    const contract = new Contract(session, this.#wire, events, (c) => {
      this.#contracts.delete(c);
      this.#finalizer?.unregister(c);
    });
    this.#contracts.add(contract);
    this.#finalizer?.register(contract, session, contract);
    return contract;
  }
}

const READ_EVENTS = Symbol("read events");

/** An accepted command whose events are read from the engine when first asked for. */
class Accepted {
  ok = true;
  #contract;
  #first;
  #count;
  #events = null;

  constructor(contract, first, count) {
    this.#contract = contract;
    this.#first = first;
    this.#count = count;
  }

  /** The events appended, automatic releases first (read on first access, then kept). */
  get events() {
    return (this.#events ??= this.#contract[READ_EVENTS](this.#first, this.#count));
  }

  toJSON() {
    return { ok: true, events: this.events };
  }
}

/** `allowed` entries as a Map of milestone id ("" for contract-wide) to the Set of types. */
function grouped(allowed) {
  const out = new Map();
  for (const a of allowed) {
    const id = a.milestoneId ?? "";
    if (!out.has(id)) out.set(id, new Set());
    out.get(id).add(a.type);
  }
  return out;
}

class Contract {
  #session;
  #address;
  #wire;
  #events;  // how many events the log holds
  #onDispose;
  #shown = null;  // the last state() answer, {state, index: milestone id -> position}
  #allowedShown = [null, null, null];  // the last allowedByMilestone() answer per actor

  constructor(session, wire, events, onDispose) {
    this.#session = session;
    this.#address = session.address();
    this.#wire = wire;
    this.#events = events;
    this.#onDispose = onDispose;
  }

  /**
   * Runs one command: `{ok: true, events}` or `{ok: false, error}`. Never throws for bad input.
   * The events are read from the engine when `events` is first read (any time later).
   */
  dispatch(command) {
    this.#live();
    const wire = this.#wire;
    wire.tape.clear();
    if (wire.tape.write(command) && wire.run(this.#address, 1) === 1) {
      const n = wire.result(0);
      return n === -1 ? { ok: false, error: wire.rejections()[0] } : this.#accepted(n);
    }
    return this.#json(command);
  }

  /**
   * Runs commands one after another, as dispatch() would one by one, and returns their results
   * in order (refusals included: a refused command changes nothing and the next one runs).
   */
  dispatchMany(commands) {
    this.#live();
    const wire = this.#wire;
    const results = new Array(commands.length);
    let i = 0;
    while (i < commands.length) {
      wire.tape.clear();
      let end = i;
      while (end < commands.length && wire.tape.write(commands[end])) end++;
      const ran = end > i ? wire.run(this.#address, end - i) : 0;
      if (ran > 0) {
        let refusals = null;
        for (let k = 0; k < ran; k++) {
          const n = wire.result(k);
          if (n === -1) {
            refusals ??= wire.rejections();
            results[i + k] = { ok: false, error: refusals.shift() };
          } else {
            results[i + k] = this.#accepted(n);
          }
        }
        i += ran;
      }
      if (i < commands.length && (ran === 0 || i < end)) {
        results[i] = this.#json(commands[i]);  // one the tape could not carry
        i++;
      }
    }
    return results;
  }

  /**
   * The statement of account: each milestone's funding (from credit, charged), extra, released,
   * returned to credit, escrow and refunded, with the dates; the totals; and `text`, the same
   * statement in plain text, as the native runner prints it (`--statement`). Null before
   * `create_contract`.
   */
  statement() {
    const answer = call(this.#wire, this.#live(), { query: "statement" });
    return answer.ok ? answer.statement : null;
  }

  /** A dry run of `command`: what dispatch() would answer now; nothing changes. */
  preview(command) {
    return call(this.#wire, this.#live(), { query: "preview", command: this.#wire.tape.project(command) });
  }

  /**
   * The contract's state, or null before `create_contract`. It is frozen, and a milestone no event
   * has changed since the last call is the same object as then (so `===` says what changed; the
   * whole state is the same object while neither the log nor the clock moved): the engine sends
   * only the milestones changed since.
   */
  state() {
    this.#live();
    const last = this.#shown;
    const answer = this.#wire.stateChanges(this.#address, last ? last.state.seq : 0);
    if (!answer.ok) return null;
    const changes = answer.state;
    if (last && changes.seq === last.state.seq && changes.lastAt === last.state.lastAt) return last.state;
    this.#shown = merged(last, changes);
    return this.#shown.state;
  }

  /** The event log (keep it, export it, restore it), or null before `create_contract`. */
  log() {
    const answer = JSON.parse(this.#wire.send(this.#live(), QUERY_LOG));
    return answer.ok ? answer.log : null;
  }

  /**
   * What allowed() lists, grouped by milestone: a Map of milestone id ("" for contract-wide
   * commands) to the Set of command types, read without JSON. Throws EngineError on bad input.
   * A group that is the same as in the last answer for this actor is the same Set (so `===` says
   * what changed): read the Map and its Sets, do not change them.
   */
  allowedByMilestone(actor, at) {
    const code = Object.hasOwn(ACTORS, actor) ? ACTORS[actor] : -1;
    const sets = code >= 0 && Number.isSafeInteger(at) && at >= 0 && at <= MAX_AT
      ? this.#wire.allowedSets(this.#live() && this.#address, code, at, 0, this.#allowedShown[code])
      : null;
    if (sets) {
      this.#allowedShown[code] = sets;
      return sets;
    }
    return grouped(this.allowed(actor, at));  // bad input throws here, in the engine's words
  }

  /**
   * The contract as it stood right after event `k` of its log (1 to the log's length), its clock
   * at that event's time: what a History view shows. Throws EngineError (INVALID_FIELD, field
   * "after") for a `k` that is not an event of the log. A step to a neighbouring event applies
   * one event; a jump anywhere at most 256.
   */
  stateAfter(k) {
    const answer = call(this.#wire, this.#live(), { query: "state", after: k });
    if (!answer.ok) throw new EngineError(answer.error);
    return answer.state;
  }

  /**
   * allowedByMilestone() as it stood right after event `k`, at that event's time: what each
   * party could do then. Throws EngineError for a `k` that is not an event or a bad actor.
   */
  allowedAfter(k, actor) {
    const code = Object.hasOwn(ACTORS, actor) ? ACTORS[actor] : -1;
    const sets = code >= 0 && Number.isSafeInteger(k) && k >= 1 && k <= this.#events
      ? this.#wire.allowedSets(this.#live() && this.#address, code, -1, k)
      : null;
    if (sets) return sets;
    const answer = call(this.#wire, this.#live(), { query: "allowed", actor, after: k });
    if (!answer.ok) throw new EngineError(answer.error);
    return grouped(answer.allowed);
  }

  /**
   * The events after the first `from` (seq from+1 …), at most `count` of them: a slice of the log
   * without reading the rest of it (what a store appends after a command).
   */
  events(from = 0, count = Infinity) {
    this.#live();
    const first = Math.max(0, Math.min(Math.trunc(Number(from)) || 0, this.#events));
    const n = Math.max(0, Math.min(Math.trunc(Number(count)) || 0, this.#events - first));
    return n === 0 ? [] : this.#wire.events(this.#address, first, n);
  }

  /** Exactly the commands `actor` could have accepted at `at`; throws EngineError on bad input. */
  allowed(actor, at) {
    const answer = call(this.#wire, this.#live(), { query: "allowed", actor, at });
    if (!answer.ok) throw new EngineError(answer.error);
    return answer.allowed;
  }

  /** Frees the contract's WebAssembly memory. Further calls throw (code DISPOSED). */
  dispose() {
    if (!this.#session) return;
    this.#session.delete();
    this.#session = null;
    this.#onDispose(this);
  }

  /** True once dispose() has run. */
  get disposed() {
    return this.#session === null;
  }

  #accepted(n) {
    const first = this.#events;
    this.#events += n;
    return n === 0 ? { ok: true, events: [] } : new Accepted(this, first, n);
  }

  [READ_EVENTS](first, count) {
    this.#live();
    return this.#wire.events(this.#address, first, count);
  }

  #json(command) {
    const answer = call(this.#wire, this.#session, this.#wire.tape.project(command));
    if (answer.ok && answer.events) this.#events += answer.events.length;
    return answer;
  }

  #live() {
    if (!this.#session) {
      throw new EngineError({ code: "DISPOSED", message: "This contract has been disposed." });
    }
    return this.#session;
  }
}

/**
 * The state that `changes` (the engine's answer for a reader holding `last`) describes: the
 * milestones it names are new, the others are those of `last`; "order", when present, is the
 * new order of every milestone. Returns {state, index} with the state deeply frozen.
 */
function merged(last, changes) {
  const fresh = changes.milestones;
  for (const m of fresh) deepFreeze(m);
  const order = changes.order;
  delete changes.order;
  let list = fresh;
  let index;
  if (!last) {
    index = new Map(fresh.map((m, i) => [m.id, i]));
  } else if (!order) {
    index = last.index;
    list = last.state.milestones.slice();
    for (const m of fresh) list[index.get(m.id)] = m;
  } else {
    const byId = new Map(fresh.map((m) => [m.id, m]));
    const before = last.state.milestones;
    index = new Map();
    list = order.map((id, i) => {
      index.set(id, i);
      return byId.get(id) ?? before[last.index.get(id)];
    });
  }
  changes.milestones = Object.freeze(list);
  for (const key of ["contract", "totals", "feedback"]) deepFreeze(changes[key]);
  return { state: Object.freeze(changes), index };
}

function deepFreeze(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// One protocol round trip. Input that cannot become JSON is refused in the engine's own shape.
function call(wire, session, message) {
  let line;
  try {
    line = JSON.stringify(message);
  } catch (e) {
    return refusal("INVALID_JSON", `The command cannot be written as JSON: ${e.message}`);
  }
  if (typeof line !== "string") return refusal("INVALID_JSON", "The line must be a JSON object.");
  return JSON.parse(wire.send(session, line));
}

function refusal(code, message) {
  return { ok: false, error: { code, message } };
}
