// @ts-check
// The board's words in German: the same keys as words-en.js, each worded for a German reader;
// money, dates and durations with the German formatters `f` (words.js). The engine's refusals are
// worded from their code and params (`refusal`).

import { activity, list } from "./events-de.js";
import { parseDollars } from "./format.js";
import { refusal } from "./refusals-de.js";

/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */

/** The names of the account types (R2): products, named as they are sold. */
const ACCOUNT_NAMES = {
  standard: "Standard",
  enterprise: "Enterprise",
  enterprise_compliance: "Enterprise Compliance",
  wpp: "Work Protection Program (WPP)",
};

/** The German catalog, made with the formatters `f` of German. @param {Formats} f */
export function german(f) {
  return { ...tables(f), ...shell(f), ...rows(f), ...formsAndStatement(f), ...activity(f), ...actionLabels(f), ...actionDialogs(f), ...controller(f), ...filesAndSample(f), ...linksAndNotices(f) };
}

/** @param {Formats} f */
function tables(f) {
  return {
    // figures, written the language's way
    money: f.money,
    date: f.date,
    moment: f.moment,
    remaining: (/** @type {number} */ ms, /** @type {number} */ now) => f.remaining(ms, now) || "weniger als eine Minute",
    /** Dollars typed the German way ("250", "1.250,50", "250,50 $") to cents, or null. */
    parseAmount: (/** @type {unknown} */ text) => {
      const t = String(text ?? "").trim().replace(/\s*\$$/, "");
      return parseDollars(/,\d{1,2}$/.test(t) || /^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(t) ? t.replaceAll(".", "").replace(",", ".") : t);
    },
    /** The demo clock's time, in UTC. */
    clockTime: (/** @type {number} */ ms) => `${f.moment(ms)}`,
    /** A refusal of the engine, worded from its code and params (refusals-de.js). */
    refusal: (/** @type {{code: string, message: string, params?: Record<string, any>}} */ error) => refusal(error, f, ACCOUNT_NAMES),

    /** The names of the account types (R2). */
    accountNames: ACCOUNT_NAMES,
    /** A milestone's status in words (the status names appear only in tables like this one). */
    milestoneStatus: {
      pending: (/** @type {any} */ _m) => "Noch nicht finanziert",
      active: (/** @type {any} */ m) => `Finanziert: ${f.money(m.escrow)} treuhänderisch verwahrt`,
      submitted: (/** @type {any} */ m) => `Zur Prüfung eingereicht: ${f.money(m.escrow)} treuhänderisch verwahrt`,
      changes_requested: (/** @type {any} */ m) => `Änderungen angefordert: ${f.money(m.escrow)} treuhänderisch verwahrt`,
      closed: (/** @type {any} */ _m) => "Unfinanziert geschlossen, als der Vertrag endete",
      paid: (/** @type {any} */ m) =>
        `${f.money(m.released)}${m.autoReleased ? " automatisch" : ""} bezahlt${m.refunded > 0 ? `, ${f.money(m.refunded)} erstattet` : ""}`,
    },
    /** A contract's status in the header and the list, and the note under it. */
    contractStatus: {
      offered: "Angebot, wartet auf die Auftragnehmerin", open: "Offen", declined: "Abgelehnt", ended: "Beendet",
    },
    contractNotes: {
      offered: (/** @type {any} */ c) => `Dies ist ein Angebot von ${c.client}. ${c.freelancer} nimmt es an oder lehnt es ab; bis dahin kann nichts finanziert werden, ` +
        `und ${c.client} kann den Plan noch ändern.`,
      declined: (/** @type {any} */ c) => `${c.freelancer} hat dieses Angebot abgelehnt; der Vertrag ist geschlossen.`,
    },
    /** A contract's status in the contract list. */
    listStatus: { offered: "angeboten", open: "offen", declined: "abgelehnt", ended: "beendet" },
    /** The statement's word for a milestone's status. */
    statementStatus: {
      pending: "ausstehend", active: "aktiv", submitted: "eingereicht", changes_requested: "Änderungen angefordert",
      closed: "geschlossen", paid: "bezahlt",
    },
  };
}

/** @param {Formats} f */
function shell(f) {
  return {
    // the element (board-element.js)
    notReady: "Das Meilenstein-Board ist noch nicht gestartet; warten Sie auf board.ready.",
    loading: "Das Meilenstein-Board wird geladen …",
    engineFailed: (/** @type {string} */ why) => `Die Meilenstein-Engine konnte nicht starten: ${why}`,

    // the shell (view.js)
    client: "Auftraggeber",
    freelancer: "Auftragnehmerin",
    advance1: "1 Tag vorspulen",
    advance14: "14 Tage vorspulen",
    realTimeButton: "Echtzeit",
    reorderHelp: "Leertaste hebt den Meilenstein an, die Pfeiltasten verschieben ihn, die Leertaste legt ihn ab, Escape bricht ab.",
    actingAs: "Handelnd als",
    clock: "Uhr",
    contracts: "Verträge",
    trySample: "Beispielvertrag ausprobieren",
    import: "Importieren",
    milestones: "Meilensteine",
    print: "Drucken",
    backToBoard: "Zurück zum Board",
    noContracts: "Noch keine Verträge.",
    listReadOnly: "nur lesbar",
    listSample: " · Beispiel",
    announcement: "Ankündigung",
    dismissAnnouncement: "Ankündigung schließen",

    // the board of a contract (contract-view.js)
    budget: "Budget",
    inEscrowForYou: "Für Sie verwahrt",
    received: "Erhalten",
    charged: "Belastet",
    inEscrowFigure: "Treuhänderisch verwahrt",
    released: "Freigegeben",
    clientCredit: "Guthaben ungenutzt",
    refundedToClient: "An den Auftraggeber erstattet",
    refunded: "An Sie erstattet",
    creditReturned: "Guthaben zurückgezahlt",
    netCost: "Nettokosten",
    netEarned: "Netto verdient",
    overBudget: "Über dem Budget",
    changedMark: " (geändert)",
    viewRightAfter: (/** @type {string} */ when) => `${when}: das Board direkt danach ansehen`,
    noContractOpen: "Kein Vertrag geöffnet",
    noSuchContract: (/** @type {string} */ id) => `In diesem Browser ist kein Vertrag mit der Kennung „${id}“ gespeichert.`,
    createOrOpen: "Legen Sie mit „Neuer Vertrag“ einen Vertrag an oder öffnen Sie einen aus der Liste.",
    backToNowButton: "Zurück zu jetzt",
    noMilestones: "Noch keine Meilensteine.",
    pinnedHint: "Aktivierte Meilensteine behalten ihren Platz: Nur noch nicht finanzierte Meilensteine lassen sich umordnen, unterhalb von ihnen.",
    showOlder: "Ältere zeigen",
    history: "Verlauf",
    historyHelp: "Die Pfeiltasten gehen die Ereignisse durch; das Board zeigt den Vertrag, wie er direkt nach jedem war. Escape kehrt zu jetzt zurück.",
    activity: "Aktivität",
    parties: (/** @type {string} */ client, /** @type {string} */ freelancer, /** @type {string} */ account) =>
      `${client} (Auftraggeber) · ${freelancer} (Auftragnehmerin) · Konto ${account}`,
    ends: (/** @type {string} */ date) => ` · endet am ${date}`,
    quoted: (/** @type {string} */ title) => `„${title}“`,
    milestoneProposal: "Meilensteinvorschlag",
    proposedMilestone: (/** @type {string} */ who, /** @type {string} */ title, /** @type {number} */ amount, /** @type {string} */ due) =>
      `${who} hat einen Meilenstein vorgeschlagen: ${title} (${f.money(amount)}, fällig am ${f.date(due)}).`,
    lockedNote: (/** @type {string} */ account) =>
      `Dies ist ein Vertrag mit dem Konto ${account}: Seine Meilensteine wurden zu Beginn festgelegt. ` +
      "Um Meilensteine hinzuzufügen, zu bearbeiten oder zu löschen, erstellen Sie ein neues Vertragsangebot mit den noch nicht bezahlten Meilensteinen.",
    addToCalendar: "Zum Kalender hinzufügen",
    shareLink: "Link teilen",
    statement: "Kontoauszug",
    deleteFromBrowser: "Aus diesem Browser löschen",
    eventOfLabel: (/** @type {number} */ at, /** @type {number} */ total, /** @type {string} */ label) => `Ereignis ${at} von ${total}: ${label}`,
    nowAfter: (/** @type {number} */ total) => `Jetzt, nach Ereignis ${total} von ${total}`,
    showOlderMore: (/** @type {number} */ page, /** @type {number} */ older) =>
      older > page ? `Ältere zeigen (${page} von ${older} weiteren)` : `Ältere zeigen (${older} weitere)`,
  };
}

/** @param {Formats} f */
function rows(f) {
  return {
    // a milestone's row (rows.js)
    reviewWithin: (/** @type {string} */ left, /** @type {string} */ by) =>
      `Prüfen innerhalb von ${left} (bis ${by}); danach wird die Zahlung automatisch freigegeben.`,
    releasesIn: (/** @type {string} */ left) => `Wird in ${left} automatisch freigegeben`,
    /**
     * A pinned row's lock, by the milestone's status: its tooltip and what it announces. An
     * activated milestone is pinned; a paid one, or one closed when the contract ended, is closed.
     */
    pin: {
      activated: { title: "Aktivierte Meilensteine behalten ihren Platz", label: "Fixiert: aktivierte Meilensteine behalten ihren Platz" },
      paid: { title: "Bezahlte Meilensteine behalten ihren Platz", label: "Abgeschlossen: bezahlte Meilensteine behalten ihren Platz" },
      closed: { title: "Mit dem Vertragsende geschlossene Meilensteine behalten ihren Platz", label: "Abgeschlossen: mit dem Vertragsende geschlossene Meilensteine behalten ihren Platz" },
    },
    reorder: (/** @type {string} */ title) => `${title} umordnen`,
    said: (/** @type {string} */ who, /** @type {string} */ message) => `${who}: „${message}“`,
    askedForChanges: (/** @type {string} */ who, /** @type {string} */ message) => `${who} bittet um Änderungen: „${message}“`,
    proposedDueDate: (/** @type {string} */ who, /** @type {string} */ date) => `${who} hat ein neues Fälligkeitsdatum vorgeschlagen: ${f.date(date)}.`,
    refundRequested: (/** @type {number} */ amount, /** @type {string} */ reason) => `Erstattung beantragt: ${f.money(amount)}: „${reason}“`,
    moveUp: "Nach oben",
    moveDown: "Nach unten",
    changedHere: "hier geändert",
    due: " · fällig am ",
    overdue: " Überfällig",

    // forms (dialogs.js)
    cancel: "Abbrechen",
    milestoneN: (/** @type {number} */ n) => `Meilenstein ${n}`,
    amountHelp: "In US-Dollar, mindestens 5,00.",
    removeMilestone: "Meilenstein entfernen",
    accountType: "Kontotyp",
    endDateHelp: "Pflicht bei Enterprise Compliance: Jedes Fälligkeitsdatum muss an oder vor ihm liegen. Andere Verträge zeigen es an, ohne dadurch begrenzt zu sein.",
    howItStarts: "Wie der Vertrag beginnt",
    startOffer: "Als Angebot senden: Die Auftragnehmerin nimmt es zuerst an",
    startAgreed: "Schon vereinbart: jetzt eröffnen",
    startHelp: "Bis die Auftragnehmerin ein Angebot annimmt, kann nichts finanziert werden, und der Plan kann sich noch ändern.",
    contractTitle: "Titel des Vertrags",
    createContract: "Vertrag anlegen",
  };
}

/** @param {Formats} f */
function formsAndStatement(f) {
  return {
    // drag and keyboard reordering (reorder.js); `at` is always a `position` phrase
    position: (/** @type {number} */ index, /** @type {number} */ count) => `Position ${index + 1} von ${count}`,
    pickedUp: (/** @type {string} */ title, /** @type {string} */ at) => `${title} aufgenommen, ${at}.`,
    cannotGoAbove: (/** @type {string} */ title, /** @type {string} */ blocker) => `${title} kann nicht über ${blocker}: Aktivierte Meilensteine behalten ihren Platz.`,
    lifted: (/** @type {string} */ title, /** @type {string} */ at) => `${title} angehoben, ${at}. Pfeiltasten verschieben, Leertaste legt ab, Escape bricht ab.`,
    alreadyLast: (/** @type {string} */ title, /** @type {string} */ at) => `${title} ist schon der letzte, ${at}.`,
    stepped: (/** @type {string} */ title, /** @type {string} */ at) => `${title}, ${at}.`,
    refusedStays: (/** @type {string} */ refused, /** @type {string} */ title, /** @type {string} */ at) => `${refused} ${title} bleibt auf ${at}.`,
    stays: (/** @type {string} */ title, /** @type {string} */ at) => `${title} bleibt auf ${at}.`,
    cancelled: (/** @type {string} */ title, /** @type {string} */ at) => `Abgebrochen. ${title} bleibt auf ${at}.`,

    // the statement (statement.js)
    columns: {
      amount: "Betrag", funded: "Finanziert", fromCredit: "Aus Guthaben", charged: "Belastet", extra: "Zusätzlich belastet",
      released: "Freigegeben", returned: "Als Guthaben behalten", escrow: "Verwahrt", refunded: "Erstattet",
    },
    totals: {
      budget: "Budget", overBudget: "Über dem Budget", charged: "Belastet", escrow: "Verwahrt", released: "Freigegeben",
      returned: "Als Guthaben behalten", credit: "Guthaben ungenutzt", creditReturned: "Guthaben zurückgezahlt",
      refunded: "Erstattet", netCost: "Nettokosten (Auftraggeber)", netEarned: "Netto verdient",
    },
    dueOn: (/** @type {string} */ day) => `fällig ${day}`,
    activatedOn: (/** @type {string} */ day) => `aktiviert ${day}`,
    submittedOn: (/** @type {string} */ day) => `eingereicht ${day}`,
    paidOn: (/** @type {string} */ day, /** @type {boolean} */ auto) => `bezahlt ${day}${auto ? " (automatisch)" : ""}`,
    refundedOn: (/** @type {string} */ day) => `erstattet ${day}`,
    contract: "Vertrag",
    account: "Konto",
    status: "Status",
    endedOn: (/** @type {string} */ day) => `Beendet am ${day}`,
    endsLabel: "Endet",
    createdLabel: "Angelegt",
    asOf: "Stand",
    asOfEvent: (/** @type {string} */ day, /** @type {number} */ events) => `${day}, nach Ereignis ${events}`,
    statementOf: (/** @type {string} */ title) => `Kontoauszug: ${title}`,
    milestonesUtc: "Meilensteine (Daten in UTC)",
    milestone: "Meilenstein",
    totalsTitle: "Summen",
    reconcile: (/** @type {any} */ t) =>
      `Belastet ${f.money(t.charged)} = freigegeben ${f.money(t.released)} + verwahrt ${f.money(t.escrow)} ` +
      `+ Guthaben ungenutzt ${f.money(t.credit)} + Guthaben zurückgezahlt ${f.money(t.creditReturned)}. ` +
      `Nettokosten ${f.money(t.netCost)} = belastet − zurückgezahltes Guthaben − erstattet ${f.money(t.refunded)}; ` +
      `netto verdient ${f.money(t.netEarned)} = freigegeben − erstattet. ` +
      "Für jeden Meilenstein gilt: finanziert = freigegeben + als Guthaben behalten + verwahrt, und finanziert = aus Guthaben + belastet.",
    appendix: "Anhang: Aktivität",
  };
}

/** @param {Formats} f */
function actionLabels(f) {
  return {
    // the controller, the actions and the library

    // action labels (PROTOCOL.md, "Words on the page")
    activate: "Aktivieren & finanzieren",
    submitWork: "Arbeit einreichen",
    release: "Abnehmen & freigeben",
    requestChanges: "Änderungen anfordern",
    edit: "Bearbeiten",
    saveChanges: "Änderungen speichern",
    delete: "Löschen",
    proposeDueDate: "Fälligkeitsdatum vorschlagen",
    acceptDueDate: "Fälligkeitsdatum annehmen",
    rejectDueDate: "Fälligkeitsdatum ablehnen",
    requestRefund: "Erstattung beantragen",
    acceptRefund: "Erstattung annehmen",
    declineRefund: "Erstattung ablehnen",
    acceptOffer: "Angebot annehmen",
    declineOffer: "Angebot ablehnen",
    addMilestone: "Meilenstein hinzufügen",
    proposeMilestone: "Meilenstein vorschlagen",
    extend: "Vertrag verlängern",
    endContract: "Vertrag beenden",
    leaveFeedback: "Bewertung abgeben",
    acceptProposal: "Meilenstein annehmen",
    declineProposal: "Meilenstein ablehnen",
    withdrawProposal: "Vorschlag zurückziehen",
    newOffer: "Neues Vertragsangebot erstellen",
    newContract: "Neuer Vertrag",
  };
}

/** @param {Formats} f */
function actionDialogs(f) {
  return {
    // field labels
    fieldMessage: "Nachricht",
    fieldMilestoneTitle: "Titel des Meilensteins",
    fieldDescription: "Beschreibung",
    fieldAmount: "Betrag (USD)",
    fieldAmountToRelease: "Freizugebender Betrag",
    fieldDueDate: "Fälligkeitsdatum",
    fieldEndDate: "Enddatum",
    fieldRating: "Bewertung",
    fieldComment: "Kommentar",
    /** @type {[string, string][]} */
    ratings: [["5", "5 – ausgezeichnet"], ["4", "4 – gut"], ["3", "3 – befriedigend"], ["2", "2 – mangelhaft"], ["1", "1 – sehr mangelhaft"]],

    // dialogs of the actions
    notDollars: "Geben Sie einen Betrag in US-Dollar ein, etwa 250 oder 250,50.",
    whyNot: "Warum nicht?",
    whyNotOn: (/** @type {string} */ title) => `Warum nicht? — ${title}`,
    nothingBlocked: "Alles, was Sie hier tun können, ist jetzt möglich.",
    /** The page's own control of an engine command not in the action table, for "Why not?" (a drag reorders: no words). */
    ownControls: { move_milestone: "Verschieben", post_message: "Nachricht senden" },
    problemsBelow: (/** @type {number} */ n) => (n === 1 ? "Bitte beheben Sie das unten markierte Problem." : `Bitte beheben Sie die ${n} unten markierten Probleme.`),
    sameNames: "Auftraggeber und Auftragnehmerin haben denselben Namen. Das ist erlaubt; prüfen Sie, ob es so gemeint ist.",
    activateSays: (/** @type {{amount: number, fromCredit: number, charged: number}} */ e) => {
      const held = "Er wird treuhänderisch verwahrt, bis Sie die Arbeit abnehmen (oder 14 Tage nach einer Einreichung).";
      if (e.fromCredit > 0 && e.charged > 0) {
        return `${f.money(e.amount)} werden belastet: ${f.money(e.fromCredit)} aus Ihrem Guthaben, ${f.money(e.charged)} von Ihrer Karte. ${held}`;
      }
      if (e.fromCredit > 0) return `${f.money(e.amount)} kommen aus Ihrem Guthaben; Ihre Karte wird nicht belastet. ${held}`;
      return `${f.money(e.charged)} werden von Ihrer Karte abgebucht. ${held}`;
    },
    inEscrow: (/** @type {string} */ amount) => `${amount} sind für diesen Meilenstein treuhänderisch verwahrt.`,
    releaseSays: (/** @type {{amount: number, returned: number, extra: number}} */ e) => {
      if (e.returned > 0) return `Weniger freigeben: ${f.money(e.returned)} gehen ins Guthaben des Auftraggebers, zuerst für den nächsten Meilenstein genutzt und bei Vertragsende zurückgezahlt.`;
      if (e.extra > 0) return `Mehr freigeben: Dem Auftraggeber werden ${f.money(e.extra)} zusätzlich belastet.`;
      return `Der ganze verwahrte Betrag, ${f.money(e.amount)}, geht an die Auftragnehmerin.`;
    },
    editTitle: (/** @type {string} */ title) => `${title} bearbeiten`,
    deleteTitle: (/** @type {string} */ title) => `${title} löschen?`,
    deleteSays: "Der Meilenstein wird aus dem Plan entfernt. Das wird in der Aktivität festgehalten.",
    proposeDueDateSays: "Die andere Seite nimmt das neue Datum an oder lehnt es ab.",
    refundable: (/** @type {string} */ amount) => `${amount} dieses Meilensteins können noch erstattet werden.`,
    refundAsked: (/** @type {string} */ amount, /** @type {string} */ reason) =>
      `Der Auftraggeber bittet um ${amount}: „${reason}“. Sie können diesen Betrag oder weniger erstatten.`,
    refundSays: (/** @type {string} */ amount, /** @type {string} */ client) => `${amount} gehen an ${client} zurück; das lässt sich nicht rückgängig machen.`,
    declineRefundSays: (/** @type {string} */ client, /** @type {string} */ amount, /** @type {string} */ reason) =>
      `${client} bittet um ${amount} zurück: „${reason}“. Wenn Sie ablehnen, bleibt das Geld bei Ihnen; die Anfrage wird geschlossen.`,
    declineOfferTitle: (/** @type {string} */ title) => `Das Angebot „${title}“ ablehnen?`,
    declineOfferSays: (/** @type {string} */ client) =>
      `Das Angebot von ${client} wird endgültig geschlossen: Auf diesem Vertrag kann nichts mehr geschehen. Um stattdessen Änderungen zu erbitten, sprechen Sie vor der Antwort mit ${client}.`,
    proposeMilestoneSays: "Der Auftraggeber nimmt ihn an oder lehnt ihn ab; angenommen, kommt er ans Ende des Plans.",
    endTitle: (/** @type {string} */ title) => `„${title}“ beenden?`,
    endSays: (/** @type {string[]} */ closed, /** @type {string | null} */ returned) => {
      const parts = ["Der Vertrag endet: Nichts kann mehr finanziert oder freigegeben werden."];
      if (closed.length) parts.push(`${list(closed)} ${closed.length === 1 ? "wird" : "werden"} unfinanziert geschlossen und nicht bezahlt.`);
      if (returned) parts.push(`Ihr ungenutztes Guthaben, ${returned}, geht an Sie zurück.`);
      parts.push("Das lässt sich nicht rückgängig machen.");
      return parts.join(" ");
    },
  };
}

/** @param {Formats} f */
function controller(f) {
  return {
    // the new contract form
    lockedPlanNote: "Bei diesem Kontotyp werden alle Meilensteine jetzt festgelegt: Sie lassen sich später nicht hinzufügen, bearbeiten oder löschen.",

    // the controller's messages
    noContract: "Es ist kein Vertrag geöffnet.",
    readOnly: "Dieser Vertrag ist hier nur lesbar.",
    contractExists: (/** @type {string} */ id) => `Ein Vertrag mit der Kennung ${id} ist schon auf diesem Board.`,
    moved: (/** @type {string} */ title, /** @type {number} */ place, /** @type {number} */ count) => `${title} auf Position ${place} von ${count} verschoben.`,
    clockNow: (/** @type {string} */ when) => `Die Uhr zeigt jetzt ${when}.`,
    created: (/** @type {string} */ title) => `Vertrag ${title} angelegt.`,
    imported: (/** @type {string} */ title) => `${title} importiert.`,
    importFailed: (/** @type {string} */ why) => `Import fehlgeschlagen: ${why}`,
    notJsonFile: (/** @type {string} */ name) => `${name} ist keine JSON-Datei.`,
    sampleFailed: (/** @type {string} */ why) => `Der Beispielvertrag konnte nicht angelegt werden: ${why}`,
    sampleCreated: (/** @type {string} */ title) => `Beispielvertrag angelegt: ${title}.`,
    deleteContractTitle: (/** @type {string} */ title) => `„${title}“ aus diesem Browser löschen?`,
    deleteContractSays: "Sein Protokoll wird aus dem Speicher dieses Browsers entfernt; nichts anderes bewahrt es auf. Exportieren Sie es vorher, um eine Kopie zu behalten.",
    deleted: (/** @type {string} */ title) => `${title} aus diesem Browser gelöscht.`,
    newOfferTitle: (/** @type {string} */ title) => `${title} (neues Angebot)`,
    staysOpen: (/** @type {string} */ title, /** @type {string} */ why) => `„${title}“ bleibt vorerst offen: ${why} Beenden Sie ihn, sobald das erledigt ist.`,
    replaced: (/** @type {string} */ title) => `„${title}“ beendet: Das neue Angebot ersetzt ihn.`,
    otherTab: "Dieser Vertrag wurde in einem anderen Tab geändert; das Board zeigt die neueste Fassung.",
    backToNow: "Zurück zu jetzt.",
    eventOf: (/** @type {number} */ seq, /** @type {number} */ total, /** @type {string} */ label) => `Ereignis ${seq} von ${total}. ${label}.`,
    viewing: (/** @type {string} */ when, /** @type {string} */ what) => `Ansicht ${when} — nach: ${what}`,

    // the discussion (discussion.js, thread-view.js) and the contract list's unread count
    discussion: "Diskussion",
    discussionButton: (/** @type {number} */ n) => `Diskussion (${n})`,
    discussionOn: (/** @type {string} */ title, /** @type {number} */ n) => `Diskussion (${n}) — ${title}`,
    discussionOf: (/** @type {string} */ title) => `Diskussion zu ${title}`,
    noMessages: "Noch keine Nachrichten.",
    yourMessage: "Ihre Nachricht",
    yourMessageOn: (/** @type {string} */ title) => `Ihre Nachricht zu ${title}`,
    post: "Senden",
    posted: "Nachricht gesendet.",
    showEarlier: (/** @type {number} */ page, /** @type {number} */ more) =>
      more > page ? `Frühere Nachrichten zeigen (${page} von ${more} weiteren)` : `Frühere Nachrichten zeigen (${more} weitere)`,
    unread: (/** @type {number} */ n) => `${n} ungelesen`,
    unreadMessages: (/** @type {number} */ n) => (n === 1 ? "1 ungelesene Nachricht" : `${n} ungelesene Nachrichten`),
  };
}

/** @param {Formats} f */
function filesAndSample(f) {
  return {
    // the calendar file's events (calendar.js): a due date, a review's end; `c` is the contract
    calendarDue: (/** @type {string} */ title, /** @type {string} */ contract) => `Fällig: ${title} (${contract})`,
    calendarDueSays: (/** @type {string} */ title, /** @type {string} */ date, /** @type {any} */ c) =>
      `${title} ist am ${f.date(date)} fällig, im Vertrag ${c.title} zwischen ${c.client} und ${c.freelancer}.`,
    calendarReview: (/** @type {string} */ title, /** @type {string} */ contract) => `Prüfung endet: ${title} (${contract})`,
    calendarReviewSays: (/** @type {string} */ title, /** @type {any} */ c) =>
      `Wenn ${c.client} bis dahin weder freigibt noch Änderungen anfordert, wird die Zahlung für ${title} automatisch freigegeben.`,
    /** The sample contract (sample.js): its title, parties, milestones and what the parties say. */
    sample: {
      title: "Neue Website der Bäckerei", client: "Bäckerei Nordwind", freelancer: "Maya Chen",
      milestones: [
        { title: "Marke und Wireframes", description: "Moodboard, aufgefrischtes Logo und Wireframes für fünf Seiten." },
        { title: "Visuelles Design", description: "Entwürfe für Desktop und Smartphone: Startseite, Sortiment und Bestellseite." },
        { title: "Umsetzung und Inhalte", description: "Die fertige Website mit dem Sortiment und dem Online-Bestellformular." },
        { title: "Start und Übergabe", description: "Livegang, Besucherstatistik und eine einstündige Schulung." },
      ],
      wireframesReady: "Die Wireframes und das Marken-Board liegen im gemeinsamen Ordner.",
      designsReady: "Startseite, Sortiment und Bestellseite, für Desktop und Smartphone.",
      ownPhotos: "Bitte verwenden Sie auf der Startseite unsere eigenen Fotos.",
      photosIn: "Ihre Fotos sind eingebaut, und das Menü auf dem Smartphone funktioniert jetzt.",
    },
  };
}

/** @param {Formats} f */
function linksAndNotices(f) {
  return {
    // the library's messages
    readOnlyNewer: "Dieser Vertrag wurde von einer neueren Version des Boards gespeichert und wird daher nur lesbar gezeigt.",
    newerUnreadable: "Ein von einer neueren Version des Boards gespeicherter Vertrag lässt sich hier nicht öffnen; er blieb unberührt.",
    /** A saved contract that did not load: why, from what storage read (store.js) or the engine's refusal of its log. */
    notLoaded: (/** @type {{code: string, part?: number, parts?: number, message?: string}} */ p) =>
      "Ein gespeicherter Vertrag ließ sich nicht laden und blieb unberührt, wo er ist. " + (
        p.code === "NOT_A_CONTRACT" ? "Was gespeichert ist, ist kein gespeicherter Vertrag."
        : p.code === "NOT_JSON" ? "Was gespeichert ist, lässt sich nicht lesen."
        : p.code === "PART_MISSING" ? `Teil ${p.part} der ${p.parts} Teile seines Verlaufs fehlt.`
        : p.code === "LAST_PART_DAMAGED" ? "Der letzte Teil seines Verlaufs ist beschädigt."
        : refusal(/** @type {any} */ (p), f, ACCOUNT_NAMES)),
    conflict: "Dieser Vertrag wurde zuerst in einem anderen Tab geändert; Ihre letzte Änderung wurde nicht gespeichert.",

    // links
    shareTitle: (/** @type {string} */ title) => `„${title}“ teilen`,
    shareSays: (/** @type {number} */ events, /** @type {string} */ kb) =>
      `Dieser Link enthält den ganzen Vertrag (${events} Ereignisse, ${kb} KB Text) im Teil nach „#“, ` +
      "den Browser nie an einen Server senden. Wer ihn öffnet, erhält eine Kopie, die die Engine Ereignis für Ereignis prüft; " +
      "senden Sie ihn der anderen Seite und öffnen Sie den Link, den sie zurückschickt, um diesen Vertrag zu aktualisieren.",
    copyLink: "Link kopieren",
    fieldLink: "Link",
    copied: "Der Link ist kopiert.",
    notCopied: "Der Browser erlaubte das Kopieren nicht; markieren und kopieren Sie den Link.",
    /**
     * A link that cannot be opened, in plain words: from its problem (link.js) or the engine's
     * refusal of the log it holds. Whatever is wrong inside a link, to its reader it is damaged.
     */
    linkProblem: (/** @type {{code: string, limit?: number}} */ p) =>
      p.code === "NO_TAG" ? "Dieser Link führt zu keinem Vertrag dieses Boards: Ein Teil fehlt, oder er stammt von etwas anderem. Bitten Sie erneut um den Link."
      : p.code === "OTHER_FORMAT" ? "Dieser Link wurde mit einer anderen Version des Boards erstellt, die diese Seite nicht lesen kann."
      : p.code === "TOO_LARGE" ? `Dieser Link ist zu groß: Entpackt ergibt er mehr als ${Math.round(p.limit / 1048576)} MiB, mehr als jeder Vertrag, den das Board aus einem Link öffnet. Er wurde nicht geöffnet.`
      : "Dieser Link ist beschädigt: Ein Teil fehlt oder wurde verändert. Bitten Sie erneut um den Link.",
    nothingChanged: (/** @type {string} */ why) => `${why} Nichts wurde geändert.`,
    cannotChange: (/** @type {string} */ title) => `${title} liegt hier in einer Form vor, die dieses Board nicht ändern kann.`,
    linkSame: (/** @type {string} */ title) => `Der Link enthält ${title} so, wie es hier ist: nichts Neues.`,
    linkOlder: (/** @type {string} */ title, /** @type {number} */ there, /** @type {number} */ here) =>
      `Der Link ist älter als ${title} hier (er hat ${there} der ${here} Ereignisse): nichts geändert.`,
    linkNew: (/** @type {string[]} */ told) => {
      const shown = told.slice(-3);
      return `Neu aus dem Link: ${told.length > 3 ? `${told.length} Ereignisse, zuletzt: ` : ""}${shown.join(" ")}`;
    },
    upToDate: (/** @type {string} */ title, /** @type {number} */ n) => `${title} ist auf dem Stand des Links: ${n} neue${n === 1 ? "s Ereignis" : " Ereignisse"}.`,
    openedFromLink: (/** @type {string} */ title) => `${title} aus einem Link geöffnet.`,
    asideNotKept: "Die Fassung dieses Vertrags aus dem Link konnte nicht aufbewahrt werden (der Speicher lehnte sie ab).",
    parted: (/** @type {string} */ title) => `${title} hier und im Link sind auseinandergelaufen; beide werden aufbewahrt.`,
    partedNotice: (/** @type {string} */ title, /** @type {number} */ part) =>
      `${title}: Dieser Browser und ein Link sind nach Ereignis ${part} auseinandergelaufen. Beide werden aufbewahrt; wählen Sie, mit welchem es weitergeht.`,
    inThisBrowser: "In diesem Browser",
    inTheLink: "Im Link",
    keepMine: "Die dieses Browsers behalten",
    keepLinks: "Die des Links behalten",
    linkVersionBad: (/** @type {string} */ why) => `Die Fassung des Links lässt sich nicht wiederherstellen: ${why}`,
    wentOnWithLink: (/** @type {string} */ title) => `${title}: Weiter mit der Fassung des Links.`,
    keptMine: (/** @type {string} */ title) => `${title}: Die Fassung dieses Browsers behalten.`,
    whoAreYou: (/** @type {string} */ title) => `Wer sind Sie in „${title}“?`,
    whoAreYouSays: "Das Board handelt für diesen Vertrag als diese Seite. Sie können das später mit „Handelnd als“ ändern.",
    continue: "Weiter",
    iAm: "Ich bin",
    asClient: (/** @type {string} */ name) => `${name}, der Auftraggeber`,
    asFreelancer: (/** @type {string} */ name) => `${name}, die Auftragnehmerin`,

    // notices
    dismiss: "Schließen",
    export: "Exportieren",
    /** Why nothing is saved (store.js: NO_STORAGE, FULL, REFUSED), and what that means. */
    storageProblem: (/** @type {{code: string}} */ p) => `${
      p.code === "NO_STORAGE" ? "Dieser Browser lässt die Seite keinen lokalen Speicher nutzen."
      : p.code === "FULL" ? "Nicht gespeichert: Der Speicher des Browsers für diese Seite ist voll."
      : "Nicht gespeichert: Der Browser hat das Speichern abgelehnt."} Die Seite arbeitet weiter, aber Änderungen gibt es nur in diesem Tab, bis der Speicher wieder funktioniert.`,
    quarantined: "Ein gespeicherter Vertrag ließ sich nicht laden. Er wurde beiseitegelegt, damit nichts verloren geht; Sie können ihn exportieren.",
    replacedBy: "Ersetzt durch",
    replaces: "Ersetzt",
    demoClock: (/** @type {string} */ when) => `Demo-Uhr: ${when}`,
    realTime: (/** @type {string} */ when) => `Echtzeit: ${when}`,
  };
}
