// @ts-check
// The words of files delivered with a submission (R25) in German: the same keys as files-en.js.
// Part of the German catalog (words.js).
import { list } from "./events-de.js";

/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */

/** @param {Formats} f */
export function filesGerman(f) {
  return {
    // the files of "Submit work" (files.js)
    fieldFiles: "Gelieferte Dateien (optional)",
    filesHelp: "Wählen Sie Dateien aus oder ziehen Sie sie hierher. Der SHA-256-Fingerabdruck jeder Datei wird in diesem Browser berechnet; " +
      "die Datei selbst wird weder hochgeladen noch gespeichert.",
    dropFiles: "Dateien hier ablegen",
    fieldFileUrl: "Wo sie heruntergeladen werden kann (optional, ein https://-Link)",
    hashPending: "Fingerabdruck wird berechnet …",
    hashingFiles: (/** @type {number} */ n) => (n === 1 ? "Der Fingerabdruck von 1 Datei wird berechnet … „Arbeit einreichen“ wartet, bis er fertig ist."
      : `Die Fingerabdrücke von ${n} Dateien werden berechnet … „Arbeit einreichen“ wartet, bis sie fertig sind.`),
    filesAttached: (/** @type {number} */ n) => (n === 0 ? "" : n === 1 ? "1 Datei angehängt." : `${n} Dateien angehängt.`),
    fileNotRead: (/** @type {string} */ name) => `${name} konnte nicht gelesen werden und wurde nicht angehängt.`,
    removeFile: (/** @type {string} */ name) => `${name} entfernen`,
    removeFileButton: "Entfernen",

    // a submission's files on its row, and the check of a file received (files.js)
    filesDelivered: "Gelieferte Dateien",
    fileSize: f.fileSize,
    shortHash: (/** @type {string} */ sha256) => `SHA-256 ${sha256.slice(0, 8)}…`,
    checkFile: "Datei prüfen",
    checkFileHelp: "oder ziehen Sie eine erhaltene Datei hierher: Sie wird in diesem Browser verglichen, nicht hochgeladen.",
    checking: (/** @type {string[]} */ names) => `Wird geprüft: ${list(names)} …`,
    fileMatches: (/** @type {string} */ checked, /** @type {string} */ name, /** @type {string} */ who) =>
      `„${checked}“ stimmt mit der Datei „${name}“ überein, die ${who} eingereicht hat.`,
    fileMatchesNone: (/** @type {string} */ checked) => `„${checked}“ stimmt mit keiner Datei dieser Einreichung überein.`,
    fileNotChecked: (/** @type {string} */ name) => `${name} konnte nicht gelesen und daher nicht geprüft werden.`,

    // the files each submission delivered (statement.js)
    deliveredOn: (/** @type {string} */ title, /** @type {string} */ day) => `${title}, eingereicht am ${day}`,
    fileSizeExact: (/** @type {number} */ bytes) => (bytes < 1000 ? f.bytes(bytes) : `${f.fileSize(bytes)} (${f.bytes(bytes)})`),
    sha256Label: "SHA-256",
  };
}
