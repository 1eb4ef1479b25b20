// Whose turn it is, on the board: the engine's `waitingOn`, worded for the viewer at the top of the
// contract and on each milestone row, through a contract's whole life, for the client and for the
// freelancer; and the note on a contract whose clock is ahead of the page's. The page's clock is
// fixed (Dec 6, 2026, 12:00 UTC, in UTC) so that days and dates are known.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, watchErrors } from "./browser.mjs";
import { catalog } from "../../web/board/words.js";
import { turnText } from "../../web/board/turns.js";

const T0 = Date.UTC(2026, 11, 6, 12);  // Dec 6, 2026, 12:00 UTC
const DAY = 86_400_000;
let browser, site;

useBrowser((b, s) => {
  browser = b;
  site = s;
});

/** A fresh profile with the board open at T0 in UTC; fails the test on any page error. */
async function openBoard(t) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, timezoneId: "UTC" });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.clock.setFixedTime(T0);  // Date is fixed; timers and frames keep running
  await page.goto(site.url("/web/"));
  await page.waitForSelector("#app[data-ready]");
  t.after(async () => {
    assert.deepEqual(errors, [], "page errors");
    await context.close();
  });
  return page;
}

const frame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));

/** Runs a command as the host (at the board's clock unless it says), and waits for its frame. */
async function host(page, command) {
  const result = await page.evaluate((c) => document.getElementById("app").dispatch(c), command);
  assert.equal(result.ok, true, JSON.stringify(result.error));
  await frame(page);
}

async function actAs(page, role, label = "Acting as") {
  await page.getByLabel(label).selectOption(role);
  await frame(page);
}

/** What the top of the contract says of whose turn it is, and what milestone `id`'s row says. */
const top = (page) => page.locator(".turns:not([hidden]) li").allTextContents();
const rowTurn = async (page, id) => {
  const turn = page.locator(`.milestone[data-id="${id}"] .turn`);
  return (await turn.count()) === 0 ? null : turn.textContent();
};

/** For each role: [the top's sentences, {milestone id: its row's sentence or null}]. */
async function expectTurns(page, expected) {
  for (const [role, [lines, rows]] of Object.entries(expected)) {
    await actAs(page, role);
    assert.deepEqual(await top(page), lines, `top, as the ${role}`);
    for (const [id, sentence] of Object.entries(rows)) assert.equal(await rowTurn(page, id), sentence, `${id}, as the ${role}`);
  }
}

const CONTRACT = {
  id: "c-turns", title: "Website", accountType: "standard", client: "Acme Corp", freelancer: "Jo Park",
  milestones: [{ title: "Design", amount: 50000, dueDate: "2026-12-20" }, { title: "Build", amount: 80000, dueDate: "2027-01-15" }],
};

test("whose turn, at the top and on each row, for both parties through a contract's life", async (t) => {
  const page = await openBoard(t);
  await host(page, { type: "create_contract", actor: "client", offer: true, contract: CONTRACT });
  await expectTurns(page, {
    client: [["Waiting for Jo Park to accept or decline your offer"], { m1: null, m2: null }],
    freelancer: [["Your turn: accept or decline Acme Corp's offer"], { m1: null, m2: null }],
  });

  await host(page, { type: "propose_milestone", actor: "freelancer", milestone: { title: "Hosting", amount: 9000, dueDate: "2027-02-01" } });
  await expectTurns(page, {
    client: [["Your turn: accept or decline Jo Park's proposed milestone Hosting"], {}],
    freelancer: [["Acme Corp has not answered your proposed milestone Hosting yet"], {}],
  });

  await host(page, { type: "respond_milestone_proposal", actor: "client", accept: false });
  await host(page, { type: "respond_offer", actor: "freelancer", accept: true });
  const fund = "fund Design — work due Dec 20 (14 days left)";
  await expectTurns(page, {
    client: [[`Your turn: ${fund}`], { m1: `Your turn: ${fund}`, m2: null }],
    freelancer: [[`Waiting for Acme Corp to ${fund}`], { m1: `Waiting for Acme Corp to ${fund}`, m2: null }],
  });

  await host(page, { type: "activate_milestone", actor: "client", milestoneId: "m1" });
  const submit = "submit work on Design — due Dec 20 (14 days left)";
  await expectTurns(page, {
    client: [[`Waiting for Jo Park to ${submit}`], { m1: `Waiting for Jo Park to ${submit}`, m2: null }],
    freelancer: [[`Your turn: ${submit}`], { m1: `Your turn: ${submit}`, m2: null }],
  });

  // In review: the days left count from the viewer's day; the deadline is T0 + 14 days.
  await host(page, { type: "submit_work", actor: "freelancer", milestoneId: "m1", message: "Mockups." });
  const review = ": 14 days left; paid automatically on Dec 20";
  await expectTurns(page, {
    client: [[`Your review of Design${review}`], { m1: `Your review of Design${review}`, m2: null }],
    freelancer: [[`Waiting for Acme Corp to review Design${review}`], { m1: `Waiting for Acme Corp to review Design${review}` }],
  });

  // Changes requested: the work is owed again, by its due date.
  await host(page, { type: "request_changes", actor: "client", milestoneId: "m1", message: "Brand colours." });
  await expectTurns(page, {
    client: [[`Waiting for Jo Park to ${submit}`], { m1: `Waiting for Jo Park to ${submit}` }],
    freelancer: [[`Your turn: ${submit}`], { m1: `Your turn: ${submit}` }],
  });

  // Paid: the next milestone waits for its funding (its due date in another year says the year).
  await host(page, { type: "submit_work", actor: "freelancer", milestoneId: "m1", message: "Fixed." });
  await host(page, { type: "release_payment", actor: "client", milestoneId: "m1" });
  const fundBuild = "fund Build — work due Jan 15, 2027 (40 days left)";
  await expectTurns(page, {
    client: [[`Your turn: ${fundBuild}`], { m1: null, m2: `Your turn: ${fundBuild}` }],
    freelancer: [[`Waiting for Acme Corp to ${fundBuild}`], { m1: null, m2: `Waiting for Acme Corp to ${fundBuild}` }],
  });

  // A proposed due date waits for the other party's answer, before the funding.
  await host(page, { type: "propose_due_date", actor: "freelancer", milestoneId: "m2", dueDate: "2027-01-31" });
  await expectTurns(page, {
    client: [["Your turn: answer Jo Park's proposed due date for Build (Jan 31, 2027)"], { m2: "Your turn: answer Jo Park's proposed due date for Build (Jan 31, 2027)" }],
    freelancer: [["Acme Corp has not answered your proposed due date for Build (Jan 31, 2027) yet"], { m2: "Acme Corp has not answered your proposed due date for Build (Jan 31, 2027) yet" }],
  });

  // A refund request on the paid milestone: the top says the viewer's turn first.
  await host(page, { type: "respond_due_date", actor: "client", milestoneId: "m2", accept: false });
  await host(page, { type: "request_refund", actor: "client", milestoneId: "m1", amount: 10000, reason: "Late." });
  await expectTurns(page, {
    client: [[`Your turn: ${fundBuild}`, "Jo Park has not answered your refund request of $100.00 on Design yet"],
      { m1: "Jo Park has not answered your refund request of $100.00 on Design yet", m2: `Your turn: ${fundBuild}` }],
    freelancer: [["Your turn: answer Acme Corp's refund request of $100.00 on Design", `Waiting for Acme Corp to ${fundBuild}`],
      { m1: "Your turn: answer Acme Corp's refund request of $100.00 on Design" }],
  });
  assert.equal(await page.title(), "(1) Milestones", "the page title still counts what waits for the viewer");

  // Ended: nobody is awaited, and nothing is said.
  await host(page, { type: "respond_refund", actor: "freelancer", milestoneId: "m1", accept: false });
  await host(page, { type: "end_contract", actor: "client" });
  await expectTurns(page, { client: [[], { m1: null, m2: null }], freelancer: [[], { m1: null, m2: null }] });
  assert.equal(await page.locator(".turns").isHidden(), true);
  assert.equal(await page.locator(".clock-note").count(), 0, "the contract's clock is not ahead");
});

test("a contract whose clock is ahead of the page's says so; days count from the contract's day; German too", async (t) => {
  const page = await openBoard(t);
  await host(page, { type: "create_contract", actor: "client", contract: CONTRACT });
  await host(page, { type: "activate_milestone", actor: "client", milestoneId: "m1" });
  await actAs(page, "freelancer");
  await page.getByRole("button", { name: "Advance 14 days" }).click();
  await frame(page);
  assert.equal(await rowTurn(page, "m1"), "Your turn: submit work on Design — due today");
  await page.getByRole("button", { name: "Advance 1 day" }).click();
  await frame(page);
  assert.equal(await rowTurn(page, "m1"), "Your turn: submit work on Design — due Dec 20, 1 day overdue");
  assert.equal(await page.locator(".clock-note").count(), 0, "the page's clock is the contract's");

  // Submitted on Dec 21 by the demo clock, then back to real time (Dec 6): the contract's clock
  // stays at Dec 21, and a new action would be recorded then.
  await host(page, { type: "submit_work", actor: "freelancer", milestoneId: "m1", message: "Late, sorry." });
  await page.getByRole("button", { name: "Real time" }).click();
  await frame(page);
  assert.equal(await page.locator(".board-header .clock-note").textContent(),
    "This contract's clock is at Dec 21, 2026, ahead of today: new actions are recorded on Dec 21.");
  assert.deepEqual(await top(page), ["Waiting for Acme Corp to review Design: 14 days left; paid automatically on Jan 4, 2027"]);
  await actAs(page, "client");
  assert.equal(await rowTurn(page, "m1"), "Your review of Design: 14 days left; paid automatically on Jan 4, 2027");

  await page.evaluate(() => document.getElementById("app").setAttribute("lang", "de"));
  await page.locator(".board-header .clock-note").getByText(/^Die Uhr/).waitFor();
  assert.equal(await page.locator(".board-header .clock-note").textContent(),
    "Die Uhr dieses Vertrags steht schon auf dem 21. Dez. 2026, später als heute: Neue Aktionen werden auf den 21. Dez. datiert.");
  assert.equal(await rowTurn(page, "m1"), "Ihre Prüfung von Design: noch 14 Tage; am 4. Jan. 2027 wird automatisch gezahlt");
  await actAs(page, "freelancer", "Handelnd als");
  assert.deepEqual(await top(page), ["Acme Corp prüft Design: noch 14 Tage; am 4. Jan. 2027 wird automatisch gezahlt"]);

  // Once the page's day is the contract's again, the note goes.
  await page.getByRole("button", { name: "14 Tage vorspulen" }).click();
  await page.getByRole("button", { name: "1 Tag vorspulen" }).click();
  await frame(page);
  assert.equal(await page.locator(".clock-note").count(), 0);
});

test("every command waitingOn can name has a sentence for each party, in both languages", () => {
  const contract = { title: "Website", client: "Acme Corp", freelancer: "Jo Park", milestoneProposal: { title: "Hosting" } };
  const m = { title: "Design", refundRequest: { amount: 10000 }, dueDateProposal: { dueDate: "2026-12-24" } };
  const today = "2026-12-06";
  const turns = [  // core/rules/turns.cpp: each command a `waitingOn` names, with its deadline
    ["activate_milestone", "client", "2026-12-20"], ["submit_work", "freelancer", "2026-12-07"],
    ["release_payment", "client", T0 + 14 * DAY], ["respond_due_date", "freelancer", null],
    ["respond_refund", "freelancer", null], ["respond_milestone_proposal", "client", null], ["respond_offer", "freelancer", null],
  ];
  for (const lang of ["en", "de"]) {
    const w = catalog(lang);
    for (const [action, party, by] of turns) {
      assert.ok(w.turns[action], `${lang}: ${action}`);
      for (const role of ["client", "freelancer"]) {
        const text = turnText({ party, action, by }, m, contract, { role, today, now: T0 }, w);
        assert.ok(text && !/undefined|null|NaN|\$\{/.test(text), `${lang} ${action} as ${role}: ${text}`);
        // Waiting on the other party, it is named.
        if (party !== role) assert.ok(text.includes(role === "client" ? "Jo Park" : "Acme Corp"), text);
      }
    }
    assert.equal(turnText(null, m, contract, { role: "client", today, now: T0 }, w), null);
  }
  const en = catalog("en");
  assert.equal(turnText({ party: "freelancer", action: "submit_work", by: "2026-12-07" }, m, contract, { role: "freelancer", today, now: T0 }, en),
    "Your turn: submit work on Design — due tomorrow, Dec 7");
  const client = { role: "client", today, now: T0 };
  assert.equal(turnText({ party: "client", action: "release_payment", by: T0 + 3_600_000 }, m, contract, client, en),
    "Your review of Design: last day; paid automatically today");
  assert.equal(turnText({ party: "client", action: "release_payment", by: T0 }, m, contract, client, en),
    "Your review of Design: the time is up; the payment is released automatically");
  assert.equal(turnText({ party: "client", action: "some_new_command", by: null }, m, contract, { role: "freelancer", today, now: T0 }, en),
    "Waiting for Acme Corp");
});
