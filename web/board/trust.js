// @ts-check
// R26: a contract's log from elsewhere (a link, a file) is checked before anything of it is
// stored: every event's signature with WebCrypto (the engine's restoreVerified), then its keys
// against those this browser pinned for that contract (keys.js). What is refused is said in the
// reader's words, from the refusal's params (the event's number, the party, the problem), never
// from the engine's message.
import { keyDiffers } from "./keys.js";

/** @typedef {import("../milestones").Contract} Contract */
/** @typedef {import("../milestones").Engine} Engine */
/** @typedef {import("../milestones").Log} Log */

/** How many events a log holds, for "event 13 of 14" (0 when it cannot be read). @param {Log | string} log */
function eventCount(log) {
  try {
    const events = (typeof log === "string" ? JSON.parse(log) : log)?.events;
    return Array.isArray(events) ? events.length : 0;
  } catch {
    return 0;
  }
}

/**
 * A log from `source` restored once every signature holds and its keys are the ones pinned here:
 * {contract}; or {refused}, the reason in words ("This link was not opened: event 13 of 14 does
 * not match the client's signature: …"); or {error}, a refusal that is not about signatures (a
 * log the rules refuse, not JSON), which the caller words as it always has.
 * @param {{engine: Engine, library: import("./library.js").Library, words: import("./words.js").Words}} o
 * @param {Log | string} log @param {"link" | "file"} source
 * @returns {Promise<{contract: Contract, refused?: undefined, error?: undefined} | {refused: string, contract?: undefined, error?: undefined} | {error: any, contract?: undefined, refused?: undefined}>}
 */
export async function admit({ engine, library, words }, log, source) {
  let contract;
  try {
    contract = await engine.restoreVerified(log);
  } catch (e) {
    if (e?.name === "NotSupportedError") return { refused: words.logRefused(source, words.cannotVerify) };
    if (e?.params?.problem) return { refused: words.logRefused(source, words.signatureProblem(e, eventCount(log))) };
    return { error: e };
  }
  const c = contract.state().contract;
  const pinned = library.pinned(c.id);
  const party = keyDiffers(pinned, c.keys);
  if (!party) return { contract };
  contract.dispose();
  const keys = library.keys;
  const [here, there] = await Promise.all([pinned?.[party], c.keys?.[party]].map((k) => (k ? keys.fingerprint(k) : "")));
  return { refused: words.logRefused(source, words.keyDiffers(party, c.title, here, there)) };
}
