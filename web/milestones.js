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

const QUERY_STATE = '{"query":"state"}';
const QUERY_LOG = '{"query":"log"}';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const KEEP_BYTES = 1 << 20;  // buffers above this are given back after each call

// The byte-level edge (bindings/wasm.cpp): the line goes into WebAssembly memory through
// TextEncoder.encodeInto and the answer comes back through TextDecoder, both native, instead of
// embind's character-by-character string copies.
class Wire {
  #raw;
  #ptr = 0;
  #capacity = 0;

  constructor(raw) {
    this.#raw = raw;
  }

  /** Sends one protocol line to `session`; returns the answer line. */
  send(session, line) {
    const raw = this.#raw;
    const need = line.length * 3;  // the most UTF-8 bytes a UTF-16 string can take
    if (need > this.#capacity) {
      this.#free();
      this.#ptr = raw._malloc(Math.max(need, 4096));
      if (!this.#ptr) return session.handle(line);  // no room for a copy: embind's own path
      this.#capacity = Math.max(need, 4096);
    }
    const { written } = encoder.encodeInto(line, raw.HEAPU8.subarray(this.#ptr, this.#ptr + this.#capacity));
    const length = session.handleUtf8(this.#ptr, written);
    const at = raw.answerData();
    const answer = decoder.decode(raw.HEAPU8.subarray(at, at + length));
    if (length > KEEP_BYTES) raw.releaseAnswer();
    if (this.#capacity > KEEP_BYTES) this.#free();
    return answer;
  }

  #free() {
    if (this.#ptr) this.#raw._free(this.#ptr);
    this.#ptr = 0;
    this.#capacity = 0;
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

  /** A contract replayed from a log; throws EngineError (code LOG_INVALID, with .index). */
  restore(log) {
    const session = new this.#raw.Session();
    const answer = call(this.#wire, session, { query: "restore", log });
    if (!answer.ok) {
      session.delete();
      throw new EngineError(answer.error);
    }
    return this.#open(session);
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
    const { inUse, heapSize } = this.#raw.memoryStats();
    return { inUse, heapSize };
  }

  /** Disposes every contract still open. */
  dispose() {
    for (const contract of [...this.#contracts]) contract.dispose();
  }

  #open(session) {
    const contract = new Contract(session, this.#wire, (c) => {
      this.#contracts.delete(c);
      this.#finalizer?.unregister(c);
    });
    this.#contracts.add(contract);
    this.#finalizer?.register(contract, session, contract);
    return contract;
  }
}

class Contract {
  #session;
  #wire;
  #onDispose;

  constructor(session, wire, onDispose) {
    this.#session = session;
    this.#wire = wire;
    this.#onDispose = onDispose;
  }

  /** Runs one command: `{ok: true, events}` or `{ok: false, error}`. Never throws for bad input. */
  dispatch(command) {
    return call(this.#wire, this.#live(), command);
  }

  /** The contract's state, or null before `create_contract`. */
  state() {
    const answer = JSON.parse(this.#wire.send(this.#live(), QUERY_STATE));
    return answer.ok ? answer.state : null;
  }

  /** The event log (keep it, export it, restore it), or null before `create_contract`. */
  log() {
    const answer = JSON.parse(this.#wire.send(this.#live(), QUERY_LOG));
    return answer.ok ? answer.log : null;
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

  #live() {
    if (!this.#session) {
      throw new EngineError({ code: "DISPOSED", message: "This contract has been disposed." });
    }
    return this.#session;
  }
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
