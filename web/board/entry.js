// @ts-check
// One contract kept by the board (library.js keeps them): the engine's Contract once loaded, what
// the page shows of it (its snapshot, the activity told, History, the open threads), and what
// waits to be stored or signed.
import { Activity } from "./timeline.js";

/** @typedef {import("../milestones").Contract} Contract */
/** @typedef {import("../milestones").ContractState} ContractState */
/** @typedef {{seq: number, lastAt: number}} Stamp */
/**
 * @typedef {object} Summary What the contract list shows of a contract without loading its log.
 * @property {string} [title]
 * @property {string} [status]
 * @property {number} [createdAt]
 * @property {string} [contractId]
 * @property {boolean} [sample]
 * @property {number} [messages] how many messages the contract has (R24), for the list's unread count
 */
/**
 * @typedef {object} Snapshot What render shows of a contract now.
 * @property {ContractState} state
 * @property {Map<string, Set<string>>} allowed milestone id ("" for the contract) -> command types
 * @property {number} at the time `allowed` was asked for
 * @property {"client" | "freelancer"} role the role `allowed` is for
 */


/**
 * One contract kept by the board. Its log is restored through the engine when it is first opened;
 * until then the list shows the summary its stored head carries.
 */
export class Entry {
  /** @type {string} */ id;
  /** @type {Contract | null} the engine's Contract, once loaded */ contract = null;
  readOnly = false;
  readOnlyReason = "";
  /** @type {Stamp} the stamp of what storage holds */ base = { seq: 0, lastAt: 0 };
  /** @type {Summary | null} */ summary = null;
  /** @type {Snapshot | null} */ snap = null;
  /** @type {any} a look back (history.js), if any */ history = null;
  /** @type {Activity | null} the log told in sentences, told when read */ activity = null;
  /** @type {any[] | null} events shown and not yet stored */ unsaved = null;
  /** @type {number | undefined} how many activity entries show (more on "Show older") */ activityLimit = undefined;
  /** @type {{key: Activity, length: number, from: number, items: any[]} | null} the entries on screen, told */ told = null;
  /** @type {[string, string, string][] | null} "Replaced by"/"Replaces": [words, id, title] */ related = null;
  /** @type {import("./why.js").WhyNot | null} the open "Why not?" (why.js) */ whyNot = null;
  /** @type {string | null} the milestone whose discussion is open (discussion.js) */ thread = null;
  /** @type {Record<string, number> | undefined} how many messages each thread shows (more on "Show earlier") */ threadLimits = undefined;
  /** @type {any} the threads on screen, read (discussion.js) */ talk = null;
  /** @type {Promise<boolean> | null} the signing of its new events (R26), until it is done */ signing = null;
  /** Its last change could not be signed: it is never stored. */ unsigned = false;
  /** @type {{line: string, cannot: string} | null | undefined} what the header says of its keys (page.js) */ keysShown = undefined;

  /** @param {string} id @param {Partial<Entry>} [fields] */
  constructor(id, fields = {}) {
    this.id = id;
    Object.assign(this, fields);
  }

  /** The activity of the contract's log of `length` events (told as it is read). */
  narrate(/** @type {import("./words.js").Words} */ words, length = this.contract?.state().seq ?? 0) {
    this.activity = new Activity(this.contract, length, words);
  }

  /** Replaces the engine contract (a reload from storage), telling its log afresh. */
  replace(/** @type {Contract} */ contract, /** @type {import("./words.js").Words} */ words) {
    this.contract?.dispose();
    this.contract = contract;
    this.signing = null;  // what the old one signed is gone with it
    this.unsigned = false;
    this.narrate(words);
    this.snap = null;
    this.history = null;
  }
}
