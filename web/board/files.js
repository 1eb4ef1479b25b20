// @ts-check
// Files delivered with a submission (R25). The page reads each file in this browser for its size
// and SHA-256; the bytes are never uploaded or stored: a submission records each file's name,
// size, hash and, if given, where to download it. The "Submit work" form attaches files (picked
// or dropped), a submission's row lists them, and anyone can check a file received against them.
import { h } from "./dom.js";

/** @typedef {import("./words.js").Words} Words */
/** @typedef {import("../milestones").Attachment} Attachment */

/** The SHA-256 of a file's bytes, 64 lowercase hexadecimal digits, computed in this browser. */
export async function sha256(/** @type {Blob} */ file) {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A link to a file, only when its address is an https one (anything else shows as text). */
function httpsUrl(/** @type {string | undefined} */ url) {
  if (typeof url !== "string") return null;
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** Lets files be dropped on `zone`: `take(files)` gets them. */
function dropZone(/** @type {HTMLElement} */ zone, /** @type {(files: File[]) => void} */ take) {
  zone.addEventListener("dragover", (e) => {
    if (!e.dataTransfer?.types.includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    zone.classList.remove("over");
    if (!e.dataTransfer?.files.length) return;
    e.preventDefault();
    take([...e.dataTransfer.files]);
  });
}

/**
 * @typedef {object} Attached a file of the form: ready once its hash is computed
 * @property {string} name
 * @property {number} size
 * @property {string | null} sha256 null while it is computed
 * @property {HTMLLIElement} li
 * @property {HTMLInputElement} url where to download it
 * @property {HTMLButtonElement} remove carries the field of the file's name, so its problem shows there
 * @property {HTMLElement} hash
 */

/**
 * A file's item in the form's list: its name, size, hash (once computed), remove button and
 * where to download it. `n` makes its ids; `on` says what its controls do.
 * @param {File} source @param {string} id @param {number} n @param {Words} w
 * @param {{remove: (file: Attached) => void, url: () => void}} on
 * @returns {Attached}
 */
function fileItem(source, id, n, w, on) {
  const name = h("span", { class: "file-name", id: `${id}-name-${n}` }, source.name);
  /** @type {Attached} */
  const file = {
    name: source.name, size: source.size, sha256: null,
    hash: h("span", { class: "file-hash" }, w.hashPending),
    remove: h("button", { type: "button", class: "remove-file", "aria-label": w.removeFile(source.name),
                          "aria-describedby": `${id}-name-problem-${n}`, onclick: () => on.remove(file) }, w.removeFileButton),
    url: h("input", { type: "url", id: `${id}-url-${n}`, inputmode: "url", autocomplete: "off",
                      "aria-describedby": `${id}-url-problem-${n} ${id}-name-${n}`, oninput: on.url }),
    li: h("li", { class: "attached-file" }),
  };
  file.li.append(
    h("div", { class: "file-head" }, name, h("span", { class: "file-size" }, w.fileSize(source.size)), file.hash, file.remove,
      h("p", { class: "problem", id: `${id}-name-problem-${n}`, hidden: true })),
    h("div", { class: "file-url" }, h("label", { for: file.url.id }, w.fieldFileUrl), file.url,
      h("p", { class: "problem", id: `${id}-url-problem-${n}`, hidden: true })));
  return file;
}

/**
 * The "Files" field of the "Submit work" form: a file picker in a drop zone, and the list of the
 * files attached, each with its size, the start of its SHA-256, where to download it (optional)
 * and a remove button. What the command gets is the hidden control `spec.name`: the ready files
 * as JSON ([{name, size, sha256, url?}]). While a hash is computed, the form's submit button
 * waits (disabled) and the field says so; each change runs the form's check (an input event), so
 * the engine's problems show at the picker (the count), at a link or at a file's remove button
 * (its name).
 */
class FilesField {
  /** @type {Attached[]} */
  #files = [];
  #unread = [];  // the names of files that could not be read, said once
  #made = 0;
  #queue = Promise.resolve();  // hashes are computed one file at a time (one file's bytes in memory)
  #id;
  #field;
  #w;

  /** @param {{name: string, label: string, field?: string}} spec @param {string} id @param {Words} w */
  constructor(spec, id, w) {
    this.#id = id;
    this.#field = spec.field ?? spec.name;
    this.#w = w;
    this.value = h("input", { type: "hidden", name: spec.name, value: "[]" });
    this.picker = h("input", { type: "file", id, multiple: true, dataset: { field: this.#field }, "aria-describedby": `${id}-problem ${id}-help` });
    this.status = h("p", { class: "help files-status", "aria-live": "polite" });
    this.list = h("ul", { class: "attached-files" });
    this.zone = h("div", { class: "field drop-zone", role: "group", "aria-label": w.dropFiles },
      h("label", { for: id }, spec.label),
      h("p", { class: "help", id: `${id}-help` }, w.filesHelp),
      this.picker,
      h("p", { class: "problem", id: `${id}-problem`, hidden: true }));
    this.picker.addEventListener("change", () => {
      const picked = [...(this.picker.files ?? [])];
      this.picker.value = "";
      this.add(picked);
    });
    dropZone(this.zone, (files) => this.add(files));
    this.el = h("div", { class: `field field-${spec.name} files-field` }, this.zone, this.status, this.list, this.value);
  }

  /** Attaches files: each is listed at once and hashed in turn. */
  add(/** @type {File[]} */ sources) {
    for (const source of sources) {
      const file = fileItem(source, this.#id, this.#made++, this.#w, { remove: (f) => this.#remove(f), url: () => this.#sync(false) });
      this.#files.push(file);
      this.list.append(file.li);
      this.#queue = this.#queue.then(() => this.#hash(file, source));
    }
    if (sources.length > 0) this.#sync();
  }

  async #hash(/** @type {Attached} */ file, /** @type {File} */ source) {
    if (!this.#files.includes(file) || !this.el.isConnected) return;  // removed while it waited, or the form closed
    try {
      file.sha256 = await sha256(source);
      file.hash.textContent = this.#w.shortHash(file.sha256);
      file.hash.title = file.sha256;
    } catch {
      this.#unread.push(file.name);
      this.#files.splice(this.#files.indexOf(file), 1);
      file.li.remove();
    }
    if (this.el.isConnected) this.#sync();
  }

  #remove(/** @type {Attached} */ file) {
    const at = this.#files.indexOf(file);
    if (at < 0) return;
    this.#files.splice(at, 1);
    file.li.remove();
    const next = this.#files[at] ?? this.#files[at - 1];
    (next ? next.remove : this.picker).focus();  // the focus stays in the list, or goes back to the picker
    this.#sync();
  }

  /** The ready files' fields and value, the submit button, the status; then the form's check. */
  #sync(check = true) {
    const ready = this.#files.filter((f) => f.sha256 !== null);
    ready.forEach((f, i) => {
      f.remove.dataset.field = `${this.#field}[${i}].name`;
      f.url.dataset.field = `${this.#field}[${i}].url`;
    });
    this.value.value = JSON.stringify(ready.map((f) => ({
      name: f.name, size: f.size, sha256: f.sha256, ...(f.url.value.trim() ? { url: f.url.value.trim() } : {}),
    })));
    const pending = this.#files.length - ready.length;
    const submit = /** @type {HTMLButtonElement | null} */ (this.value.form?.querySelector("button[type=submit]"));
    if (submit) submit.disabled = pending > 0;
    const w = this.#w;
    this.status.textContent = [...this.#unread.map((name) => w.fileNotRead(name)), pending > 0 ? w.hashingFiles(pending) : w.filesAttached(ready.length)].join(" ");
    this.#unread = [];
    if (check) this.picker.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

/**
 * The "Files" field of the "Submit work" form (FilesField): its element, for dialogs.js.
 * @param {{name: string, label: string, field?: string}} spec @param {string} id @param {Words} w
 */
export function filesField(spec, id, w) {
  return new FilesField(spec, id, w).el;
}

/** Made once per submission's files (the engine keeps an unchanged milestone's objects): a row redrawn keeps its check. */
const shown = new WeakMap();

/**
 * A submission's files on its milestone's row: each file's name (a link when it has an https
 * one), size and the start of its SHA-256, and a check: a file picked with "Check a file" or
 * dropped on the list is hashed here and compared with them ("Matches “report.pdf” that Jo
 * submitted"), said in a live region. Nothing is stored.
 * @param {Attachment[]} attachments @param {string} rowId @param {string} freelancer @param {Words} w
 */
export function submissionFiles(attachments, rowId, freelancer, w) {
  const kept = shown.get(attachments);
  if (kept?.freelancer === freelancer && kept.w === w) return kept.box;
  const result = h("p", { class: "check-result", "aria-live": "polite" });
  const check = async (/** @type {File[]} */ received) => {
    result.textContent = w.checking(received.map((f) => f.name));
    const said = [];
    for (const file of received) {
      try {
        const hex = await sha256(file);
        const match = attachments.find((a) => a.sha256 === hex);
        said.push(match ? w.fileMatches(file.name, match.name, freelancer) : w.fileMatchesNone(file.name));
      } catch {
        said.push(w.fileNotChecked(file.name));
      }
    }
    result.textContent = said.join(" ");
  };
  const picker = h("input", { type: "file", multiple: true, hidden: true, tabindex: "-1" });
  picker.addEventListener("change", () => {
    const picked = [...(picker.files ?? [])];
    picker.value = "";
    if (picked.length) check(picked);
  });
  const title = `files-${rowId}`;
  const box = h("div", { class: "submission-files", role: "group", "aria-labelledby": title },
    h("p", { class: "files-title", id: title }, w.filesDelivered),
    h("ul", { class: "files" }, attachments.map((a) => {
      const url = httpsUrl(a.url);
      return h("li", {},
        url ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, a.name) : h("span", { class: "file-name" }, a.name),
        h("span", { class: "file-size" }, w.fileSize(a.size)),
        h("span", { class: "file-hash", title: a.sha256 }, w.shortHash(a.sha256)));
    })),
    h("p", { class: "check-file" },
      h("button", { type: "button", class: "check-button", dataset: { focus: `check:${rowId}` }, onclick: () => picker.click() }, w.checkFile),
      h("span", { class: "help" }, w.checkFileHelp), picker),
    result);
  dropZone(box, check);
  shown.set(attachments, { box, freelancer, w });
  return box;
}

/**
 * The files each submission delivered, for the statement: [{at, milestoneId, attachments}] from
 * the log's work_submitted events, oldest first.
 * @param {{map: (fn: (item: {event: any}) => any) => any[]}} activity
 */
export function deliveries(activity) {
  return activity.map((a) => a.event).filter((e) => e.type === "work_submitted" && e.attachments?.length)
    .map((e) => ({ at: e.at, milestoneId: e.milestoneId, attachments: /** @type {Attachment[]} */ (e.attachments) }));
}
