// @ts-check
// The board's controller: turns what a person does into engine commands and keeps the page's
// model (which contract is open, as whom, what is said). The engine is the only source of truth:
// what the page offers comes from `allowed` and the state, dialogs take their figures from
// `preview`, every refusal is shown in the engine's own this.#words.
//
// One-way data flow: an action → one dispatch → the entry's snapshot (state, and what the acting
// role may do) is taken once and its activity told → the board is marked changed → one frame
// renders the model. Render reads the model only: it never asks the engine or storage, never
// writes, and fires nothing. The contracts and their storage are the library's (library.js),
// links the sharing's (sharing.js), looking back history.js's, the actions the table's
// (actions.js), the DOM the view's (view.js).
import { PageView } from "./view.js";
import { Library, atFor } from "./library.js";
import { Sharing } from "./sharing.js";
import { Intents, VETOED } from "./intents.js";
import { reask } from "./history.js";
import { warmWhenIdle } from "./warm.js";
import { composePage, prepareShown } from "./page.js";
import { catalog } from "./words.js";

/** @typedef {import("./library.js").Entry} Entry */

const CLOCK_TICK_MS = 30_000;

const NO_HOOKS = {
  beforeCommand: (/** @type {any} */ _command, /** @type {string | null} */ _id) => true,
  accepted: (/** @type {any} */ _detail) => {},
  rejected: (/** @type {any} */ _detail) => {},
  selected: (/** @type {string | null} */ _id) => {},
};

export class MilestoneBoard {
  #root;
  #engine;
  #clock;
  #bannerConfig;
  #country;
  /** @type {PageView} */ #view;
  #library;
  #sharing;
  #intents;
  /** @type {string | null} */ #selected = null;
  /** @type {"client" | "freelancer"} */ #role;
  #alert = { text: "", said: 0 };
  /** @type {{kind: string, text: string}[]} transient notices (other tab, import …) */
  #notices = [];
  #timer = 0;
  #unwatch = () => {};
  #hooks;
  #fixedRole;
  #fixedContract;
  #demoClock;
  /** @type {Map<string, {by: string | null, of: string | null}>} "Replaced by"/"Replaces", read once */
  #relations = new Map();
  #links;
  #onHash = () => {
    this.#library.saveNow();
    this.#sharing.read();
  };
  #onHide = (/** @type {Event} */ e) => {
    if (e.type === "pagehide" || globalThis.document?.visibilityState === "hidden") this.#library.leaving();
  };
  #bannerShown = null;   // the banner the engine picked, asked when role, clock or config change
  #renderQueued = false;
  #drawnThisFrame = false;  // a render drew this frame: the next change waits for the next frame
  #words;  // the catalog of the board's language (words.js)
  /**
   * root: the element (in a document or a shadow root) the board fills.
   * options.engine, .store, .clock, .keys: the engine, a Store, a Clock and this browser's signing
   *   keys (keys.js; without them contracts made here are unsigned).
   * options.role: "client" | "freelancer" fixes the acting role (no "Acting as" choice);
   *   null offers the choice and remembers it.
   * options.contractId: show only this contract (no contract list); null shows them all.
   * options.demoClock: offer "Advance 1 day" / "Advance 14 days" / "Real time".
   * options.links: open a contract link found in the page address's fragment (#share=…), at start
   *   and when the fragment changes.
   * options.lang: the language of the words (words.js: "en", the default, or "de").
   * options.hooks: {beforeCommand(command, contractId) → false to veto, accepted(detail),
   *   rejected(detail), selected(contractId)}; see element.js for the events they become.
   * @param {HTMLElement} root
   * @param {any} options
   */
  constructor(root, { engine, store, clock, bannerConfig = null, country = "US", role = null,
    contractId = null, demoClock = true, hooks = {}, links = false, lang = "en", keys = undefined }) {
    this.#root = root;
    const words = this.#words = catalog(lang);
    this.#engine = engine;
    this.#clock = clock;
    this.#bannerConfig = bannerConfig;
    this.#country = country;
    this.#hooks = { ...NO_HOOKS, ...hooks };
    this.#fixedRole = role === "client" || role === "freelancer" ? role : null;
    this.#fixedContract = contractId || null;
    this.#demoClock = demoClock;
    this.#links = links;
    this.#role = this.#fixedRole ?? (store.setting("role", "client") === "freelancer" ? "freelancer" : "client");
    this.#library = new Library({ engine, store, words, keys, notice: (kind, text) => this.#notice(kind, text), changed: () => this.#changed() });
    this.#sharing = new Sharing({
      engine, library: this.#library, words,
      openForm: (form) => this.#view.openForm(form),
      open: (id) => this.#open(id), selected: () => this.#selected, selectedChanged: () => this.#remember(),
      adopt: (id, contract, announcement) => this.#adopt(id, contract, announcement),
      alert: (text) => this.#say(text), notice: (kind, text) => this.#notice(kind, text), announce: (text) => this.#view.announce(text),
      chooseRole: (id, role) => this.#chooseRole(id, role),
      roleFixed: () => this.#fixedRole !== null, role: () => this.#role,
      snapshot: (entry) => this.#library.snapshot(entry, this.#role, this.#clock.now()),
      changed: () => this.#changed(),
    });
    this.#intents = this.#controller();
  }

  /** The intents (intents.js) and what they may use of the board. */
  #controller() {
    const board = this;
    return new Intents({
      engine: this.#engine, words: this.#words, library: this.#library, sharing: this.#sharing, clock: this.#clock, hooks: this.#hooks,
      get view() { return board.#view; },
      get role() { return board.#role; },
      get selected() { return board.#selected; },
      get fixedContract() { return board.#fixedContract; },
      relations: this.#relations,
      entry: () => this.#entry(),
      shownState: () => this.#shownState(),
      run: (command, entry, user) => this.#run(command, entry, user),
      act: (command) => this.#act(command),
      preview: (command) => this.#preview(command),
      say: (text) => this.#say(text),
      notice: (kind, text) => this.#notice(kind, text),
      open: (id) => this.#open(id),
      remember: () => this.#remember(),
      changed: () => this.#changed(),
      clockTick: () => this.#clockTick(),
      move: (id, toIndex, focusKey) => this.#move(id, toIndex, focusKey),
      adopt: (id, contract, announcement, sample) => this.#adopt(id, contract, announcement, sample),
    });
  }

  /** The contract on show (the engine's Contract), or null. */
  get contract() {
    return this.#entry()?.contract ?? null;
  }

  /** The storage id of the contract on show, or null. */
  get contractId() {
    return this.#selected;
  }

  /** The acting role: "client" or "freelancer". */
  get role() {
    return this.#role;
  }

  /** Changes the acting role (and fixes it when `fixed`). */
  setRole(/** @type {string} */ role, fixed = true) {
    if (role !== "client" && role !== "freelancer") return;
    this.#role = role;
    this.#fixedRole = fixed ? role : null;
    this.#refresh();
  }

  /** Opens the contract saved under `id` (it need not exist yet: the board says so). */
  select(/** @type {string} */ id, only = this.#fixedContract !== null) {
    this.#fixedContract = only ? id : null;
    this.#open(id);
    this.#say("");
  }

  /**
   * Runs a command for the host: on the contract on show, or a new contract for
   * `create_contract`. `at` defaults to the board's clock (the safe way: a host's own `at` that
   * is behind the contract's clock is refused with CLOCK_BACKWARDS). Returns the engine's answer
   * ({ok: true, events} or {ok: false, error}); accepted commands are stored before it returns, on
   * a signed contract once signed (R26: a moment later; one this browser cannot sign is refused).
   */
  dispatch(/** @type {any} */ command) {
    if (command?.type === "create_contract") return this.#intents.create(command, false);
    return this.#run(command, this.#entry(), false);
  }

  /** Builds the page, reads what is stored, opens one contract, and starts listening. */
  start() {
    const store = this.#library.store;
    this.#view = new PageView(this.#root, /** @type {import("./view.js").Handlers} */ ({
      click: (button) => this.#intents.click(button),
      role: (role) => this.#roleChosen(role),
      historyStep: (k) => this.#intents.viewHistory(k),
      escape: () => this.#intents.escape(),
      importFile: (file) => this.#intents.importFile(file),
      move: (id, toIndex) => this.#move(id, toIndex, `handle:${id}`),
    }), { words: this.#words, ownsTitle: this.#links });
    this.#library.loadAll();
    this.#updateBanner();
    const saved = store.setting("selected", null);
    this.#open(this.#fixedContract ?? (this.#library.entries.has(saved) ? saved : this.#library.sorted()[0]?.id ?? null));
    this.#unwatch = store.watch((info, key) => this.#onStorage(info, key));
    this.#timer = setInterval(() => this.#clockTick(), CLOCK_TICK_MS);
    globalThis.addEventListener?.("pagehide", this.#onHide);
    globalThis.document?.addEventListener("visibilitychange", this.#onHide);
    this.#sharing.load();
    this.#prepare();
    this.#render();  // the first frame at once: the board is there when start returns
    if (this.#links) {
      globalThis.addEventListener?.("hashchange", this.#onHash);
      this.#sharing.read();
    }
    warmWhenIdle(this.#engine);
    return this;
  }

  /** Stops timers and listeners and frees every contract. */
  stop() {
    clearInterval(this.#timer);
    globalThis.removeEventListener?.("pagehide", this.#onHide);
    globalThis.document?.removeEventListener("visibilitychange", this.#onHide);
    globalThis.removeEventListener?.("hashchange", this.#onHash);
    this.#unwatch();
    this.#library.dispose();
  }

  /** The banner config (R21) arrived after the board started: show its banner. */
  setBannerConfig(/** @type {any} */ config) {
    this.#bannerConfig = config;
    if (!this.#view) return;
    this.#updateBanner();
    this.#changed();
  }

  // --- the model ---------------------------------------------------------------------------------

  /** The entry on show, or undefined. */
  #entry() {
    return this.#selected === null ? undefined : this.#library.entries.get(this.#selected);
  }

  /** The state on screen (the selected contract's snapshot), or null. */
  #shownState() {
    return this.#entry()?.snap?.state ?? null;
  }

  /**
   * Something the page shows changed: what a render needs of the engine and storage is read now
   * (the activity on screen told, the contract's links read), and one render draws it all, at the
   * end of the task that changed it (a microtask, as Lit batches updates: the click's own frame
   * shows it) — at most once per frame: a change in a frame that was already drawn waits for the
   * next one (or, where a hidden page has no frames, a timeout).
   */
  #changed() {
    if (!this.#view) return;
    this.#prepare();
    if (this.#renderQueued) return;
    this.#renderQueued = true;
    const render = () => {
      if (this.#renderQueued) this.#render();
    };
    if (!this.#drawnThisFrame) {
      globalThis.queueMicrotask(render);
      return;
    }
    globalThis.requestAnimationFrame?.(render);
    setTimeout(render, 100);
  }

  /** A problem with what the person just did (or "" to clear it): said again even if the same. */
  #say(/** @type {string} */ text) {
    this.#alert = { text, said: this.#alert.said + 1 };
    this.#changed();
  }

  #notice(/** @type {string} */ kind, /** @type {string} */ text) {
    if (!this.#notices.some((n) => n.text === text)) this.#notices.push({ kind, text });
    this.#changed();
  }

  /** Opens a contract: loads it if needed, records a payment that fell due, takes its snapshot. */
  #open(/** @type {string | null} */ id) {
    this.#selected = id;
    const store = this.#library.store;
    const remembered = id && this.#fixedRole === null ? store.setting(`role:${id}`, null) : null;
    if (remembered === "client" || remembered === "freelancer") this.#role = remembered;
    const entry = this.#entry();
    if (entry && this.#library.load(entry)) {
      if (!entry.activity) entry.narrate(this.#words);
      if (!this.#tickIfDue(entry)) this.#library.snapshot(entry, this.#role, this.#clock.now());
    }
    this.#changed();
  }

  /** The selection changed: remembered, and the host told. */
  #remember() {
    this.#library.store.setSetting("selected", this.#selected);
    this.#hooks.selected(this.#selected);
    this.#changed();
  }

  /** The role or the clock changed: what the role may do now is asked again. */
  #refresh() {
    const entry = this.#entry();
    if (entry?.contract) {
      this.#library.snapshot(entry, this.#role, this.#clock.now());
      reask(entry, this.#role);
    }
    this.#updateBanner();
    this.#changed();
  }

  #roleChosen(/** @type {"client" | "freelancer"} */ role) {
    this.#role = role;
    const store = this.#library.store;
    store.setSetting("role", role);
    // A contract opened by link remembers who this browser is in it.
    if (this.#selected && store.setting(`role:${this.#selected}`, null)) store.setSetting(`role:${this.#selected}`, role);
    this.#refresh();
  }

  #chooseRole(/** @type {string} */ id, /** @type {string} */ role) {
    this.#library.store.setSetting(`role:${id}`, role);
    if (this.#selected === id && (role === "client" || role === "freelancer")) {
      this.#role = role;
      this.#refresh();
    }
  }

  #onStorage(/** @type {any} */ info, /** @type {string} */ key) {
    if (info.kind === "setting") {
      this.#library.saveNow();
      this.#relations.clear();
      if (info.name === "clock") {
        this.#clock.set(this.#library.store.setting("clock", 0));
        this.#clockTick();
      }
      return this.#changed();
    }
    const what = this.#library.storageChanged(info, key);
    if (what === "removed" && this.#selected === info.id) this.#open(this.#fixedContract ?? this.#library.sorted()[0]?.id ?? null);
    else if (what === "added" && !this.#selected) this.#open(info.id);
    else if (what === "reloaded" && info.id === this.#selected) {
      this.#library.snapshot(this.#entry(), this.#role, this.#clock.now());
      this.#notice("info", this.#words.otherTab);
    }
    this.#changed();
  }

  // --- commands ----------------------------------------------------------------------------------

  /**
   * Runs a command on a contract (the open one by default) and returns the engine's answer. A
   * person's action (`user`) first asks the host, which may veto it, and is stored after the frame
   * that shows it; a host's command at once (both once signed, on a signed contract).
   */
  #run(/** @type {any} */ command, entry = this.#entry(), user = true) {
    const library = this.#library;
    this.#changed();  // whatever happens next (a load, a reload from another tab) is shown
    if (!entry || !library.load(entry)) return { ok: false, error: { code: "NO_CONTRACT", message: this.#words.noContract } };
    if (entry.readOnly) return { ok: false, error: { code: "READ_ONLY", message: this.#words.readOnly } };
    library.catchUp(entry);  // a stale tab never writes over newer data
    if (!entry.snap) library.snapshot(entry, this.#role, this.#clock.now());
    if (!entry.activity) entry.narrate(this.#words);
    const full = { ...command, at: command.at ?? atFor(this.#clock.now(), entry.snap.state) };
    if (user && !this.#hooks.beforeCommand(full, entry.id)) return { ok: false, error: VETOED };
    const result = /** @type {any} */ (library.dispatch(entry, full, this.#role, this.#clock.now(), user));
    if (!result.ok) {
      this.#hooks.rejected({ contractId: entry.id, command: full, error: result.error });
      return result;
    }
    this.#changed();
    // A tick that released nothing is not news; every other accepted command is.
    if (result.events.length > 0 || full.type !== "tick") {
      this.#hooks.accepted({ contractId: entry.id, command: full, events: result.events });
    }
    return result;
  }

  /** Runs a command from a button: a refusal is said (a veto says nothing); returns it, or null. */
  #act(/** @type {any} */ command) {
    const result = /** @type {any} */ (this.#run(command));
    this.#say(result.ok || result.error.vetoed ? "" : this.#words.refusal(result.error));
    return result.ok ? null : result.error;
  }

  #move(/** @type {string} */ id, /** @type {number} */ toIndex, /** @type {string} */ focusKey) {
    this.#view.focusNext(focusKey);
    const error = this.#act({ type: "move_milestone", actor: "client", milestoneId: id, toIndex });
    if (!error) {
      const milestones = this.#shownState().milestones;
      const index = milestones.findIndex((m) => m.id === id);
      this.#view.announce(this.#words.moved(milestones[index].title, index + 1, milestones.length));
    }
  }

  /** What `command` would do now on the contract on show: the engine's dry run (nothing changes). */
  #preview(/** @type {any} */ command) {
    const entry = this.#entry();
    if (!entry?.contract) return { ok: false, error: { code: "NO_CONTRACT", message: this.#words.noContract } };
    return entry.contract.preview({ ...command, at: command.at ?? atFor(this.#clock.now(), entry.snap.state) });
  }

  /** Records the automatic release that fell due by now, if the engine says one did. */
  #tickIfDue(/** @type {Entry} */ entry) {
    if (!entry?.contract || entry.readOnly) return false;
    const tick = /** @type {import("../milestones").Tick} */ ({ type: "tick", actor: "system", at: this.#clock.now() });
    const preview = entry.contract.preview(tick);
    if (!preview.ok || preview.events.length === 0) return false;
    return this.#run(tick, entry, false).ok;
  }

  /** The clock moved (the timer, or the demo clock): due payments, then what is possible now. */
  #clockTick() {
    const entry = this.#entry();
    if (entry?.contract && !this.#tickIfDue(entry)) this.#library.snapshot(entry, this.#role, this.#clock.now());
    this.#updateBanner();
    this.#changed();
  }

  /** Keeps a new contract (created, imported, from a link): saves it, opens it and says so. */
  #adopt(/** @type {string} */ id, /** @type {any} */ contract, /** @type {string} */ announcement, sample = false) {
    const entry = this.#library.add(id, contract, this.#role, this.#clock.now(), sample);
    this.#selected = id;
    if (this.#fixedContract !== null) this.#fixedContract = id;
    this.#say("");
    this.#view.announce(announcement || this.#words.imported(entry.snap.state.contract.title));
    this.#remember();
  }

  // --- render --------------------------------------------------------------------------------------

  /** Asks the engine which banner to show (R21): at start, and when role, clock or config change. */
  #updateBanner() {
    this.#bannerShown = null;
    if (!this.#bannerConfig) return;
    try {
      const banner = this.#engine.banner(this.#bannerConfig, { country: this.#country, userType: this.#role }, this.#clock.now());
      if (banner && this.#library.store.setting("banner-dismissed", null) !== banner.message) this.#bannerShown = banner;
    } catch {
      // a bad config shows no banner rather than breaking the board
    }
  }

  /** "Replaced by" and "Replaces": the contracts a new offer links (settings read once each). */
  #related(/** @type {string} */ id) {
    let link = this.#relations.get(id);
    if (!link) {
      const store = this.#library.store;
      link = { by: store.setting(`replaced-by:${id}`, null), of: store.setting(`replaces:${id}`, null) };
      this.#relations.set(id, link);
    }
    /** @type {[string, string, string][]} */
    const out = [];
    const entries = this.#library.entries;
    if (link.by && entries.has(link.by)) out.push(["replacedBy", link.by, entries.get(link.by).summary?.title ?? link.by]);
    if (link.of && entries.has(link.of)) out.push(["replaces", link.of, entries.get(link.of).summary?.title ?? link.of]);
    return out;
  }

  /** Tells the activity entries the board will show and reads the contract's links. */
  #prepare() {
    const entry = this.#entry();
    // A contract read again from storage (another tab's newer log) has no snapshot yet.
    if (entry?.contract && !entry.snap) this.#library.snapshot(entry, this.#role, this.#clock.now());
    if (!entry?.snap || !entry.activity) return;
    prepareShown(entry, this.#role, this.#clock.now(), this.#words, this.#library);
    entry.related = this.#related(entry.id);
  }

  /** The page as it should look: read from the model only (no engine, no storage). */
  #page() {
    const library = this.#library;
    const notices = this.#notices.map((n) => ({ ...n, actions: [{ label: this.#words.dismiss, run: () => {
      this.#notices = this.#notices.filter((x) => x !== n);
      this.#changed();
    } }] }));
    return composePage({
      words: this.#words,
      library, notices, aside: this.#sharing.notices(), entry: this.#entry(), now: this.#clock.now(),
      role: this.#role, roleFixed: this.#fixedRole !== null, fixedContract: this.#fixedContract,
      demo: this.#clock.offset > 0, demoClock: this.#demoClock, banner: this.#bannerShown, alert: this.#alert,
      selected: this.#selected,
      download: (name, text) => this.#view.download(name, text),
      dismissBanner: () => {
        library.store.setSetting("banner-dismissed", this.#bannerShown?.message ?? "");
        this.#updateBanner();
        this.#changed();
      },
    });
  }

  /** Renders the page from the model: no engine, no storage. */
  #render() {
    this.#renderQueued = false;
    this.#view.render(this.#page());
    if (this.#drawnThisFrame) return;
    this.#drawnThisFrame = true;
    const nextFrame = () => { this.#drawnThisFrame = false; };
    globalThis.requestAnimationFrame?.(nextFrame);
    setTimeout(nextFrame, 100);
  }
}
