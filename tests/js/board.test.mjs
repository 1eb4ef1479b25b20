// The milestone board in headless Chromium: the whole lifecycle, reordering by mouse and
// keyboard, persistence and its failure modes, safety (CSP, user text as text) and axe-core.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { root, useBrowser, watchErrors } from "./browser.mjs";
import { loadEngine } from "../../web/milestones.js";
import { longContract, storedEntries } from "./long-contract.mjs";

const artifacts = new URL("../artifacts/", import.meta.url).pathname;
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let browser, site;

before(async () => {
  await mkdir(artifacts, { recursive: true });
});
useBrowser((b, s) => {
  browser = b;
  site = s;
});

/** A fresh browser profile (own localStorage) with the board open; fails the test on any error. */
async function openBoard(t, { context, options = {} } = {}) {
  context ??= await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  // In every tab of the context: resolves once the board has stored a click's change (it does so
  // after the frame that shows it).
  await context.addInitScript(() => {
    window.__saved = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on("dialog", (d) => { errors.push(`unexpected dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(site.url("/web/"));
  await page.waitForSelector("#app[data-ready]");
  t.after(async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp).catch(() => []), [], "CSP violations");
    assert.deepEqual(errors, [], "page errors");
    await context.close();
  });
  return { page, context, errors };
}

async function createContract(page, { title = "Website", client = "Acme", freelancer = "Jo", account, endDate, milestones, start = "agreed" }) {
  await page.getByRole("button", { name: "New contract" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Contract title").fill(title);
  await dialog.getByLabel("Client", { exact: true }).fill(client);
  await dialog.getByLabel("Freelancer", { exact: true }).fill(freelancer);
  if (account) await dialog.getByLabel("Account type").selectOption(account);
  if (endDate) await dialog.getByLabel("End date").fill(endDate);
  await dialog.getByLabel("How the contract starts").selectOption(start);
  for (const [i, m] of milestones.entries()) {
    if (i > 0) await dialog.getByRole("button", { name: "Add milestone" }).click();
    await dialog.getByLabel("Milestone title").nth(i).fill(m.title);
    await dialog.getByLabel("Amount (USD)").nth(i).fill(m.amount);
    await dialog.getByLabel("Due date").nth(i).fill(m.due ?? "2030-12-31");
  }
  await dialog.getByRole("button", { name: "Create contract" }).click();
  await page.getByRole("heading", { level: 2, name: title }).waitFor();
}

/** What a page stored for its one contract: the head and the events its segments hold up to it. */
const stored = (page) => page.evaluate(async () => {
  await window.__saved();
  const headKey = Object.keys(localStorage).find((k) => /^milestone-board:v3:contract:/.test(k));
  const head = JSON.parse(localStorage.getItem(headKey));
  const id = headKey.slice("milestone-board:v3:contract:".length);
  const events = [];
  for (let k = 0; events.length < head.seq; k++) events.push(...JSON.parse(localStorage.getItem(`milestone-board:v3:events:${id}:${k}`)));
  return { head, headKey, id, log: { format: "milestone-log", version: 1, lastAt: head.lastAt, events: events.slice(0, head.seq) } };
});

const row = (page, id) => page.locator(`.milestone[data-id="${id}"]`);
/** Resolves once the board has drawn what the last action changed: it renders in the next frame. */
const frame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));

/** "Activate & fund" on a row, confirmed in the dialog that states what will be charged. */
async function activate(page, id) {
  await row(page, id).getByRole("button", { name: "Activate & fund" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Activate & fund" }).click();
  await dialog.waitFor({ state: "hidden" });
  await frame(page);
}
const order = async (page) => {
  await frame(page);
  return page.locator(".milestone h4").allTextContents();
};
const actAs = async (page, role) => {
  await page.getByLabel("Acting as").selectOption(role);
  await frame(page);
};

async function formAction(page, id, button, fields = {}, submit = button) {
  await row(page, id).getByRole("button", { name: button, exact: true }).click();
  const dialog = page.getByRole("dialog");
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole("button", { name: submit, exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
  await frame(page);
}

test("a standard contract runs its whole life: fund, submit, changes, partial release, auto-release, end, refund, feedback", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "Design", amount: "100" }, { title: "Build", amount: "200" }] });
  await activate(page, "m1");
  await assert.doesNotReject(row(page, "m1").getByText("Funded: $100.00 in escrow").waitFor());

  await actAs(page, "freelancer");
  assert.equal(await row(page, "m1").getByRole("button", { name: "Activate & fund" }).count(), 0);
  await formAction(page, "m1", "Submit work", { Message: "Mockups are ready." });
  await actAs(page, "client");
  await formAction(page, "m1", "Request changes", { Message: "Use the brand colours." });
  await actAs(page, "freelancer");
  await formAction(page, "m1", "Submit work", { Message: "Colours fixed." });
  await actAs(page, "client");

  // Approve & release less than the escrow: the page explains the credit before submitting.
  await row(page, "m1").getByRole("button", { name: "Approve & release" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Amount to release").fill("60");
  await assert.doesNotReject(dialog.getByText("$40.00 goes back to the client's credit").waitFor());
  await dialog.getByLabel("Amount to release").fill("160");
  await assert.doesNotReject(dialog.getByText("$60.00 more will be charged to the client").waitFor());
  await dialog.getByLabel("Amount to release").fill("60");
  const said = await dialog.locator(".explain").textContent();
  await dialog.getByRole("button", { name: "Approve & release" }).click();
  await assert.doesNotReject(page.getByText("Acme released $60.00 of $100.00 for Design; $40.00 became credit").waitFor());
  // The dialog's figure came from the engine's preview: it is what the engine then recorded.
  const released = (await stored(page)).log.events.at(-1);
  assert.equal(released.type, "payment_released");
  assert.ok(said.includes(`$${(released.returned / 100).toFixed(2)} goes back`), said);

  await activate(page, "m2");
  await assert.doesNotReject(page.getByText("($40.00 from credit, $160.00 charged)").waitFor());
  // Each lock says what it holds: the paid milestone is closed, the funded one pinned.
  const lock = (id) => row(page, id).locator(".pin");
  assert.equal(await lock("m1").locator(".visually-hidden").textContent(), "Closed: paid milestones keep their place");
  assert.equal(await lock("m1").getAttribute("title"), "Paid milestones keep their place");
  assert.equal(await lock("m2").locator(".visually-hidden").textContent(), "Pinned: activated milestones keep their place");
  assert.equal(await lock("m2").getAttribute("title"), "Activated milestones keep their place");
  await actAs(page, "freelancer");
  await formAction(page, "m2", "Submit work", { Message: "Site is live." });
  await actAs(page, "client");
  await assert.doesNotReject(row(page, "m2").getByText(/Review within 14 days/).waitFor());
  await page.screenshot({ path: `${artifacts}board-mid-contract.png`, fullPage: true });

  // Nobody reviews: after 14 days the engine releases the payment by itself.
  await page.getByRole("button", { name: "Advance 14 days" }).click();
  await assert.doesNotReject(row(page, "m2").getByText("Paid $200.00 automatically").waitFor());
  await assert.doesNotReject(page.getByText(/\$200\.00 for Build was released automatically/).waitFor());

  await page.getByRole("button", { name: "End contract" }).click();
  await page.getByRole("dialog").getByText("The contract ends: nothing more can be funded or released. This cannot be undone.").waitFor();
  await page.getByRole("dialog").getByRole("button", { name: "End contract" }).click();
  await assert.doesNotReject(page.getByText("Acme ended the contract.").waitFor());

  // A refund after the end (R14): the freelancer's dialog gives the engine's figure as typed.
  await formAction(page, "m2", "Request refund", { "Amount (USD)": "50", Message: "The contact form is broken." });
  await actAs(page, "freelancer");
  const seq = (await stored(page)).head.seq;
  await row(page, "m2").getByRole("button", { name: "Accept refund" }).click();
  const refund = page.getByRole("dialog");
  await assert.doesNotReject(refund.getByText("$50.00 goes back to Acme; this cannot be undone.").waitFor());
  await refund.getByLabel("Amount (USD)").fill("80");
  await assert.doesNotReject(refund.locator(".field-amount .problem").getByText(/refund/i).waitFor());
  await refund.getByRole("button", { name: "Cancel" }).click();
  assert.equal((await stored(page)).head.seq, seq, "Cancel changes nothing");
  await row(page, "m2").getByRole("button", { name: "Accept refund" }).click();
  await refund.getByLabel("Amount (USD)").fill("30");
  await assert.doesNotReject(refund.getByText("$30.00 goes back to Acme; this cannot be undone.").waitFor());
  await refund.getByRole("button", { name: "Accept refund" }).click();
  await refund.waitFor({ state: "hidden" });
  const accepted = (await stored(page)).log.events.at(-1);
  assert.deepEqual([accepted.type, accepted.amount], ["refund_accepted", 3000]);
  await actAs(page, "client");

  await page.getByRole("button", { name: "Leave feedback" }).click();
  await page.getByRole("dialog").getByLabel("Rating").selectOption("5");
  await page.getByRole("dialog").getByLabel("Comment").fill("Great work");
  await page.getByRole("dialog").getByRole("button", { name: "Leave feedback" }).click();
  await actAs(page, "freelancer");
  await page.getByRole("button", { name: "Leave feedback" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Leave feedback" }).click();
  await assert.doesNotReject(page.getByText("Jo left feedback: 5 of 5.").waitFor());
  assert.equal(await page.getByRole("button", { name: "Leave feedback" }).count(), 0);
  await page.screenshot({ path: `${artifacts}board-ended.png`, fullPage: true });
});

/** The problem shown under the form control labelled `label`, or null when none is shown. */
async function problemAt(dialog, label) {
  const control = dialog.getByLabel(label, { exact: true });
  return control.evaluate((el) => {
    const p = el.parentElement.querySelector(".problem");
    return p.hidden ? null : p.textContent;
  });
}

test("the engine's problem shows at its field as it is typed, in money a person reads", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "Design", amount: "100" }] });
  await page.getByRole("button", { name: "Add milestone" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Milestone title").fill("Tiny");
  await dialog.getByLabel("Amount (USD)").fill("4");
  // As it is typed: the amount speaks, the untouched due date not yet.
  assert.equal(await problemAt(dialog, "Amount (USD)"), "The amount must be from $5.00 to $10,000,000.00; $4.00 is not.");
  assert.equal(await problemAt(dialog, "Due date"), null);
  await dialog.getByLabel("Amount (USD)").fill("four");
  assert.equal(await problemAt(dialog, "Amount (USD)"), "Enter an amount in US dollars, like 250 or 250.50.");
  await dialog.getByLabel("Amount (USD)").fill("4.99");
  await dialog.getByRole("button", { name: "Add milestone" }).click();
  // On submit: every problem, the alert says how many, and the first takes the focus.
  assert.equal(await problemAt(dialog, "Amount (USD)"), "The amount must be from $5.00 to $10,000,000.00; $4.99 is not.");
  assert.equal(await problemAt(dialog, "Due date"), "Choose a date.");
  assert.equal(await dialog.getByRole("alert").textContent(), "Please fix the 2 problems marked below.");
  assert.equal(await dialog.getByLabel("Amount (USD)").getAttribute("aria-invalid"), "true");
  assert.ok(await dialog.getByLabel("Amount (USD)").evaluate((el) => el.matches(":focus")));
  await dialog.getByLabel("Amount (USD)").fill("5");
  assert.equal(await problemAt(dialog, "Amount (USD)"), null);
  assert.equal(await dialog.getByLabel("Amount (USD)").getAttribute("aria-invalid"), null);
  await dialog.getByLabel("Due date").fill("2030-01-01");
  await dialog.getByRole("button", { name: "Add milestone" }).click();
  await assert.doesNotReject(row(page, "m2").getByText("Tiny").waitFor());
});

test("a blank New contract form shows every problem at once, each at its field; same names are only a warning", async (t) => {
  const { page } = await openBoard(t);
  await page.getByRole("button", { name: "New contract" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Account type").selectOption("enterprise_compliance");
  assert.equal(await dialog.getByLabel("End date").getAttribute("min"), await page.evaluate(() => {
    const t = new Date();
    return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, "0")}-${String(t.getDate()).padStart(2, "0")}`;
  }), "the date pickers start at the viewer's today");
  assert.equal(await dialog.getByLabel("Due date").getAttribute("min"), await dialog.getByLabel("End date").getAttribute("min"));
  await dialog.getByLabel("Client", { exact: true }).fill("Jo Park");
  await dialog.getByLabel("Freelancer", { exact: true }).fill(" jo park");
  assert.match(await dialog.locator(".same-names").textContent(), /have the same name/);
  await dialog.getByLabel("Amount (USD)").fill("4");
  await dialog.getByLabel("Due date").fill("2020-01-01");
  await dialog.getByRole("button", { name: "Create contract" }).click();
  assert.equal(await problemAt(dialog, "Contract title"), "The contract title must not be empty.");
  assert.equal(await problemAt(dialog, "End date"), "An Enterprise Compliance contract needs an end date.");
  assert.equal(await problemAt(dialog, "Milestone title"), "The milestone title must not be empty.");
  assert.equal(await problemAt(dialog, "Amount (USD)"), "The amount must be from $5.00 to $10,000,000.00; $4.00 is not.");
  assert.match(await problemAt(dialog, "Due date"), /^Jan 1, 2020 is in the past; choose \w+ \d+, \d{4} or later\.$/);
  assert.equal(await problemAt(dialog, "Client"), null);
  assert.equal(await dialog.getByRole("alert").textContent(), "Please fix the 5 problems marked below.");
  assert.ok(await dialog.getByLabel("Contract title").evaluate((el) => el.matches(":focus")), "the first problem's field has the focus");
  await page.screenshot({ path: `${artifacts}board-form-problems.png`, fullPage: true });
  // Mended, the same names pass: a warning, not a refusal. A blank second row is left out, and
  // a problem of the third row shows at the third row.
  await dialog.getByLabel("Contract title").fill("Website");
  await dialog.getByLabel("End date").fill("2030-12-31");
  await dialog.getByLabel("Milestone title").fill("Design");
  await dialog.getByLabel("Amount (USD)").fill("500");
  await dialog.getByLabel("Due date").fill("2030-01-01");
  await dialog.getByRole("button", { name: "Add milestone" }).click();
  await dialog.getByRole("button", { name: "Add milestone" }).click();
  const third = dialog.locator(".draft-milestone").nth(2);
  await third.getByLabel("Milestone title").fill("Launch");
  await third.getByLabel("Amount (USD)").fill("1");
  await third.getByLabel("Due date").fill("2030-02-01");
  await dialog.getByRole("button", { name: "Create contract" }).click();
  assert.equal(await problemAt(third, "Amount (USD)"), "The amount must be from $5.00 to $10,000,000.00; $1.00 is not.");
  await third.getByLabel("Amount (USD)").fill("100");
  await dialog.getByRole("button", { name: "Create contract" }).click();
  await assert.doesNotReject(page.getByRole("heading", { name: "Website" }).waitFor());
  assert.equal(await row(page, "m2").getByText("Launch").count(), 1);
});

test("a compliance contract is fixed: no edit is offered, and a new offer is prefilled with what is not paid", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, {
    account: "enterprise_compliance", endDate: "2030-12-31",
    milestones: [{ title: "Scope", amount: "500" }, { title: "Report", amount: "1500" }],
  });
  await assert.doesNotReject(page.getByText(/its milestones were fixed at the start/).waitFor());
  assert.equal(await page.getByRole("button", { name: "Edit", exact: true }).count(), 0);
  assert.equal(await page.getByRole("button", { name: "Delete", exact: true }).count(), 0);
  assert.equal(await page.getByRole("button", { name: "Add milestone" }).count(), 0);
  await activate(page, "m1");
  await row(page, "m1").getByRole("button", { name: "Approve & release" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve & release" }).click();
  await page.getByRole("button", { name: "Create new contract offer" }).click();
  const dialog = page.getByRole("dialog");
  assert.equal(await dialog.getByLabel("Milestone title").count(), 1);
  assert.equal(await dialog.getByLabel("Milestone title").inputValue(), "Report");
  assert.equal(await dialog.getByLabel("Amount (USD)").inputValue(), "1500.00");
  assert.equal(await dialog.getByLabel("Account type").inputValue(), "enterprise_compliance");
  await dialog.getByRole("button", { name: "Create contract" }).click();
  await page.getByRole("heading", { level: 2, name: "Website (new offer)" }).waitFor();
  assert.deepEqual(await order(page), ["Report"]);
});

test("a mouse drag reorders pending milestones, and the order survives a reload", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "A", amount: "10" }, { title: "B", amount: "10" }, { title: "C", amount: "10" }] });
  const handle = row(page, "m3").getByRole("button", { name: "Reorder C" });
  await handle.evaluate((el) => el.scrollIntoView({ block: "center" }));  // clear of the edges, where a drag scrolls
  const from = await handle.boundingBox();
  const target = await row(page, "m1").boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, target.y + 4, { steps: 12 });
  assert.equal(await page.locator(".drop-indicator:not([hidden])").count(), 1);
  await page.mouse.up();
  await page.waitForFunction(() => document.getElementById("app").shadowRoot.querySelector(".milestone h4").textContent === "C");
  assert.deepEqual(await order(page), ["C", "A", "B"]);
  await page.reload();
  await page.waitForSelector("#app[data-ready]");
  assert.deepEqual(await order(page), ["C", "A", "B"]);
  await assert.doesNotReject(page.getByText("Acme moved C to position 1.").waitFor());
});

test("Escape cancels a mouse drag and restores the row", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "A", amount: "10" }, { title: "B", amount: "10" }] });
  const from = await row(page, "m2").locator(".handle").boundingBox();
  await page.mouse.move(from.x + 10, from.y + 10);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y - 80, { steps: 8 });
  await page.keyboard.press("Escape");
  await page.mouse.up();
  assert.deepEqual(await order(page), ["A", "B"]);
  assert.equal(await page.locator(".milestone.dragging").count(), 0);
  await assert.doesNotReject(page.getByRole("status").getByText(/Cancelled\. B stays at position 2 of 2/).waitFor());
});

test("the keyboard reorders: Space lifts, arrows move, Space drops; focus stays and each step is announced", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "A", amount: "10" }, { title: "B", amount: "10" }, { title: "C", amount: "10" }] });
  await row(page, "m3").getByRole("button", { name: "Reorder C" }).focus();
  await page.keyboard.press("Space");
  await assert.doesNotReject(page.getByRole("status").getByText(/Lifted C, position 3 of 3/).waitFor());
  await page.keyboard.press("ArrowUp");
  await assert.doesNotReject(page.getByRole("status").getByText("C, position 2 of 3.").waitFor());
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Space");
  await assert.doesNotReject(page.getByRole("status").getByText("Moved C to position 1 of 3.").waitFor());
  assert.deepEqual(await order(page), ["C", "A", "B"]);
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot.activeElement.getAttribute("aria-label")), "Reorder C");
  // Escape puts a lifted row back.
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Escape");
  assert.deepEqual(await order(page), ["C", "A", "B"]);
  // The single-pointer alternative.
  await row(page, "m1").getByRole("button", { name: "Move down" }).click();
  assert.deepEqual(await order(page), ["C", "B", "A"]);
  assert.equal(await page.evaluate(() => { const el = document.activeElement.shadowRoot.activeElement; return el.dataset.focus ?? el.getAttribute("aria-label"); }), "handle:m1");
});

test("nothing can be dropped above an activated milestone, and the page says why", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "A", amount: "10" }, { title: "B", amount: "10" }, { title: "C", amount: "10" }] });
  await activate(page, "m1");
  assert.equal(await row(page, "m1").locator(".handle").count(), 0);  // pinned: no handle
  await assert.doesNotReject(page.getByText(/Activated milestones keep their place/).first().waitFor());
  await row(page, "m3").locator(".handle").scrollIntoViewIfNeeded();  // the mouse drags on screen
  const from = await row(page, "m3").locator(".handle").boundingBox();
  const pinned = await row(page, "m1").boundingBox();
  await page.mouse.move(from.x + 10, from.y + 10);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, pinned.y + 2, { steps: 12 });
  assert.equal(await page.locator(".milestone.refused").count(), 1);
  // On screen while dragging, under the row, and after the drop, under the list.
  assert.equal(await page.locator(".milestone.refused").evaluate((el) => getComputedStyle(el, "::after").content),
    '"C cannot go above A: activated milestones keep their place."');
  await page.mouse.up();
  assert.deepEqual(await order(page), ["A", "B", "C"]);
  await assert.doesNotReject(page.getByRole("status").getByText(/C cannot go above A: activated milestones keep their place/).waitFor());
  assert.ok(await page.locator(".drop-refused").isVisible());
  assert.equal(await page.locator(".drop-refused").textContent(), "C cannot go above A: activated milestones keep their place.");
  // The keyboard stops at the first legal slot too.
  await row(page, "m2").locator(".handle").focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowUp");
  await assert.doesNotReject(page.getByRole("status").getByText(/B cannot go above A/).waitFor());
  await page.keyboard.press("Space");
  assert.deepEqual(await order(page), ["A", "B", "C"]);
  assert.equal(await row(page, "m2").getByRole("button", { name: "Move up" }).isDisabled(), true);
});

test("Why not? says, where the action would be, why it is not possible now, in the engine's words", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "Build", amount: "500" }, { title: "Launch", amount: "100" }] });
  assert.equal(await page.getByRole("button", { name: "End contract" }).count(), 1);
  await activate(page, "m1");
  assert.equal(await page.getByRole("button", { name: "End contract" }).count(), 0);
  // Reached by keyboard: a disclosure button at the contract's actions.
  const why = page.locator('.contract-actions button[data-action="why-not"]');
  assert.equal(await why.getAttribute("aria-expanded"), "false");
  await why.focus();
  await page.keyboard.press("Enter");
  await frame(page);
  const list = page.locator("#why-not-contract");
  assert.ok(await list.isVisible());
  assert.equal(await why.getAttribute("aria-expanded"), "true");
  assert.match(await list.innerText(), /End contract — “Build” holds \$500\.00 in escrow/);
  assert.ok(!(await list.innerText()).includes("proposal to answer"), "an answer to a request nobody made is left out");
  await page.screenshot({ path: `${artifacts}board-why-not.png`, fullPage: true });
  // A milestone's own, for the freelancer: the row says why Launch cannot be submitted.
  await actAs(page, "freelancer");
  await row(page, "m2").getByRole("button", { name: "Why not? — Launch" }).click();
  await frame(page);
  assert.equal(await list.count(), 0, "one Why not? open at a time");
  const rowList = row(page, "m2").locator(".why-not-list");
  assert.match(await rowList.innerText(), /Submit work — “Launch” is not activated yet, so it cannot be submitted\./);
  // It follows the contract: once released, End contract is back and its reason gone.
  await actAs(page, "client");
  await row(page, "m1").getByRole("button", { name: "Approve & release" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve & release" }).click();
  await why.click();
  await frame(page);
  assert.equal(await page.getByRole("button", { name: "End contract" }).count(), 1);
  assert.ok(!(await list.innerText()).includes("End contract"));
  await why.click();
  await frame(page);
  assert.equal(await list.count(), 0);
});

test("corrupt stored data is quarantined, not lost, and can be exported", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "A", amount: "10" }] });
  const { headKey, id } = await stored(page);
  const segmentKey = `milestone-board:v3:events:${id}:0`;  // the creation event
  const tampered = await page.evaluate((k) => {
    const events = JSON.parse(localStorage.getItem(k));
    events[0].milestones[0].amount = 1;  // below the $5 minimum: a log that could not happen
    localStorage.setItem(k, JSON.stringify(events));
    localStorage.setItem("milestone-board:v1:contract:garbage", "{not json");
    return JSON.stringify(events);
  }, segmentKey);
  await page.reload();
  await page.waitForSelector("#app[data-ready]");
  const notices = page.locator(".notice", { hasText: "could not be loaded" });
  assert.equal(await notices.count(), 2);
  const kept = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  const quarantined = Object.entries(kept).filter(([k]) => k.startsWith("milestone-board:quarantine:")).map(([, v]) => v).sort();
  assert.equal(quarantined.length, 2);
  assert.ok(quarantined.includes("{not json"));
  const bundle = JSON.parse(quarantined.find((v) => v !== "{not json"));
  assert.deepEqual(bundle.segments, [tampered], "the whole stored log is kept aside, as it was");
  assert.equal(JSON.parse(bundle.head).seq, 1);
  assert.equal(kept[headKey], undefined);
  assert.equal(kept[segmentKey], undefined);
  const download = page.waitForEvent("download");
  await notices.first().getByRole("button", { name: "Export" }).click();
  assert.match((await download).suggestedFilename(), /^quarantined-/);
  // New work never touches the quarantined copies.
  await createContract(page, { title: "Fresh", milestones: [{ title: "B", amount: "10" }] });
  const after = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.includes("quarantine")).map(([, v]) => v).sort());
  assert.deepEqual(after, quarantined);
});

test("storage that throws shows a 'not saved' notice while the board keeps working", async (t) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  const { page } = await openBoard(t, { context });
  await createContract(page, { milestones: [{ title: "A", amount: "10" }] });
  await assert.doesNotReject(page.getByText(/Not saved: the browser's storage for this page is full/).waitFor());
  await activate(page, "m1");
  await assert.doesNotReject(row(page, "m1").getByText("Funded: $10.00 in escrow").waitFor());
});

test("data from a newer format version opens read-only and is never rewritten", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "A", amount: "10" }] });
  const { log } = await stored(page);
  const raw = await page.evaluate((log) => {
    const record = { format: "milestone-board", version: 4, savedAt: 0, log };
    record.log.events[0].contract.title = "From the future";
    record.log.events[0].contract.id = "future";
    localStorage.clear();
    localStorage.setItem("milestone-board:v4:contract:future", JSON.stringify(record));
    return JSON.stringify(record);
  }, log);
  await page.reload();
  await page.waitForSelector("#app[data-ready]");
  await page.getByRole("button", { name: /From the future/ }).click();
  await assert.doesNotReject(page.getByText(/saved by a newer version of the board, so it is shown read-only/).waitFor());
  assert.equal(await page.getByRole("button", { name: "Activate & fund" }).count(), 0);
  await page.getByRole("button", { name: "Advance 14 days" }).click();
  assert.equal(await page.evaluate(() => localStorage.getItem("milestone-board:v4:contract:future")), raw);
});

test("a title of <img src=x onerror=alert(1)> shows as text and runs nothing", async (t) => {
  const { page } = await openBoard(t);
  const evil = "<img src=x onerror=alert(1)>";
  await createContract(page, { title: evil, client: "<b>Acme</b>", milestones: [{ title: evil, amount: "10" }] });
  assert.equal(await page.getByRole("heading", { level: 4, name: evil }).count(), 1);
  assert.equal(await page.locator("#app img").count(), 0);
  assert.equal(await page.locator("#app b").count(), 0);
  assert.ok((await page.locator(".timeline").textContent()).includes(`created the contract ${evil}`));
});

test("two tabs stay consistent, and a stale tab never overwrites newer data", async (t) => {
  const { page: one, context } = await openBoard(t);
  const two = await context.newPage();
  // Lets the test hold back tab two's storage events, as a busy or background tab may see them late.
  await two.addInitScript(() => {
    window.__holdStorage = false;
    window.addEventListener("storage", (e) => { if (window.__holdStorage) e.stopImmediatePropagation(); }, true);
  });
  await two.goto(site.url("/web/"));
  await two.waitForSelector("#app[data-ready]");
  await createContract(one, { milestones: [{ title: "A", amount: "10" }, { title: "B", amount: "10" }] });
  await two.getByRole("heading", { level: 2, name: "Website" }).waitFor();   // the storage event
  await activate(two, "m1");
  await assert.doesNotReject(row(one, "m1").getByText("Funded: $10.00 in escrow").waitFor());
  await row(one, "m1").getByRole("button", { name: "Approve & release" }).click();
  await one.getByRole("dialog").getByRole("button", { name: "Approve & release" }).click();
  await assert.doesNotReject(row(two, "m1").getByText("Paid $10.00").waitFor());
  // Tab two misses the next change (its storage events are held back) and then acts: it reloads
  // the newer log before writing, so both changes are kept.
  await two.evaluate(() => { window.__holdStorage = true; });
  await activate(one, "m2");
  await row(two, "m2").getByRole("button", { name: "Edit" }).click();   // still offered: tab two is stale
  const dialog = two.getByRole("dialog");
  await dialog.getByLabel("Milestone title").fill("B2");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await assert.doesNotReject(dialog.getByRole("alert").getByText(/already activated/).waitFor());
  const { log } = await stored(two);
  assert.deepEqual(log.events.map((e) => e.type), ["contract_created", "milestone_activated", "payment_released", "milestone_activated"]);
  await two.close();
});

test("axe-core finds no accessibility violations on the board", async (t) => {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
  const { page } = await openBoard(t, { context });
  await createContract(page, { milestones: [{ title: "Design", amount: "100" }, { title: "Build", amount: "200" }, { title: "Launch", amount: "50" }] });
  await activate(page, "m1");
  await page.addScriptTag({ path: axePath });
  const check = async (label) => {
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    assert.deepEqual(result, [], label);
  };
  await check("board");
  // Both Why not? lists open in turn, with the whose-turn lines on show.
  await page.locator('.contract-actions button[data-action="why-not"]').click();
  await frame(page);
  await check("the contract's Why not?");
  await row(page, "m2").getByRole("button", { name: "Why not? — Build" }).click();
  await frame(page);
  await check("a milestone's Why not?");
  await row(page, "m1").getByRole("button", { name: "Approve & release" }).click();
  await check("dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  // A form with every problem shown at its field.
  await page.getByRole("button", { name: "New contract" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Create contract" }).click();
  await check("a form with its problems");
});

test("the banner is picked by the engine for the viewer's role and stays dismissed", async (t) => {
  const { page } = await openBoard(t);
  const banner = page.getByRole("complementary", { name: "Announcement" });
  await assert.doesNotReject(banner.getByText(/withdrawal schedule notification emails/).waitFor());
  await banner.getByRole("button", { name: "Dismiss announcement" }).click();
  await frame(page);
  assert.equal(await banner.count(), 0);
  await page.reload();
  await page.waitForSelector("#app[data-ready]");
  assert.equal(await page.getByRole("complementary", { name: "Announcement" }).count(), 0);
});

test("the page compiles the engine while its bundle loads, and fetches the .wasm once", async (t) => {
  const { page } = await openBoard(t);
  const seen = await page.evaluate(async () => ({
    early: customElements.get("milestone-board").engineOptions.module === globalThis.milestoneEngineModule,
    module: (await globalThis.milestoneEngineModule) instanceof WebAssembly.Module,
    fetched: performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).length,
  }));
  assert.deepEqual(seen, { early: true, module: true, fetched: 1 });
  await createContract(page, { milestones: [{ title: "One", amount: "10" }] });
});

test("an engine that cannot be fetched is reported on the board in plain words", async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await page.route("**/milestones-core.wasm", (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.goto(site.url("/web/"));
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /^The milestone engine could not start: \/web\/dist\/milestones-core\.wasm answered 404/);
});

test("a slow engine: the board says it is loading (not in the first moment), then appears", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = watchErrors(page);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/milestones-core.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(site.url("/web/"), { waitUntil: "domcontentloaded" });
  const app = page.locator("#app > .app");  // the container inside the shadow root
  const first = await page.evaluate(() => {
    const container = document.getElementById("app").shadowRoot?.querySelector(".app");
    const bundle = performance.getEntriesByType("resource").find((e) => e.name.includes("board-app"));
    return { text: container?.textContent, busy: container?.getAttribute("aria-busy"),
      sinceBundle: bundle ? performance.now() - bundle.responseEnd : Infinity };
  });
  if (first.sinceBundle < 300) {  // well inside the delay: nothing flashes
    assert.deepEqual([first.text, first.busy], ["", "true"]);
  } else {
    t.diagnostic(`first look ${Math.round(first.sinceBundle)} ms after the bundle arrived: too late to see the blank start`);
  }
  await page.getByText("Loading the milestone board…").waitFor();
  assert.equal(await app.getAttribute("aria-busy"), "true");
  assert.equal(await page.getByRole("alert").count(), 0);
  release();
  await page.waitForSelector("#app[data-ready]");
  await page.getByRole("button", { name: "New contract" }).waitFor();
  assert.equal(await app.getAttribute("aria-busy"), null);
  assert.equal(await page.getByText("Loading the milestone board…").count(), 0);
  assert.deepEqual(errors, []);
});

test("the page's Content-Security-Policy allows no eval and no inline script", async () => {
  const { readFile } = await import("node:fs/promises");
  const html = await readFile(new URL("../../web/index.html", import.meta.url), "utf8");
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);  // every script is a file
  assert.doesNotMatch(html, /\son[a-z]+=/i);                 // no inline handlers
});

test("touch: a hold on the handle lifts the row; a quick swipe does not", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "A", amount: "10" }, { title: "B", amount: "10" }, { title: "C", amount: "10" }] });
  const touchDrag = (id, hold) => page.evaluate(async ({ id, hold }) => {
    const handle = document.getElementById("app").shadowRoot.querySelector(`.milestone[data-id="${id}"] .handle`);
    // Away from the viewport's edges, where a drag scrolls the page under the finger.
    handle.scrollIntoView({ block: "center" });
    const top = document.getElementById("app").shadowRoot.querySelector(".milestone").getBoundingClientRect().top;
    const box = handle.getBoundingClientRect();
    const fire = (type, y) => handle.dispatchEvent(new PointerEvent(type, {
      pointerId: 7, pointerType: "touch", isPrimary: true, button: 0, bubbles: true, cancelable: true,
      composed: true, clientX: box.x + 5, clientY: y,
    }));
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    fire("pointerdown", box.y + 5);
    await wait(hold);
    for (let y = box.y + 5; y > top + 2; y -= 20) { fire("pointermove", y); await wait(16); }
    fire("pointermove", top + 2);
    fire("pointerup", top + 2);
  }, { id, hold });
  await touchDrag("m3", 0);      // a swipe: the finger moved before the hold ended
  assert.deepEqual(await order(page), ["A", "B", "C"]);
  await touchDrag("m3", 450);    // a hold, then a drag to the top
  await page.waitForFunction(() => document.getElementById("app").shadowRoot.querySelector(".milestone h4").textContent === "C");
  assert.deepEqual(await order(page), ["C", "A", "B"]);
  const touchAction = await page.evaluate(() => [
    getComputedStyle(document.getElementById("app").shadowRoot.querySelector(".handle")).touchAction,
    getComputedStyle(document.getElementById("app").shadowRoot.querySelector(".milestone")).touchAction,
  ]);
  assert.deepEqual(touchAction, ["none", "auto"]);
});

test("Export downloads the log; Import loads it back through the engine and refuses a tampered one", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { title: "Portable", milestones: [{ title: "A", amount: "10" }] });
  await activate(page, "m1");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const file = await downloading;
  const { readFile } = await import("node:fs/promises");
  const log = JSON.parse(await readFile(await file.path(), "utf8"));
  assert.equal(log.format, "milestone-log");
  assert.deepEqual(log.events.map((e) => e.type), ["contract_created", "milestone_activated"]);
  const importFile = async (name, content) => {
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Import" }).click();
    await (await chooser).setFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
  };
  await importFile("portable.json", JSON.stringify(log));
  await assert.doesNotReject(page.getByRole("status").getByText("Imported Portable.").waitFor());
  assert.equal(await page.getByRole("button", { name: /^Portable/ }).count(), 2);
  log.events[1].charged = 1;  // money that was never paid: the client's signature of it no longer holds (R26)
  await importFile("tampered.json", JSON.stringify(log));
  await assert.doesNotReject(page.getByRole("alert").getByText("This file was not imported: event 2 of 2 does not match the client's signature; " +
    "it was changed, moved or dropped after it was signed, or signed with another key. Nothing was changed.").waitFor());
  assert.equal(await page.getByRole("button", { name: /^Portable/ }).count(), 2);
});

// --- a contract with a long history: one snapshot per change, keyed rendering, bounded storage ---

const engine = await loadEngine();

/** A page whose storage holds `entries` before the board starts (a fresh profile otherwise). */
async function openWith(t, entries) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript((entries) => {
    if (!localStorage.length) for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, entries);
  return openBoard(t, { context });
}

/** Counts the engine calls on the contract on show and the page's storage calls, from now on. */
const countCalls = (page) => page.evaluate(() => {
  const counts = { dispatch: 0, state: 0, log: 0, allowed: 0, allowedByMilestone: 0, preview: 0, events: 0, getItem: 0, setItem: 0 };
  const contract = document.getElementById("app").contract;
  for (const name of ["dispatch", "state", "log", "allowed", "allowedByMilestone", "preview", "events"]) {
    const f = contract[name].bind(contract);
    contract[name] = (...args) => { counts[name]++; return f(...args); };
  }
  for (const name of ["getItem", "setItem"]) {
    const f = Storage.prototype[name];
    Storage.prototype[name] = function (...args) { counts[name]++; return f.apply(this, args); };
  }
  window.__counts = counts;
});
const takeCounts = (page) => page.evaluate(async () => {
  await window.__saved();
  const taken = { ...window.__counts };
  for (const k of Object.keys(window.__counts)) window.__counts[k] = 0;
  return taken;
});

test("a 10,001-event contract opens with its newest activity; older entries come on demand", async (t) => {
  const log = longContract(engine, { events: 10_001 });
  const { page } = await openWith(t, storedEntries(log));
  await page.getByRole("heading", { level: 2, name: "Long haggle" }).waitFor();
  const items = page.locator(".timeline > li");
  assert.equal(await items.count(), 50, "the newest 50 entries");
  assert.match(await items.first().textContent(), /Jo rejected Jun 1, 2030 as the due date of Milestone 2\./);
  assert.equal(await page.locator(".timeline").getAttribute("start"), "10001");
  await page.getByRole("button", { name: /Show older/ }).click();
  await frame(page);
  assert.equal(await items.count(), 100);
  // It stays responsive: a move is one new entry on top, the list keeps its length.
  await row(page, "m1").getByRole("button", { name: "Move down" }).click();
  await assert.doesNotReject(items.first().getByText("Acme moved Milestone 1 to position 2.").waitFor());
  assert.equal(await items.count(), 100);
  assert.deepEqual(await order(page), ["Milestone 2", "Milestone 1"]);
  assert.equal((await stored(page)).log.events.length, 10_002);
});

test("a click is one dispatch and one snapshot; storage reads a head and writes a segment and a head", async (t) => {
  const log = longContract(engine, { events: 10_001, milestones: 200 });
  const { page } = await openWith(t, storedEntries(log));
  await page.getByRole("heading", { level: 2, name: "Long haggle" }).waitFor();
  await countCalls(page);
  const expected = { dispatch: 1, state: 1, log: 0, allowed: 0, allowedByMilestone: 1, preview: 0, events: 0, getItem: 2, setItem: 2 };
  await row(page, "m1").getByRole("button", { name: "Move down" }).click();
  await row(page, "m2").getByText("Milestone 2", { exact: true }).waitFor();
  assert.deepEqual(await takeCounts(page), expected, "Move down");
  await activate(page, "m2");
  await assert.doesNotReject(row(page, "m2").getByText("Funded: $10.01 in escrow").waitFor());
  // One preview for the confirmation's figures, then the click's dispatch and snapshot.
  assert.deepEqual(await takeCounts(page), { ...expected, preview: 1 }, "Activate & fund");
  // The rows the click did not change are the same elements as before it.
  const marked = await page.evaluate(() => {
    const rows = [...document.getElementById("app").shadowRoot.querySelectorAll(".milestone")];
    rows.forEach((r) => { r.__kept = true; });
    return rows.length;
  });
  assert.equal(marked, 200);
  await row(page, "m2").getByRole("button", { name: "Approve & release" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve & release" }).click();
  await assert.doesNotReject(row(page, "m2").getByText("Paid $10.01").waitFor());
  const kept = await page.evaluate(() => [...document.getElementById("app").shadowRoot.querySelectorAll(".milestone")].filter((r) => r.__kept).length);
  assert.ok(kept >= 197, `${kept} of 200 rows kept`);
});

test("a failed second storage write loses nothing, and the next save makes it up", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "A", amount: "10" }] });
  await page.evaluate(() => {
    const f = Storage.prototype.setItem;
    window.__restoreSetItem = () => { Storage.prototype.setItem = f; };
    Storage.prototype.setItem = function (key, value) {
      if (key.includes(":v3:contract:")) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return f.call(this, key, value);
    };
  });
  await activate(page, "m1");
  await assert.doesNotReject(page.getByText(/Not saved: the browser's storage for this page is full/).waitFor());
  assert.deepEqual((await stored(page)).log.events.map((e) => e.type), ["contract_created"], "the head still says one event");
  await page.evaluate(() => window.__restoreSetItem());
  const submitted = await page.evaluate(() => document.getElementById("app").dispatch(
    { type: "submit_work", actor: "freelancer", milestoneId: "m1", message: "Done" }));
  assert.equal(submitted.ok, true);
  assert.deepEqual((await stored(page)).log.events.map((e) => e.type), ["contract_created", "milestone_activated", "work_submitted"]);
  await page.reload();
  await page.waitForSelector("#app[data-ready]");
  await assert.doesNotReject(row(page, "m1").getByText(/Submitted for review/).waitFor());
});

test("a change is stored after the frame that shows it, and leaving the page right away keeps it", async (t) => {
  // An unsigned contract (made before R26): a signed one's change is stored once it is signed, a
  // moment after its frame (board-signed.test.mjs), and leaving before that moment loses it.
  const { page } = await openWith(t, storedEntries(longContract(engine, { id: "plain", title: "Website", events: 1 })));
  await page.getByRole("heading", { level: 2, name: "Website" }).waitFor();
  // The click and the page's reload in one task: no frame comes between them, so the change is
  // stored when the page is left (pagehide), not by the save that follows a frame.
  const unsavedAtClick = await page.evaluate(() => {
    const seqOf = () => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.includes(":v3:contract:")))).seq;
    const before = seqOf();
    document.getElementById("app").shadowRoot.querySelector('.milestone[data-id="m1"] [data-action="move-down"]').click();
    const after = seqOf();
    location.reload();
    return { before, after };
  });
  assert.deepEqual(unsavedAtClick, { before: 1, after: 1 }, "not yet stored when the click returns");
  await page.waitForSelector("#app[data-ready]");
  await page.getByRole("heading", { level: 2, name: "Website" }).waitFor();
  assert.deepEqual(await order(page), ["Milestone 2", "Milestone 1"]);
  assert.deepEqual((await stored(page)).log.events.map((e) => e.type), ["contract_created", "milestone_moved"]);
});

test("a contract saved by the previous version of the board is loaded and stored in segments", async (t) => {
  const log = longContract(engine, { id: "old", title: "Saved long ago", events: 5 });
  const { page } = await openWith(t, { "milestone-board:v1:contract:old": JSON.stringify({ format: "milestone-board", version: 1, savedAt: 0, log }) });
  await page.getByRole("heading", { level: 2, name: "Saved long ago" }).waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":old")).sort());
  assert.deepEqual(keys, ["milestone-board:v3:contract:old", "milestone-board:v3:events:old:0", "milestone-board:v3:events:old:1"]);
  assert.deepEqual((await stored(page)).log, log);
});

test("a contract stored in version-2 segments is loaded, stored as version 3, and the old keys go", async (t) => {
  const log = longContract(engine, { id: "two", title: "Saved in segments", events: 70 });
  const head = { format: "milestone-board", version: 2, savedAt: 0, seq: 70, lastAt: log.lastAt, summary: { title: "Saved in segments", status: "open", createdAt: log.events[0].at } };
  const { page } = await openWith(t, {
    "milestone-board:v2:contract:two": JSON.stringify(head),
    "milestone-board:v2:events:two:0": JSON.stringify(log.events.slice(0, 64)),
    "milestone-board:v2:events:two:1": JSON.stringify(log.events.slice(64)),
  });
  await page.getByRole("heading", { level: 2, name: "Saved in segments" }).waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":two")).sort());
  assert.deepEqual(keys, ["milestone-board:v3:contract:two", "milestone-board:v3:events:two:0",
    "milestone-board:v3:events:two:1", "milestone-board:v3:events:two:2"]);
  assert.deepEqual((await stored(page)).log, log);
});

test("History shows the board as it was after a chosen event, read-only, and comes back to now", async (t) => {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
  const { page } = await openBoard(t, { context });
  await createContract(page, { milestones: [{ title: "Design", amount: "100" }, { title: "Build", amount: "200" }] });
  await activate(page, "m1");                    // event 2
  await actAs(page, "freelancer");
  await formAction(page, "m1", "Submit work", { Message: "Mockups are ready." });                     // event 3
  await actAs(page, "client");
  await formAction(page, "m1", "Approve & release", { "Amount to release": "60" });                   // event 4
  await activate(page, "m2");                    // event 5
  await assert.doesNotReject(row(page, "m2").getByText("Funded: $200.00 in escrow").waitFor());
  const before = await stored(page);
  assert.equal(before.head.seq, 5);
  const slider = page.getByRole("slider", { name: "History" });
  const note = page.locator(".history-note");
  const status = page.locator('[role="status"]');
  const figure = (name) => page.locator(`.figure.${name} dd`).textContent();

  // Stop 1, from the keyboard: the contract as created.
  await slider.focus();
  await page.keyboard.press("Home");
  await assert.doesNotReject(note.getByText(/^Viewing .* — after Acme created the contract Website with Jo: 2 milestones, \$300\.00$/).waitFor());
  assert.equal(await row(page, "m1").locator(".status").textContent(), "Not funded yet");
  assert.equal(await figure("charged"), "$0.00");
  assert.equal(await page.locator(".board.in-history").count(), 1);
  assert.equal(await row(page, "m1").getByRole("button", { name: "Activate & fund" }).isDisabled(), true, "what could be done then, not usable");
  await assert.doesNotReject(status.getByText(/^Event 1 of 5\. Viewing /).waitFor());

  // An arrow key steps to event 2: the funded row and the figures that moved are marked.
  await page.keyboard.press("ArrowRight");
  await assert.doesNotReject(status.getByText(/^Event 2 of 5\. Viewing .* — after Acme funded Design with \$100\.00/).waitFor());
  assert.equal(await row(page, "m1").locator(".status").textContent(), "Funded: $100.00 in escrow");
  assert.equal(await page.locator(".milestone.changed").count(), 1);
  assert.equal(await row(page, "m1").evaluate((el) => el.classList.contains("changed")), true);
  assert.deepEqual(await page.locator(".figure.changed dt").evaluateAll((els) => els.map((e) => e.firstChild.textContent)), ["Charged", "In escrow", "Net cost"]);
  assert.equal(await slider.evaluate((el) => el === document.activeElement || el.getRootNode().activeElement === el), true, "focus stays on the slider");

  // Event 3 from the activity list: in review, the countdown as it stood then (14 days).
  await page.locator('.timeline [data-action="history-view"][data-seq="3"]').click();
  await assert.doesNotReject(note.getByText(/— after Jo submitted work on Design: “Mockups are ready\.”$/).waitFor());
  assert.match(await row(page, "m1").locator(".countdown").textContent(), /^Review within 14 days /);
  assert.equal(await page.locator('.timeline li[aria-current="step"]').getAttribute("data-seq"), "3");
  assert.equal(await figure("released"), "$0.00");

  // Event 4: the partial release and its credit.
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await assert.doesNotReject(note.getByText(/— after Acme released \$60\.00 of \$100\.00 for Design; \$40\.00 became credit$/).waitFor());
  assert.equal(await figure("released"), "$60.00");
  assert.equal(await figure("credit"), "$40.00");
  assert.equal(await row(page, "m2").locator(".status").textContent(), "Not funded yet");

  await page.screenshot({ path: `${artifacts}board-history.png`, fullPage: true });
  // axe-core in History.
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
  assert.deepEqual(violations, [], "axe in History");

  // Nothing stored changed; Escape comes back to now.
  assert.deepEqual(await stored(page), before);
  await page.keyboard.press("Escape");
  await note.waitFor({ state: "hidden" });
  assert.equal(await page.locator(".board.in-history").count(), 0);
  assert.equal(await row(page, "m2").locator(".status").textContent(), "Funded: $200.00 in escrow");
  assert.equal(await slider.inputValue(), "5");
  await assert.doesNotReject(status.getByText("Back to now.").waitFor());

  // The button way back, and the board still works after it.
  await page.locator('.timeline [data-action="history-view"][data-seq="1"]').click();
  await page.getByRole("button", { name: "Back to now" }).click();
  await note.waitFor({ state: "hidden" });
  await actAs(page, "freelancer");
  await formAction(page, "m2", "Submit work", { Message: "Built." });
  assert.equal((await stored(page)).head.seq, 6);
});

test("a sample contract on first run, and its statement: the browser's figures are the native runner's", async (t) => {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
  const { page } = await openBoard(t, { context });
  await page.getByRole("button", { name: "Try a sample contract" }).click();
  await page.getByRole("heading", { level: 2, name: "Bakery website redesign" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Try a sample contract" }).count(), 0, "offered on an empty board only");
  assert.match(await page.locator(".contract-link").textContent(), /Bakery website redesign.*open · sample/);
  // Built from ordinary commands: a paid milestone with credit, one in review, one with a proposal.
  assert.equal(await row(page, "m1").locator(".status").textContent(), "Paid $650.00");
  assert.equal(await row(page, "m2").locator(".status").textContent(), "Submitted for review: $1,200.00 in escrow");
  assert.match(await row(page, "m2").locator(".countdown").textContent(), /^Review within 12 days /);
  assert.match(await row(page, "m3").locator(".turn").textContent(), /^Your turn: answer Maya Chen's proposed due date for Build and content \(/);
  assert.equal(await row(page, "m4").locator(".status").textContent(), "Not funded yet");
  assert.equal(await page.locator(".figure.charged dd").textContent(), "$1,850.00");
  await assert.doesNotReject(page.getByText("Northwind Bakery released $650.00 of $800.00 for Brand and wireframes; $150.00 became credit.").waitFor());
  const { log } = await stored(page);
  assert.equal(log.events.length, 9);
  assert.ok(log.events[0].at < Date.now() - 20 * 86_400_000 && log.events.at(-1).at < Date.now(), "dated relative to today");

  // The statement: every figure from the engine, the same as the native runner prints.
  await page.getByRole("button", { name: "Statement" }).click();
  const doc = page.locator(".statement-doc");
  await doc.getByRole("heading", { name: "Statement: Bakery website redesign" }).waitFor();
  assert.equal(await page.locator(".layout").isHidden(), true);
  const cell = (id, key) => doc.locator(`tr[data-id="${id}"] td[data-figure="${key}"]`).textContent();
  assert.equal(await cell("m1", "released"), "$650.00");
  assert.equal(await cell("m1", "returned"), "$150.00");
  assert.equal(await cell("m2", "fromCredit"), "$150.00");
  assert.equal(await cell("m2", "charged"), "$1,050.00");
  assert.equal(await cell("m2", "escrow"), "$1,200.00");
  const totals = Object.fromEntries(await doc.locator(".statement-totals tr").evaluateAll((rows) =>
    rows.map((r) => [r.querySelector("th").textContent, r.querySelector("td").textContent])));
  assert.deepEqual(totals, {
    Budget: "$5,000.00", Charged: "$1,850.00", "In escrow": "$1,200.00", Released: "$650.00", "Kept as credit": "$150.00",
    "Credit unused": "$0.00", "Credit paid back": "$0.00", Refunded: "$0.00", "Net cost (client)": "$1,850.00", "Net earned": "$650.00",
  });
  const native = execFileSync(`${root}scripts/statement`, ["-"], { input: JSON.stringify(log), encoding: "utf8" });
  for (const [label, value] of Object.entries(totals)) {
    const escaped = `${label.replace(/[()]/g, "\\$&")} +${value.replace(/[$.]/g, "\\$&")}`;
    assert.match(native, new RegExp(`^${escaped}(  .*)?$`, "m"), `native ${label}`);  // a note may follow
  }
  for (const [id, title] of [["m1", "Brand and wireframes"], ["m2", "Visual design"]]) {
    const block = native.slice(native.indexOf(`. ${title}\n`));
    for (const [key, label] of [["released", "released"], ["returned", "kept as credit"], ["escrow", "in escrow"]]) {
      const value = await cell(id, key);
      assert.match(block, new RegExp(`^   ${label} +${value.replace(/[$.]/g, "\\$&")}$`, "m"), `native ${title} ${label}`);
    }
  }
  assert.equal((await doc.locator(".statement-appendix li").count()), 9, "the activity as an appendix");

  // Printing shows the statement alone: no controls.
  await page.emulateMedia({ media: "print" });
  for (const selector of [".statement-tools", ".app-header", ".contracts"]) {
    assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} hidden in print`);
  }
  assert.equal(await doc.isVisible(), true);
  await page.emulateMedia({ media: "screen" });
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
  assert.deepEqual(violations, [], "axe on the statement");
  await page.screenshot({ path: `${artifacts}board-statement.png`, fullPage: true });

  // Back to the board (Escape), and the sample deletes like any contract.
  await page.keyboard.press("Escape");
  await page.locator(".layout").waitFor();
  assert.equal(await page.getByRole("button", { name: "Statement" }).evaluate((b) => b === b.getRootNode().activeElement), true);
  await page.getByRole("button", { name: "Delete from this browser" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await page.getByRole("heading", { level: 2, name: "No contract open" }).waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":contract:") || k.includes(":events:"))), []);
  await page.getByRole("button", { name: "Try a sample contract" }).waitFor();
});

/** "Share link" on the open contract: the link the dialog shows. */
async function shareLink(page) {
  await page.getByRole("button", { name: "Share link" }).click();
  const dialog = page.getByRole("dialog");
  const link = await dialog.getByLabel("Link").inputValue();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  return link;
}

/** Everything a board stores for contracts (not settings), to show nothing else changed. */
const contractKeys = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage)
  .filter((k) => !k.includes(":setting:")).sort().map((k) => [k, localStorage.getItem(k)])));

test("two parties hand a contract back and forth by link; when both acted, both histories are kept", async (t) => {
  const client = (await openBoard(t)).page;
  const freelancer = (await openBoard(t)).page;
  await createContract(client, { milestones: [{ title: "Design", amount: "100" }, { title: "Build", amount: "200" }] });
  await activate(client, "m1");
  await row(client, "m1").getByText("Funded: $100.00 in escrow").waitFor();
  const first = await shareLink(client);
  assert.match(first, /^http:\/\/127\.0\.0\.1:\d+\/web\/#share=ml1\.[A-Za-z0-9_-]+$/);
  t.diagnostic(`a 2-event link: ${first.length} characters`);

  // The freelancer opens it in a fresh page: asked once who they are; the fragment is dropped.
  await freelancer.goto("about:blank");
  await freelancer.goto(first);
  await freelancer.waitForSelector("#app[data-ready]");
  const ask = freelancer.getByRole("dialog");
  // The client made the link; the contract waits on the freelancer, who is preselected.
  assert.equal(await ask.getByLabel("I am").inputValue(), "freelancer");
  await ask.getByLabel("I am").selectOption("freelancer");
  await ask.getByRole("button", { name: "Continue" }).click();
  await row(freelancer, "m1").getByText("Funded: $100.00 in escrow").waitFor();
  assert.equal(await freelancer.getByLabel("Acting as").inputValue(), "freelancer");
  assert.ok(!freelancer.url().includes("#"), "the fragment is removed once read");
  assert.equal((await stored(freelancer)).head.seq, 2);
  await formAction(freelancer, "m1", "Submit work", { Message: "Mockups are ready." });
  const back = await shareLink(freelancer);

  // The client's board fast-forwards and says what is new.
  await client.goto(back);
  await client.getByText("New from the link: Jo submitted work on Design: “Mockups are ready.”").waitFor();
  assert.equal(await row(client, "m1").locator(".status").textContent(), "Submitted for review: $100.00 in escrow");
  assert.equal((await stored(client)).head.seq, 3);
  // The same link again: nothing new; an older one: behind, nothing changes.
  await client.goto(first);
  await client.getByText("The link is older than Website here (it has 2 of its 3 events): nothing changed.").waitFor();
  assert.equal((await stored(client)).head.seq, 3);

  // Both act before sharing: the histories part after event 3.
  await formAction(client, "m1", "Approve & release", {});
  await formAction(freelancer, "m2", "Propose due date", { "Due date": "2031-01-15" });
  const parted = await shareLink(freelancer);
  const before = await contractKeys(client);
  await client.goto(parted);
  const notice = client.locator(".notices .notice.warning", { hasText: "went separate ways after event 3" });
  await notice.waitFor();
  assert.match(await notice.getByRole("region", { name: "In this browser" }).textContent(), /Acme released \$100\.00 for Design\./);
  assert.match(await notice.getByRole("region", { name: "In the link" }).textContent(), /Jo proposed Jan 15, 2031 as the new due date of Build\./);
  const after = await contractKeys(client);
  const aside = Object.keys(after).filter((k) => k.includes(":aside:"));
  assert.equal(aside.length, 1, "the link's history is kept aside");
  delete after[aside[0]];
  assert.deepEqual(after, before, "this browser's contract is untouched");
  await client.reload();
  await client.waitForSelector("#app[data-ready]");
  await notice.waitFor();

  // An explicit choice: go on with the link's history.
  await notice.getByRole("button", { name: "Keep the link's" }).click();
  await notice.waitFor({ state: "hidden" });
  const kept = await stored(client);
  assert.equal(kept.head.seq, 4);
  assert.equal(kept.log.events.at(-1).type, "due_date_proposed");
  assert.equal(await row(client, "m1").locator(".status").textContent(), "Submitted for review: $100.00 in escrow");
  assert.deepEqual(Object.keys(await contractKeys(client)).filter((k) => k.includes(":aside:")), []);
  // The freelancer's browser remembers who it is in this contract.
  await freelancer.reload();
  await freelancer.waitForSelector("#app[data-ready]");
  assert.equal(await freelancer.getByLabel("Acting as").inputValue(), "freelancer");
});

/**
 * Link data with three characters changed that still unpacks, to text the engine refuses with a
 * parser's account in its `detail` ("invalid literal (at byte 11)"): what a person must never see.
 */
async function changedLink(good, engine) {
  const { decodeLink } = await import("../../web/board/link.js");
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const data = good.slice("share=".length);
  for (let at = Math.floor(data.length / 2); at < data.length - 3; at++) {
    const three = [...data.slice(at, at + 3)].map((ch) => B64[(B64.indexOf(ch) + 1) % 64]).join("");
    const changed = `${data.slice(0, at)}${three}${data.slice(at + 3)}`;
    const decoded = await decodeLink(changed);
    if (decoded.error) continue;
    try {
      engine.restore(decoded.text);
    } catch (e) {
      if (/byte/.test(e.detail ?? "")) return { fragment: `#share=${changed}`, detail: e.detail };
    }
  }
  throw new Error("no change of three characters makes the parser speak of a byte");
}

test("hostile and damaged links are refused in plain words, never the parser's, and change nothing stored", async (t) => {
  const { encodeLink } = await import("../../web/board/link.js");
  const engine = await loadEngine();
  const c = engine.createContract();
  const T = Date.UTC(2026, 10, 26);
  c.dispatch({ type: "create_contract", actor: "client", at: T, contract: { id: "hostile", title: "Hostile", accountType: "standard",
    client: "Acme", freelancer: "Jo", milestones: [{ title: "Design", amount: 10000, dueDate: "2030-12-31" }] } });
  c.dispatch({ type: "activate_milestone", actor: "client", at: T + 1000, milestoneId: "m1" });
  const log = c.log();
  c.dispose();
  const good = await encodeLink(JSON.stringify(log));
  const changed = await changedLink(good, engine);
  assert.match(changed.detail, /at byte \d+/, "the engine's detail speaks of bytes");
  const tampered = structuredClone(log);
  tampered.events[1].amount = 9000;
  const damaged = "This link is damaged: part of it is missing or was changed. Ask for the link again.";
  const cases = [
    [changed.fragment, damaged],  // three characters changed: the engine refuses it as INVALID_JSON
    ["#share=ml1.***", damaged],  // not base64url
    [`#${good.slice(0, -12)}`, damaged],  // cut short
    [`#share=ml1.${"A".repeat(8)}${good.slice(16)}`, damaged],
    [`#${await encodeLink(JSON.stringify({ ...log, version: 2 }))}`, damaged],  // LOG_INVALID, the log as a whole
    [`#${await encodeLink(JSON.stringify(tampered))}`, damaged],  // LOG_INVALID at event 1
    [`#${await encodeLink("{not json")}`, damaged],
    ["#share=hello", "This link does not lead to a contract of this board: part of it is missing, or it was made by something else. Ask for the link again."],
    [`#${await encodeLink(" ".repeat(9 * 1024 * 1024))}`,
      "This link is too large: it unpacks to more than 8 MiB, more than any contract the board opens from a link. It was not opened."],
    [`#share=ml2.${good.slice(10)}`, "This link was made by another version of the board, which this page cannot read."],
  ];
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "Kept", amount: "10" }] });
  const before = await contractKeys(page);
  for (const [fragment, message] of cases) {
    await page.goto(site.url(`/web/${fragment}`));
    const alert = page.locator(".alert[role=alert]").first();
    await alert.getByText(message).waitFor();
    const said = await alert.textContent();
    assert.equal(said, `${message} Nothing was changed.`);
    assert.doesNotMatch(said, /byte|expected|JSON|base64|deflate|UTF-8|LOG_INVALID|engine|log\b|ml1|format/i, "no internals");
    assert.deepEqual(await contractKeys(page), before, `storage after ${fragment.slice(0, 40)}`);
    assert.ok(!page.url().includes("#"), "the fragment is removed");
  }
});

test("the freelancer withdraws its milestone proposal before the client answers (R23′)", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "Design", amount: "100" }] });
  await actAs(page, "freelancer");
  await page.getByRole("button", { name: "Propose milestone" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Milestone title").fill("Launch");
  await form.getByLabel("Amount (USD)").fill("50");
  await form.getByLabel("Due date").fill("2031-02-01");
  await form.getByRole("button", { name: "Propose milestone" }).click();
  const panel = page.getByRole("group", { name: "Milestone proposal" });
  // The freelancer may take it back; only the client answers it.
  assert.equal(await panel.getByRole("button", { name: "Accept milestone" }).count(), 0);
  await actAs(page, "client");
  assert.equal(await panel.getByRole("button", { name: "Withdraw proposal" }).count(), 0);
  await panel.getByRole("button", { name: "Accept milestone" }).waitFor();
  await actAs(page, "freelancer");
  await panel.getByRole("button", { name: "Withdraw proposal" }).click();
  await page.locator(".timeline").getByText("Jo withdrew the proposed milestone.").waitFor();
  await panel.waitFor({ state: "detached" });
  assert.equal((await stored(page)).log.events.at(-1).type, "milestone_proposal_withdrawn");
});

test("a client offers by link, the freelancer accepts and proposes a milestone, the client accepts it; every confirmation shows the engine's figures", async (t) => {
  const client = (await openBoard(t)).page;
  const freelancer = (await openBoard(t)).page;
  await createContract(client, { start: "offer", milestones: [{ title: "Design", amount: "100" }, { title: "Build", amount: "200" }] });
  await client.getByText(/This is an offer from Acme\. Jo accepts or declines it/).waitFor();
  // Nothing can be funded before acceptance: no "Activate & fund" is offered.
  assert.equal(await row(client, "m1").getByRole("button", { name: "Activate & fund" }).count(), 0);
  await freelancer.goto("about:blank");
  await freelancer.goto(await shareLink(client));
  await freelancer.waitForSelector("#app[data-ready]");
  assert.equal(await freelancer.getByRole("dialog").getByLabel("I am").inputValue(), "freelancer", "the offer waits on the freelancer");
  await freelancer.getByRole("dialog").getByLabel("I am").selectOption("freelancer");
  await freelancer.getByRole("dialog").getByRole("button", { name: "Continue" }).click();
  // Decline asks first; Cancel changes nothing.
  await freelancer.getByRole("button", { name: "Decline offer" }).click();
  await freelancer.getByRole("dialog").getByText(/Acme's offer closes for good/).waitFor();
  await freelancer.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  assert.equal((await stored(freelancer)).head.seq, 1);
  await freelancer.getByRole("button", { name: "Accept offer" }).click();
  await freelancer.getByText("Jo accepted the offer.").waitFor();
  await freelancer.getByRole("button", { name: "Propose milestone" }).click();
  const form = freelancer.getByRole("dialog");
  await form.getByLabel("Milestone title").fill("Launch");
  await form.getByLabel("Amount (USD)").fill("50");
  await form.getByLabel("Due date").fill("2031-02-01");
  await form.getByRole("button", { name: "Propose milestone" }).click();
  await freelancer.getByText("Jo proposed a milestone: Launch ($50.00, due Feb 1, 2031).", { exact: true }).first().waitFor();

  await client.goto(await shareLink(freelancer));
  await client.getByText(/^New from the link: Jo accepted the offer\. Jo proposed a milestone: Launch/).waitFor();
  await client.getByRole("group", { name: "Milestone proposal" }).getByRole("button", { name: "Accept milestone" }).click();
  await row(client, "m3").getByText("Launch").waitFor();
  assert.equal(await client.locator(".figure.budget dd").textContent(), "$350.00");

  // Activate & fund states the charge; Cancel changes nothing; confirming funds it.
  await row(client, "m1").getByRole("button", { name: "Activate & fund" }).click();
  const confirm = client.getByRole("dialog");
  await confirm.getByText("$100.00 will be charged to your card. It is held in escrow until you approve the work (or 14 days after a submission).").waitFor();
  const before = (await stored(client)).head.seq;
  await confirm.getByRole("button", { name: "Cancel" }).click();
  assert.equal((await stored(client)).head.seq, before, "Cancel changes nothing");
  await activate(client, "m1");
  await row(client, "m1").getByText("Funded: $100.00 in escrow").waitFor();
  // A partial release leaves credit; the next activation says where the money comes from.
  await formAction(client, "m1", "Approve & release", { "Amount to release": "60" });
  await row(client, "m2").getByRole("button", { name: "Activate & fund" }).click();
  await client.getByRole("dialog").getByText(/^\$200\.00 will be charged: \$40\.00 from your credit, \$160\.00 to your card\./).waitFor();
  await client.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  // End contract says which pending milestones close unfunded (R15′) and what credit goes back.
  await client.getByRole("button", { name: "End contract" }).click();
  await client.getByRole("dialog").getByText("The contract ends: nothing more can be funded or released. Build and Launch close unfunded and will not be paid. Your unused credit, $40.00, goes back to you. This cannot be undone.").waitFor();
  await client.getByRole("dialog").getByRole("button", { name: "End contract" }).click();
  await client.getByText("Acme ended the contract; Build and Launch closed unfunded.").waitFor();
  assert.equal(await row(client, "m2").locator(".status").textContent(), "Closed unfunded when the contract ended");
  assert.equal(await row(client, "m2").locator(".pin .visually-hidden").textContent(), "Closed: milestones closed with the contract keep their place");
  assert.equal(await client.locator(".figure.budget dd").textContent(), "$100.00");
});

test("deadlines in view, each party's figures, and the calendar file", async (t) => {
  const { page } = await openBoard(t, { options: { acceptDownloads: true } });
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; });
  const plus = (iso, days) => { const d = new Date(`${iso}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + days); return d.toISOString().slice(0, 10); };
  await createContract(page, { title: "Site; v2, \"final\"", milestones: [{ title: "Design", amount: "100", due: plus(today, 20) }, { title: "Build", amount: "200", due: plus(today, 5) }] });
  await activate(page, "m1");
  await actAs(page, "freelancer");
  // The freelancer's figures: what is held for them and what they received, not the client's card.
  assert.deepEqual(await page.locator(".figure dt").evaluateAll((els) => els.map((e) => e.textContent)), ["Budget", "In escrow for you", "Received", "Net earned"]);
  await formAction(page, "m1", "Submit work", { Message: "Mockups." });
  await actAs(page, "client");
  assert.deepEqual(await page.locator(".figure dt").evaluateAll((els) => els.map((e) => e.textContent)), ["Budget", "Charged", "In escrow", "Released", "Credit unused", "Net cost"]);
  assert.equal(await page.title(), "(1) Milestones", "the review waits for the client");
  assert.equal(await page.locator(".auto-soon").count(), 0);

  // The calendar: the dates that still bind someone, as they are: a due date while the work is
  // owed (Design's was met by its submission) and a review's deadline.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Add to calendar" }).click()]);
  const ics = await (await import("node:fs/promises")).readFile(await download.path(), "utf8");
  assert.match(ics, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  assert.ok(ics.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75), "lines folded at 75 octets");
  const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n").filter(Boolean);
  const events = [];
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") events.push({});
    else if (events.length && !line.startsWith("END:")) {
      const i = line.indexOf(":");
      events.at(-1)[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  const unescape = (s) => s.replace(/\\n/g, "\n").replace(/\\([\\;,])/g, "$1");
  assert.equal(events.length, 2);
  assert.deepEqual(events.map((e) => unescape(e.SUMMARY)), [
    "Review ends: Design (Site; v2, \"final\")", "Due: Build (Site; v2, \"final\")"]);
  assert.equal(events[1]["DTSTART;VALUE=DATE"], plus(today, 5).replace(/-/g, ""));
  assert.match(events[0].DTSTART, /^\d{8}T\d{6}Z$/);
  assert.ok(events.every((e) => e.UID && e.DTSTAMP));

  // Eleven days on: the release is 3 days away and says so; Build's due date has passed.
  for (let k = 0; k < 11; k++) await page.getByRole("button", { name: "Advance 1 day" }).click();
  await row(page, "m1").locator(".auto-soon").getByText(/^Releases automatically in 3 days$/).waitFor();
  await row(page, "m2").locator(".overdue").waitFor();
  assert.equal(await row(page, "m1").locator(".overdue").count(), 0, "in review, not overdue");
});

test("a locked plan is replaced by a new offer: the old contract ends in the same step, and each names the other", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { title: "Audit", account: "wpp", milestones: [{ title: "Plan", amount: "100" }, { title: "Field work", amount: "300" }] });
  await activate(page, "m1");
  await formAction(page, "m1", "Approve & release", {});
  await page.getByRole("button", { name: "Create new contract offer" }).click();
  const dialog = page.getByRole("dialog");
  assert.deepEqual(await dialog.getByLabel("Milestone title").evaluateAll((els) => els.map((e) => e.value)), ["Field work"]);
  assert.equal(await dialog.getByLabel("How the contract starts").inputValue(), "offer");
  await dialog.getByRole("button", { name: "Create contract" }).click();
  await page.getByRole("heading", { level: 2, name: "Audit (new offer)" }).waitFor();
  await page.getByText("Replaces “Audit”").waitFor();
  await page.getByText("“Audit” ended: the new offer replaces it.").waitFor();
  await page.getByRole("button", { name: "“Audit”" }).click();
  await page.getByRole("heading", { level: 2, name: "Audit", exact: true }).waitFor();
  await page.getByText("Replaced by “Audit (new offer)”").waitFor();
  await page.getByText("Acme ended the contract; Field work closed unfunded.").waitFor();
});

test("render reads only the model: with every engine and storage method throwing while it renders, a click still shows its result", async (t) => {
  const { page } = await openBoard(t);
  await createContract(page, { milestones: [{ title: "Design", amount: "100" }, { title: "Build", amount: "200" }] });
  // From here on, every method of the engine, of a contract and of localStorage throws while a
  // scheduled callback runs — a microtask or a frame, where the board renders — and counts the
  // attempt.
  await page.evaluate(() => {
    window.__inFrame = false;
    window.__calledInFrame = [];
    const inside = (callback) => (...args) => {
      window.__inFrame = true;
      try {
        callback(...args);
      } finally {
        window.__inFrame = false;
      }
    };
    const frame = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => frame(inside(callback));
    const microtask = window.queueMicrotask.bind(window);
    window.queueMicrotask = (callback) => microtask(inside(callback));
    const trap = (proto, label) => {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const d = Object.getOwnPropertyDescriptor(proto, name);
        if (name === "constructor" || typeof d.value !== "function") continue;
        proto[name] = function (...args) {
          if (window.__inFrame) {
            window.__calledInFrame.push(`${label}.${name}`);
            throw new Error(`${label}.${name} called while rendering`);
          }
          return d.value.apply(this, args);
        };
      }
    };
    const board = document.getElementById("app");
    trap(Object.getPrototypeOf(board.engine), "engine");
    trap(Object.getPrototypeOf(board.contract), "contract");
    trap(Storage.prototype, "localStorage");
  });
  await activate(page, "m1");
  await row(page, "m1").getByText("Funded: $100.00 in escrow").waitFor();
  await page.locator('.timeline [data-action="history-view"][data-seq="1"]').click();
  await page.locator(".history-note").getByText(/^Viewing .* — after Acme created the contract/).waitFor();
  await page.getByRole("button", { name: "Back to now" }).click();
  await page.locator(".history-note").waitFor({ state: "hidden" });
  await page.evaluate(() => window.__saved());
  assert.deepEqual(await page.evaluate(() => window.__calledInFrame), []);
  // The trap is real: a call inside a frame or a microtask is caught.
  const tryState = () => {
    try {
      document.getElementById("app").contract.state();
      return "no throw";
    } catch (e) {
      return e.message;
    }
  };
  assert.equal(await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => resolve((${tryState})())))`),
    "contract.state called while rendering");
  assert.equal(await page.evaluate(`new Promise((resolve) => queueMicrotask(() => resolve((${tryState})())))`),
    "contract.state called while rendering");
});

test("on a 390 px phone the statement's table scrolls in its own box, not the page", async (t) => {
  const { page } = await openBoard(t, { options: { viewport: { width: 390, height: 800 }, bypassCSP: true } });  // to inject axe-core
  await page.getByRole("button", { name: "Try a sample contract" }).click();
  await page.getByRole("button", { name: "Statement" }).click();
  await page.locator(".statement-doc").waitFor();
  const widths = await page.evaluate(() => {
    const box = document.getElementById("app").shadowRoot.querySelector(".table-scroll");
    return { page: document.documentElement.scrollWidth, view: window.innerWidth, box: box.clientWidth, table: box.scrollWidth };
  });
  assert.ok(widths.page <= widths.view, `the page is ${widths.page} px wide in a ${widths.view} px window`);
  assert.ok(widths.table > widths.box, `the table (${widths.table} px) scrolls inside its box (${widths.box} px)`);
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.help}`));
  assert.deepEqual(violations, [], "axe on the narrow statement");
});
