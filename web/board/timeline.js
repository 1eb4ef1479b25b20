// @ts-check
// The activity timeline: the event log told in plain sentences.
import { formatDate, formatMoney } from "./format.js";

/**
 * Tells events one at a time, in log order, from the start of a log or from a state of the
 * contract (the names and titles as they were then). Titles are tracked as it goes, so a deleted
 * or renamed milestone is still named as it was at the time.
 */
export class Narrator {
  #titles = new Map();
  #client = "The client";
  #freelancer = "The freelancer";

  /** A narrator that goes on from `state`, the engine's state of the contract after some event. */
  static after(state) {
    const n = new Narrator();
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
    return new Entry(e, n);
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

  constructor(contract, length) {
    this.#contract = contract;
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
    this.#tail ??= new Narrator();
    const k = Math.floor(this.#length / BLOCK);
    const block = this.#blocks.get(k) ?? [];
    this.#blocks.set(k, block);
    block.push(this.#tail.describe(e));
    this.#length++;
  }

  map(fn) {
    if (this.#blocks.size < Math.ceil(this.#length / BLOCK)) {
      const narrator = new Narrator();
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
    const narrator = from === 0 ? new Narrator() : Narrator.after(this.#contract.stateAfter(from));
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

  constructor(e, names) {
    this.#event = e;
    this.#names = names;
    this.seq = e.seq;
    this.at = e.at;
  }

  get text() {
    if (this.#text === null) {
      this.#text = sentence(this.#event, this.#names);
      this.#names = null;
    }
    return this.#text;
  }

  toJSON() {
    return { seq: this.seq, at: this.at, text: this.text };
  }
}

/** The sentence for event `e`, with the names as they were when it happened. */
function sentence(e, n) {
  switch (e.type) {
    case "contract_created": {
      const total = e.milestones.reduce((sum, m) => sum + m.amount, 0);
      const count = e.milestones.length;
      return `${e.contract.client} ${e.offer ? "offered" : "created"} the contract ${e.contract.title} ${e.offer ? "to" : "with"} ${e.contract.freelancer}: ` +
        `${count} milestone${count === 1 ? "" : "s"}, ${formatMoney(total)}.`;
    }
    case "milestone_added":
      return `${n.client} added ${e.milestone.title} (${formatMoney(e.milestone.amount)}, due ${formatDate(e.milestone.dueDate)}).`;
    case "milestone_edited": {
      const parts = [];
      if (e.changes.title !== undefined) parts.push(`renamed it ${e.changes.title}`);
      if (e.changes.amount !== undefined) parts.push(`set the amount to ${formatMoney(e.changes.amount)}`);
      if (e.changes.description !== undefined) parts.push("changed the description");
      return `${n.client} edited ${n.title}: ${parts.join(", ")}.`;
    }
    case "milestone_deleted":
      return `${n.client} deleted ${n.title}.`;
    case "milestone_moved":
      return `${n.client} moved ${n.title} to position ${e.toIndex + 1}.`;
    case "milestones_reordered":
      return `${n.client} reordered the upcoming milestones: ${n.order.join(", ")}.`;
    case "milestone_activated":
      return `${n.client} funded ${n.title} with ${formatMoney(e.amount)}` +
        (e.fromCredit > 0 ? ` (${formatMoney(e.fromCredit)} from credit, ${formatMoney(e.charged)} charged).` : ".");
    case "work_submitted":
      return `${n.freelancer} submitted work on ${n.title}: “${e.message}”`;
    case "changes_requested":
      return `${n.client} requested changes on ${n.title}: “${e.message}”`;
    case "payment_released": {
      if (e.auto) return `${formatMoney(e.amount)} for ${n.title} was released automatically: 14 days passed without a review.`;
      if (e.returned > 0) {
        // The escrow it came from is in the event (logs written before it was say only the rest).
        const of = e.escrow === undefined ? "" : ` of ${formatMoney(e.escrow)}`;
        return `${n.client} released ${formatMoney(e.amount)}${of} for ${n.title}; ${formatMoney(e.returned)} became credit.`;
      }
      if (e.extra > 0) return `${n.client} released ${formatMoney(e.amount)} for ${n.title}, ${formatMoney(e.extra)} more than the escrow.`;
      return `${n.client} released ${formatMoney(e.amount)} for ${n.title}.`;
    }
    case "due_date_proposed":
      return `${n.by} proposed ${formatDate(e.dueDate)} as the new due date of ${n.title}.`;
    case "due_date_accepted":
      return `${n.by} accepted ${formatDate(e.dueDate)} as the due date of ${n.title}.`;
    case "due_date_rejected":
      return `${n.by} rejected ${formatDate(e.dueDate)} as the due date of ${n.title}.`;
    case "contract_extended":
      return `${n.client} extended the contract to ${formatDate(e.endDate)}.`;
    case "refund_requested":
      return `${n.client} asked for a refund of ${formatMoney(e.amount)} on ${n.title}: “${e.reason}”`;
    case "refund_accepted":
      return `${n.freelancer} refunded ${formatMoney(e.amount)} on ${n.title}.`;
    case "refund_declined":
      return `${n.freelancer} declined the refund of ${formatMoney(e.amount)} on ${n.title}.`;
    case "contract_ended": {
      const closed = n.closed ?? [];
      if (closed.length === 0) return `${n.client} ended the contract.`;
      const names = closed.length === 1 ? closed[0] : `${closed.slice(0, -1).join(", ")} and ${closed.at(-1)}`;
      return `${n.client} ended the contract; ${names} closed unfunded.`;
    }
    case "offer_accepted":
      return `${n.freelancer} accepted the offer.`;
    case "offer_declined":
      return `${n.freelancer} declined the offer.`;
    case "milestone_proposed":
      return `${n.freelancer} proposed a milestone: ${e.milestone.title} (${formatMoney(e.milestone.amount)}, due ${formatDate(e.milestone.dueDate)}).`;
    case "milestone_proposal_accepted":
      return `${n.client} accepted ${n.freelancer}'s proposed milestone ${e.milestone.title} (${formatMoney(e.milestone.amount)}); it was added to the plan.`;
    case "milestone_proposal_declined":
      return `${n.client} declined the proposed milestone.`;
    case "credit_returned":
      return `${formatMoney(e.amount)} of unused credit went back to ${n.client}.`;
    case "feedback_left":
      return `${n.by} left feedback: ${e.rating} of 5${e.comment ? ` — “${e.comment}”` : "."}`;
    default:
      return `${e.type.replaceAll("_", " ")}.`;
  }
}

/** Sentences for every event of `log`, as [{seq, at, text}], oldest first. */
export function describeLog(log) {
  const narrator = new Narrator();
  return (log?.events ?? []).map((e) => narrator.describe(e));
}
