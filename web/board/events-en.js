// @ts-check
// The activity's sentences in English: one per event type of the log (timeline.js tells them),
// part of the English catalog (words-en.js); money and dates with the formatters `f` of English.

/** "A", "A and B", "A, B and C". */
export const list = (/** @type {string[]} */ names) =>
  names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */

/** @param {Formats} f */
export function activity(f) {
  return {
    // the activity (timeline.js): one sentence per event type, from the event `e` and the names
    // `n` as they were then ({client, freelancer, by, title, order, closed})
    theClient: "The client",
    theFreelancer: "The freelancer",
    events: {
      contract_created: (/** @type {any} */ e, /** @type {any} */ _n) => {
        const total = e.milestones.reduce((/** @type {number} */ sum, /** @type {any} */ m) => sum + m.amount, 0);
        const count = e.milestones.length;
        return `${e.contract.client} ${e.offer ? "offered" : "created"} the contract ${e.contract.title} ${e.offer ? "to" : "with"} ${e.contract.freelancer}: ` +
          `${count} milestone${count === 1 ? "" : "s"}, ${f.money(total)}.`;
      },
      milestone_added: (/** @type {any} */ e, /** @type {any} */ n) =>
        `${n.client} added ${e.milestone.title} (${f.money(e.milestone.amount)}, due ${f.date(e.milestone.dueDate)}).`,
      milestone_edited: (/** @type {any} */ e, /** @type {any} */ n) => {
        const parts = [];
        if (e.changes.title !== undefined) parts.push(`renamed it ${e.changes.title}`);
        if (e.changes.amount !== undefined) parts.push(`set the amount to ${f.money(e.changes.amount)}`);
        if (e.changes.description !== undefined) parts.push("changed the description");
        return `${n.client} edited ${n.title}: ${parts.join(", ")}.`;
      },
      milestone_deleted: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.client} deleted ${n.title}.`,
      milestone_moved: (/** @type {any} */ e, /** @type {any} */ n) => `${n.client} moved ${n.title} to position ${e.toIndex + 1}.`,
      milestones_reordered: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.client} reordered the upcoming milestones: ${n.order.join(", ")}.`,
      milestone_activated: (/** @type {any} */ e, /** @type {any} */ n) => `${n.client} funded ${n.title} with ${f.money(e.amount)}` +
        (e.fromCredit > 0 ? ` (${f.money(e.fromCredit)} from credit, ${f.money(e.charged)} charged).` : "."),
      work_submitted: (/** @type {any} */ e, /** @type {any} */ n) => `${n.freelancer} submitted work on ${n.title}: “${e.message}”` +
        (e.attachments ? ` with ${e.attachments.length === 1 ? "1 file" : `${e.attachments.length} files`}: ` +
          `${list(e.attachments.map((/** @type {any} */ a) => `“${a.name}”`))}` : ""),
      changes_requested: (/** @type {any} */ e, /** @type {any} */ n) => `${n.client} requested changes on ${n.title}: “${e.message}”`,
      payment_released: (/** @type {any} */ e, /** @type {any} */ n) => {
        if (e.auto) return `${f.money(e.amount)} for ${n.title} was released automatically: 14 days passed without a review.`;
        if (e.returned > 0) {
          // The escrow it came from is in the event (logs written before it was say only the rest).
          const of = e.escrow === undefined ? "" : ` of ${f.money(e.escrow)}`;
          return `${n.client} released ${f.money(e.amount)}${of} for ${n.title}; ${f.money(e.returned)} became credit.`;
        }
        if (e.extra > 0) return `${n.client} released ${f.money(e.amount)} for ${n.title}, ${f.money(e.extra)} more than the escrow.`;
        return `${n.client} released ${f.money(e.amount)} for ${n.title}.`;
      },
      due_date_proposed: (/** @type {any} */ e, /** @type {any} */ n) => `${n.by} proposed ${f.date(e.dueDate)} as the new due date of ${n.title}.`,
      due_date_accepted: (/** @type {any} */ e, /** @type {any} */ n) => `${n.by} accepted ${f.date(e.dueDate)} as the due date of ${n.title}.`,
      due_date_rejected: (/** @type {any} */ e, /** @type {any} */ n) => `${n.by} rejected ${f.date(e.dueDate)} as the due date of ${n.title}.`,
      contract_extended: (/** @type {any} */ e, /** @type {any} */ n) => `${n.client} extended the contract to ${f.date(e.endDate)}.`,
      refund_requested: (/** @type {any} */ e, /** @type {any} */ n) => `${n.client} asked for a refund of ${f.money(e.amount)} on ${n.title}: “${e.reason}”`,
      refund_accepted: (/** @type {any} */ e, /** @type {any} */ n) => `${n.freelancer} refunded ${f.money(e.amount)} on ${n.title}.`,
      refund_declined: (/** @type {any} */ e, /** @type {any} */ n) => `${n.freelancer} declined the refund of ${f.money(e.amount)} on ${n.title}.`,
      contract_ended: (/** @type {any} */ _e, /** @type {any} */ n) => {
        const closed = n.closed ?? [];
        return closed.length === 0 ? `${n.client} ended the contract.` : `${n.client} ended the contract; ${list(closed)} closed unfunded.`;
      },
      offer_accepted: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.freelancer} accepted the offer.`,
      offer_declined: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.freelancer} declined the offer.`,
      milestone_proposed: (/** @type {any} */ e, /** @type {any} */ n) =>
        `${n.freelancer} proposed a milestone: ${e.milestone.title} (${f.money(e.milestone.amount)}, due ${f.date(e.milestone.dueDate)}).`,
      milestone_proposal_accepted: (/** @type {any} */ e, /** @type {any} */ n) =>
        `${n.client} accepted ${n.freelancer}'s proposed milestone ${e.milestone.title} (${f.money(e.milestone.amount)}); it was added to the plan.`,
      milestone_proposal_declined: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.client} declined the proposed milestone.`,
      milestone_proposal_withdrawn: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.freelancer} withdrew the proposed milestone.`,
      message_posted: (/** @type {any} */ e, /** @type {any} */ n) => `${n.by} wrote${e.milestoneId ? ` on ${n.title}` : ""}: “${e.text}”`,
      credit_returned: (/** @type {any} */ e, /** @type {any} */ n) => `${f.money(e.amount)} of unused credit went back to ${n.client}.`,
      feedback_left: (/** @type {any} */ e, /** @type {any} */ n) => `${n.by} left feedback: ${e.rating} of 5${e.comment ? ` — “${e.comment}”` : "."}`,
    },
    otherEvent: (/** @type {string} */ type) => `${type.replaceAll("_", " ")}.`,
  };
}
