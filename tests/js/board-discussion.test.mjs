// The discussion on the board (R24): the contract's thread and each milestone's, posting as either
// party, user text shown as text, the rows' counts and the contract list's unread count, refusals
// at the field, History and links, German, axe-core; and, in Node.js, the helpers that count what
// is unread and read a thread from the log only when the state says it has more.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { useBrowser, watchErrors } from "./browser.mjs";
import { loadEngine } from "../../web/milestones.js";
import { Store } from "../../web/board/store.js";
import { LogMessages, Seen, messagesIn, readUpTo, unreadCount } from "../../web/board/discussion.js";
import { longContract, storedEntries } from "./long-contract.mjs";
import { catalog } from "../../web/board/words.js";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const engine = await loadEngine();
const T0 = Date.UTC(2026, 10, 26);
let browser, site;

useBrowser((b, s) => {
  browser = b;
  site = s;
});

// --- the helpers, in Node.js ----------------------------------------------------------------------

/** A Storage in memory. */
function memoryStorage() {
  const map = new Map();
  return {
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => { map.set(k, String(v)); },
    removeItem: (k) => { map.delete(k); },
    map,
  };
}

test("unread = the contract's messages less what the role read of each thread; nothing is said before it is known", () => {
  assert.equal(unreadCount(5, {}), 5);
  assert.equal(unreadCount(5, { "": 2, m1: 1 }), 2);
  assert.equal(unreadCount(3, { "": 2, m1: 4 }), 0, "never below zero");
  assert.equal(unreadCount(5, null), 0, "not read from storage yet: no count");
  assert.equal(unreadCount(undefined, {}), 0, "a head from before the discussion carries no total");
  assert.equal(unreadCount(4, { "": "2", m1: -1, m2: 1.5 }), 4, "stored garbage counts for nothing");
  // What a role read of a thread: the count shown, threads of milestones gone left out.
  const read = { "": 1, m1: 2, m9: 3 };
  assert.equal(readUpTo(read, "m1", 2, () => true), read, "nothing new: the same object, nothing stored");
  assert.deepEqual(readUpTo(read, "m1", 4, (id) => id !== "m9"), { "": 1, m1: 4 });
  assert.deepEqual(readUpTo({}, "", 0, () => true), {});
});

test("the total comes from the state's counts; Seen stores per contract and role, only what is news", () => {
  const c = engine.createContract();
  c.dispatch({ type: "create_contract", actor: "client", at: T0, contract: { title: "W", accountType: "standard", client: "Acme", freelancer: "Jo",
    milestones: [{ title: "Design", amount: 10000, dueDate: "2030-12-10" }, { title: "Build", amount: 20000, dueDate: "2030-12-20" }] } });
  for (const [actor, milestoneId] of [["client", undefined], ["freelancer", "m1"], ["client", "m2"], ["freelancer", undefined]]) {
    assert.equal(c.dispatch({ type: "post_message", actor, at: T0, text: "Hi", ...(milestoneId ? { milestoneId } : {}) }).ok, true);
  }
  assert.equal(messagesIn(c.state()), 4);
  c.dispose();

  const storage = memoryStorage();
  const seen = new Seen(new Store({ prefix: "t", storage }));
  assert.equal(seen.of("a", "client"), null, "unknown until loaded");
  seen.load(["a"]);
  assert.deepEqual(seen.of("a", "client"), {});
  seen.mark("a", "client", "", 0, () => true);
  assert.equal(storage.map.size, 0, "nothing read yet, nothing stored");
  seen.mark("a", "client", "m1", 2, () => true);
  seen.mark("a", "client", "m1", 2, () => true);
  seen.mark("a", "freelancer", "", 1, () => true);
  assert.deepEqual(JSON.parse(storage.getItem("t:v1:setting:seen:a")), { client: { m1: 2 }, freelancer: { "": 1 } });
  // Another board on the same storage reads it.
  const again = new Seen(new Store({ prefix: "t", storage }));
  again.load(["a", "b"]);
  assert.deepEqual(again.of("a", "client"), { m1: 2 });
  assert.deepEqual(again.of("b", "freelancer"), {});
  seen.dispose();
  again.dispose();
});

test("a thread is read from the log only when the state counts more than was read, and only the new events", () => {
  const c = engine.createContract();
  c.dispatch({ type: "create_contract", actor: "client", at: T0, contract: { title: "W", accountType: "standard", client: "Acme", freelancer: "Jo",
    milestones: [{ title: "Design", amount: 10000, dueDate: "2030-12-10" }] } });
  const post = (text, milestoneId) => c.dispatch({ type: "post_message", actor: "client", at: T0, text, ...(milestoneId ? { milestoneId } : {}) });
  let reads = 0;
  const events = c.events.bind(c);
  c.events = (...args) => { reads++; return events(...args); };
  const log = new LogMessages(c);
  const none = log.thread("", 0, 1, 50, null);
  assert.deepEqual(none, { site: "", messages: [], count: 0, more: 0 });
  assert.equal(reads, 0, "a thread the state counts empty is not read");
  for (let i = 1; i <= 3; i++) post(`c${i}`);
  post("on Design", "m1");
  let state = c.state();
  const first = log.thread("", state.contract.messages, state.seq, 2, null);
  assert.deepEqual(first.messages.map((m) => m.text), ["c2", "c3"], "the newest, oldest first");
  assert.equal(first.more, 1);
  assert.equal(reads, 1);
  assert.equal(log.thread("", state.contract.messages, state.seq, 2, first), first, "the same messages: the same thread");
  assert.deepEqual(log.thread("m1", state.milestones[0].messages, state.seq, 50, null).messages.map((m) => m.text), ["on Design"]);
  assert.equal(reads, 1, "already read");
  // As it stood after event 3 (History): from what was read.
  assert.deepEqual(log.thread("", 2, 3, 50, null).messages.map((m) => [m.seq, m.text, m.by]), [[2, "c1", "client"], [3, "c2", "client"]]);
  post("c4");
  state = c.state();
  assert.deepEqual(log.thread("", state.contract.messages, state.seq, 50, null).messages.map((m) => m.text), ["c1", "c2", "c3", "c4"]);
  assert.equal(reads, 2);
  assert.equal(log.read, state.seq);
  c.dispose();
});

// --- the board, in Chromium ----------------------------------------------------------------------

/** A fresh profile with the board open (in German with `lang`); fails the test on any error. */
async function openBoard(t, { entries = null, lang = null, axe = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, bypassCSP: axe });
  if (entries) {
    await context.addInitScript((entries) => {
      if (!localStorage.length) for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }, entries);
  }
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__saved = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
  });
  await page.goto(site.url("/web/"));
  await page.waitForSelector("#app[data-ready]");
  if (lang) {
    await page.evaluate((lang) => document.getElementById("app").setAttribute("lang", lang), lang);
    await page.getByRole("heading", { name: "Verträge" }).waitFor();
  }
  t.after(async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp).catch(() => []), [], "CSP violations");
    assert.deepEqual(errors, [], "page errors");
    await context.close();
  });
  return page;
}

/** Creates an open contract of two milestones, Design and Build, through the host's dispatch. */
const hostCreate = (page, title = "Website") => page.evaluate((title) => document.getElementById("app").dispatch({
  type: "create_contract", actor: "client", contract: { id: `c-${title}`, title, accountType: "standard", client: "Acme", freelancer: "Jo",
    milestones: [{ title: "Design", amount: 10000, dueDate: "2030-12-10" }, { title: "Build", amount: 20000, dueDate: "2030-12-20" }] },
}).ok, title);

const frame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
const row = (page, id) => page.locator(`.milestone[data-id="${id}"]`);
const actAs = async (page, role) => {
  await page.getByLabel("Acting as").selectOption(role);
  await frame(page);
};
/** Types `text` in a thread ("contract" or a milestone id) and posts it. */
async function post(page, where, text) {
  const thread = page.locator(`#thread-${where}`);
  await thread.locator("textarea").fill(text);
  await thread.getByRole("button", { name: /^(Post|Senden)$/ }).click();
  await frame(page);
}
/** The messages of a thread on screen: [author, text]. */
const messages = (page, where) => page.locator(`#thread-${where} .message`).evaluateAll((items) =>
  items.map((li) => [li.querySelector(".author").textContent, li.querySelector(".message-text").textContent]));
/** The contract list's button of `title`. */
const listed = (page, title) => page.locator(".contract-list").getByRole("button", { name: new RegExp(`^${title}`) });
/** The unread count the list shows for `title` ("" for none), as it is seen (it is said in full). */
const unreadOf = async (page, title) => {
  await frame(page);
  const badge = listed(page, title).locator(".unread [aria-hidden=true]");
  return (await badge.count()) === 0 ? "" : badge.textContent();
};
const axeViolations = async (page) => {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
};

test("both parties talk on the contract and on a milestone: text as text, the row's count, unread in the list", async (t) => {
  const page = await openBoard(t);
  assert.equal(await hostCreate(page, "Logo"), true);
  assert.equal(await hostCreate(page), true);
  await page.getByRole("heading", { level: 2, name: "Website" }).waitFor();

  // The client on the contract's thread: markup and a line break shown as typed.
  await page.getByRole("heading", { level: 3, name: "Discussion" }).waitFor();
  assert.equal(await page.locator("#thread-contract").getByText("No messages yet.").count(), 1);
  await post(page, "contract", "Hello <b>Jo</b>\nSecond line");
  assert.deepEqual(await messages(page, "contract"), [["Acme", "Hello <b>Jo</b>\nSecond line"]]);
  const text = page.locator("#thread-contract .message-text");
  assert.equal(await text.locator("b").count(), 0, "no element made of the text");
  assert.equal(await text.evaluate((p) => getComputedStyle(p).whiteSpace), "pre-wrap");
  assert.equal(await text.innerText(), "Hello <b>Jo</b>\nSecond line", "the line break is shown");
  const time = page.locator("#thread-contract .message time");
  assert.match(await time.textContent(), /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} [AP]M$/);
  assert.equal(await page.locator("#thread-contract textarea").inputValue(), "", "the form is empty again");

  // A milestone's thread opens from its row; the row counts its messages.
  const design = row(page, "m1").getByRole("button", { name: "Discussion (0) — Design" });
  assert.equal(await design.getAttribute("aria-expanded"), "false");
  await design.click();
  await frame(page);
  assert.equal(await row(page, "m1").locator("[data-action=thread]").getAttribute("aria-expanded"), "true");
  await page.getByRole("group", { name: "Discussion of Design" }).waitFor();
  await post(page, "m1", "Client on Design");
  await row(page, "m1").getByRole("button", { name: "Discussion (1) — Design" }).waitFor();
  assert.deepEqual(await messages(page, "m1"), [["Acme", "Client on Design"]]);
  assert.equal(await unreadOf(page, "Website"), "", "own posts are not unread");
  // One thread at a time: Build's closes Design's.
  await row(page, "m2").getByRole("button", { name: "Discussion (0) — Build" }).click();
  await frame(page);
  assert.equal(await page.locator("#thread-m1").count(), 0);
  await row(page, "m2").locator("[data-action=thread]").click();
  await frame(page);
  assert.equal(await page.locator(".thread-slot").count(), 0);

  // The freelancer: the contract's thread is on screen (read); Design's message waits.
  await actAs(page, "freelancer");
  assert.equal(await unreadOf(page, "Website"), "1 unread");
  assert.equal(await listed(page, "Website").getAttribute("aria-current"), "true");
  await page.locator(".contract-list").getByRole("button", { name: /Website open 1 unread message$/ }).waitFor();
  await row(page, "m1").getByRole("button", { name: "Discussion (1) — Design" }).click();
  await frame(page);
  assert.equal(await unreadOf(page, "Website"), "", "read once its thread is open");
  await post(page, "m1", "Jo on Design");
  await post(page, "contract", "Jo on the contract");
  assert.deepEqual(await messages(page, "m1"), [["Acme", "Client on Design"], ["Jo", "Jo on Design"]]);
  assert.deepEqual(await messages(page, "contract"), [["Acme", "Hello <b>Jo</b>\nSecond line"], ["Jo", "Jo on the contract"]]);
  assert.equal(await unreadOf(page, "Website"), "");
  await row(page, "m1").locator("[data-action=thread]").click();

  // Another contract on show: the client has not seen Jo's two messages on Website.
  await listed(page, "Logo").click();
  await page.getByRole("heading", { level: 2, name: "Logo" }).waitFor();
  await actAs(page, "client");
  assert.equal(await unreadOf(page, "Website"), "2 unread");
  assert.equal(await unreadOf(page, "Logo"), "");
  // Kept across a reload (the head carries the total, the settings what was read).
  await page.evaluate(() => window.__saved());
  await page.reload();
  await page.waitForSelector("#app[data-ready]");
  assert.equal(await unreadOf(page, "Website"), "2 unread");
  // Opening Website reads its thread; Design's stays unread until it is opened.
  await listed(page, "Website").click();
  await page.getByRole("heading", { level: 2, name: "Website" }).waitFor();
  assert.equal(await unreadOf(page, "Website"), "1 unread");
  await row(page, "m1").getByRole("button", { name: "Discussion (2) — Design" }).click();
  assert.equal(await unreadOf(page, "Website"), "");
  assert.deepEqual(await messages(page, "m1"), [["Acme", "Client on Design"], ["Jo", "Jo on Design"]]);
  // The activity tells them too.
  await page.locator(".timeline").getByText("Jo wrote on Design: “Jo on Design”").waitFor();
});

test("a refused post shows the engine's words at its field and keeps the draft; History shows the threads then, read-only", async (t) => {
  const page = await openBoard(t);
  await hostCreate(page);
  await page.getByRole("heading", { level: 2, name: "Website" }).waitFor();
  const form = page.locator("#thread-contract");
  await form.getByRole("button", { name: "Post" }).click();
  const field = form.getByLabel("Your message");
  await form.getByText("The message must not be empty.").waitFor();
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.equal(await field.evaluate((el) => el === el.getRootNode().activeElement), true, "the field has the focus");
  await field.fill("   ");
  assert.equal(await form.locator(".problem").isHidden(), true, "typing clears it until the next try");
  await form.getByRole("button", { name: "Post" }).click();
  await form.getByText("The message must not be empty.").waitFor();
  const long = "x".repeat(5001);
  await field.fill(long);
  await form.getByRole("button", { name: "Post" }).click();
  await form.getByText("The message is too long: at most 5000 characters are allowed.").waitFor();
  assert.equal(await field.inputValue(), long, "the draft is kept");
  assert.equal(await page.evaluate(() => document.getElementById("app").contract.state().seq), 1, "nothing was recorded");

  await post(page, "contract", "First");
  await row(page, "m1").locator("[data-action=thread]").click();
  await post(page, "m1", "On Design");
  await post(page, "contract", "Second");
  // A draft survives renders, and the row drawn again around its thread.
  await page.locator("#thread-m1 textarea").fill("Half typed");
  await row(page, "m1").getByRole("button", { name: "Move down" }).click();
  await frame(page);
  assert.equal(await page.locator("#thread-m1 textarea").inputValue(), "Half typed");

  // History, right after the message on Design (event 3): as the threads stood then, no form.
  await page.locator('.timeline [data-action="history-view"][data-seq="3"]').click();
  await page.locator(".history-note").getByText(/after Acme wrote on Design/).waitFor();
  assert.deepEqual(await messages(page, "contract"), [["Acme", "First"]]);
  assert.deepEqual(await messages(page, "m1"), [["Acme", "On Design"]]);
  assert.equal(await page.locator("#thread-contract form").isHidden(), true);
  assert.equal(await page.locator("#thread-m1 form").isHidden(), true);
  await page.locator('.timeline [data-action="history-view"][data-seq="1"]').click();
  await page.locator(".history-note").getByText(/after Acme created the contract/).waitFor();
  assert.equal(await page.locator("#thread-contract").getByText("No messages yet.").isVisible(), true);
  await page.getByRole("button", { name: "Back to now" }).click();
  await page.locator(".history-note").waitFor({ state: "hidden" });
  assert.deepEqual(await messages(page, "contract"), [["Acme", "First"], ["Acme", "Second"]]);
  assert.equal(await page.locator("#thread-m1 textarea").inputValue(), "Half typed");

  // A declined offer takes no message: `allowed` does not list it, and no form is offered.
  await page.evaluate(() => document.getElementById("app").dispatch({
    type: "create_contract", actor: "client", offer: true, contract: { id: "c-offer", title: "Offer", accountType: "standard", client: "Acme", freelancer: "Jo",
      milestones: [{ title: "Design", amount: 10000, dueDate: "2030-12-10" }] } }));
  await page.getByRole("heading", { level: 2, name: "Offer" }).waitFor();
  await post(page, "contract", "Before you answer");
  await page.evaluate(() => document.getElementById("app").dispatch({ type: "respond_offer", actor: "freelancer", accept: false }));
  await frame(page);
  assert.equal(await page.locator("#thread-contract form").isHidden(), true);
  assert.deepEqual(await messages(page, "contract"), [["Acme", "Before you answer"]]);
  // Why not? says why, in the engine's words.
  await page.locator('.contract-actions button[data-action="why-not"]').click();
  await page.locator("#why-not-contract").getByText(/^Post a message — ./).waitFor();
});

test("a contract opened from a link shows its threads", async (t) => {
  const client = await openBoard(t);
  await hostCreate(client);
  await client.getByRole("heading", { level: 2, name: "Website" }).waitFor();
  await post(client, "contract", "Welcome aboard");
  await row(client, "m2").locator("[data-action=thread]").click();
  await post(client, "m2", "Build waits for the design");
  await client.getByRole("button", { name: "Share link" }).click();
  const link = await client.getByRole("dialog").getByLabel("Link").inputValue();

  const freelancer = await openBoard(t);
  await freelancer.goto(link);
  await freelancer.waitForSelector("#app[data-ready]");
  const ask = freelancer.getByRole("dialog");
  await ask.getByLabel("I am").selectOption("freelancer");
  await ask.getByRole("button", { name: "Continue" }).click();
  await freelancer.getByRole("heading", { level: 2, name: "Website" }).waitFor();
  assert.deepEqual(await messages(freelancer, "contract"), [["Acme", "Welcome aboard"]]);
  assert.equal(await unreadOf(freelancer, "Website"), "1 unread");
  await row(freelancer, "m2").getByRole("button", { name: "Discussion (1) — Build" }).click();
  assert.deepEqual(await messages(freelancer, "m2"), [["Acme", "Build waits for the design"]]);
  assert.equal(await unreadOf(freelancer, "Website"), "");
});

test("a long thread shows its newest 50 messages, and earlier ones on demand; a click reads no log", async (t) => {
  const c = engine.restore(longContract(engine, { events: 2_001, milestones: 20 }));
  const at = c.state().lastAt;
  c.dispatchMany(Array.from({ length: 60 }, (_, i) => ({ type: "post_message", actor: i % 2 ? "freelancer" : "client", at, text: `Message ${i + 1}` })));
  c.dispatch({ type: "post_message", actor: "freelancer", at, milestoneId: "m3", text: "On Milestone 3" });
  const log = c.log();
  c.dispose();
  const page = await openBoard(t, { entries: storedEntries(log) });
  await page.getByRole("heading", { level: 2, name: "Long haggle" }).waitFor();
  const shown = page.locator("#thread-contract .message");
  assert.equal(await shown.count(), 50);
  assert.equal(await shown.first().locator(".message-text").textContent(), "Message 11");
  await page.getByRole("button", { name: "Show earlier messages (10 more)" }).click();
  await frame(page);
  assert.equal(await shown.count(), 60);
  assert.equal(await shown.first().locator(".message-text").textContent(), "Message 1");

  // Counting the engine's calls on the contract: a click that adds no message reads no events.
  await page.evaluate(() => {
    const contract = document.getElementById("app").contract;
    window.__events = 0;
    const events = contract.events.bind(contract);
    contract.events = (...args) => { window.__events++; return events(...args); };
  });
  await row(page, "m3").getByRole("button", { name: "Discussion (1) — Milestone 3" }).click();
  await page.locator("#thread-m3 .message-text").getByText("On Milestone 3").waitFor();
  await row(page, "m1").getByRole("button", { name: "Move down" }).click();
  await frame(page);
  assert.equal(await page.evaluate(() => window.__events), 0, "the open threads were read: nothing to read again");
  await post(page, "m3", "Another");
  await page.locator("#thread-m3 .message-text").getByText("Another").waitFor();
  assert.equal(await page.evaluate(() => window.__events), 1, "a new message: the new event read, once");
});

test("German: the discussion's words, a refusal at the field, the unread count; axe-core clean with a thread open", async (t) => {
  const page = await openBoard(t, { lang: "de", axe: true });
  await hostCreate(page, "Logo");
  await hostCreate(page);
  await page.getByRole("heading", { level: 2, name: "Website" }).waitFor();
  await page.getByRole("heading", { level: 3, name: "Diskussion" }).waitFor();
  const form = page.locator("#thread-contract");
  await form.getByRole("button", { name: "Senden" }).click();
  await form.getByText("Die Nachricht darf nicht leer sein.").waitFor();
  await form.getByLabel("Ihre Nachricht").fill("Guten Tag");
  await form.getByRole("button", { name: "Senden" }).click();
  await row(page, "m1").getByRole("button", { name: "Diskussion (0) — Design" }).click();
  await page.getByRole("group", { name: "Diskussion zu Design" }).waitFor();
  await page.getByLabel("Ihre Nachricht zu Design").fill("Zum Entwurf");
  await page.locator("#thread-m1").getByRole("button", { name: "Senden" }).click();
  await row(page, "m1").getByRole("button", { name: "Diskussion (1) — Design" }).waitFor();
  assert.deepEqual(await messages(page, "contract"), [["Acme", "Guten Tag"]]);
  assert.match(await page.locator("#thread-contract time").textContent(), /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$|^\d{1,2}\. [A-ZÄÖÜa-zäöü]+\.? \d{4}, \d{2}:\d{2}$/);
  assert.equal(await page.locator("#thread-m1 .empty").isHidden(), true);
  // No English word of the discussion on the German board.
  const en = catalog("en");
  const shown = await page.evaluate(() => {
    const root = document.getElementById("app").shadowRoot;
    return [root.textContent, ...[...root.querySelectorAll("[aria-label]")].map((el) => el.getAttribute("aria-label"))].join("\n");
  });
  for (const english of [en.discussion, en.discussionButton(1), en.discussionOf("Design"), en.yourMessage, en.post, en.noMessages, en.ownControls.post_message]) {
    assert.ok(!shown.includes(english), `“${english}” on the German board`);
  }
  assert.deepEqual(await axeViolations(page), [], "axe with both threads open, in German");

  await row(page, "m1").locator("[data-action=thread]").click();
  await page.getByLabel("Handelnd als").selectOption("freelancer");
  await frame(page);
  assert.equal(await unreadOf(page, "Website"), "1 ungelesen");
  await page.locator(".contract-list").getByRole("button", { name: /1 ungelesene Nachricht$/ }).waitFor();
  assert.deepEqual(await axeViolations(page), [], "axe with the unread count, in German");
});

test("axe-core finds nothing to fix in English with the threads open, a problem shown and the unread count", async (t) => {
  const page = await openBoard(t, { axe: true });
  await hostCreate(page, "Logo");
  await hostCreate(page);
  await page.getByRole("heading", { level: 2, name: "Website" }).waitFor();
  await post(page, "contract", "Hello");
  await row(page, "m2").locator("[data-action=thread]").click();
  await post(page, "m2", "On Build");
  await post(page, "m2", "");
  await page.locator("#thread-m2").getByText("The message must not be empty.").waitFor();
  assert.deepEqual(await axeViolations(page), [], "both threads open, a problem at the field");
  await listed(page, "Logo").click();
  await page.getByRole("heading", { level: 2, name: "Logo" }).waitFor();
  await actAs(page, "freelancer");
  assert.equal(await unreadOf(page, "Website"), "2 unread");
  assert.deepEqual(await axeViolations(page), [], "the unread count");
});
