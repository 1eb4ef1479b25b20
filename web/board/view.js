// The board's view: builds DOM from what the controller hands it (engine state, allowed commands,
// notices). DOM only: every decision about what is possible comes from the engine's `allowed`.
import { h, fill } from "./dom.js";
import { formatDate, formatMoment, formatMoney, formatRemaining } from "./format.js";
import { describeLog } from "./timeline.js";

const ACCOUNT_NAMES = {
  standard: "Standard",
  enterprise: "Enterprise",
  enterprise_compliance: "Enterprise Compliance",
  wpp: "Work Protection Program (WPP)",
};
export const ACCOUNT_TYPES = Object.entries(ACCOUNT_NAMES);
export const LOCKED_ACCOUNTS = new Set(["enterprise_compliance", "wpp"]);

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
           h("span", { class: "sub" }, c.readOnly ? "read-only" : c.status)))));
}

/** Visible notices (storage trouble, quarantined data, changes from another tab). */
export function renderNotices(el, notices) {
  fill(el, notices.map((n) => h("div", { class: `notice ${n.kind ?? ""}` },
    h("p", {}, n.text),
    (n.actions ?? []).map((a) => h("button", { type: "button", onclick: a.run }, a.label)))));
}

export function renderBanner(el, banner, onDismiss) {
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
    case "paid": {
      let text = `Paid ${formatMoney(m.released)}${m.autoReleased ? " automatically" : ""}`;
      if (m.refunded > 0) text += `, ${formatMoney(m.refunded)} refunded`;
      return text;
    }
    default: return m.status;
  }
}

/** The budget bar: what the client planned, paid in, holds in escrow, released, and has as credit. */
function budget(totals) {
  const scale = Math.max(totals.budget, totals.charged, 1);
  const pct = (v) => `${Math.min(100, (100 * v) / scale).toFixed(2)}%`;
  const rows = [
    ["Budget", totals.budget, "budget"],
    ["Charged", totals.charged, "charged"],
    ["In escrow", totals.escrow, "escrow"],
    ["Released", totals.released, "released"],
    ["Client credit", totals.credit, "credit"],
  ];
  if (totals.refunded > 0) rows.push(["Refunded", totals.refunded, "refunded"]);
  if (totals.creditReturned > 0) rows.push(["Credit returned", totals.creditReturned, "returned"]);
  const bar = h("div", { class: "bar", "aria-hidden": "true" },
    h("span", { class: "seg released", style: null }),
    h("span", { class: "seg escrow" }),
    h("span", { class: "seg credit" }));
  const [released, escrow, credit] = bar.children;
  released.style.width = pct(totals.released);
  escrow.style.width = pct(totals.escrow);
  credit.style.width = pct(totals.credit);
  return h("div", { class: "budget" },
    h("h3", { class: "visually-hidden" }, "Budget"),
    bar,
    h("dl", { class: "figures" }, rows.map(([label, value, key]) =>
      h("div", { class: `figure ${key}` }, h("dt", {}, label), h("dd", {}, formatMoney(value))))));
}

/**
 * The board of one contract. `view` = {state, log, allowed (Map milestone id or "" -> Set of
 * command types), now, role,
 * readOnly, readOnlyReason}. Buttons carry data-action and data-milestone for the controller.
 */
export function renderBoard(section, view, missingId = null) {
  if (!view) {
    return fill(section, h("div", { class: "empty-board" },
      h("h2", { id: "board-title" }, "No contract open"),
      h("p", {}, missingId
        ? `No contract with the id “${missingId}” is saved in this browser.`
        : "Create a contract with “New contract”, or open one from the list.")));
  }
  const { state, allowed, now, readOnly } = view;
  const c = state.contract;
  const can = (type, id = "") => !readOnly && (allowed.get(id)?.has(type) ?? false);
  const action = (type, label, id, extra = {}) =>
    h("button", { type: "button", dataset: { action: type, ...(id ? { milestone: id } : {}) }, ...extra }, label);
  const locked = LOCKED_ACCOUNTS.has(c.accountType);
  const pinned = state.milestones.filter((m) => m.status !== "pending").length;
  const pending = state.milestones.length - pinned;
  const contractActions = [
    can("add_milestone") && action("add_milestone", "Add milestone"),
    can("extend_contract") && action("extend_contract", "Extend contract"),
    can("end_contract") && action("end_contract", "End contract"),
    can("leave_feedback") && action("leave_feedback", "Leave feedback"),
    locked && c.status === "open" && view.role === "client" && !readOnly &&
      action("new-offer", "Create new contract offer"),
    action("export", "Export"),
  ];
  fill(section,
    h("header", { class: "board-header" },
      h("h2", { id: "board-title" }, c.title),
      h("p", { class: "parties" },
        `${c.client} (client) · ${c.freelancer} (freelancer) · ${ACCOUNT_NAMES[c.accountType]} account`,
        c.endDate ? ` · ends ${formatDate(c.endDate)}` : "",
        ` · ${c.status === "ended" ? "Ended" : "Open"}`),
      readOnly && h("p", { class: "notice read-only" }, view.readOnlyReason),
      locked && h("p", { class: "locked-note" },
        `This is a${c.accountType === "wpp" ? " Work Protection Program" : "n Enterprise Compliance"} contract: ` +
        "its milestones were fixed at the start. To add, edit or delete milestones, create a new contract offer " +
        "with the milestones not yet paid."),
      h("div", { class: "contract-actions" }, contractActions)),
    budget(state.totals),
    h("h3", { id: "milestones-title" }, "Milestones"),
    state.milestones.length === 0
      ? h("p", { class: "empty" }, "No milestones yet.")
      : h("ol", { class: "milestones", "aria-labelledby": "milestones-title" },
          state.milestones.map((m, index) => milestoneRow(m, index, { can, action, pinned, pending, now, state }))),
    pinned > 0 && pending > 0 && h("p", { class: "hint" },
      "Activated milestones keep their place: only milestones that are not funded yet can be reordered, below them."),
    h("h3", { id: "activity-title" }, "Activity"),
    h("ol", { class: "timeline", "aria-labelledby": "activity-title", reversed: true },
      describeLog(view.log).reverse().map((item) =>
        h("li", {}, h("time", { datetime: new Date(item.at).toISOString() }, formatMoment(item.at)), " ", item.text))));
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

function milestoneRow(m, index, { can, action, pinned, pending, now, state }) {
  const movable = can("move_milestone", m.id);
  const isPinned = m.status !== "pending";
  const grip = isPinned
    ? h("span", { class: "pin", title: "Activated milestones keep their place" },
        lockIcon(), h("span", { class: "visually-hidden" }, "Pinned: activated milestones keep their place"))
    : h("button", {
        type: "button", class: "handle", disabled: !movable,
        "aria-label": `Reorder ${m.title}`, "aria-describedby": "reorder-help",
        dataset: { milestone: m.id, focus: `handle:${m.id}` },
      }, h("span", { "aria-hidden": "true" }, "⠿"));
  const details = [];
  if (m.description) details.push(h("p", { class: "description" }, m.description));
  if (m.status === "submitted" && m.reviewDeadline !== null) {
    details.push(h("p", { class: "countdown" },
      `Review within ${formatRemaining(m.reviewDeadline, now)} (by ${formatMoment(m.reviewDeadline)}); ` +
      "after that the payment is released automatically."));
  }
  if (m.submission && m.status !== "pending") {
    details.push(h("p", { class: "note" }, `${state.contract.freelancer}: “${m.submission.message}”`));
  }
  if (m.changeRequest && m.status === "changes_requested") {
    details.push(h("p", { class: "note" }, `${state.contract.client} asked for changes: “${m.changeRequest.message}”`));
  }
  if (m.dueDateProposal) {
    const who = m.dueDateProposal.by === "client" ? state.contract.client : state.contract.freelancer;
    details.push(h("p", { class: "proposal" }, `${who} proposed a new due date: ${formatDate(m.dueDateProposal.dueDate)}.`));
  }
  if (m.refundRequest) {
    details.push(h("p", { class: "refund" },
      `Refund requested: ${formatMoney(m.refundRequest.amount)}: “${m.refundRequest.reason}”`));
  }
  const id = m.id;
  const buttons = [
    can("activate_milestone", id) && action("activate_milestone", "Activate & fund", id),
    can("submit_work", id) && action("submit_work", "Submit work", id),
    can("release_payment", id) && action("release_payment", "Approve & release", id),
    can("request_changes", id) && action("request_changes", "Request changes", id),
    can("edit_milestone", id) && action("edit_milestone", "Edit", id),
    can("delete_milestone", id) && action("delete_milestone", "Delete", id),
    can("propose_due_date", id) && action("propose_due_date", "Propose due date", id),
    can("respond_due_date", id) && action("accept_due_date", "Accept due date", id),
    can("respond_due_date", id) && action("reject_due_date", "Reject due date", id),
    can("request_refund", id) && action("request_refund", "Request refund", id),
    can("respond_refund", id) && action("accept_refund", "Accept refund", id),
    can("respond_refund", id) && action("decline_refund", "Decline refund", id),
    movable && action("move-up", "Move up", id, { disabled: index <= pinned, dataset: { action: "move-up", milestone: id, focus: `up:${id}` } }),
    movable && action("move-down", "Move down", id, { disabled: index >= pinned + pending - 1, dataset: { action: "move-down", milestone: id, focus: `down:${id}` } }),
  ];
  return h("li", { class: `milestone status-${m.status}`, dataset: { id: m.id } },
    grip,
    h("div", { class: "body" },
      h("h4", { class: "m-title" }, m.title),
      h("p", { class: "meta" },
        h("span", { class: "amount" }, formatMoney(m.amount)),
        " · due ", h("time", { datetime: m.dueDate }, formatDate(m.dueDate)),
        " · ", h("span", { class: "status" }, statusText(m))),
      details),
    h("div", { class: "actions" }, buttons));
}
