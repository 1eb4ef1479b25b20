// The German catalog against the engine's real answers (WebAssembly in Node.js): refusals of every
// kind the board meets, worded from the params the engine really sends; a link's problems in
// plain words; the sample contract in German.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { loadEngine } from "../../web/milestones.js";
import { catalog } from "../../web/board/words.js";
import { sampleCommands } from "../../web/board/sample.js";

const engine = await loadEngine();
const de = catalog("de");
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 26);

const milestones = [
  { title: "Design", amount: 10000, dueDate: "2026-12-10" },
  { title: "Build", amount: 20000, dueDate: "2026-12-20" },
  { title: "Launch", amount: 30000, dueDate: "2026-12-30" },
];
const create = (contract = {}, extra = {}) => ({ type: "create_contract", actor: "client", at: T0, ...extra,
  contract: { title: "Website", accountType: "standard", client: "Acme", freelancer: "Jo", milestones, ...contract } });
const on = (type, milestoneId, extra = {}, actor = "client", at = T0) => ({ type, actor, at, milestoneId, ...extra });

/** A contract after `commands`, each accepted. */
function contractAfter(...commands) {
  const c = engine.createContract();
  for (const command of commands) {
    const result = c.dispatch(command);
    assert.equal(result.ok, true, JSON.stringify(result));
  }
  return c;
}

/** The engine's refusal of `command` after `before`. */
function refusalOf(before, command) {
  const c = contractAfter(...before);
  const result = c.dispatch(command);
  c.dispose();
  assert.equal(result.ok, false, `${command.type} is refused`);
  return result.error;
}

const compliance = create({ accountType: "enterprise_compliance", endDate: "2027-01-31" });
const funded = [create(), on("activate_milestone", "m1")];
const paid = [...funded, on("release_payment", "m1", { amount: 10000 })];
const ended = [...paid, { type: "end_contract", actor: "client", at: T0 }];
/** A well-formed SHA-256 (R25). */
const SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** [what, the refused command after the commands before it, its code, what the German says]. */
const CASES = [
  ["an amount of $4", [], create({ milestones: [{ title: "D", amount: 400, dueDate: "2026-12-10" }] }), "INVALID_AMOUNT",
    "Der Betrag muss zwischen 5,00\u00a0$ und 10.000.000,00\u00a0$ liegen; 4,00\u00a0$ ist nicht zulässig."],
  ["a refund of nothing", paid, on("request_refund", "m1", { amount: 0, reason: "r" }), "INVALID_AMOUNT",
    "Der Betrag muss mindestens 0,01\u00a0$ betragen."],
  ["a past due date", [], create({ milestones: [{ title: "D", amount: 4000, dueDate: "2026-11-01" }] }), "INVALID_DATE",
    "Der 1. Nov. 2026 liegt in der Vergangenheit; wählen Sie den 25. Nov. 2026 oder später."],
  ["a date not on the calendar", [], create({ milestones: [{ title: "D", amount: 4000, dueDate: "2027-02-29" }] }), "INVALID_DATE",
    "„2027-02-29“ ist kein Datum im Kalender."],
  ["an extension before the end date", [compliance], { type: "extend_contract", actor: "client", at: T0, endDate: "2027-01-01" }, "INVALID_DATE",
    "Das neue Enddatum muss nach dem bisherigen liegen, dem 31. Jan. 2027."],
  ["an empty contract title", [], create({ title: "" }), "INVALID_FIELD", "Der Titel des Vertrags darf nicht leer sein."],
  ["an empty milestone title", [], create({ milestones: [{ title: " ", amount: 4000, dueDate: "2026-12-10" }] }), "INVALID_FIELD",
    "Der Titel des Meilensteins darf nicht leer sein."],
  ["a rating of 7", ended, { type: "leave_feedback", actor: "client", at: T0, rating: 7, comment: "" }, "INVALID_FIELD",
    "Die Bewertung muss eine ganze Zahl von 1 bis 5 sein."],
  ["a control character", [], create({ title: "Web\u202esite" }), "INVALID_FIELD",
    "Der Titel des Vertrags enthält das unsichtbare Steuerzeichen U+202E; bitte entfernen Sie es."],
  ["a move to its own place", [create()], on("move_milestone", "m2", { toIndex: 1 }), "INVALID_FIELD", "„Build“ steht schon an Position 2."],
  ["a move past the end", [create()], on("move_milestone", "m2", { toIndex: 9 }), "INVALID_FIELD", "Die neue Position muss zwischen 1 und 3 liegen."],
  ["an unknown account type", [], create({ accountType: "gold" }), "INVALID_FIELD",
    "Der Kontotyp muss Standard, Enterprise, Enterprise Compliance oder Work Protection Program (WPP) sein."],
  ["a title too long", [], create({ title: "x".repeat(5000) }), "LIMIT_EXCEEDED",
    "Der Titel des Vertrags ist zu lang: Höchstens 200 Zeichen sind erlaubt, es sind 5.000."],
  ["the freelancer funding", [create()], on("activate_milestone", "m1", {}, "freelancer"), "NOT_PERMITTED",
    "Einen Meilenstein finanzieren kann nur der Auftraggeber, nicht die Auftragnehmerin."],
  ["answering one's own proposal", [create(), on("propose_due_date", "m2", { dueDate: "2027-01-10" }, "freelancer")],
    on("respond_due_date", "m2", { accept: true }, "freelancer"), "NOT_PERMITTED",
    "Die Auftragnehmerin hat dieses Fälligkeitsdatum selbst vorgeschlagen; beantworten muss es der Auftraggeber."],
  ["submitting an unfunded milestone", [create()], on("submit_work", "m1", { message: "x" }, "freelancer"), "INVALID_STATE",
    "„Design“ ist noch nicht finanziert; in diesem Stand geht das nicht."],
  ["funding an offer", [create({}, { offer: true })], on("activate_milestone", "m1"), "INVALID_STATE",
    "Dieser Vertrag ist noch ein Angebot: Nichts kann finanziert werden, bis die Auftragnehmerin es annimmt."],
  ["extending a standard contract", [create()], { type: "extend_contract", actor: "client", at: T0, endDate: "2027-06-01" }, "INVALID_STATE",
    "Nur Verträge mit dem Konto Enterprise Compliance haben ein Enddatum, das sich verlängern lässt."],
  ["feedback before the end", [create()], { type: "leave_feedback", actor: "client", at: T0, rating: 5, comment: "" }, "INVALID_STATE",
    "Eine Bewertung lässt sich erst abgeben, wenn der Vertrag beendet ist."],
  ["a second refund request", [...paid, on("request_refund", "m1", { amount: 100, reason: "r" })], on("request_refund", "m1", { amount: 100, reason: "r" }),
    "INVALID_STATE", "Für „Design“ ist schon ein Erstattungsantrag offen; warten Sie auf die Antwort der Auftragnehmerin."],
  ["funding out of order", [create()], on("activate_milestone", "m2"), "NOT_NEXT_MILESTONE",
    "„Build“ ist nicht an der Reihe; finanzieren Sie zuerst „Design“ oder verschieben Sie „Build“ nach oben."],
  ["funding while another is active", funded, on("activate_milestone", "m2"), "ANOTHER_MILESTONE_ACTIVE",
    "Geben Sie zuerst das Geld für „Design“ frei, bevor Sie „Build“ finanzieren; es ist immer nur ein Meilenstein aktiv."],
  ["editing a funded milestone", funded, on("edit_milestone", "m1", { changes: { amount: 9000 } }), "MILESTONE_LOCKED",
    "„Design“ ist schon finanziert und lässt sich nicht mehr ändern; das geht nur bei Meilensteinen, die noch nicht finanziert sind."],
  ["moving above a funded one", funded, on("move_milestone", "m3", { toIndex: 0 }), "MILESTONE_LOCKED",
    "„Launch“ kann nicht über „Design“: Finanzierte Meilensteine behalten ihren Platz."],
  ["an unknown milestone", [create()], on("activate_milestone", "m9"), "UNKNOWN_MILESTONE", "Es gibt keinen Meilenstein mit der Kennung „m9“."],
  ["a refund larger than paid", paid, on("request_refund", "m1", { amount: 20000, reason: "r" }), "REFUND_TOO_LARGE",
    "Von „Design“ können höchstens 100,00\u00a0$ erstattet werden."],
  ["refunding more than asked", [...paid, on("request_refund", "m1", { amount: 3000, reason: "r" })],
    on("respond_refund", "m1", { accept: true, amount: 5000 }, "freelancer"), "REFUND_TOO_LARGE",
    "Der Auftraggeber hat für „Design“ 30,00\u00a0$ beantragt; mehr kann nicht erstattet werden."],
  ["ending with money in escrow", funded, { type: "end_contract", actor: "client", at: T0 }, "CONTRACT_INCOMPLETE",
    "„Design“ hält 100,00\u00a0$ treuhänderisch (finanziert); das Geld muss freigegeben werden, bevor der Vertrag enden kann."],
  ["ending with a refund request open", [...paid, on("request_refund", "m1", { amount: 100, reason: "r" })],
    { type: "end_contract", actor: "client", at: T0 }, "CONTRACT_INCOMPLETE",
    "Der Erstattungsantrag zu „Design“ muss beantwortet werden, bevor der Vertrag enden kann."],
  ["answering no refund request", paid, on("respond_refund", "m1", { accept: true }, "freelancer"), "NO_OPEN_REQUEST",
    "Zu „Design“ gibt es keinen Erstattungsantrag, den man beantworten könnte."],
  ["answering no due date proposal", [create()], on("respond_due_date", "m2", { accept: true }), "NO_OPEN_REQUEST",
    "Zu „Build“ gibt es keinen Terminvorschlag, den man beantworten könnte."],
  ["withdrawing no milestone proposal", [create()], { type: "withdraw_milestone_proposal", actor: "freelancer", at: T0 }, "NO_OPEN_REQUEST",
    "Es gibt keinen Meilensteinvorschlag, den man zurückziehen könnte."],
  ["adding to a locked plan", [compliance], { type: "add_milestone", actor: "client", at: T0, milestone: { title: "X", amount: 1000, dueDate: "2027-01-01" } },
    "CONTRACT_LOCKED", "Die Meilensteine dieses Vertrags wurden zu Beginn festgelegt (Konto Enterprise Compliance); um Meilensteine hinzuzufügen, " +
    "zu bearbeiten oder zu löschen, erstellen Sie ein neues Vertragsangebot."],
  ["a due date after the end", [compliance], on("propose_due_date", "m1", { dueDate: "2027-03-01" }, "freelancer"), "OUTSIDE_CONTRACT_SCOPE",
    "Das Fälligkeitsdatum 1. März 2027 liegt nach dem Vertragsende am 31. Jan. 2027; verlängern Sie den Vertrag oder beginnen Sie einen neuen."],
  ["a plan past the end", [], create({ accountType: "enterprise_compliance", endDate: "2026-12-15" }), "OUTSIDE_CONTRACT_SCOPE",
    "Das Fälligkeitsdatum von „Build“, der 20. Dez. 2026, liegt nach dem Vertragsende am 15. Dez. 2026; wählen Sie ein früheres Datum oder ein späteres Enddatum."],
  ["a compliance contract without an end date", [], create({ accountType: "enterprise_compliance" }), "INVALID_COMMAND",
    "Ein Vertrag mit dem Konto Enterprise Compliance braucht ein Enddatum."],
  ["feedback twice", [...ended, { type: "leave_feedback", actor: "client", at: T0, rating: 5, comment: "" }],
    { type: "leave_feedback", actor: "client", at: T0, rating: 4, comment: "" }, "DUPLICATE_FEEDBACK",
    "Der Auftraggeber hat zu diesem Vertrag schon eine Bewertung abgegeben."],
  ["a command after the end", ended, on("activate_milestone", "m2"), "CONTRACT_ENDED",
    "Dieser Vertrag ist beendet; möglich sind nur noch Erstattungen, Bewertungen und Nachrichten."],
  ["a command on a declined offer", [create({}, { offer: true }), { type: "respond_offer", actor: "freelancer", at: T0, accept: false }],
    { type: "post_message", actor: "client", at: T0, text: "Why?" }, "CONTRACT_ENDED",
    "Die Auftragnehmerin hat dieses Angebot abgelehnt; der Vertrag ist geschlossen."],
  ["an empty message", [create()], { type: "post_message", actor: "client", at: T0, text: " \n " }, "INVALID_FIELD",
    "Die Nachricht darf nicht leer sein."],
  ["a message too long", [create()], { type: "post_message", actor: "freelancer", at: T0, text: "x".repeat(5001) }, "LIMIT_EXCEEDED",
    "Die Nachricht ist zu lang: Höchstens 5.000 Zeichen sind erlaubt, es sind 5.001."],
  ["a message on no milestone", [create()], { type: "post_message", actor: "client", at: T0, milestoneId: "m7", text: "Hi" }, "UNKNOWN_MILESTONE",
    "Es gibt keinen Meilenstein mit der Kennung „m7“."],
  ["a 21st attachment", funded, on("submit_work", "m1", { message: "m", attachments: Array.from({ length: 21 }, (_, i) => ({ name: `f${i}`, size: 1, sha256: SHA })) }, "freelancer"),
    "INVALID_FIELD", "Zu einer Einreichung gehören höchstens 20 Dateien; diese hat 21."],
  ["an attachment's empty name", funded, on("submit_work", "m1", { message: "m", attachments: [{ name: " ", size: 1, sha256: SHA }] }, "freelancer"),
    "INVALID_FIELD", "Der Name von Anhang 1 darf nicht leer sein."],
  ["an attachment's long name", funded, on("submit_work", "m1", { message: "m", attachments: [{ name: "n".repeat(256), size: 1, sha256: SHA }] }, "freelancer"),
    "INVALID_FIELD", "Der Name von Anhang 1 ist zu lang: Höchstens 255 Zeichen sind erlaubt, es sind 256."],
  ["an attachment's control character", funded, on("submit_work", "m1", { message: "m", attachments: [{ name: "a\u0007", size: 1, sha256: SHA }] }, "freelancer"),
    "INVALID_FIELD", "Der Name von Anhang 1 enthält ein unsichtbares Steuerzeichen (U+0007); bitte entfernen Sie es."],
  ["an attachment's size", funded, on("submit_work", "m1", { message: "m", attachments: [{ name: "a", size: 1, sha256: SHA }, { name: "b", size: -1, sha256: SHA }] }, "freelancer"),
    "INVALID_FIELD", "Die Größe von Anhang 2 muss eine ganze Zahl von Bytes zwischen 0 und 9.007.199.254.740.991 sein."],
  ["an attachment's hash", funded, on("submit_work", "m1", { message: "m", attachments: [{ name: "a", size: 1, sha256: SHA.toUpperCase() }] }, "freelancer"),
    "INVALID_FIELD", "Der SHA-256-Wert von Anhang 1 muss aus genau 64 Hexadezimalziffern in Kleinbuchstaben (0–9, a–f) bestehen."],
  ["an attachment's link", funded, on("submit_work", "m1", { message: "m", attachments: [{ name: "a", size: 1, sha256: SHA, url: "http://x.example" }] }, "freelancer"),
    "INVALID_FIELD", "Der Link von Anhang 1 muss eine Adresse sein, die mit https:// beginnt."],
  ["a space in an attachment's link", funded, on("submit_work", "m1", { message: "m", attachments: [{ name: "a", size: 1, sha256: SHA, url: "https://x.example/a b" }] }, "freelancer"),
    "INVALID_FIELD", "Der Link von Anhang 1 enthält ein Leerzeichen oder ein unsichtbares Zeichen (U+0020); bitte entfernen Sie es."],
  ["a long attachment link", funded, on("submit_work", "m1", { message: "m", attachments: [{ name: "a", size: 1, sha256: SHA, url: `https://${"x".repeat(2041)}` }] }, "freelancer"),
    "INVALID_FIELD", "Der Link von Anhang 1 ist zu lang: Nach https:// sind höchstens 2.040 Zeichen erlaubt."],
  ["a message by the system", [create()], { type: "post_message", actor: "system", at: T0, text: "Hi" }, "NOT_PERMITTED",
    "Eine Nachricht schreiben können nur Auftraggeber und Auftragnehmerin, nicht das System."],
  ["a review after its window", [...funded, on("submit_work", "m1", { message: "x" }, "freelancer")],
    on("request_changes", "m1", { message: "y" }, "client", T0 + 15 * DAY), "REVIEW_WINDOW_CLOSED",
    "Die 14-tägige Prüfungsfrist für „Design“ ist abgelaufen, und die Zahlung wurde automatisch freigegeben."],
];

/** What no German sentence may hold: a missing value, or the engine's English. */
function assertClean(said, error) {
  assert.doesNotMatch(said, /undefined|NaN|null|\[object|\$\d/, said);
  assert.notEqual(said, error.message, "not the engine's English");
  assert.doesNotMatch(said, /Die Engine hat das abgelehnt/, "a sentence of its own code");
  if (error.detail) assert.ok(!said.includes(error.detail), "never the detail");
}

for (const [what, before, command, code, german] of CASES) {
  test(`German words ${code} from the engine's params: ${what}`, () => {
    const error = refusalOf(before, command);
    assert.equal(error.code, code, error.message);
    const said = de.refusal(error);
    assertClean(said, error);
    assert.equal(said, german);
  });
}

test("German words CLOCK_BACKWARDS with both moments, and LOG_INVALID with the event's index", () => {
  const clock = refusalOf([create()], on("activate_milestone", "m1", {}, "client", T0 - 5 * 60_000));
  assert.equal(clock.code, "CLOCK_BACKWARDS");
  const said = de.refusal(clock);
  assertClean(said, clock);
  assert.equal(said, `Die Zeit läuft nie rückwärts: Dieser Befehl ist vom ${de.moment(T0 - 5 * 60_000)}, der Vertrag steht aber schon beim ${de.moment(T0)}.`);

  const c = contractAfter(...funded);
  const log = c.log();
  c.dispose();
  log.events[1].amount = 9000;
  let refused;
  try {
    engine.restore(JSON.stringify(log));
  } catch (e) {
    refused = e;
  }
  assert.equal(refused?.code, "LOG_INVALID");
  assert.equal(refused.index, 1);
  const text = de.refusal(refused);
  assertClean(text, refused);
  assert.equal(text, "Ereignis 1 des Protokolls hätte so nicht geschehen können: Es weicht davon ab, was die Regeln festhalten.");
});

test("every error code of the typings has German words of its own", () => {
  const typings = readFileSync(new URL("../../web/milestones.d.ts", import.meta.url), "utf8");
  const union = typings.slice(typings.indexOf("export type ErrorCode"), typings.indexOf(";", typings.indexOf("export type ErrorCode")));
  const codes = [...union.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]);
  assert.ok(codes.length > 20, `${codes.length} codes`);
  for (const code of codes) assert.doesNotMatch(de.refusal({ code, message: "…", params: {} }), /abgelehnt \(/, code);
});

test("a link's problems, and the engine's refusal of what a link holds, are plain words in German", async () => {
  const c = contractAfter(...funded);
  const log = c.log();
  c.dispose();
  const damaged = "Dieser Link ist beschädigt: Ein Teil fehlt oder wurde verändert. Bitten Sie erneut um den Link.";
  const refusals = [];
  for (const text of ['{"format":"milestone-log","version":1,"lastAt":1,"events":[{"x":-}]}', JSON.stringify({ ...log, version: 2 })]) {
    try {
      engine.restore(text);
    } catch (e) {
      refusals.push(e);
    }
  }
  assert.deepEqual(refusals.map((e) => e.code), ["INVALID_JSON", "LOG_INVALID"]);
  assert.match(refusals[0].detail, /at byte/);
  for (const problem of [...refusals, { code: "NOT_BASE64" }, { code: "CUT_SHORT" }, { code: "NOT_DEFLATE" }, { code: "NOT_UTF8" }]) {
    assert.equal(de.linkProblem(problem), damaged, problem.code);
  }
  assert.match(de.linkProblem({ code: "NO_TAG" }), /^Dieser Link führt zu keinem Vertrag dieses Boards/);
  assert.match(de.linkProblem({ code: "OTHER_FORMAT", tag: "ml2" }), /anderen Version des Boards/);
  assert.match(de.linkProblem({ code: "TOO_LARGE", limit: 8 * 1024 * 1024 }), /mehr als 8 MiB/);
});

test("the sample contract is made in the page's language", () => {
  for (const [lang, title, first] of [["en", "Bakery website redesign", "Brand and wireframes"], ["de", "Neue Website der Bäckerei", "Marke und Wireframes"]]) {
    const c = engine.createContract();
    const results = c.dispatchMany(sampleCommands(Date.UTC(2026, 11, 3, 12), "sample", catalog(lang)));
    assert.ok(results.every((r) => r.ok), JSON.stringify(results.find((r) => !r.ok)));
    const state = c.state();
    assert.equal(state.contract.title, title);
    assert.equal(state.milestones[0].title, first);
    assert.equal(state.milestones[1].submission.message, catalog(lang).sample.photosIn);
    c.dispose();
  }
});
