// @ts-check
// The board of one contract: its header (parties, status, the contract's actions), whose turn it
// is, History's slider, the budget, the milestone rows (rows.js) and the activity. DOM only, from the contract
// page the controller composed (board.js): nothing here asks the engine or storage.
import { h, fill } from "./dom.js";
import { ACTIONS } from "./actions.js";
import { MilestoneRows, button, whyNotButton, whyNotList } from "./rows.js";
import { turnsOf } from "./turns.js";
import { localDay } from "./format.js";
import { ThreadView } from "./thread-view.js";

/** How many activity entries show at first, and how many more each "Show older" adds. */
export const ACTIVITY_PAGE = 50;

/**
 * The budget bar: what the client planned, paid in, holds in escrow, released, and has as credit.
 * `changed`: the figures that moved at the event looked at in History (marked).
 */
function budget(w, totals, changed = null, role = "client") {
  const scale = Math.max(totals.budget, totals.charged, 1);
  const pct = (v) => `${Math.min(100, (100 * v) / scale).toFixed(2)}%`;
  // Each party's figures: the client pays in and holds credit; the freelancer is paid out.
  // Each party's net figure comes last, from the engine (`netCost`, `netEarned`), after what it
  // nets: refunds, and the credit paid back when they happened.
  const shows = (/** @type {string} */ key) => totals[key] > 0 || changed?.has(key);
  const rows = role === "freelancer"
    ? [
        [w.budget, totals.budget, "budget"],
        [w.inEscrowForYou, totals.escrow, "escrow"],
        [w.received, totals.released, "released"],
        shows("refunded") && [w.refundedToClient, totals.refunded, "refunded"],
        [w.netEarned, totals.netEarned, "netEarned"],
      ]
    : [
        [w.budget, totals.budget, "budget"],
        shows("overBudget") && [w.overBudget, totals.overBudget, "overBudget"],
        [w.charged, totals.charged, "charged"],
        [w.inEscrowFigure, totals.escrow, "escrow"],
        [w.released, totals.released, "released"],
        [w.clientCredit, totals.credit, "credit"],
        shows("creditReturned") && [w.creditReturned, totals.creditReturned, "creditReturned"],
        shows("refunded") && [w.refunded, totals.refunded, "refunded"],
        [w.netCost, totals.netCost, "netCost"],
      ];
  const bar = h("div", { class: "bar", "aria-hidden": "true" },
    h("span", { class: "seg released" }),
    h("span", { class: "seg escrow" }),
    h("span", { class: "seg credit" }));
  const [released, escrow, credit] = /** @type {HTMLElement[]} */ ([...bar.children]);
  released.style.width = pct(totals.released);
  escrow.style.width = pct(totals.escrow);
  credit.style.width = pct(totals.credit);
  return h("div", { class: "budget" },
    h("h3", { class: "visually-hidden" }, w.budget),
    bar,
    h("dl", { class: "figures" }, rows.filter(Boolean).map(([label, value, key]) => {
      const moved = changed?.has(key);
      return h("div", { class: `figure ${key}${moved ? " changed" : ""}` },
        h("dt", {}, label, moved ? h("span", { class: "visually-hidden" }, w.changedMark) : null),
        h("dd", {}, w.money(value)));
    })));
}

/** An activity entry; its time is a History stop: the board as it was right after it. */
function activityItem(item, w) {
  const when = w.moment(item.at);
  // Its number given, not counted: an entry added on top renumbers no other.
  return h("li", { value: item.seq, dataset: { seq: item.seq } },
    h("button", {
      type: "button", class: "stop", dataset: { action: "history-view", seq: item.seq },
      "aria-label": w.viewRightAfter(when),
    }, h("time", { datetime: new Date(item.at).toISOString() }, when)),
    " ", item.text);
}

/**
 * The board of one contract, kept between renders. `show(view)` brings the DOM up to date with
 * view = {id, state, allowed (Map milestone id or "" -> Set of command types), now, role,
 * readOnly, readOnlyReason, activity ({key, length, from, items}: the entries from..length - 1,
 * told, oldest first), events (the log's length), history (null, or {seq, label, changed: {milestones: Set, figures: Set}} while
 * the board shows the contract as it was right after event `seq`), clockAhead (null, or {day, today}: the
 * contract's clock is on a later day than the page's), keys (null for an unsigned contract, or
 * {line, cannot}: its keys in words, and why the role cannot act (page.js))}, touching only what changed.
 * Buttons carry data-action and data-milestone for the controller.
 */
export class BoardView {
  #section;
  #id = undefined;
  #parts = null;
  /** @type {MilestoneRows | null} */ #rows = null;
  #headerKey = "";
  #budgetKey = "";
  #turnsKey = "";
  #keysKey = "";
  #activity = null;        // the activity array on screen
  #shownFrom = 0;          // index in #activity of the oldest entry on screen
  #current = null;         // the activity entry History shows
  /** @type {ThreadView | null} */ #contractThread = null;
  /** @type {Map<string, ThreadView>} milestone id -> its thread, kept with what is typed in it */
  #threads = new Map();
  #w;

  constructor(section, words) {
    this.#section = section;
    this.#w = words;
  }

  /** Nothing open: says why. */
  empty(missingId = null) {
    this.#id = undefined;
    this.#parts = null;
    this.#rows = null;
    const w = this.#w;
    fill(this.#section, h("div", { class: "empty-board" },
      h("h2", { id: "board-title" }, w.noContractOpen),
      h("p", {}, missingId
        ? w.noSuchContract(missingId)
        : w.createOrOpen)));
  }

  show(view) {
    if (this.#id !== view.id || !this.#parts) this.#build(view.id);
    const { state, allowed, readOnly } = view;
    const can = (type, id = "") => !readOnly && (allowed.get(id)?.has(type) ?? false);
    this.#section.classList.toggle("in-history", Boolean(view.history));
    this.#history(view);
    this.#header(view, can);
    this.#keys(view);
    this.#turns(view);
    this.#budget(state.totals, view.history?.changed.figures ?? null, view.role);
    this.#rows.update(view, can);
    this.#talk(view, can);
    this.#timeline(view);
  }

  #build(id) {
    this.#id = id;
    this.#headerKey = "";
    this.#budgetKey = "";
    this.#turnsKey = "";
    this.#keysKey = "";
    this.#activity = null;
    this.#threads = new Map();
    const w = this.#w;
    this.#contractThread = new ThreadView("", w);
    const p = {
      header: h("header", { class: "board-header" }),
      turns: h("ul", { class: "turns", "aria-label": w.nextSteps }),
      keyLine: h("p", { class: "key-line" }),
      unsignedNote: h("p", {}, w.unsignedSays),
      slider: h("input", { type: "range", id: "history-slider", min: "1", max: "1", step: "1", value: "1",
        dataset: { focus: "history" }, "aria-describedby": "history-help" }),
      viewing: h("p", { class: "history-note" }),
      now: h("button", { type: "button", class: "primary", dataset: { action: "history-now" } }, w.backToNowButton),
      budget: h("div", { class: "budget-slot" }),
      none: h("p", { class: "empty" }, w.noMilestones),
      list: h("div", { class: "milestones", role: "list", "aria-labelledby": "milestones-title" }),
      hint: h("p", { class: "hint" }, w.pinnedHint),
      timeline: h("ol", { class: "timeline", "aria-labelledby": "activity-title", reversed: true }),
      older: h("button", { type: "button", class: "show-older", dataset: { action: "show-older" } }, w.showOlder),
    };
    // The contract's keys and what signatures prove (R26), kept between headers: the disclosure stays open.
    p.keys = h("div", { class: "keys" }, p.keyLine,
      h("details", { class: "about-signatures" }, h("summary", {}, w.aboutSignatures),
        p.unsignedNote, w.aboutSignaturesSays.map((text) => h("p", {}, text))));
    p.history = h("div", { class: "history", role: "group", "aria-labelledby": "history-label" },
      h("label", { id: "history-label", for: "history-slider" }, w.history),
      p.slider,
      h("p", { id: "history-help", class: "hint" }, w.historyHelp),
      p.viewing, p.now);
    this.#parts = p;
    this.#rows = new MilestoneRows(p, w);
    fill(this.#section, p.header, p.history, p.budget,
      h("h3", { id: "milestones-title" }, w.milestones),
      p.none, p.list, p.hint,
      h("h3", { id: "discussion-title" }, w.discussion),
      this.#contractThread.el,
      h("h3", { id: "activity-title" }, w.activity),
      p.timeline, p.older);
  }

  #header(view, can) {
    const { state, readOnly } = view;
    const c = state.contract;
    const w = this.#w;
    const account = w.accountNames[c.accountType] ?? c.accountType;
    const actions = ACTIONS.filter((a) => a.on === "contract" && can(a.command));
    const newOffer = !readOnly && c.newOfferBy === view.role;  // R3: a locked plan changes by a new offer
    const past = Boolean(view.history);
    const whyNot = view.whyNot?.site === "contract" ? view.whyNot.items : null;
    // The proposal's own buttons: the client's answer or the freelancer's withdrawal (R23, R23′).
    const proposalActions = ACTIONS.filter((a) => a.on === "proposal" && can(a.command));
    const key = JSON.stringify([c, readOnly, view.readOnlyReason, actions.map((a) => a.id), newOffer, past, proposalActions.map((a) => a.id), view.related, view.clockAhead, whyNot]);
    if (key === this.#headerKey) return;
    this.#headerKey = key;
    fill(this.#parts.header,
      h("h2", { id: "board-title" }, c.title),
      h("p", { class: "parties" },
        w.parties(c.client, c.freelancer, account),
        c.endDate ? w.ends(w.date(c.endDate)) : "",
        ` · ${w.contractStatus[c.status] ?? c.status}`),
      w.contractNotes[c.status] && h("p", { class: "offer-note" }, w.contractNotes[c.status](c)),
      this.#parts.keys,  // kept between headers: #keys fills it
      this.#parts.turns,  // kept between headers: #turns fills it
      view.clockAhead && h("p", { class: "clock-note" }, w.clockAhead(view.clockAhead.day, view.clockAhead.today)),
      (view.related ?? []).map(([said, id, title]) => h("p", { class: "related" }, w[said], " ",
        h("button", { type: "button", class: "link", dataset: { action: "select", contract: id } }, w.quoted(title)))),
      c.milestoneProposal && h("div", { class: "proposal-panel", role: "group", "aria-label": w.milestoneProposal },
        h("p", {}, w.proposedMilestone(c.freelancer, c.milestoneProposal.title, c.milestoneProposal.amount, c.milestoneProposal.dueDate), c.milestoneProposal.description ? ` ${c.milestoneProposal.description}` : ""),
        proposalActions.length > 0 && h("div", { class: "contract-actions" },
          proposalActions.map((a) => button(a.id, w[a.label], undefined, past ? { disabled: true } : {})))),
      readOnly && h("p", { class: "notice read-only" }, view.readOnlyReason),
      c.planLocked && h("p", { class: "locked-note" },
        w.lockedNote(account)),
      h("div", { class: "contract-actions" },
        actions.map((a) => button(a.id, w[a.label], undefined, past ? { disabled: true } : {})),
        newOffer && button("new-offer", w.newOffer, undefined, past ? { disabled: true } : {}),
        button("export", w.export),
        button("calendar", w.addToCalendar),
        button("share", w.shareLink),
        button("statement", w.statement),
        button("delete-contract", w.deleteFromBrowser, undefined, past ? { disabled: true } : {}),
        !readOnly && !past && whyNotButton(w.whyNot, whyNot, "contract", w)),
      whyNot && whyNotList(whyNot, "contract", w));
  }

  /** The contract's keys (R26): "Signed · Client key 3f9a … (this browser) · …", or "Unsigned". */
  #keys(view) {
    const key = JSON.stringify(view.keys);
    if (key === this.#keysKey) return;
    this.#keysKey = key;
    const p = this.#parts;
    p.keyLine.textContent = view.keys ? view.keys.line : this.#w.unsigned;
    p.keyLine.hidden = p.keyLine.textContent === "";
    p.unsignedNote.hidden = Boolean(view.keys);
  }

  /** Whose turn it is, at the top: the engine's `waitingOn`, in the viewer's words (turns.js). */
  #turns(view) {
    const { lines, more } = turnsOf(view.state, { role: view.role, today: localDay(view.now), now: view.now }, this.#w);
    const key = JSON.stringify([lines, more]);
    if (key === this.#turnsKey) return;
    this.#turnsKey = key;
    const list = this.#parts.turns;
    list.hidden = lines.length === 0;
    fill(list, lines.map((line) => h("li", { class: `turn${line.mine ? " mine" : ""}` }, line.text)),
      more > 0 && h("li", { class: "more" }, this.#w.moreTurns(more)));
  }

  #history(view) {
    const p = this.#parts;
    const total = Math.max(view.events ?? 1, 1);
    const at = view.history?.seq ?? total;
    // Set in place, never rebuilt: the slider keeps the focus while arrow keys step.
    if (p.slider.max !== String(total)) p.slider.max = String(total);
    if (p.slider.value !== String(at)) p.slider.value = String(at);
    p.slider.setAttribute("aria-valuetext", view.history ? this.#w.eventOfLabel(at, total, view.history.label) : this.#w.nowAfter(total));
    p.viewing.hidden = !view.history;
    p.now.hidden = !view.history;
    if (view.history) p.viewing.textContent = view.history.label;
  }

  #budget(totals, changed, role) {
    const key = JSON.stringify([totals, changed && [...changed], role]);
    if (key === this.#budgetKey) return;
    this.#budgetKey = key;
    const next = budget(this.#w, totals, changed, role);
    const shown = this.#parts.budget.firstElementChild;
    // The same figures in the same places: only the amounts and the bar's widths change, in place
    // (new elements would be styled and laid out afresh).
    const shape = (el) => [...el.querySelectorAll(".figure")].map((f) => f.className + f.firstElementChild.textContent).join("|");
    if (shown && shape(shown) === shape(next)) {
      const amounts = shown.querySelectorAll(".figure dd");
      next.querySelectorAll(".figure dd").forEach((dd, i) => {
        if (amounts[i].textContent !== dd.textContent) amounts[i].textContent = dd.textContent;
      });
      const segments = shown.querySelectorAll(/** @type {"span"} */ (".bar .seg"));
      next.querySelectorAll(/** @type {"span"} */ (".bar .seg")).forEach((seg, i) => {
        if (segments[i].style.width !== seg.style.width) segments[i].style.width = seg.style.width;
      });
      return;
    }
    fill(this.#parts.budget, next);
  }

  /** The row of milestone `id` on screen, or null. */
  row(id) {
    return this.#rows?.row(id) ?? null;
  }

  /**
   * The discussion (R24): the contract's thread under the milestones, and the open milestone's in
   * its row (moved into a row drawn again, with what is typed in it). Posting is offered where
   * `allowed` lists post_message, never in History.
   */
  #talk(view, can) {
    const talk = view.talk;
    const c = view.state.contract;
    const o = { client: c.client, freelancer: c.freelancer, canPost: !view.history && can("post_message") };
    if (talk) this.#contractThread.update(talk.contract, o);
    const open = talk?.milestone ?? null;
    for (const [id, thread] of this.#threads) if (id !== open?.site) thread.el.remove();
    if (!open) return;
    let thread = this.#threads.get(open.site);
    if (!thread) this.#threads.set(open.site, thread = new ThreadView(open.site, this.#w));
    thread.update(open, { ...o, title: talk.title });
    const slot = this.#rows.row(open.site)?.querySelector(".thread-slot");
    if (slot && thread.el.parentElement !== slot) slot.replaceChildren(thread.el);
  }

  /** The thread of `site` ("" for the contract's) on screen, or null. */
  thread(site) {
    return site === "" ? this.#contractThread : this.#threads.get(site) ?? null;
  }

  /** The activity: the entries the controller told (view.activity), newest first. */
  #timeline(view) {
    const { activity } = view;  // {key, length, from, items}: entries from..length - 1, told
    const p = this.#parts;
    const at = (i) => activity.items[i - activity.from];
    const newest = this.#shownFrom + p.timeline.childElementCount;  // index after the newest on screen
    // Another log, or more new entries than the screen keeps: drawn afresh.
    if (activity.key !== this.#activity || newest < activity.from) {
      this.#activity = activity.key;
      this.#shownFrom = activity.length;
      this.#current = null;
      p.timeline.replaceChildren();
    }
    // New entries go on top; older ones come in at the bottom down to `from`, or leave it.
    const top = p.timeline.firstElementChild;
    const shownTo = this.#shownFrom + p.timeline.childElementCount;
    for (let i = activity.length - 1; i >= shownTo; i--) p.timeline.insertBefore(activityItem(at(i), this.#w), top);
    while (this.#shownFrom > activity.from) p.timeline.append(activityItem(at(--this.#shownFrom), this.#w));
    while (this.#shownFrom < activity.from) {
      p.timeline.lastElementChild.remove();
      this.#shownFrom++;
    }
    p.timeline.start = activity.length;
    const seq = view.history?.seq ?? null;
    if (this.#current?.dataset.seq !== String(seq)) {
      this.#current?.removeAttribute("aria-current");
      this.#current = seq === null ? null : p.timeline.querySelector(`li[data-seq="${seq}"]`);
      this.#current?.setAttribute("aria-current", "step");
    }
    const older = this.#shownFrom;
    p.older.hidden = older === 0;
    p.older.textContent = this.#w.showOlderMore(ACTIVITY_PAGE, older);
  }
}
