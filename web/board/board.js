// The board's controller: turns what a person does into engine commands, keeps every contract's
// log in the store, and renders. The engine is the only source of truth: what the page offers
// comes from `allowed` and the state, dialogs take their figures from `preview`, and every
// refusal is shown in the engine's own words.
//
// One-way data flow: an action → one dispatch → the entry's snapshot (state, and what the acting
// role may do) is taken once → the events are told in the activity and appended to storage →
// render. Render reads snapshots only: it never asks the engine, never writes, and fires nothing.
// The clock ticks from a timer; a tick is dispatched only when the engine's preview says a
// payment fell due.
import { download } from "./dom.js";
import { centsToInput, formatMoment, formatMoney, isoDay, localDay, parseDollars } from "./format.js";
import { decode, isNewer, logStamp, VERSION } from "./store.js";
import { DAY } from "./clock.js";
import { buildShell, renderBanner, renderList, renderNotices, BoardView, ACTIVITY_PAGE } from "./view.js";
import { openContractForm, openForm } from "./dialogs.js";
import { installReorder } from "./reorder.js";
import { Activity, Narrator } from "./timeline.js";
import { warmWhenIdle } from "./warm.js";
import { sampleCommands } from "./sample.js";
import { statementDocument } from "./statement.js";
import { decodeLink, encodeLink, linkData } from "./link.js";
import { calendarFor } from "./calendar.js";

const NOT_DOLLARS = "Enter an amount in US dollars, like 250 or 250.50.";
const CLOCK_TICK_MS = 30_000;

/** What a vetoed command returns: nothing is shown, the dialog closes; the host said no. */
const VETOED = Object.freeze({ vetoed: true, message: "" });

const NO_HOOKS = {
  beforeCommand: () => true,
  accepted: () => {},
  rejected: () => {},
  selected: () => {},
};

function newId() {
  const random = globalThis.crypto?.randomUUID?.() ??
    `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return `c-${random}`;
}

/**
 * What one event changed, for History to mark: the milestones whose state differs from before it
 * (or that it added) and the budget figures that moved. A comparison of two engine states, no rules.
 */
function changedBetween(before, after) {
  const milestones = new Set();
  const figures = new Set();
  if (!before) return { milestones, figures };
  const was = new Map(before.milestones.map((m) => [m.id, JSON.stringify(m)]));
  for (const m of after.milestones) if (was.get(m.id) !== JSON.stringify(m)) milestones.add(m.id);
  for (const key of Object.keys(after.totals)) if (after.totals[key] !== before.totals[key]) figures.add(key);
  return { milestones, figures };
}

/** The stamp of a state: what storage compares to tell a newer log. */
const stampOf = (state) => ({ seq: state.seq, lastAt: state.lastAt });
/** What the contract list shows of a contract without loading its log. */
const summaryOf = (state, entry = null) => ({
  title: state.contract.title, status: state.contract.status, createdAt: state.contract.createdAt,
  contractId: state.contract.id,
  ...(entry?.summary?.sample ? { sample: true } : {}),
});

/**
 * One contract kept by the board. Its log is restored through the engine when it is first opened;
 * until then the list shows the summary its stored head carries.
 */
class Entry {
  id;
  contract = null;      // the engine's Contract, once loaded
  readOnly = false;
  readOnlyReason = "";
  base = { seq: 0, lastAt: 0 };  // the stamp of what storage holds
  summary = null;       // {title, status, createdAt}
  snap = null;          // {state, allowed: Map, role, at}: what render shows
  history = null;       // {seq, state, before, allowed, changed, label}: a look back, if any
  activity = null;      // Activity: [{seq, at, text}], oldest first, told when read
  activityLimit = ACTIVITY_PAGE;

  constructor(id, fields = {}) {
    this.id = id;
    Object.assign(this, fields);
  }

  /** The activity of the contract's log of `length` events (told as it is read). */
  narrate(length = this.contract.state().seq) {
    this.activity = new Activity(this.contract, length);
  }

  /** Replaces the engine contract (a reload from storage), telling its log afresh. */
  replace(contract) {
    this.contract?.dispose();
    this.contract = contract;
    this.narrate();
    this.snap = null;
    this.history = null;
  }
}

export class MilestoneBoard {
  #root;
  #engine;
  #store;
  #clock;
  #bannerConfig;
  #country;
  #parts;
  #view;
  #entries = new Map();  // storage id -> Entry
  #selected = null;
  #role;
  #notices = [];         // transient notices (other tab, import …)
  #reorder;
  #renderHeld = false;
  #focusKey = null;
  #timer = 0;
  #unwatch = () => {};
  #hooks;
  #fixedRole;
  #fixedContract;
  #demoClock;
  #relations = new Map(); // contract id -> {by, of}: the "Replaced by"/"Replaces" settings, read once
  #quarantined = [];     // what the store keeps aside, read when it changes (not per render)
  #aside = [];           // logs from links whose history parted from ours: [{key, id, title, part, here, there, raw}]
  #links;                // read contract links from the address's fragment
  #onHash = () => {
    this.#saveNow();
    this.#readLink();
  };
  #unsaved = new Set();  // entries with a person's change that is on screen and not yet stored
  #saveQueued = false;
  #onHide = (e) => {
    if (e.type === "pagehide" || globalThis.document?.visibilityState === "hidden") this.#saveNow();
  };
  #pageTitle = null;     // the document's own title, counted in front of when the board owns the page
  #bannerShown = null;   // the banner the engine picked, asked when role, clock or config change
  #noticesKey = "";
  #listKey = "";

  /**
   * root: the element (in a document or a shadow root) the board fills.
   * options.engine, .store, .clock: the engine, a Store and a Clock.
   * options.role: "client" | "freelancer" fixes the acting role (no "Acting as" choice);
   *   null offers the choice and remembers it.
   * options.contractId: show only this contract (no contract list); null shows them all.
   * options.demoClock: offer "Advance 1 day" / "Advance 14 days" / "Real time".
 * options.links: open a contract link found in the page address's fragment (#share=…), at start
 *   and when the fragment changes.
   * options.hooks: {beforeCommand(command, contractId) → false to veto, accepted(detail),
   *   rejected(detail), selected(contractId)}; see element.js for the events they become.
   */
  constructor(root, { engine, store, clock, bannerConfig = null, country = "US", role = null,
    contractId = null, demoClock = true, hooks = {}, links = false }) {
    this.#root = root;
    this.#engine = engine;
    this.#store = store;
    this.#clock = clock;
    this.#bannerConfig = bannerConfig;
    this.#country = country;
    this.#hooks = { ...NO_HOOKS, ...hooks };
    this.#fixedRole = role === "client" || role === "freelancer" ? role : null;
    this.#fixedContract = contractId || null;
    this.#demoClock = demoClock;
    this.#links = links;
    this.#pageTitle = links ? globalThis.document?.title ?? null : null;
    this.#role = this.#fixedRole ?? (store.setting("role", "client") === "freelancer" ? "freelancer" : "client");
  }

  /** The contract on show (the engine's Contract), or null. */
  get contract() {
    return this.#entries.get(this.#selected)?.contract ?? null;
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
  setRole(role, fixed = true) {
    if (role !== "client" && role !== "freelancer") return;
    this.#role = role;
    this.#fixedRole = fixed ? role : null;
    this.#refreshSnapshot();
    this.#render();
  }

  /** Opens the contract saved under `id` (it need not exist yet: the board says so). */
  select(id, only = this.#fixedContract !== null) {
    this.#fixedContract = only ? id : null;
    this.#open(id);
    this.#parts.alert.textContent = "";
    this.#render();
  }

  /**
   * Runs a command for the host: on the contract on show, or a new contract for
   * `create_contract`. `at` defaults to the board's clock (the safe way: a host's own `at` that
   * is behind the contract's clock is refused with CLOCK_BACKWARDS). Returns the engine's answer
   * ({ok: true, events} or {ok: false, error}); accepted commands are saved and shown.
   */
  dispatch(command) {
    if (command?.type === "create_contract") return this.#create(command, { user: false });
    const entry = this.#entries.get(this.#selected);
    const result = this.#run(command, entry, { user: false });
    this.#render();
    return result;
  }

  /** Builds the page, reads what is stored, opens one contract, and starts listening. */
  start() {
    this.#parts = buildShell(this.#root);
    this.#view = new BoardView(this.#parts.board);
    this.#parts.role.value = this.#role;
    this.#parts.roleGroup.hidden = this.#fixedRole !== null;
    this.#parts.clockGroup.hidden = !this.#demoClock;
    this.#parts.role.addEventListener("change", () => {
      this.#role = this.#parts.role.value;
      this.#store.setSetting("role", this.#role);
      // A contract opened by link remembers who this browser is in it.
      if (this.#selected && this.#store.setting(`role:${this.#selected}`, null)) this.#store.setSetting(`role:${this.#selected}`, this.#role);
      this.#refreshSnapshot();
      this.#render();
    });
    this.#root.addEventListener("click", (e) => this.#onClick(e));
    this.#root.addEventListener("input", (e) => {
      if (e.target.id === "history-slider") this.#viewHistory(e.target.value);
    });
    this.#root.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !this.#parts.statement.hidden && !this.#parts.dialog.open) {
        e.preventDefault();
        return this.#closeStatement();
      }
      if (e.key !== "Escape" || !this.#entries.get(this.#selected)?.history) return;
      if (this.#reorder?.active || this.#parts.dialog.open || e.defaultPrevented) return;
      e.preventDefault();
      this.#leaveHistory();
    });
    this.#parts.importInput.addEventListener("change", () => this.#import());
    this.#reorder = installReorder(this.#root, {
      list: () => this.#parts.board.querySelector(".milestones"),
      // From the snapshot on screen (a drag holds re-renders), not a query per key press.
      pinnedCount: () => this.#shownState()?.milestones.filter((m) => m.pinned).length ?? 0,
      titleOf: (id) => this.#shownState()?.milestones.find((m) => m.id === id)?.title ?? id,
      onMove: (id, toIndex) => this.#move(id, toIndex, `handle:${id}`),
      announce: (text) => this.#announce(text),
    });
    this.#loadAll();
    this.#updateBanner();
    const saved = this.#store.setting("selected", null);
    this.#open(this.#fixedContract ?? (this.#entries.has(saved) ? saved : this.#sorted()[0]?.id ?? null));
    this.#unwatch = this.#store.watch((info, key) => this.#onStorage(info, key));
    this.#timer = setInterval(() => this.#clockTick(), CLOCK_TICK_MS);
    globalThis.addEventListener?.("pagehide", this.#onHide);
    globalThis.document?.addEventListener("visibilitychange", this.#onHide);
    this.#loadAside();
    this.#render();
    if (this.#links) {
      globalThis.addEventListener?.("hashchange", this.#onHash);
      this.#readLink();
    }
    warmWhenIdle(this.#engine);
    return this;
  }

  /** Stops timers and listeners and frees every contract. */
  stop() {
    this.#saveNow();
    clearInterval(this.#timer);
    globalThis.removeEventListener?.("pagehide", this.#onHide);
    globalThis.document?.removeEventListener("visibilitychange", this.#onHide);
    globalThis.removeEventListener?.("hashchange", this.#onHash);
    this.#unwatch();
    for (const e of this.#entries.values()) e.contract?.dispose();
    this.#entries.clear();
  }

  // --- loading -------------------------------------------------------------------------------

  /**
   * Reads what is stored: version-3 heads become entries (their logs are restored when opened);
   * version-1 and version-2 records are restored and saved as version 3; newer ones open read-only.
   */
  #loadAll() {
    const stored = this.#store.entries();
    const current = new Set(stored.filter((s) => s.version === VERSION && s.head).map((s) => s.id));
    for (const s of stored) {
      if (s.raw === null) continue;
      if (s.version === VERSION) {
        if (s.head) this.#entries.set(s.id, new Entry(s.id, { base: { seq: s.head.seq, lastAt: s.head.lastAt }, summary: s.head.summary ?? null }));
        else this.#quarantine(s.key, s.raw, "it is not a saved contract");
      } else if (s.version > VERSION) {
        this.#loadNewer(s);
      } else if (!current.has(s.id)) {
        this.#migrate(s);
      }
    }
    this.#quarantined = this.#store.quarantined();
  }

  /**
   * A record of an older format (version 1: the whole log in one value; version 2: segments of 64
   * from the first event): restored through the engine, saved as version 3, then removed.
   */
  #migrate({ id, key, raw, version }) {
    let log;
    let problem = null;
    if (version === 2) {
      const loaded = this.#store.load(id, 2);
      if (loaded.text) log = loaded.text;
      else [problem, raw] = [loaded.error, loaded.raw ?? raw];
    } else {
      const decoded = decode(raw);
      if (decoded.error) problem = decoded.error;
      else log = decoded.record.log;
    }
    if (!problem) {
      try {
        const contract = this.#engine.restore(log);
        const entry = new Entry(id, { contract });
        const state = contract.state();
        entry.summary = summaryOf(state, entry);
        this.#entries.set(id, entry);
        if (this.#persist(entry, state)) {
          if (version === 2) this.#store.remove(id, 2);
          else this.#store.removeKey(key);
        }
        return;
      } catch (e) {
        problem = e.message;
      }
    }
    this.#quarantine(key, raw, problem);
  }

  /** Data from a newer board: shown read-only if the engine can read it, never written. */
  #loadNewer({ id, raw }) {
    const decoded = decode(raw);
    try {
      const contract = this.#engine.restore(decoded.record.log);
      this.#entries.set(id, new Entry(id, {
        contract, readOnly: true, base: logStamp(decoded.record.log), summary: summaryOf(contract.state()),
        readOnlyReason: "This contract was saved by a newer version of the board, so it is shown read-only.",
      }));
    } catch {
      this.#notice("warning", "A contract saved by a newer version of the board cannot be opened here; it was left untouched.");
    }
  }

  /** Unloadable data is kept aside, never overwritten, and can be exported. */
  #quarantine(key, raw, problem) {
    const kept = this.#store.quarantine(key, raw);
    if (!kept) {
      this.#notice("warning", `A saved contract could not be loaded (${problem}) and was left where it is, untouched.`);
    }
    this.#quarantined = this.#store.quarantined();
  }

  /** Restores an entry's log from storage the first time it is opened. False if it cannot be. */
  #load(entry) {
    if (entry.contract) return true;
    const loaded = this.#store.load(entry.id);
    let problem = loaded.error ?? null;
    if (loaded.text) {
      try {
        entry.contract = this.#engine.restore(loaded.text);
        entry.base = { seq: loaded.head.seq, lastAt: loaded.head.lastAt };
        entry.narrate(loaded.head.seq);
        return true;
      } catch (e) {
        problem = e.message;
      }
    }
    this.#entries.delete(entry.id);
    if (!loaded.missing) this.#quarantine(this.#store.contractKey(entry.id), loaded.raw, problem);
    return false;
  }

  /** Reads a contract again from storage, where another tab saved a newer log. True if it did. */
  #reload(entry) {
    const loaded = this.#store.load(entry.id);
    if (!loaded.text) return false;
    try {
      entry.replace(this.#engine.restore(loaded.text));
    } catch {
      return false;  // the other tab wrote something unreadable: keep what we have, do not write
    }
    entry.base = { seq: loaded.head.seq, lastAt: loaded.head.lastAt };
    entry.summary = loaded.head.summary ?? entry.summary;
    if (entry.id === this.#selected) this.#snapshot(entry);
    return true;
  }

  /** Before a command: another tab may have saved this contract since (a few bytes to compare). */
  #catchUp(entry) {
    const stored = this.#store.head(entry.id).head;
    if (stored && isNewer({ seq: stored.seq, lastAt: stored.lastAt }, entry.base)) this.#reload(entry);
  }

  /** Opens a contract: loads it if needed, records a payment that fell due, takes its snapshot. */
  #open(id) {
    this.#selected = id;
    const remembered = id && this.#fixedRole === null ? this.#store.setting(`role:${id}`, null) : null;
    if (remembered === "client" || remembered === "freelancer") this.#role = remembered;
    const entry = this.#entries.get(id);
    if (!entry || !this.#load(entry)) return;
    if (!entry.activity) entry.narrate();
    if (!this.#tickIfDue(entry)) this.#snapshot(entry);
  }

  #onStorage(info, key) {
    this.#saveNow();  // a change of ours that waits meets the other tab's in append
    if (info.kind === "setting") {
      this.#relations.clear();
      if (info.name === "clock") {
        this.#clock.set(this.#store.setting("clock", 0));
        return this.#clockTick();
      }
      return this.#render();
    }
    if (info.kind === "quarantine" || info.kind === "cleared") this.#quarantined = this.#store.quarantined();
    if (info.kind === "contract" && info.version === VERSION) {
      const entry = this.#entries.get(info.id);
      const { head } = this.#store.head(info.id);
      if (!head && entry && !entry.readOnly) {
        entry.contract?.dispose();
        this.#entries.delete(info.id);
        if (this.#selected === info.id) this.#open(this.#fixedContract ?? this.#sorted()[0]?.id ?? null);
      } else if (head && !entry) {
        this.#entries.set(info.id, new Entry(info.id, { base: { seq: head.seq, lastAt: head.lastAt }, summary: head.summary ?? null }));
        if (!this.#selected) this.#open(info.id);
      } else if (head && !entry.readOnly && isNewer({ seq: head.seq, lastAt: head.lastAt }, entry.base)) {
        if (!entry.contract) {
          entry.base = { seq: head.seq, lastAt: head.lastAt };
          entry.summary = head.summary ?? entry.summary;
        } else if (this.#reload(entry) && info.id === this.#selected) {
          this.#notice("info", "This contract changed in another tab; the board shows the latest version.");
        }
      }
    } else if (info.kind === "contract" && info.version > VERSION && !this.#entries.has(info.id)) {
      const raw = this.#store.entries().find((e) => e.key === key)?.raw ?? null;
      if (raw !== null) this.#loadNewer({ id: info.id, raw });
    }
    this.#render();
  }

  // --- commands ------------------------------------------------------------------------------

  /** The state on screen (the selected contract's snapshot), or null. */
  #shownState() {
    return this.#entries.get(this.#selected)?.snap?.state ?? null;
  }

  /** Takes an entry's snapshot: its state and what the acting role may do now. */
  #snapshot(entry) {
    const state = entry.contract.state();
    const at = Math.max(this.#clock.now(), state.lastAt);
    // milestone id ("" for the contract) -> the command types allowed
    const allowed = entry.readOnly ? new Map() : entry.contract.allowedByMilestone(this.#role, at);
    entry.snap = { state, allowed, at };
    entry.summary = summaryOf(state, entry);
  }

  #refreshSnapshot() {
    const entry = this.#entries.get(this.#selected);
    if (entry?.contract) this.#snapshot(entry);
    if (entry?.history) entry.history.allowed = entry.contract.allowedAfter(entry.history.seq, this.#role);
    this.#updateBanner();
  }

  // --- history ---------------------------------------------------------------------------------

  /**
   * Shows the open contract as it was right after event `k` of its log, read-only: the engine
   * answers the state and what the acting role could do then (stateAfter, allowedAfter); the
   * milestones and figures that event changed are marked.
   */
  #viewHistory(k) {
    const entry = this.#entries.get(this.#selected);
    if (!entry?.snap || !entry.activity) return;
    const total = entry.snap.state.seq;
    const seq = Math.min(Math.max(1, Math.trunc(Number(k)) || 1), total);
    const last = entry.history;
    if (last?.seq === seq) return;
    // A step to a neighbour reuses the state in hand: one more state from the engine, not two.
    const before = seq === 1 ? null
      : last?.seq === seq - 1 ? last.state
      : entry.contract.stateAfter(seq - 1);
    const state = last?.seq === seq + 1 && last.before ? last.before : entry.contract.stateAfter(seq);
    const item = entry.activity.at(seq - 1);
    entry.history = {
      seq, state, before,
      allowed: entry.readOnly ? new Map() : entry.contract.allowedAfter(seq, this.#role),
      changed: changedBetween(before, state),
      label: `Viewing ${formatMoment(item.at)} — after ${item.text.replace(/\.$/, "")}`,
    };
    this.#render();
    this.#announce(`Event ${seq} of ${total}. ${entry.history.label}.`);
  }

  /** Back from History to the contract as it is now. */
  #leaveHistory() {
    const entry = this.#entries.get(this.#selected);
    if (!entry?.history) return;
    entry.history = null;
    const active = this.#activeElement();
    if (active?.dataset?.action === "history-now") this.#focusKey = "history";
    this.#render();
    this.#announce("Back to now.");
  }

  /**
   * Runs a command on a contract (the open one by default) and returns the engine's answer.
   * A person's action (`user`) first asks the host, which may veto it.
   */
  #run(command, entry = this.#entries.get(this.#selected), { user = true } = {}) {
    this.#saveNow();  // what is stored is what was shown, before anything reads it
    if (!entry || !this.#load(entry)) return { ok: false, error: { code: "NO_CONTRACT", message: "No contract is open." } };
    if (entry.readOnly) return { ok: false, error: { code: "READ_ONLY", message: "This contract is read-only here." } };
    this.#catchUp(entry);  // a stale tab never writes over newer data
    if (!entry.snap) this.#snapshot(entry);
    if (!entry.activity) entry.narrate();
    const full = { ...command, at: command.at ?? Math.max(this.#clock.now(), entry.snap.state.lastAt) };
    if (user && !this.#hooks.beforeCommand(full, entry.id)) return { ok: false, error: VETOED };
    const result = entry.contract.dispatch(full);
    if (!result.ok) {
      this.#hooks.rejected({ contractId: entry.id, command: full, error: result.error });
      return result;
    }
    const events = result.events;
    for (const e of events) entry.activity.push(e);
    this.#snapshot(entry);
    if (user) this.#saveSoon(entry, events);
    else this.#persist(entry, entry.snap.state, events);
    // A tick that released nothing is not news; every other accepted command is.
    if (events.length > 0 || full.type !== "tick") {
      this.#hooks.accepted({ contractId: entry.id, command: full, events });
    }
    return result;
  }

  /**
   * A person's change is stored right after the frame that shows it: the click's frame holds the
   * engine's work and the changed rows, not the storage reads and writes (about 1.5-2 ms on a
   * 1,000-milestone contract). Anything that acts or reads storage first stores what waits
   * (#saveNow), and so does the page being hidden or left; a host's `dispatch` and the clock's
   * ticks are stored before they return.
   */
  #saveSoon(entry, events) {
    entry.unsaved = entry.unsaved ? entry.unsaved.concat(events) : events;
    this.#unsaved.add(entry);
    if (this.#saveQueued) return;
    this.#saveQueued = true;
    const save = () => this.#saveNow();
    // After the next frame is painted; a page without frames (hidden) gets the timeout.
    globalThis.requestAnimationFrame?.(() => setTimeout(save, 0));
    setTimeout(save, 100);
  }

  /** Stores every change that waits to be stored; shows a failure (or the end of one) at once. */
  #saveNow() {
    this.#saveQueued = false;
    if (this.#unsaved.size === 0) return;
    const waiting = [...this.#unsaved];
    this.#unsaved.clear();
    const problem = this.#store.problem;
    let failed = false;
    for (const entry of waiting) {
      const fresh = entry.unsaved;
      entry.unsaved = null;
      if (this.#entries.get(entry.id) !== entry || !entry.contract || entry.readOnly) continue;
      if (!this.#persist(entry, entry.snap.state, fresh)) failed = true;
    }
    if (failed || this.#store.problem !== problem) this.#render();
  }

  /**
   * Saves what the contract added since storage last took it: `fresh`, the events the command
   * just added, when they are all of it; otherwise read from the engine. True when saved.
   */
  #persist(entry, state, fresh = null) {
    const stamp = stampOf(state);
    if (!isNewer(stamp, entry.base)) return true;
    let base = entry.base;
    for (let attempt = 0; attempt < 2; attempt++) {
      const events = fresh && base.seq + fresh.length === stamp.seq ? fresh : entry.contract.events(base.seq);
      const saved = this.#store.append(entry.id, base, events.map((e) => JSON.stringify(e)), stamp, summaryOf(state, entry));
      if (saved.ok) {
        entry.base = stamp;
        return true;
      }
      if (saved.behind) {
        base = saved.behind;
        continue;
      }
      if (saved.conflict) {
        this.#reload(entry);
        this.#notice("warning", "This contract changed in another tab first; your last change was not saved.");
      }
      return false;
    }
    return false;
  }

  /** Runs a command from a button: a refusal goes to the page's alert. */
  #act(command) {
    const result = this.#run(command);
    this.#parts.alert.textContent = result.ok ? "" : result.error.message;
    this.#render();
    return result.ok ? null : result.error;
  }

  #move(id, toIndex, focusKey) {
    this.#focusKey = focusKey;
    const error = this.#act({ type: "move_milestone", actor: "client", milestoneId: id, toIndex });
    if (!error) {
      const state = this.#shownState();
      const index = state.milestones.findIndex((m) => m.id === id);
      const title = state.milestones[index].title;
      this.#announce(`Moved ${title} to position ${index + 1} of ${state.milestones.length}.`);
    }
  }

  /** Records the automatic release that fell due by now, if the engine says one did. */
  #tickIfDue(entry) {
    if (!entry?.contract || entry.readOnly) return false;
    const tick = { type: "tick", actor: "system", at: this.#clock.now() };
    const preview = entry.contract.preview(tick);
    if (!preview.ok || preview.events.length === 0) return false;
    return this.#run(tick, entry, { user: false }).ok;
  }

  /** The clock moved (the timer, or the demo clock): due payments, then what is possible now. */
  #clockTick() {
    const entry = this.#entries.get(this.#selected);
    if (entry?.contract && !this.#tickIfDue(entry)) this.#snapshot(entry);
    this.#updateBanner();
    this.#render();
  }

  // --- user intents --------------------------------------------------------------------------

  #onClick(e) {
    const button = e.target.closest?.("[data-action]");
    if (!button || !this.#root.contains(button) || button.disabled) return;
    this.#saveNow();
    const action = button.dataset.action;
    const id = button.dataset.milestone;
    const state = this.#shownState();
    const m = state?.milestones.find((x) => x.id === id);
    const back = this.#returnFocus(button);
    const role = this.#role;
    switch (action) {
      case "new-contract": return this.#contractForm({}, "New contract", back);
      case "sample": return this.#sample();
      case "statement": return this.#showStatement();
      case "calendar": {
        const title = state.contract.title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "contract";
        return download(`milestones-${title}.ics`, calendarFor(state, Date.now()), "text/calendar");
      }
      case "share": return this.#share(back);
      case "statement-close": return this.#closeStatement();
      case "print": return window.print();
      case "delete-contract": return this.#confirmDelete(back);
      case "new-offer": return this.#contractForm(this.#offer(state), "Create new contract offer", back, this.#selected);
      case "import": return this.#parts.importInput.click();
      case "select":
        this.#parts.alert.textContent = "";
        this.#focusKey = null;
        this.#open(button.dataset.contract);
        this.#store.setSetting("selected", this.#selected);
        this.#hooks.selected(this.#selected);
        return this.#render();
      case "history-view": return this.#viewHistory(button.dataset.seq);
      case "history-now": return this.#leaveHistory();
      case "show-older": {
        const entry = this.#entries.get(this.#selected);
        if (entry) entry.activityLimit += ACTIVITY_PAGE;
        return this.#render();
      }
      case "advance-1":
      case "advance-14":
        this.#clock.advance((action === "advance-1" ? 1 : 14) * DAY);
        this.#announce(`The clock now shows ${new Date(this.#clock.now()).toUTCString()}.`);
        return this.#clockTick();
      case "real-time":
        this.#clock.reset();
        return this.#clockTick();
      case "export": return this.#export();
      case "accept_due_date":
      case "reject_due_date":
        return this.#act({ type: "respond_due_date", actor: role, milestoneId: id, accept: action === "accept_due_date" });
      case "accept_offer": return this.#act({ type: "respond_offer", actor: role, accept: true });
      case "accept_milestone_proposal":
      case "decline_milestone_proposal":
        return this.#act({ type: "respond_milestone_proposal", actor: role, accept: action === "accept_milestone_proposal" });
      case "activate_milestone":
      case "decline_refund":
      case "end_contract":
      case "decline_offer":
        return this.#confirm(action, m, role, back);
      case "move-up":
      case "move-down": {
        const index = state.milestones.findIndex((x) => x.id === id);
        return this.#move(id, index + (action === "move-up" ? -1 : 1), `${action === "move-up" ? "up" : "down"}:${id}`);
      }
      default: return this.#form(action, m, role, back);
    }
  }

  /**
   * Asks before money moves or something cannot be undone: the dialog says what will happen in
   * the engine's own figures (a `preview` of the command), and only "Confirm" runs it.
   */
  #confirm(action, m, role, back) {
    const state = this.#shownState();
    const title = (id) => state.milestones.find((x) => x.id === id)?.title ?? id;
    const list = (names) => names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    const c = state.contract;
    const spec = {
      activate_milestone: {
        command: { type: "activate_milestone", actor: role, milestoneId: m?.id },
        title: `Activate & fund: ${m?.title}`, submit: "Activate & fund",
        say: (events) => {
          const e = events.findLast((x) => x.type === "milestone_activated");
          const held = `It is held in escrow until you approve the work (or 14 days after a submission).`;
          if (e.fromCredit > 0 && e.charged > 0) {
            return `${formatMoney(e.amount)} will be charged: ${formatMoney(e.fromCredit)} from your credit, ${formatMoney(e.charged)} to your card. ${held}`;
          }
          if (e.fromCredit > 0) return `${formatMoney(e.amount)} comes from your credit; nothing is charged to your card. ${held}`;
          return `${formatMoney(e.charged)} will be charged to your card. ${held}`;
        },
      },
      end_contract: {
        command: { type: "end_contract", actor: role },
        title: `End “${c.title}”?`, submit: "End contract",
        say: (events) => {
          const ended = events.find((x) => x.type === "contract_ended");
          const returned = events.find((x) => x.type === "credit_returned");
          const closed = (ended.closed ?? []).map(title);
          const parts = ["The contract ends: nothing more can be funded or released."];
          if (closed.length) parts.push(`${list(closed)} ${closed.length === 1 ? "closes" : "close"} unfunded and will not be paid.`);
          if (returned) parts.push(`Your unused credit, ${formatMoney(returned.amount)}, goes back to you.`);
          parts.push("This cannot be undone.");
          return parts.join(" ");
        },
      },
      decline_refund: {
        command: { type: "respond_refund", actor: role, milestoneId: m?.id, accept: false },
        title: `Decline refund: ${m?.title}`, submit: "Decline refund",
        say: () => `${c.client} asked for ${formatMoney(m.refundRequest.amount)} back: “${m.refundRequest.reason}”. Declining keeps the money with you; the request closes.`,
      },
      decline_offer: {
        command: { type: "respond_offer", actor: role, accept: false },
        title: `Decline the offer “${c.title}”?`, submit: "Decline offer",
        say: () => `${c.client}'s offer closes for good: nothing more can happen on this contract. To ask for changes instead, talk to ${c.client} before answering.`,
      },
    }[action];
    const preview = this.#preview(spec.command);
    if (!preview.ok) {
      this.#parts.alert.textContent = preview.error.message;
      return this.#render();
    }
    openForm(this.#parts.dialog, {
      title: spec.title, submitLabel: spec.submit, returnFocus: back, intro: spec.say(preview.events), fields: [],
      onSubmit: () => {
        const result = this.#run(spec.command);
        if (!result.ok && !result.error.vetoed) return result.error;
        this.#parts.alert.textContent = "";
        this.#render();
        return null;
      },
    });
  }

  /** Forms for the actions that need input; each submits exactly one command. */
  #form(action, m, role, back) {
    const dialog = this.#parts.dialog;
    const submit = (command) => {
      const result = this.#run(command);
      if (!result.ok && !result.error.vetoed) return result.error;
      this.#parts.alert.textContent = "";
      this.#render();
      return null;
    };
    const money = (text, field, then) => {
      const cents = parseDollars(text);
      return cents === null ? { message: NOT_DOLLARS, field } : then(cents);
    };
    const base = { actor: role, milestoneId: m?.id };
    const today = localDay(this.#clock.now());  // the date pickers start at the viewer's today (R12′)
    switch (action) {
      case "submit_work":
        return openForm(dialog, { title: `Submit work: ${m.title}`, submitLabel: "Submit work", returnFocus: back,
          fields: [{ name: "message", label: "Message", type: "textarea", required: true }],
          onSubmit: (v) => submit({ ...base, type: action, message: v.message }) });
      case "request_changes":
        return openForm(dialog, { title: `Request changes: ${m.title}`, submitLabel: "Request changes", returnFocus: back,
          fields: [{ name: "message", label: "Message", type: "textarea", required: true }],
          onSubmit: (v) => submit({ ...base, type: action, message: v.message }) });
      case "release_payment":
        return openForm(dialog, {
          title: `Approve & release: ${m.title}`, submitLabel: "Approve & release", returnFocus: back,
          intro: `${formatMoney(m.escrow)} is in escrow for this milestone.`,
          fields: [{ name: "amount", label: "Amount to release", type: "money", value: centsToInput(m.escrow), field: "amount" }],
          // The figures come from the engine: a dry run of the release as typed.
          onInput: (v) => {
            const cents = parseDollars(v.amount);
            if (cents === null) return NOT_DOLLARS;
            const preview = this.#preview({ ...base, type: action, amount: cents });
            if (!preview.ok) return preview.error.message;
            const released = preview.events.findLast((e) => e.type === "payment_released");
            if (released.returned > 0) return `Releasing less: ${formatMoney(released.returned)} goes back to the client's credit, used first by the next milestone and given back when the contract ends.`;
            if (released.extra > 0) return `Releasing more: ${formatMoney(released.extra)} more will be charged to the client.`;
            return `The whole escrow, ${formatMoney(released.amount)}, goes to the freelancer.`;
          },
          onSubmit: (v) => money(v.amount, "amount", (amount) => submit({ ...base, type: action, amount })) });
      case "edit_milestone":
        return openForm(dialog, { title: `Edit ${m.title}`, submitLabel: "Save changes", returnFocus: back,
          fields: [
            { name: "title", label: "Milestone title", value: m.title, field: "changes.title" },
            { name: "description", label: "Description", type: "textarea", value: m.description, field: "changes.description" },
            { name: "amount", label: "Amount (USD)", type: "money", value: centsToInput(m.amount), field: "changes.amount" },
          ],
          onSubmit: (v) => money(v.amount, "changes.amount", (amount) => {
            const changes = {};
            if (v.title !== m.title) changes.title = v.title;
            if (v.description !== m.description) changes.description = v.description;
            if (amount !== m.amount) changes.amount = amount;
            return submit({ ...base, type: action, changes });
          }) });
      case "delete_milestone":
        return openForm(dialog, { title: `Delete ${m.title}?`, submitLabel: "Delete", returnFocus: back,
          intro: "The milestone is removed from the plan. This is recorded in the activity.", fields: [],
          onSubmit: () => submit({ ...base, type: action }) });
      case "propose_due_date":
        return openForm(dialog, { title: `Propose due date: ${m.title}`, submitLabel: "Propose due date", returnFocus: back,
          intro: "The other party accepts or rejects the new date.",
          fields: [{ name: "dueDate", label: "Due date", type: "date", value: m.dueDate, min: today }],
          onSubmit: (v) => submit({ ...base, type: action, dueDate: v.dueDate }) });
      case "request_refund":
        return openForm(dialog, { title: `Request refund: ${m.title}`, submitLabel: "Request refund", returnFocus: back,
          intro: `${formatMoney(m.released - m.refunded)} of this milestone can still be refunded.`,
          fields: [
            { name: "amount", label: "Amount (USD)", type: "money", field: "amount" },
            { name: "reason", label: "Message", type: "textarea", field: "reason" },
          ],
          onSubmit: (v) => money(v.amount, "amount", (amount) => submit({ ...base, type: action, amount, reason: v.reason })) });
      case "accept_refund":
        return openForm(dialog, { title: `Accept refund: ${m.title}`, submitLabel: "Accept refund", returnFocus: back,
          intro: `The client asked for ${formatMoney(m.refundRequest.amount)}: “${m.refundRequest.reason}”. You may refund that or less.`,
          fields: [{ name: "amount", label: "Amount (USD)", type: "money", value: centsToInput(m.refundRequest.amount), field: "amount" }],
          // The figures come from the engine: a dry run of the refund as typed.
          onInput: (v) => {
            const cents = parseDollars(v.amount);
            if (cents === null) return NOT_DOLLARS;
            const preview = this.#preview({ ...base, type: "respond_refund", accept: true, amount: cents });
            if (!preview.ok) return preview.error.message;
            const refunded = preview.events.findLast((e) => e.type === "refund_accepted");
            return `${formatMoney(refunded.amount)} goes back to ${this.#shownState().contract.client}; this cannot be undone.`;
          },
          onSubmit: (v) => money(v.amount, "amount", (amount) =>
            submit({ ...base, type: "respond_refund", accept: true, amount })) });
      case "add_milestone":
      case "propose_milestone":
        return openForm(dialog, {
          title: action === "add_milestone" ? "Add milestone" : "Propose milestone",
          submitLabel: action === "add_milestone" ? "Add milestone" : "Propose milestone", returnFocus: back,
          intro: action === "propose_milestone" ? "The client accepts or declines it; accepted, it is added at the end of the plan." : undefined,
          fields: [
            { name: "title", label: "Milestone title", field: "milestone.title" },
            { name: "description", label: "Description", type: "textarea", field: "milestone.description" },
            { name: "amount", label: "Amount (USD)", type: "money", field: "milestone.amount" },
            { name: "dueDate", label: "Due date", type: "date", min: today, field: "milestone.dueDate" },
          ],
          onSubmit: (v) => money(v.amount, "milestone.amount", (amount) => submit({
            type: action, actor: role,
            milestone: { title: v.title, description: v.description, amount, dueDate: v.dueDate },
          })) });
      case "extend_contract":
        return openForm(dialog, { title: "Extend contract", submitLabel: "Extend contract", returnFocus: back,
          fields: [{ name: "endDate", label: "End date", type: "date", value: this.#shownState().contract.endDate ?? "" }],
          onSubmit: (v) => submit({ type: action, actor: role, endDate: v.endDate }) });
      case "leave_feedback":
        return openForm(dialog, { title: "Leave feedback", submitLabel: "Leave feedback", returnFocus: back,
          fields: [
            { name: "rating", label: "Rating", type: "select", value: "5",
              options: [["5", "5 – excellent"], ["4", "4 – good"], ["3", "3 – fair"], ["2", "2 – poor"], ["1", "1 – very poor"]] },
            { name: "comment", label: "Comment", type: "textarea" },
          ],
          onSubmit: (v) => submit({ type: action, actor: role, rating: Number(v.rating), comment: v.comment }) });
      default:
        return undefined;
    }
  }

  /** What `command` would do now on the contract on show: the engine's dry run (nothing changes). */
  #preview(command) {
    const entry = this.#entries.get(this.#selected);
    if (!entry?.contract) return { ok: false, error: { code: "NO_CONTRACT", message: "No contract is open." } };
    return entry.contract.preview({ ...command, at: command.at ?? Math.max(this.#clock.now(), entry.snap.state.lastAt) });
  }

  /** The milestones not yet paid, for "Create new contract offer" (a prefill the person edits). */
  #offer(state) {
    const c = state.contract;
    return {
      title: `${c.title} (new offer)`, client: c.client, freelancer: c.freelancer, accountType: c.accountType,
      endDate: c.endDate ?? "",
      milestones: state.milestones.filter((m) => !m.pinned).map((m) => ({  // not funded yet
        title: m.title, description: m.description, amount: centsToInput(m.amount), dueDate: m.dueDate,
      })),
    };
  }

  #contractForm(initial, title, back, replaces = null) {
    openContractForm(this.#parts.dialog, {
      title, initial, returnFocus: back,
      onSubmit: (draft) => {
        const milestones = [];
        for (const [i, m] of draft.milestones.entries()) {
          if (!m.title.trim() && !m.amount.trim() && !m.dueDate && !m.description.trim()) continue;  // a blank row
          const amount = parseDollars(m.amount);
          if (amount === null) return { message: NOT_DOLLARS, field: `contract.milestones[${i}].amount` };
          milestones.push({ title: m.title, description: m.description, amount, dueDate: m.dueDate });
        }
        const result = this.#create({
          type: "create_contract", actor: "client", offer: draft.start !== "agreed",
          contract: {
            id: newId(), title: draft.title, accountType: draft.accountType, client: draft.client,
            freelancer: draft.freelancer, milestones,
            endDate: draft.endDate || null,
          },
        });
        if (result.ok && replaces) this.#replace(replaces, this.#selected);
        return result.ok || result.error.vetoed ? null : result.error;
      },
    });
  }

  /**
   * A new offer replaces a locked plan (R3): the old contract ends in the same step where R15′
   * allows it (otherwise the page says what must happen first), and each names the other.
   */
  #replace(oldId, newId) {
    const old = this.#entries.get(oldId);
    if (!old || !this.#load(old)) return;
    this.#store.setSetting(`replaced-by:${oldId}`, newId);
    this.#store.setSetting(`replaces:${newId}`, oldId);
    this.#relations.delete(oldId);
    this.#relations.delete(newId);
    const title = old.summary?.title ?? oldId;
    const ending = old.contract.preview({ type: "end_contract", actor: "client", at: Math.max(this.#clock.now(), old.contract.state().lastAt) });
    if (!ending.ok) {
      this.#notice("warning", `“${title}” stays open for now: ${ending.error.message} End it once that is done.`);
      return;
    }
    const result = this.#run({ type: "end_contract", actor: "client" }, old);
    if (result.ok) this.#notice("info", `“${title}” ended: the new offer replaces it.`);
  }

  /** Creates a contract (its id is the storage id), saves it and opens it. */
  #create(command, { user = true } = {}) {
    const full = { ...command, at: command.at ?? this.#clock.now() };
    const id = full.contract?.id;
    if (typeof id === "string" && this.#entries.has(id)) {
      return { ok: false, error: { code: "CONTRACT_EXISTS", field: "contract.id", message: `A contract with the id ${id} is already on this board.` } };
    }
    if (user && !this.#hooks.beforeCommand(full, id ?? null)) return { ok: false, error: VETOED };
    const contract = this.#engine.createContract();
    const result = contract.dispatch(full);
    if (!result.ok) {
      contract.dispose();
      this.#hooks.rejected({ contractId: id ?? null, command: full, error: result.error });
      return result;
    }
    this.#adopt(id, contract, `Created the contract ${result.events[0].contract.title}.`);
    this.#hooks.accepted({ contractId: id, command: full, events: result.events });
    return result;
  }

  #export() {
    const log = this.contract?.log();
    if (!log) return;
    const title = log.events[0].contract.title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "contract";
    download(`milestones-${title}-${isoDay(Date.now())}.json`, JSON.stringify(log, null, 2));
  }

  async #import() {
    this.#saveNow();
    const file = this.#parts.importInput.files?.[0];
    this.#parts.importInput.value = "";
    if (!file) return;
    let contract;
    try {
      const text = await file.text();
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`${file.name} is not a JSON file.`);
      }
      contract = this.#engine.restore(parsed?.format === "milestone-board" ? parsed.log : parsed);
    } catch (e) {
      this.#parts.alert.textContent = `Import failed: ${e.message}`;
      return;
    }
    this.#adopt(newId(), contract, "");
  }

  /** "Try a sample contract": its commands run through the engine like anyone's. */
  #sample() {
    const id = `sample-${newId()}`;
    const contract = this.#engine.createContract();
    const refused = contract.dispatchMany(sampleCommands(this.#clock.now(), id)).find((r) => !r.ok);
    if (refused) {
      contract.dispose();
      this.#parts.alert.textContent = `The sample contract could not be made: ${refused.error.message}`;
      return;
    }
    this.#adopt(id, contract, "Created a sample contract: Bakery website redesign.", { sample: true });
  }

  #confirmDelete(back) {
    const entry = this.#entries.get(this.#selected);
    if (!entry?.snap) return;
    const title = entry.snap.state.contract.title;
    openForm(this.#parts.dialog, {
      title: `Delete “${title}” from this browser?`,
      intro: "Its log is removed from this browser's storage; nothing else keeps it. Export it first to keep a copy.",
      submitLabel: "Delete",
      fields: [],
      returnFocus: back,
      onSubmit: () => {
        this.#delete(entry.id);
        this.#announce(`Deleted ${title} from this browser.`);
        return null;
      },
    });
  }

  // --- links ---------------------------------------------------------------------------------

  /** "Share link": a link that carries the whole log in its fragment (board/link.js). */
  async #share(back) {
    const entry = this.#entries.get(this.#selected);
    const log = entry?.contract?.log();
    if (!log) return;
    const fragment = await encodeLink(JSON.stringify(log));
    const here = globalThis.location?.href?.split("#")[0] ?? "";
    const link = `${here}#${fragment}`;
    const kb = (link.length / 1024).toFixed(1);
    openForm(this.#parts.dialog, {
      title: `Share “${log.events[0].contract.title}”`,
      intro: `This link holds the whole contract (${log.events.length} events, ${kb} KB of text) in the part after “#”, ` +
        "which browsers never send to a server. Whoever opens it gets a copy that the engine checks event by event; " +
        "send it to the other party, and open the link they send back to bring this contract up to date.",
      submitLabel: "Copy link",
      fields: [{ name: "link", label: "Link", value: link }],
      returnFocus: back,
      onSubmit: () => {
        globalThis.navigator?.clipboard?.writeText(link).then(
          () => this.#announce("The link is copied."),
          () => this.#announce("The browser did not allow copying; select the link and copy it."));
        return null;
      },
    });
  }

  /** Opens the contract link in the address's fragment, if any, and removes it from the address. */
  async #readLink() {
    const data = linkData(globalThis.location?.hash ?? "");
    if (data === null) return;
    const url = globalThis.location.href.split("#")[0];
    globalThis.history?.replaceState(globalThis.history.state, "", url);
    const decoded = await decodeLink(data);
    if (decoded.error) return this.#linkRefused(decoded.error);
    let incoming;
    try {
      incoming = this.#engine.restore(decoded.text);
    } catch (e) {
      return this.#linkRefused(`The engine refused the contract in this link: ${e.message}`);
    }
    this.#takeLink(incoming, decoded.text);
  }

  #linkRefused(message) {
    this.#parts.alert.textContent = `${message} Nothing was changed.`;
    this.#render();
  }

  /** The entry that holds contract `contractId` (by the id in its log), or undefined. */
  #entryOf(contractId) {
    return this.#entries.get(contractId) ??
      [...this.#entries.values()].find((e) => e.summary?.contractId === contractId || e.snap?.state.contract.id === contractId);
  }

  /**
   * A contract from a link, checked by the engine: added if new here; fast-forwarded if it
   * extends ours; ignored if it is behind; kept aside beside ours if the two histories parted.
   */
  #takeLink(incoming, text) {
    const state = incoming.state();
    const title = state.contract.title;
    const entry = this.#entryOf(state.contract.id);
    if (!entry) {
      const id = this.#entries.has(state.contract.id) ? newId() : state.contract.id;
      this.#adopt(id, incoming, `Opened ${title} from a link.`);
      this.#askRole(id, state);
      return;
    }
    if (!this.#load(entry) || entry.readOnly) {
      incoming.dispose();
      return this.#linkRefused(`${title} is kept here in a form this board cannot change.`);
    }
    this.#catchUp(entry);
    const here = entry.contract.events();
    const there = incoming.events();
    let part = 0;
    while (part < here.length && part < there.length && JSON.stringify(here[part]) === JSON.stringify(there[part])) part++;
    this.#parts.alert.textContent = "";
    if (part === there.length) {
      incoming.dispose();
      this.#open(entry.id);
      this.#notice("info", part === here.length
        ? `The link holds ${title} as it is here: nothing new.`
        : `The link is older than ${title} here (it has ${there.length} of its ${here.length} events): nothing changed.`);
    } else if (part === here.length) {
      const narrator = new Narrator();
      const told = there.map((e) => narrator.describe(e)).slice(part).map((x) => x.text);
      entry.replace(incoming);
      this.#open(entry.id);
      if (!entry.snap) this.#snapshot(entry);
      this.#persist(entry, entry.snap.state);
      const shown = told.slice(-3);
      this.#notice("info", `New from the link: ${told.length > 3 ? `${told.length} events, the last: ` : ""}${shown.join(" ")}`);
      this.#announce(`${title} is up to date with the link: ${told.length} new event${told.length === 1 ? "" : "s"}.`);
    } else {
      incoming.dispose();
      const key = this.#store.keepAside(entry.id, text);
      this.#open(entry.id);
      if (!key) return this.#linkRefused("The link's version of this contract could not be kept (storage refused it).");
      this.#loadAside();
      this.#announce(`${title} here and in the link went separate ways; both are kept.`);
    }
    this.#store.setSetting("selected", this.#selected);
    this.#hooks.selected(this.#selected);
    this.#render();
  }

  /** Reads the logs kept aside and tells each one's history from where it parts from ours. */
  #loadAside() {
    this.#aside = [];
    for (const a of this.#store.keptAside()) {
      const entry = this.#entries.get(a.id);
      if (!entry || !this.#load(entry)) continue;
      let other;
      try {
        other = this.#engine.restore(a.raw);
      } catch {
        continue;  // unreadable now: it stays stored, untouched
      }
      const here = entry.contract.events();
      const there = other.events();
      other.dispose();
      let part = 0;
      while (part < here.length && part < there.length && JSON.stringify(here[part]) === JSON.stringify(there[part])) part++;
      const tell = (events) => {
        const narrator = new Narrator();
        return events.map((e) => narrator.describe(e)).slice(part).map((x) => x.text);
      };
      this.#aside.push({ ...a, title: here[0].contract.title, part, here: tell(here), there: tell(there) });
    }
  }

  #asideNotice(a) {
    return {
      kind: "warning", id: `aside:${a.key}`,
      text: `${a.title}: this browser and a link went separate ways after event ${a.part}. Both are kept; choose which one to go on with.`,
      columns: [["In this browser", a.here], ["In the link", a.there]],
      actions: [
        { label: "Keep this browser's", run: () => this.#chooseAside(a, false) },
        { label: "Keep the link's", run: () => this.#chooseAside(a, true) },
      ],
    };
  }

  /** The user's choice between two histories: the other one is discarded then, not before. */
  #chooseAside(a, takeLink) {
    const entry = this.#entries.get(a.id);
    if (takeLink && entry) {
      let contract;
      try {
        contract = this.#engine.restore(a.raw);
      } catch (e) {
        return this.#linkRefused(`The link's version cannot be restored: ${e.message}`);
      }
      this.#store.remove(entry.id);
      entry.replace(contract);
      entry.base = { seq: 0, lastAt: 0 };
      this.#snapshot(entry);
      if (!this.#persist(entry, entry.snap.state)) return this.#render();  // the copy aside stays
    }
    this.#store.removeKey(a.key);
    this.#loadAside();
    this.#announce(takeLink ? `${a.title}: went on with the link's version.` : `${a.title}: kept this browser's version.`);
    this.#render();
  }

  /** Asks, once, which party this browser is in a contract that came by link. */
  #askRole(id, state) {
    if (this.#fixedRole !== null || this.#store.setting(`role:${id}`, null)) return;
    const c = state.contract;
    openForm(this.#parts.dialog, {
      title: `Who are you in “${c.title}”?`,
      intro: "The board will act as this party for this contract. You can change it later with “Acting as”.",
      submitLabel: "Continue",
      fields: [{ name: "role", label: "I am", type: "select", value: this.#role,
        options: [["client", `${c.client}, the client`], ["freelancer", `${c.freelancer}, the freelancer`]] }],
      onSubmit: ({ role }) => {
        this.#store.setSetting(`role:${id}`, role);
        if (this.#selected === id) {
          this.#role = role;
          this.#refreshSnapshot();
          this.#render();
        }
        return null;
      },
    });
  }

  /** "Statement": the contract's statement of account, printable, in place of the board. */
  #showStatement() {
    const entry = this.#entries.get(this.#selected);
    const statement = entry?.contract?.statement();
    if (!statement) return;
    const p = this.#parts;
    p.statementSlot.replaceChildren(statementDocument(statement, entry.activity));
    p.layout.hidden = true;
    p.statement.hidden = false;
    p.statementSlot.querySelector("h2").focus();
  }

  #closeStatement() {
    const p = this.#parts;
    if (p.statement.hidden) return;
    p.statement.hidden = true;
    p.statementSlot.replaceChildren();
    p.layout.hidden = false;
    this.#focusKey = "statement:";
    this.#restoreFocus();
  }

  /** Forgets a contract here and in storage, and opens the next one. */
  #delete(id) {
    const entry = this.#entries.get(id);
    if (!entry) return;
    if (!entry.readOnly) this.#store.remove(id);
    entry.contract?.dispose();
    this.#entries.delete(id);
    if (this.#selected === id) {
      this.#open(this.#fixedContract !== null ? id : this.#sorted()[0]?.id ?? null);
      this.#store.setSetting("selected", this.#selected);
      this.#hooks.selected(this.#selected);
    }
    this.#focusKey = "new-contract:";
    this.#render();
  }

  /** Keeps a new contract (created or imported): saves it, opens it and says so. */
  #adopt(id, contract, announcement, { sample = false } = {}) {
    const entry = new Entry(id, { contract, summary: sample ? { sample: true } : null });
    entry.narrate();
    this.#entries.set(id, entry);
    this.#selected = id;
    this.#snapshot(entry);
    this.#persist(entry, entry.snap.state);
    if (this.#fixedContract !== null) this.#fixedContract = id;
    this.#store.setSetting("selected", id);
    this.#parts.alert.textContent = "";
    this.#announce(announcement || `Imported ${entry.snap.state.contract.title}.`);
    this.#hooks.selected(id);
    this.#render();
  }

  // --- rendering -----------------------------------------------------------------------------

  #sorted() {
    return [...this.#entries.values()].sort((a, b) => (a.summary?.createdAt ?? 0) - (b.summary?.createdAt ?? 0));
  }

  #announce(text) {
    const status = this.#parts.status;
    status.textContent = "";
    requestAnimationFrame(() => { status.textContent = text; });
  }

  #notice(kind, text) {
    if (!this.#notices.some((n) => n.text === text)) this.#notices.push({ kind, text });
  }

  #returnFocus(button) {
    const key = button.dataset.focus ?? `${button.dataset.action}:${button.dataset.milestone ?? ""}`;
    return () => {
      this.#focusKey = key;
      this.#restoreFocus();
    };
  }

  #activeElement() {
    let el = this.#root.getRootNode?.().activeElement ?? document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el;
  }

  #focusKeyOf(el) {
    return el.dataset?.focus ??
      (el.dataset?.action ? `${el.dataset.action}:${el.dataset.milestone ?? el.dataset.contract ?? ""}` : null);
  }

  /** Brings the page up to date with the snapshots. Reads nothing from the engine or storage. */
  #render() {
    if (this.#reorder?.active) {
      // Never re-render under a dragged row; the drop or cancel renders.
      if (!this.#renderHeld) {
        this.#renderHeld = true;
        setTimeout(() => { this.#renderHeld = false; this.#render(); }, 250);
      }
      return;
    }
    const active = this.#activeElement();
    const inside = active && this.#root.contains(active) && active.closest?.(".board, .contract-list");
    if (!this.#focusKey && inside) this.#focusKey = this.#focusKeyOf(active);
    const entry = this.#entries.get(this.#selected);
    const now = this.#clock.now();
    const p = this.#parts;
    p.role.value = this.#role;
    p.roleGroup.hidden = this.#fixedRole !== null;
    p.nav.hidden = this.#fixedContract !== null;
    p.layout.classList.toggle("single", p.nav.hidden);
    p.sample.hidden = this.#entries.size > 0;
    p.clockText.textContent = this.#clock.offset > 0
      ? `Demo clock: ${new Date(now).toUTCString()}`
      : `Real time: ${new Date(now).toUTCString()}`;
    p.realTime.hidden = this.#clock.offset === 0;
    renderBanner(p.banner, this.#bannerShown, () => {
      this.#store.setSetting("banner-dismissed", this.#bannerShown?.message ?? "");
      this.#updateBanner();
      this.#render();
    });
    const notices = this.#notices.map((n) => ({ ...n, actions: [{ label: "Dismiss", run: () => {
      this.#notices = this.#notices.filter((x) => x !== n);
      this.#render();
    } }] }));
    if (this.#store.problem) notices.unshift({ kind: "warning", text: `${this.#store.problem} The page keeps working, but changes are only in this tab until storage works again.` });
    for (const q of this.#quarantined) {
      notices.push({
        kind: "warning",
        text: "A saved contract could not be loaded. It was kept aside so nothing is lost; you can export it.",
        actions: [{ label: "Export", run: () => download(`quarantined-${q.id}.json`, q.raw) }],
      });
    }
    for (const a of this.#aside) notices.push(this.#asideNotice(a));
    const noticesKey = JSON.stringify(notices.map((n) => [n.text, n.columns]));
    if (noticesKey !== this.#noticesKey) {
      this.#noticesKey = noticesKey;
      renderNotices(p.notices, notices);
    }
    const contracts = this.#sorted().map((e) => ({
      id: e.id, title: e.summary?.title ?? e.id, status: e.summary?.status ?? "", readOnly: e.readOnly,
      sample: e.summary?.sample === true,
    }));
    const listKey = JSON.stringify([contracts, this.#selected]);
    if (listKey !== this.#listKey) {
      this.#listKey = listKey;
      renderList(p.list, contracts, this.#selected);
    }
    if (!entry?.snap) {
      this.#view.empty(this.#fixedContract);
    } else {
      const past = entry.history;
      this.#view.show({
        id: entry.id,
        state: past ? past.state : entry.snap.state,
        allowed: past ? past.allowed : entry.snap.allowed,
        // Looking back, the review countdown stands as it did right after that event.
        now: past ? past.state.lastAt : Math.max(now, entry.snap.state.lastAt),
        role: this.#role, readOnly: entry.readOnly, readOnlyReason: entry.readOnlyReason,
        activity: entry.activity, activityLimit: entry.activityLimit,
        events: entry.snap.state.seq,
        related: this.#related(entry.id),
        history: past ? { seq: past.seq, label: past.label, changed: past.changed } : null,
      });
    }
    this.#updateTitle(entry);
    // Focus stays where it was; only an element that went away hands it to its successor.
    if (inside && this.#activeElement() === active && active.isConnected && !active.disabled) this.#focusKey = null;
    else this.#restoreFocus();
  }

  /** "Replaced by" and "Replaces": the contracts a new offer links. */
  #related(id) {
    const out = [];
    // Read from storage once per contract (and again when a setting changes), not on every click.
    let link = this.#relations.get(id);
    if (!link) {
      link = { by: this.#store.setting(`replaced-by:${id}`, null), of: this.#store.setting(`replaces:${id}`, null) };
      this.#relations.set(id, link);
    }
    const { by, of } = link;
    if (by && this.#entries.has(by)) out.push(["Replaced by", by, this.#entries.get(by).summary?.title ?? by]);
    if (of && this.#entries.has(of)) out.push(["Replaces", of, this.#entries.get(of).summary?.title ?? of]);
    return out;
  }

  /** The page title counts what waits for the acting party (when the board owns the page). */
  #updateTitle(entry) {
    if (!this.#pageTitle) return;
    let waiting = 0;
    const snap = entry?.snap;
    if (snap && !entry.readOnly) {
      const answers = ["respond_due_date", "respond_refund", "respond_offer", "respond_milestone_proposal"];
      const waits = (types, m) => types !== undefined && (answers.some((t) => types.has(t)) ||
        (m?.status === "submitted" && types.has("release_payment")) ||  // a review
        (m?.status === "changes_requested" && types.has("submit_work")));
      if (waits(snap.allowed.get(""), null)) waiting++;
      for (const m of snap.state.milestones) if (waits(snap.allowed.get(m.id), m)) waiting++;
    }
    document.title = waiting > 0 ? `(${waiting}) ${this.#pageTitle}` : this.#pageTitle;
  }

  #restoreFocus() {
    const key = this.#focusKey;
    this.#focusKey = null;
    if (!key) return;
    // A milestone's controls are looked for in its row (a board may hold 20,000 elements).
    const [action, id] = key.split(":");
    const row = id ? this.#view.row(id) : null;
    const scope = row ?? this.#root;
    const find = (selector) => scope.querySelector(selector);
    let target = find(`[data-focus="${CSS.escape(key)}"]`) ??
      find(`[data-action="${CSS.escape(action)}"]${id ? `[data-milestone="${CSS.escape(id)}"], [data-action="${CSS.escape(action)}"][data-contract="${CSS.escape(id)}"]` : ""}`);
    if ((!target || target.disabled) && row) target = row.querySelector(".handle:not([disabled]), button:not([disabled])");
    target?.focus({ preventScroll: true });
  }

  /** The banner config (R21) arrived after the board started: show its banner. */
  setBannerConfig(config) {
    this.#bannerConfig = config;
    if (!this.#parts) return;
    this.#updateBanner();
    this.#render();
  }

  /** Asks the engine which banner to show (R21): at start, and when role, clock or config change. */
  #updateBanner() {
    this.#bannerShown = null;
    if (!this.#bannerConfig) return;
    try {
      const banner = this.#engine.banner(this.#bannerConfig, { country: this.#country, userType: this.#role }, this.#clock.now());
      if (banner && this.#store.setting("banner-dismissed", null) !== banner.message) this.#bannerShown = banner;
    } catch {
      // a bad config shows no banner rather than breaking the board
    }
  }
}
