// R26 through the JavaScript API under Node.js: keys from WebCrypto, events signed in order,
// restoreVerified on the shared signed test logs (tests/signed, the same verdicts as the native
// runner and Chromium), and the refusals of addSignature.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { loadEngine, EngineError, generateSigningKey, keyFingerprint, signingSupported } from "../../web/milestones.js";

const engine = await loadEngine();
const signed = new URL("../signed/", import.meta.url);
const cases = JSON.parse(await readFile(new URL("cases.json", signed), "utf8"));
const read = (file) => readFile(new URL(file, signed), "utf8");
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1, 9);
const day = (n) => T0 + n * DAY;

function created(clientKey) {
  return {
    type: "create_contract", actor: "client", at: day(0), clientKey,
    contract: { title: "Logo", accountType: "standard", client: "Acme", freelancer: "Jo",
      milestones: [{ title: "Sketches", amount: 30000, dueDate: "2027-01-15" }] },
  };
}

test("Node.js has Ed25519; keys are 43 characters of base64url with a four-group fingerprint", async () => {
  assert.equal(await signingSupported(), true);
  const key = await generateSigningKey();
  assert.match(key.publicKey, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(key.privateKey.extractable, false);
  assert.match(await keyFingerprint(key.publicKey), /^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  // The fingerprint is the first 8 bytes of the key's SHA-256.
  const { createHash } = await import("node:crypto");
  const hex = createHash("sha256").update(Buffer.from(key.publicKey, "base64url")).digest("hex").slice(0, 16);
  assert.equal((await keyFingerprint(key.publicKey)).replaceAll(" ", ""), hex);
});

test("a signed contract: each command's events signed by its party, in order; the log verifies", async () => {
  const client = await generateSigningKey();
  const freelancer = await generateSigningKey();
  const c = engine.createContract();
  assert.equal(c.dispatch(created(client.publicKey)).ok, true);
  assert.deepEqual(c.toSign()?.index, 0);
  assert.equal(await c.signPending({ client }), 1);
  assert.equal(c.toSign(), null);
  assert.deepEqual(c.state()?.contract.keys, { client: client.publicKey, freelancer: null });

  assert.equal(c.dispatch({ type: "post_message", actor: "freelancer", at: day(1), text: "Hi" }).ok, true);
  assert.equal(await c.signPending({ client }), 0, "the freelancer's event waits for the freelancer's key");
  assert.deepEqual({ ...c.toSign(), message: undefined }, { index: 1, by: "freelancer", bindsKey: true, message: undefined });
  // Two calls at once run one after the other: the second finds nothing left to sign.
  const [first, second] = await Promise.all([c.signPending({ client, freelancer }), c.signPending({ client, freelancer })]);
  assert.deepEqual([first, second], [1, 0]);
  assert.deepEqual(c.state()?.contract.keys, { client: client.publicKey, freelancer: freelancer.publicKey });
  const log = c.log();
  assert.deepEqual(log?.events.map((e) => [e.signature?.by, "key" in (e.signature ?? {})]), [["client", false], ["freelancer", true]]);

  const again = await engine.restoreVerified(JSON.stringify(log));
  assert.deepEqual(again.state(), c.state());
  assert.deepEqual(engine.signatures(log).keys, { client: client.publicKey, freelancer: freelancer.publicKey });
  again.dispose();
  c.dispose();
});

test("the shared signed test logs: the verdict, event and party of each, as natively and in Chromium", async () => {
  for (const k of cases) {
    const text = await read(k.file);
    if (k.verdict === "accepted") {
      const c = await engine.restoreVerified(text);
      assert.equal(c.state()?.contract.id, "signed-website", k.file);
      c.dispose();
      continue;
    }
    await assert.rejects(engine.restoreVerified(text), (e) => {
      assert.ok(e instanceof EngineError, k.file);
      assert.equal(e.code, k.verdict, k.file);
      assert.equal(e.index, k.index, k.file);
      assert.equal(e.params.party, k.party, k.file);
      assert.equal(e.params.problem, k.problem, k.file);
      assert.match(e.message, new RegExp(`^Event ${k.index} of the log, by the ${k.party}`), k.file);
      return true;
    });
    // Without the arithmetic (this browser's own storage), what needs none is refused still.
    if (k.problem !== "broken") assert.throws(() => engine.restore(text), (e) => e.index === k.index, k.file);
  }
  // The forged release follows the rules: only its signature gives it away.
  const forged = engine.restore(await read("edited.json"));
  assert.equal(forged.state()?.totals.released, 160000);
  forged.dispose();
  // The re-signed log holds together, but its keys are not the ones first seen.
  const good = engine.signatures(await read("good.json")).keys;
  const resigned = engine.signatures(await read("resigned.json")).keys;
  assert.notEqual(resigned?.client, good?.client);
  assert.notEqual(resigned?.freelancer, good?.freelancer);
});

test("addSignature refuses what is out of order or malformed; an unsigned contract takes none", async () => {
  const client = await generateSigningKey();
  const c = engine.createContract();
  c.dispatch(created(client.publicKey));
  const next = c.toSign();
  assert.ok(next);
  assert.throws(() => c.addSignature(1, "A".repeat(86)), (e) => e.code === "INVALID_FIELD" && e.field === "index" && e.params.next === 0);
  assert.throws(() => c.addSignature(0, "short"), (e) => e.field === "sig");
  assert.throws(() => c.addSignature(0, "A".repeat(86), client.publicKey), (e) => e.field === "key");
  c.dispose();
  const plain = engine.createContract();
  plain.dispatch(created(undefined));
  assert.equal(plain.state()?.contract.keys, null);
  assert.equal(plain.toSign(), null);
  assert.throws(() => plain.addSignature(0, "A".repeat(86)), (e) => e.code === "INVALID_STATE");
  assert.equal(await plain.signPending({ client }), 0);
  plain.dispose();
});

test("a signature that does not hold is found by restoreVerified, not by restore", async () => {
  const client = await generateSigningKey();
  const c = engine.createContract();
  c.dispatch(created(client.publicKey));
  // A well-formed signature that is not the client's: the engine cannot tell without arithmetic.
  c.addSignature(0, "A".repeat(86));
  const text = JSON.stringify(c.log());
  engine.restore(text).dispose();
  await assert.rejects(engine.restoreVerified(text), (e) => e.index === 0 && e.params.problem === "broken");
  c.dispose();
});
