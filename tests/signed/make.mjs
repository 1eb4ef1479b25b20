// Writes the shared signed test logs (tests/signed/*.json) and their verdicts (cases.json): one
// genuine signed contract and each tampering of R26, for the native runner (scripts/verify), Node.js
// and Chromium to judge alike. Keys come from fixed seeds, and Ed25519 signatures are
// deterministic, so the files are the same on every run: `node tests/signed/make.mjs` after a
// change to what the engine writes, then commit them.
import { webcrypto } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { loadEngine } from "../../web/milestones.js";
import { toBase64url } from "../../web/signing.js";

const here = new URL("./", import.meta.url);
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1, 9);
const day = (n) => T0 + n * DAY;

/** A signing key from a fixed 32-byte seed (PKCS #8 of an Ed25519 private key). */
async function keyFromSeed(fill) {
  const pkcs8 = new Uint8Array([...Buffer.from("302e020100300506032b657004220420", "hex"), ...new Uint8Array(32).fill(fill)]);
  const privateKey = await webcrypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
  const jwk = await webcrypto.subtle.exportKey("jwk", privateKey);
  const publicKey = toBase64url(Buffer.from(jwk.x, "base64url"));
  return { privateKey, publicKey };
}

const engine = await loadEngine();

/** The contract's life: an offer the freelancer accepts (its key bound there), files, messages, an automatic release. */
async function life(client, freelancer) {
  const c = engine.createContract();
  const keys = { client, freelancer };
  const steps = [
    { type: "create_contract", actor: "client", at: day(0), offer: true, clientKey: client.publicKey,
      contract: { id: "signed-website", title: "Bakery website", accountType: "standard", client: "Northwind Bakery", freelancer: "Jo Park",
        milestones: [
          { title: "Design", amount: 60000, dueDate: "2026-12-20" },
          { title: "Build", amount: 140000, dueDate: "2027-01-20" },
        ] } },
    { type: "respond_offer", actor: "freelancer", at: day(1), accept: true },
    { type: "post_message", actor: "client", at: day(1), text: "Welcome aboard, Jo." },
    { type: "activate_milestone", actor: "client", at: day(2), milestoneId: "m1" },
    { type: "post_message", actor: "freelancer", at: day(3), milestoneId: "m1", text: "Sketches by Friday." },
    { type: "submit_work", actor: "freelancer", at: day(6), milestoneId: "m1", message: "Three directions.",
      attachments: [{ name: "design.pdf", size: 482113, sha256: "9f2c".repeat(16) }] },
    { type: "request_changes", actor: "client", at: day(7), milestoneId: "m1", message: "Warmer colours, please." },
    { type: "submit_work", actor: "freelancer", at: day(9), milestoneId: "m1", message: "Warmer." },
    { type: "tick", actor: "system", at: day(24) },
    { type: "activate_milestone", actor: "client", at: day(25), milestoneId: "m2" },
    { type: "post_message", actor: "freelancer", at: day(26), text: "Starting the build." },
    { type: "submit_work", actor: "freelancer", at: day(40), milestoneId: "m2", message: "Live on staging." },
    { type: "release_payment", actor: "client", at: day(41), milestoneId: "m2", amount: 140000 },
  ];
  for (const step of steps) {
    const r = c.dispatch(step);
    if (!r.ok) throw new Error(`${step.type}: ${r.error.message}`);
    await c.signPending(keys);
  }
  const log = c.log();
  c.dispose();
  return log;
}

const client = await keyFromSeed(1);
const freelancer = await keyFromSeed(2);
const good = await life(client, freelancer);
const events = good.events;
const at = (type, from = 0) => events.findIndex((e, i) => i >= from && e.type === type);
const copy = () => structuredClone(good);
const cases = [];
const logs = { good };
const add = (file, log, verdict) => {
  logs[file] = log;
  cases.push({ file: `${file}.json`, ...verdict });
};
add("good", good, { verdict: "accepted" });

// The last release made $1,000.00 instead of $1,400.00, written exactly as the rules record such
// a release (so the rules accept it), with the genuine event's signature: the signature does not.
const released = at("payment_released", at("payment_released") + 1);
let log = copy();
{
  const before = { ...good, events: good.events.slice(0, released), lastAt: good.events[released - 1].at };
  const c = engine.restore(JSON.stringify(before));
  const { at: when, milestoneId } = good.events[released];
  const r = c.dispatch({ type: "release_payment", actor: "client", at: when, milestoneId, amount: 100000 });
  if (!r.ok) throw new Error(r.error.message);
  log.events[released] = { ...r.events[0], signature: good.events[released].signature };
  c.dispose();
}
add("edited", log, { verdict: "LOG_INVALID", index: released, party: "client", problem: "broken" });

log = copy();
const welcome = at("message_posted");
delete log.events[welcome].signature;
add("stripped", log, { verdict: "LOG_INVALID", index: welcome, party: "client", problem: "missing" });

// The freelancer's last message, signed again by the client's key.
const last = events.findLastIndex((e) => e.type === "message_posted");
{
  const { checks } = engine.signatures(good);
  const check = checks.find((k) => k.index === last);
  log = copy();
  const sig = await webcrypto.subtle.sign({ name: "Ed25519" }, client.privateKey, new TextEncoder().encode(check.message));
  log.events[last].signature.sig = toBase64url(new Uint8Array(sig));
  add("other-party-key", log, { verdict: "LOG_INVALID", index: last, party: "freelancer", problem: "broken" });
}

// Two events swapped, each with its own signature, numbers and times in place.
log = copy();
const change = at("changes_requested");
{
  const a = log.events[change - 1];  // the submission before it
  const b = log.events[change];
  log.events[change - 1] = { ...b, seq: a.seq, at: a.at };
  log.events[change] = { ...a, seq: b.seq, at: b.at };
}
add("reordered", log, { verdict: "LOG_INVALID", index: change - 1, party: "client", problem: "broken" });

// A message dropped, the later events renumbered: the next signature covers the gap.
log = copy();
log.events.splice(welcome, 1);
log.events.forEach((e, i) => { e.seq = i + 1; });
add("dropped", log, { verdict: "LOG_INVALID", index: welcome, party: "client", problem: "broken" });

// The whole contract signed again by two other keys: every signature holds, but a browser that
// has seen the contract holds its keys (pinned) and refuses it.
const resigned = await life(await keyFromSeed(3), await keyFromSeed(4));
add("resigned", resigned, { verdict: "accepted", pinnedAgainst: "good.json", pinned: "client" });

for (const [file, l] of Object.entries(logs)) {
  await writeFile(new URL(`${file}.json`, here), `${JSON.stringify(l, null, 1)}\n`);
}
await writeFile(new URL("cases.json", here), `${JSON.stringify(cases, null, 2)}\n`);
console.log(`${cases.length} logs, ${events.length} events each; keys ${client.publicKey} ${freelancer.publicKey}`);

// The scenario both runners play (tests/scenarios/r26-signed): a contract signed step by step
// through to_sign and add_signature, refusals included, then every shared log restored.
{
  const lines = [];
  const c = engine.createContract();
  const create = { type: "create_contract", actor: "client", at: day(0), clientKey: client.publicKey,
    contract: { id: "scenario", title: "Logo", accountType: "standard", client: "Acme", freelancer: "Jo",
      milestones: [{ title: "Sketches", amount: 30000, dueDate: "2027-01-15" }] } };
  const post = { type: "post_message", actor: "freelancer", at: day(1), text: "Hello" };
  const sign = async (key, next) => toBase64url(new Uint8Array(await webcrypto.subtle.sign({ name: "Ed25519" }, key.privateKey, new TextEncoder().encode(next.message))));
  c.dispatch(create);
  const first = c.toSign();
  const sig0 = await sign(client, first);
  c.addSignature(0, sig0);
  c.dispatch(post);
  const second = c.toSign();
  const sig1 = await sign(freelancer, second);
  lines.push(create, { query: "to_sign" },
    { query: "add_signature", index: 0, sig: await sign(freelancer, first) },  // another key: refused natively and in Node.js
    { query: "add_signature", index: 1, sig: sig0 },
    { query: "add_signature", index: 0, sig: sig0, key: client.publicKey },
    { query: "add_signature", index: 0, sig: sig0 },
    post, { query: "to_sign" },
    { query: "add_signature", index: 1, sig: sig1 },
    { query: "add_signature", index: 1, sig: sig1, key: client.publicKey },
    { query: "add_signature", index: 1, sig: sig1, key: freelancer.publicKey },
    { query: "state" }, { query: "log" });
  for (const file of Object.keys(logs)) lines.push({ query: "restore", log: logs[file] });
  lines.push({ query: "restore", log: good, brokenSignature: 3 }, { query: "restore", log: good, brokenSignature: 8 });
  c.dispose();
  await writeFile(new URL("../scenarios/r26-signed.in.jsonl", here), lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
}
