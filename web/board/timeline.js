// The activity timeline: the event log told in plain sentences, newest last.
import { formatDate, formatMoney } from "./format.js";

/**
 * Sentences for every event of `log`, as [{seq, at, text}]. Titles are tracked while walking the
 * log, so a deleted or renamed milestone is still named as it was at the time.
 */
export function describeLog(log) {
  const out = [];
  const titles = new Map();
  const escrow = new Map();
  let client = "The client";
  let freelancer = "The freelancer";
  const who = (by) => (by === "freelancer" ? freelancer : client);
  const name = (id) => titles.get(id) ?? id;
  for (const e of log?.events ?? []) {
    let text;
    switch (e.type) {
      case "contract_created": {
        client = e.contract.client;
        freelancer = e.contract.freelancer;
        for (const m of e.milestones) titles.set(m.id, m.title);
        const total = e.milestones.reduce((sum, m) => sum + m.amount, 0);
        const count = e.milestones.length;
        text = `${client} created the contract ${e.contract.title} with ${freelancer}: ` +
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
        escrow.set(e.milestoneId, e.amount);
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
        const held = escrow.get(e.milestoneId) ?? e.amount + e.returned - e.extra;
        escrow.set(e.milestoneId, 0);
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
    out.push({ seq: e.seq, at: e.at, text });
  }
  return out;
}
