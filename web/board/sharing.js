// @ts-check
// Contracts between two browsers: "Share link" (the whole log in a link's fragment), opening a
// link (added, fast-forwarded, or older), and divergence (both parties acted: the link's history
// is kept aside beside ours until the person chooses one).
import { decodeLink, encodeLink, linkData } from "./link.js";
import { Narrator } from "./timeline.js";
import { newId } from "./library.js";
import { admit } from "./trust.js";

/** @typedef {import("../milestones").Contract} Contract */
/** @typedef {import("../milestones").Engine} Engine */
/** @typedef {import("./library.js").Library} Library */
/** @typedef {import("./library.js").Entry} Entry */
/**
 * @typedef {object} Host what sharing needs of the board
 * @property {Engine} engine
 * @property {Library} library
 * @property {import("./words.js").Words} words the board's words
 * @property {(form: object) => void} openForm a modal form (dialogs.js)
 * @property {(id: string | null) => void} open opens a contract
 * @property {() => string | null} selected the storage id on show
 * @property {() => void} selectedChanged the selection changed: remember it and tell the host
 * @property {(id: string, contract: Contract, announcement: string) => void} adopt keeps a new contract
 * @property {(text: string) => void} alert a problem with what the person did
 * @property {(kind: string, text: string) => void} notice
 * @property {(text: string) => void} announce
 * @property {(id: string, role: string) => void} chooseRole this browser is `role` in contract `id`
 * @property {() => boolean} roleFixed the host fixed the role: nothing to ask
 * @property {() => string} role the acting role now
 * @property {(entry: Entry) => void} snapshot takes an entry's snapshot for the acting role
 * @property {() => void} changed
 */
/**
 * @typedef {object} Aside a log from a link whose history parted from ours
 * @property {string} key @property {string} id @property {string} raw
 * @property {string} title @property {number} part events both share
 * @property {string[]} here @property {string[]} there what each side did since, told
 */

/** How many leading events two logs share. */
function shared(/** @type {any[]} */ here, /** @type {any[]} */ there) {
  let part = 0;
  while (part < here.length && part < there.length && JSON.stringify(here[part]) === JSON.stringify(there[part])) part++;
  return part;
}

/** The sentences of `events` from index `from` on (told from the start, for the names then). */
function tellFrom(/** @type {any[]} */ events, /** @type {number} */ from, /** @type {import("./words.js").Words} */ words) {
  const narrator = new Narrator(words);
  return events.map((e) => narrator.describe(e)).slice(from).map((x) => x.text);
}

export class Sharing {
  /** @type {Aside[]} */
  aside = [];
  #host;
  #words;

  constructor(/** @type {Host} */ host) {
    this.#host = host;
    this.#words = host.words;
  }

  /** The dialog of "Share link": a link that carries the whole log in its fragment, once signed (R26). */
  async share(/** @type {Entry | undefined} */ entry, /** @type {() => void} */ back) {
    await this.#host.library.settled();
    if (entry?.unsigned) return this.#host.alert(this.#words.notSigned);
    const log = entry?.contract?.log();
    if (!log) return;
    const fragment = await encodeLink(JSON.stringify(log));
    const here = globalThis.location?.href?.split("#")[0] ?? "";
    const link = `${here}#${fragment}`;
    const host = this.#host;
    host.openForm({
      title: this.#words.shareTitle(/** @type {any} */ (log.events[0]).contract.title),
      intro: this.#words.shareSays(log.events.length, (link.length / 1024).toFixed(1)),
      submitLabel: this.#words.copyLink,
      fields: [{ name: "link", label: this.#words.fieldLink, value: link }],
      returnFocus: back,
      onSubmit: () => {
        globalThis.navigator?.clipboard?.writeText(link).then(
          () => host.announce(this.#words.copied), () => host.announce(this.#words.notCopied));
        return null;
      },
    });
  }

  /** Opens the contract link in the address's fragment, if any, and removes it from the address. */
  async read() {
    const data = linkData(globalThis.location?.hash ?? "");
    if (data === null) return;
    const url = globalThis.location.href.split("#")[0];
    globalThis.history?.replaceState(globalThis.history.state, "", url);
    const decoded = await decodeLink(data);
    // A link's problems, and the engine's refusal of what it holds, in the reader's words: never
    // the refusal's `detail` (a parser's account, for developers).
    if (decoded.error) return this.#refused(this.#words.linkProblem(decoded.error));
    // Every event's signature is checked, and the keys against those pinned here (trust.js),
    // once this browser's own changes are signed (they are compared with the link's).
    await this.#host.library.settled();
    const admitted = await admit(this.#host, decoded.text, "link");
    if (admitted.refused) return this.#refused(admitted.refused);
    if (admitted.error) return this.#refused(this.#words.linkProblem(admitted.error));
    this.#take(admitted.contract, decoded.text);
  }

  #refused(/** @type {string} */ message) {
    this.#host.alert(this.#words.nothingChanged(message));
  }

  /**
   * A contract from a link, checked by the engine: added if new here; fast-forwarded if it
   * extends ours; ignored if it is behind; kept aside beside ours if the two histories parted.
   */
  #take(/** @type {Contract} */ incoming, /** @type {string} */ text) {
    const host = this.#host;
    const library = host.library;
    const state = incoming.state();
    const title = state.contract.title;
    const entry = library.entryOf(state.contract.id);
    if (!entry) {
      const id = library.entries.has(state.contract.id) ? newId() : state.contract.id;
      host.adopt(id, incoming, this.#words.openedFromLink(title));
      this.#askRole(id, state);
      return;
    }
    if (!library.load(entry) || entry.readOnly) {
      incoming.dispose();
      return this.#refused(this.#words.cannotChange(title));
    }
    library.pin(state.contract.id, state.contract.keys);  // a freelancer's key bound since
    library.catchUp(entry);
    const here = entry.contract.events();
    const there = incoming.events();
    const part = shared(here, there);
    host.alert("");
    if (part === there.length) {
      incoming.dispose();
      host.open(entry.id);
      host.notice("info", part === here.length ? this.#words.linkSame(title) : this.#words.linkOlder(title, there.length, here.length));
    } else if (part === here.length) {
      const told = tellFrom(there, part, this.#words);
      entry.replace(incoming, this.#words);
      host.open(entry.id);
      library.persist(entry, entry.snap.state);
      host.notice("info", this.#words.linkNew(told));
      host.announce(this.#words.upToDate(title, told.length));
    } else {
      incoming.dispose();
      const key = library.store.keepAside(entry.id, text);
      host.open(entry.id);
      if (!key) return this.#refused(this.#words.asideNotKept);
      this.load();
      host.announce(this.#words.parted(title));
    }
    host.selectedChanged();
  }

  /** Reads the logs kept aside and tells each one's history from where it parts from ours. */
  load() {
    const { library, engine } = this.#host;
    this.aside = [];
    for (const a of library.store.keptAside()) {
      const entry = library.entries.get(a.id);
      if (!entry || !library.load(entry)) continue;
      let other;
      try {
        other = engine.restore(a.raw);
      } catch {
        continue;  // unreadable now: it stays stored, untouched
      }
      const here = entry.contract.events();
      const there = other.events();
      other.dispose();
      const part = shared(here, there);
      this.aside.push({ ...a, title: /** @type {any} */ (here[0]).contract.title, part, here: tellFrom(here, part, this.#words), there: tellFrom(there, part, this.#words) });
    }
  }

  /** The notices of the histories kept aside, each with its choice. */
  notices() {
    return this.aside.map((a) => ({
      kind: "warning", id: `aside:${a.key}`,
      text: this.#words.partedNotice(a.title, a.part),
      columns: [[this.#words.inThisBrowser, a.here], [this.#words.inTheLink, a.there]],
      actions: [
        { label: this.#words.keepMine, run: () => this.#choose(a, false) },
        { label: this.#words.keepLinks, run: () => this.#choose(a, true) },
      ],
    }));
  }

  /** The person's choice between two histories: the other one is discarded then, not before. */
  #choose(/** @type {Aside} */ a, /** @type {boolean} */ takeLink) {
    const host = this.#host;
    const library = host.library;
    const entry = library.entries.get(a.id);
    if (takeLink && entry) {
      let contract;
      try {
        contract = host.engine.restore(a.raw);
      } catch (e) {
        return this.#refused(this.#words.linkVersionBad(this.#words.refusal(e)));
      }
      library.store.remove(entry.id);
      entry.replace(contract, this.#words);
      entry.base = { seq: 0, lastAt: 0 };
      host.snapshot(entry);
      if (!library.persist(entry, entry.snap.state)) return host.changed();  // the copy aside stays
    }
    library.store.removeKey(a.key);
    this.load();
    host.announce(takeLink ? this.#words.wentOnWithLink(a.title) : this.#words.keptMine(a.title));
    host.changed();
  }

  /** Asks, once, which party this browser is in a contract that came by link. */
  #askRole(/** @type {string} */ id, /** @type {import("../milestones").ContractState} */ state) {
    const host = this.#host;
    if (host.roleFixed() || host.library.store.setting(`role:${id}`, null)) return;
    const c = state.contract;
    // Whoever made the link acted last; the contract now waits on the other party: likely the
    // one opening it (the engine's whose-turn facts, waitingOn).
    const waited = c.waitingOn?.party ?? state.milestones.find((m) => m.waitingOn)?.waitingOn.party ?? host.role();
    host.openForm({
      title: this.#words.whoAreYou(c.title),
      intro: this.#words.whoAreYouSays,
      submitLabel: this.#words.continue,
      fields: [{ name: "role", label: this.#words.iAm, type: "select", value: waited,
        options: [["client", this.#words.asClient(c.client)], ["freelancer", this.#words.asFreelancer(c.freelancer)]] }],
      onSubmit: (/** @type {{role: string}} */ { role }) => {
        host.chooseRole(id, role);
        return null;
      },
    });
  }
}
