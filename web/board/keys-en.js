// @ts-check
// The words of signed contracts (R26) in English: the contract's keys in its header, what this
// browser cannot do without a party's key, the trust model ("About signatures"), and why a link
// or a file was not opened (worded from the refusal's params, never its message). Part of the
// English catalog (words.js).

/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */
/** @typedef {{fingerprint: string, mine: boolean} | null} KeyShown a key as the header shows it (null: not bound yet) */

const PARTY = { client: "the client", freelancer: "the freelancer" };
const OWNER = { client: "the client's", freelancer: "the freelancer's" };

/** @param {Formats} _f */
export function keysEnglish(_f) {
  return {
    // the contract's header (contract-view.js)
    unsigned: "Unsigned",
    /** "Signed · Client key 3f9a 0c12 77be 41d0 (this browser) · Freelancer key: not yet bound". */
    signedLine: (/** @type {KeyShown} */ client, /** @type {KeyShown} */ freelancer) => {
      const key = (/** @type {string} */ label, /** @type {KeyShown} */ k) =>
        (k ? `${label} ${k.fingerprint} (${k.mine ? "this browser" : "not this browser"})` : `${label}: not yet bound`);
      return `Signed · ${key("Client key", client)} · ${key("Freelancer key", freelancer)}`;
    },
    aboutSignatures: "About signatures",
    aboutSignaturesSays: [
      "Each party's browser signs every command it issues with a key of its own (Ed25519). The private key never leaves " +
        "the browser profile that made it; compare the fingerprints above with the other party's to see you hold the same keys.",
      "A signature proves who issued each command, and that nothing in the contract's history was changed, reordered or " +
        "dropped since: a link or file that fails this check is not opened.",
      "It does not prove that what a message says is true, or that money moved: the board records what the parties agreed; " +
        "it moves no money.",
      "A key lives only in its browser profile: if the profile is lost (cleared, reinstalled, another device), the key is " +
        "lost with it. Everything it signed stays readable and verifiable, but nothing more can be signed with it.",
    ],
    unsignedSays: "This contract was made before contracts were signed: its history shows what happened, but not who issued each command.",
    /** Why the acting role's actions are not offered on a signed contract. */
    noKeyHere: (/** @type {"client" | "freelancer"} */ role) =>
      `This browser does not hold ${OWNER[role]} signing key for this contract, so it cannot act as ${PARTY[role]} here. ` +
      "Only the browser that holds it can. If that key is lost with its browser profile, the other party can still read and " +
      "verify everything signed so far; to go on, " +
      (role === "client" ? "make a new contract offer from this browser: it is signed with this browser's key." : "the client makes a new contract offer."),
    cannotSignHere: "This browser cannot sign (it has no Ed25519 signatures), so it cannot act on this signed contract. " +
      "Open it in the browser that holds your key.",
    /** A board refusal (NO_SIGNING_KEY) of a command this browser cannot sign. */
    noSigningKey: (/** @type {string} */ role) => `This browser cannot sign as ${PARTY[/** @type {"client"} */ (role)] ?? role} on this contract.`,
    signingUnavailable: "This browser cannot sign (it has no Ed25519 signatures), so contracts made here are unsigned.",
    notSigned: "Your last change could not be signed, so it was neither saved nor shared. Reload the page to go on from what was saved.",

    // a link or a file that is not opened (trust.js)
    /** What is wrong with a signed log, from the refusal's params: index (0-based), party, problem. */
    signatureProblem: (/** @type {{index?: number, params?: Record<string, any>}} */ e, /** @type {number} */ total) => {
      const n = `event ${(e.index ?? 0) + 1} of ${total}`;
      const party = PARTY[/** @type {"client"} */ (e.params?.party)];
      const problem = e.params?.problem;
      if (problem === "unexpected" && party) return `${n} carries ${OWNER[/** @type {"client"} */ (e.params?.party)]} signature, but this contract is not signed.`;
      if (problem === "unexpected" || !party) return `${n} was recorded automatically, which no party signs, yet it carries a signature.`;
      if (problem === "missing") return `${n} has no signature, though ${party} issued it; its signature was removed.`;
      if (problem === "party") return `${n} is signed as the other party, but ${party} issued it.`;
      if (problem === "key") return `${n} is signed with a key that is not ${OWNER[/** @type {"client"} */ (e.params?.party)]} key for this contract.`;
      return `${n} does not match ${OWNER[/** @type {"client"} */ (e.params?.party)]} signature; it was changed, moved or dropped after it was signed, or signed with another key.`;
    },
    /** A key of a log that is not the one pinned here. */
    keyDiffers: (/** @type {"client" | "freelancer"} */ party, /** @type {string} */ title, /** @type {string} */ here, /** @type {string} */ there) =>
      `${OWNER[party]} key in it (${there || "none"}) is not the one this browser holds for “${title}” (${here || "none"}), ` +
      "so it was signed by someone else.",
    cannotVerify: "this browser cannot check signatures (it has no Ed25519).",
    /** A log refused: "This link was not opened: …" / "This file was not imported: …". */
    logRefused: (/** @type {"link" | "file"} */ source, /** @type {string} */ why) =>
      `${source === "link" ? "This link was not opened" : "This file was not imported"}: ${why}`,
  };
}
