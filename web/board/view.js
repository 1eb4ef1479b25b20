// The board's view: DOM from what the controller hands it (the engine's state and allowed
// commands, the activity, notices). DOM only: what is possible comes from the engine (`allowed`,
// the state's `planLocked` and `pinned`); nothing here asks the engine anything. The board of a
// contract is keyed: a change touches the rows it changes, and the activity shows the newest
// entries, older ones on demand.
import { h, fill } from "./dom.js";
import { formatDate, formatMoment, formatMoney, formatRemaining, localDay } from "./format.js";

/** The names of the account types (R2), for the page's words only. */
export const ACCOUNT_NAMES = {
  standard: "Standard",
  enterprise: "Enterprise",
  enterprise_compliance: "Enterprise Compliance",
  wpp: "Work Protection Program (WPP)",
};
export const ACCOUNT_TYPES = Object.entries(ACCOUNT_NAMES);
/** What the "New contract" form says under an account type (words only: the engine decides). */
export const ACCOUNT_NOTES = {
  enterprise_compliance: "On this account type all milestones are set now: they cannot be added, edited or deleted later.",
  wpp: "On this account type all milestones are set now: they cannot be added, edited or deleted later.",
};
const SOON_MS = 3 * 86_400_000;

/** The contract's status in the header. */
const CONTRACT_STATUS = { offered: "Offer, waiting for the freelancer", open: "Open", declined: "Declined", ended: "Ended" };
/** How many activity entries show at first, and how many more each "Show older" adds. */
export const ACTIVITY_PAGE = 50;

/** The page shell, built once. Returns the parts the controller fills. */
export function buildShell(root) {
  const parts = {};
  parts.role = h("select", { id: "acting-as", name: "role" },
    h("option", { value: "client" }, "Client"),
    h("option", { value: "freelancer" }, "Freelancer"));
  parts.clockText = h("span", { class: "clock-now" });
  parts.advance1 = h("button", { type: "button", dataset: { action: "advance-1" } }, "Advance 1 day");
  parts.advance14 = h("button", { type: "button", dataset: { action: "advance-14" } }, "Advance 14 days");
  parts.realTime = h("button", { type: "button", dataset: { action: "real-time" } }, "Real time");
  parts.banner = h("div", { class: "banner-slot" });
  parts.notices = h("div", { class: "notices" });
  parts.alert = h("p", { class: "alert", role: "alert" });
  parts.status = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  parts.list = h("ul", { class: "contract-list" });
  parts.importInput = h("input", { type: "file", accept: ".json,application/json", hidden: true, tabindex: "-1" });
  // No landmarks inside the board: a host page may hold several boards, each landmark would
  // need a unique name, and the page's own <main> is the landmark the board lives in.
  parts.board = h("div", { class: "board" });
  parts.dialog = h("dialog", { class: "dialog", "aria-labelledby": "dialog-title" });
  parts.reorderHelp = h("p", { id: "reorder-help", hidden: true },
    "Press Space to lift the milestone, the arrow keys to move it, Space to drop it, Escape to cancel.");
  parts.roleGroup = h("div", { class: "role" }, h("label", { for: "acting-as" }, "Acting as"), parts.role);
  parts.clockGroup = h("div", { class: "clock", role: "group", "aria-label": "Clock" },
    parts.clockText, parts.advance1, parts.advance14, parts.realTime);
  parts.nav = h("div", { class: "contracts" },
    h("h2", { id: "contracts-title" }, "Contracts"),
    parts.list,
    h("div", { class: "list-actions" },
      h("button", { type: "button", class: "primary", dataset: { action: "new-contract" } }, "New contract"),
      parts.sample = h("button", { type: "button", dataset: { action: "sample" } }, "Try a sample contract"),
      h("button", { type: "button", dataset: { action: "import" } }, "Import"),
      parts.importInput));
  fill(root,
    h("header", { class: "app-header" },
      h("h1", {}, "Milestones"),
      parts.roleGroup,
      parts.clockGroup),
    parts.banner,
    parts.notices,
    parts.alert,
    parts.status,
    parts.reorderHelp,
    parts.layout = h("div", { class: "layout" },
      parts.nav,
      h("div", { class: "main" }, parts.board)),
    parts.statement = h("div", { class: "statement-view", hidden: true },
      h("div", { class: "statement-tools" },
        h("button", { type: "button", class: "primary", dataset: { action: "print" } }, "Print"),
        h("button", { type: "button", dataset: { action: "statement-close" } }, "Back to the board")),
      parts.statementSlot = h("div", { class: "statement-slot" })),
    h("div", { class: "dialog-backdrop", hidden: true }),
    parts.dialog);
  return parts;
}

/** The contract list on the side. */
export function renderList(list, contracts, selectedId) {
  fill(list, contracts.length === 0
    ? h("li", { class: "empty" }, "No contracts yet.")
    : contracts.map((c) => h("li", {},
        h("button", {
          type: "button", class: "contract-link", dataset: { action: "select", contract: c.id },
          "aria-current": c.id === selectedId ? "true" : null,
        }, h("span", { class: "name" }, c.title),
           h("span", { class: "sub" }, c.readOnly ? "read-only" : c.status, c.sample ? " · sample" : "")))));
}

/** Visible notices (storage trouble, quarantined data, changes from another tab). */
export function renderNotices(el, notices) {
  fill(el, notices.map((n) => h("div", { class: `notice ${n.kind ?? ""}`, dataset: { notice: n.id } },
    h("p", {}, n.text),
    n.columns ? h("div", { class: "notice-columns" }, n.columns.map(([title, lines]) =>
      h("section", { "aria-label": title }, h("h3", {}, title), h("ol", {}, lines.map((line) => h("li", {}, line)))))) : null,
    (n.actions ?? []).map((a) => h("button", { type: "button", onclick: a.run }, a.label)))));
}

export function renderBanner(el, banner, onDismiss) {
  const key = banner ? `${banner.icon}:${banner.message}` : "";
  if (el.dataset.shown === key) return;  // unchanged: nothing to rebuild
  el.dataset.shown = key;
  if (!banner) return fill(el);
  fill(el, h("aside", { class: `banner icon-${banner.icon}`, "aria-label": "Announcement" },
    h("span", { class: "banner-icon", "aria-hidden": "true" }, banner.icon === "warning" ? "!" : "i"),
    h("p", {}, banner.message),
    h("button", { type: "button", class: "dismiss", "aria-label": "Dismiss announcement", onclick: onDismiss }, "×")));
}

function statusText(m) {
  switch (m.status) {
    case "pending": return "Not funded yet";
    case "active": return `Funded: ${formatMoney(m.escrow)} in escrow`;
    case "submitted": return `Submitted for review: ${formatMoney(m.escrow)} in escrow`;
    case "changes_requested": return `Changes requested: ${formatMoney(m.escrow)} in escrow`;
    case "closed": return "Closed unfunded when the contract ended";
    case "paid": {
      let text = `Paid ${formatMoney(m.released)}${m.autoReleased ? " automatically" : ""}`;
      if (m.refunded > 0) text += `, ${formatMoney(m.refunded)} refunded`;
      return text;
    }
    default: return m.status;
  }
}

/**
 * The budget bar: what the client planned, paid in, holds in escrow, released, and has as credit.
 * `changed`: the figures that moved at the event looked at in History (marked).
 */
function budget(totals, changed = null, role = "client") {
  const scale = Math.max(totals.budget, totals.charged, 1);
  const pct = (v) => `${Math.min(100, (100 * v) / scale).toFixed(2)}%`;
  // Each party's figures: the client pays in and holds credit; the freelancer is paid out.
  const rows = role === "freelancer"
    ? [
        ["Budget", totals.budget, "budget"],
        ["In escrow for you", totals.escrow, "escrow"],
        ["Received", totals.released, "released"],
      ]
    : [
        ["Budget", totals.budget, "budget"],
        ["Charged", totals.charged, "charged"],
        ["In escrow", totals.escrow, "escrow"],
        ["Released", totals.released, "released"],
        ["Client credit", totals.credit, "credit"],
      ];
  if (totals.refunded > 0 || changed?.has("refunded")) rows.push([role === "freelancer" ? "Refunded to the client" : "Refunded", totals.refunded, "refunded"]);
  if (role !== "freelancer" && (totals.creditReturned > 0 || changed?.has("creditReturned"))) rows.push(["Credit returned", totals.creditReturned, "creditReturned"]);
  const bar = h("div", { class: "bar", "aria-hidden": "true" },
    h("span", { class: "seg released" }),
    h("span", { class: "seg escrow" }),
    h("span", { class: "seg credit" }));
  const [released, escrow, credit] = bar.children;
  released.style.width = pct(totals.released);
  escrow.style.width = pct(totals.escrow);
  credit.style.width = pct(totals.credit);
  return h("div", { class: "budget" },
    h("h3", { class: "visually-hidden" }, "Budget"),
    bar,
    h("dl", { class: "figures" }, rows.map(([label, value, key]) => {
      const moved = changed?.has(key);
      return h("div", { class: `figure ${key}${moved ? " changed" : ""}` },
        h("dt", {}, label, moved ? h("span", { class: "visually-hidden" }, " (changed)") : null),
        h("dd", {}, formatMoney(value)));
    })));
}

const SVG = "http://www.w3.org/2000/svg";
function lockIcon() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  const body = document.createElementNS(SVG, "rect");
  for (const [k, v] of Object.entries({ x: 3, y: 7, width: 10, height: 8, rx: 1.5, fill: "currentColor" })) body.setAttribute(k, v);
  const shackle = document.createElementNS(SVG, "path");
  for (const [k, v] of Object.entries({ d: "M5 7V5a3 3 0 0 1 6 0v2", fill: "none", stroke: "currentColor", "stroke-width": 1.6 })) shackle.setAttribute(k, v);
  svg.append(shackle, body);
  return svg;
}

const action = (type, label, id, extra = {}) =>
  h("button", { type: "button", dataset: { action: type, ...(id ? { milestone: id } : {}) }, ...extra }, label);

/** What a row shows besides the milestone itself: it is rebuilt when any of this changes. */
function rowInputs(m, index, { can, pinned, pending, now, state, readOnly, past, changed }) {
  const id = m.id;
  return {
    types: ROW_ACTIONS.filter(([type]) => can(type, id)).map(([type]) => type),
    movable: !past && can("move_milestone", id),
    past,  // a look back: the buttons of then, shown but not usable
    changed: changed?.has(id) ?? false,
    first: index <= pinned,
    last: index >= pinned + pending - 1,
    countdown: m.reviewDeadline !== null  // set only while the work is in review
      ? `Review within ${formatRemaining(m.reviewDeadline, now)} (by ${formatMoment(m.reviewDeadline)}); ` +
        "after that the payment is released automatically."
      : null,
    // Within 3 days of its automatic release, a submission says so prominently.
    soon: m.reviewDeadline !== null && m.reviewDeadline - now <= SOON_MS
      ? `Releases automatically in ${formatRemaining(m.reviewDeadline, now)}` : null,
    // A due date is a calendar date: past it in the viewer's own day, unfinished work is overdue.
    overdue: (m.status === "pending" || m.status === "active") && m.dueDate < localDay(now),
    client: state.contract.client,
    freelancer: state.contract.freelancer,
    readOnly,
  };
}

// The buttons of a row, in order: [allowed command, action, label].
const ROW_ACTIONS = [
  ["activate_milestone", "activate_milestone", "Activate & fund"],
  ["submit_work", "submit_work", "Submit work"],
  ["release_payment", "release_payment", "Approve & release"],
  ["request_changes", "request_changes", "Request changes"],
  ["edit_milestone", "edit_milestone", "Edit"],
  ["delete_milestone", "delete_milestone", "Delete"],
  ["propose_due_date", "propose_due_date", "Propose due date"],
  ["respond_due_date", "accept_due_date", "Accept due date"],
  ["respond_due_date", "reject_due_date", "Reject due date"],
  ["request_refund", "request_refund", "Request refund"],
  ["respond_refund", "accept_refund", "Accept refund"],
  ["respond_refund", "decline_refund", "Decline refund"],
];

function milestoneRow(m, inputs) {
  const id = m.id;
  const grip = m.pinned
    ? h("span", { class: "pin", title: "Activated milestones keep their place" },
        lockIcon(), h("span", { class: "visually-hidden" }, "Pinned: activated milestones keep their place"))
    : h("button", {
        type: "button", class: "handle", disabled: !inputs.movable,
        "aria-label": `Reorder ${m.title}`, "aria-describedby": "reorder-help",
        dataset: { milestone: id, focus: `handle:${id}` },
      }, h("span", { "aria-hidden": "true" }, "⠿"));
  const details = [];
  if (m.description) details.push(h("p", { class: "description" }, m.description));
  if (inputs.soon) details.push(h("p", { class: "auto-soon" }, h("strong", {}, inputs.soon)));
  if (inputs.countdown) details.push(h("p", { class: "countdown" }, inputs.countdown));
  if (m.submission) {
    details.push(h("p", { class: "note" }, `${inputs.freelancer}: “${m.submission.message}”`));
  }
  if (m.changeRequest && m.status === "changes_requested") {
    details.push(h("p", { class: "note" }, `${inputs.client} asked for changes: “${m.changeRequest.message}”`));
  }
  if (m.dueDateProposal) {
    const who = m.dueDateProposal.by === "client" ? inputs.client : inputs.freelancer;
    details.push(h("p", { class: "proposal" }, `${who} proposed a new due date: ${formatDate(m.dueDateProposal.dueDate)}.`));
  }
  if (m.refundRequest) {
    details.push(h("p", { class: "refund" },
      `Refund requested: ${formatMoney(m.refundRequest.amount)}: “${m.refundRequest.reason}”`));
  }
  const types = new Set(inputs.types);
  const buttons = ROW_ACTIONS.filter(([type]) => types.has(type))
    .map(([, act, label]) => action(act, label, id, inputs.past ? { disabled: true } : {}));
  if (inputs.movable) {
    buttons.push(
      action("move-up", "Move up", id, { disabled: inputs.first, dataset: { action: "move-up", milestone: id, focus: `up:${id}` } }),
      action("move-down", "Move down", id, { disabled: inputs.last, dataset: { action: "move-down", milestone: id, focus: `down:${id}` } }));
  }
  return h("div", { class: `milestone status-${m.status}${inputs.changed ? " changed" : ""}`, role: "listitem", dataset: { id } },
    grip,
    h("div", { class: "body" },
      h("h4", { class: "m-title" }, m.title,
        inputs.changed ? h("span", { class: "changed-tag" }, "changed here") : null),
      h("p", { class: "meta" },
        h("span", { class: "amount" }, formatMoney(m.amount)),
        " · due ", h("time", { datetime: m.dueDate }, formatDate(m.dueDate)),
        inputs.overdue ? h("span", { class: "overdue" }, " Overdue") : null,
        " · ", h("span", { class: "status" }, statusText(m))),
      details),
    h("div", { class: "actions" }, buttons));
}

/**
 * Rows per chunk of the milestone list. The list holds its rows in chunks (generic elements with
 * layout containment), so a change lays out its row's chunk and the few dozen chunks, not a
 * thousand rows: on the benchmark machine, replacing one row of 1,000 cost 6.6 ms of layout in
 * one flat list, 1.3 ms in chunks.
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

/** An activity entry; its time is a History stop: the board as it was right after it. */
function activityItem(item) {
  const when = formatMoment(item.at);
  // Its number given, not counted: an entry added on top renumbers no other.
  return h("li", { value: item.seq, dataset: { seq: item.seq } },
    h("button", {
      type: "button", class: "stop", dataset: { action: "history-view", seq: item.seq },
      "aria-label": `${when}: view the board right after this`,
    }, h("time", { datetime: new Date(item.at).toISOString() }, when)),
    " ", item.text);
}

/**
 * The board of one contract, kept between renders. `show(view)` brings the DOM up to date with
 * view = {id, state, allowed (Map milestone id or "" -> Set of command types), now, role,
 * readOnly, readOnlyReason, activity ([{seq, at, text}], oldest first), activityLimit, events (the
 * log's length), history (null, or {seq, label, changed: {milestones: Set, figures: Set}} while
 * the board shows the contract as it was right after event `seq`)}, touching only what changed.
 * Buttons carry data-action and data-milestone for the controller.
 */
export class BoardView {
  #section;
  #id = undefined;
  #parts = null;
  #rows = new Map();       // milestone id -> {el, m, types, inputs, first, last}: what the row shows
  #order = [];             // the milestone ids on screen, in order
  #context = [];           // what the rows on screen depend on besides their own data
  #headerKey = "";
  #budgetKey = "";
  #activity = null;        // the activity array on screen
  #shownFrom = 0;          // index in #activity of the oldest entry on screen
  #current = null;         // the activity entry History shows

  constructor(section) {
    this.#section = section;
  }

  /** Nothing open: says why. */
  empty(missingId = null) {
    this.#id = undefined;
    this.#parts = null;
    this.#rows.clear();
    this.#order = [];
    this.#context = [];
    fill(this.#section, h("div", { class: "empty-board" },
      h("h2", { id: "board-title" }, "No contract open"),
      h("p", {}, missingId
        ? `No contract with the id “${missingId}” is saved in this browser.`
        : "Create a contract with “New contract”, or open one from the list.")));
  }

  show(view) {
    if (this.#id !== view.id || !this.#parts) this.#build(view.id);
    const { state, allowed, readOnly } = view;
    const can = (type, id = "") => !readOnly && (allowed.get(id)?.has(type) ?? false);
    this.#section.classList.toggle("in-history", Boolean(view.history));
    this.#history(view);
    this.#header(view, can);
    this.#budget(state.totals, view.history?.changed.figures ?? null, view.role);
    this.#milestones(view, can);
    this.#timeline(view);
  }

  #build(id) {
    this.#id = id;
    this.#rows.clear();
    this.#order = [];
    this.#context = [];
    this.#headerKey = "";
    this.#budgetKey = "";
    this.#activity = null;
    const p = {
      header: h("header", { class: "board-header" }),
      slider: h("input", { type: "range", id: "history-slider", min: "1", max: "1", step: "1", value: "1",
        dataset: { focus: "history" }, "aria-describedby": "history-help" }),
      viewing: h("p", { class: "history-note" }),
      now: h("button", { type: "button", class: "primary", dataset: { action: "history-now" } }, "Back to now"),
      budget: h("div", { class: "budget-slot" }),
      none: h("p", { class: "empty" }, "No milestones yet."),
      list: h("div", { class: "milestones", role: "list", "aria-labelledby": "milestones-title" }),
      hint: h("p", { class: "hint" },
        "Activated milestones keep their place: only milestones that are not funded yet can be reordered, below them."),
      timeline: h("ol", { class: "timeline", "aria-labelledby": "activity-title", reversed: true }),
      older: h("button", { type: "button", class: "show-older", dataset: { action: "show-older" } }, "Show older"),
    };
    p.history = h("div", { class: "history", role: "group", "aria-labelledby": "history-label" },
      h("label", { id: "history-label", for: "history-slider" }, "History"),
      p.slider,
      h("p", { id: "history-help", class: "hint" },
        "Arrow keys step through the events; the board shows the contract as it was right after each. Escape returns to now."),
      p.viewing, p.now);
    this.#parts = p;
    fill(this.#section, p.header, p.history, p.budget,
      h("h3", { id: "milestones-title" }, "Milestones"),
      p.none, p.list, p.hint,
      h("h3", { id: "activity-title" }, "Activity"),
      p.timeline, p.older);
  }

  #header(view, can) {
    const { state, readOnly } = view;
    const c = state.contract;
    const actions = [
      ["respond_offer", "Accept offer", "accept_offer"],
      ["respond_offer", "Decline offer", "decline_offer"],
      ["add_milestone", "Add milestone"],
      ["propose_milestone", "Propose milestone"],
      ["extend_contract", "Extend contract"],
      ["end_contract", "End contract"],
      ["leave_feedback", "Leave feedback"],
      ["offer_new_contract", "Create new contract offer", "new-offer"],
    ].filter(([type]) => can(type));
    const past = Boolean(view.history);
    const key = JSON.stringify([c, readOnly, view.readOnlyReason, actions, past, can("respond_milestone_proposal"), view.related]);
    if (key === this.#headerKey) return;
    this.#headerKey = key;
    fill(this.#parts.header,
      h("h2", { id: "board-title" }, c.title),
      h("p", { class: "parties" },
        `${c.client} (client) · ${c.freelancer} (freelancer) · ${ACCOUNT_NAMES[c.accountType] ?? c.accountType} account`,
        c.endDate ? ` · ends ${formatDate(c.endDate)}` : "",
        ` · ${CONTRACT_STATUS[c.status] ?? c.status}`),
      c.status === "offered" && h("p", { class: "offer-note" },
        `This is an offer from ${c.client}. ${c.freelancer} accepts or declines it; until then nothing can be funded, ` +
        `and ${c.client} can still change the plan.`),
      c.status === "declined" && h("p", { class: "offer-note" }, `${c.freelancer} declined this offer; the contract is closed.`),
      (view.related ?? []).map(([words, id, title]) => h("p", { class: "related" }, `${words} `,
        h("button", { type: "button", class: "link", dataset: { action: "select", contract: id } }, `“${title}”`))),
      c.milestoneProposal && h("div", { class: "proposal-panel", role: "group", "aria-label": "Milestone proposal" },
        h("p", {}, `${c.freelancer} proposed a milestone: ${c.milestoneProposal.title} (${formatMoney(c.milestoneProposal.amount)}, ` +
          `due ${formatDate(c.milestoneProposal.dueDate)}).`, c.milestoneProposal.description ? ` ${c.milestoneProposal.description}` : ""),
        can("respond_milestone_proposal") && h("div", { class: "contract-actions" },
          action("accept_milestone_proposal", "Accept milestone", undefined, past ? { disabled: true } : {}),
          action("decline_milestone_proposal", "Decline milestone", undefined, past ? { disabled: true } : {}))),
      readOnly && h("p", { class: "notice read-only" }, view.readOnlyReason),
      c.planLocked && h("p", { class: "locked-note" },
        `This is a${/^[AEIOU]/.test(ACCOUNT_NAMES[c.accountType] ?? "") ? "n" : ""} ${ACCOUNT_NAMES[c.accountType] ?? c.accountType} contract: ` +
        "its milestones were fixed at the start. To add, edit or delete milestones, create a new contract offer " +
        "with the milestones not yet paid."),
      h("div", { class: "contract-actions" },
        actions.map(([type, label, act]) => action(act ?? type, label, undefined, past ? { disabled: true } : {})),
        action("export", "Export"),
        action("calendar", "Add to calendar"),
        action("share", "Share link"),
        action("statement", "Statement"),
        action("delete-contract", "Delete from this browser", undefined, past ? { disabled: true } : {})));
  }

  #history(view) {
    const p = this.#parts;
    const total = Math.max(view.events ?? 1, 1);
    const at = view.history?.seq ?? total;
    // Set in place, never rebuilt: the slider keeps the focus while arrow keys step.
    if (p.slider.max !== String(total)) p.slider.max = String(total);
    if (p.slider.value !== String(at)) p.slider.value = String(at);
    p.slider.setAttribute("aria-valuetext", view.history ? `Event ${at} of ${total}: ${view.history.label}` : `Now, after event ${total} of ${total}`);
    p.viewing.hidden = !view.history;
    p.now.hidden = !view.history;
    if (view.history) p.viewing.textContent = view.history.label;
  }

  #budget(totals, changed, role) {
    const key = JSON.stringify([totals, changed && [...changed], role]);
    if (key === this.#budgetKey) return;
    this.#budgetKey = key;
    const next = budget(totals, changed, role);
    const shown = this.#parts.budget.firstElementChild;
    // The same figures in the same places: only the amounts and the bar's widths change, in place
    // (new elements would be styled and laid out afresh).
    const shape = (el) => [...el.querySelectorAll(".figure")].map((f) => f.className + f.firstElementChild.textContent).join("|");
    if (shown && shape(shown) === shape(next)) {
      const amounts = shown.querySelectorAll(".figure dd");
      next.querySelectorAll(".figure dd").forEach((dd, i) => {
        if (amounts[i].textContent !== dd.textContent) amounts[i].textContent = dd.textContent;
      });
      const segments = shown.querySelectorAll(".bar .seg");
      next.querySelectorAll(".bar .seg").forEach((seg, i) => {
        if (segments[i].style.width !== seg.style.width) segments[i].style.width = seg.style.width;
      });
      return;
    }
    fill(this.#parts.budget, next);
  }

  #milestones(view, can) {
    const { state, now, readOnly } = view;
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
    const context = [readOnly, past, changed, state.contract.client, state.contract.freelancer, localDay(now)];
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
      if (!row || !sameContext || row.m !== m || row.types !== types || m.reviewDeadline !== null) {
        const inputs = rowInputs(m, index, { can, pinned, pending, now, state, readOnly, past, changed });
        if (!row || !sameJson(row.m, m) || !sameJson(row.inputs, inputs, MOVE_FLAGS)) {
          const el = milestoneRow(m, inputs);
          if (row) {
            old?.set(el, old.get(row.el));
            row.el.replaceWith(el);
          }
          row = { el, m, types, inputs, first, last };
          this.#rows.set(m.id, row);
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
    if (sameOrder) return;
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

  #timeline(view) {
    const { activity } = view;
    const p = this.#parts;
    const limit = Math.max(view.activityLimit ?? ACTIVITY_PAGE, 1);
    if (activity !== this.#activity) {
      this.#activity = activity;
      this.#shownFrom = activity.length;
      this.#current = null;
      p.timeline.replaceChildren();
    }
    // New entries go on top; older ones come in at the bottom up to the limit, or leave it.
    const top = p.timeline.firstElementChild;
    const rendered = p.timeline.childElementCount;
    const newest = this.#shownFrom + rendered;  // index after the newest entry on screen
    for (let i = activity.length - 1; i >= newest; i--) p.timeline.insertBefore(activityItem(activity.at(i)), top);
    let from = Math.max(0, activity.length - limit);
    while (this.#shownFrom > from) p.timeline.append(activityItem(activity.at(--this.#shownFrom)));
    while (this.#shownFrom < from) {
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
    p.older.textContent = older > ACTIVITY_PAGE ? `Show older (${ACTIVITY_PAGE} of ${older} more)` : `Show older (${older} more)`;
  }
}
