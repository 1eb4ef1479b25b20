// @ts-check
// The board's words in English: every label, sentence and message the page shows. Sentences that
// carry figures or names are functions of them; money, dates and durations are written with the
// formatters `f` of the language (words.js). The names of PROTOCOL.md's "Words on the page" are
// the accessible names the tests use: keep them as they are.

import { activity, list } from "./events-en.js";
import { parseDollars } from "./format.js";

/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */

/** The English catalog, made with the formatters `f` of English. @param {Formats} f */
export function english(f) {
  return { ...tables(f), ...shell(f), ...rows(f), ...formsAndStatement(f), ...activity(f), ...actionLabels(f), ...actionDialogs(f), ...controller(f), ...filesAndSample(f), ...linksAndNotices(f) };
}

/** @param {Formats} f */
function tables(f) {
  return {
    // figures, written the language's way
    money: f.money,
    date: f.date,
    moment: f.moment,
    remaining: (/** @type {number} */ ms, /** @type {number} */ now) => f.remaining(ms, now) || "less than a minute",
    /** Dollars typed by a person ("250", "1,250.50", "$20") to cents, or null. */
    parseAmount: (/** @type {unknown} */ text) => parseDollars(text),
    /** The demo clock's time, in UTC. */
    clockTime: (/** @type {number} */ ms) => new Date(ms).toUTCString(),
    /** A refusal of the engine, in words: the engine's own message. */
    refusal: (/** @type {{code: string, message: string, params?: Record<string, any>}} */ error) => error.message,

    /** The names of the account types (R2). */
    accountNames: {
      standard: "Standard",
      enterprise: "Enterprise",
      enterprise_compliance: "Enterprise Compliance",
      wpp: "Work Protection Program (WPP)",
    },
    /** A milestone's status in words (the status names appear only in tables like this one). */
    milestoneStatus: {
      pending: (/** @type {any} */ _m) => "Not funded yet",
      active: (/** @type {any} */ m) => `Funded: ${f.money(m.escrow)} in escrow`,
      submitted: (/** @type {any} */ m) => `Submitted for review: ${f.money(m.escrow)} in escrow`,
      changes_requested: (/** @type {any} */ m) => `Changes requested: ${f.money(m.escrow)} in escrow`,
      closed: (/** @type {any} */ _m) => "Closed unfunded when the contract ended",
      paid: (/** @type {any} */ m) =>
        `Paid ${f.money(m.released)}${m.autoReleased ? " automatically" : ""}${m.refunded > 0 ? `, ${f.money(m.refunded)} refunded` : ""}`,
    },
    /** A contract's status in the header and the list, and the note under it. */
    contractStatus: {
      offered: "Offer, waiting for the freelancer", open: "Open", declined: "Declined", ended: "Ended",
    },
    contractNotes: {
      offered: (/** @type {any} */ c) => `This is an offer from ${c.client}. ${c.freelancer} accepts or declines it; until then nothing can be funded, ` +
        `and ${c.client} can still change the plan.`,
      declined: (/** @type {any} */ c) => `${c.freelancer} declined this offer; the contract is closed.`,
    },
    /** A contract's status in the contract list. */
    listStatus: { offered: "offered", open: "open", declined: "declined", ended: "ended" },
    /** The statement's word for a milestone's status. */
    statementStatus: {
      pending: "pending", active: "active", submitted: "submitted", changes_requested: "changes requested",
      closed: "closed", paid: "paid",
    },
  };
}

/** @param {Formats} f */
function shell(f) {
  return {
    // the element (board-element.js)
    notReady: "The milestone board has not started yet; await board.ready.",
    loading: "Loading the milestone board…",
    engineFailed: (/** @type {string} */ why) => `The milestone engine could not start: ${why}`,

    // the shell (view.js)
    client: "Client",
    freelancer: "Freelancer",
    advance1: "Advance 1 day",
    advance14: "Advance 14 days",
    realTimeButton: "Real time",
    reorderHelp: "Press Space to lift the milestone, the arrow keys to move it, Space to drop it, Escape to cancel.",
    actingAs: "Acting as",
    clock: "Clock",
    contracts: "Contracts",
    trySample: "Try a sample contract",
    import: "Import",
    milestones: "Milestones",
    print: "Print",
    backToBoard: "Back to the board",
    noContracts: "No contracts yet.",
    listReadOnly: "read-only",
    listSample: " · sample",
    announcement: "Announcement",
    dismissAnnouncement: "Dismiss announcement",

    // the board of a contract (contract-view.js)
    budget: "Budget",
    inEscrowForYou: "In escrow for you",
    received: "Received",
    charged: "Charged",
    inEscrowFigure: "In escrow",
    released: "Released",
    clientCredit: "Credit unused",
    refundedToClient: "Refunded to the client",
    refunded: "Refunded to you",
    creditReturned: "Credit paid back",
    netCost: "Net cost",
    netEarned: "Net earned",
    overBudget: "Over budget",
    changedMark: " (changed)",
    viewRightAfter: (/** @type {string} */ when) => `${when}: view the board right after this`,
    noContractOpen: "No contract open",
    noSuchContract: (/** @type {string} */ id) => `No contract with the id “${id}” is saved in this browser.`,
    createOrOpen: "Create a contract with “New contract”, or open one from the list.",
    backToNowButton: "Back to now",
    noMilestones: "No milestones yet.",
    pinnedHint: "Activated milestones keep their place: only milestones that are not funded yet can be reordered, below them.",
    showOlder: "Show older",
    history: "History",
    historyHelp: "Arrow keys step through the events; the board shows the contract as it was right after each. Escape returns to now.",
    activity: "Activity",
    parties: (/** @type {string} */ client, /** @type {string} */ freelancer, /** @type {string} */ account) =>
      `${client} (client) · ${freelancer} (freelancer) · ${account} account`,
    ends: (/** @type {string} */ date) => ` · ends ${date}`,
    quoted: (/** @type {string} */ title) => `“${title}”`,
    milestoneProposal: "Milestone proposal",
    proposedMilestone: (/** @type {string} */ who, /** @type {string} */ title, /** @type {number} */ amount, /** @type {string} */ due) =>
      `${who} proposed a milestone: ${title} (${f.money(amount)}, due ${f.date(due)}).`,
    lockedNote: (/** @type {string} */ account) =>
      `This is a${/^[AEIOU]/.test(account) ? "n" : ""} ${account} contract: its milestones were fixed at the start. ` +
      "To add, edit or delete milestones, create a new contract offer with the milestones not yet paid.",
    addToCalendar: "Add to calendar",
    shareLink: "Share link",
    statement: "Statement",
    deleteFromBrowser: "Delete from this browser",
    eventOfLabel: (/** @type {number} */ at, /** @type {number} */ total, /** @type {string} */ label) => `Event ${at} of ${total}: ${label}`,
    nowAfter: (/** @type {number} */ total) => `Now, after event ${total} of ${total}`,
    showOlderMore: (/** @type {number} */ page, /** @type {number} */ older) =>
      older > page ? `Show older (${page} of ${older} more)` : `Show older (${older} more)`,
  };
}

/** @param {Formats} f */
function rows(f) {
  return {
    // a milestone's row (rows.js)
    reviewWithin: (/** @type {string} */ left, /** @type {string} */ by) =>
      `Review within ${left} (by ${by}); after that the payment is released automatically.`,
    releasesIn: (/** @type {string} */ left) => `Releases automatically in ${left}`,
    /**
     * A pinned row's lock, by the milestone's status: its tooltip and what it announces. An
     * activated milestone is pinned; a paid one, or one closed when the contract ended, is closed.
     */
    pin: {
      activated: { title: "Activated milestones keep their place", label: "Pinned: activated milestones keep their place" },
      paid: { title: "Paid milestones keep their place", label: "Closed: paid milestones keep their place" },
      closed: { title: "Milestones closed with the contract keep their place", label: "Closed: milestones closed with the contract keep their place" },
    },
    reorder: (/** @type {string} */ title) => `Reorder ${title}`,
    said: (/** @type {string} */ who, /** @type {string} */ message) => `${who}: “${message}”`,
    askedForChanges: (/** @type {string} */ who, /** @type {string} */ message) => `${who} asked for changes: “${message}”`,
    proposedDueDate: (/** @type {string} */ who, /** @type {string} */ date) => `${who} proposed a new due date: ${f.date(date)}.`,
    refundRequested: (/** @type {number} */ amount, /** @type {string} */ reason) => `Refund requested: ${f.money(amount)}: “${reason}”`,
    moveUp: "Move up",
    moveDown: "Move down",
    changedHere: "changed here",
    due: " · due ",
    overdue: " Overdue",

    // forms (dialogs.js)
    cancel: "Cancel",
    milestoneN: (/** @type {number} */ n) => `Milestone ${n}`,
    amountHelp: "In US dollars, at least 5.00.",
    removeMilestone: "Remove milestone",
    accountType: "Account type",
    endDateHelp: "Required for Enterprise Compliance: every due date must fall on or before it. Other contracts show it and are not limited by it.",
    howItStarts: "How the contract starts",
    startOffer: "Send as an offer: the freelancer accepts it first",
    startAgreed: "Already agreed: open it now",
    startHelp: "Until the freelancer accepts an offer, nothing can be funded and the plan can still change.",
    contractTitle: "Contract title",
    createContract: "Create contract",
  };
}

/** @param {Formats} f */
function formsAndStatement(f) {
  return {
    // drag and keyboard reordering (reorder.js); `at` is always a `position` phrase
    position: (/** @type {number} */ index, /** @type {number} */ count) => `position ${index + 1} of ${count}`,
    pickedUp: (/** @type {string} */ title, /** @type {string} */ at) => `Picked up ${title}, ${at}.`,
    cannotGoAbove: (/** @type {string} */ title, /** @type {string} */ blocker) => `${title} cannot go above ${blocker}: activated milestones keep their place.`,
    lifted: (/** @type {string} */ title, /** @type {string} */ at) => `Lifted ${title}, ${at}. Arrow keys move it, Space drops it, Escape cancels.`,
    alreadyLast: (/** @type {string} */ title, /** @type {string} */ at) => `${title} is already last, ${at}.`,
    stepped: (/** @type {string} */ title, /** @type {string} */ at) => `${title}, ${at}.`,
    refusedStays: (/** @type {string} */ refused, /** @type {string} */ title, /** @type {string} */ at) => `${refused} ${title} stays at ${at}.`,
    stays: (/** @type {string} */ title, /** @type {string} */ at) => `${title} stays at ${at}.`,
    cancelled: (/** @type {string} */ title, /** @type {string} */ at) => `Cancelled. ${title} stays at ${at}.`,

    // the statement (statement.js)
    columns: {
      amount: "Amount", funded: "Funded", fromCredit: "From credit", charged: "Charged", extra: "Extra charged",
      released: "Released", returned: "Kept as credit", escrow: "In escrow", refunded: "Refunded",
    },
    // One name per term, as the native statement prints them (the engine's statement text).
    totals: {
      budget: "Budget", overBudget: "Over budget", charged: "Charged", escrow: "In escrow", released: "Released",
      returned: "Kept as credit", credit: "Credit unused", creditReturned: "Credit paid back", refunded: "Refunded",
      netCost: "Net cost (client)", netEarned: "Net earned",
    },
    dueOn: (/** @type {string} */ day) => `due ${day}`,
    activatedOn: (/** @type {string} */ day) => `activated ${day}`,
    submittedOn: (/** @type {string} */ day) => `submitted ${day}`,
    paidOn: (/** @type {string} */ day, /** @type {boolean} */ auto) => `paid ${day}${auto ? " (automatically)" : ""}`,
    refundedOn: (/** @type {string} */ day) => `refunded ${day}`,
    contract: "Contract",
    account: "Account",
    status: "Status",
    endedOn: (/** @type {string} */ day) => `Ended ${day}`,
    endsLabel: "Ends",
    createdLabel: "Created",
    asOf: "As of",
    asOfEvent: (/** @type {string} */ day, /** @type {number} */ events) => `${day}, after event ${events}`,
    statementOf: (/** @type {string} */ title) => `Statement: ${title}`,
    milestonesUtc: "Milestones (dates in UTC)",
    milestone: "Milestone",
    totalsTitle: "Totals",
    reconcile: (/** @type {any} */ t) =>
      `Charged ${f.money(t.charged)} = released ${f.money(t.released)} + in escrow ${f.money(t.escrow)} ` +
      `+ credit unused ${f.money(t.credit)} + credit paid back ${f.money(t.creditReturned)}. ` +
      `Net cost ${f.money(t.netCost)} = charged − credit paid back − refunded ${f.money(t.refunded)}; ` +
      `net earned ${f.money(t.netEarned)} = released − refunded. ` +
      "For each milestone, funded = released + kept as credit + in escrow, and funded = from credit + charged.",
    appendix: "Appendix: activity",
  };
}

/** @param {Formats} f */
function actionLabels(f) {
  return {
    // the controller, the actions and the library

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
    withdrawProposal: "Withdraw proposal",
    newOffer: "Create new contract offer",
    newContract: "New contract",
  };
}

/** @param {Formats} f */
function actionDialogs(f) {
  return {
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
    whyNot: "Why not?",
    whyNotOn: (/** @type {string} */ title) => `Why not? — ${title}`,
    nothingBlocked: "Everything you can do here is possible now.",
    /** The page's own control of an engine command not in the action table, for "Why not?" (a drag reorders: no words). */
    ownControls: { move_milestone: "Move", post_message: "Post a message" },
    problemsBelow: (/** @type {number} */ n) => (n === 1 ? "Please fix the problem marked below." : `Please fix the ${n} problems marked below.`),
    sameNames: "The client and the freelancer have the same name. That is allowed; check that it is what you meant.",
    activateSays: (/** @type {{amount: number, fromCredit: number, charged: number}} */ e) => {
      const held = "It is held in escrow until you approve the work (or 14 days after a submission).";
      if (e.fromCredit > 0 && e.charged > 0) {
        return `${f.money(e.amount)} will be charged: ${f.money(e.fromCredit)} from your credit, ${f.money(e.charged)} to your card. ${held}`;
      }
      if (e.fromCredit > 0) return `${f.money(e.amount)} comes from your credit; nothing is charged to your card. ${held}`;
      return `${f.money(e.charged)} will be charged to your card. ${held}`;
    },
    inEscrow: (/** @type {string} */ amount) => `${amount} is in escrow for this milestone.`,
    releaseSays: (/** @type {{amount: number, returned: number, extra: number}} */ e) => {
      if (e.returned > 0) return `Releasing less: ${f.money(e.returned)} goes back to the client's credit, used first by the next milestone and given back when the contract ends.`;
      if (e.extra > 0) return `Releasing more: ${f.money(e.extra)} more will be charged to the client.`;
      return `The whole escrow, ${f.money(e.amount)}, goes to the freelancer.`;
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
  };
}

/** @param {Formats} f */
function controller(f) {
  return {
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
    sampleCreated: (/** @type {string} */ title) => `Created a sample contract: ${title}.`,
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

    // the discussion (discussion.js, thread-view.js) and the contract list's unread count
    discussion: "Discussion",
    discussionButton: (/** @type {number} */ n) => `Discussion (${n})`,
    discussionOn: (/** @type {string} */ title, /** @type {number} */ n) => `Discussion (${n}) — ${title}`,
    discussionOf: (/** @type {string} */ title) => `Discussion of ${title}`,
    noMessages: "No messages yet.",
    yourMessage: "Your message",
    yourMessageOn: (/** @type {string} */ title) => `Your message on ${title}`,
    post: "Post",
    posted: "Message posted.",
    showEarlier: (/** @type {number} */ page, /** @type {number} */ more) =>
      more > page ? `Show earlier messages (${page} of ${more} more)` : `Show earlier messages (${more} more)`,
    unread: (/** @type {number} */ n) => `${n} unread`,
    unreadMessages: (/** @type {number} */ n) => (n === 1 ? "1 unread message" : `${n} unread messages`),
  };
}

/** @param {Formats} f */
function filesAndSample(f) {
  return {
    // the calendar file's events (calendar.js): a due date, a review's end; `c` is the contract
    calendarDue: (/** @type {string} */ title, /** @type {string} */ contract) => `Due: ${title} (${contract})`,
    calendarDueSays: (/** @type {string} */ title, /** @type {string} */ date, /** @type {any} */ c) =>
      `${title} is due on ${f.date(date)} in the contract ${c.title} between ${c.client} and ${c.freelancer}.`,
    calendarReview: (/** @type {string} */ title, /** @type {string} */ contract) => `Review ends: ${title} (${contract})`,
    calendarReviewSays: (/** @type {string} */ title, /** @type {any} */ c) =>
      `Unless ${c.client} approves or asks for changes by then, the payment for ${title} is released automatically.`,
    /** The sample contract (sample.js): its title, parties, milestones and what the parties say. */
    sample: {
      title: "Bakery website redesign", client: "Northwind Bakery", freelancer: "Maya Chen",
      milestones: [
        { title: "Brand and wireframes", description: "Mood board, logo refresh and wireframes of five pages." },
        { title: "Visual design", description: "Desktop and mobile designs of the home, menu and order pages." },
        { title: "Build and content", description: "The site built, with the menu and the online order form." },
        { title: "Launch and handover", description: "Go live, analytics, and a one-hour training session." },
      ],
      wireframesReady: "Wireframes and the brand board are in the shared folder.",
      designsReady: "Home, menu and order pages, desktop and mobile.",
      ownPhotos: "Please use our own photos on the home page.",
      photosIn: "Your photos are in, and the mobile menu is fixed.",
    },
  };
}

/** @param {Formats} f */
function linksAndNotices(f) {
  return {
    // the library's messages
    readOnlyNewer: "This contract was saved by a newer version of the board, so it is shown read-only.",
    newerUnreadable: "A contract saved by a newer version of the board cannot be opened here; it was left untouched.",
    /** A saved contract that did not load: why, from what storage read (store.js) or the engine's refusal of its log. */
    notLoaded: (/** @type {{code: string, part?: number, parts?: number, message?: string}} */ p) =>
      "A saved contract could not be loaded and was left where it is, untouched. " + (
        p.code === "NOT_A_CONTRACT" ? "What is stored is not a saved contract."
        : p.code === "NOT_JSON" ? "What is stored cannot be read."
        : p.code === "PART_MISSING" ? `Part ${p.part} of the ${p.parts} parts of its history is missing.`
        : p.code === "LAST_PART_DAMAGED" ? "The last part of its history is damaged."
        : p.message),
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
    /**
     * A link that cannot be opened, in plain words: from its problem (link.js) or the engine's
     * refusal of the log it holds. Whatever is wrong inside a link, to its reader it is damaged.
     */
    linkProblem: (/** @type {{code: string, limit?: number}} */ p) =>
      p.code === "NO_TAG" ? "This link does not lead to a contract of this board: part of it is missing, or it was made by something else. Ask for the link again."
      : p.code === "OTHER_FORMAT" ? "This link was made by another version of the board, which this page cannot read."
      : p.code === "TOO_LARGE" ? `This link is too large: it unpacks to more than ${Math.round(p.limit / 1048576)} MiB, more than any contract the board opens from a link. It was not opened.`
      : "This link is damaged: part of it is missing or was changed. Ask for the link again.",
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
    /** Why nothing is saved (store.js: NO_STORAGE, FULL, REFUSED), and what that means. */
    storageProblem: (/** @type {{code: string}} */ p) => `${
      p.code === "NO_STORAGE" ? "This browser does not let the page use local storage."
      : p.code === "FULL" ? "Not saved: the browser's storage for this page is full."
      : "Not saved: the browser refused to store data."} The page keeps working, but changes are only in this tab until storage works again.`,
    quarantined: "A saved contract could not be loaded. It was kept aside so nothing is lost; you can export it.",
    replacedBy: "Replaced by",
    replaces: "Replaces",
    demoClock: (/** @type {string} */ when) => `Demo clock: ${when}`,
    realTime: (/** @type {string} */ when) => `Real time: ${when}`,
  };
}
