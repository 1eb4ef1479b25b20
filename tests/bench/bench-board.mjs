// The board in headless Chromium: navigation to an interactive board with one contract, render of
// a board with 1,000 milestones, and one keyboard reorder step on it.
import { launchBrowser, serveRoot } from "../js/browser.mjs";
import { loadEngine } from "../../web/milestones.js";

const T0 = Date.UTC(2026, 10, 26);
const engine = await loadEngine();

function record(count, title) {
  const c = engine.createContract();
  const r = c.dispatch({ type: "create_contract", actor: "client", at: T0, contract: {
    id: `bench-${count}`, title, accountType: "standard", client: "Acme", freelancer: "Jo",
    milestones: Array.from({ length: count }, (_, k) => ({ title: `Milestone ${k + 1}`, amount: 500 + k, dueDate: "2030-12-31" })) } });
  if (!r.ok) throw new Error(r.error.message);
  c.dispatch({ type: "activate_milestone", actor: "client", at: T0, milestoneId: "m1" });
  const value = JSON.stringify({ format: "milestone-board", version: 1, savedAt: T0, log: c.log() });
  c.dispose();
  return value;
}

const small = record(5, "Small");
const large = record(1000, "Large");
const site = await serveRoot();
const browser = await launchBrowser();
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const SETTLE_MS = 1500;
try {
  // Navigation to interactive: a fresh profile (no cache) with one stored contract; "interactive"
  // is the moment the board has rendered it, as the page itself marks it. Nothing of Playwright
  // runs in the page until the load event and a pause after it: its selector engine polling
  // during the load took 10-30 ms of the page's main thread and counted against the page.
  // The browser window settles before the navigation, as a visitor's window has: each fresh
  // context opens a window, and Chromium 156 loads its omnibox popup (150-200 chrome:// scripts
  // in a renderer of their own) in the first second of it, on the same two cores as the page.
  // Interleaved with it, the floor: an empty page whose one inline module marks itself at once,
  // i.e. what this browser on this machine takes before any page code can run.
  const interactive = [];
  const floor = [];
  const visit = async (path, value) => {
    const context = await browser.newContext();
    await context.addInitScript((value) => {
      if (value && !localStorage.length) localStorage.setItem("milestone-board:v1:contract:bench-5", value);
    }, value);
    const page = await context.newPage();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    await page.goto(site.url(path), { waitUntil: "load" });
    await new Promise((r) => setTimeout(r, 1000));
    await page.waitForFunction(() => performance.getEntriesByName("milestone-board:interactive").length);
    const ms = await page.evaluate(() => performance.getEntriesByName("milestone-board:interactive")[0].startTime);
    await context.close();
    return ms;
  };
  for (let k = 0; k < 7; k++) {
    interactive.push(await visit("/web/", small));
    floor.push(await visit("/tests/bench/floor.html", null));
  }

  // A board of 1,000 milestones: select it (click -> synchronous render), timed in the page.
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript(([a, b]) => {
    if (!localStorage.length) {
      localStorage.setItem("milestone-board:v1:contract:bench-5", a);
      localStorage.setItem("milestone-board:v1:contract:bench-1000", b);
    }
  }, [small, large]);
  const page = await context.newPage();
  await page.goto(site.url("/web/"));
  await page.waitForSelector("#app[data-ready]");
  const renders = [];
  for (let k = 0; k < 7; k++) {
    renders.push(await page.evaluate(async () => {
      const link = (name) => [...document.getElementById("app").shadowRoot.querySelectorAll(".contract-link")].find((l) => l.textContent.startsWith(name));
      link("Small").click();
      await new Promise((r) => requestAnimationFrame(r));
      const b = link("Large");
      const start = performance.now();
      b.click();
      const ms = performance.now() - start;
      await new Promise((r) => requestAnimationFrame(r));
      return ms;
    }));
  }
  const rows = await page.locator("li.milestone").count();
  if (rows !== 1000) throw new Error(`the large board rendered ${rows} rows; contracts: ${await page.locator(".contract-link").allTextContents()}`);
  // One keyboard reorder step: an arrow key on a lifted handle (a DOM move and an announcement),
  // and the drop (one move_milestone, saved and rendered).
  const steps = [];
  const drops = [];
  for (let k = 0; k < 7; k++) {
    await page.locator('li[data-id="m500"] .handle').focus();
    const timed = await page.evaluate(() => {
      const deepActive = () => document.activeElement.shadowRoot?.activeElement ?? document.activeElement;
      const handle = deepActive();
      const key = (k) => handle.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
      key(" ");
      let t = performance.now();
      key("ArrowDown");
      const step = performance.now() - t;
      const again = deepActive();
      t = performance.now();
      again.dispatchEvent(new KeyboardEvent("keydown", { key: " ", bubbles: true, cancelable: true }));
      return { step, drop: performance.now() - t };
    });
    steps.push(timed.step);
    drops.push(timed.drop);
  }
  await context.close();
  console.log(JSON.stringify({
    boardInteractiveMs: median(interactive),
    boardInteractiveSamplesMs: interactive.map((x) => Math.round(x)),
    navigationFloorMs: median(floor),
    render1000Ms: median(renders),
    renderedRows: rows,
    reorderStepMs: median(steps),
    reorderDropMs: median(drops),
  }));
} finally {
  await browser.close();
  site.server.close();
}
