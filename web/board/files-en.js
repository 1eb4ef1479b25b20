// @ts-check
// The words of files delivered with a submission (R25) in English: the "Submit work" form's files,
// a submission's files on its row and the check of a file received (files.js), and the files in
// the statement (statement.js). Part of the English catalog (words.js).
import { list } from "./events-en.js";

/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */

/** @param {Formats} f */
export function filesEnglish(f) {
  return {
    // the files of "Submit work" (files.js)
    fieldFiles: "Files delivered (optional)",
    filesHelp: "Choose files or drop them here. Each file's SHA-256 fingerprint is computed in this browser; the file itself is not uploaded or stored.",
    dropFiles: "Drop files here",
    fieldFileUrl: "Where to download it (optional, an https:// link)",
    hashPending: "computing its fingerprint…",
    hashingFiles: (/** @type {number} */ n) => (n === 1 ? "Computing the fingerprint of 1 file… “Submit work” waits until it is done."
      : `Computing the fingerprints of ${n} files… “Submit work” waits until they are done.`),
    filesAttached: (/** @type {number} */ n) => (n === 0 ? "" : n === 1 ? "1 file attached." : `${n} files attached.`),
    fileNotRead: (/** @type {string} */ name) => `${name} could not be read, so it was not attached.`,
    removeFile: (/** @type {string} */ name) => `Remove ${name}`,
    removeFileButton: "Remove",

    // a submission's files on its row, and the check of a file received (files.js)
    filesDelivered: "Files delivered",
    fileSize: f.fileSize,
    shortHash: (/** @type {string} */ sha256) => `SHA-256 ${sha256.slice(0, 8)}…`,
    checkFile: "Check a file",
    checkFileHelp: "or drop a file you received here: it is compared in this browser, not uploaded.",
    checking: (/** @type {string[]} */ names) => `Checking ${list(names)}…`,
    fileMatches: (/** @type {string} */ checked, /** @type {string} */ name, /** @type {string} */ who) =>
      `“${checked}” matches “${name}” that ${who} submitted.`,
    fileMatchesNone: (/** @type {string} */ checked) => `“${checked}” does not match any file of this submission.`,
    fileNotChecked: (/** @type {string} */ name) => `${name} could not be read, so it was not checked.`,

    // the files each submission delivered (statement.js)
    deliveredOn: (/** @type {string} */ title, /** @type {string} */ day) => `${title}, submitted ${day}`,
    fileSizeExact: (/** @type {number} */ bytes) => (bytes < 1000 ? f.bytes(bytes) : `${f.fileSize(bytes)} (${f.bytes(bytes)})`),
    sha256Label: "SHA-256",
  };
}
