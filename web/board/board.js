// The board's controller: turns what a person does into engine commands, keeps every contract's
// log in the store, and renders. The engine is the only source of truth: what the page offers
// comes from `allowed`, and every refusal is shown in the engine's own words.
import { h } from "./dom.js";
import { download } from "./dom.js";
import { centsToInput, formatMoney, isoDay, parseDollars } from "./format.js";
import { decode, isNewer, logStamp, VERSION } from "./store.js";
import { DAY } from "./clock.js";
import { buildShell, renderBanner, renderBoard, renderList, renderNotices, LOCKED_ACCOUNTS } from "./view.js";
import { openContractForm, openForm } from "./dialogs.js";
import { installReorder } from "./reorder.js";

const NOT_DOLLARS = "Enter an amount in US dollars, like 250 or 250.50.";

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

export class MilestoneBoard {
  #root;
  #engine;
  #store;
  #clock;
  #bannerConfig;
  #country;
  #parts;
  #entries = new Map();  // storage id -> {id, contract, readOnly, readOnlyReason, base}
  #selected = null;
  #role;
  #notices = [];         // transient notices (other tab, import …)
  #reorder;
  #renderHeld = false;
  #focusKey = null;
  #timer = 0;
  #unwatch = () => {};
  #shown = null;         // the state of the contract on screen, as last rendered
  #hooks;
  #fixedRole;
  #fixedContract;
  #demoClock;

  /**
   * root: the element (in a document or a shadow root) the board fills.
   * options.engine, .store, .clock: the engine, a Store and a Clock.
   * options.role: "client" | "freelancer" fixes the acting role (no "Acting as" choice);
   *   null offers the choice and remembers it.
   * options.contractId: show only this contract (no contract list); null shows them all.
   * options.demoClock: offer "Advance 1 day" / "Advance 14 days" / "Real time".
   * options.hooks: {beforeCommand(command, contractId) → false to veto, accepted(detail),
   *   rejected(detail), selected(contractId)}; see element.js for the events they become.
   */
  constructor(root, { engine, store, clock, bannerConfig = null, country = "US", role = null,
    contractId = null, demoClock = true, hooks = {} }) {
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
    this.#role = this.#fixedRole ?? (store.setting("role", "client") === "freelancer" ? "freelancer" : "client");
  }

  /** The contract on show (the engine's Contract), or null. */
  get contract() {
    return this.#current();
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
    this.#render();
  }

  /** Opens the contract saved under `id` (it need not exist yet: the board says so). */
  select(id, only = this.#fixedContract !== null) {
    this.#fixedContract = only ? id : null;
    this.#selected = id;
    this.#parts.alert.textContent = "";
    this.#render();
  }

  /**
   * Runs a command for the host: on the contract on show, or a new contract for
   * `create_contract`. `at` defaults to the board's clock. Returns the engine's answer
   * ({ok: true, events} or {ok: false, error}); accepted commands are saved and shown.
   */
  dispatch(command) {
    if (command?.type === "create_contract") return this.#create(command, { user: false });
    const entry = this.#entries.get(this.#selected);
    const result = this.#run(command, entry, { user: false });
    this.#render();
    return result;
  }

  /** Builds the page, loads every saved contract through the engine, and starts listening. */
  start() {
    this.#parts = buildShell(this.#root);
    this.#parts.role.value = this.#role;
    this.#parts.roleGroup.hidden = this.#fixedRole !== null;
    this.#parts.clockGroup.hidden = !this.#demoClock;
    this.#parts.role.addEventListener("change", () => {
      this.#role = this.#parts.role.value;
      this.#store.setSetting("role", this.#role);
      this.#render();
    });
    this.#root.addEventListener("click", (e) => this.#onClick(e));
    this.#parts.importInput.addEventListener("change", () => this.#import());
    this.#reorder = installReorder(this.#root, {
      list: () => this.#parts.board.querySelector("ol.milestones"),
      // From the state on screen (a drag holds re-renders), not a fresh query per key press.
      pinnedCount: () => this.#shown?.milestones.filter((m) => m.status !== "pending").length ?? 0,
      titleOf: (id) => this.#shown?.milestones.find((m) => m.id === id)?.title ?? id,
      onMove: (id, toIndex) => this.#move(id, toIndex, `handle:${id}`),
      announce: (text) => this.#announce(text),
    });
    for (const entry of this.#store.entries()) this.#load(entry);
    const saved = this.#store.setting("selected", null);
    this.#selected = this.#fixedContract ?? (this.#entries.has(saved) ? saved : this.#sorted()[0]?.id ?? null);
    this.#unwatch = this.#store.watch((info, key) => this.#onStorage(info, key));
    this.#timer = setInterval(() => this.#render(), 30_000);
    this.#render();
    return this;
  }

  /** Stops timers and listeners and frees every contract. */
  stop() {
    clearInterval(this.#timer);
    this.#unwatch();
    for (const e of this.#entries.values()) e.contract.dispose();
    this.#entries.clear();
  }

  // --- loading -------------------------------------------------------------------------------

  #load({ id, version, key, raw }) {
    if (raw === null) return;
    const decoded = decode(raw);
    const newer = version > VERSION || (decoded.record?.version ?? 0) > VERSION;
    if (newer) {
      // Data from a newer board: shown read-only if the engine can read it, never written.
      try {
        const contract = this.#engine.restore(decoded.record.log);
        this.#entries.set(id, {
          id, contract, readOnly: true, base: logStamp(decoded.record.log),
          readOnlyReason: "This contract was saved by a newer version of the board, so it is shown read-only.",
        });
      } catch {
        this.#notices.push({ kind: "warning", text: "A contract saved by a newer version of the board cannot be opened here; it was left untouched." });
      }
      return;
    }
    let problem = decoded.error;
    if (!problem) {
      try {
        const contract = this.#engine.restore(decoded.record.log);
        this.#entries.set(id, { id, contract, readOnly: false, base: logStamp(decoded.record.log) });
        return;
      } catch (e) {
        problem = e.message;
      }
    }
    // Unloadable data is kept aside, never overwritten, and can be exported.
    const kept = this.#store.quarantine(key, raw);
    if (!kept) {
      this.#notices.push({ kind: "warning", text: `A saved contract could not be loaded (${problem}) and was left where it is, untouched.` });
    }
  }

  #onStorage(info, key) {
    if (info.kind === "setting") {
      if (info.name === "clock") this.#clock.set(this.#store.setting("clock", 0));
      return this.#render();
    }
    if (info.kind !== "contract" && info.kind !== "cleared") return this.#render();
    if (info.kind === "contract") {
      const entry = this.#entries.get(info.id);
      if (entry && !entry.readOnly && info.version === VERSION) {
        if (this.#refresh(entry) && info.id === this.#selected) {
          this.#notice("info", "This contract changed in another tab; the board shows the latest version.");
        }
      } else if (!entry) {
        this.#load({ id: info.id, version: info.version, key, raw: this.#rawOf(key) });
        if (!this.#selected) this.#selected = info.id;
      }
    }
    this.#render();
  }

  #rawOf(key) {
    const entry = this.#store.entries().find((e) => e.key === key);
    return entry?.raw ?? null;
  }

  /** Re-reads a contract from storage when another tab saved a newer log. True if it changed. */
  #refresh(entry) {
    const stored = this.#store.read(entry.id);
    if (!stored.record || !isNewer(logStamp(stored.record.log), entry.base)) return false;
    try {
      const fresh = this.#engine.restore(stored.record.log);
      entry.contract.dispose();
      entry.contract = fresh;
      entry.base = logStamp(stored.record.log);
      return true;
    } catch {
      return false;  // the other tab wrote something unreadable: keep what we have, do not write
    }
  }

  // --- commands ------------------------------------------------------------------------------

  #current() {
    return this.#entries.get(this.#selected)?.contract ?? null;
  }

  /**
   * Runs a command on a contract (the open one by default) and returns the engine's answer.
   * A person's action (`user`) first asks the host, which may veto it.
   */
  #run(command, entry = this.#entries.get(this.#selected), { user = true } = {}) {
    if (!entry) return { ok: false, error: { code: "NO_CONTRACT", message: "No contract is open." } };
    if (entry.readOnly) return { ok: false, error: { code: "READ_ONLY", message: "This contract is read-only here." } };
    this.#refresh(entry);  // a stale tab never writes over newer data
    const lastAt = entry.contract.state()?.lastAt ?? 0;
    const full = { ...command, at: command.at ?? Math.max(this.#clock.now(), lastAt) };
    if (user && !this.#hooks.beforeCommand(full, entry.id)) return { ok: false, error: VETOED };
    const result = entry.contract.dispatch(full);
    if (!result.ok) {
      this.#hooks.rejected({ contractId: entry.id, command: full, error: result.error });
      return result;
    }
    if (result.events.length > 0) this.#persist(entry);
    // A tick that released nothing is not news; every other accepted command is.
    if (result.events.length > 0 || full.type !== "tick") {
      this.#hooks.accepted({ contractId: entry.id, command: full, events: result.events });
    }
    return result;
  }

  #persist(entry) {
    const log = entry.contract.log();
    const saved = this.#store.save(entry.id, log, entry.base);
    if (saved.ok) entry.base = logStamp(log);
    if (saved.conflict) {
      this.#refresh(entry);
      this.#notice("warning", "This contract changed in another tab first; your last change was not saved.");
    }
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
      const state = this.#shown;
      const index = state.milestones.findIndex((m) => m.id === id);
      const title = state.milestones[index].title;
      this.#announce(`Moved ${title} to position ${index + 1} of ${state.milestones.length}.`);
    }
  }

  #tick(entry) {
    if (!entry || entry.readOnly || this.#clock.now() < (entry.contract.state()?.lastAt ?? 0)) return;
    this.#run({ type: "tick", actor: "system" }, entry, { user: false });
  }

  // --- user intents --------------------------------------------------------------------------

  #onClick(e) {
    const button = e.target.closest?.("[data-action]");
    if (!button || !this.#root.contains(button) || button.disabled) return;
    const action = button.dataset.action;
    const id = button.dataset.milestone;
    const state = this.#current()?.state();
    const m = state?.milestones.find((x) => x.id === id);
    const back = this.#returnFocus(button);
    const role = this.#role;
    switch (action) {
      case "new-contract": return this.#contractForm({}, "New contract", back);
      case "new-offer": return this.#contractForm(this.#offer(state), "Create new contract offer", back);
      case "import": return this.#parts.importInput.click();
      case "select":
        this.#selected = button.dataset.contract;
        this.#store.setSetting("selected", this.#selected);
        this.#parts.alert.textContent = "";
        this.#focusKey = null;
        this.#hooks.selected(this.#selected);
        return this.#render();
      case "advance-1":
      case "advance-14":
        this.#clock.advance((action === "advance-1" ? 1 : 14) * DAY);
        this.#announce(`The clock now shows ${new Date(this.#clock.now()).toUTCString()}.`);
        return this.#render();
      case "real-time":
        this.#clock.reset();
        return this.#render();
      case "export": return this.#export();
      case "activate_milestone": return this.#act({ type: action, actor: role, milestoneId: id });
      case "accept_due_date":
      case "reject_due_date":
        return this.#act({ type: "respond_due_date", actor: role, milestoneId: id, accept: action === "accept_due_date" });
      case "decline_refund": return this.#act({ type: "respond_refund", actor: role, milestoneId: id, accept: false });
      case "end_contract": return this.#act({ type: action, actor: role });
      case "move-up":
      case "move-down": {
        const index = state.milestones.findIndex((x) => x.id === id);
        return this.#move(id, index + (action === "move-up" ? -1 : 1), `${action === "move-up" ? "up" : "down"}:${id}`);
      }
      default: return this.#form(action, m, role, back);
    }
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
    const today = isoDay(this.#clock.now());
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
          onInput: (v) => {
            const cents = parseDollars(v.amount);
            if (cents === null) return NOT_DOLLARS;
            if (cents < m.escrow) return `Releasing less: the remaining ${formatMoney(m.escrow - cents)} becomes client credit, used first by the next milestone and given back when the contract ends.`;
            if (cents > m.escrow) return `Releasing more: the extra ${formatMoney(cents - m.escrow)} is charged to the client.`;
            return "The whole escrow goes to the freelancer.";
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
          onSubmit: (v) => money(v.amount, "amount", (amount) =>
            submit({ ...base, type: "respond_refund", accept: true, amount })) });
      case "add_milestone":
        return openForm(dialog, { title: "Add milestone", submitLabel: "Add milestone", returnFocus: back,
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
          fields: [{ name: "endDate", label: "End date", type: "date", value: this.#current().state().contract.endDate }],
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

  /** The milestones not yet paid, for "Create new contract offer". */
  #offer(state) {
    const c = state.contract;
    return {
      title: `${c.title} (new offer)`, client: c.client, freelancer: c.freelancer, accountType: c.accountType,
      endDate: c.endDate ?? "",
      milestones: state.milestones.filter((m) => m.status !== "paid").map((m) => ({
        title: m.title, description: m.description, amount: centsToInput(m.amount), dueDate: m.dueDate,
      })),
    };
  }

  #contractForm(initial, title, back) {
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
          type: "create_contract", actor: "client",
          contract: {
            id: newId(), title: draft.title, accountType: draft.accountType, client: draft.client,
            freelancer: draft.freelancer, milestones,
            endDate: draft.accountType === "enterprise_compliance" && draft.endDate ? draft.endDate : null,
          },
        });
        return result.ok || result.error.vetoed ? null : result.error;
      },
    });
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
    const log = this.#current()?.log();
    if (!log) return;
    const title = log.events[0].contract.title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "contract";
    download(`milestones-${title}-${isoDay(Date.now())}.json`, JSON.stringify(log, null, 2));
  }

  async #import() {
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
    this.#adopt(newId(), contract, `Imported ${contract.state().contract.title}.`);
  }

  /** Keeps a new contract (created or imported): saves it, opens it and says so. */
  #adopt(id, contract, announcement) {
    const entry = { id, contract, readOnly: false, base: { seq: 0, lastAt: 0 } };
    this.#entries.set(id, entry);
    this.#persist(entry);
    this.#selected = id;
    if (this.#fixedContract !== null) this.#fixedContract = id;
    this.#store.setSetting("selected", id);
    this.#parts.alert.textContent = "";
    this.#announce(announcement);
    this.#hooks.selected(id);
    this.#render();
  }

  // --- rendering -----------------------------------------------------------------------------

  #sorted() {
    return [...this.#entries.values()].sort((a, b) =>
      (a.contract.state()?.contract.createdAt ?? 0) - (b.contract.state()?.contract.createdAt ?? 0));
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
    if (!this.#focusKey && active && this.#root.contains(active) && active.closest?.(".board, .contract-list")) {
      this.#focusKey = active.dataset?.focus ??
        (active.dataset?.action ? `${active.dataset.action}:${active.dataset.milestone ?? active.dataset.contract ?? ""}` : null);
    }
    const entry = this.#entries.get(this.#selected);
    this.#tick(entry);
    const now = this.#clock.now();
    const p = this.#parts;
    p.role.value = this.#role;
    p.roleGroup.hidden = this.#fixedRole !== null;
    p.nav.hidden = this.#fixedContract !== null;
    p.layout.classList.toggle("single", p.nav.hidden);
    p.clockText.textContent = this.#clock.offset > 0
      ? `Demo clock: ${new Date(now).toUTCString()}`
      : `Real time: ${new Date(now).toUTCString()}`;
    p.realTime.hidden = this.#clock.offset === 0;
    this.#renderBanner(now);
    const notices = [...this.#notices.map((n) => ({ ...n, actions: [{ label: "Dismiss", run: () => {
      this.#notices = this.#notices.filter((x) => x !== n);
      this.#render();
    } }] }))];
    if (this.#store.problem) notices.unshift({ kind: "warning", text: `${this.#store.problem} The page keeps working, but changes are only in this tab until storage works again.` });
    for (const q of this.#store.quarantined()) {
      notices.push({
        kind: "warning",
        text: "A saved contract could not be loaded. It was kept aside so nothing is lost; you can export it.",
        actions: [{ label: "Export", run: () => download(`quarantined-${q.id}.json`, q.raw) }],
      });
    }
    renderNotices(p.notices, notices);
    renderList(p.list, this.#sorted().map((e) => {
      const s = e.contract.state();
      return { id: e.id, title: s?.contract.title ?? e.id, status: s?.contract.status ?? "", readOnly: e.readOnly };
    }), this.#selected);
    if (!entry) {
      this.#shown = null;
      renderBoard(p.board, null, this.#fixedContract);
    } else {
      const state = entry.contract.state();
      this.#shown = state;
      const at = Math.max(now, state.lastAt);
      const allowed = new Map();  // milestone id ("" for the contract) -> the command types allowed
      for (const a of entry.contract.allowed(this.#role, at)) {
        const id = a.milestoneId ?? "";
        if (!allowed.has(id)) allowed.set(id, new Set());
        allowed.get(id).add(a.type);
      }
      renderBoard(p.board, {
        state, log: entry.contract.log(), allowed, now: at, role: this.#role,
        readOnly: entry.readOnly, readOnlyReason: entry.readOnlyReason,
      });
    }
    this.#restoreFocus();
  }

  #restoreFocus() {
    const key = this.#focusKey;
    this.#focusKey = null;
    if (!key) return;
    const find = (selector) => this.#root.querySelector(selector);
    let target = find(`[data-focus="${CSS.escape(key)}"]`);
    if (!target) {
      const [action, id] = key.split(":");
      target = find(`[data-action="${CSS.escape(action)}"]${id ? `[data-milestone="${CSS.escape(id)}"], [data-action="${CSS.escape(action)}"][data-contract="${CSS.escape(id)}"]` : ""}`);
    }
    if (!target || target.disabled) {
      const id = key.split(":")[1];
      const row = id ? find(`li[data-id="${CSS.escape(id)}"]`) : null;
      target = row?.querySelector(".handle:not([disabled]), button:not([disabled])") ?? null;
    }
    target?.focus();
  }

  /** The banner config (R21) arrived after the board started: show its banner. */
  setBannerConfig(config) {
    this.#bannerConfig = config;
    if (this.#parts) this.#renderBanner(this.#clock.now());
  }

  #renderBanner(now) {
    renderBanner(this.#parts.banner, this.#banner(now), () => {
      this.#store.setSetting("banner-dismissed", this.#banner(now)?.message ?? "");
      this.#render();
    });
  }

  #banner(now) {
    if (!this.#bannerConfig) return null;
    try {
      const banner = this.#engine.banner(this.#bannerConfig, { country: this.#country, userType: this.#role }, now);
      if (!banner || this.#store.setting("banner-dismissed", null) === banner.message) return null;
      return banner;
    } catch {
      return null;  // a bad config shows no banner rather than breaking the board
    }
  }
}

export { LOCKED_ACCOUNTS };
