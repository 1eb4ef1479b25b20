// @ts-check
// R26's arithmetic in JavaScript: Ed25519 from WebCrypto (browsers, Node.js 20). The engine says
// who signs which event and the exact bytes (core/engine/signatures.hpp); this file signs and
// checks them, and spells keys the way the engine reads them (unpadded base64url).

/**
 * @typedef {import("./milestones.js").SigningKey} SigningKey
 * @typedef {import("./milestones.js").SignatureCheck} SignatureCheck
 */

const ED25519 = { name: "Ed25519" };
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const encoder = new TextEncoder();

/** @returns {SubtleCrypto} */
function subtle() {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new DOMException("This browser has no WebCrypto (a page served over http from another host?).", "NotSupportedError");
  return s;
}

/** Unpadded base64url of `bytes`. @param {Uint8Array} bytes */
export function toBase64url(bytes) {
  let out = "";
  let bits = 0;
  let held = 0;
  for (const b of bytes) {
    bits = (bits << 8) | b;
    held += 8;
    while (held >= 6) {
      held -= 6;
      out += ALPHABET[(bits >> held) & 63];
    }
    bits &= 0xff;
  }
  if (held > 0) out += ALPHABET[(bits << (6 - held)) & 63];
  return out;
}

/** The bytes of unpadded base64url text (any other character counts as zero bits). @param {string} text */
export function fromBase64url(text) {
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let held = 0;
  let n = 0;
  for (const c of text) {
    bits = ((bits << 6) | Math.max(0, ALPHABET.indexOf(c))) & 0xffff;
    held += 6;
    if (held >= 8) {
      held -= 8;
      out[n++] = (bits >> held) & 0xff;
    }
  }
  return out;
}

/**
 * Whether this browser signs and checks Ed25519 (Chromium 137+, Firefox 129+, Safari 17+,
 * Node.js 20): generates a throwaway key once. @returns {Promise<boolean>}
 */
export async function signingSupported() {
  try {
    await subtle().generateKey(ED25519, false, ["sign", "verify"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A new key pair: the private key cannot be exported (it never leaves the browser profile; keep
 * the CryptoKey itself, in IndexedDB), the public key in the engine's spelling.
 * @returns {Promise<SigningKey>}
 */
export async function generateSigningKey() {
  const pair = /** @type {CryptoKeyPair} */ (await subtle().generateKey(ED25519, false, ["sign", "verify"]));
  const raw = new Uint8Array(await subtle().exportKey("raw", pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64url(raw) };
}

/**
 * A key's short fingerprint for people to compare: the first 8 bytes of its SHA-256, in four
 * groups of four hex digits ("3f9a 0c12 77be 41d0").
 * @param {string} publicKey @returns {Promise<string>}
 */
export async function keyFingerprint(publicKey) {
  const digest = new Uint8Array(await subtle().digest("SHA-256", fromBase64url(publicKey)));
  const hex = [...digest.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return hex.match(/..../g)?.join(" ") ?? hex;
}

/** Signs the engine's message with `key`. @param {SigningKey} key @param {string} message */
export async function signMessage(key, message) {
  const sig = await subtle().sign(ED25519, key.privateKey, encoder.encode(message));
  return toBase64url(new Uint8Array(sig));
}

/**
 * Signs, in order, each event of `contract` waiting for a signature whose signer has a key in
 * `keys`; stops at the first of a party without one. Resolves to how many it signed.
 * @param {{toSign(): import("./milestones.js").ToSign | null,
 *   addSignature(index: number, sig: string, key?: string): import("./milestones.js").ToSign | null}} contract
 * @param {{client?: SigningKey, freelancer?: SigningKey}} keys @returns {Promise<number>}
 */
export async function signEvents(contract, keys) {
  let signed = 0;
  for (let next = contract.toSign(); next; signed++) {
    const key = keys[next.by];
    if (!key) break;
    next = contract.addSignature(next.index, await signMessage(key, next.message), next.bindsKey ? key.publicKey : undefined);
  }
  return signed;
}

/**
 * The index of the first check whose signature does not hold, or null when all hold. Every check
 * runs at once (WebCrypto works off the main thread); each key is imported once.
 * @param {readonly SignatureCheck[]} checks @returns {Promise<number | null>}
 */
export async function firstBrokenSignature(checks) {
  /** @type {Map<string, Promise<CryptoKey>>} */
  const keys = new Map();
  const key = (/** @type {string} */ text) => {
    let k = keys.get(text);
    if (!k) keys.set(text, (k = subtle().importKey("raw", fromBase64url(text), ED25519, false, ["verify"])));
    return k;
  };
  const holds = await Promise.all(checks.map(async (c) => {
    try {
      return await subtle().verify(ED25519, await key(c.key), fromBase64url(c.sig), encoder.encode(c.message));
    } catch (e) {
      if (/** @type {Error} */ (e)?.name === "NotSupportedError") throw e;  // no Ed25519 here
      return false;  // a key that is not a point of the curve: nothing it signed holds
    }
  }));
  const first = holds.indexOf(false);
  return first < 0 ? null : checks[first].index;
}
