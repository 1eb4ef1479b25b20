// <milestone-board> as a host page uses it: two boards side by side with their own storage,
// attributes and properties, the events (and a veto), programmatic commands, one-contract mode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdir } from "node:fs/promises";
import { createOneMilestoneContract, useBrowser, watchErrors } from "./browser.mjs";
import { catalog } from "../../web/board/words.js";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const artifacts = new URL("../artifacts/", import.meta.url).pathname;
let browser, site;

useBrowser((b, s) => {
  browser = b;
  site = s;
});

async function openPage(t, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1400 }, ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(site.url("/tests/browser/element.html"));
  await page.waitForSelector("body[data-ready]");
  t.after(async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp), [], "CSP violations");
    assert.deepEqual(errors, [], "page errors");
    await context.close();
  });
  return page;
}

const events = (page, type) => page.evaluate((type) => window.__events.filter((e) => e.type === type), type);

const CONTRACT = {
  id: "c-host", title: "Logo", accountType: "standard", client: "Acme", freelancer: "Jo",
  milestones: [{ title: "Sketches", amount: 30000, dueDate: "2030-01-15" }, { title: "Final", amount: 50000, dueDate: "2030-02-15" }],
};

/** Creates CONTRACT on a board through the element's dispatch(). */
const hostCreate = (page, board) => page.evaluate(({ board, contract }) =>
  document.getElementById(board).dispatch({ type: "create_contract", actor: "client", contract }), { board, contract: CONTRACT });

test("two boards keep their own storage, role and clock, and each fires its own events", async (t) => {
  const page = await openPage(t);
  const left = page.locator("#left");
  const right = page.locator("#right");
  // acting-as fixes the role: no "Acting as" choice; clock="demo" offers the demo clock.
  assert.equal(await left.getByRole("combobox", { name: "Acting as" }).count(), 0);
  assert.equal(await right.getByRole("combobox", { name: "Acting as" }).count(), 0);
  assert.equal(await left.getByRole("button", { name: "Advance 1 day" }).count(), 0);
  assert.equal(await right.getByRole("button", { name: "Advance 1 day" }).count(), 1);

  await createOneMilestoneContract(left, { title: "Left only", amount: "12.50" });
  assert.equal(await right.getByRole("heading", { level: 2, name: "No contract open" }).count(), 1);

  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":contract:")));
  assert.equal(keys.length, 1);
  assert.match(keys[0], /^left:v3:contract:c-/);

  const accepted = await events(page, "command-accepted");
  assert.equal(accepted.length, 1);
  assert.equal(accepted[0].board, "left");
  assert.equal(accepted[0].composed, true);
  assert.equal(accepted[0].detail.command.type, "create_contract");
  assert.equal(accepted[0].detail.events[0].type, "contract_created");
  assert.equal(accepted[0].detail.contractId, keys[0].split(":contract:")[1]);
  const before = await events(page, "before-command");
  assert.equal(before.length, 1);
  assert.equal(before[0].cancelable, true);

  // Properties read back what the attributes say.
  const props = await page.evaluate(() => {
    const b = document.getElementById("right");
    return { actingAs: b.actingAs, clock: b.clock, storagePrefix: b.storagePrefix, contractId: b.contractId };
  });
  assert.deepEqual(props, { actingAs: "freelancer", clock: "demo", storagePrefix: "right", contractId: null });
});

test("a cancelled before-command vetoes the action: the engine never sees it", async (t) => {
  const page = await openPage(t);
  const left = page.locator("#left");
  assert.equal((await hostCreate(page, "left")).ok, true);
  await page.evaluate(() => window.__veto.add("activate_milestone"));
  const activate = left.locator('.milestone[data-id="m1"]').getByRole("button", { name: "Activate & fund" });
  await activate.click();
  await left.getByRole("dialog").getByRole("button", { name: "Activate & fund" }).click();
  assert.equal(await left.locator('.milestone[data-id="m1"]').getByText("Not funded yet").count(), 1);
  assert.equal(await left.locator(".app > p.alert").textContent(), "");
  const vetoed = (await events(page, "before-command")).filter((e) => e.detail.command.type === "activate_milestone");
  assert.equal(vetoed.length, 1);
  assert.deepEqual(
    { actor: vetoed[0].detail.command.actor, milestoneId: vetoed[0].detail.command.milestoneId, contractId: vetoed[0].detail.contractId },
    { actor: "client", milestoneId: "m1", contractId: "c-host" });
  assert.equal(typeof vetoed[0].detail.command.at, "number");
  assert.equal((await events(page, "command-accepted")).some((e) => e.detail.command.type === "activate_milestone"), false);

  await page.evaluate(() => window.__veto.clear());
  await activate.click();
  await left.getByRole("dialog").getByRole("button", { name: "Activate & fund" }).click();
  await left.locator('.milestone[data-id="m1"]').getByText("Funded: $300.00 in escrow").waitFor();
  const accepted = (await events(page, "command-accepted")).filter((e) => e.detail.command.type === "activate_milestone");
  assert.equal(accepted.length, 1);
  assert.equal(accepted[0].detail.events[0].type, "milestone_activated");
});

test("dispatch() runs host commands: accepted ones are saved and shown, refusals come back in the engine's words", async (t) => {
  const page = await openPage(t);
  assert.equal((await hostCreate(page, "left")).ok, true);
  const refused = await page.evaluate(() => document.getElementById("left").dispatch(
    { type: "release_payment", actor: "client", milestoneId: "m2", amount: 100 }));
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, "INVALID_STATE");
  const rejected = await events(page, "command-rejected");
  assert.equal(rejected.length, 1);
  assert.equal(rejected[0].detail.error.code, "INVALID_STATE");
  assert.equal(rejected[0].detail.command.milestoneId, "m2");

  const done = await page.evaluate(() => document.getElementById("left").dispatch(
    { type: "activate_milestone", actor: "client", milestoneId: "m1" }));
  assert.equal(done.ok, true);
  await page.locator("#left .milestone[data-id='m1']").getByText("Funded: $300.00 in escrow").waitFor();
  // The engine contract is there to read; the board saved the change.
  const read = await page.evaluate(() => {
    const board = document.getElementById("left");
    const saved = JSON.parse(localStorage.getItem("left:v3:contract:c-host"));
    return { status: board.contract.state().milestones[0].status, events: saved.seq, allowed: board.contract.allowed("freelancer", Date.now()).map((a) => a.type) };
  });
  assert.deepEqual(read, { status: "active", events: 2, allowed: read.allowed });
  assert.ok(read.allowed.includes("submit_work"));
  // A host's own `at` behind the contract's clock is refused, and says so; without `at` the
  // board's clock is used.
  const late = await page.evaluate(() => {
    const board = document.getElementById("left");
    const lastAt = board.contract.state().lastAt;
    return board.dispatch({ type: "submit_work", actor: "freelancer", milestoneId: "m1", message: "Draft", at: lastAt - 5 });
  });
  assert.equal(late.error.code, "CLOCK_BACKWARDS");
  assert.match(late.error.message, /Time cannot go backwards/);
  // Host commands skip before-command: the host already decided.
  assert.equal((await events(page, "before-command")).length, 0);
  // A second contract with the same id is refused, nothing overwritten.
  const twice = await hostCreate(page, "left");
  assert.equal(twice.ok, false);
  assert.equal(twice.error.code, "CONTRACT_EXISTS");
});

test("the contract attribute shows one contract without the list; acting-as switches the role live", async (t) => {
  const page = await openPage(t);
  await hostCreate(page, "left");
  await page.evaluate(() => document.getElementById("left").dispatch({ type: "activate_milestone", actor: "client", milestoneId: "m1" }));
  const left = page.locator("#left");
  const list = left.getByRole("heading", { name: "Contracts" });
  assert.equal(await list.count(), 1);
  await page.evaluate(() => { document.getElementById("left").contractId = "c-host"; });
  await list.waitFor({ state: "hidden" });
  await left.getByRole("heading", { level: 2, name: "Logo" }).waitFor();
  assert.equal(await page.evaluate(() => document.getElementById("left").getAttribute("contract")), "c-host");

  assert.equal(await left.getByRole("button", { name: "Submit work" }).count(), 0);
  await page.evaluate(() => { document.getElementById("left").actingAs = "freelancer"; });
  await left.getByRole("button", { name: "Submit work" }).waitFor();
  assert.equal(await page.evaluate(() => document.getElementById("left").actingAs), "freelancer");

  await page.evaluate(() => document.getElementById("left").setAttribute("contract", "c-missing"));
  await left.getByText("No contract with the id “c-missing” is saved in this browser.").waitFor();
  assert.equal(await page.evaluate(() => document.getElementById("left").contract), null);

  // Another storage prefix starts the board over on that storage.
  await page.evaluate(() => { const b = document.getElementById("left"); b.removeAttribute("contract"); b.storagePrefix = "elsewhere"; });
  await left.getByText("No contracts yet.").waitFor();
});

test("drag reordering works inside the shadow root, and the page passes axe-core", async (t) => {
  const page = await openPage(t, { bypassCSP: true });  // to inject axe-core
  await hostCreate(page, "left");
  const left = page.locator("#left");
  const from = await left.getByRole("button", { name: "Reorder Final" }).boundingBox();
  const target = await left.locator('.milestone[data-id="m1"]').boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, target.y + 4, { steps: 12 });
  await page.mouse.up();
  await page.waitForFunction(() => document.getElementById("left").contract.state().milestones[0].title === "Final");
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));  // the board draws it
  assert.deepEqual(await left.locator(".milestone h4").allTextContents(), ["Final", "Sketches"]);
  const moved = (await events(page, "command-accepted")).find((e) => e.detail.command.type === "move_milestone");
  assert.deepEqual({ id: moved.detail.command.milestoneId, to: moved.detail.command.toIndex }, { id: "m2", to: 0 });

  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.help}`));
  assert.deepEqual(result, []);
});

test("a slow banner does not hold up the board; it shows for the region of the viewer's language", async (t) => {
  const page = await openPage(t, { locale: "en-GB" });
  let release;
  const held = new Promise((r) => { release = r; });
  const config = {
    global: { message: "For everyone", icon: "info", start: "", end: "" },
    responsive: [{ message: "For clients in Britain", country: "GB", usertype: "all", icon: "warning", start: "", end: "" }],
  };
  await page.route("**/slow-banner.json", async (route) => {
    await held;
    await route.fulfill({ contentType: "application/json", body: JSON.stringify(config) });
  });
  await page.evaluate(async () => {
    const board = document.createElement("milestone-board");
    board.id = "third";
    board.setAttribute("storage-prefix", "third");
    board.setAttribute("banner-src", "/slow-banner.json");
    document.querySelector("main").append(board);
    await board.ready;
  });
  const third = page.locator("#third");
  await third.getByRole("button", { name: "New contract" }).waitFor();
  const banner = third.getByRole("complementary", { name: "Announcement" });
  assert.equal(await banner.count(), 0, "ready before the banner config arrived");
  release();
  await banner.getByText("For clients in Britain").waitFor();
});

test("the links attribute (and property) opens a contract link from the page address, live", async (t) => {
  const page = await openPage(t);
  assert.equal((await hostCreate(page, "left")).ok, true);
  // A link to the left board's contract; the right board (no `links`) leaves the address alone.
  const fragment = await page.evaluate(async () => {
    const { encodeLink } = await import("/web/board/link.js");
    return encodeLink(JSON.stringify(document.getElementById("left").contract.log()));
  });
  const right = page.locator("#right");
  await page.evaluate((f) => { location.hash = f; }, fragment);
  assert.deepEqual(await page.evaluate(() => {
    const b = document.getElementById("right");
    return { links: b.links, attribute: b.hasAttribute("links"), hash: location.hash.length > 1 };
  }), { links: false, attribute: false, hash: true });
  assert.equal(await right.getByRole("heading", { level: 2, name: "Logo" }).count(), 0);

  // The property sets the attribute, and the board starts over reading the address.
  await page.evaluate(() => { document.getElementById("right").links = true; });
  await right.getByRole("heading", { level: 2, name: "Logo" }).waitFor();
  assert.deepEqual(await page.evaluate(() => ({
    attribute: document.getElementById("right").getAttribute("links"), hash: location.hash,
  })), { attribute: "", hash: "" });

  // Without the attribute a new link stays in the address; setting the attribute opens it.
  await page.evaluate(() => {
    const b = document.getElementById("right");
    b.removeAttribute("links");
    b.storagePrefix = "right-2";  // a fresh storage, where the link's contract is new
  });
  assert.equal(await page.evaluate(() => document.getElementById("right").links), false);
  await right.getByRole("heading", { level: 2, name: "No contract open" }).waitFor();
  await page.evaluate((f) => { location.hash = f; }, fragment);
  await page.waitForTimeout(200);
  assert.equal(await right.getByRole("heading", { level: 2, name: "Logo" }).count(), 0);
  assert.ok(await page.evaluate(() => location.hash.length > 1));
  await page.evaluate(() => document.getElementById("right").setAttribute("links", ""));
  await right.getByRole("heading", { level: 2, name: "Logo" }).waitFor();
  assert.equal(await page.evaluate(() => location.hash), "");
});

/** Every string of a catalog (not its functions), with its key path. */
const strings = (value, path = "") => typeof value === "string" ? [[path, value]]
  : value && typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`)) : [];

test("lang=\"de\" speaks German: the form, a row, the budget, the activity and a refusal, no English word left, axe-core clean", async (t) => {
  const page = await openPage(t, { bypassCSP: true });  // to inject axe-core
  await page.evaluate(() => document.getElementById("left").setAttribute("lang", "de"));
  const left = page.locator("#left");
  await left.getByRole("heading", { name: "Verträge" }).waitFor();
  await hostCreate(page, "left");
  await page.evaluate(() => document.getElementById("left").dispatch({ type: "activate_milestone", actor: "client", milestoneId: "m1" }));
  await left.locator(".milestone[data-id='m1']").getByText("Finanziert: 300,00\u00a0$ treuhänderisch verwahrt").waitFor();
  assert.match(await left.locator(".milestone[data-id='m2'] .meta").textContent(), /500,00\u00a0\$ · fällig am 15\. Feb\. 2030/);
  assert.match(await left.locator(".budget-slot").textContent(), /Budget800,00\u00a0\$.*Belastet300,00\u00a0\$/);
  await left.locator(".timeline").getByText("Acme hat Sketches mit 300,00\u00a0$ finanziert.").waitFor();
  // Why not?, worded in German from the engine's code and params (open for the checks below).
  await left.locator('.contract-actions button[data-action="why-not"]').click();
  await left.locator("#why-not-contract").getByText(/^Vertrag beenden — „Sketches“ hält 300,00\s\$ treuhänderisch/).waitFor();
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}element-german.png`, fullPage: true });

  // The New contract form, and a refusal worded from its code.
  await left.getByRole("button", { name: "Neuer Vertrag" }).click();
  await left.getByRole("heading", { name: "Neuer Vertrag" }).waitFor();
  await left.getByLabel("Titel des Vertrags").fill("Website");
  await left.getByLabel("Auftraggeber").fill("Acme");
  await left.getByLabel("Auftragnehmerin").fill("Jo");
  await left.getByLabel("Titel des Meilensteins").fill("Design");
  await left.getByLabel("Betrag (USD)").fill("1,50");
  await left.getByLabel("Fälligkeitsdatum").fill("2030-03-01");
  await left.getByRole("button", { name: "Vertrag anlegen" }).click();
  // The engine's check of what was typed, at its field, worded in German from code and params.
  const said = await left.locator("dialog .field-amount .problem").textContent();
  const problem = { code: "INVALID_AMOUNT", rule: "R1", field: "contract.milestones[0].amount", message: "", params: { min: 500, max: 1000000000, amount: 150 } };
  assert.equal(said, catalog("de").refusal(problem));
  assert.match(said, /1,50\s\$/);
  assert.equal(await left.locator("dialog .alert").textContent(), "Bitte beheben Sie das unten markierte Problem.");

  // No English word of the catalog on the board (as text, an accessible name or a title).
  const shown = await page.evaluate(() => {
    const root = document.getElementById("left").shadowRoot;
    const named = [...root.querySelectorAll("[aria-label], [title], [placeholder]")]
      .map((el) => [el.getAttribute("aria-label"), el.getAttribute("title"), el.getAttribute("placeholder")].join(" "));
    return [root.textContent, ...named].join("\n");
  });
  const german = new Map(strings(catalog("de")));
  const english = strings(catalog("en")).filter(([key, text]) => text.length >= 4 && german.get(key) !== text);
  assert.ok(english.length > 100, `${english.length} English strings to look for`);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const left_ = english.filter(([, text]) => new RegExp(`(^|[^\\p{L}])${escape(text)}($|[^\\p{L}])`, "u").test(shown));
  assert.deepEqual(left_, []);

  await page.keyboard.press("Escape");
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.help}`));
  assert.deepEqual(result, []);
});
