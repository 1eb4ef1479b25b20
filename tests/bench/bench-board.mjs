// The board in headless Chromium: navigation to an interactive board, and click → next frame on
// contracts with long histories (21, 2,001 and 10,001 events; 10,001 with 2,000 messages, unsigned
// and signed by this browser's keys, R26) and with 1,000 milestones, and History's steps on them.
//
// "Click → next frame" is timed in the page: the click is made at the start of a frame (inside a
// requestAnimationFrame callback) and the time taken is until that frame's rendering (style,
// layout, paint) is done: a user-blocking task posted by the click runs then. It leaves out the
// wait for the frame itself, which depends on when in a frame a person clicks, not on the board.
// Each figure also gives `nextTask`: the time until an ordinary task runs, which also counts what
// the browser queued meanwhile (Chromium's autofill scans every control of a page after a focus
// change, about 15 ms on a board of 1,000 milestones).
//
// Usage: node tests/bench/bench-board.mjs [--root DIR] [--format 1|2|3] [--samples N] [--only NAME]
//   --only takes the clicks on one contract ("1,000 milestones", "10,001 events", …) and nothing else
//   ("reload": only the reloads with the 10,001-event contract stored; "signing": only what signing
//   adds to a click),
//   --root serves another checkout's web/ (built), --format 1 or 2 stores contracts the way boards
//   before version 2 or 3 of the storage did, so the same figures can be taken of an older board.
import { parseArgs } from "node:util";
import { launchBrowser } from "../js/browser.mjs";
import { serve } from "../../scripts/serve.mjs";
import { loadEngine } from "../../web/milestones.js";
import { longContract, storedEntries, T0 } from "../js/long-contract.mjs";

const { values: options } = parseArgs({ options: {
  root: { type: "string", default: new URL("../../", import.meta.url).pathname },
  format: { type: "string", default: "3" },
  samples: { type: "string", default: "7" },
  only: { type: "string" },
} });
const SAMPLES = Number(options.samples);
const engine = await loadEngine();

function fresh(count, title, id) {
  const c = engine.createContract();
  const r = c.dispatch({ type: "create_contract", actor: "client", at: T0, contract: {
    id, title, accountType: "standard", client: "Acme", freelancer: "Jo",
    milestones: Array.from({ length: count }, (_, k) => ({ title: `Milestone ${k + 1}`, amount: 500 + k, dueDate: "2030-12-31" })) } });
  if (!r.ok) throw new Error(r.error.message);
  const log = c.log();
  c.dispose();
  return log;
}

/** localStorage entries for these logs, in the format of the board under test. */
function entries(...logs) {
  const out = {};
  for (const log of logs) {
    const id = log.events[0].contract.id;
    if (options.format === "1") {
      out[`milestone-board:v1:contract:${id}`] = JSON.stringify({ format: "milestone-board", version: 1, savedAt: T0, log });
    } else if (options.format === "2") {
      // Version 2: segment k holds events 64k+1 … 64k+64, under a head.
      const summary = { title: log.events[0].contract.title, status: "open", createdAt: log.events[0].at };
      out[`milestone-board:v2:contract:${id}`] = JSON.stringify({ format: "milestone-board", version: 2, savedAt: T0, seq: log.events.length, lastAt: log.lastAt, summary });
      for (let k = 0; k * 64 < log.events.length; k++) out[`milestone-board:v2:events:${id}:${k}`] = JSON.stringify(log.events.slice(k * 64, (k + 1) * 64));
    } else {
      Object.assign(out, storedEntries(log));
    }
  }
  return out;
}

const small = fresh(5, "Small", "small");
const contracts = [
  { name: "21 events", log: longContract(engine, { id: "h21", title: "Haggle 21", events: 21, milestones: 10 }) },
  { name: "2,001 events", log: longContract(engine, { id: "h2001", title: "Haggle 2001", events: 2_001, milestones: 10 }) },
  { name: "10,001 events", log: longContract(engine, { id: "h10001", title: "Haggle 10001", events: 10_001, milestones: 10 }) },
  { name: "1,000 milestones", log: fresh(1000, "Large", "large") },
  // R26: the same history on 24 milestones, with a message every fifth event, unsigned and signed.
  // The signed one is made in the page, by the keys the board keeps in IndexedDB, so the board can
  // act on it. What signing adds is a difference of two medians: 21 clicks each, not 7.
  ...[false, true].map((signed) => {
    const history = { id: signed ? "s10001" : "m10001", title: signed ? "Signed 10001" : "Talk 10001", events: 10_001, milestones: 24, messageEvery: 5 };
    return { name: `10,001 events, 2,000 messages${signed ? ", signed" : ""}`, log: longContract(engine, history), signed: signed ? history : null, clicks: 3 * SAMPLES };
  }),
];

const server = await serve(options.root, 0);
const url = (path) => `http://127.0.0.1:${server.address().port}${path}`;
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const SETTLE_MS = 1500;

/**
 * Stores, from a page of the board's origin, a contract signed by the keys the board keeps there
 * (made here first: the board finds them in IndexedDB) beside `stored`.
 * @param {import("playwright-core").Page} page
 */
async function storeSigned(page, stored, history) {
  await page.goto(url("/tests/bench/floor.html"));
  await page.evaluate(async ([stored, history]) => {
    const { Keys, indexedDbKeyStore } = await import("/web/board/keys.js");
    const { loadEngine } = await import("/web/milestones.js");
    const { signedLongContract, storedEntries } = await import("/tests/js/long-contract.mjs");
    const keys = await Keys.open({ prefix: "milestone-board", store: indexedDbKeyStore() });
    const pairs = { client: await keys.ensure("client"), freelancer: await keys.ensure("freelancer") };
    const log = await signedLongContract(await loadEngine(), pairs, history);
    for (const [k, v] of Object.entries({ ...stored, ...storedEntries(log) })) localStorage.setItem(k, v);
  }, [stored, history]);
}

/** A fresh context whose storage holds `stored` (and `selected`; `signed`: storeSigned's), with the page loaded. */
async function open(stored, selected = null, signed = null) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript(([stored, selected]) => {
    if (localStorage.length) return;
    for (const [k, v] of Object.entries(stored)) localStorage.setItem(k, v);
    if (selected) localStorage.setItem("milestone-board:v1:setting:selected", JSON.stringify(selected));
  }, [stored, selected]);
  const page = await context.newPage();
  if (signed) await storeSigned(page, stored, signed);
  await page.goto(url("/web/"));
  await page.waitForSelector("#app[data-ready]");
  await page.evaluate(() => {
    const root = () => document.getElementById("app").shadowRoot;
    window.__q = (selector) => root().querySelector(selector);
    // Acts at the start of a frame; resolves with {frame, task}: the time until that frame has
    // been rendered (a user-blocking task runs as soon as the frame's main-thread work is done),
    // and until an ordinary task after it runs (which also waits for whatever the browser queued
    // meanwhile, such as Chromium's autofill scan of the page's controls).
    window.__frame = (act) => new Promise((resolve) => requestAnimationFrame(() => {
      const t0 = performance.now();
      act();
      let frame = null;
      scheduler.postTask(() => { frame = performance.now() - t0; }, { priority: "user-blocking" });
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const task = performance.now() - t0;
        resolve({ frame: frame ?? task, task });
      };
      channel.port2.postMessage(0);
    }));
    window.__idle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    window.__saved = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
    // A person's click: the button takes the focus on the press, then the click comes.
    window.__click = async (selector) => {
      const el = window.__q(selector);
      el.focus();
      await window.__idle();
      return window.__frame(() => el.click());
    };
    window.__count = () => {
      const counts = { dispatch: 0, state: 0, log: 0, allowed: 0, allowedByMilestone: 0, preview: 0, check: 0, blocked: 0, events: 0, getItem: 0, setItem: 0 };
      const contract = document.getElementById("app").contract;
      for (const name of Object.keys(counts)) {
        if (typeof contract[name] === "function") {
          const f = contract[name].bind(contract);
          contract[name] = (...args) => { counts[name]++; return f(...args); };
        } else if (typeof Storage.prototype[name] === "function") {
          const f = Storage.prototype[name];
          Storage.prototype[name] = function (...args) { counts[name]++; return f.apply(this, args); };
        }
      }
      return counts;
    };
  });
  return { page, context };
}

/**
 * Navigation to interactive in a fresh context (no cache), as the page itself marks it. The
 * storage is filled before the timed navigation, by the floor page of the same origin (which
 * loads none of the board's files): writing a 10,001-event contract into localStorage takes
 * ~110 ms, and a visitor's reload finds it already there.
 */
async function interactive(stored, selected, path = "/web/") {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (Object.keys(stored).length || selected) {
    await page.goto(url("/tests/bench/floor.html"));
    await page.evaluate(([stored, selected]) => {
      for (const [k, v] of Object.entries(stored)) localStorage.setItem(k, v);
      if (selected) localStorage.setItem("milestone-board:v1:setting:selected", JSON.stringify(selected));
    }, [stored, selected]);
  }
  // The window settles first, as a visitor's has (Chromium loads its omnibox popup in the first
  // second of a new window, on the same two cores as the page).
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  await page.goto(url(path), { waitUntil: "load" });
  await new Promise((r) => setTimeout(r, 1000));
  await page.waitForFunction(() => performance.getEntriesByName("milestone-board:interactive").length);
  const ms = await page.evaluate(() => performance.getEntriesByName("milestone-board:interactive")[0]?.startTime ?? 0);
  await context.close();
  return ms;
}

/** Click → next frame for the board's main actions on one contract. */
async function clicks({ name, log, signed, clicks: confirmed = SAMPLES }) {
  const id = log.events[0].contract.id;
  const n = log.events[0].milestones.length;
  const { page, context } = signed ? await open(entries(small), id, signed) : await open(entries(small, log), id);
  const out = { name, events: log.events.length, milestones: n };
  const run = (fn, arg) => page.evaluate(fn, arg);
  const tasks = {};  // the same clicks, timed to the next ordinary task
  const record = (key, timed) => {
    out[key].push(timed.frame);
    (tasks[key] ??= []).push(timed.task);
  };
  // Move down (and back up, untimed): the first pending row.
  out.moveDown = [];
  for (let k = 0; k < SAMPLES; k++) {
    record("moveDown", await run(() => window.__click('.milestone[data-id="m1"] [data-action="move-down"]')));
    await run(async () => { await window.__idle(); window.__q('.milestone[data-id="m1"] [data-action="move-up"]').click(); await window.__idle(); });
  }
  // A keyboard reorder step (an arrow key on a lifted handle) and the drop.
  const target = n >= 1000 ? "m500" : "m2";
  out.reorderStep = [];
  out.drop = [];
  for (let k = 0; k < 3 * SAMPLES; k++) {  // 3-5 ms each: 21 of them, for the ratio against 21 events
    await page.locator(`.milestone[data-id="${target}"] .handle`).focus();
    const timed = await run(async () => {
      const deep = () => document.activeElement.shadowRoot?.activeElement ?? document.activeElement;
      const key = (el, k) => el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
      key(deep(), " ");
      await window.__idle();
      const step = await window.__frame(() => key(deep(), "ArrowDown"));
      const drop = await window.__frame(() => key(deep(), " "));
      await window.__idle();
      return { step, drop };
    });
    record("reorderStep", timed.step);
    record("drop", timed.drop);
  }
  // Activate & fund, then Approve & release (the dialog's submit), milestone after milestone.
  out.activate = [];
  out.release = [];
  for (let k = 1; k <= Math.min(confirmed, n - 2); k++) {
    if (k === 2) await run(() => { window.__counts = window.__count(); });
    // The confirmation (its figures from a preview) opens first; the click timed is its "Activate & fund".
    await run(async () => { await window.__idle(); window.__q('[data-action="activate_milestone"]').click(); await window.__idle(); });
    if (k === 2) {
      // The calls of each click: opening the confirmation, then confirming.
      out.callsToConfirm = await run(() => {
        const opened = { ...window.__counts };
        for (const key of Object.keys(window.__counts)) window.__counts[key] = 0;
        return opened;
      });
    }
    record("activate", await run(() => window.__click("dialog form button[type=submit]")));
    // The board stores a person's change after the frame that shows it: counted once it has.
    if (k === 2) out.callsPerActivate = await run(async () => { await window.__saved(); return { ...window.__counts }; });
    await run(async () => { await window.__idle(); window.__q('[data-action="release_payment"]').click(); await window.__idle(); });
    record("release", await run(() => window.__click("dialog form button[type=submit]")));
    await run(() => window.__idle());
  }
  // History: a jump to an event far from the last one, and steps to the neighbouring event (what
  // an arrow key on the slider does: its value moves by one and it fires "input").
  out.historyJump = [];
  out.historyStep = [];
  const events = await run(() => Number(window.__q("#history-slider").max));
  for (let k = 0; k < SAMPLES; k++) {
    const target = 1 + Math.floor(((k * 0.37 + 0.11) % 1) * (events - 2));
    const slide = (to) => run((to) => window.__frame(() => {
      const slider = window.__q("#history-slider");
      slider.value = String(to);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    }), to);
    record("historyJump", await slide(target));
    await run(() => window.__idle());
    record("historyStep", await slide(target + 1));
    await run(() => window.__idle());
    record("historyStep", await slide(target));
    await run(() => window.__idle());
  }
  await run(() => window.__q('[data-action="history-now"]').click());
  const figures = (xs) => ({ median: median(xs), samples: xs.map((x) => Math.round(x * 10) / 10) });
  for (const key of ["moveDown", "reorderStep", "drop", "activate", "release", "historyJump", "historyStep"]) {
    out[key] = { ...figures(out[key]), nextTask: median(tasks[key]) };
  }
  await context.close();
  return out;
}

/**
 * What signing adds to a click (R26): Activate & fund and Approve & release on the unsigned and the
 * signed contract of the same history, open side by side and clicked in turn (which goes first
 * alternates), so that both are timed in the same state of the machine. Medians, and their
 * difference.
 */
async function signingAdds(unsigned, signed) {
  const sides = { unsigned: await open(entries(small, unsigned.log), unsigned.log.events[0].contract.id),
    signed: await open(entries(small), signed.log.events[0].contract.id, signed.signed) };
  const times = { unsigned: { activate: [], release: [] }, signed: { activate: [], release: [] } };
  const n = unsigned.log.events[0].milestones.length;
  for (let k = 1; k <= Math.min(3 * SAMPLES, n - 2); k++) {
    for (const side of k % 2 ? ["unsigned", "signed"] : ["signed", "unsigned"]) {
      const run = (fn) => sides[side].page.evaluate(fn);
      await run(async () => { await window.__saved(); window.__q('[data-action="activate_milestone"]').click(); await window.__idle(); });
      times[side].activate.push((await run(() => window.__click("dialog form button[type=submit]"))).frame);
      await run(async () => { await window.__saved(); window.__q('[data-action="release_payment"]').click(); await window.__idle(); });
      times[side].release.push((await run(() => window.__click("dialog form button[type=submit]"))).frame);
    }
  }
  for (const side of Object.values(sides)) await side.context.close();
  const out = {};
  for (const key of ["activate", "release"]) {
    out[key] = { unsigned: median(times.unsigned[key]), signed: median(times.signed[key]) };
    out[key].adds = out[key].signed - out[key].unsigned;
  }
  return out;
}

/** Opening a contract from the list (a fresh page each time: its log is restored on first open). */
async function opening({ log, signed }) {
  const id = log.events[0].contract.id;
  const samples = [];
  for (let k = 0; k < Math.min(SAMPLES, 5); k++) {
    const { page, context } = signed ? await open(entries(small), "small", signed) : await open(entries(small, log), "small");
    // A person looks at the page for a moment before opening a contract (the board uses idle
    // time to warm the engine up: board/warm.js).
    await page.waitForTimeout(1000);
    await page.evaluate(() => window.__idle());
    samples.push((await page.evaluate((id) => window.__frame(() => window.__q(`[data-action="select"][data-contract="${id}"]`).click()), id)).frame);
    await context.close();
  }
  return median(samples);
}

try {
  if (options.only === "signing") {
    console.log(JSON.stringify(await signingAdds(...["10,001 events, 2,000 messages", "10,001 events, 2,000 messages, signed"].map((name) => contracts.find((c) => c.name === name)))));
    process.exit(0);
  }
  if (options.only === "reload") {
    const long = contracts.find((c) => c.name === "10,001 events");
    const samples = [];
    for (let k = 0; k < SAMPLES; k++) samples.push(await interactive(entries(long.log), long.log.events[0].contract.id));
    console.log(JSON.stringify({ reload10kInteractiveMs: median(samples), samplesMs: samples.map(Math.round) }));
    process.exit(0);
  }
  if (options.only) {
    const c = contracts.find((x) => x.name === options.only);
    if (!c) throw new Error(`No contract named ${options.only}: ${contracts.map((x) => x.name).join(", ")}`);
    const figures = await clicks(c);
    figures.openMs = await opening(c);
    console.log(JSON.stringify({ contracts: [figures] }));
    process.exit(0);
  }
  const navigation = [];
  const floor = [];
  for (let k = 0; k < SAMPLES; k++) {
    navigation.push(await interactive(entries(small), "small"));
    floor.push(await interactive({}, null, "/tests/bench/floor.html"));
  }
  const long = contracts.find((c) => c.name === "10,001 events");
  const reload10k = [];
  for (let k = 0; k < Math.min(SAMPLES, 5); k++) reload10k.push(await interactive(entries(long.log), long.log.events[0].contract.id));
  const perContract = [];
  for (const c of contracts) {
    const figures = await clicks(c);
    figures.openMs = await opening(c);
    perContract.push(figures);
  }
  const signing = await signingAdds(...["10,001 events, 2,000 messages", "10,001 events, 2,000 messages, signed"].map((name) => contracts.find((c) => c.name === name)));
  console.log(JSON.stringify({
    signingAdds: signing,
    boardInteractiveMs: median(navigation),
    boardInteractiveSamplesMs: navigation.map((x) => Math.round(x)),
    navigationFloorMs: median(floor),
    reload10kInteractiveMs: median(reload10k),
    contracts: perContract,
  }));
} finally {
  await browser.close();
  server.close();
}
