// @ts-check
// The board's words: every label, sentence and message the controller and the actions show, in
// one place. Sentences that carry figures or names are functions of them.
import { formatMoney } from "./format.js";

/** "A", "A and B", "A, B and C". */
const list = (/** @type {string[]} */ names) =>
  names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/** The names of the account types (R2). */
export const ACCOUNT_NAMES = {
  standard: "Standard",
  enterprise: "Enterprise",
  enterprise_compliance: "Enterprise Compliance",
  wpp: "Work Protection Program (WPP)",
};

/** A milestone's status in words (the status names appear only in tables like this one). */
export const MILESTONE_STATUS = {
  pending: () => "Not funded yet",
  active: (/** @type {any} */ m) => `Funded: ${formatMoney(m.escrow)} in escrow`,
  submitted: (/** @type {any} */ m) => `Submitted for review: ${formatMoney(m.escrow)} in escrow`,
  changes_requested: (/** @type {any} */ m) => `Changes requested: ${formatMoney(m.escrow)} in escrow`,
  closed: () => "Closed unfunded when the contract ended",
  paid: (/** @type {any} */ m) =>
    `Paid ${formatMoney(m.released)}${m.autoReleased ? " automatically" : ""}${m.refunded > 0 ? `, ${formatMoney(m.refunded)} refunded` : ""}`,
};

/** The notes a milestone's row shows beside its status: the change request while it is the news. */
export const MILESTONE_NOTES = { changes_requested: { changeRequest: true } };

/** A contract's status in the header, and the note under it. */
export const CONTRACT_STATUS = {
  offered: "Offer, waiting for the freelancer", open: "Open", declined: "Declined", ended: "Ended",
};
export const CONTRACT_NOTES = {
  offered: (/** @type {any} */ c) => `This is an offer from ${c.client}. ${c.freelancer} accepts or declines it; until then nothing can be funded, ` +
    `and ${c.client} can still change the plan.`,
  declined: (/** @type {any} */ c) => `${c.freelancer} declined this offer; the contract is closed.`,
};

export const words = {
  // action labels (PROTOCOL.md, "Words on the page")
  activate: "Activate & fund",
  submitWork: "Submit work",
  release: "Approve & release",
  requestChanges: "Request changes",
  edit: "Edit",
  saveChanges: "Save changes",
  delete: "Delete",
  proposeDueDate: "Propose due date",
  acceptDueDate: "Accept due date",
  rejectDueDate: "Reject due date",
  requestRefund: "Request refund",
  acceptRefund: "Accept refund",
  declineRefund: "Decline refund",
  acceptOffer: "Accept offer",
  declineOffer: "Decline offer",
  addMilestone: "Add milestone",
  proposeMilestone: "Propose milestone",
  extend: "Extend contract",
  endContract: "End contract",
  leaveFeedback: "Leave feedback",
  acceptProposal: "Accept milestone",
  declineProposal: "Decline milestone",
  newOffer: "Create new contract offer",
  newContract: "New contract",

  // field labels
  fieldMessage: "Message",
  fieldMilestoneTitle: "Milestone title",
  fieldDescription: "Description",
  fieldAmount: "Amount (USD)",
  fieldAmountToRelease: "Amount to release",
  fieldDueDate: "Due date",
  fieldEndDate: "End date",
  fieldRating: "Rating",
  fieldComment: "Comment",
  /** @type {[string, string][]} */
  ratings: [["5", "5 – excellent"], ["4", "4 – good"], ["3", "3 – fair"], ["2", "2 – poor"], ["1", "1 – very poor"]],

  // dialogs of the actions
  notDollars: "Enter an amount in US dollars, like 250 or 250.50.",
  activateSays: (/** @type {{amount: number, fromCredit: number, charged: number}} */ e) => {
    const held = "It is held in escrow until you approve the work (or 14 days after a submission).";
    if (e.fromCredit > 0 && e.charged > 0) {
      return `${formatMoney(e.amount)} will be charged: ${formatMoney(e.fromCredit)} from your credit, ${formatMoney(e.charged)} to your card. ${held}`;
    }
    if (e.fromCredit > 0) return `${formatMoney(e.amount)} comes from your credit; nothing is charged to your card. ${held}`;
    return `${formatMoney(e.charged)} will be charged to your card. ${held}`;
  },
  inEscrow: (/** @type {string} */ amount) => `${amount} is in escrow for this milestone.`,
  releaseSays: (/** @type {{amount: number, returned: number, extra: number}} */ e) => {
    if (e.returned > 0) return `Releasing less: ${formatMoney(e.returned)} goes back to the client's credit, used first by the next milestone and given back when the contract ends.`;
    if (e.extra > 0) return `Releasing more: ${formatMoney(e.extra)} more will be charged to the client.`;
    return `The whole escrow, ${formatMoney(e.amount)}, goes to the freelancer.`;
  },
  editTitle: (/** @type {string} */ title) => `Edit ${title}`,
  deleteTitle: (/** @type {string} */ title) => `Delete ${title}?`,
  deleteSays: "The milestone is removed from the plan. This is recorded in the activity.",
  proposeDueDateSays: "The other party accepts or rejects the new date.",
  refundable: (/** @type {string} */ amount) => `${amount} of this milestone can still be refunded.`,
  refundAsked: (/** @type {string} */ amount, /** @type {string} */ reason) =>
    `The client asked for ${amount}: “${reason}”. You may refund that or less.`,
  refundSays: (/** @type {string} */ amount, /** @type {string} */ client) => `${amount} goes back to ${client}; this cannot be undone.`,
  declineRefundSays: (/** @type {string} */ client, /** @type {string} */ amount, /** @type {string} */ reason) =>
    `${client} asked for ${amount} back: “${reason}”. Declining keeps the money with you; the request closes.`,
  declineOfferTitle: (/** @type {string} */ title) => `Decline the offer “${title}”?`,
  declineOfferSays: (/** @type {string} */ client) =>
    `${client}'s offer closes for good: nothing more can happen on this contract. To ask for changes instead, talk to ${client} before answering.`,
  proposeMilestoneSays: "The client accepts or declines it; accepted, it is added at the end of the plan.",
  endTitle: (/** @type {string} */ title) => `End “${title}”?`,
  endSays: (/** @type {string[]} */ closed, /** @type {string | null} */ returned) => {
    const parts = ["The contract ends: nothing more can be funded or released."];
    if (closed.length) parts.push(`${list(closed)} ${closed.length === 1 ? "closes" : "close"} unfunded and will not be paid.`);
    if (returned) parts.push(`Your unused credit, ${returned}, goes back to you.`);
    parts.push("This cannot be undone.");
    return parts.join(" ");
  },

  // the new contract form
  lockedPlanNote: "On this account type all milestones are set now: they cannot be added, edited or deleted later.",

  // the controller's messages
  noContract: "No contract is open.",
  readOnly: "This contract is read-only here.",
  contractExists: (/** @type {string} */ id) => `A contract with the id ${id} is already on this board.`,
  moved: (/** @type {string} */ title, /** @type {number} */ place, /** @type {number} */ count) => `Moved ${title} to position ${place} of ${count}.`,
  clockNow: (/** @type {string} */ when) => `The clock now shows ${when}.`,
  created: (/** @type {string} */ title) => `Created the contract ${title}.`,
  imported: (/** @type {string} */ title) => `Imported ${title}.`,
  importFailed: (/** @type {string} */ why) => `Import failed: ${why}`,
  notJsonFile: (/** @type {string} */ name) => `${name} is not a JSON file.`,
  sampleFailed: (/** @type {string} */ why) => `The sample contract could not be made: ${why}`,
  sampleCreated: "Created a sample contract: Bakery website redesign.",
  deleteContractTitle: (/** @type {string} */ title) => `Delete “${title}” from this browser?`,
  deleteContractSays: "Its log is removed from this browser's storage; nothing else keeps it. Export it first to keep a copy.",
  deleted: (/** @type {string} */ title) => `Deleted ${title} from this browser.`,
  newOfferTitle: (/** @type {string} */ title) => `${title} (new offer)`,
  staysOpen: (/** @type {string} */ title, /** @type {string} */ why) => `“${title}” stays open for now: ${why} End it once that is done.`,
  replaced: (/** @type {string} */ title) => `“${title}” ended: the new offer replaces it.`,
  otherTab: "This contract changed in another tab; the board shows the latest version.",
  backToNow: "Back to now.",
  eventOf: (/** @type {number} */ seq, /** @type {number} */ total, /** @type {string} */ label) => `Event ${seq} of ${total}. ${label}.`,
  viewing: (/** @type {string} */ when, /** @type {string} */ what) => `Viewing ${when} — after ${what}`,

  // the library's messages
  notSavedContract: "it is not a saved contract",
  readOnlyNewer: "This contract was saved by a newer version of the board, so it is shown read-only.",
  newerUnreadable: "A contract saved by a newer version of the board cannot be opened here; it was left untouched.",
  notLoaded: (/** @type {string} */ problem) => `A saved contract could not be loaded (${problem}) and was left where it is, untouched.`,
  conflict: "This contract changed in another tab first; your last change was not saved.",

  // links
  shareTitle: (/** @type {string} */ title) => `Share “${title}”`,
  shareSays: (/** @type {number} */ events, /** @type {string} */ kb) =>
    `This link holds the whole contract (${events} events, ${kb} KB of text) in the part after “#”, ` +
    "which browsers never send to a server. Whoever opens it gets a copy that the engine checks event by event; " +
    "send it to the other party, and open the link they send back to bring this contract up to date.",
  copyLink: "Copy link",
  fieldLink: "Link",
  copied: "The link is copied.",
  notCopied: "The browser did not allow copying; select the link and copy it.",
  linkRefused: (/** @type {string} */ why) => `The engine refused the contract in this link: ${why}`,
  nothingChanged: (/** @type {string} */ why) => `${why} Nothing was changed.`,
  cannotChange: (/** @type {string} */ title) => `${title} is kept here in a form this board cannot change.`,
  linkSame: (/** @type {string} */ title) => `The link holds ${title} as it is here: nothing new.`,
  linkOlder: (/** @type {string} */ title, /** @type {number} */ there, /** @type {number} */ here) =>
    `The link is older than ${title} here (it has ${there} of its ${here} events): nothing changed.`,
  linkNew: (/** @type {string[]} */ told) => {
    const shown = told.slice(-3);
    return `New from the link: ${told.length > 3 ? `${told.length} events, the last: ` : ""}${shown.join(" ")}`;
  },
  upToDate: (/** @type {string} */ title, /** @type {number} */ n) => `${title} is up to date with the link: ${n} new event${n === 1 ? "" : "s"}.`,
  openedFromLink: (/** @type {string} */ title) => `Opened ${title} from a link.`,
  asideNotKept: "The link's version of this contract could not be kept (storage refused it).",
  parted: (/** @type {string} */ title) => `${title} here and in the link went separate ways; both are kept.`,
  partedNotice: (/** @type {string} */ title, /** @type {number} */ part) =>
    `${title}: this browser and a link went separate ways after event ${part}. Both are kept; choose which one to go on with.`,
  inThisBrowser: "In this browser",
  inTheLink: "In the link",
  keepMine: "Keep this browser's",
  keepLinks: "Keep the link's",
  linkVersionBad: (/** @type {string} */ why) => `The link's version cannot be restored: ${why}`,
  wentOnWithLink: (/** @type {string} */ title) => `${title}: went on with the link's version.`,
  keptMine: (/** @type {string} */ title) => `${title}: kept this browser's version.`,
  whoAreYou: (/** @type {string} */ title) => `Who are you in “${title}”?`,
  whoAreYouSays: "The board will act as this party for this contract. You can change it later with “Acting as”.",
  continue: "Continue",
  iAm: "I am",
  asClient: (/** @type {string} */ name) => `${name}, the client`,
  asFreelancer: (/** @type {string} */ name) => `${name}, the freelancer`,

  // notices
  dismiss: "Dismiss",
  export: "Export",
  storageProblem: (/** @type {string} */ problem) =>
    `${problem} The page keeps working, but changes are only in this tab until storage works again.`,
  quarantined: "A saved contract could not be loaded. It was kept aside so nothing is lost; you can export it.",
  replacedBy: "Replaced by",
  replaces: "Replaces",
  demoClock: (/** @type {string} */ when) => `Demo clock: ${when}`,
  realTime: (/** @type {string} */ when) => `Real time: ${when}`,
};
