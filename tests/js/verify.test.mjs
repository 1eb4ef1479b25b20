// scripts/verify and scripts/statement: what a backend runs with the native build on a shared
// link or a log file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEngine } from "../../web/milestones.js";
import { encodeLink } from "../../web/board/link.js";
import { sampleCommands } from "../../web/board/sample.js";
import { catalog } from "../../web/board/words.js";

const root = new URL("../../", import.meta.url).pathname;
const run = (script, ...args) => spawnSync(`${root}scripts/${script}`, args, { encoding: "utf8" });

const engine = await loadEngine();
const c = engine.createContract();
for (const r of c.dispatchMany(sampleCommands(Date.UTC(2026, 11, 3, 12), "sample-verify", catalog("en")))) assert.ok(r.ok);
const log = c.log();
const statement = c.statement();
c.dispose();

test("verify accepts a good log file and a link, and prints the contract's summary", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "milestones-verify-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, "log.json");
  await writeFile(file, JSON.stringify(log, null, 2));
  const fromFile = run("verify", file);
  assert.equal(fromFile.status, 0, fromFile.stderr);
  assert.equal(fromFile.stdout, [
    "accepted: Bakery website redesign (sample-verify)",
    "  Northwind Bakery (client), Maya Chen (freelancer), standard account, open",
    "  9 events; 4 milestones: 1 paid, 1 submitted, 2 pending",
    "  budget $5,000.00, charged $1,850.00, in escrow $1,200.00, released $650.00, client credit $0.00",
    "  unsigned: the events carry no signatures",
    "",
  ].join("\n"));
  const link = `http://127.0.0.1:8000/web/#${await encodeLink(JSON.stringify(log))}`;
  const fromLink = run("verify", link);
  assert.equal(fromLink.status, 0, fromLink.stderr);
  assert.equal(fromLink.stdout, fromFile.stdout);
});

test("verify refuses a tampered log with the event's index, and a damaged link, exiting non-zero", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "milestones-verify-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const tampered = structuredClone(log);
  tampered.events[3].amount += 1;  // the partial release
  const file = join(dir, "tampered.json");
  await writeFile(file, JSON.stringify(tampered));
  const refused = run("verify", file);
  assert.equal(refused.status, 1);
  assert.equal(refused.stdout, "refused: LOG_INVALID at event 3: Event 3 of the log could not have happened: it differs from what the rules record.\n");
  const link = `#${await encodeLink(JSON.stringify(tampered))}`;
  assert.equal(run("verify", link).stdout, refused.stdout);
  const damaged = run("verify", "http://x/web/#share=ml1.@@@@");
  assert.equal(damaged.status, 2);
  assert.match(damaged.stderr, /^unreadable: NOT_BASE64: This link is damaged: part of it is missing or was changed\. Ask for the link again\.$/m);
});

test("R26: the shared signed test logs get the same verdict, event and party natively (OpenSSL)", async () => {
  const signed = `${root}tests/signed/`;
  const cases = JSON.parse(await readFile(`${signed}cases.json`, "utf8"));
  for (const k of cases) {
    const r = run("verify", `${signed}${k.file}`);
    if (k.verdict === "accepted") {
      assert.equal(r.status, 0, `${k.file}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /^  signed: every event checked; client key [0-9a-f ]{19}, freelancer key [0-9a-f ]{19}$/m);
    } else {
      assert.equal(r.status, 1, k.file);
      assert.match(r.stdout, new RegExp(`^refused: ${k.verdict} at event ${k.index}: Event ${k.index} of the log, by the ${k.party}, `), k.file);
    }
    if (k.pinnedAgainst) {
      const pinned = run("verify", "--pinned", `${signed}${k.pinnedAgainst}`, `${signed}${k.file}`);
      assert.equal(pinned.status, 1, k.file);
      assert.match(pinned.stdout, new RegExp(`^refused: the ${k.pinned}'s key is not the pinned one: [0-9a-f ]{19} pinned, [0-9a-f ]{19} here\\.$`, "m"), k.file);
      // A log is its own pin.
      assert.equal(run("verify", "--pinned", `${signed}${k.file}`, `${signed}${k.file}`).status, 0, k.file);
    }
  }
  // The link of a signed log is checked the same way.
  const link = `#${await encodeLink(await readFile(`${signed}other-party-key.json`, "utf8"))}`;
  assert.match(run("verify", link).stdout, /^refused: LOG_INVALID at event 10: Event 10 of the log, by the freelancer, Jo Park, does not match its signature/);
});

test("statement prints the engine's plain-text statement, the same as the JS API's", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "milestones-statement-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, "log.json");
  await writeFile(file, JSON.stringify(log, null, 2));
  const printed = run("statement", file);
  assert.equal(printed.status, 0, printed.stderr);
  assert.equal(printed.stdout, statement.text);
  assert.match(printed.stdout, /^Kept as credit +\$150\.00  escrow not released \(R10\)$/m);
  const bad = run("statement", join(dir, "missing.json"));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /cannot read/);
});
