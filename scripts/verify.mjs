// scripts/verify's work (run it through scripts/verify, which installs and builds what is missing):
// checks a contract the way a backend would, with the native engine: a shared link (or just its
// "#share=…" fragment) or a log file. Prints whether the engine accepts it and the contract's
// summary, or the refusal (LOG_INVALID with the event's index); exits 0 when accepted, 1 when
// refused, 2 when the input cannot be read. A signed log's signatures are checked natively (R26);
// `--pinned OTHER` also refuses it when its keys are not those of OTHER, an earlier copy.
//   scripts/verify 'http://127.0.0.1:8000/web/#share=ml1.…'
//   scripts/verify milestones-Website-2026-12-03.json
//   scripts/verify --pinned tests/signed/good.json tests/signed/resigned.json
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { decodeLink, linkData } from "../web/board/link.js";
import { catalog } from "../web/board/words.js";

const root = new URL("../", import.meta.url).pathname;
const args = process.argv.slice(2);
const pinnedAt = args.indexOf("--pinned");
const pinnedInput = pinnedAt >= 0 ? args.splice(pinnedAt, 2)[1] : undefined;
if (args.length !== 1 || (pinnedAt >= 0 && !pinnedInput)) {
  console.error("usage: scripts/verify [--pinned LINK | LOG.json] LINK | LOG.json");
  process.exit(2);
}

/** The log's JSON text from a link, a fragment or a file ("-": stdin); exits 2 when unreadable. */
async function logText(input) {
  const data = input.includes("#") || input.startsWith("share=") ? linkData(input) : null;
  if (data !== null) {
    const decoded = await decodeLink(data);
    if (decoded.error) {
      console.error(`unreadable: ${decoded.error.code}: ${catalog("en").linkProblem(decoded.error)}`);
      process.exit(2);
    }
    return decoded.text;
  }
  try {
    return readFileSync(input === "-" ? 0 : input, "utf8");
  } catch (e) {
    console.error(`unreadable: ${e.message}`);
    process.exit(2);
  }
}

/** One query of the native engine on a log (one JSON line: a raw line break is white space). */
function ask(query, text) {
  const line = `{"query":"${query}","log":${text.replace(/[\r\n]+/g, " ")}}\n`;
  return JSON.parse(execFileSync(`${root}scripts/engine-native`, [], { input: line, encoding: "utf8", maxBuffer: 1 << 28 }));
}

// R26: the native engine checks every signature (OpenSSL) as it restores.
const text = await logText(args[0]);
const answer = ask("restore", text);
if (!answer.ok) {
  const e = answer.error;
  console.log(`refused: ${e.code}${e.index !== undefined ? ` at event ${e.index}` : ""}: ${e.message}`);
  process.exit(1);
}
const fingerprint = (key) => createHash("sha256").update(Buffer.from(key, "base64url")).digest("hex").slice(0, 16).match(/..../g).join(" ");
const keys = answer.state.contract.keys;
// Keys seen before for this contract (another copy of it): a log signed again by other keys holds
// together, but is not the contract the pinned copy is.
if (pinnedInput) {
  const pinned = ask("signatures", await logText(pinnedInput));
  if (!pinned.ok) {
    console.error(`unreadable: the pinned log: ${pinned.error.message}`);
    process.exit(2);
  }
  for (const party of ["client", "freelancer"]) {
    const was = pinned.keys?.[party];
    const now = keys?.[party];
    if (was && now !== was) {
      console.log(`refused: the ${party}'s key is not the pinned one: ${fingerprint(was)} pinned, ${now ? fingerprint(now) : "none"} here.`);
      process.exit(1);
    }
  }
}
const { contract: c, milestones, totals: t, seq } = answer.state;
const money = (cents) => `$${(cents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
const statuses = {};
for (const m of milestones) statuses[m.status] = (statuses[m.status] ?? 0) + 1;
console.log(`accepted: ${c.title} (${c.id})`);
console.log(`  ${c.client} (client), ${c.freelancer} (freelancer), ${c.accountType} account, ${c.status}`);
console.log(`  ${seq} events; ${milestones.length} milestones: ${Object.entries(statuses).map(([s, n]) => `${n} ${s}`).join(", ")}`);
console.log(`  budget ${money(t.budget)}, charged ${money(t.charged)}, in escrow ${money(t.escrow)}, released ${money(t.released)}, client credit ${money(t.credit)}`);
console.log(keys
  ? `  signed: every event checked; client key ${fingerprint(keys.client)}, freelancer key ${keys.freelancer ? fingerprint(keys.freelancer) : "not bound yet"}`
  : "  unsigned: the events carry no signatures");
