// @ts-check
// The words of signed contracts (R26) in German: the contract's keys in its header, what this
// browser cannot do without a party's key, the trust model ("Über Signaturen"), and why a link or
// a file was not opened (worded from the refusal's params). Part of the German catalog (words.js).

/** @typedef {ReturnType<typeof import("./words.js").formats>} Formats */
/** @typedef {import("./keys-en.js").KeyShown} KeyShown */

const PARTY = { client: "der Auftraggeber", freelancer: "die Auftragnehmerin" };
const AS = { client: "als Auftraggeber", freelancer: "als Auftragnehmerin" };
const OWNER = { client: "des Auftraggebers", freelancer: "der Auftragnehmerin" };

/** @param {Formats} _f */
export function keysGerman(_f) {
  return {
    unsigned: "Unsigniert",
    signedLine: (/** @type {KeyShown} */ client, /** @type {KeyShown} */ freelancer) => {
      const key = (/** @type {string} */ label, /** @type {KeyShown} */ k) =>
        (k ? `${label} ${k.fingerprint} (${k.mine ? "dieser Browser" : "nicht dieser Browser"})` : `${label}: noch nicht gebunden`);
      return `Signiert · ${key("Schlüssel des Auftraggebers", client)} · ${key("Schlüssel der Auftragnehmerin", freelancer)}`;
    },
    aboutSignatures: "Über Signaturen",
    aboutSignaturesSays: [
      "Der Browser jeder Partei signiert jeden Befehl, den sie gibt, mit einem eigenen Schlüssel (Ed25519). Der private " +
        "Schlüssel verlässt das Browserprofil nie, in dem er entstand; vergleichen Sie die Fingerabdrücke oben mit denen der " +
        "anderen Partei, um zu sehen, dass Sie dieselben Schlüssel haben.",
      "Eine Signatur beweist, wer jeden Befehl gegeben hat, und dass am Verlauf des Vertrags seither nichts geändert, " +
        "umgestellt oder weggelassen wurde: Ein Link oder eine Datei, die diese Prüfung nicht besteht, wird nicht geöffnet.",
      "Sie beweist nicht, dass stimmt, was eine Nachricht sagt, und nicht, dass Geld geflossen ist: Das Board hält fest, " +
        "was die Parteien vereinbart haben; es bewegt kein Geld.",
      "Ein Schlüssel lebt nur in seinem Browserprofil: Geht das Profil verloren (gelöscht, neu installiert, ein anderes " +
        "Gerät), ist der Schlüssel mit ihm verloren. Alles, was er signiert hat, bleibt lesbar und prüfbar, aber mit ihm " +
        "lässt sich nichts mehr signieren.",
    ],
    unsignedSays: "Dieser Vertrag entstand, bevor Verträge signiert wurden: Sein Verlauf zeigt, was geschah, aber nicht, wer jeden Befehl gab.",
    noKeyHere: (/** @type {"client" | "freelancer"} */ role) =>
      `Dieser Browser hat den Signaturschlüssel ${OWNER[role]} für diesen Vertrag nicht und kann hier daher nicht ${AS[role]} handeln. ` +
      "Das kann nur der Browser, der ihn hat. Geht dieser Schlüssel mit seinem Browserprofil verloren, kann die andere Partei " +
      "weiterhin alles bisher Signierte lesen und prüfen; um weiterzumachen, " +
      (role === "client" ? "legen Sie in diesem Browser ein neues Vertragsangebot an: Es wird mit dem Schlüssel dieses Browsers signiert."
        : "legt der Auftraggeber ein neues Vertragsangebot vor."),
    cannotSignHere: "Dieser Browser kann nicht signieren (ihm fehlen Ed25519-Signaturen) und daher bei diesem signierten Vertrag nicht handeln. " +
      "Öffnen Sie ihn in dem Browser, der Ihren Schlüssel hat.",
    noSigningKey: (/** @type {string} */ role) => `Dieser Browser kann bei diesem Vertrag nicht ${AS[/** @type {"client"} */ (role)] ?? role} signieren.`,
    signingUnavailable: "Dieser Browser kann nicht signieren (ihm fehlen Ed25519-Signaturen); hier angelegte Verträge sind daher unsigniert.",
    notSigned: "Ihre letzte Änderung ließ sich nicht signieren; sie wurde daher weder gespeichert noch geteilt. Laden Sie die Seite neu, um beim Gespeicherten weiterzumachen.",

    signatureProblem: (/** @type {{index?: number, params?: Record<string, any>}} */ e, /** @type {number} */ total) => {
      const n = `Ereignis ${(e.index ?? 0) + 1} von ${total}`;
      const party = /** @type {"client"} */ (e.params?.party);
      const problem = e.params?.problem;
      if (problem === "unexpected" && PARTY[party]) return `${n} trägt eine Signatur, aber dieser Vertrag ist nicht signiert.`;
      if (problem === "unexpected" || !PARTY[party]) return `${n} wurde automatisch festgehalten, was keine Partei signiert, trägt aber eine Signatur.`;
      if (problem === "missing") return `${n} hat keine Signatur, obwohl ${PARTY[party]} es veranlasst hat: Die Signatur wurde entfernt.`;
      if (problem === "party") return `${n} ist als die andere Partei signiert, veranlasst hat es aber ${PARTY[party]}.`;
      if (problem === "key") return `${n} ist mit einem Schlüssel signiert, der nicht der Schlüssel ${OWNER[party]} für diesen Vertrag ist.`;
      return `${n} passt nicht zur Signatur ${OWNER[party]}: Es wurde nach dem Signieren geändert, verschoben oder entfernt, oder mit einem anderen Schlüssel signiert.`;
    },
    keyDiffers: (/** @type {"client" | "freelancer"} */ party, /** @type {string} */ title, /** @type {string} */ here, /** @type {string} */ there) =>
      `Der Schlüssel ${OWNER[party]} darin (${there || "keiner"}) ist nicht der, den dieser Browser für „${title}“ hat (${here || "keiner"}); ` +
      "signiert hat also jemand anderes.",
    cannotVerify: "Dieser Browser kann keine Signaturen prüfen (ihm fehlt Ed25519).",
    logRefused: (/** @type {"link" | "file"} */ source, /** @type {string} */ why) =>
      `${source === "link" ? "Dieser Link wurde nicht geöffnet" : "Diese Datei wurde nicht importiert"}: ${why}`,
  };
}
