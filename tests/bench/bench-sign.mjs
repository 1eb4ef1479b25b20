// Signed contracts (R26) in headless Chromium, through the JS API: what a link of a signed contract
// weighs against the same contract unsigned (21, 201 and 2,001 events), how long a browser takes to
// open a 2,001-event signed link (decode, check every signature, restore), what signing one
// command's events costs, and a restore from this browser's own storage (signatures trusted) of a
// 10,001-event contract with 2,000 messages, signed against unsigned.
//
// The histories are tests/js/long-contract.mjs's due-date haggles, with a message every fifth
// event; keys from WebCrypto. Medians of --samples runs after one warm-up. Prints one JSON line.
// Usage: node tests/bench/bench-sign.mjs [--samples N]
import { parseArgs } from "node:util";
import { launchBrowser, serveRoot } from "../js/browser.mjs";
import { loadEngine, generateSigningKey } from "../../web/milestones.js";
import { encodeLink } from "../../web/board/link.js";
import { longContract, signedLongContract } from "../js/long-contract.mjs";

const { values: options } = parseArgs({ options: { samples: { type: "string", default: "7" } } });
const SAMPLES = Number(options.samples);
const engine = await loadEngine();
const keys = { client: await generateSigningKey(), freelancer: await generateSigningKey() };
const history = (events) => ({ id: `h${events}`, title: `Haggle ${events}`, events, milestones: 10, messageEvery: 5 });

const links = [];
for (const events of [21, 201, 2_001]) {
  const plain = (await encodeLink(JSON.stringify(longContract(engine, history(events))))).length;
  const signed = (await encodeLink(JSON.stringify(await signedLongContract(engine, keys, history(events))))).length;
  links.push({ events, unsignedChars: plain, signedChars: signed, ratio: signed / plain });
}
const link2001 = await encodeLink(JSON.stringify(await signedLongContract(engine, keys, history(2_001))));
const stored = JSON.stringify(await signedLongContract(engine, keys, history(10_001)));
const storedPlain = JSON.stringify(longContract(engine, history(10_001)));

const site = await serveRoot();
const browser = await launchBrowser();
const page = await browser.newPage();
await page.goto(site.url("/tests/browser/smoke.html"));
await page.waitForFunction(() => document.getElementById("result").textContent !== "running");
const measured = await page.evaluate(async ({ link2001, stored, storedPlain, samples }) => {
  const { loadEngine, generateSigningKey } = await import("/web/milestones.js");
  const { toBase64url } = await import("/web/signing.js");
  const { decodeLink, linkData } = await import("/web/board/link.js");
  const engine = await loadEngine();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = async (f) => {
    await f();  // warm-up
    const out = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await f();
      out.push(performance.now() - t);
    }
    return median(out);
  };
  const openLinkMs = await time(async () => {
    const { text } = await decodeLink(linkData(link2001));
    (await engine.restoreVerified(text)).dispose();
  });
  const restoreSignedMs = await time(() => engine.restore(stored).dispose());
  const restorePlainMs = await time(() => engine.restore(storedPlain).dispose());
  // One command at a time on a signed contract: dispatch, then its events signed; the part on the
  // main thread (the engine's) and the whole until signed (WebCrypto works on its own thread).
  const client = await generateSigningKey();
  const freelancer = await generateSigningKey();
  const own = { client, freelancer };
  const fresh = engine.createContract();
  fresh.dispatch({ type: "create_contract", actor: "client", at: Date.UTC(2026, 11, 1), clientKey: client.publicKey,
    contract: { title: "Signed", accountType: "standard", client: "Acme", freelancer: "Jo",
      milestones: [{ title: "A", amount: 1000, dueDate: "2030-12-31" }] } });
  await fresh.signPending(own);
  // performance.now() is coarse (0.1 ms) in a page that is not cross-origin isolated: sums over
  // 200 commands, after 20 to warm up.
  let mainThread = 0;
  let untilSigned = 0;
  let at = Date.UTC(2026, 11, 1);
  const runs = 200;
  for (let i = 0; i < runs + 20; i++) {
    at += 60_000;
    fresh.dispatch({ type: "post_message", actor: i % 2 ? "client" : "freelancer", at, text: `Message ${i}` });
    const t = performance.now();
    const next = fresh.toSign();
    const t1 = performance.now();
    const sig = new Uint8Array(await crypto.subtle.sign("Ed25519", own[next.by].privateKey, new TextEncoder().encode(next.message)));
    const t2 = performance.now();
    fresh.addSignature(next.index, toBase64url(sig), next.bindsKey ? own[next.by].publicKey : undefined);
    const t3 = performance.now();
    if (i < 20) continue;
    mainThread += (t1 - t) + (t3 - t2);
    untilSigned += t3 - t;
  }
  fresh.dispose();
  return { openLinkMs, restoreSignedMs, restorePlainMs, signMainThreadMs: mainThread / runs, signUntilSignedMs: untilSigned / runs };
}, { link2001, stored, storedPlain, samples: SAMPLES });
await browser.close();
site.server.close();
console.log(JSON.stringify({ links, link2001Chars: link2001.length, storedChars: stored.length, storedPlainChars: storedPlain.length, ...measured }));
