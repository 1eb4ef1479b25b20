// @ts-check
// The milestone rows of a contract's board: one row per milestone, keyed by id, held in chunks so
// that a change lays out its row's chunk, not the whole list; a row's buttons are the actions of
// the table (actions.js) whose command the engine allows there.
import { h } from "./dom.js";
import { localDay } from "./format.js";
import { ACTIONS, ACTION_BY_ID } from "./actions.js";
import { turnText } from "./turns.js";
import { submissionFiles } from "./files.js";

const SOON_MS = 3 * 86_400_000;

/** The words of a milestone's status. */
const statusText = (m, w) => w.milestoneStatus[m.status]?.(m) ?? m.status;

/** The notes a milestone's row shows beside its status: the change request while it is the news. */
const MILESTONE_NOTES = { changes_requested: { changeRequest: true } };

const SVG = "http://www.w3.org/2000/svg";
function lockIcon() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  const body = document.createElementNS(SVG, "rect");
  for (const [k, v] of Object.entries({ x: 3, y: 7, width: 10, height: 8, rx: 1.5, fill: "currentColor" })) body.setAttribute(k, String(v));
  const shackle = document.createElementNS(SVG, "path");
  for (const [k, v] of Object.entries({ d: "M5 7V5a3 3 0 0 1 6 0v2", fill: "none", stroke: "currentColor", "stroke-width": 1.6 })) shackle.setAttribute(k, String(v));
  svg.append(shackle, body);
  return svg;
}

/** A button the controller answers by its data-action (and data-milestone). */
export const button = (type, label, id, extra = {}) =>
  h("button", { type: "button", dataset: { action: type, ...(id ? { milestone: id } : {}) }, ...extra }, label);

/** The "Why not?" control of a site ("contract" or a milestone id): a disclosure of its reasons. */
export function whyNotButton(/** @type {string} */ label, /** @type {unknown[] | null} */ open, /** @type {string} */ site, /** @type {import("./words.js").Words} */ w) {
  return h("button", {
    type: "button", class: "why-not", "aria-label": label, "aria-expanded": String(open !== null), "aria-controls": `why-not-${site}`,
    dataset: { action: "why-not", ...(site === "contract" ? {} : { milestone: site }) },
  }, w.whyNot);
}

/** The reasons of an open "Why not?": each action not possible now, and the engine's words for why. */
export function whyNotList(/** @type {{label: string, reason: string}[]} */ items, /** @type {string} */ site, /** @type {import("./words.js").Words} */ w) {
  return h("ul", { class: "why-not-list", id: `why-not-${site}` },
    items.length === 0 ? h("li", {}, w.nothingBlocked)
      : items.map((i) => h("li", {}, h("strong", {}, i.label), ` — ${i.reason}`)));
}

/** What a row shows besides the milestone itself: it is rebuilt when any of this changes. */
function rowInputs(m, index, { can, pinned, pending, now, viewer, state, readOnly, past, changed, whyNot, thread }, w) {
  const id = m.id;
  return {
    actions: ACTIONS.filter((a) => a.on === "milestone" && can(a.command, id)).map((a) => a.id),
    movable: !past && can("move_milestone", id),
    past,  // a look back: the buttons of then, shown but not usable
    changed: changed?.has(id) ?? false,
    first: index <= pinned,
    last: index >= pinned + pending - 1,
    countdown: m.reviewDeadline !== null  // set only while the work is in review
      ? w.reviewWithin(w.remaining(m.reviewDeadline, now), w.moment(m.reviewDeadline))
      : null,
    // Within 3 days of its automatic release, a submission says so prominently.
    soon: m.reviewDeadline !== null && m.reviewDeadline - now <= SOON_MS
      ? w.releasesIn(w.remaining(m.reviewDeadline, now)) : null,
    // A due date is a calendar date: past it in the viewer's own day, work still owed is overdue
    // (the engine says until when work is owed: `deliveryDue`).
    overdue: m.deliveryDue != null && m.deliveryDue < viewer.today,
    // Whose turn it is on this milestone (the engine's `waitingOn`), in the viewer's words.
    turn: turnText(m.waitingOn, m, state.contract, viewer, w),
    mine: m.waitingOn?.party === viewer.role,
    client: state.contract.client,
    freelancer: state.contract.freelancer,
    readOnly,
    askWhy: !readOnly && !past,
    whyNot: whyNot?.site === id ? whyNot.items : null,  // the reasons, while its "Why not?" is open
    thread: thread === id,  // its discussion is open (the board puts the thread in its slot)
  };
}

function milestoneRow(m, inputs, w) {
  const id = m.id;
  // The engine says a milestone is pinned; its status only picks the words (pinned, or closed).
  const pin = m.pinned ? w.pin[m.status] ?? w.pin.activated : null;
  const grip = pin
    ? h("span", { class: "pin", title: pin.title },
        lockIcon(), h("span", { class: "visually-hidden" }, pin.label))
    : h("button", {
        type: "button", class: "handle", disabled: !inputs.movable,
        "aria-label": w.reorder(m.title), "aria-describedby": "reorder-help",
        dataset: { milestone: id, focus: `handle:${id}` },
      }, h("span", { "aria-hidden": "true" }, "⠿"));
  const details = [];
  if (inputs.turn) details.push(h("p", { class: `turn${inputs.mine ? " mine" : ""}` }, inputs.turn));
  if (m.description) details.push(h("p", { class: "description" }, m.description));
  if (inputs.soon) details.push(h("p", { class: "auto-soon" }, h("strong", {}, inputs.soon)));
  if (inputs.countdown) details.push(h("p", { class: "countdown" }, inputs.countdown));
  if (m.submission) {
    details.push(h("p", { class: "note" }, w.said(inputs.freelancer, m.submission.message)));
    // Its files (R25), and the check of a file received: only on rows whose submission has some.
    if (m.submission.attachments?.length) details.push(submissionFiles(m.submission.attachments, id, inputs.freelancer, w));
  }
  if (m.changeRequest && MILESTONE_NOTES[m.status]?.changeRequest) {
    details.push(h("p", { class: "note" }, w.askedForChanges(inputs.client, m.changeRequest.message)));
  }
  if (m.dueDateProposal && !inputs.turn) {
    const who = m.dueDateProposal.by === "client" ? inputs.client : inputs.freelancer;
    details.push(h("p", { class: "proposal" }, w.proposedDueDate(who, m.dueDateProposal.dueDate)));
  }
  if (m.refundRequest) {
    details.push(h("p", { class: "refund" }, w.refundRequested(m.refundRequest.amount, m.refundRequest.reason)));
  }
  return h("div", { class: `milestone status-${m.status}${inputs.changed ? " changed" : ""}`, role: "listitem", dataset: { id } },
    grip,
    h("div", { class: "body" },
      h("h4", { class: "m-title" }, m.title,
        inputs.changed ? h("span", { class: "changed-tag" }, w.changedHere) : null),
      h("p", { class: "meta" },
        h("span", { class: "amount" }, w.money(m.amount)),
        w.due, h("time", { datetime: m.dueDate }, w.date(m.dueDate)),
        inputs.overdue ? h("span", { class: "overdue" }, w.overdue) : null,
        " · ", h("span", { class: "status" }, statusText(m, w))),
      details,
      inputs.whyNot && whyNotList(inputs.whyNot, id, w)),
    rowActions(m, inputs, w),
    inputs.thread && h("div", { class: "thread-slot" }));
}

/** A row's buttons: the actions the engine allows there, moves, and "Why not?". */
function rowActions(m, inputs, w) {
  const id = m.id;
  const buttons = inputs.actions.map((name) => {
    const a = ACTION_BY_ID.get(name);
    return button(a.id, w[a.label], id, inputs.past ? { disabled: true } : {});
  });
  if (inputs.movable) {
    buttons.push(
      button("move-up", w.moveUp, id, { disabled: inputs.first, dataset: { action: "move-up", milestone: id, focus: `up:${id}` } }),
      button("move-down", w.moveDown, id, { disabled: inputs.last, dataset: { action: "move-down", milestone: id, focus: `down:${id}` } }));
  }
  if (inputs.askWhy) buttons.push(whyNotButton(w.whyNotOn(m.title), inputs.whyNot, id, w));
  // Its discussion, last: the thread follows it. The count is the state's (R24); the messages are
  // read only once it is open.
  const messages = m.messages ?? 0;
  buttons.push(h("button", {
    type: "button", class: "thread-toggle", "aria-label": w.discussionOn(m.title, messages),
    "aria-expanded": String(inputs.thread), "aria-controls": `thread-${id}`, dataset: { action: "thread", milestone: id },
  }, w.discussionButton(messages)));
  return h("div", { class: "actions" }, buttons);
}

/**
 * Rows per chunk of the milestone list. The list holds its rows in chunks (generic elements with
 * layout containment), so a change lays out its row's chunk and the few dozen chunks, not a
 * thousand rows: replacing one row of 1,000 lays out about a fifth as much as in one flat list
 * (tests/bench/README.md).
 */
const CHUNK = 32;

/** Puts `row` before `anchor` (a row), or at the end of the list when there is none. */
export function placeRow(list, row, anchor) {
  if (anchor) {
    anchor.before(row);
    return;
  }
  let last = list.lastElementChild;
  while (last && !last.classList.contains("chunk")) last = last.previousElementSibling;
  if (!last) {
    last = h("div", { class: "chunk" });
    list.append(last);
  }
  last.append(row);
}

/** Keeps every chunk between one and 2 × CHUNK rows: empty ones go, big ones split. */
function rebalance(list) {
  for (const chunk of [...list.children]) {
    if (!chunk.classList.contains("chunk")) continue;
    if (chunk.childElementCount === 0) {
      chunk.remove();
      continue;
    }
    let current = chunk;
    while (current.childElementCount > 2 * CHUNK) {
      const next = h("div", { class: "chunk" }, [...current.children].slice(CHUNK));
      current.after(next);
      current = next;
    }
  }
}

const MOVE_FLAGS = new Set(["first", "last"]);
/** What only a row's buttons show: when nothing else changed, only they are drawn again. */
const BUTTON_FLAGS = new Set([...MOVE_FLAGS, "actions"]);

/** Deep equality of two JSON values (objects compared key by key), ignoring the keys in `skip`. */
function sameJson(a, b, skip = null) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  let count = 0;
  for (const key in a) {
    if (skip?.has(key)) continue;
    if (!(key in b) || !sameJson(a[key], b[key])) return false;
    count++;
  }
  for (const key in b) if (!skip?.has(key)) count--;
  return count === 0;
}

/** The indexes of `seq` that form its longest increasing run (kept in place; the rest move). */
function longestIncreasing(seq) {
  const tails = [];  // tails[k]: index in seq of the smallest tail of a run of length k + 1
  const previous = new Array(seq.length);
  for (let i = 0; i < seq.length; i++) {
    if (seq[i] < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const keep = new Set();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i]) keep.add(i);
  return keep;
}
/** The list of milestone rows of one contract's board, kept between renders. */
export class MilestoneRows {
  #parts;
  #rows = new Map();       // milestone id -> {el, m, types, inputs, first, last}: what the row shows
  #order = [];             // the milestone ids on screen, in order
  #context = [];           // what the rows on screen depend on besides their own data

  #w;

  /** @param {{none: HTMLElement, list: HTMLElement, hint: HTMLElement}} parts @param {import("./words.js").Words} words */
  constructor(parts, words) {
    this.#parts = parts;
    this.#w = words;
  }

  update(view, can) {
    const { state, now, readOnly, role } = view;
    const past = Boolean(view.history);
    const changed = view.history?.changed.milestones ?? null;
    const p = this.#parts;
    const list = state.milestones;
    let pinned = 0;
    for (const m of list) if (m.pinned) pinned++;
    const pending = list.length - pinned;
    p.none.hidden = list.length > 0;
    p.list.hidden = list.length === 0;
    p.hint.hidden = !(pinned > 0 && pending > 0);
    // What every row's buttons and words depend on besides its milestone and its allowed commands.
    const today = localDay(now);
    const context = [readOnly, past, changed, state.contract.client, state.contract.freelancer, today, role];
    const viewer = { role, today, now };
    const sameContext = this.#context.length > 0 && context.every((v, i) => v === this.#context[i]);
    this.#context = context;
    const order = this.#order;
    let sameOrder = order.length === list.length && this.#rows.size === list.length;
    for (let i = 0; sameOrder && i < list.length; i++) sameOrder = list[i].id === order[i];
    // Rows whose milestone or surroundings changed are rebuilt; the others are kept as they are.
    // The engine keeps an unchanged milestone, and an unchanged set of allowed commands, the same
    // object, so most rows are passed over by identity; a row's own surroundings (its place among
    // the pending ones, a review countdown) are looked at as well.
    let old = null;  // row element -> its position, when the order changed
    if (!sameOrder) {
      old = new Map();
      let position = 0;
      for (const row of p.list.querySelectorAll(".milestone")) old.set(row, position++);
    }
    const wanted = list.map((m, index) => {
      const types = view.allowed.get(m.id);
      const first = index <= pinned;
      const last = index >= pinned + pending - 1;
      let row = this.#rows.get(m.id);
      if (!row || !sameContext || row.m !== m || row.types !== types || m.reviewDeadline !== null ||
          row.inputs.whyNot !== null || view.whyNot?.site === m.id || row.inputs.thread || view.thread === m.id) {
        const inputs = rowInputs(m, index, { can, pinned, pending, now, viewer, state, readOnly, past, changed, whyNot: view.whyNot, thread: view.thread }, this.#w);
        if (!row || !sameJson(row.m, m) || !sameJson(row.inputs, inputs, BUTTON_FLAGS)) {
          const el = milestoneRow(m, inputs, this.#w);
          if (row) {
            old?.set(el, old.get(row.el));
            row.el.replaceWith(el);
          }
          row = { el, m, types, inputs, first, last };
          this.#rows.set(m.id, row);
        } else if (!sameJson(row.inputs.actions, inputs.actions)) {
          // Only what may be done there changed (another milestone was funded): its buttons.
          row.el.querySelector(".actions").replaceWith(rowActions(m, inputs, this.#w));
          row.first = first;
          row.last = last;
        }
        row.m = m;
        row.types = types;
        row.inputs = inputs;
      }
      if (row.first !== first || row.last !== last) {
        // Only its place among the pending ones changed: the move buttons, in place (a focused
        // "Move down" keeps the focus).
        const up = row.el.querySelector('[data-action="move-up"]');
        const down = row.el.querySelector('[data-action="move-down"]');
        if (up) up.disabled = first;
        if (down) down.disabled = last;
        row.first = first;
        row.last = last;
      }
      return row.el;
    });
    if (!sameOrder) this.#reorder(list, wanted, old);
  }

  /** Puts the rows in the list's order, moving as few as it can; rows of deleted milestones go. */
  #reorder(list, wanted, old) {
    const p = this.#parts;
    this.#order = list.map((m) => m.id);
    const seen = new Set(this.#order);
    for (const [id, row] of this.#rows) {
      if (!seen.has(id)) {
        row.el.remove();
        this.#rows.delete(id);
      }
    }
    if (old.size === 0) {
      for (let i = 0; i < wanted.length; i += CHUNK) p.list.append(h("div", { class: "chunk" }, wanted.slice(i, i + CHUNK)));
      return;
    }
    // Order: the rows on the longest run already in order stay; the others move (one for a move).
    const keep = longestIncreasing(wanted.map((el) => (el.isConnected ? old.get(el) ?? -1 : -1)));
    let anchor = null;
    for (let i = wanted.length - 1; i >= 0; i--) {
      const el = wanted[i];
      if (!keep.has(i) || !el.isConnected) placeRow(p.list, el, anchor);
      anchor = el;
    }
    rebalance(p.list);
  }

  /** The row of milestone `id` on screen, or null. */
  row(id) {
    return this.#rows.get(id)?.el ?? null;
  }
}
