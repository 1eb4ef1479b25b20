// @ts-check
// The activity's sentences in German: one per event type of the log (timeline.js tells them),
// part of the German catalog (words-de.js); money and dates with the German formatters `f`.

/** "A", "A und B", "A, B und C". */
export const list = (/** @type {string[]} */ names) =>
  names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} und ${names.at(-1)}`;

/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */

/** @param {Formats} f */
export function activity(f) {
  return {
    // the activity (timeline.js): one sentence per event type, from the event `e` and the names
    // `n` as they were then ({client, freelancer, by, title, order, closed})
    theClient: "Der Auftraggeber",
    theFreelancer: "Die Auftragnehmerin",
    events: {
      contract_created: (/** @type {any} */ e, /** @type {any} */ _n) => {
        const total = e.milestones.reduce((/** @type {number} */ sum, /** @type {any} */ m) => sum + m.amount, 0);
        const count = e.milestones.length;
        return `${e.contract.client} hat ${e.offer ? "" : "mit "}${e.contract.freelancer} den Vertrag ${e.contract.title} ${e.offer ? "angeboten" : "geschlossen"}: ` +
          `${count} Meilenstein${count === 1 ? "" : "e"}, ${f.money(total)}.`;
      },
      milestone_added: (/** @type {any} */ e, /** @type {any} */ n) =>
        `${n.client} hat ${e.milestone.title} hinzugefügt (${f.money(e.milestone.amount)}, fällig am ${f.date(e.milestone.dueDate)}).`,
      milestone_edited: (/** @type {any} */ e, /** @type {any} */ n) => {
        const parts = [];
        if (e.changes.title !== undefined) parts.push(`in ${e.changes.title} umbenannt`);
        if (e.changes.amount !== undefined) parts.push(`den Betrag auf ${f.money(e.changes.amount)} gesetzt`);
        if (e.changes.description !== undefined) parts.push("die Beschreibung geändert");
        return `${n.client} hat ${n.title} bearbeitet: ${parts.join(", ")}.`;
      },
      milestone_deleted: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.client} hat ${n.title} gelöscht.`,
      milestone_moved: (/** @type {any} */ e, /** @type {any} */ n) => `${n.client} hat ${n.title} auf Position ${e.toIndex + 1} verschoben.`,
      milestones_reordered: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.client} hat die kommenden Meilensteine umgeordnet: ${n.order.join(", ")}.`,
      milestone_activated: (/** @type {any} */ e, /** @type {any} */ n) => `${n.client} hat ${n.title} mit ${f.money(e.amount)} finanziert` +
        (e.fromCredit > 0 ? ` (${f.money(e.fromCredit)} aus Guthaben, ${f.money(e.charged)} belastet).` : "."),
      work_submitted: (/** @type {any} */ e, /** @type {any} */ n) => `${n.freelancer} hat Arbeit zu ${n.title} eingereicht: „${e.message}“` +
        (e.attachments ? ` mit ${e.attachments.length === 1 ? "1 Datei" : `${e.attachments.length} Dateien`}: ` +
          `${list(e.attachments.map((/** @type {any} */ a) => `„${a.name}“`))}` : ""),
      changes_requested: (/** @type {any} */ e, /** @type {any} */ n) => `${n.client} hat Änderungen an ${n.title} angefordert: „${e.message}“`,
      payment_released: (/** @type {any} */ e, /** @type {any} */ n) => {
        if (e.auto) return `${f.money(e.amount)} für ${n.title} wurden automatisch freigegeben: 14 Tage vergingen ohne Prüfung.`;
        if (e.returned > 0) {
          // The escrow it came from is in the event (logs written before it was say only the rest).
          const of = e.escrow === undefined ? "" : ` von ${f.money(e.escrow)}`;
          return `${n.client} hat ${f.money(e.amount)}${of} für ${n.title} freigegeben; ${f.money(e.returned)} wurden Guthaben.`;
        }
        if (e.extra > 0) return `${n.client} hat ${f.money(e.amount)} für ${n.title} freigegeben, ${f.money(e.extra)} mehr als verwahrt.`;
        return `${n.client} hat ${f.money(e.amount)} für ${n.title} freigegeben.`;
      },
      due_date_proposed: (/** @type {any} */ e, /** @type {any} */ n) => `${n.by} hat den ${f.date(e.dueDate)} als neues Fälligkeitsdatum von ${n.title} vorgeschlagen.`,
      due_date_accepted: (/** @type {any} */ e, /** @type {any} */ n) => `${n.by} hat den ${f.date(e.dueDate)} als Fälligkeitsdatum von ${n.title} angenommen.`,
      due_date_rejected: (/** @type {any} */ e, /** @type {any} */ n) => `${n.by} hat den ${f.date(e.dueDate)} als Fälligkeitsdatum von ${n.title} abgelehnt.`,
      contract_extended: (/** @type {any} */ e, /** @type {any} */ n) => `${n.client} hat den Vertrag bis zum ${f.date(e.endDate)} verlängert.`,
      refund_requested: (/** @type {any} */ e, /** @type {any} */ n) => `${n.client} hat eine Erstattung von ${f.money(e.amount)} für ${n.title} beantragt: „${e.reason}“`,
      refund_accepted: (/** @type {any} */ e, /** @type {any} */ n) => `${n.freelancer} hat ${f.money(e.amount)} für ${n.title} erstattet.`,
      refund_declined: (/** @type {any} */ e, /** @type {any} */ n) => `${n.freelancer} hat die Erstattung von ${f.money(e.amount)} für ${n.title} abgelehnt.`,
      contract_ended: (/** @type {any} */ _e, /** @type {any} */ n) => {
        const closed = n.closed ?? [];
        return closed.length === 0 ? `${n.client} hat den Vertrag beendet.` : `${n.client} hat den Vertrag beendet; ${list(closed)} unfinanziert geschlossen.`;
      },
      offer_accepted: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.freelancer} hat das Angebot angenommen.`,
      offer_declined: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.freelancer} hat das Angebot abgelehnt.`,
      milestone_proposed: (/** @type {any} */ e, /** @type {any} */ n) =>
        `${n.freelancer} hat einen Meilenstein vorgeschlagen: ${e.milestone.title} (${f.money(e.milestone.amount)}, fällig am ${f.date(e.milestone.dueDate)}).`,
      milestone_proposal_accepted: (/** @type {any} */ e, /** @type {any} */ n) =>
        `${n.client} hat den von ${n.freelancer} vorgeschlagenen Meilenstein ${e.milestone.title} (${f.money(e.milestone.amount)}) angenommen; er kam zum Plan hinzu.`,
      milestone_proposal_declined: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.client} hat den vorgeschlagenen Meilenstein abgelehnt.`,
      milestone_proposal_withdrawn: (/** @type {any} */ _e, /** @type {any} */ n) => `${n.freelancer} hat den vorgeschlagenen Meilenstein zurückgezogen.`,
      message_posted: (/** @type {any} */ e, /** @type {any} */ n) => `${n.by} schrieb${e.milestoneId ? ` zu ${n.title}` : ""}: „${e.text}“`,
      credit_returned: (/** @type {any} */ e, /** @type {any} */ n) => `${f.money(e.amount)} ungenutztes Guthaben gingen an ${n.client} zurück.`,
      feedback_left: (/** @type {any} */ e, /** @type {any} */ n) => `${n.by} hat eine Bewertung abgegeben: ${e.rating} von 5${e.comment ? ` — „${e.comment}“` : "."}`,
    },
    otherEvent: (/** @type {string} */ type) => `Ereignis ${type}.`,
  };
}
