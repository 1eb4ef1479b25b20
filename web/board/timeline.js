// The activity timeline: the event log told in plain sentences.
import { formatDate, formatMoney } from "./format.js";

/**
 * Tells events one at a time, in log order: a board narrates a contract's log once when it opens
 * it, then only the events each command adds. Titles are tracked as it goes, so a deleted or
 * renamed milestone is still named as it was at the time.
 */
export class Narrator {
  #titles = new Map();
  #client = "The client";
  #freelancer = "The freelancer";

  /** The sentence for the next event of the log: {seq, at, text}. */
  describe(e) {
    const client = this.#client;
    const freelancer = this.#freelancer;
    const titles = this.#titles;
    const who = (by) => (by === "freelancer" ? this.#freelancer : this.#client);
    const name = (id) => titles.get(id) ?? id;
    let text;
    switch (e.type) {
      case "contract_created": {
        this.#client = e.contract.client;
        this.#freelancer = e.contract.freelancer;
        for (const m of e.milestones) titles.set(m.id, m.title);
        const total = e.milestones.reduce((sum, m) => sum + m.amount, 0);
        const count = e.milestones.length;
        text = `${e.contract.client} created the contract ${e.contract.title} with ${e.contract.freelancer}: ` +
          `${count} milestone${count === 1 ? "" : "s"}, ${formatMoney(total)}.`;
        break;
      }
      case "milestone_added":
        titles.set(e.milestone.id, e.milestone.title);
        text = `${client} added ${e.milestone.title} (${formatMoney(e.milestone.amount)}, due ${formatDate(e.milestone.dueDate)}).`;
        break;
      case "milestone_edited": {
        const parts = [];
        if (e.changes.title !== undefined) parts.push(`renamed it ${e.changes.title}`);
        if (e.changes.amount !== undefined) parts.push(`set the amount to ${formatMoney(e.changes.amount)}`);
        if (e.changes.description !== undefined) parts.push("changed the description");
        text = `${client} edited ${name(e.milestoneId)}: ${parts.join(", ")}.`;
        if (e.changes.title !== undefined) titles.set(e.milestoneId, e.changes.title);
        break;
      }
      case "milestone_deleted":
        text = `${client} deleted ${name(e.milestoneId)}.`;
        break;
      case "milestone_moved":
        text = `${client} moved ${name(e.milestoneId)} to position ${e.toIndex + 1}.`;
        break;
      case "milestones_reordered":
        text = `${client} reordered the upcoming milestones: ${e.order.map(name).join(", ")}.`;
        break;
      case "milestone_activated":
        text = `${client} funded ${name(e.milestoneId)} with ${formatMoney(e.amount)}` +
          (e.fromCredit > 0 ? ` (${formatMoney(e.fromCredit)} from credit, ${formatMoney(e.charged)} charged).` : ".");
        break;
      case "work_submitted":
        text = `${freelancer} submitted work on ${name(e.milestoneId)}: “${e.message}”`;
        break;
      case "changes_requested":
        text = `${client} requested changes on ${name(e.milestoneId)}: “${e.message}”`;
        break;
      case "payment_released": {
        const held = e.amount + e.returned - e.extra;  // the escrow, as the event itself says
        if (e.auto) {
          text = `${formatMoney(e.amount)} for ${name(e.milestoneId)} was released automatically: 14 days passed without a review.`;
        } else if (e.returned > 0) {
          text = `${client} released ${formatMoney(e.amount)} of ${formatMoney(held)} for ${name(e.milestoneId)}; ${formatMoney(e.returned)} became credit.`;
        } else if (e.extra > 0) {
          text = `${client} released ${formatMoney(e.amount)} for ${name(e.milestoneId)}, ${formatMoney(e.extra)} more than the escrow.`;
        } else {
          text = `${client} released ${formatMoney(e.amount)} for ${name(e.milestoneId)}.`;
        }
        break;
      }
      case "due_date_proposed":
        text = `${who(e.by)} proposed ${formatDate(e.dueDate)} as the new due date of ${name(e.milestoneId)}.`;
        break;
      case "due_date_accepted":
        text = `${who(e.by)} accepted ${formatDate(e.dueDate)} as the due date of ${name(e.milestoneId)}.`;
        break;
      case "due_date_rejected":
        text = `${who(e.by)} rejected ${formatDate(e.dueDate)} as the due date of ${name(e.milestoneId)}.`;
        break;
      case "contract_extended":
        text = `${client} extended the contract to ${formatDate(e.endDate)}.`;
        break;
      case "refund_requested":
        text = `${client} asked for a refund of ${formatMoney(e.amount)} on ${name(e.milestoneId)}: “${e.reason}”`;
        break;
      case "refund_accepted":
        text = `${freelancer} refunded ${formatMoney(e.amount)} on ${name(e.milestoneId)}.`;
        break;
      case "refund_declined":
        text = `${freelancer} declined the refund of ${formatMoney(e.amount)} on ${name(e.milestoneId)}.`;
        break;
      case "contract_ended":
        text = `${client} ended the contract.`;
        break;
      case "credit_returned":
        text = `${formatMoney(e.amount)} of unused credit went back to ${client}.`;
        break;
      case "feedback_left":
        text = `${who(e.by)} left feedback: ${e.rating} of 5${e.comment ? ` — “${e.comment}”` : "."}`;
        break;
      default:
        text = `${e.type.replaceAll("_", " ")}.`;
    }
    return { seq: e.seq, at: e.at, text };
  }
}

/** Sentences for every event of `log`, as [{seq, at, text}], oldest first. */
export function describeLog(log) {
  const narrator = new Narrator();
  return (log?.events ?? []).map((e) => narrator.describe(e));
}
