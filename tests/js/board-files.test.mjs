// Files delivered with a submission (R25) on the board, in headless Chromium: the freelancer
// attaches files to "Submit work" (picked or dropped; each hashed in the page, nothing uploaded),
// the engine's problems show at the field, the row, the activity and the statement list the files,
// and anyone checks a file received against them (picked or dropped). English and German, axe-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { useBrowser, watchErrors } from "./browser.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let browser, site;

useBrowser((b, s) => {
  browser = b;
  site = s;
});

const sha256 = (/** @type {Buffer} */ bytes) => createHash("sha256").update(bytes).digest("hex");
const REPORT = Buffer.from("%PDF-1.4 the final report\n".repeat(500));
const NOTES = Buffer.from("notes: colours fixed, fonts embedded\n");
const file = (name, buffer, mimeType = "application/octet-stream") => ({ name, mimeType, buffer });

/** A fresh browser profile with the board open; `axe`: without the page's CSP, to inject axe-core. */
async function openBoard(t, { axe = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, bypassCSP: axe });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__saved = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
  });
  page.on("dialog", (d) => { errors.push(`unexpected dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(site.url("/web/"));
  await page.waitForSelector("#app[data-ready]");
  t.after(async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp).catch(() => []), [], "CSP violations");
    assert.deepEqual(errors, [], "page errors");
    await context.close();
  });
  return page;
}

/** A contract "Website" between Acme and Jo Park, "Design" funded, the board acting as the freelancer. */
async function fundedContract(page) {
  await page.evaluate(() => {
    const board = document.getElementById("app");
    board.dispatch({ type: "create_contract", actor: "client", contract: {
      id: "c-files", title: "Website", accountType: "standard", client: "Acme", freelancer: "Jo Park",
      milestones: [{ title: "Design", amount: 10000, dueDate: "2030-12-31" }] } });
    board.dispatch({ type: "activate_milestone", actor: "client", milestoneId: "m1" });
  });
  await actAs(page, "freelancer");
}

const frame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
const actAs = async (page, role) => {
  await page.locator("#acting-as").selectOption(role);
  await frame(page);
};
const row = (page, id) => page.locator(`.milestone[data-id="${id}"]`);
/** The events the board stored for its one contract. */
const storedEvents = (page) => page.evaluate(async () => {
  await window.__saved();
  const head = JSON.parse(localStorage.getItem("milestone-board:v3:contract:c-files"));
  const events = [];
  for (let k = 0; events.length < head.seq; k++) events.push(...JSON.parse(localStorage.getItem(`milestone-board:v3:events:c-files:${k}`)));
  return events.slice(0, head.seq);
});

/** Drops files on `locator` as a person would: a drop event with a DataTransfer made in the page. */
const dropOn = (locator, files) => locator.evaluate((el, files) => {
  const data = new DataTransfer();
  for (const f of files) data.items.add(new File([f.text], f.name, { type: "text/plain" }));
  for (const type of ["dragenter", "dragover", "drop"]) {
    el.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
  }
}, files);

/** "Check a file" on a row: the file picker it opens gets `files`; resolves with what the check says. */
async function checkFile(page, id, files, button = "Check a file") {
  const result = row(page, id).locator(".check-result");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), row(page, id).getByRole("button", { name: button }).click()]);
  await chooser.setFiles(files);
  await page.waitForFunction((el) => el.textContent !== "" && !/…$/.test(el.textContent), await result.elementHandle());
  return result.textContent();
}

async function axeClean(page, label) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
  assert.deepEqual(violations, [], label);
}

test("the freelancer attaches two files: hashed in the page, logged as name/size/sha256, listed on the row, in the activity and the statement; the client checks files", async (t) => {
  const page = await openBoard(t);
  await fundedContract(page);
  await row(page, "m1").getByRole("button", { name: "Submit work" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Message").fill("Final report and notes.");
  await dialog.getByLabel("Files delivered (optional)").setInputFiles([file("report.pdf", REPORT, "application/pdf"), file("notes.txt", NOTES, "text/plain")]);
  await dialog.getByText("2 files attached.").waitFor();
  // Each file shows its name, its size for people and the start of the SHA-256 the page computed.
  const items = dialog.locator(".attached-file");
  assert.equal(await items.count(), 2);
  assert.match(await items.nth(0).textContent(), new RegExp(`^report\\.pdf13 kBSHA-256 ${sha256(REPORT).slice(0, 8)}…Remove`));
  assert.match(await items.nth(1).textContent(), new RegExp(`^notes\\.txt${NOTES.length} bytesSHA-256 ${sha256(NOTES).slice(0, 8)}…Remove`));
  assert.equal(await items.nth(0).locator(".file-hash").getAttribute("title"), sha256(REPORT));
  await dialog.getByLabel("Where to download it (optional, an https:// link)").first().fill("https://files.example/report.pdf");
  await dialog.getByRole("button", { name: "Submit work" }).click();
  await dialog.waitFor({ state: "hidden" });

  // The event carries exactly each file's name, size, SHA-256 and link (none for the second).
  const submitted = (await storedEvents(page)).at(-1);
  assert.equal(submitted.type, "work_submitted");
  assert.deepEqual(submitted.attachments, [
    { name: "report.pdf", size: REPORT.length, sha256: sha256(REPORT), url: "https://files.example/report.pdf" },
    { name: "notes.txt", size: NOTES.length, sha256: sha256(NOTES) },
  ]);

  // The row lists them: a link only where there is one, opened without the page's referrer.
  const files = row(page, "m1").getByRole("group", { name: "Files delivered" });
  assert.deepEqual(await files.locator("li").allTextContents(), [
    `report.pdf13 kBSHA-256 ${sha256(REPORT).slice(0, 8)}…`, `notes.txt${NOTES.length} bytesSHA-256 ${sha256(NOTES).slice(0, 8)}…`]);
  const link = files.getByRole("link", { name: "report.pdf" });
  assert.equal(await link.getAttribute("href"), "https://files.example/report.pdf");
  assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
  assert.equal(await files.getByRole("link").count(), 1);
  // The activity names the files.
  await page.locator(".timeline").getByText("Jo Park submitted work on Design: “Final report and notes.” with 2 files: “report.pdf” and “notes.txt”").waitFor();

  // The statement lists each file with its name, exact size and whole SHA-256.
  await page.getByRole("button", { name: "Statement" }).click();
  const listed = page.locator(".statement-files");
  await listed.getByRole("heading", { name: "Files delivered" }).waitFor();
  assert.match(await listed.locator("ol > li").first().textContent(), /^Design, submitted [A-Z][a-z]{2} \d+, \d{4}/);
  assert.deepEqual(await listed.locator("ul > li").allTextContents(), [
    `report.pdf · 13 kB (${REPORT.length.toLocaleString("en-US")} bytes) · SHA-256 ${sha256(REPORT)}`,
    `notes.txt · ${NOTES.length} bytes · SHA-256 ${sha256(NOTES)}`]);
  await page.getByRole("button", { name: "Back to the board" }).click();

  // The client checks what it received: a copy of a file matches (named, with who submitted it), another file does not.
  await actAs(page, "client");
  assert.equal(await checkFile(page, "m1", [file("copy.pdf", REPORT)]), "“copy.pdf” matches “report.pdf” that Jo Park submitted.");
  assert.equal(await checkFile(page, "m1", [file("other.pdf", Buffer.concat([REPORT, Buffer.from(" ")]))]),
    "“other.pdf” does not match any file of this submission.");
  // A file dropped on the list is checked the same way.
  await dropOn(files, [{ name: "notes-copy.txt", text: NOTES.toString() }]);
  await files.locator(".check-result").getByText("“notes-copy.txt” matches “notes.txt” that Jo Park submitted.").waitFor();
  // Nothing of the check is stored: the log is the same.
  assert.equal((await storedEvents(page)).length, 3);
});

test("a drop on the form's zone attaches; 21 files show the engine's limit at the field; a link that is not https at its field; Submit waits for the hashes; axe-core clean", async (t) => {
  const page = await openBoard(t, { axe: true });
  await fundedContract(page);
  await row(page, "m1").getByRole("button", { name: "Submit work" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Message").fill("Done.");
  const zone = dialog.getByRole("group", { name: "Drop files here" });
  await dropOn(zone, [{ name: "dropped.txt", text: "dropped bytes" }]);
  await dialog.getByText("1 file attached.").waitFor();
  assert.match(await dialog.locator(".attached-file").textContent(), new RegExp(`^dropped\\.txt13 bytesSHA-256 ${sha256(Buffer.from("dropped bytes")).slice(0, 8)}…`));

  // A name the engine refuses (a right-to-left override hiding ".exe"): its words at that file, whose Remove takes the focus on Submit.
  const picker = dialog.getByLabel("Files delivered (optional)");
  await picker.setInputFiles([file("invoice\u202Efdp.exe", Buffer.from("MZ"))]);
  await dialog.getByText("2 files attached.").waitFor();
  await dialog.getByRole("button", { name: "Submit work" }).click();
  const bad = dialog.locator(".attached-file").nth(1);
  await bad.getByText("The name of attachment 2 contains the invisible control character U+202E; remove it.").waitFor();
  const remove = bad.getByRole("button", { name: "Remove invoice" });
  assert.equal(await remove.evaluate((el) => el.getRootNode().activeElement === el), true, "the focus is on the file with the problem");
  await remove.click();
  await dialog.getByText("1 file attached.").waitFor();

  // 21 files: the engine's problem at the picker, and Submit shows it again without recording anything.
  await picker.setInputFiles(Array.from({ length: 20 }, (_, i) => file(`page-${i + 1}.txt`, Buffer.from(`page ${i + 1}`))));
  await dialog.getByText("21 files attached.").waitFor();
  const problem = dialog.locator(".drop-zone .problem");
  await problem.getByText("At most 20 files can go with a submission; this one has 21.").waitFor();
  assert.equal(await picker.getAttribute("aria-invalid"), "true");
  await dialog.getByRole("button", { name: "Submit work" }).click();
  await dialog.getByRole("alert").getByText("Please fix the problem marked below.").waitFor();
  assert.equal((await storedEvents(page)).length, 2);
  await axeClean(page, "the form with 21 files and a problem");
  await dialog.getByRole("button", { name: "Remove page-20.txt" }).click();
  await problem.waitFor({ state: "hidden" });
  assert.equal(await dialog.getByRole("button", { name: "Remove page-19.txt" }).evaluate((el) => el.getRootNode().activeElement === el), true,
    "the focus goes to the next file's remove button");

  // A link that is not https: the engine's words at that file's link.
  const link = dialog.locator(".attached-file").nth(0).getByLabel("Where to download it (optional, an https:// link)");
  await link.fill("http://files.example/dropped.txt");
  await dialog.locator(".attached-file").nth(0).getByText("The link of attachment 1 must be an address that starts with https://.").waitFor();
  await link.fill("https://files.example/dropped.txt");
  await dialog.locator(".attached-file .problem:not([hidden])").waitFor({ state: "detached" });

  // While a file is hashed, Submit waits, and the page says so.
  await page.evaluate(() => {
    window.__release = null;
    // The next digest waits for window.__release(); the ones after it are the browser's again.
    crypto.subtle.digest = (...args) => {
      delete crypto.subtle.digest;
      return new Promise((resolve) => { window.__release = () => resolve(crypto.subtle.digest(...args)); });
    };
  });
  await picker.setInputFiles([file("late.txt", Buffer.from("late"))]);
  await dialog.getByText("Computing the fingerprint of 1 file… “Submit work” waits until it is done.").waitFor();
  assert.equal(await dialog.getByRole("button", { name: "Submit work" }).isDisabled(), true);
  await page.waitForFunction(() => window.__release !== null);
  await page.evaluate(() => window.__release());
  await dialog.getByText("21 files attached.").waitFor();
  await dialog.getByRole("button", { name: "Remove late.txt" }).click();
  await dialog.getByRole("button", { name: "Submit work" }).click();
  await dialog.waitFor({ state: "hidden" });
  const submitted = (await storedEvents(page)).at(-1);
  assert.equal(submitted.attachments.length, 20);
  assert.equal(submitted.attachments[0].url, "https://files.example/dropped.txt");

  // A check result on the row, axe-core clean.
  await actAs(page, "client");
  assert.match(await checkFile(page, "m1", [file("p3.txt", Buffer.from("page 3"))]), /^“p3\.txt” matches “page-3\.txt” that Jo Park submitted\.$/);
  await axeClean(page, "a check result on the row");
});

test("German: the form's files, the row, the check and the engine's limit speak German; axe-core clean", async (t) => {
  const page = await openBoard(t, { axe: true });
  await page.evaluate(() => document.getElementById("app").setAttribute("lang", "de"));
  await page.getByRole("heading", { name: "Verträge" }).waitFor();
  await fundedContract(page);
  await row(page, "m1").getByRole("button", { name: "Arbeit einreichen" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Nachricht").fill("Bericht anbei.");
  const picker = dialog.getByLabel("Gelieferte Dateien (optional)");
  await picker.setInputFiles(Array.from({ length: 21 }, (_, i) => file(`seite-${i + 1}.txt`, Buffer.from(`Seite ${i + 1}`))));
  await dialog.getByText("21 Dateien angehängt.").waitFor();
  await dialog.locator(".drop-zone .problem").getByText("Zu einer Einreichung gehören höchstens 20 Dateien; diese hat 21.").waitFor();
  await dialog.getByRole("group", { name: "Dateien hier ablegen" }).waitFor();
  await axeClean(page, "the German form");
  for (let i = 21; i > 1; i--) await dialog.getByRole("button", { name: `seite-${i}.txt entfernen` }).click();
  await dialog.getByText("1 Datei angehängt.").waitFor();
  assert.match(await dialog.locator(".attached-file").textContent(), /^seite-1\.txt7 ByteSHA-256 [0-9a-f]{8}…Entfernen/);
  await dialog.getByRole("button", { name: "Arbeit einreichen" }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.locator(".timeline").getByText("Jo Park hat Arbeit zu Design eingereicht: „Bericht anbei.“ mit 1 Datei: „seite-1.txt“").waitFor();

  await actAs(page, "client");
  assert.equal(await checkFile(page, "m1", [file("kopie.txt", Buffer.from("Seite 1"))], "Datei prüfen"),
    "„kopie.txt“ stimmt mit der Datei „seite-1.txt“ überein, die Jo Park eingereicht hat.");
  assert.equal(await checkFile(page, "m1", [file("fremd.txt", Buffer.from("Seite 2"))], "Datei prüfen"),
    "„fremd.txt“ stimmt mit keiner Datei dieser Einreichung überein.");
  await row(page, "m1").getByRole("group", { name: "Gelieferte Dateien" }).waitFor();
  await axeClean(page, "a German check result");
});
