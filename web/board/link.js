// @ts-check
// Contract links: a contract's log in a URL fragment (`#share=ml1.<data>`), never sent to a
// server. <data> is the log's JSON text compressed with deflate-raw (the platform's
// CompressionStream) and base64url-encoded; "ml1" says what it is: a milestone log, version 1.
// A link is untrusted input: decoding stops at the first problem, which it names by a code (the
// catalog's `linkProblem` words it), and the engine re-checks every event of what it holds. Runs
// in browsers and in Node.js 20.

export const LINK_KEY = "share";
export const LINK_TAG = "ml1";
/** Unpacking stops past this many bytes: a small link must not become a huge log. */
export const MAX_UNPACKED = 8 * 1024 * 1024;

/**
 * Why link data could not be decoded: NO_TAG (no "ml…" tag: not a contract link of this board),
 * OTHER_FORMAT (`tag`: another link format), NOT_BASE64, NOT_DEFLATE, CUT_SHORT (the data does not
 * unpack: damaged or cut short), NOT_UTF8, TOO_LARGE (it unpacks past `limit` bytes).
 * @typedef {{code: "NO_TAG" | "NOT_BASE64" | "NOT_DEFLATE" | "CUT_SHORT" | "NOT_UTF8"}
 *   | {code: "OTHER_FORMAT", tag: string} | {code: "TOO_LARGE", limit: number}} LinkProblem
 */

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * base64url text (no padding) of `bytes`.
 * @param {Uint8Array} bytes @returns {string}
 */
function toBase64url(bytes) {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += B64[(n >> 6) & 63];
  }
  return out;
}

/**
 * The bytes of base64url text, or null when it is not base64url.
 * @param {string} text @returns {Uint8Array<ArrayBuffer> | null}
 */
function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = (B64.indexOf(text[i]) << 18) | (B64.indexOf(text[i + 1]) << 12) |
      ((i + 2 < text.length ? B64.indexOf(text[i + 2]) : 0) << 6) | (i + 3 < text.length ? B64.indexOf(text[i + 3]) : 0);
    out[o++] = n >> 16;
    if (i + 2 < text.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < text.length) out[o++] = n & 255;
  }
  return out.subarray(0, o);
}

/**
 * Writes `bytes` through a transform stream (compression) and returns a reader of what comes out.
 * @param {Uint8Array<ArrayBuffer>} bytes @param {CompressionStream | DecompressionStream} stream
 * @returns {Promise<ReadableStreamDefaultReader<Uint8Array>>}
 */
async function pipe(bytes, stream) {
  const writer = stream.writable.getWriter();
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  return stream.readable.getReader();
}

/**
 * The fragment (without "#") that carries `logText`, a log's JSON text.
 * @param {string} logText @returns {Promise<string>}
 */
export async function encodeLink(logText) {
  const reader = await pipe(new TextEncoder().encode(logText), new CompressionStream("deflate-raw"));
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  const packed = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    packed.set(c, at);
    at += c.length;
  }
  return `${LINK_KEY}=${LINK_TAG}.${toBase64url(packed)}`;
}

/**
 * The contract-link data in a URL's fragment ("#…" or the whole URL), or null when it has none.
 * @param {string | URL} fragmentOrUrl @returns {string | null}
 */
export function linkData(fragmentOrUrl) {
  const hash = String(fragmentOrUrl).includes("#") ? String(fragmentOrUrl).slice(String(fragmentOrUrl).indexOf("#") + 1) : String(fragmentOrUrl);
  const params = new URLSearchParams(hash);
  return params.has(LINK_KEY) ? params.get(LINK_KEY) : null;
}

/**
 * Decodes link data ("ml1.<data>") to the log's JSON text: {text} or {error}, the problem. The
 * JSON and the events are not checked here: the engine's restore does that.
 * @param {string} data @param {{limit?: number}} [options] At most this many bytes unpacked.
 * @returns {Promise<{text: string, error?: undefined} | {error: LinkProblem, text?: undefined}>}
 */
export async function decodeLink(data, { limit = MAX_UNPACKED } = {}) {
  const dot = data.indexOf(".");
  const tag = dot < 0 ? "" : data.slice(0, dot);
  if (!/^ml\d+$/.test(tag)) return { error: { code: "NO_TAG" } };
  if (tag !== LINK_TAG) return { error: { code: "OTHER_FORMAT", tag } };
  const packed = fromBase64url(data.slice(dot + 1));
  if (!packed || packed.length === 0) return { error: { code: "NOT_BASE64" } };
  let reader;
  try {
    reader = await pipe(packed, new DecompressionStream("deflate-raw"));
  } catch {
    return { error: { code: "NOT_DEFLATE" } };
  }
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        reader.cancel().catch(() => {});
        return { error: { code: "TOO_LARGE", limit } };
      }
      chunks.push(value);
    }
  } catch {
    return { error: { code: "CUT_SHORT" } };
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { error: { code: "NOT_UTF8" } };
  }
}
