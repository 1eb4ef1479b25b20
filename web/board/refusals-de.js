// @ts-check
// The engine's refusals in German, worded from their code (core/PROTOCOL.md's error table) and,
// where the engine gives them, their `params` (the values the English message speaks of: amounts
// in cents, dates, names). A code without params, or with params this table does not know, gets
// the general sentence for that code; an unknown code gets a general sentence and the code.

/** @typedef {{code: string, message?: string, params?: Record<string, any>, field?: string, index?: number}} Refusal */

/**
 * The sentence for each code: a function of the params (with the formatters) when they say more,
 * else a general sentence.
 * @type {Record<string, (p: Record<string, any>, f: ReturnType<typeof import("./words.js").formats>) => string>}
 */
const BY_CODE = {
  INVALID_JSON: () => "Die Eingabe ist kein lesbares JSON.",
  INVALID_COMMAND: () => "Dieser Befehl ist unbekannt oder unvollständig.",
  CLOCK_BACKWARDS: () => "Die Zeit dieses Befehls liegt vor der Uhr des Vertrags; die Uhr läuft nie rückwärts.",
  NO_CONTRACT: () => "Es ist kein Vertrag geöffnet.",
  CONTRACT_EXISTS: () => "Diesen Vertrag gibt es schon.",
  INVALID_AMOUNT: (p, f) =>
    p.min !== undefined && p.max !== undefined ? `Der Betrag muss zwischen ${f.money(p.min)} und ${f.money(p.max)} liegen.`
    : p.min !== undefined ? `Der Betrag muss mindestens ${f.money(p.min)} betragen.`
    : p.max !== undefined ? `Der Betrag darf höchstens ${f.money(p.max)} betragen.`
    : "Dieser Betrag ist hier nicht zulässig.",
  INVALID_DATE: (p, f) =>
    p.earliest !== undefined ? `Das Datum ${f.date(p.date)} liegt zu früh; wählen Sie den ${f.date(p.earliest)} oder später.`
    : p.latest !== undefined ? `Das Datum ${f.date(p.date)} liegt zu spät; wählen Sie den ${f.date(p.latest)} oder früher.`
    : "Dieses Datum ist hier nicht zulässig.",
  INVALID_FIELD: (p) => p.field ? `Der Wert von „${p.field}“ ist nicht zulässig.` : "Ein Wert ist nicht zulässig.",
  LIMIT_EXCEEDED: (p) => p.max !== undefined ? `Das überschreitet die Grenze von ${p.max}.` : "Das überschreitet eine Grenze (Textlänge oder Zahl der Meilensteine).",
  NOT_PERMITTED: () => "Diese Seite darf das nicht tun.",
  CONTRACT_ENDED: () => "Der Vertrag ist beendet; nichts kann mehr geschehen.",
  UNKNOWN_MILESTONE: () => "Diesen Meilenstein gibt es nicht.",
  CONTRACT_LOCKED: () => "Der Plan dieses Vertrags ist festgelegt; Meilensteine lassen sich nicht hinzufügen, bearbeiten oder löschen.",
  MILESTONE_LOCKED: () => "Dieser Meilenstein ist finanziert und lässt sich nicht mehr ändern.",
  ANOTHER_MILESTONE_ACTIVE: () => "Ein anderer Meilenstein ist gerade aktiv; erst wenn er bezahlt ist, kommt der nächste.",
  NOT_NEXT_MILESTONE: () => "Nur der nächste Meilenstein des Plans kann jetzt finanziert werden.",
  INVALID_STATE: () => "Der Stand des Meilensteins oder des Vertrags erlaubt das gerade nicht.",
  REVIEW_WINDOW_CLOSED: () => "Die Prüfungsfrist ist abgelaufen.",
  OUTSIDE_CONTRACT_SCOPE: (p, f) => p.endDate ? `Das Datum liegt nach dem Vertragsende am ${f.date(p.endDate)}.` : "Das liegt außerhalb des Vertrags.",
  CONTRACT_INCOMPLETE: () => "Der Vertrag ist noch nicht abgeschlossen.",
  DUPLICATE_FEEDBACK: () => "Diese Seite hat schon eine Bewertung abgegeben.",
  REFUND_TOO_LARGE: (p, f) => p.max !== undefined ? `Höchstens ${f.money(p.max)} können erstattet werden.` : "Die Erstattung ist größer als erlaubt.",
  NO_OPEN_REQUEST: () => "Es gibt keine offene Anfrage, auf die man antworten könnte.",
  LOG_INVALID: (p) => p.index !== undefined ? `Ereignis ${p.index + 1} des Protokolls hätte so nicht geschehen können.` : "Das Protokoll ist ungültig.",
  READ_ONLY: () => "Dieser Vertrag ist hier nur lesbar.",
  NOT_READY: () => "Das Meilenstein-Board ist noch nicht gestartet.",
};

/**
 * A refusal in German.
 * @param {Refusal} error @param {ReturnType<typeof import("./words.js").formats>} f @returns {string}
 */
export function refusal(error, f) {
  const say = BY_CODE[error?.code];
  const params = { ...(error?.index !== undefined ? { index: error.index } : {}), ...(error?.params ?? {}) };
  if (!say) return `Die Engine hat das abgelehnt (${error?.code ?? "?"}).`;
  try {
    return say(params, f);
  } catch {
    return say({}, f);  // params of a shape this table does not know: the general sentence
  }
}
