// @ts-check
// The engine's refusals in German, worded from their code (core/PROTOCOL.md's error table) and
// their `params`, under the keys the engine sends (PROTOCOL.md, "Refusal params": amounts in
// cents, dates, titles, statuses, parties, the command), with the refusal's `field` and `rule`
// where params alone cannot tell two refusals of one code apart. A code without the params a
// sentence needs gets the general sentence for that code; an unknown code gets a general sentence
// and the code. Never the refusal's `detail`: that is for developers.

/** @typedef {{code: string, message?: string, params?: Record<string, any>, field?: string, rule?: string, index?: number}} Refusal */
/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */
/**
 * What a sentence is made with: the formatters, the refusal's field and rule, the account types' names.
 * @typedef {{f: Formats, field: string, rule: string, accounts: Record<string, string>}} Context
 */

/** A party as the subject of a sentence (the engine's `actor`, `allowed`). */
const PARTY = { client: "der Auftraggeber", freelancer: "die Auftragnehmerin", either: "Auftraggeber und Auftragnehmerin", system: "das System" };
/** "… kann nur der Auftraggeber": who may issue a command (`allowed`). */
const ONLY = { client: "kann nur der Auftraggeber", freelancer: "kann nur die Auftragnehmerin", either: "können nur Auftraggeber und Auftragnehmerin", system: "kann nur das System" };
/** What a command does, as the start of a sentence (`command`). */
const COMMAND = {
  create_contract: "Einen Vertrag anlegen", add_milestone: "Einen Meilenstein hinzufügen", edit_milestone: "Einen Meilenstein bearbeiten",
  delete_milestone: "Einen Meilenstein löschen", move_milestone: "Einen Meilenstein verschieben", reorder_milestones: "Die Meilensteine umordnen",
  activate_milestone: "Einen Meilenstein finanzieren", submit_work: "Arbeit einreichen", request_changes: "Änderungen anfordern",
  release_payment: "Eine Zahlung freigeben", propose_due_date: "Ein Fälligkeitsdatum vorschlagen", respond_due_date: "Einen Terminvorschlag beantworten",
  extend_contract: "Den Vertrag verlängern", request_refund: "Eine Erstattung beantragen", respond_refund: "Einen Erstattungsantrag beantworten",
  end_contract: "Den Vertrag beenden", leave_feedback: "Eine Bewertung abgeben", tick: "Die Uhr vorstellen", respond_offer: "Das Angebot beantworten",
  propose_milestone: "Einen Meilenstein vorschlagen", respond_milestone_proposal: "Einen Meilensteinvorschlag beantworten",
  withdraw_milestone_proposal: "Einen Meilensteinvorschlag zurückziehen", post_message: "Eine Nachricht schreiben",
};
/** A milestone's status, after "ist" (`status` with a `title`). */
const MILESTONE_STATUS = {
  pending: "noch nicht finanziert", active: "finanziert", submitted: "zur Prüfung eingereicht",
  changes_requested: "zur Überarbeitung zurückgegeben", paid: "bezahlt", closed: "unfinanziert geschlossen",
};
/** A contract's status, after "ist" (`status` alone). */
const CONTRACT_STATUS = { offered: "noch ein Angebot", open: "offen", declined: "abgelehnt", ended: "beendet" };
/** The text a refusal's `field` names (its last part), as a subject. */
const FIELD = {
  title: "Der Titel des Meilensteins", description: "Die Beschreibung", client: "Der Name des Auftraggebers",
  freelancer: "Der Name der Auftragnehmerin", message: "Die Nachricht", reason: "Die Begründung", comment: "Der Kommentar",
  id: "Die Kennung des Vertrags", text: "Die Nachricht",
};

const cap = (/** @type {string} */ s) => s.charAt(0).toUpperCase() + s.slice(1);
const number = (/** @type {number} */ n) => new Intl.NumberFormat("de-DE").format(n);
/** The text `field` names ("contract.milestones[2].title" → "Der Titel des Meilensteins"), or null. */
const fieldName = (/** @type {string} */ field) =>
  field === "contract.title" ? "Der Titel des Vertrags" : FIELD[field.split(".").at(-1)] ?? null;
const account = (/** @type {Context} */ x, /** @type {string} */ type) => x.accounts[type] ?? type;

/**
 * The sentence for each code, from its params `p` and the context `x`.
 * @type {Record<string, (p: Record<string, any>, x: Context) => string>}
 */
const BY_CODE = {
  INVALID_JSON: (p) => p.limit !== undefined ? `Die Eingabe ist größer als ${number(Math.round(p.limit / 1048576))} MiB.` : "Die Eingabe ist kein lesbares JSON.",
  INVALID_COMMAND: (p, x) =>
    p.accountType !== undefined ? `Ein Vertrag mit dem Konto ${account(x, p.accountType)} braucht ein Enddatum.`
    : p.min !== undefined ? "Die Zeit dieses Befehls liegt außerhalb des gültigen Bereichs."
    : p.type !== undefined ? `Einen Befehl „${p.type}“ gibt es nicht.`
    : p.query !== undefined ? `Eine Abfrage „${p.query}“ gibt es nicht.`
    : p.expected !== undefined ? `Die Angabe „${p.name}“ hat nicht die erwartete Art.`
    : p.name !== undefined ? `Im Befehl fehlt die Angabe „${p.name}“.`
    : "Dieser Befehl ist unbekannt oder unvollständig.",
  CLOCK_BACKWARDS: (p, { f }) => p.at !== undefined && p.lastAt !== undefined
    ? `Die Zeit läuft nie rückwärts: Dieser Befehl ist vom ${f.moment(p.at)}, der Vertrag steht aber schon beim ${f.moment(p.lastAt)}.`
    : "Die Zeit dieses Befehls liegt vor der Uhr des Vertrags; die Uhr läuft nie rückwärts.",
  NO_CONTRACT: () => "Es ist kein Vertrag geöffnet.",
  CONTRACT_EXISTS: () => "Diesen Vertrag gibt es schon.",
  INVALID_AMOUNT: (p, { f }) =>
    p.min !== undefined && p.max !== undefined
      ? (p.amount === null ? `Der Betrag muss in ganzen Cent angegeben werden, zwischen ${f.money(p.min)} und ${f.money(p.max)}.`
        : `Der Betrag muss zwischen ${f.money(p.min)} und ${f.money(p.max)} liegen${p.amount !== undefined ? `; ${f.money(p.amount)} ist nicht zulässig` : ""}.`)
    : p.min !== undefined ? `Der Betrag muss mindestens ${f.money(p.min)} betragen.`
    : "Dieser Betrag ist hier nicht zulässig.",
  INVALID_DATE: (p, { f, field }) =>
    p.endDate !== undefined ? `Das neue Enddatum muss nach dem bisherigen liegen, dem ${f.date(p.endDate)}.`
    : p.date === "" ? "Wählen Sie ein Datum."
    : p.date !== undefined && !isCalendarDate(p.date) ? `„${p.date}“ ist kein Datum im Kalender.`
    : p.earliest !== undefined && field === "accept" ? `Das vorgeschlagene Fälligkeitsdatum, der ${f.date(p.date)}, ist verstrichen; schlagen Sie ein neues vor.`
    : p.earliest !== undefined ? `Der ${f.date(p.date)} liegt in der Vergangenheit; wählen Sie den ${f.date(p.earliest)} oder später.`
    : "Dieses Datum ist hier nicht zulässig.",
  INVALID_FIELD: invalidField,
  LIMIT_EXCEEDED: (p, { field }) =>
    p.count !== undefined ? `Ein Vertrag kann höchstens ${number(p.limit)} Meilensteine haben.`
    : p.length !== undefined ? `${fieldName(field) ?? "Der Text"} ist zu lang: Höchstens ${number(p.limit)} Zeichen sind erlaubt, es sind ${number(p.length)}.`
    : "Das überschreitet eine Grenze (Textlänge oder Zahl der Meilensteine).",
  NOT_PERMITTED: (p) =>
    p.command !== undefined ? `${COMMAND[p.command] ?? "Das"} ${ONLY[p.allowed]}, nicht ${PARTY[p.actor]}.`
    : p.actor !== undefined ? `${cap(PARTY[p.actor])} hat dieses Fälligkeitsdatum selbst vorgeschlagen; beantworten muss es ${PARTY[p.allowed]}.`
    : "Das darf diese Seite nicht tun.",
  CONTRACT_ENDED: (_p, { rule }) => rule === "R22"
    ? "Die Auftragnehmerin hat dieses Angebot abgelehnt; der Vertrag ist geschlossen."
    : "Dieser Vertrag ist beendet; möglich sind nur noch Erstattungen, Bewertungen und Nachrichten.",
  UNKNOWN_MILESTONE: (p) => p.milestoneId !== undefined ? `Es gibt keinen Meilenstein mit der Kennung „${p.milestoneId}“.` : "Diesen Meilenstein gibt es nicht.",
  CONTRACT_LOCKED: (p, x) => `Die Meilensteine dieses Vertrags wurden zu Beginn festgelegt${p.accountType !== undefined ? ` (Konto ${account(x, p.accountType)})` : ""}; ` +
    "um Meilensteine hinzuzufügen, zu bearbeiten oder zu löschen, erstellen Sie ein neues Vertragsangebot.",
  MILESTONE_LOCKED: (p) =>
    p.pinnedTitle !== undefined ? `„${p.title}“ kann nicht über „${p.pinnedTitle}“: Finanzierte Meilensteine behalten ihren Platz.`
    : p.title !== undefined ? `„${p.title}“ ist schon ${MILESTONE_STATUS[p.status] ?? "finanziert"} und lässt sich nicht mehr ändern; das geht nur bei Meilensteinen, die noch nicht finanziert sind.`
    : "Dieser Meilenstein ist finanziert und lässt sich nicht mehr ändern.",
  ANOTHER_MILESTONE_ACTIVE: (p) => p.activeTitle !== undefined
    ? `Geben Sie zuerst das Geld für „${p.activeTitle}“ frei, bevor Sie „${p.title}“ finanzieren; es ist immer nur ein Meilenstein aktiv.`
    : "Ein anderer Meilenstein ist gerade aktiv; erst wenn er bezahlt ist, kommt der nächste.",
  NOT_NEXT_MILESTONE: (p) => p.nextTitle !== undefined
    ? `„${p.title}“ ist nicht an der Reihe; finanzieren Sie zuerst „${p.nextTitle}“ oder verschieben Sie „${p.title}“ nach oben.`
    : "Nur der nächste Meilenstein des Plans kann jetzt finanziert werden.",
  INVALID_STATE: invalidState,
  REVIEW_WINDOW_CLOSED: (p) => p.title !== undefined
    ? `Die 14-tägige Prüfungsfrist für „${p.title}“ ist abgelaufen, und die Zahlung wurde automatisch freigegeben.`
    : "Die Prüfungsfrist ist abgelaufen.",
  OUTSIDE_CONTRACT_SCOPE: (p, { f }) =>
    p.title !== undefined ? `Das Fälligkeitsdatum von „${p.title}“, der ${f.date(p.dueDate)}, liegt nach dem Vertragsende am ${f.date(p.endDate)}; wählen Sie ein früheres Datum oder ein späteres Enddatum.`
    : p.dueDate !== undefined ? `Das Fälligkeitsdatum ${f.date(p.dueDate)} liegt nach dem Vertragsende am ${f.date(p.endDate)}; verlängern Sie den Vertrag oder beginnen Sie einen neuen.`
    : "Das liegt außerhalb des Vertrags.",
  CONTRACT_INCOMPLETE: (p, { f }) =>
    p.escrow !== undefined ? `„${p.title}“ hält ${f.money(p.escrow)} treuhänderisch (${MILESTONE_STATUS[p.status] ?? p.status}); das Geld muss freigegeben werden, bevor der Vertrag enden kann.`
    : p.title !== undefined ? `Der Erstattungsantrag zu „${p.title}“ muss beantwortet werden, bevor der Vertrag enden kann.`
    : "Der Vertrag ist noch nicht abgeschlossen.",
  DUPLICATE_FEEDBACK: (p) => `${p.actor !== undefined ? cap(PARTY[p.actor]) : "Diese Seite"} hat zu diesem Vertrag schon eine Bewertung abgegeben.`,
  REFUND_TOO_LARGE: (p, { f }) =>
    p.refundable !== undefined ? `Von „${p.title}“ können höchstens ${f.money(p.refundable)} erstattet werden.`
    : p.requested !== undefined ? `Der Auftraggeber hat für „${p.title}“ ${f.money(p.requested)} beantragt; mehr kann nicht erstattet werden.`
    : "Die Erstattung ist größer als erlaubt.",
  NO_OPEN_REQUEST: (p, { rule }) =>
    rule === "R23′" ? "Es gibt keinen Meilensteinvorschlag, den man zurückziehen könnte."
    : p.title === undefined ? "Es gibt keinen Meilensteinvorschlag, den man beantworten könnte."
    : rule === "R12" ? `Zu „${p.title}“ gibt es keinen Terminvorschlag, den man beantworten könnte.`
    : `Zu „${p.title}“ gibt es keinen Erstattungsantrag, den man beantworten könnte.`,
  LOG_INVALID: (p) => p.index !== undefined
    ? `Ereignis ${p.index} des Protokolls hätte so nicht geschehen können: Es weicht davon ab, was die Regeln festhalten.`
    : "Das ist kein Meilenstein-Protokoll, das die Engine lesen kann.",
  READ_ONLY: () => "Dieser Vertrag ist hier nur lesbar.",
  NO_SIGNING_KEY: (p) => `Dieser Browser kann bei diesem Vertrag nicht ${p.party === "freelancer" ? "als Auftragnehmerin" : "als Auftraggeber"} signieren.`,
  NOT_READY: () => "Das Meilenstein-Board ist noch nicht gestartet.",
  DISPOSED: () => "Dieser Vertrag wurde geschlossen und lässt sich nicht mehr verwenden.",
};

/** "2027-02-29" is not a calendar date; "2027-02-28" is. @param {string} iso */
function isCalendarDate(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** INVALID_FIELD: told by its params, else by the field it names. @param {Record<string, any>} p @param {Context} x */
function invalidField(p, x) {
  const { field } = x;
  if (field === "attachments" || field.startsWith("attachments[")) return attachmentField(p, field);
  if (p.character !== undefined) return `${fieldName(field) ?? "Der Text"} enthält das unsichtbare Steuerzeichen ${p.character}; bitte entfernen Sie es.`;
  if (p.accountType !== undefined) {
    return x.accounts[p.accountType] !== undefined
      ? `Ein Vertrag mit dem Konto ${account(x, p.accountType)} legt alle Meilensteine zu Beginn fest; fügen Sie mindestens einen hinzu.`
      : `Der Kontotyp muss ${Object.values(x.accounts).join(", ").replace(/, ([^,]*)$/, " oder $1")} sein.`;
  }
  if (p.currency !== undefined) return "Nur US-Dollar (USD) werden unterstützt.";
  if (p.toIndex !== undefined && p.title !== undefined) return `„${p.title}“ steht schon an Position ${p.toIndex + 1}.`;
  if (p.toIndex !== undefined) return `Die neue Position muss zwischen 1 und ${p.max + 1} liegen.`;
  if (field === "rating") return `Die Bewertung muss eine ganze Zahl von ${p.min ?? 1} bis ${p.max ?? 5} sein.`;
  if (field === "after" && p.max !== undefined) return `Wählen Sie ein Ereignis des Verlaufs, von 1 bis ${p.max}.`;
  if (p.actor !== undefined || field === "actor") return "Handeln können nur Auftraggeber, Auftragnehmerin oder das System.";
  if (field === "changes") return "Sagen Sie, was sich ändern soll: Titel, Beschreibung oder Betrag.";
  if (field === "toIndex") return "Die neue Position muss eine ganze Zahl ab 1 sein.";
  if (field === "order") return "Diese Reihenfolge geht nicht: Sie muss jeden noch nicht finanzierten Meilenstein genau einmal nennen und sich von der jetzigen unterscheiden.";
  if (field === "config") return "Die Einstellungen des Banners sind ungültig.";
  const name = fieldName(field);
  return name ? `${name} darf nicht leer sein.` : "Ein Wert ist nicht zulässig.";
}

/** INVALID_FIELD of a submission's files (R25): the count, or one file's name, size, SHA-256 or link. */
function attachmentField(/** @type {Record<string, any>} */ p, /** @type {string} */ field) {
  if (field === "attachments") return `Zu einer Einreichung gehören höchstens ${number(p.limit ?? 20)} Dateien${p.count !== undefined ? `; diese hat ${number(p.count)}` : ""}.`;
  const [, index, part] = /^attachments\[(\d+)\]\.(\w+)$/.exec(field) ?? [];
  const which = index === undefined ? "eines Anhangs" : `von Anhang ${Number(index) + 1}`;
  const character = p.character !== undefined ? ` (${p.character}); bitte entfernen Sie es.` : "";
  switch (part) {
    case "name":
      return p.character !== undefined ? `Der Name ${which} enthält ein unsichtbares Steuerzeichen${character}`
        : p.length !== undefined ? `Der Name ${which} ist zu lang: Höchstens ${number(p.limit)} Zeichen sind erlaubt, es sind ${number(p.length)}.`
        : `Der Name ${which} darf nicht leer sein.`;
    case "size": return `Die Größe ${which} muss eine ganze Zahl von Bytes zwischen 0 und ${number(p.max ?? 9007199254740991)} sein.`;
    case "sha256": return `Der SHA-256-Wert ${which} muss aus genau 64 Hexadezimalziffern in Kleinbuchstaben (0–9, a–f) bestehen.`;
    case "url":
      return p.character !== undefined ? `Der Link ${which} enthält ein Leerzeichen oder ein unsichtbares Zeichen${character}`
        : p.length !== undefined ? `Der Link ${which} ist zu lang: Nach https:// sind höchstens ${number(p.limit)} Zeichen erlaubt.`
        : `Der Link ${which} muss eine Adresse sein, die mit https:// beginnt.`;
    default: return "Ein Anhang ist nicht zulässig.";
  }
}

/** INVALID_STATE: a milestone's status, an open refund request, the contract's status, an extension, feedback. */
function invalidState(/** @type {Record<string, any>} */ p, /** @type {Context} */ x) {
  if (p.title !== undefined && p.status !== undefined) {
    return `„${p.title}“ ist ${MILESTONE_STATUS[p.status] ?? p.status}; in diesem Stand geht das nicht.`;
  }
  if (p.title !== undefined) return `Für „${p.title}“ ist schon ein Erstattungsantrag offen; warten Sie auf die Antwort der Auftragnehmerin.`;
  if (p.status === "offered") return "Dieser Vertrag ist noch ein Angebot: Nichts kann finanziert werden, bis die Auftragnehmerin es annimmt.";
  if (p.status !== undefined) return `Es gibt kein Angebot zu beantworten: Dieser Vertrag ist ${CONTRACT_STATUS[p.status] ?? p.status}.`;
  if (p.accountType !== undefined) return `Nur Verträge mit dem Konto ${account(x, "enterprise_compliance")} haben ein Enddatum, das sich verlängern lässt.`;
  return "Eine Bewertung lässt sich erst abgeben, wenn der Vertrag beendet ist.";
}

/**
 * A refusal in German.
 * @param {Refusal} error @param {Formats} f @param {Record<string, string>} accounts the account types' names
 * @returns {string}
 */
export function refusal(error, f, accounts) {
  const say = BY_CODE[error?.code];
  if (!say) return `Die Engine hat das abgelehnt (${error?.code ?? "?"}).`;
  const params = { ...(error.index !== undefined ? { index: error.index } : {}), ...(error.params ?? {}) };
  const context = { f, field: error.field ?? "", rule: error.rule ?? "", accounts };
  try {
    return say(params, context);
  } catch {
    return say({}, context);  // params of a shape this table does not know: the general sentence
  }
}
