// @ts-check
// What a person does on the board: a click on an action of the table (actions.js) runs it — at
// once, after a confirmation in the engine's figures, or from its form — and the page's own tools
// (new contract, import, sample, share, statement, History, the demo clock, moves) do theirs.
// It works through the controller's model (board.js), the library and the engine's answers, and
// decides nothing the engine decides.
import { centsToInput, isoDay, localDay, UNREADABLE } from "./format.js";
import { DAY } from "./clock.js";
import { PageView } from "./view.js";
import { ACTION_BY_ID } from "./actions.js";
import { atFor, newId } from "./library.js";
import { lookBack } from "./history.js";
import { toggleWhyNot } from "./why.js";
import { toggleThread, showEarlier } from "./discussion.js";
import { sampleCommands } from "./sample.js";
import { statementDocument } from "./statement.js";
import { calendarFor } from "./calendar.js";
import { admit } from "./trust.js";

/** @typedef {import("./actions.js").Action} Action */
/**
 * @typedef {object} Controller what the intents need of the board (board.js makes it)
 * @property {import("../milestones").Engine} engine
 * @property {import("./library.js").Library} library
 * @property {import("./words.js").Words} words the board's words
 * @property {PageView} view
 * @property {import("./sharing.js").Sharing} sharing
 * @property {{now(): number, advance(ms: number): void, reset(): void}} clock
 * @property {any} hooks
 * @property {"client" | "freelancer"} role
 * @property {string | null} selected
 * @property {string | null} fixedContract
 * @property {Map<string, unknown>} relations
 * @property {() => import("./library.js").Entry | undefined} entry
 * @property {() => any} shownState
 * @property {(command: any, entry?: any, user?: boolean) => any} run
 * @property {(command: any) => any} act
 * @property {(command: any) => any} preview
 * @property {(text: string) => void} say
 * @property {(kind: string, text: string) => void} notice
 * @property {(id: string | null) => void} open
 * @property {() => void} remember
 * @property {() => void} changed
 * @property {() => void} clockTick
 * @property {(id: string, toIndex: number, focusKey: string) => void} move
 * @property {(id: string, contract: any, announcement: string, sample?: boolean) => void} adopt
 */

/** What a vetoed command returns: nothing is shown, the dialog closes; the host said no. */
export const VETOED = Object.freeze({ vetoed: true, message: "" });

/** A file name from a contract's title: "milestones-Website-redesign". */
const fileName = (/** @type {string} */ title) =>
  `milestones-${title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "contract"}`;

export class Intents {
  #b;
  /** @type {import("../milestones").Contract | null} an empty contract, to check create_contract on */
  #blank = null;

  constructor(/** @type {Controller} */ controller) {
    this.#b = controller;
  }

  // --- what a person does --------------------------------------------------------------------------

  /** A click on a control with data-action: an action of the table, or one of the page's tools. */
  click(/** @type {HTMLElement} */ button) {
    this.#b.library.saveNow();
    const name = button.dataset.action;
    const action = ACTION_BY_ID.get(name);
    const back = this.#b.view.returnFocus(button);
    if (action) return this.#perform(action, button.dataset.milestone, back);
    const tool = this.#tools[name];
    if (tool) tool(button, back);
  }

  /** The page's own tools (not engine commands), by data-action. */
  #tools = {
    "new-contract": (_, back) => this.#contractForm({}, this.#b.words.newContract, back),
    "new-offer": (_, back) => this.#contractForm(this.#offer(this.#b.shownState()), this.#b.words.newOffer, back, this.#b.selected),
    sample: () => this.#sample(),
    statement: () => this.#showStatement(),
    "statement-close": () => this.#b.view.closeStatement(),
    print: () => globalThis.print(),
    calendar: () => {
      const state = this.#b.shownState();
      this.#b.view.download(`${fileName(state.contract.title)}.ics`, calendarFor(state, Date.now(), this.#b.words), "text/calendar");
    },
    export: async () => {
      await this.#b.library.settled();  // exported once signed (R26)
      if (this.#b.entry()?.unsigned) return this.#b.say(this.#b.words.notSigned);
      const log = this.#b.entry()?.contract?.log();
      if (log) this.#b.view.download(`${fileName(/** @type {any} */ (log.events[0]).contract.title)}-${isoDay(Date.now())}.json`, JSON.stringify(log, null, 2));
    },
    import: () => this.#b.view.pickFile(),
    share: (_, back) => this.#b.sharing.share(this.#b.entry(), back),
    "delete-contract": (_, back) => this.#confirmDelete(back),
    select: (button) => {
      this.#b.say("");
      this.#b.view.focusNext(null);
      this.#b.open(button.dataset.contract);
      this.#b.remember();
    },
    "history-view": (button) => this.viewHistory(button.dataset.seq),
    "history-now": (button) => this.#leaveHistory(button),
    "show-older": () => {
      const entry = this.#b.entry();
      if (entry) entry.activityLimit = (entry.activityLimit ?? PageView.ACTIVITY_PAGE) + PageView.ACTIVITY_PAGE;
      this.#b.changed();
    },
    "advance-1": () => this.#advance(1),
    "advance-14": () => this.#advance(14),
    "real-time": () => {
      this.#b.clock.reset();
      this.#b.clockTick();
    },
    "why-not": (button) => {
      const entry = this.#b.entry();
      if (entry) toggleWhyNot(entry, button.dataset.milestone ?? "contract");
      this.#b.changed();
    },
    "move-up": (button) => this.#moveBy(button.dataset.milestone, -1),
    "move-down": (button) => this.#moveBy(button.dataset.milestone, 1),
    // the discussion (discussion.js): a milestone's thread, older messages, posting
    thread: (button) => {
      const entry = this.#b.entry();
      if (entry) toggleThread(entry, button.dataset.milestone);
      this.#b.changed();
    },
    earlier: (button) => {
      const entry = this.#b.entry();
      if (entry) showEarlier(entry, button.dataset.milestone ?? "");
      this.#b.changed();
    },
    post: (button) => this.#post(button.dataset.milestone ?? ""),
  };

  /**
   * Posts what is typed in the thread of `site` ("" for the contract's) as the acting role: the
   * engine's problems with it (an empty message, one over 5,000 characters) show at the field, in
   * the board's words; a post that is accepted empties the form. Never in History.
   */
  #post(/** @type {string} */ site) {
    const entry = this.#b.entry();
    const thread = this.#b.view.thread(site);
    if (!entry?.snap || entry.history || !thread) return;
    const command = { type: "post_message", actor: this.#b.role, text: thread.draft, ...(site ? { milestoneId: site } : {}) };
    const problems = this.#check(command);
    const result = problems.length > 0 ? null : /** @type {any} */ (this.#b.run(command));
    if (result?.ok || result?.error.vetoed) {
      if (result.ok) thread.posted();
      this.#b.say("");
      if (result.ok) this.#b.view.announce(this.#b.words.posted);
      return;
    }
    const all = problems.length > 0 ? problems : [{ ...result.error, message: this.#b.words.refusal(result.error) }];
    thread.problems(all);
    // What is not about the text (the contract was declined meanwhile): said in the page's alert.
    this.#b.say(all.filter((p) => p.field !== "text").map((p) => p.message).join(" "));
  }

  #advance(/** @type {number} */ days) {
    this.#b.clock.advance(days * DAY);
    this.#b.view.announce(this.#b.words.clockNow(this.#b.words.clockTime(this.#b.clock.now())));
    this.#b.clockTick();
  }

  #moveBy(/** @type {string} */ id, /** @type {number} */ step) {
    const index = this.#b.shownState().milestones.findIndex((x) => x.id === id);
    this.#b.move(id, index + step, `${step < 0 ? "up" : "down"}:${id}`);
  }

  /**
   * Runs an action of the table: at once, after a confirmation that says what will happen in the
   * engine's own figures (a `preview` of the command), or from its form.
   */
  #perform(/** @type {Action} */ action, /** @type {string | undefined} */ milestoneId, /** @type {() => void} */ back) {
    const state = this.#b.shownState();
    const ctx = {
      role: this.#b.role, state, m: state?.milestones.find((x) => x.id === milestoneId),
      today: localDay(this.#b.clock.now()), preview: (/** @type {any} */ c) => this.#b.preview(c), w: this.#b.words,
    };
    const submit = (/** @type {any} */ command) => {
      if (!command.type) return command;  // the page's own problem with what was typed
      const result = /** @type {any} */ (this.#b.run(command));
      if (!result.ok && !result.error.vetoed) return { ...result.error, message: this.#b.words.refusal(result.error) };
      this.#b.say("");
      return null;
    };
    if (!action.fields && !action.confirm) return this.#b.act(action.build(ctx, {}));
    let intro = action.intro?.(ctx);
    if (action.confirm) {
      const preview = this.#b.preview(action.build(ctx, {}));
      if (!preview.ok) return this.#b.say(this.#b.words.refusal(preview.error));
      intro = action.confirm(ctx, preview.events);
    }
    this.#b.view.openForm({
      title: action.title(ctx), submitLabel: ctx.w[action.submit ?? action.label], returnFocus: back, intro,
      fields: action.fields?.(ctx) ?? [],
      onInput: action.explain ? (/** @type {any} */ v) => action.explain(ctx, v) : undefined,
      // A confirmation has nothing to type: its preview spoke when it opened.
      check: action.fields ? (/** @type {any} */ v) => this.#check(action.build(ctx, v)) : undefined,
      onSubmit: (/** @type {any} */ v) => submit(action.build(ctx, v)),
    });
  }

  /**
   * Every problem the engine finds in `command` (no `at`: the board's clock, as dispatch would
   * take it), in the board's words: on the contract on show, or before one for create_contract.
   */
  #check(/** @type {any} */ command) {
    const entry = command.type === "create_contract" ? null : this.#b.entry();
    if (!entry?.contract && command.type !== "create_contract") return [];
    this.#blank ??= this.#b.engine.createContract();  // a contract never created: checks only
    const contract = entry?.contract ?? this.#blank;
    const at = entry ? atFor(this.#b.clock.now(), entry.snap.state) : this.#b.clock.now();
    return contract.check(command, at).map((p) => ({ ...p, message: this.#b.words.refusal(p) }));
  }

  /** The milestones not yet paid, for "Create new contract offer" (a prefill the person edits). */
  #offer(/** @type {any} */ state) {
    const c = state.contract;
    return {
      title: this.#b.words.newOfferTitle(c.title), client: c.client, freelancer: c.freelancer, accountType: c.accountType,
      endDate: c.endDate ?? "",
      milestones: state.milestones.filter((/** @type {any} */ m) => !m.pinned).map((/** @type {any} */ m) => ({  // not funded yet
        title: m.title, description: m.description, amount: centsToInput(m.amount), dueDate: m.dueDate,
      })),
    };
  }

  /**
   * The create_contract command of the New contract form's draft, a blank milestone row left out,
   * and `at(problem)`: the problem with its field naming the form's row (the engine counts only
   * the rows sent).
   */
  #draftCommand(/** @type {any} */ draft, id = "") {
    const rows = [];
    draft.milestones.forEach((/** @type {any} */ m, /** @type {number} */ i) => {
      if (m.title.trim() || m.amount.trim() || m.dueDate || m.description.trim()) rows.push(i);
    });
    const milestones = rows.map((i) => {
      const m = draft.milestones[i];
      return { title: m.title, description: m.description, amount: this.#b.words.parseAmount(m.amount) ?? UNREADABLE, dueDate: m.dueDate };
    });
    const command = {
      type: "create_contract", actor: "client", offer: draft.start !== "agreed",
      contract: {
        ...(id ? { id } : {}), title: draft.title, accountType: draft.accountType, client: draft.client,
        freelancer: draft.freelancer, milestones, endDate: draft.endDate || null,
      },
    };
    const at = (/** @type {any} */ p) => ({ ...p, field: p.field?.replace(/^contract\.milestones\[(\d+)\]/, (/** @type {string} */ _, /** @type {string} */ k) => `contract.milestones[${rows[Number(k)]}]`) });
    return { command, at };
  }

  #contractForm(/** @type {any} */ initial, /** @type {string} */ title, /** @type {() => void} */ back, /** @type {string | null} */ replaces = null) {
    this.#b.view.openContractForm({
      title, initial, returnFocus: back, accountTypes: this.#b.engine.accountTypes(), today: localDay(this.#b.clock.now()),
      check: (/** @type {any} */ draft) => {
        const { command, at } = this.#draftCommand(draft);
        return this.#check(command).map(at);
      },
      onSubmit: (/** @type {any} */ draft) => {
        const { command, at } = this.#draftCommand(draft, newId());
        const result = /** @type {any} */ (this.create(command));
        if (result.ok && replaces) this.#replace(replaces, this.#b.selected);
        return result.ok || result.error.vetoed ? null : at({ ...result.error, message: this.#b.words.refusal(result.error) });
      },
    });
  }

  /**
   * A new offer replaces a locked plan (R3): the old contract ends in the same step where R15′
   * allows it (otherwise the page says what must happen first), and each names the other.
   */
  #replace(/** @type {string} */ oldId, /** @type {string} */ id) {
    const library = this.#b.library;
    const old = library.entries.get(oldId);
    if (!old || !library.load(old)) return;
    library.store.setSetting(`replaced-by:${oldId}`, id);
    library.store.setSetting(`replaces:${id}`, oldId);
    this.#b.relations.delete(oldId);
    this.#b.relations.delete(id);
    this.#b.changed();  // "Replaces" shows on the new contract
    const title = old.summary?.title ?? oldId;
    const ending = /** @type {any} */ (old.contract.preview({ type: "end_contract", actor: "client", at: atFor(this.#b.clock.now(), old.contract.state()) }));
    if (!ending.ok) return this.#b.notice("warning", this.#b.words.staysOpen(title, this.#b.words.refusal(ending.error)));
    const result = this.#b.run({ type: "end_contract", actor: "client" }, old);
    if (result.ok) this.#b.notice("info", this.#b.words.replaced(title));
  }

  /**
   * Creates a contract (its id is the storage id), saves it and opens it; signed with this
   * browser's client key (R26) unless the command names a `clientKey` of its own.
   */
  create(/** @type {any} */ command, user = true) {
    const key = this.#b.library.keys.held("client");
    const full = { ...(key ? { clientKey: key.publicKey } : {}), ...command, at: command.at ?? this.#b.clock.now() };
    const id = full.contract?.id;
    if (typeof id === "string" && this.#b.library.entries.has(id)) {
      return { ok: false, error: { code: "CONTRACT_EXISTS", field: "contract.id", message: this.#b.words.contractExists(id) } };
    }
    if (user && !this.#b.hooks.beforeCommand(full, id ?? null)) return { ok: false, error: VETOED };
    const contract = this.#b.engine.createContract();
    const result = /** @type {any} */ (contract.dispatch(full));
    if (!result.ok) {
      contract.dispose();
      this.#b.hooks.rejected({ contractId: id ?? null, command: full, error: result.error });
      return result;
    }
    this.#b.adopt(id, contract, this.#b.words.created(/** @type {any} */ (result.events[0]).contract.title));
    this.#b.hooks.accepted({ contractId: id, command: full, events: result.events });
    return result;
  }

  /** "Import": a log file, re-checked by the engine, every signature and the keys first (trust.js). */
  async importFile(/** @type {File} */ file) {
    this.#b.library.saveNow();
    let admitted;
    try {
      const text = await file.text();
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(this.#b.words.notJsonFile(file.name));
      }
      await this.#b.library.settled();
      admitted = await admit(this.#b, parsed?.format === "milestone-board" ? parsed.log : parsed, "file");
      if (admitted.error) throw admitted.error;
    } catch (e) {
      // The engine's refusal in the page's words (never its `detail`); a file that is not JSON is worded already.
      return this.#b.say(this.#b.words.importFailed(e.code ? this.#b.words.refusal(e) : e.message));
    }
    if (admitted.refused) return this.#b.say(this.#b.words.nothingChanged(admitted.refused));
    this.#b.adopt(newId(), admitted.contract, "");
  }

  /** "Try a sample contract": its commands run through the engine like anyone's. */
  #sample() {
    const id = `sample-${newId()}`;
    const contract = this.#b.engine.createContract();
    const commands = /** @type {any[]} */ (sampleCommands(this.#b.clock.now(), id, this.#b.words));
    const key = this.#b.library.keys.held("client");  // signed like any new contract (R26)
    if (key) commands[0] = { ...commands[0], clientKey: key.publicKey };
    const results = /** @type {any[]} */ (contract.dispatchMany(commands));
    const refused = results.find((r) => !r.ok);
    if (refused) {
      contract.dispose();
      return this.#b.say(this.#b.words.sampleFailed(this.#b.words.refusal(refused.error)));
    }
    this.#b.adopt(id, contract, this.#b.words.sampleCreated(this.#b.words.sample.title), true);
  }

  #confirmDelete(/** @type {() => void} */ back) {
    const entry = this.#b.entry();
    if (!entry?.snap) return;
    const title = entry.snap.state.contract.title;
    this.#b.view.openForm({
      title: this.#b.words.deleteContractTitle(title), intro: this.#b.words.deleteContractSays,
      submitLabel: this.#b.words.delete, fields: [], returnFocus: back,
      onSubmit: () => {
        this.#remove(entry.id);
        this.#b.view.announce(this.#b.words.deleted(title));
        return null;
      },
    });
  }

  /** Forgets a contract here and in storage, and opens the next one. */
  #remove(/** @type {string} */ id) {
    this.#b.library.remove(id);
    if (this.#b.selected === id) {
      this.#b.open(this.#b.fixedContract !== null ? id : this.#b.library.sorted()[0]?.id ?? null);
      this.#b.remember();
    }
    this.#b.view.focusNext("new-contract:");
    this.#b.changed();
  }

  // --- history and the statement -------------------------------------------------------------------

  /** Shows the open contract as it was right after event `k` of its log (history.js). */
  viewHistory(/** @type {number | string} */ k) {
    const entry = this.#b.entry();
    if (!entry?.snap || !entry.activity) return;
    const look = lookBack(entry, k, this.#b.role, this.#b.words);
    if (!look) return;
    entry.history = look;
    this.#b.changed();
    this.#b.view.announce(this.#b.words.eventOf(look.seq, entry.snap.state.seq, look.label));
  }

  /** Back from History to the contract as it is now. */
  #leaveHistory(/** @type {HTMLElement | null} */ button = null) {
    const entry = this.#b.entry();
    if (!entry?.history) return;
    entry.history = null;
    if (button || this.#b.view.focusIsOn("history-now")) this.#b.view.focusNext("history");
    this.#b.changed();
    this.#b.view.announce(this.#b.words.backToNow);
  }

  /** Escape: closes the statement, or leaves History. */
  escape() {
    if (this.#b.view.statementOpen) return this.#b.view.closeStatement();
    if (this.#b.entry()?.history) return this.#leaveHistory(), true;
    return false;
  }

  /** "Statement": the contract's statement of account, printable, in place of the board. */
  #showStatement() {
    const entry = this.#b.entry();
    const statement = entry?.contract?.statement();
    if (statement) this.#b.view.showStatement(statementDocument(statement, entry.activity, this.#b.words));
  }

}
