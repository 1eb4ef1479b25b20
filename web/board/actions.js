// @ts-check
// The page's actions, one row each: the engine command it shows for (a button appears exactly
// when `allowed` lists that command for the milestone or the contract), its label, its form
// fields or the confirmation it asks for, and how it builds the command. The view draws buttons
// from this table and the controller runs them from it: a label is written once, and a new
// action is a new row.
import { centsToInput, UNREADABLE } from "./format.js";

/** @typedef {import("../milestones").ContractState} ContractState */
/** @typedef {import("../milestones").Milestone} MilestoneState */
/**
 * @typedef {object} Context what an action is built from
 * @property {"client" | "freelancer"} role the acting party
 * @property {MilestoneState} [m] the milestone of a milestone action
 * @property {ContractState} state the contract on show
 * @property {string} today the viewer's calendar date, where date pickers start (R12′)
 * @property {(command: object) => any} preview the engine's dry run of a command, now
 * @property {import("./words.js").Words} w the board's words
 */
/**
 * @typedef {object} Field a form field; `field` is the engine's path, so a refusal can point at it
 * @property {string} name
 * @property {string} label
 * @property {string} [type] "textarea", "money", "date", "select", "files" (files.js: attached files, as JSON) or an input type
 * @property {string} [value]
 * @property {string} [field]
 * @property {string} [min]
 * @property {boolean} [required]
 * @property {[string, string][]} [options]
 */
/**
 * @typedef {object} Action
 * @property {string} id what a button's data-action names
 * @property {string} command the engine command whose `allowed` entry shows the button
 * @property {"milestone" | "contract" | "proposal"} on where the button is
 * @property {string} label the key of the button's words in the catalog (words.js), and of the dialog's submit button unless `submit` says
 * @property {string} [submit] the key of the dialog's submit button, where it is not the label
 * @property {(ctx: Context) => string} [title] the dialog's title (a form or a confirmation)
 * @property {(ctx: Context) => string | undefined} [intro] words above the form
 * @property {(ctx: Context) => Field[]} [fields] a form: its fields
 * @property {(ctx: Context, values: Record<string, string>) => string} [explain] live words as the form is filled
 * @property {(ctx: Context, events: any[]) => string} [confirm] a confirmation: what the previewed command will do
 * @property {(ctx: Context, values: Record<string, string>) => object} build the command (no `at`)
 */

/**
 * A command with an amount typed in dollars (field `name`): what cannot be read as dollars goes
 * as UNREADABLE, which the engine refuses at the amount's field, so every problem shows at once.
 */
function withAmount(/** @type {import("./words.js").Words} */ w, /** @type {Record<string, string>} */ values, /** @type {(amount: number) => object} */ make, name = "amount") {
  return make(w.parseAmount(values[name]) ?? UNREADABLE);
}

/** The engine's dry run of a milestone command with the amount as typed, told by `say`. */
function explainAmount(/** @type {Context} */ ctx, /** @type {Record<string, string>} */ values, /** @type {object} */ command, /** @type {(events: any[]) => string} */ say) {
  const amount = ctx.w.parseAmount(values.amount);
  if (amount === null) return "";
  const preview = ctx.preview({ ...command, amount });
  return preview.ok ? say(preview.events) : "";  // a refusal shows at its field
}

const ref = (/** @type {Context} */ ctx) => ({ actor: ctx.role, milestoneId: ctx.m?.id });
const message = (/** @type {Context} */ ctx) => [{ name: "message", label: ctx.w.fieldMessage, type: "textarea", required: true }];
/** The files of a "files" field (JSON, files.js) as a command's `attachments`: none is no list (R25). */
const attached = (/** @type {string | undefined} */ json) => {
  const files = json ? JSON.parse(json) : [];
  return files.length > 0 ? { attachments: files } : {};
};
const milestoneFields = (/** @type {Context} */ ctx) => [
  { name: "title", label: ctx.w.fieldMilestoneTitle, field: "milestone.title" },
  { name: "description", label: ctx.w.fieldDescription, type: "textarea", field: "milestone.description" },
  { name: "amount", label: ctx.w.fieldAmount, type: "money", field: "milestone.amount" },
  { name: "dueDate", label: ctx.w.fieldDueDate, type: "date", min: ctx.today, field: "milestone.dueDate" },
];
const milestoneDraft = (/** @type {Context} */ ctx, /** @type {Record<string, string>} */ v, /** @type {string} */ type) =>
  withAmount(ctx.w, v, (amount) => ({
    type, actor: ctx.role, milestone: { title: v.title, description: v.description, amount, dueDate: v.dueDate },
  }));

/** @type {Action[]} in the order the buttons appear */
export const ACTIONS = [
  // --- on a milestone ---
  {
    id: "activate_milestone", command: "activate_milestone", on: "milestone", label: "activate",
    title: (ctx) => `${ctx.w.activate}: ${ctx.m.title}`,
    confirm: (ctx, events) => ctx.w.activateSays(events.findLast((x) => x.type === "milestone_activated")),
    build: (ctx) => ({ type: "activate_milestone", ...ref(ctx) }),
  },
  {
    id: "submit_work", command: "submit_work", on: "milestone", label: "submitWork",
    title: (ctx) => `${ctx.w.submitWork}: ${ctx.m.title}`,
    fields: (ctx) => [...message(ctx), { name: "attachments", label: ctx.w.fieldFiles, type: "files", field: "attachments" }],
    build: (ctx, v) => ({ type: "submit_work", ...ref(ctx), message: v.message, ...attached(v.attachments) }),
  },
  {
    id: "release_payment", command: "release_payment", on: "milestone", label: "release",
    title: (ctx) => `${ctx.w.release}: ${ctx.m.title}`,
    intro: (ctx) => ctx.w.inEscrow(ctx.w.money(ctx.m.escrow)),
    fields: (ctx) => [{ name: "amount", label: ctx.w.fieldAmountToRelease, type: "money", value: centsToInput(ctx.m.escrow), field: "amount" }],
    // The figures come from the engine: a dry run of the release as typed.
    explain: (ctx, v) => explainAmount(ctx, v, { type: "release_payment", ...ref(ctx) },
      (events) => ctx.w.releaseSays(events.findLast((e) => e.type === "payment_released"))),
    build: (ctx, v) => withAmount(ctx.w, v, (amount) => ({ type: "release_payment", ...ref(ctx), amount })),
  },
  {
    id: "request_changes", command: "request_changes", on: "milestone", label: "requestChanges",
    title: (ctx) => `${ctx.w.requestChanges}: ${ctx.m.title}`, fields: (ctx) => message(ctx),
    build: (ctx, v) => ({ type: "request_changes", ...ref(ctx), message: v.message }),
  },
  {
    id: "edit_milestone", command: "edit_milestone", on: "milestone", label: "edit", submit: "saveChanges",
    title: (ctx) => ctx.w.editTitle(ctx.m.title),
    fields: (ctx) => [
      { name: "title", label: ctx.w.fieldMilestoneTitle, value: ctx.m.title, field: "changes.title" },
      { name: "description", label: ctx.w.fieldDescription, type: "textarea", value: ctx.m.description, field: "changes.description" },
      { name: "amount", label: ctx.w.fieldAmount, type: "money", value: centsToInput(ctx.m.amount), field: "changes.amount" },
    ],
    build: (ctx, v) => withAmount(ctx.w, v, (amount) => {
      const m = ctx.m;
      const changes = {};
      if (v.title !== m.title) changes.title = v.title;
      if (v.description !== m.description) changes.description = v.description;
      if (amount !== m.amount) changes.amount = amount;
      return { type: "edit_milestone", ...ref(ctx), changes };
    }),
  },
  {
    id: "delete_milestone", command: "delete_milestone", on: "milestone", label: "delete",
    title: (ctx) => ctx.w.deleteTitle(ctx.m.title), intro: (ctx) => ctx.w.deleteSays, fields: (ctx) => [],
    build: (ctx) => ({ type: "delete_milestone", ...ref(ctx) }),
  },
  {
    id: "propose_due_date", command: "propose_due_date", on: "milestone", label: "proposeDueDate",
    title: (ctx) => `${ctx.w.proposeDueDate}: ${ctx.m.title}`, intro: (ctx) => ctx.w.proposeDueDateSays,
    fields: (ctx) => [{ name: "dueDate", label: ctx.w.fieldDueDate, type: "date", value: ctx.m.dueDate, min: ctx.today }],
    build: (ctx, v) => ({ type: "propose_due_date", ...ref(ctx), dueDate: v.dueDate }),
  },
  {
    id: "accept_due_date", command: "respond_due_date", on: "milestone", label: "acceptDueDate",
    build: (ctx) => ({ type: "respond_due_date", ...ref(ctx), accept: true }),
  },
  {
    id: "reject_due_date", command: "respond_due_date", on: "milestone", label: "rejectDueDate",
    build: (ctx) => ({ type: "respond_due_date", ...ref(ctx), accept: false }),
  },
  {
    id: "request_refund", command: "request_refund", on: "milestone", label: "requestRefund",
    title: (ctx) => `${ctx.w.requestRefund}: ${ctx.m.title}`,
    intro: (ctx) => ctx.w.refundable(ctx.w.money(ctx.m.refundable)),
    fields: (ctx) => [
      { name: "amount", label: ctx.w.fieldAmount, type: "money", field: "amount" },
      { name: "reason", label: ctx.w.fieldMessage, type: "textarea", field: "reason" },
    ],
    build: (ctx, v) => withAmount(ctx.w, v, (amount) => ({ type: "request_refund", ...ref(ctx), amount, reason: v.reason })),
  },
  {
    id: "accept_refund", command: "respond_refund", on: "milestone", label: "acceptRefund",
    title: (ctx) => `${ctx.w.acceptRefund}: ${ctx.m.title}`,
    intro: (ctx) => ctx.w.refundAsked(ctx.w.money(ctx.m.refundRequest.amount), ctx.m.refundRequest.reason),
    fields: (ctx) => [{ name: "amount", label: ctx.w.fieldAmount, type: "money", value: centsToInput(ctx.m.refundRequest.amount), field: "amount" }],
    // The figures come from the engine: a dry run of the refund as typed.
    explain: (ctx, v) => explainAmount(ctx, v, { type: "respond_refund", ...ref(ctx), accept: true },
      (events) => ctx.w.refundSays(ctx.w.money(events.findLast((e) => e.type === "refund_accepted").amount), ctx.state.contract.client)),
    build: (ctx, v) => withAmount(ctx.w, v, (amount) => ({ type: "respond_refund", ...ref(ctx), accept: true, amount })),
  },
  {
    id: "decline_refund", command: "respond_refund", on: "milestone", label: "declineRefund",
    title: (ctx) => `${ctx.w.declineRefund}: ${ctx.m.title}`,
    confirm: (ctx) => ctx.w.declineRefundSays(ctx.state.contract.client, ctx.w.money(ctx.m.refundRequest.amount), ctx.m.refundRequest.reason),
    build: (ctx) => ({ type: "respond_refund", ...ref(ctx), accept: false }),
  },
  // --- on the contract ---
  {
    id: "accept_offer", command: "respond_offer", on: "contract", label: "acceptOffer",
    build: (ctx) => ({ type: "respond_offer", actor: ctx.role, accept: true }),
  },
  {
    id: "decline_offer", command: "respond_offer", on: "contract", label: "declineOffer",
    title: (ctx) => ctx.w.declineOfferTitle(ctx.state.contract.title),
    confirm: (ctx) => ctx.w.declineOfferSays(ctx.state.contract.client),
    build: (ctx) => ({ type: "respond_offer", actor: ctx.role, accept: false }),
  },
  {
    id: "add_milestone", command: "add_milestone", on: "contract", label: "addMilestone",
    title: (ctx) => ctx.w.addMilestone, fields: milestoneFields,
    build: (ctx, v) => milestoneDraft(ctx, v, "add_milestone"),
  },
  {
    id: "propose_milestone", command: "propose_milestone", on: "contract", label: "proposeMilestone",
    title: (ctx) => ctx.w.proposeMilestone, intro: (ctx) => ctx.w.proposeMilestoneSays, fields: milestoneFields,
    build: (ctx, v) => milestoneDraft(ctx, v, "propose_milestone"),
  },
  {
    id: "extend_contract", command: "extend_contract", on: "contract", label: "extend",
    title: (ctx) => ctx.w.extend,
    fields: (ctx) => [{ name: "endDate", label: ctx.w.fieldEndDate, type: "date", value: ctx.state.contract.endDate ?? "" }],
    build: (ctx, v) => ({ type: "extend_contract", actor: ctx.role, endDate: v.endDate }),
  },
  {
    id: "end_contract", command: "end_contract", on: "contract", label: "endContract",
    title: (ctx) => ctx.w.endTitle(ctx.state.contract.title),
    confirm: (ctx, events) => {
      const title = (/** @type {string} */ id) => ctx.state.milestones.find((x) => x.id === id)?.title ?? id;
      const ended = events.find((x) => x.type === "contract_ended");
      const returned = events.find((x) => x.type === "credit_returned");
      return ctx.w.endSays((ended.closed ?? []).map(title), returned ? ctx.w.money(returned.amount) : null);
    },
    build: (ctx) => ({ type: "end_contract", actor: ctx.role }),
  },
  {
    id: "leave_feedback", command: "leave_feedback", on: "contract", label: "leaveFeedback",
    title: (ctx) => ctx.w.leaveFeedback,
    fields: (ctx) => [
      { name: "rating", label: ctx.w.fieldRating, type: "select", value: "5", options: ctx.w.ratings },
      { name: "comment", label: ctx.w.fieldComment, type: "textarea" },
    ],
    build: (ctx, v) => ({ type: "leave_feedback", actor: ctx.role, rating: Number(v.rating), comment: v.comment }),
  },
  // --- on the freelancer's milestone proposal: the client's answer, the freelancer's withdrawal ---
  {
    id: "accept_milestone_proposal", command: "respond_milestone_proposal", on: "proposal", label: "acceptProposal",
    build: (ctx) => ({ type: "respond_milestone_proposal", actor: ctx.role, accept: true }),
  },
  {
    id: "decline_milestone_proposal", command: "respond_milestone_proposal", on: "proposal", label: "declineProposal",
    build: (ctx) => ({ type: "respond_milestone_proposal", actor: ctx.role, accept: false }),
  },
  {
    id: "withdraw_milestone_proposal", command: "withdraw_milestone_proposal", on: "proposal", label: "withdrawProposal",
    build: (ctx) => ({ type: "withdraw_milestone_proposal", actor: ctx.role }),
  },
];

/** The row of each action id. */
export const ACTION_BY_ID = new Map(ACTIONS.map((a) => [a.id, a]));

/** The actions shown at `on` (in table order) whose command `types` holds. */
export function actionsFor(/** @type {Action["on"]} */ on, /** @type {Set<string> | undefined} */ types) {
  return types ? ACTIONS.filter((a) => a.on === on && types.has(a.command)) : [];
}
