// @ts-check
// The activity timeline: the event log told in plain sentences (the catalog's `events`, words.js).

/**
 * Tells events one at a time, in log order, from the start of a log or from a state of the
 * contract (the names and titles as they were then). Titles are tracked as it goes, so a deleted
 * or renamed milestone is still named as it was at the time.
 */
export class Narrator {
  #titles = new Map();
  #client;
  #freelancer;
  #w;

  /** @param {import("./words.js").Words} words */
  constructor(words) {
    this.#w = words;
    this.#client = words.theClient;
    this.#freelancer = words.theFreelancer;
  }

  /** A narrator that goes on from `state`, the engine's state of the contract after some event. */
  static after(state, words) {
    const n = new Narrator(words);
    n.#client = state.contract.client;
    n.#freelancer = state.contract.freelancer;
    for (const m of state.milestones) n.#titles.set(m.id, m.title);
    return n;
  }

  /**
   * The entry for the next event of the log: {seq, at, text}. What the sentence needs from the
   * log so far (names, titles as they were) is read now; the sentence itself is written when it
   * is first read.
   */
  describe(e) {
    const titles = this.#titles;
    const name = (id) => titles.get(id) ?? id;
    const n = {
      client: this.#client,
      freelancer: this.#freelancer,
      by: e.by === "freelancer" ? this.#freelancer : this.#client,
      title: e.milestoneId === undefined ? undefined : name(e.milestoneId),
      order: e.type === "milestones_reordered" ? e.order.map(name) : undefined,
      closed: e.type === "contract_ended" && e.closed ? e.closed.map(name) : undefined,
    };
    switch (e.type) {
      case "contract_created":
        this.#client = e.contract.client;
        this.#freelancer = e.contract.freelancer;
        for (const m of e.milestones) titles.set(m.id, m.title);
        break;
      case "milestone_added":
      case "milestone_proposal_accepted":
        titles.set(e.milestone.id, e.milestone.title);
        break;
      case "milestone_edited":
        if (e.changes.title !== undefined) titles.set(e.milestoneId, e.changes.title);
        break;
      default:
        break;
    }
    return new Entry(e, n, this.#w);
  }
}

/** Events per block of the activity: each block is told on its own, when first read. */
const BLOCK = 64;

/**
 * A contract's activity, oldest first: `length`, `at(i)` (the entry of event i + 1), `push(e)`.
 * Entries are made a block of 64 events at a time, when one of them is first read (the newest
 * ones on screen, a History stop), from the engine's state just before the block and the block's
 * events: opening a 10,001-event contract tells the newest 64 events, not 10,001. `map` tells the
 * whole log in one pass (the statement's appendix).
 */
export class Activity {
  #contract;
  #length;
  #blocks = new Map();  // block index -> entries
  #tail = null;         // the narrator after the last event told, once the last block is told
  #w;

  constructor(contract, length, words) {
    this.#contract = contract;
    this.#w = words;
    this.#length = length;
  }

  get length() {
    return this.#length;
  }

  at(i) {
    if (!(i >= 0 && i < this.#length)) return undefined;
    const k = Math.floor(i / BLOCK);
    return (this.#blocks.get(k) ?? this.#tell(k))[i - k * BLOCK];
  }

  /** Tells the event the contract has just added (its seq is length + 1). */
  push(e) {
    if (!this.#tail && this.#length > 0) this.at(this.#length - 1);
    this.#tail ??= new Narrator(this.#w);
    const k = Math.floor(this.#length / BLOCK);
    const block = this.#blocks.get(k) ?? [];
    this.#blocks.set(k, block);
    block.push(this.#tail.describe(e));
    this.#length++;
  }

  map(fn) {
    if (this.#blocks.size < Math.ceil(this.#length / BLOCK)) {
      const narrator = new Narrator(this.#w);
      const told = this.#contract.events(0, this.#length).map((e) => narrator.describe(e));
      for (let k = 0; k * BLOCK < told.length; k++) this.#blocks.set(k, told.slice(k * BLOCK, (k + 1) * BLOCK));
      this.#tail = narrator;
    }
    const out = [];
    for (let i = 0; i < this.#length; i++) out.push(fn(this.at(i), i));
    return out;
  }

  #tell(k) {
    const from = k * BLOCK;
    const narrator = from === 0 ? new Narrator(this.#w) : Narrator.after(this.#contract.stateAfter(from), this.#w);
    const block = this.#contract.events(from, Math.min(BLOCK, this.#length - from)).map((e) => narrator.describe(e));
    this.#blocks.set(k, block);
    if (from + block.length === this.#length) this.#tail = narrator;
    return block;
  }
}

/** One entry of the activity: its sentence is written on first read. */
class Entry {
  #event;
  #names;
  #text = null;
  #w;

  constructor(e, names, words) {
    this.#event = e;
    this.#names = names;
    this.#w = words;
    this.seq = e.seq;
    this.at = e.at;
  }

  get text() {
    if (this.#text === null) {
      this.#text = sentence(this.#event, this.#names, this.#w);
      this.#names = null;
    }
    return this.#text;
  }

  /** The event told (the statement reads the files a submission delivered from it). */
  get event() {
    return this.#event;
  }

  toJSON() {
    return { seq: this.seq, at: this.at, text: this.text };
  }
}

/** The sentence for event `e`, with the names as they were when it happened. */
function sentence(e, n, w) {
  const tell = w.events[e.type];
  return tell ? tell(e, n) : w.otherEvent(e.type);
}

/** Sentences for every event of `log`, as [{seq, at, text}], oldest first. */
export function describeLog(log, words) {
  const narrator = new Narrator(words);
  return (log?.events ?? []).map((e) => narrator.describe(e));
}
