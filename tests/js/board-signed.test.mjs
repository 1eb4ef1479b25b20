// Signed contracts on the board (R26), in headless Chromium: two browser contexts are two browsers
// with keys of their own. The client signs, the freelancer's key binds by its first event, both
// headers show the same fingerprints, a divergent round trip still works; every tampered log of
// tests/signed (and one signed again with other keys) is refused by event and party with storage
// byte for byte as it was; an older unsigned contract says "Unsigned"; the save waits for the
// signature; imported files are checked like links; a browser without Ed25519 works unsigned;
// German; axe-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { useBrowser, watchErrors } from "./browser.mjs";
import { loadEngine, keyFingerprint } from "../../web/milestones.js";
import { encodeLink } from "../../web/board/link.js";
import { longContract, storedEntries } from "./long-contract.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const engine = await loadEngine();
const signed = new URL("../signed/", import.meta.url);
const cases = JSON.parse(await readFile(new URL("cases.json", signed), "utf8"));
const texts = Object.fromEntries(await Promise.all(cases.map(async (c) => [c.file, await readFile(new URL(c.file, signed), "utf8")])));
const good = JSON.parse(texts["good.json"]);
const FP = /[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}/;
let browser, site;

useBrowser((b, s) => {
  browser = b;
  site = s;
});

/** A fresh browser profile (own localStorage and IndexedDB: own keys) with the board open. */
async function openBoard(t, { axe = false, init = null, arg = undefined, url = "/web/" } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, bypassCSP: axe });
  await context.addInitScript(() => {
    window.__saved = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
  });
  if (init) await context.addInitScript(init, arg);
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on("dialog", (d) => { errors.push(`unexpected dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(site.url(url));
  await page.waitForSelector("#app[data-ready]");
  t.after(async () => {
    assert.deepEqual(errors, [], "page errors");
    await context.close();
  });
  return page;
}

async function createContract(page, { title = "Website", milestones = [["Design", "100"], ["Build", "200"]] } = {}) {
  await page.getByRole("button", { name: "New contract" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Contract title").fill(title);
  await dialog.getByLabel("Client", { exact: true }).fill("Acme");
  await dialog.getByLabel("Freelancer", { exact: true }).fill("Jo");
  await dialog.getByLabel("How the contract starts").selectOption("agreed");
  for (const [i, [name, amount]] of milestones.entries()) {
    if (i > 0) await dialog.getByRole("button", { name: "Add milestone" }).click();
    await dialog.getByLabel("Milestone title").nth(i).fill(name);
    await dialog.getByLabel("Amount (USD)").nth(i).fill(amount);
    await dialog.getByLabel("Due date").nth(i).fill("2030-12-31");
  }
  await dialog.getByRole("button", { name: "Create contract" }).click();
  await page.getByRole("heading", { level: 2, name: title }).waitFor();
}

const row = (page, id) => page.locator(`.milestone[data-id="${id}"]`);
const frame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
const keyLine = (page) => page.locator(".keys .key-line");
/** The key line once its fingerprints are worked out. */
const keysSaid = async (page, pattern) => {
  await keyLine(page).filter({ hasText: pattern }).waitFor();
  return keyLine(page).textContent();
};
const actAs = async (page, role) => {
  await page.getByLabel("Acting as").selectOption(role);
  await frame(page);
};
async function formAction(page, id, button, fields = {}) {
  await row(page, id).getByRole("button", { name: button, exact: true }).click();
  const dialog = page.getByRole("dialog");
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
  await frame(page);
}
async function shareLink(page) {
  await page.getByRole("button", { name: "Share link" }).click();
  const dialog = page.getByRole("dialog");
  const link = await dialog.getByLabel("Link").inputValue();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  return link;
}
/** Opens a contract link and answers "Who are you?" as `role`. */
async function openLink(page, link, role) {
  await page.goto(link);
  const ask = page.getByRole("dialog");
  await ask.getByLabel("I am").waitFor();
  await ask.getByLabel("I am").selectOption(role);
  await ask.getByRole("button", { name: "Continue" }).click();
  await ask.waitFor({ state: "hidden" });
}
/** Everything in the page's localStorage, key by key. */
const storage = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
/** The log a page stored for contract `id` (it stores after the frame that shows a change, once signed). */
const storedLog = (page, id) => page.evaluate(async (id) => {
  await window.__saved();
  const head = JSON.parse(localStorage.getItem(`milestone-board:v3:contract:${id}`));
  const events = [];
  for (let k = 0; events.length < head.seq; k++) events.push(...JSON.parse(localStorage.getItem(`milestone-board:v3:events:${id}:${k}`)));
  return { format: "milestone-log", version: 1, lastAt: head.lastAt, events: events.slice(0, head.seq) };
}, id);
const contractId = (page) => page.evaluate(() => document.getElementById("app").contract.state().contract.id);
const linkOf = async (text) => site.url(`/web/#${await encodeLink(text)}`);
const alertSays = async (page, text) => {
  const alert = page.locator(".alert[role=alert]").first();
  await alert.filter({ hasText: text }).waitFor();
  return alert.textContent();
};

/** The refusal each tampered log gets, in English: the event's number (of the log's), its party, what is wrong. */
const REFUSED = {
  "edited.json": "This link was not opened: event 13 of 13 does not match the client's signature; it was changed, moved or dropped after it was signed, or signed with another key. Nothing was changed.",
  "stripped.json": "This link was not opened: event 3 of 13 has no signature, though the client issued it; its signature was removed. Nothing was changed.",
  "other-party-key.json": "This link was not opened: event 11 of 13 does not match the freelancer's signature; it was changed, moved or dropped after it was signed, or signed with another key. Nothing was changed.",
  "reordered.json": "This link was not opened: event 6 of 13 does not match the client's signature; it was changed, moved or dropped after it was signed, or signed with another key. Nothing was changed.",
  "dropped.json": "This link was not opened: event 3 of 12 does not match the client's signature; it was changed, moved or dropped after it was signed, or signed with another key. Nothing was changed.",
};
const resignedSays = async () => {
  const [here, there] = await Promise.all([keyFingerprint(good.events[0].clientKey), keyFingerprint(JSON.parse(texts["resigned.json"]).events[0].clientKey)]);
  return `This link was not opened: the client's key in it (${there}) is not the one this browser holds for “Bakery website” (${here}), ` +
    "so it was signed by someone else. Nothing was changed.";
};

test("the expected refusals are the shared cases' verdicts: each event and party of tests/signed/cases.json", () => {
  for (const c of cases.filter((x) => x.verdict === "LOG_INVALID")) {
    const total = JSON.parse(texts[c.file]).events.length;
    assert.ok(REFUSED[c.file].includes(`event ${c.index + 1} of ${total} `), c.file);
    assert.ok(REFUSED[c.file].includes(`the ${c.party}`), c.file);
  }
  assert.deepEqual(Object.keys(REFUSED).sort(), cases.filter((x) => x.verdict === "LOG_INVALID").map((c) => c.file).sort());
});

test("two browsers: the client signs, the freelancer's key binds by its first event, both see the same keys; a divergent round trip still works", async (t) => {
  const client = await openBoard(t);
  const freelancer = await openBoard(t);
  await createContract(client);
  const made = await keysSaid(client, FP);
  const [, fpClient] = /^Signed · Client key (.{19}) \(this browser\) · Freelancer key: not yet bound$/.exec(made) ?? [];
  assert.ok(fpClient, made);
  await row(client, "m1").getByRole("button", { name: "Activate & fund" }).click();
  await client.getByRole("dialog").getByRole("button", { name: "Activate & fund" }).click();
  await row(client, "m1").getByText("Funded: $100.00 in escrow").waitFor();
  const id = await contractId(client);
  const first = await shareLink(client);
  // What the client stored and shared is signed, event by event, and verifies.
  const kept = await storedLog(client, id);
  assert.deepEqual(kept.events.map((e) => e.signature?.by), ["client", "client"]);
  (await engine.restoreVerified(kept)).dispose();

  await openLink(freelancer, first, "freelancer");
  assert.equal(await keysSaid(freelancer, fpClient), `Signed · Client key ${fpClient} (not this browser) · Freelancer key: not yet bound`);
  await formAction(freelancer, "m1", "Submit work", { Message: "Mockups are ready." });
  const bound = await keysSaid(freelancer, /Freelancer key [0-9a-f]/);
  const [, fpFreelancer] = /Freelancer key (.{19}) \(this browser\)$/.exec(bound) ?? [];
  assert.equal(bound, `Signed · Client key ${fpClient} (not this browser) · Freelancer key ${fpFreelancer} (this browser)`);
  const submitted = (await storedLog(freelancer, id)).events.at(-1);
  assert.equal(submitted.signature.by, "freelancer");
  assert.equal(await keyFingerprint(submitted.signature.key), fpFreelancer, "its first signature binds its key");
  const back = await shareLink(freelancer);

  await client.goto(back);
  await client.getByText("New from the link: Jo submitted work on Design: “Mockups are ready.”").waitFor();
  assert.equal(await keysSaid(client, fpFreelancer), `Signed · Client key ${fpClient} (this browser) · Freelancer key ${fpFreelancer} (not this browser)`);
  const pin = JSON.parse((await storage(client))[`milestone-board:v1:setting:keys:${id}`]);
  assert.deepEqual(await Promise.all([keyFingerprint(pin.client), keyFingerprint(pin.freelancer)]), [fpClient, fpFreelancer], "both keys pinned");

  // Neither browser can act as the other party: it says why instead of offering what would fail.
  await actAs(client, "freelancer");
  await client.getByText("This browser does not hold the freelancer's signing key for this contract, so it cannot act as the freelancer here. " +
    "Only the browser that holds it can. If that key is lost with its browser profile, the other party can still read and verify everything " +
    "signed so far; to go on, the client makes a new contract offer.").waitFor();
  assert.equal(await client.locator(".milestone [data-action]:not([data-action=thread])").count(), 0, "no action of the freelancer's offered");
  await actAs(client, "client");
  await actAs(freelancer, "client");
  await freelancer.getByText(/^This browser does not hold the client's signing key for this contract, so it cannot act as the client here\. .*to go on, make a new contract offer from this browser/).waitFor();
  assert.equal(await row(freelancer, "m1").getByRole("button", { name: "Approve & release" }).count(), 0);
  await actAs(freelancer, "freelancer");

  // Both act before sharing: the histories part after event 3, and either can be kept.
  await formAction(client, "m1", "Approve & release");
  await formAction(freelancer, "m2", "Propose due date", { "Due date": "2031-01-15" });
  const parted = await shareLink(freelancer);
  await client.goto(parted);
  const notice = client.locator(".notices .notice.warning", { hasText: "went separate ways after event 3" });
  await notice.waitFor();
  await notice.getByRole("button", { name: "Keep the link's" }).click();
  await notice.waitFor({ state: "hidden" });
  const chosen = await storedLog(client, id);
  assert.deepEqual(chosen.events.map((e) => e.signature?.by), ["client", "client", "freelancer", "freelancer"]);
  (await engine.restoreVerified(chosen)).dispose();
  assert.equal(await keysSaid(client, fpFreelancer), `Signed · Client key ${fpClient} (this browser) · Freelancer key ${fpFreelancer} (not this browser)`);
});

test("each tampered log, and one signed again with other keys, is refused by event and party; storage stays byte for byte; axe-core clean", async (t) => {
  const page = await openBoard(t, { axe: true });
  await openLink(page, await linkOf(texts["good.json"]), "client");
  await page.getByRole("heading", { level: 2, name: "Bakery website" }).waitFor();
  const [fpClient, fpFreelancer] = await Promise.all([keyFingerprint(good.events[0].clientKey), keyFingerprint(good.events[1].signature.key)]);
  assert.equal(await keysSaid(page, fpFreelancer), `Signed · Client key ${fpClient} (not this browser) · Freelancer key ${fpFreelancer} (not this browser)`);
  await page.getByText(/^This browser does not hold the client's signing key for this contract/).waitFor();
  await page.addScriptTag({ path: axePath });
  const axe = () => page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
  await page.getByText("About signatures").click();
  await page.getByText(/^A signature proves who issued each command/).waitFor();
  assert.deepEqual(await axe(), [], "the header with its keys, About signatures open, and why this browser cannot act");

  const before = await storage(page);
  assert.ok(Object.keys(before).some((k) => k.endsWith(":setting:keys:signed-website")), "the keys are pinned");
  const refusals = Object.entries(REFUSED);
  refusals.push(["resigned.json", await resignedSays()]);
  for (const [file, words] of refusals) {
    await page.goto(await linkOf(texts[file]));
    assert.equal(await alertSays(page, words), words, file);
    assert.deepEqual(await storage(page), before, `storage after ${file}`);
    assert.ok(!page.url().includes("#"), "the fragment is removed");
  }
  assert.deepEqual(await axe(), [], "a refusal");
  // The genuine log again: nothing new, nothing refused.
  await page.goto(await linkOf(texts["good.json"]));
  await page.getByText("The link holds Bakery website as it is here: nothing new.").waitFor();
});

test("a browser that does not hold the contract refuses each tampered log too, storing nothing; the re-signed one is a contract of its own there", async (t) => {
  for (const [file, words] of Object.entries(REFUSED)) {
    const page = await openBoard(t, { url: `/web/#${await encodeLink(texts[file])}` });
    assert.equal(await alertSays(page, words), words, file);
    assert.deepEqual(await storage(page), {}, `nothing stored after ${file}`);
    await page.context().close();
  }
  const page = await openBoard(t);
  await openLink(page, await linkOf(texts["resigned.json"]), "client");
  await page.getByRole("heading", { level: 2, name: "Bakery website" }).waitFor();
  const fp = await keyFingerprint(JSON.parse(texts["resigned.json"]).events[0].clientKey);
  await keysSaid(page, fp);
});

test("an older unsigned contract opens as before, marked Unsigned, and stays unsigned; axe-core clean", async (t) => {
  const log = longContract(engine, { id: "old", title: "Before signatures", events: 5 });
  const page = await openBoard(t, { axe: true, arg: storedEntries(log), init: (entries) => {
    if (!localStorage.length) for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  } });
  await page.getByRole("heading", { level: 2, name: "Before signatures" }).waitFor();
  await keyLine(page).filter({ hasText: /^Unsigned$/ }).waitFor();
  await page.getByText("About signatures").click();
  await page.getByText(/^This contract was made before contracts were signed/).waitFor();
  await row(page, "m1").getByRole("button", { name: "Move down" }).click();
  await page.getByText("Acme moved Milestone 1 to position 2.").waitFor();
  const stored = await storedLog(page, "old");
  assert.equal(stored.events.length, 6);
  assert.equal(stored.events.some((e) => e.signature), false, "nothing signed on an unsigned contract");
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => v.id));
  assert.deepEqual(violations, []);
});

test("the render does not wait for the signature, the save does: nothing is stored before it is signed", async (t) => {
  // Signing takes 400 ms here: the click shows at once, storage takes it once signed.
  const page = await openBoard(t, { init: () => {
    const sign = crypto.subtle.sign.bind(crypto.subtle);
    crypto.subtle.sign = (...args) => new Promise((r) => setTimeout(r, window.__slowSign ? 400 : 0)).then(() => sign(...args));
  } });
  await createContract(page, { milestones: [["A", "10"], ["B", "20"]] });
  const id = await contractId(page);
  assert.equal((await storedLog(page, id)).events.length, 1);
  await page.evaluate(() => { window.__slowSign = true; });
  const shown = await page.evaluate(async () => {
    const root = document.getElementById("app").shadowRoot;
    root.querySelector('.milestone[data-id="m1"] [data-action="move-down"]').click();
    await new Promise((r) => requestAnimationFrame(() => r()));
    return [...root.querySelectorAll(".milestone h4")].map((h) => h.textContent);
  });
  assert.deepEqual(shown, ["B", "A"], "the next frame shows the move");
  await page.evaluate(() => window.__saved());
  assert.equal((await storedLog(page, id)).events.length, 1, "not stored while unsigned");
  const share = page.getByRole("button", { name: "Share link" }).click();
  await page.waitForFunction((id) => JSON.parse(localStorage.getItem(`milestone-board:v3:contract:${id}`)).seq === 2, id);
  const moved = (await storedLog(page, id)).events[1];
  assert.equal(moved.type, "milestone_moved");
  assert.equal(moved.signature.by, "client");
  await share;
  const link = await page.getByRole("dialog").getByLabel("Link").inputValue();
  const { decodeLink, linkData } = await import("../../web/board/link.js");
  const decoded = await decodeLink(linkData(new URL(link).hash));
  assert.equal(JSON.parse(decoded.text).events[1].signature.by, "client", "shared once signed");
});

test("German: the key line, why this browser cannot act, and a refusal", async (t) => {
  const page = await openBoard(t);
  await createContract(page);
  await page.evaluate(() => document.getElementById("app").setAttribute("lang", "de"));
  await page.getByRole("heading", { name: "Verträge" }).waitFor();
  const said = await keysSaid(page, /^Signiert/);
  assert.match(said, new RegExp(`^Signiert · Schlüssel des Auftraggebers ${FP.source} \\(dieser Browser\\) · Schlüssel der Auftragnehmerin: noch nicht gebunden$`));
  await page.getByText("Über Signaturen").click();
  await page.getByText(/^Eine Signatur beweist, wer jeden Befehl gegeben hat/).waitFor();
  await page.goto(await linkOf(texts["good.json"]));
  const ask = page.getByRole("dialog");
  await ask.getByLabel("Ich bin").selectOption("freelancer");
  await ask.locator("button[type=submit]").click();
  await page.getByText("Dieser Browser hat den Signaturschlüssel der Auftragnehmerin für diesen Vertrag nicht und kann hier daher nicht als " +
    "Auftragnehmerin handeln. Das kann nur der Browser, der ihn hat. Geht dieser Schlüssel mit seinem Browserprofil verloren, kann die andere " +
    "Partei weiterhin alles bisher Signierte lesen und prüfen; um weiterzumachen, legt der Auftraggeber ein neues Vertragsangebot vor.").waitFor();
  const words = "Dieser Link wurde nicht geöffnet: Ereignis 3 von 13 hat keine Signatur, obwohl der Auftraggeber es veranlasst hat: " +
    "Die Signatur wurde entfernt. Nichts wurde geändert.";
  await page.goto(await linkOf(texts["stripped.json"]));
  assert.equal(await alertSays(page, words), words);
});

test("a browser without Ed25519 says so, makes unsigned contracts, and cannot open a signed link", async (t) => {
  const page = await openBoard(t, { init: () => {
    const subtle = crypto.subtle;
    for (const name of ["generateKey", "importKey", "sign", "verify"]) {
      const real = subtle[name].bind(subtle);
      subtle[name] = (...args) => (JSON.stringify(args).includes("Ed25519")
        ? Promise.reject(new DOMException("Ed25519 is not supported", "NotSupportedError")) : real(...args));
    }
  } });
  await page.getByText("This browser cannot sign (it has no Ed25519 signatures), so contracts made here are unsigned.").waitFor();
  await createContract(page, { title: "Plain" });
  await keyLine(page).filter({ hasText: /^Unsigned$/ }).waitFor();
  const id = await contractId(page);
  assert.equal((await storedLog(page, id)).events[0].clientKey, undefined);
  const words = "This link was not opened: this browser cannot check signatures (it has no Ed25519). Nothing was changed.";
  const before = await storage(page);
  await page.goto(await linkOf(texts["good.json"]));
  assert.equal(await alertSays(page, words), words);
  assert.deepEqual(await storage(page), before);
});

test("the sample contract and the element's dispatch are signed before they are stored; a command this browser cannot sign is refused", async (t) => {
  const page = await openBoard(t);
  await page.getByRole("button", { name: "Try a sample contract" }).click();
  await page.getByRole("heading", { level: 2, name: "Bakery website redesign" }).waitFor();
  assert.match(await keysSaid(page, /Freelancer key [0-9a-f]/),
    new RegExp(`^Signed · Client key ${FP.source} \\(this browser\\) · Freelancer key ${FP.source} \\(this browser\\)$`));
  const id = await contractId(page);
  const sample = await storedLog(page, id);
  assert.ok(sample.events.every((e) => e.signature), "each event a party's command made, signed");
  (await engine.restoreVerified(sample)).dispose();
  const posted = await page.evaluate(() => document.getElementById("app").dispatch({ type: "post_message", actor: "freelancer", text: "Hello" }));
  assert.equal(posted.ok, true);
  await page.waitForFunction(([id, seq]) => JSON.parse(localStorage.getItem(`milestone-board:v3:contract:${id}`)).seq === seq, [id, sample.events.length + 1]);
  assert.equal((await storedLog(page, id)).events.at(-1).signature.by, "freelancer");

  await openLink(page, await linkOf(texts["good.json"]), "client");
  await page.getByRole("heading", { level: 2, name: "Bakery website" }).waitFor();
  const before = await storage(page);
  const refused = await page.evaluate(() => document.getElementById("app").dispatch({ type: "post_message", actor: "client", text: "Hi" }));
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, "NO_SIGNING_KEY");
  assert.deepEqual(refused.error.params, { party: "client" });
  assert.equal(refused.error.message, "This browser cannot sign as the client on this contract.");
  await page.evaluate(() => window.__saved());
  assert.deepEqual(await storage(page), before);
});

test("a click on a signed contract makes the calls of an unsigned one before its frame; the signature and the save come after it", async (t) => {
  const page = await openBoard(t);
  await createContract(page, { milestones: [["A", "10"], ["B", "20"], ["C", "30"]] });
  const id = await contractId(page);
  await page.evaluate(() => window.__saved());
  const counts = await page.evaluate(async (id) => {
    const names = ["dispatch", "state", "allowedByMilestone", "log", "events", "preview", "toSign", "addSignature"];
    const counts = Object.fromEntries([...names, "getItem", "setItem"].map((n) => [n, 0]));
    const contract = document.getElementById("app").contract;
    const read = Storage.prototype.getItem;  // the test's own reads are not counted
    for (const name of names) {
      const f = contract[name].bind(contract);
      contract[name] = (...args) => { counts[name]++; return f(...args); };
    }
    for (const name of ["getItem", "setItem"]) {
      const f = Storage.prototype[name];
      Storage.prototype[name] = function (...args) { counts[name]++; return f.apply(this, args); };
    }
    document.getElementById("app").shadowRoot.querySelector('.milestone[data-id="m1"] [data-action="move-down"]').click();
    const inClick = { ...counts };
    await new Promise((r) => requestAnimationFrame(() => r()));
    const inFrame = { ...counts };
    const head = () => JSON.parse(read.call(localStorage, `milestone-board:v3:contract:${id}`)).seq;
    while (head() < 2) await new Promise((r) => setTimeout(r, 5));
    return { inClick, inFrame, after: { ...counts } };
  }, id);
  const none = { log: 0, events: 0, preview: 0, toSign: 0, addSignature: 0, setItem: 0 };
  assert.deepEqual(counts.inClick, { dispatch: 1, state: 1, allowedByMilestone: 1, getItem: 1, ...none },
    "the click: one dispatch, one snapshot, the stored head compared (another tab's?)");
  assert.deepEqual(counts.inFrame, counts.inClick, "the frame: no engine, no storage");
  // After the frame: the signature (the next to sign, signed, then none left), the signed events
  // read once, the freelancer's key still unbound (one look at the state), a head read and two writes.
  assert.deepEqual(counts.after, { dispatch: 1, state: 2, allowedByMilestone: 1, log: 0, events: 1, preview: 0, toSign: 2, addSignature: 1, getItem: 2, setItem: 2 });
});

test("an imported file is checked like a link: a tampered or re-signed one is refused by event and party, storage byte for byte", async (t) => {
  const page = await openBoard(t);
  const importFile = async (name, content) => {
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Import" }).click();
    await (await chooser).setFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
  };
  await importFile("good.json", texts["good.json"]);
  await page.getByRole("status").getByText("Imported Bakery website.").waitFor();
  await page.evaluate(() => window.__saved());
  const before = await storage(page);
  const stripped = "This file was not imported: event 3 of 13 has no signature, though the client issued it; its signature was removed. Nothing was changed.";
  await importFile("stripped.json", texts["stripped.json"]);
  assert.equal(await alertSays(page, stripped), stripped);
  assert.deepEqual(await storage(page), before);
  const resigned = (await resignedSays()).replace("This link was not opened", "This file was not imported");
  await importFile("resigned.json", texts["resigned.json"]);
  assert.equal(await alertSays(page, resigned), resigned);
  assert.deepEqual(await storage(page), before);
});
