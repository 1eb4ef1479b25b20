// scripts/verify's work (run it through scripts/verify, which installs and builds what is missing):
// checks a contract the way a backend would, with the native engine: a shared link (or just its
// "#share=…" fragment) or a log file. Prints whether the engine accepts it and the contract's
// summary, or the refusal (LOG_INVALID with the event's index); exits 0 when accepted, 1 when
// refused, 2 when the input cannot be read.
//   scripts/verify 'http://127.0.0.1:8000/web/#share=ml1.…'
//   scripts/verify milestones-Website-2026-12-03.json
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { decodeLink, linkData } from "../web/board/link.js";
import { catalog } from "../web/board/words.js";

const root = new URL("../", import.meta.url).pathname;
const input = process.argv[2];
if (!input || process.argv.length > 3) {
  console.error("usage: scripts/verify LINK | LOG.json");
  process.exit(2);
}
let text;
const data = input.includes("#") || input.startsWith("share=") ? linkData(input) : null;
if (data !== null) {
  const decoded = await decodeLink(data);
  if (decoded.error) {
    console.error(`unreadable: ${decoded.error.code}: ${catalog("en").linkProblem(decoded.error)}`);
    process.exit(2);
  }
  text = decoded.text;
} else {
  try {
    text = readFileSync(input === "-" ? 0 : input, "utf8");
  } catch (e) {
    console.error(`unreadable: ${e.message}`);
    process.exit(2);
  }
}
// One JSON line: a raw line break in JSON text can only be white space between tokens.
const line = `{"query":"restore","log":${text.replace(/[\r\n]+/g, " ")}}\n`;
const answer = JSON.parse(execFileSync(`${root}scripts/engine-native`, [], { input: line, encoding: "utf8", maxBuffer: 1 << 28 }));
if (!answer.ok) {
  const e = answer.error;
  console.log(`refused: ${e.code}${e.index !== undefined ? ` at event ${e.index}` : ""}: ${e.message}`);
  process.exit(1);
}
const { contract: c, milestones, totals: t, seq } = answer.state;
const money = (cents) => `$${(cents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
const statuses = {};
for (const m of milestones) statuses[m.status] = (statuses[m.status] ?? 0) + 1;
console.log(`accepted: ${c.title} (${c.id})`);
console.log(`  ${c.client} (client), ${c.freelancer} (freelancer), ${c.accountType} account, ${c.status}`);
console.log(`  ${seq} events; ${milestones.length} milestones: ${Object.entries(statuses).map(([s, n]) => `${n} ${s}`).join(", ")}`);
console.log(`  budget ${money(t.budget)}, charged ${money(t.charged)}, in escrow ${money(t.escrow)}, released ${money(t.released)}, client credit ${money(t.credit)}`);
