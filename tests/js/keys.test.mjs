// R26 in the board, without a browser: this browser's signing keys (web/board/keys.js) kept in a
// store per prefix, what they let the board sign, the keys pinned per contract, and a log from
// elsewhere admitted or refused (web/board/trust.js) with the shared signed logs of tests/signed,
// in the words a person reads, English and German.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { loadEngine, generateSigningKey, keyFingerprint, signingSupported } from "../../web/milestones.js";
import { Keys, Pins, keyDiffers, pinOf } from "../../web/board/keys.js";
import { admit } from "../../web/board/trust.js";
import { catalog } from "../../web/board/words.js";

const engine = await loadEngine();
const signed = new URL("../signed/", import.meta.url);
const cases = JSON.parse(await readFile(new URL("cases.json", signed), "utf8"));
const logText = (file) => readFile(new URL(file, signed), "utf8");

/** A key store in memory, as IndexedDB keeps them: add keeps the first value under a name. */
function memoryStore() {
  const kept = new Map();
  const calls = { get: 0, add: 0 };
  return {
    kept, calls,
    get: async (name) => (calls.get++, kept.get(name)),
    add: async (name, value) => {
      calls.add++;
      if (!kept.has(name)) kept.set(name, value);
      return kept.get(name);
    },
  };
}

/** WebCrypto as Keys uses it, counting the key pairs made. */
function countingCrypto(supported = true) {
  const made = [];
  return {
    made,
    signingSupported: async () => supported && signingSupported(),
    generateSigningKey: async () => {
      const key = await generateSigningKey();
      made.push(key.publicKey);
      return key;
    },
    keyFingerprint,
  };
}

/** A new signed contract: the client's key bound at creation, the freelancer's not yet. */
function newContract(clientKey, id = "k-test") {
  const c = engine.createContract();
  const created = c.dispatch({ type: "create_contract", actor: "client", at: Date.UTC(2030, 0, 1), clientKey, contract: {
    id, title: "Keys", accountType: "standard", client: "Acme", freelancer: "Jo",
    milestones: [{ title: "One", amount: 10_000, dueDate: "2030-06-01" }] } });
  assert.equal(created.ok, true);
  return c;
}

test("the client's key pair is made when the keys of a prefix first open, kept, and the same when they open again", async () => {
  const store = memoryStore();
  const crypto = countingCrypto();
  const keys = await Keys.open({ prefix: "board-a", store, crypto });
  assert.equal(keys.supported, true);
  const client = keys.held("client");
  assert.match(client.publicKey, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(client.privateKey.extractable, false, "the private key never leaves the profile");
  assert.equal(keys.held("freelancer"), null, "the freelancer's is made on first need");
  assert.deepEqual([...store.kept.keys()], ["board-a:client"]);
  const again = await Keys.open({ prefix: "board-a", store, crypto });
  assert.equal(again.held("client").publicKey, client.publicKey);
  assert.equal(crypto.made.length, 1, "nothing made twice");
  const other = await Keys.open({ prefix: "board-b", store, crypto });
  assert.notEqual(other.held("client").publicKey, client.publicKey, "each prefix has its own pair");
  assert.equal(keys.holds(client.publicKey), true);
  assert.equal(keys.holds(other.held("client").publicKey), false);
});

test("two tabs making the freelancer's pair at once keep one; another tab's key is found when a contract binds it", async () => {
  const store = memoryStore();
  const [a, b] = await Promise.all([Keys.open({ prefix: "p", store }), Keys.open({ prefix: "p", store })]);
  assert.equal(a.held("client").publicKey, b.held("client").publicKey, "the first kept wins");
  const [fa, fb] = await Promise.all([a.ensure("freelancer"), b.ensure("freelancer")]);
  assert.equal(fa.publicKey, fb.publicKey);
  // A third tab opened before the freelancer's pair was made learns of it from a contract that binds it.
  const c = await Keys.open({ prefix: "q", store });
  const late = await Keys.open({ prefix: "q", store });
  const made = await late.ensure("freelancer");
  const bound = { client: c.held("client").publicKey, freelancer: made.publicKey };
  let told = 0;
  c.onChange = () => told++;
  assert.equal(c.canAct("freelancer", bound), false, "not known yet");
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(told, 1);
  assert.equal(c.canAct("freelancer", bound), true);
});

test("where WebCrypto has no Ed25519 or the store fails, the board works unsigned and acts on no signed contract", async () => {
  const none = await Keys.open({ prefix: "p", store: memoryStore(), crypto: countingCrypto(false) });
  assert.equal(none.supported, false);
  assert.equal(none.held("client"), null);
  const failing = { get: async () => { throw new Error("no IndexedDB"); }, add: async () => { throw new Error("no IndexedDB"); } };
  const broken = await Keys.open({ prefix: "p", store: failing });
  assert.equal(broken.supported, false);
  for (const keys of [none, broken, Keys.none()]) {
    assert.equal(keys.canAct("client", null), true, "an unsigned contract");
    assert.equal(keys.canAct("client", { client: "x".repeat(43), freelancer: null }), false);
    assert.equal(keys.canAct("freelancer", { client: "x".repeat(43), freelancer: null }), false);
    assert.equal(keys.canAct("system", { client: "x".repeat(43), freelancer: null }), true, "the engine's own events need no key");
    assert.equal(await keys.ensure("freelancer"), null);
  }
});

test("who may act on a signed contract: the bound key's holder; the freelancer, before one is bound, any browser that signs", async () => {
  const keys = await Keys.open({ prefix: "p", store: memoryStore() });
  const mine = keys.held("client").publicKey;
  const theirs = (await generateSigningKey()).publicKey;
  assert.equal(keys.canAct("client", { client: mine, freelancer: null }), true);
  assert.equal(keys.canAct("client", { client: theirs, freelancer: null }), false);
  assert.equal(keys.canAct("freelancer", { client: theirs, freelancer: null }), true, "its key binds on its first event");
  assert.equal(keys.canAct("freelancer", { client: theirs, freelancer: theirs.replace(/^./, "A") }), false);
  const freelancer = await keys.ensure("freelancer");
  assert.equal(keys.canAct("freelancer", { client: theirs, freelancer: freelancer.publicKey }), true);
});

test("signing: the client's events with the client's key, the freelancer's with a pair made at its first need, which binds; the log verifies", async () => {
  const store = memoryStore();
  const keys = await Keys.open({ prefix: "p", store });
  const c = newContract(keys.held("client").publicKey);
  assert.equal(await keys.sign(c, c.state().contract.keys), true);
  assert.equal(store.kept.has("p:freelancer"), false, "nothing of the freelancer's needed yet");
  assert.equal(c.dispatch({ type: "activate_milestone", actor: "client", at: Date.UTC(2030, 0, 2), milestoneId: "m1" }).ok, true);
  assert.equal(c.dispatch({ type: "submit_work", actor: "freelancer", at: Date.UTC(2030, 0, 3), milestoneId: "m1", message: "Done" }).ok, true);
  assert.equal(await keys.sign(c, { client: keys.held("client").publicKey, freelancer: null }), true);
  assert.equal(c.state().contract.keys.freelancer, keys.held("freelancer").publicKey, "this browser's freelancer key is bound");
  assert.equal(store.kept.get("p:freelancer").publicKey, keys.held("freelancer").publicKey, "and kept");
  const log = c.log();
  assert.deepEqual(log.events.map((e) => e.signature.by), ["client", "client", "freelancer"]);
  const again = await engine.restoreVerified(log);
  assert.equal(again.state().seq, 3);
  again.dispose();
  c.dispose();
});

test("a browser that holds only the client's key signs the client's events and stops at the freelancer's bound elsewhere", async () => {
  const client = await Keys.open({ prefix: "p", store: memoryStore() });
  const freelancer = await Keys.open({ prefix: "p", store: memoryStore() });
  const c = newContract(client.held("client").publicKey);
  await client.sign(c, c.state().contract.keys);
  c.dispatch({ type: "post_message", actor: "freelancer", at: Date.UTC(2030, 0, 2), text: "Hello" });
  assert.equal(await freelancer.sign(c, c.state().contract.keys), true, "the freelancer's browser binds its key");
  const bound = c.state().contract.keys;
  c.dispatch({ type: "post_message", actor: "freelancer", at: Date.UTC(2030, 0, 3), text: "Again" });
  assert.equal(client.canAct("freelancer", bound), false);
  assert.equal(await client.sign(c, bound), false, "left unsigned: the board never stores it");
  assert.equal(c.toSign().by, "freelancer");
  c.dispose();
});

test("pins: which party's key differs, what a newly bound freelancer key adds, and a pin written only when it changes", () => {
  const A = "a".repeat(43), B = "b".repeat(43), C = "c".repeat(43), D = "d".repeat(43);
  assert.equal(keyDiffers(undefined, { client: A, freelancer: B }), null, "first seen");
  assert.equal(keyDiffers({ client: A, freelancer: null }, { client: A, freelancer: B }), null, "the freelancer's key binds");
  assert.equal(keyDiffers({ client: A, freelancer: B }, { client: A, freelancer: null }), null, "a log from before it was bound");
  assert.equal(keyDiffers({ client: A, freelancer: B }, { client: A, freelancer: B }), null);
  assert.equal(keyDiffers({ client: A, freelancer: B }, { client: C, freelancer: B }), "client");
  assert.equal(keyDiffers({ client: A, freelancer: B }, { client: C, freelancer: D }), "client");
  assert.equal(keyDiffers({ client: A, freelancer: B }, { client: A, freelancer: D }), "freelancer");
  assert.equal(keyDiffers({ client: A, freelancer: null }, null), "client", "signatures stripped from a signed contract");
  assert.equal(keyDiffers(null, { client: A, freelancer: null }), "client", "an unsigned contract signed afterwards");
  assert.equal(keyDiffers(null, null), null);
  assert.deepEqual(pinOf({ client: A, freelancer: null }, { client: A, freelancer: B }), { client: A, freelancer: B });
  assert.deepEqual(pinOf({ client: A, freelancer: B }, { client: A, freelancer: null }), { client: A, freelancer: B });

  const settings = new Map();
  const writes = [];
  const pins = new Pins({
    setting: (name, fallback) => (settings.has(name) ? JSON.parse(settings.get(name)) : fallback),
    setSetting: (name, value) => { writes.push(name); settings.set(name, JSON.stringify(value)); },
  });
  assert.equal(pins.of("c1"), undefined);
  pins.pin("c1", null);
  assert.deepEqual(writes, [], "an unsigned contract is not pinned");
  pins.pin("c1", { client: A, freelancer: null });
  pins.pin("c1", { client: A, freelancer: null });
  assert.deepEqual(pins.of("c1"), { client: A, freelancer: null });
  pins.pin("c1", { client: A, freelancer: B });
  pins.pin("c1", { client: A, freelancer: null });
  assert.deepEqual(pins.of("c1"), { client: A, freelancer: B });
  assert.deepEqual(writes, ["keys:c1", "keys:c1"], "written when first seen and when the freelancer's key was bound");
});

/** What trust.js needs of the board: the engine, the keys pinned here, this browser's keys, the words. */
function host(lang = "en", pinned = new Map()) {
  const keys = Keys.none();
  return { engine, words: catalog(lang), library: { keys, pinned: (id) => pinned.get(id) } };
}

test("each tampered log of tests/signed is refused with its event's number and party, in the reader's words", async () => {
  const said = {};
  for (const c of cases.filter((x) => x.verdict === "LOG_INVALID")) {
    const text = await logText(c.file);
    const total = JSON.parse(text).events.length;
    const result = await admit(host(), text, "link");
    assert.equal(result.contract, undefined, c.file);
    assert.ok(result.refused.startsWith(`This link was not opened: event ${c.index + 1} of ${total} `), `${c.file}: ${result.refused}`);
    assert.match(result.refused, new RegExp(`the ${c.party}`), c.file);
    said[c.file] = result.refused;
  }
  assert.equal(said["edited.json"], "This link was not opened: event 13 of 13 does not match the client's signature; " +
    "it was changed, moved or dropped after it was signed, or signed with another key.");
  assert.equal(said["stripped.json"], "This link was not opened: event 3 of 13 has no signature, though the client issued it; its signature was removed.");
  assert.equal(said["other-party-key.json"], "This link was not opened: event 11 of 13 does not match the freelancer's signature; " +
    "it was changed, moved or dropped after it was signed, or signed with another key.");
  assert.match(said["dropped.json"], /^This link was not opened: event 3 of 12 /);
  // In German, from the same params; a file is "not imported".
  const edited = await admit(host("de"), await logText("edited.json"), "file");
  assert.equal(edited.refused, "Diese Datei wurde nicht importiert: Ereignis 13 von 13 passt nicht zur Signatur des Auftraggebers: " +
    "Es wurde nach dem Signieren geändert, verschoben oder entfernt, oder mit einem anderen Schlüssel signiert.");
});

test("the other problems of a signed log (as the other party, a key where none belongs, a signature where none belongs) in both languages", async () => {
  const good = JSON.parse(await logText("good.json"));
  const tampered = (change) => {
    const log = structuredClone(good);
    change(log.events);
    return JSON.stringify(log);
  };
  const auto = good.events.findIndex((e) => e.type === "payment_released" && e.auto);
  const logs = {
    party: tampered((e) => { e[4].signature.by = "client"; }),                        // the freelancer's message
    key: tampered((e) => { e[3].signature.key = good.events[0].clientKey; }),        // the client's activation
    unsigned: tampered((e) => { delete e[0].clientKey; }),                           // no key: not a signed contract
    automatic: tampered((e) => { e[auto].signature = good.events[auto - 1].signature; }),
  };
  const said = {};
  for (const lang of ["en", "de"]) {
    for (const [name, text] of Object.entries(logs)) said[`${lang} ${name}`] = (await admit(host(lang), text, "link")).refused;
  }
  assert.deepEqual(said, {
    "en party": "This link was not opened: event 5 of 13 is signed as the other party, but the freelancer issued it.",
    "en key": "This link was not opened: event 4 of 13 is signed with a key that is not the client's key for this contract.",
    "en unsigned": "This link was not opened: event 1 of 13 carries the client's signature, but this contract is not signed.",
    "en automatic": `This link was not opened: event ${auto + 1} of 13 was recorded automatically, which no party signs, yet it carries a signature.`,
    "de party": said["de party"], "de key": said["de key"], "de automatic": said["de automatic"],
    "de unsigned": "Dieser Link wurde nicht geöffnet: Ereignis 1 von 13 trägt eine Signatur, aber dieser Vertrag ist nicht signiert.",
  });
  for (const [name, words] of Object.entries(said)) {
    if (name.startsWith("de")) assert.match(words, /^Dieser? (Link|Datei) wurde nicht geöffnet: Ereignis \d+ von 13 /, name);
  }
});

test("a log signed again with other keys is refused once the genuine one is pinned, naming the party whose key differs", async () => {
  const good = await admit(host(), await logText("good.json"), "link");
  assert.ok(good.contract, "the genuine log is admitted");
  const keys = good.contract.state().contract.keys;
  const id = good.contract.state().contract.id;
  good.contract.dispose();
  const resigned = await logText("resigned.json");
  const first = await admit(host(), resigned, "link");
  assert.ok(first.contract, "validly signed: admitted where nothing is pinned");
  first.contract.dispose();
  const { pinned } = cases.find((c) => c.file === "resigned.json");
  const refused = await admit(host("en", new Map([[id, keys]])), resigned, "link");
  const [here, there] = await Promise.all([keyFingerprint(keys[pinned]), keyFingerprint(JSON.parse(resigned).events[0].clientKey)]);
  assert.equal(refused.refused, `This link was not opened: the ${pinned}'s key in it (${there}) is not the one this browser holds for ` +
    `“Bakery website” (${here}), so it was signed by someone else.`);
  const de = await admit(host("de", new Map([[id, keys]])), resigned, "link");
  assert.match(de.refused, /^Dieser Link wurde nicht geöffnet: Der Schlüssel des Auftraggebers darin \(/);
  // Pinned with the client's key only: a freelancer's key bound since is taken.
  const bound = await admit(host("en", new Map([[id, { client: keys.client, freelancer: null }]])), await logText("good.json"), "link");
  assert.ok(bound.contract);
  bound.contract.dispose();
});

test("a log the rules refuse, or that is not JSON, is left to the caller's words; a browser without Ed25519 says it cannot check", async () => {
  const log = JSON.parse(await logText("good.json"));
  log.version = 2;
  const refused = await admit(host(), JSON.stringify(log), "link");
  assert.equal(refused.error.code, "LOG_INVALID");
  assert.equal((await admit(host(), "{not json", "link")).error.code, "INVALID_JSON");
  const saved = globalThis.crypto.subtle.verify;
  globalThis.crypto.subtle.verify = async () => { throw new DOMException("Ed25519 is not supported", "NotSupportedError"); };
  try {
    const cannot = await admit(host(), await logText("good.json"), "file");
    assert.equal(cannot.refused, "This file was not imported: this browser cannot check signatures (it has no Ed25519).");
  } finally {
    globalThis.crypto.subtle.verify = saved;
  }
});
