// Runs every benchmark and prints one JSON report and a readable table with PASS/FAIL per budget.
// Timing budgets are reported, never enforced: the exit status is 0 unless a benchmark breaks.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import os from "node:os";

const root = new URL("../../", import.meta.url).pathname;
const run = (cmd, args) => JSON.parse(execFileSync(cmd, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 }).trim().split("\n").at(-1));

// Native and WebAssembly take turns, three runs each, and each keeps its best figures: this VM
// shifts between a fast and a slow state for tens of seconds at a time, and two runs one after
// the other could otherwise compare one side's fast state with the other's slow one.
const best = (runs) => {
  const pick = (values, lower) => (lower ? Math.min(...values) : Math.max(...values));
  const first = runs[0];
  return {
    dispatchJsonPerSecond: pick(runs.map((r) => r.dispatchJsonPerSecond), false),
    dispatchCorePerSecond: pick(runs.map((r) => r.dispatchCorePerSecond), false),
    restore: first.restore.map((x, i) => {
      const ms = pick(runs.map((r) => r.restore[i].ms), true);
      return { ...x, ms, usPerEvent: (ms * 1000) / x.events };
    }),
    allowed: first.allowed.map((x, i) => ({ ...x, usPerQuery: pick(runs.map((r) => r.allowed[i].usPerQuery), true) })),
    perCommand: first.perCommand.map((x, i) => ({ ...x, nsPerCommand: pick(runs.map((r) => r.perCommand[i].nsPerCommand), true) })),
    longLives: first.longLives.map((x, i) => ({
      ...x,
      dispatchJsonPerSecond: pick(runs.map((r) => r.longLives[i].dispatchJsonPerSecond), false),
      dispatchCorePerSecond: pick(runs.map((r) => r.longLives[i].dispatchCorePerSecond), false),
      restoreMs: pick(runs.map((r) => r.longLives[i].restoreMs), true),
    })),
  };
};
const nativeRuns = [];
const wasmRuns = [];
for (let k = 0; k < 3; k++) {
  nativeRuns.push(run(`${root}build/bench/tests/bench`, []));
  wasmRuns.push(run("node", ["--no-experimental-fetch", `${root}build/wasm-bench/tests/bench.cjs`]));
}
const native = best(nativeRuns);
const wasm = best(wasmRuns);
const js = run("node", [`${root}tests/bench/bench-js.mjs`]);
const board = run("node", [`${root}tests/bench/bench-board.mjs`]);
const sign = run("node", [`${root}tests/bench/bench-sign.mjs`]);
const size = (f) => {
  const bytes = readFileSync(`${root}web/dist/${f}`);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const wasmSize = size("milestones-core.wasm");
const glueSize = size("milestones-core.mjs");

const life = (r, name) => r.longLives.find((x) => x.name === name);
const restore100k = (r) => r.restore.find((x) => x.events >= 100000).ms;
const flat = (r) => r.restore.at(-1).usPerEvent / r.restore[0].usPerEvent;
const per = (r) => r.perCommand.find((x) => x.milestones === 1000).nsPerCommand / r.perCommand.find((x) => x.milestones === 10).nsPerCommand;
const report = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, date: new Date().toISOString().slice(0, 10) },
  native, wasm, jsApi: js, board, signed: sign,
  size: { wasm: wasmSize, glue: glueSize, totalGzip: wasmSize.gzip + glueSize.gzip },
};
const contract = (name) => board.contracts.find((c) => c.name === name);
const budgets = [
  ["core API without JSON, native (commands/s)", native.dispatchCorePerSecond, ">=", 5_000_000],
  ["through JSON, native runner path (commands/s)", native.dispatchJsonPerSecond, ">=", 300_000],
  ["WebAssembly through the JS API, plain objects (commands/s)", js.dispatchJsApiPerSecond, ">=", 100_000],
  ["WebAssembly within 2.5x of native, through JSON (ratio)", native.dispatchJsonPerSecond / wasm.dispatchJsonPerSecond, "<=", 2.5],
  ["WebAssembly within 2.5x of native, core API (ratio)", native.dispatchCorePerSecond / wasm.dispatchCorePerSecond, "<=", 2.5],
  ["restore of 100,000 events, native (ms)", restore100k(native), "<=", 100],
  ["restore of 100,000 events, WebAssembly (ms)", restore100k(wasm), "<=", 250],
  ["restore cost per event flat, 100k vs 1k, native (ratio)", flat(native), "<=", 1.5],
  ["per-command cost at 1,000 vs 10 milestones, native (ratio)", per(native), "<=", 3],
  ["wasm + glue (gzip bytes)", wasmSize.gzip + glueSize.gzip, "<=", 110 * 1024],
  ["board interactive after navigation (ms)", board.boardInteractiveMs, "<=", 300],
  // What the page asks the engine on 1,000 milestones (bench-js.mjs): every problem of a form, and
  // the reasons of the one "Why not?" open (the contract's or a milestone's).
  ["check: every problem of a New contract of 1,000 milestones, WebAssembly (ms)", Math.max(js.pageAsks.checkCreate1000Ms, js.pageAsks.checkCreate1000ProblemsMs), "<=", 5],
  ["Why not? on a contract of 1,000 milestones, the contract's or a milestone's, WebAssembly (ms)", Math.max(js.pageAsks.whyNotContractMs, js.pageAsks.whyNotMilestoneMs), "<=", 5],
  // R26 in Chromium (bench-sign.mjs): a link from elsewhere is checked whole; this browser's own
  // storage is trusted, so a signed log restores at an unsigned one's cost per byte.
  ["R26: opening a 2,001-event signed link in Chromium: decoded, every signature checked, restored (ms)", sign.openLinkMs, "<=", 300],
  ["R26: signing one command's event in Chromium, until signed (ms)", sign.signUntilSignedMs, "<=", 2],
  ["R26: restoring a signed 10,001-event contract with 2,000 messages from own storage, per byte, against unsigned (ratio)",
    (sign.restoreSignedMs / sign.storedChars) / (sign.restorePlainMs / sign.storedPlainChars), "<=", 1.25],
  // The long lives, against the plain-JavaScript figures the engine is meant to beat (1,034,000 and
  // 187,000 commands/s; restores of 33,118 events on 10 milestones in 55 ms, 38,468 on 40 in
  // 102 ms, 40,006 on 400 in 564 ms: half of each, scaled to this workload's events).
  ["JS API dispatch, plain objects, 10 milestones (commands/s)", life(js, "lifecycle-10").jsApiPerSecond, ">=", 1_200_000],
  ["JS API dispatch, plain objects, 400 milestones (commands/s)", life(js, "lifecycle-400").jsApiPerSecond, ">=", 400_000],
  ...[["lifecycle-10", 55, 33118], ["lifecycle-40", 102, 38468], ["lifecycle-400", 564, 40006]].map(([name, ms, events]) => [
    `JS API restore from text, ${name} (ms)`, life(js, name).jsApiRestoreTextMs, "<=", ((ms / 2) * life(js, name).events) / events]),
  ["native runner path, 400 milestones (commands/s)", life(native, "lifecycle-400").dispatchJsonPerSecond, ">=", 500_000],
  ...native.longLives.map((n, i) => [`WebAssembly within 2x of native, ${n.name}, JSON / core / restore (worst ratio)`,
    Math.max(n.dispatchJsonPerSecond / wasm.longLives[i].dispatchJsonPerSecond, n.dispatchCorePerSecond / wasm.longLives[i].dispatchCorePerSecond,
      wasm.longLives[i].restoreMs / n.restoreMs), "<=", 2]),
  // Click → next frame (median) on a contract with a long history and on one with 1,000 milestones.
  ...["10,001 events", "1,000 milestones"].flatMap((name) => [["reorderStep", "a keyboard reorder step"],
    ["release", "Approve & release"], ["activate", "Activate & fund"]].map(([key, what]) => [
    `board, ${name}: ${what}, click → next frame (ms)`, contract(name)[key].median, "<=", 16])),
  ...["reorderStep", "release", "activate", "moveDown"].map((key) => [
    `board: ${key} at 10,001 events against 21 (ratio)`, contract("10,001 events")[key].median / contract("21 events")[key].median, "<=", 1.5]),
  // R26: a contract of 10,000 events with 2,000 messages keeps the click and open budgets, signed
  // or not, and signing adds at most 2 ms to a click (the signature is made after the frame).
  ...["10,001 events, 2,000 messages", "10,001 events, 2,000 messages, signed"].flatMap((name) => [
    ...[["reorderStep", "a keyboard reorder step"], ["release", "Approve & release"], ["activate", "Activate & fund"]].map(([key, what]) => [
      `board, ${name}: ${what}, click → next frame (ms)`, contract(name)[key].median, "<=", 16]),
    [`board: opening the contract of ${name} from the list (ms)`, contract(name).openMs, "<=", 150]]),
  ...[["activate", "Activate & fund"], ["release", "Approve & release"]].map(([key, what]) => [
    `board: what signing adds to ${what}, click → next frame, 10,001 events with 2,000 messages, clicked in turn (ms)`,
    board.signingAdds[key].adds, "<=", 2]),
  ["board: History, a jump to any event of 10,001, click → next frame (ms)", contract("10,001 events").historyJump.median, "<=", 50],
  ["board: History, a step to the neighbouring event of 10,001 (ms)", contract("10,001 events").historyStep.median, "<=", 16],
  ["board: a drop on 1,000 milestones (ms)", contract("1,000 milestones").drop.median, "<=", 16],
  ["board: opening a 10,001-event contract from the list (ms)", contract("10,001 events").openMs, "<=", 150],
  ["board: reload to interactive with it stored (ms)", board.reload10kInteractiveMs, "<=", 400],
  // A signed contract also reads its events back once they are signed, after the frame, to store
  // them with their signatures (toSign and addSignature are not counted: they are the signing).
  ["board: engine calls of the Activate & fund click beyond one dispatch and one snapshot (and, signed, one events read)", Math.max(...board.contracts.map((c) => {
    const n = c.callsPerActivate;
    return n.dispatch - 1 + n.state - 1 + n.allowedByMilestone - 1 + n.allowed + n.log + n.preview + n.check + n.blocked + n.events - (c.name.endsWith("signed") ? 1 : 0);
  })), "<=", 0],
  ["board: engine calls of the click that opens the confirmation beyond one preview", Math.max(...board.contracts.map((c) => {
    const n = c.callsToConfirm;
    return n.dispatch + n.state + n.allowedByMilestone + n.allowed + n.log + n.preview - 1 + n.check + n.blocked + n.events;
  })), "<=", 0],
].map(([name, value, op, limit]) => ({ name, value, op, limit, pass: op === ">=" ? value >= limit : value <= limit }));
report.budgets = budgets;

const fmt = (v) => (v >= 1000 ? Math.round(v).toLocaleString("en-US") : Number(v.toPrecision(3)).toString());
console.log(JSON.stringify(report, null, 2));
console.log("\n| figure | native | WebAssembly |\n|---|---|---|");
console.log(`| dispatch through JSON (commands/s) | ${fmt(native.dispatchJsonPerSecond)} | ${fmt(wasm.dispatchJsonPerSecond)} (JS API, plain objects: ${fmt(js.dispatchJsApiPerSecond)}) |`);
console.log(`| dispatch, core API without JSON (commands/s) | ${fmt(native.dispatchCorePerSecond)} | ${fmt(wasm.dispatchCorePerSecond)} |`);
for (const [i, r] of native.restore.entries()) {
  console.log(`| restore ${fmt(r.events)} events (ms; µs/event) | ${fmt(r.ms)}; ${fmt(r.usPerEvent)} | ${fmt(wasm.restore[i].ms)}; ${fmt(wasm.restore[i].usPerEvent)} (JS API ${fmt(js.restoreJsApi[i].ms)}) |`);
}
for (const [i, a] of native.allowed.entries()) {
  console.log(`| allowed on ${a.milestones} milestones (µs) | ${fmt(a.usPerQuery)} | ${fmt(wasm.allowed[i].usPerQuery)} |`);
}
for (const [i, p] of native.perCommand.entries()) {
  console.log(`| per command at ${p.milestones} milestones (ns) | ${fmt(p.nsPerCommand)} | ${fmt(wasm.perCommand[i].nsPerCommand)} |`);
}
console.log(`| 1,000 milestones: check of a New contract, sound / with 11 problems; Why not? for the contract / a milestone / every site at once (ms) | — | ${fmt(js.pageAsks.checkCreate1000Ms)} / ${fmt(js.pageAsks.checkCreate1000ProblemsMs)}; ${fmt(js.pageAsks.whyNotContractMs)} / ${fmt(js.pageAsks.whyNotMilestoneMs)} / ${fmt(js.pageAsks.whyNotEverySiteMs)} |`);
console.log(`| module size (raw / gzip bytes) | — | wasm ${fmt(wasmSize.raw)} / ${fmt(wasmSize.gzip)}, glue ${fmt(glueSize.raw)} / ${fmt(glueSize.gzip)} |`);
console.log(`| board: interactive / reload with a 10,001-event contract (ms) | — | ${fmt(board.boardInteractiveMs)} / ${fmt(board.reload10kInteractiveMs)} |`);
console.log(`| board interactive, the 7 navigations (ms) | — | ${board.boardInteractiveSamplesMs.join(", ")} |`);
console.log(`| navigation floor: an empty page's one inline module (ms) | — | ${fmt(board.navigationFloorMs)} |`);
console.log("\n| board, click → next frame (median ms; in brackets, to the next ordinary task) | Move down | reorder step | drop | Activate & fund | Approve & release | History jump / step | open from the list | calls per click |\n|---|---|---|---|---|---|---|---|---|");
for (const c of board.contracts) {
  const list = (counts) => Object.entries(counts).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(", ") || "none";
  const calls = `${list(c.callsPerActivate)} (opening the confirmation: ${list(c.callsToConfirm)})`;
  const both = (f) => `${fmt(f.median)} (${fmt(f.nextTask)})`;
  console.log(`| ${c.name} | ${both(c.moveDown)} | ${both(c.reorderStep)} | ${both(c.drop)} | ${both(c.activate)} | ${both(c.release)} | ${both(c.historyJump)} / ${both(c.historyStep)} | ${fmt(c.openMs)} | ${calls} |`);
}
console.log("\n| signed contracts (R26), Chromium | 21 events | 201 events | 2,001 events |\n|---|---|---|---|");
console.log(`| link length, unsigned / signed (characters) | ${sign.links.map((l) => `${fmt(l.unsignedChars)} / ${fmt(l.signedChars)} (${fmt(l.ratio)}×)`).join(" | ")} |`);
console.log(`| opening the 2,001-event signed link: decode, check, restore (ms) | | | ${fmt(sign.openLinkMs)} |`);
console.log(`| signing one command's event: engine's part on the main thread / until signed (ms) | ${fmt(sign.signMainThreadMs)} / ${fmt(sign.signUntilSignedMs)} | | |`);
console.log(`| restore from own storage, 10,001 events with 2,000 messages: unsigned / signed (ms; characters) | ${fmt(sign.restorePlainMs)} / ${fmt(sign.restoreSignedMs)}; ${fmt(sign.storedPlainChars)} / ${fmt(sign.storedChars)} | | |`);
console.log(`| what signing adds to a click on 10,001 events with 2,000 messages, clicked in turn: Activate & fund / Approve & release, unsigned → signed (ms) | ${fmt(board.signingAdds.activate.unsigned)} → ${fmt(board.signingAdds.activate.signed)} / ${fmt(board.signingAdds.release.unsigned)} → ${fmt(board.signingAdds.release.signed)} | | |`);
console.log("\n| long life | commands / events | native JSON / core (commands/s) | WebAssembly JSON / core | JS API dispatch / dispatchMany | plain JS | restore ms: native / WebAssembly / JS API from text / plain JS (no re-check) |\n|---|---|---|---|---|---|---|");
for (const [i, n] of native.longLives.entries()) {
  const w = wasm.longLives[i];
  const j = life(js, n.name);
  console.log(`| ${n.name} | ${fmt(n.commands)} / ${fmt(n.events)} | ${fmt(n.dispatchJsonPerSecond)} / ${fmt(n.dispatchCorePerSecond)} | ${fmt(w.dispatchJsonPerSecond)} / ${fmt(w.dispatchCorePerSecond)} | ${fmt(j.jsApiPerSecond)} / ${fmt(j.jsApiManyPerSecond)} | ${fmt(j.plainPerSecond)} | ${fmt(n.restoreMs)} / ${fmt(w.restoreMs)} / ${fmt(j.jsApiRestoreTextMs)} / ${fmt(j.plainRestoreMs)} |`);
}
console.log("\n| budget | measured | limit | |\n|---|---|---|---|");
for (const b of budgets) console.log(`| ${b.name} | ${fmt(b.value)} | ${b.op} ${fmt(b.limit)} | ${b.pass ? "PASS" : "FAIL"} |`);
console.log(`\nbudgets: ${budgets.filter((b) => b.pass).length} pass, ${budgets.filter((b) => !b.pass).length} fail (timing budgets are reported, not enforced)`);
