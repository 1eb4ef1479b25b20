// @ts-check
// The board's words in English for whose turn it is (turns.js) and for a contract whose clock is
// ahead of the page's: part of the English catalog, which words.js makes of words-en.js and this.

/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */

/**
 * What one `waitingOn` says, given to each sentence: the other party's name (`who`), the
 * milestone's title, the deadline as the viewer's calendar day (`due`, or null) and the days from
 * the viewer's `today` to it, and the open question's figures where there is one.
 * @typedef {{who: string, title: string, due: string | null, days: number, today: string,
 *   amount: number, date: string, proposal: string}} Turn
 */

/** The English words of whose turn it is. @param {Formats} f */
export function turnsEnglish(f) {
  /** " — due Dec 20 (12 days left)", " — due today", " — due Dec 20, 3 days overdue". @param {Turn} t */
  const due = (t, what = "due") => {
    if (t.due === null) return "";
    const day = f.day(t.due, t.today);
    if (t.days > 1) return ` — ${what} ${day} (${f.days(t.days)} left)`;
    if (t.days === 1) return ` — ${what} tomorrow, ${day}`;
    if (t.days === 0) return ` — ${what} today`;
    return ` — ${what} ${day}, ${f.days(-t.days)} overdue`;
  };
  /** "12 days left; paid automatically on Dec 18". @param {Turn} t */
  const review = (t) => {
    if (t.due === null) return "";
    if (t.days > 0) return `: ${f.days(t.days)} left; paid automatically on ${f.day(t.due, t.today)}`;
    if (t.days === 0) return ": last day; paid automatically today";
    return ": the time is up; the payment is released automatically";
  };
  return {
    /** Whose turn it is, by the command awaited: for the party whose turn it is, and for the other. */
    turns: {
      activate_milestone: {
        mine: (/** @type {Turn} */ t) => `Your turn: fund ${t.title}${due(t, "work due")}`,
        theirs: (/** @type {Turn} */ t) => `Waiting for ${t.who} to fund ${t.title}${due(t, "work due")}`,
      },
      submit_work: {
        mine: (/** @type {Turn} */ t) => `Your turn: submit work on ${t.title}${due(t)}`,
        theirs: (/** @type {Turn} */ t) => `Waiting for ${t.who} to submit work on ${t.title}${due(t)}`,
      },
      release_payment: {
        mine: (/** @type {Turn} */ t) => `Your review of ${t.title}${review(t)}`,
        theirs: (/** @type {Turn} */ t) => `Waiting for ${t.who} to review ${t.title}${review(t)}`,
      },
      respond_due_date: {
        mine: (/** @type {Turn} */ t) => `Your turn: answer ${t.who}'s proposed due date for ${t.title} (${f.day(t.date, t.today)})`,
        theirs: (/** @type {Turn} */ t) => `${t.who} has not answered your proposed due date for ${t.title} (${f.day(t.date, t.today)}) yet`,
      },
      respond_refund: {
        mine: (/** @type {Turn} */ t) => `Your turn: answer ${t.who}'s refund request of ${f.money(t.amount)} on ${t.title}`,
        theirs: (/** @type {Turn} */ t) => `${t.who} has not answered your refund request of ${f.money(t.amount)} on ${t.title} yet`,
      },
      respond_milestone_proposal: {
        mine: (/** @type {Turn} */ t) => `Your turn: accept or decline ${t.who}'s proposed milestone ${t.proposal}`,
        theirs: (/** @type {Turn} */ t) => `${t.who} has not answered your proposed milestone ${t.proposal} yet`,
      },
      respond_offer: {
        mine: (/** @type {Turn} */ t) => `Your turn: accept or decline ${t.who}'s offer`,
        theirs: (/** @type {Turn} */ t) => `Waiting for ${t.who} to accept or decline your offer`,
      },
    },
    /** A command this catalog has no words for yet. */
    turnOther: {
      mine: (/** @type {Turn} */ _t) => "Your turn",
      theirs: (/** @type {Turn} */ t) => `Waiting for ${t.who}`,
    },
    nextSteps: "Next steps",
    moreTurns: (/** @type {number} */ n) => `…and ${n} more on the milestones below`,
    /** The contract's clock is on a later day than the page's. */
    clockAhead: (/** @type {string} */ day, /** @type {string} */ today) =>
      `This contract's clock is at ${f.date(day)}, ahead of today: new actions are recorded on ${f.day(day, today)}.`,
  };
}
