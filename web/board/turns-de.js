// @ts-check
// The board's words in German for whose turn it is (turns.js) and for a contract whose clock is
// ahead of the page's: part of the German catalog, which words.js makes of words-de.js and this;
// the same keys as turns-en.js.

/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */
/** @typedef {import("./turns-en.js").Turn} Turn */

/** The German words of whose turn it is. @param {Formats} f */
export function turnsGerman(f) {
  /** " — fällig am 20. Dez. (noch 12 Tage)", " — heute fällig", " — fällig am 20. Dez., 3 Tage überfällig". @param {Turn} t */
  const due = (t, what = "fällig") => {
    if (t.due === null) return "";
    const day = f.day(t.due, t.today);
    if (t.days > 1) return ` — ${what} am ${day} (noch ${f.days(t.days)})`;
    if (t.days === 1) return ` — ${what} morgen, ${day}`;
    if (t.days === 0) return ` — ${what} heute`;
    return ` — ${what} am ${day}, ${f.days(-t.days)} überfällig`;
  };
  /** "noch 12 Tage; am 18. Dez. wird automatisch gezahlt". @param {Turn} t */
  const review = (t) => {
    if (t.due === null) return "";
    if (t.days > 0) return `: noch ${f.days(t.days)}; am ${f.day(t.due, t.today)} wird automatisch gezahlt`;
    if (t.days === 0) return ": letzter Tag; heute wird automatisch gezahlt";
    return ": die Frist ist abgelaufen; die Zahlung wird automatisch freigegeben";
  };
  return {
    turns: {
      activate_milestone: {
        mine: (/** @type {Turn} */ t) => `Sie sind am Zug: ${t.title} finanzieren${due(t, "Arbeit fällig")}`,
        theirs: (/** @type {Turn} */ t) => `${t.who} ist am Zug: ${t.title} finanzieren${due(t, "Arbeit fällig")}`,
      },
      submit_work: {
        mine: (/** @type {Turn} */ t) => `Sie sind am Zug: Arbeit zu ${t.title} einreichen${due(t)}`,
        theirs: (/** @type {Turn} */ t) => `${t.who} ist am Zug: Arbeit zu ${t.title} einreichen${due(t)}`,
      },
      release_payment: {
        mine: (/** @type {Turn} */ t) => `Ihre Prüfung von ${t.title}${review(t)}`,
        theirs: (/** @type {Turn} */ t) => `${t.who} prüft ${t.title}${review(t)}`,
      },
      respond_due_date: {
        mine: (/** @type {Turn} */ t) =>
          `Sie sind am Zug: den von ${t.who} vorgeschlagenen Termin für ${t.title} (${f.day(t.date, t.today)}) annehmen oder ablehnen`,
        theirs: (/** @type {Turn} */ t) =>
          `${t.who} hat auf Ihren vorgeschlagenen Termin für ${t.title} (${f.day(t.date, t.today)}) noch nicht geantwortet`,
      },
      respond_refund: {
        mine: (/** @type {Turn} */ t) => `Sie sind am Zug: die Erstattungsanfrage von ${t.who} über ${f.money(t.amount)} zu ${t.title} beantworten`,
        theirs: (/** @type {Turn} */ t) => `${t.who} hat auf Ihre Erstattungsanfrage über ${f.money(t.amount)} zu ${t.title} noch nicht geantwortet`,
      },
      respond_milestone_proposal: {
        mine: (/** @type {Turn} */ t) => `Sie sind am Zug: den von ${t.who} vorgeschlagenen Meilenstein ${t.proposal} annehmen oder ablehnen`,
        theirs: (/** @type {Turn} */ t) => `${t.who} hat auf Ihren vorgeschlagenen Meilenstein ${t.proposal} noch nicht geantwortet`,
      },
      respond_offer: {
        mine: (/** @type {Turn} */ t) => `Sie sind am Zug: das Angebot von ${t.who} annehmen oder ablehnen`,
        theirs: (/** @type {Turn} */ t) => `${t.who} ist am Zug: Ihr Angebot annehmen oder ablehnen`,
      },
    },
    turnOther: {
      mine: (/** @type {Turn} */ _t) => "Sie sind am Zug",
      theirs: (/** @type {Turn} */ t) => `${t.who} ist am Zug`,
    },
    nextSteps: "Nächste Schritte",
    moreTurns: (/** @type {number} */ n) => `…und ${n} weitere bei den Meilensteinen unten`,
    clockAhead: (/** @type {string} */ day, /** @type {string} */ today) =>
      `Die Uhr dieses Vertrags steht schon auf dem ${f.date(day)}, später als heute: Neue Aktionen werden auf den ${f.day(day, today)} datiert.`,
  };
}
