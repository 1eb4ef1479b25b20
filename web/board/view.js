// @ts-check
// The board's view: every DOM write of the page. The shell (header, role, clock, notices, the
// contract list, the dialog) and the contract's board (contract-view.js) are drawn from the page
// the controller composed (board.js), once per frame; what a person does reaches the controller
// through the handlers. Nothing here asks the engine or storage.
import { download, h, fill } from "./dom.js";
import { BoardView, ACTIVITY_PAGE } from "./contract-view.js";
import { openContractForm, openForm } from "./dialogs.js";
import { installReorder } from "./reorder.js";

export { placeRow } from "./rows.js";

/**
 * @typedef {object} Handlers what the view tells the controller
 * @property {(button: HTMLElement) => void} click a control with data-action was clicked
 * @property {(role: "client" | "freelancer") => void} role "Acting as" changed
 * @property {(k: string) => void} historyStep History's slider moved to event k
 * @property {() => boolean | void} escape Escape outside a dialog or a drag: true if it was used
 * @property {(file: File) => void} importFile a file to import was picked
 * @property {(id: string, toIndex: number) => void} move a milestone was dropped at `toIndex`
 */

/** The page shell, built once. Returns the parts the view fills. */
/** @param {HTMLElement} root @param {import("./words.js").Words} w */
function buildShell(root, w) {
  const parts = {};
  parts.role = h("select", { id: "acting-as", name: "role" },
    h("option", { value: "client" }, w.client),
    h("option", { value: "freelancer" }, w.freelancer));
  parts.clockText = h("span", { class: "clock-now" });
  parts.advance1 = h("button", { type: "button", dataset: { action: "advance-1" } }, w.advance1);
  parts.advance14 = h("button", { type: "button", dataset: { action: "advance-14" } }, w.advance14);
  parts.realTime = h("button", { type: "button", dataset: { action: "real-time" } }, w.realTimeButton);
  parts.banner = h("div", { class: "banner-slot" });
  parts.notices = h("div", { class: "notices" });
  parts.alert = h("p", { class: "alert", role: "alert" });
  parts.status = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  parts.list = h("ul", { class: "contract-list" });
  parts.importInput = h("input", { type: "file", accept: ".json,application/json", hidden: true, tabindex: "-1" });
  // No landmarks inside the board: a host page may hold several boards, each landmark would
  // need a unique name, and the page's own <main> is the landmark the board lives in.
  parts.board = h("div", { class: "board" });
  parts.dialog = h("dialog", { class: "dialog", "aria-labelledby": "dialog-title" });
  parts.reorderHelp = h("p", { id: "reorder-help", hidden: true }, w.reorderHelp);
  parts.roleGroup = h("div", { class: "role" }, h("label", { for: "acting-as" }, w.actingAs), parts.role);
  parts.clockGroup = h("div", { class: "clock", role: "group", "aria-label": w.clock },
    parts.clockText, parts.advance1, parts.advance14, parts.realTime);
  parts.nav = h("div", { class: "contracts" },
    h("h2", { id: "contracts-title" }, w.contracts),
    parts.list,
    h("div", { class: "list-actions" },
      h("button", { type: "button", class: "primary", dataset: { action: "new-contract" } }, w.newContract),
      parts.sample = h("button", { type: "button", dataset: { action: "sample" } }, w.trySample),
      h("button", { type: "button", dataset: { action: "import" } }, w.import),
      parts.importInput));
  fill(root,
    h("header", { class: "app-header" },
      h("h1", {}, w.milestones),
      parts.roleGroup,
      parts.clockGroup),
    parts.banner,
    parts.notices,
    parts.alert,
    parts.status,
    parts.reorderHelp,
    parts.layout = h("div", { class: "layout" },
      parts.nav,
      h("div", { class: "main" }, parts.board)),
    parts.statement = h("div", { class: "statement-view", hidden: true },
      h("div", { class: "statement-tools" },
        h("button", { type: "button", class: "primary", dataset: { action: "print" } }, w.print),
        h("button", { type: "button", dataset: { action: "statement-close" } }, w.backToBoard)),
      parts.statementSlot = h("div", { class: "statement-slot" })),
    h("div", { class: "dialog-backdrop", hidden: true }),
    parts.dialog);
  return parts;
}

/** The messages of a contract the viewer has not read (discussion.js): "2 unread", said in full. */
function unreadBadge(/** @type {number} */ n, /** @type {import("./words.js").Words} */ w) {
  return n > 0 && h("span", { class: "unread" },
    h("span", { "aria-hidden": "true" }, w.unread(n)),
    h("span", { class: "visually-hidden" }, w.unreadMessages(n)));
}

/** The contract list on the side. */
function renderList(list, contracts, selectedId, w) {
  fill(list, contracts.length === 0
    ? h("li", { class: "empty" }, w.noContracts)
    : contracts.map((c) => h("li", {},
        h("button", {
          type: "button", class: "contract-link", dataset: { action: "select", contract: c.id },
          "aria-current": c.id === selectedId ? "true" : null,
        }, h("span", { class: "name" }, c.title),
           h("span", { class: "sub" }, c.readOnly ? w.listReadOnly : w.listStatus[c.status] ?? c.status, c.sample ? w.listSample : "",
             unreadBadge(c.unread, w))))));
}

/** Visible notices (storage trouble, quarantined data, changes from another tab). */
function renderNotices(el, notices) {
  fill(el, notices.map((n) => h("div", { class: `notice ${n.kind ?? ""}`, dataset: { notice: n.id } },
    h("p", {}, n.text),
    n.columns ? h("div", { class: "notice-columns" }, n.columns.map(([title, lines]) =>
      h("section", { "aria-label": title }, h("h3", {}, title), h("ol", {}, lines.map((line) => h("li", {}, line)))))) : null,
    (n.actions ?? []).map((a) => h("button", { type: "button", onclick: a.run }, a.label)))));
}

function renderBanner(el, banner, onDismiss, w) {
  const key = banner ? `${banner.icon}:${banner.message}` : "";
  if (el.dataset.shown === key) return;  // unchanged: nothing to rebuild
  el.dataset.shown = key;
  if (!banner) return fill(el);
  fill(el, h("aside", { class: `banner icon-${banner.icon}`, "aria-label": w.announcement },
    h("span", { class: "banner-icon", "aria-hidden": "true" }, banner.icon === "warning" ? "!" : "i"),
    h("p", {}, banner.message),
    h("button", { type: "button", class: "dismiss", "aria-label": w.dismissAnnouncement, onclick: onDismiss }, "×")));
}

/** The whole page of one board, kept between frames. */
export class PageView {
  static ACTIVITY_PAGE = ACTIVITY_PAGE;
  #root;
  #parts;
  #board;
  #reorder;
  #page = null;          // the page on screen
  #focusKey = null;      // the control that should have the focus after the next render
  #renderHeld = false;
  #said = -1;            // the alert on screen (page.alert.said)
  #noticesKey = "";
  #listKey = "";
  #pageTitle;
  #w;            // the document's own title, counted in front of when the board owns the page

  /**
   * @param {HTMLElement} root @param {Handlers} handlers
   * @param {{words: import("./words.js").Words, ownsTitle?: boolean}} options the board's words, and whether it owns the page's title
   */
  constructor(root, handlers, { words, ownsTitle = false }) {
    this.#root = root;
    this.#w = words;
    this.#pageTitle = ownsTitle ? globalThis.document?.title ?? null : null;
    const p = this.#parts = buildShell(root, words);
    this.#board = new BoardView(p.board, words);
    root.addEventListener("click", (e) => {
      const button = /** @type {HTMLElement} */ (e.target).closest?.("[data-action]");
      if (button && root.contains(button) && !(/** @type {HTMLButtonElement} */ (button).disabled)) handlers.click(/** @type {HTMLElement} */ (button));
    });
    p.role.addEventListener("change", () => handlers.role(p.role.value === "freelancer" ? "freelancer" : "client"));
    root.addEventListener("input", (e) => {
      const target = /** @type {HTMLInputElement} */ (e.target);
      if (target.id === "history-slider") handlers.historyStep(target.value);
    });
    root.addEventListener("keydown", (e) => {
      if (e.key !== "Escape" || p.dialog.open || e.defaultPrevented || this.#reorder?.active) return;
      if (handlers.escape()) e.preventDefault();
    });
    p.importInput.addEventListener("change", () => {
      const file = p.importInput.files?.[0];
      p.importInput.value = "";
      if (file) handlers.importFile(file);
    });
    const shown = () => this.#page?.board?.state ?? null;
    this.#reorder = installReorder(root, {
      list: () => p.board.querySelector(".milestones"),
      // From the page on screen (a drag holds re-renders), not a query per key press.
      pinnedCount: () => shown()?.milestones.filter((m) => m.pinned).length ?? 0,
      titleOf: (id) => shown()?.milestones.find((m) => m.id === id)?.title ?? id,
      onMove: (id, toIndex) => handlers.move(id, toIndex),
      announce: (text) => this.announce(text),
      words,
    });
  }

  /** Says `text` in the polite live region. */
  announce(/** @type {string} */ text) {
    const status = this.#parts.status;
    status.textContent = "";
    requestAnimationFrame(() => { status.textContent = text; });
  }

  /** A modal form (dialogs.js). */
  openForm(/** @type {any} */ form) {
    openForm(this.#parts.dialog, form, this.#w);
  }

  /** The "New contract" form (dialogs.js). */
  openContractForm(/** @type {any} */ form) {
    openContractForm(this.#parts.dialog, form, this.#w);
  }

  /** Offers `text` as a file download. */
  download(/** @type {string} */ filename, /** @type {string} */ text, type = "application/json") {
    download(filename, text, type);
  }

  /** Offers the file picker of "Import". */
  pickFile() {
    this.#parts.importInput.click();
  }

  get statementOpen() {
    return !this.#parts.statement.hidden;
  }

  /** The statement, printable, in place of the board. */
  showStatement(/** @type {Node} */ doc) {
    const p = this.#parts;
    p.statementSlot.replaceChildren(doc);
    p.layout.hidden = true;
    p.statement.hidden = false;
    p.statementSlot.querySelector("h2").focus();
  }

  /** Back from the statement to the board; true if it was open. */
  closeStatement() {
    const p = this.#parts;
    if (p.statement.hidden) return false;
    p.statement.hidden = true;
    p.statementSlot.replaceChildren();
    p.layout.hidden = false;
    this.#focusKey = "statement:";
    this.#restoreFocus();
    return true;
  }

  /** The discussion thread of `site` ("" for the contract's) on screen, or null (thread-view.js). */
  thread(/** @type {string} */ site) {
    return this.#board.thread(site);
  }

  /** The control that gets the focus after the next render (by its focus key), or none. */
  focusNext(/** @type {string | null} */ key) {
    this.#focusKey = key;
  }

  /** What a dialog opened from `button` calls when it closes: the focus goes back to it. */
  returnFocus(/** @type {HTMLElement} */ button) {
    const key = button.dataset.focus ?? `${button.dataset.action}:${button.dataset.milestone ?? ""}`;
    return () => {
      this.#focusKey ??= key;  // unless what the dialog did named where the focus goes next
      this.#restoreFocus();
    };
  }

  /** True when the focus is on the control with data-action `action`. */
  focusIsOn(/** @type {string} */ action) {
    return /** @type {HTMLElement | null} */ (this.#activeElement())?.dataset?.action === action;
  }

  /** Brings the page up to date with `page` (board.js composes it). */
  render(/** @type {any} */ page) {
    if (this.#reorder?.active) {
      // Never re-render under a dragged row; the drop or cancel renders.
      if (!this.#renderHeld) {
        this.#renderHeld = true;
        setTimeout(() => { this.#renderHeld = false; this.render(this.#page ?? page); }, 250);
      }
      this.#page = page;
      return;
    }
    this.#page = page;
    const active = this.#activeElement();
    const inside = active && this.#root.contains(active) && active.closest?.(".board, .contract-list");
    if (!this.#focusKey && inside) this.#focusKey = this.#focusKeyOf(active);
    this.#shell(page);
    if (page.board) this.#board.show(page.board);
    else this.#board.empty(page.missing);
    if (this.#pageTitle) document.title = page.waiting > 0 ? `(${page.waiting}) ${this.#pageTitle}` : this.#pageTitle;
    // Focus stays where it was; only an element that went away hands it to its successor.
    if (inside && this.#activeElement() === active && active.isConnected && !(/** @type {any} */ (active).disabled)) this.#focusKey = null;
    else this.#restoreFocus();
  }

  /** Everything around the contract's board. */
  #shell(/** @type {any} */ page) {
    const p = this.#parts;
    if (p.role.value !== page.role) p.role.value = page.role;  // setting it tells the browser a control changed
    p.roleGroup.hidden = page.roleFixed;
    p.clockGroup.hidden = !page.clock.shown;
    p.nav.hidden = page.single;
    p.layout.classList.toggle("single", page.single);
    p.sample.hidden = !page.empty;
    p.clockText.textContent = page.clock.text;
    p.realTime.hidden = !page.clock.demo;
    if (this.#said !== page.alert.said) {  // said again, even in the same words
      this.#said = page.alert.said;
      p.alert.textContent = page.alert.text;
    }
    renderBanner(p.banner, page.banner, page.dismissBanner, this.#w);
    const noticesKey = JSON.stringify(page.notices.map((n) => [n.text, n.columns]));
    if (noticesKey !== this.#noticesKey) {
      this.#noticesKey = noticesKey;
      renderNotices(p.notices, page.notices);
    }
    const listKey = JSON.stringify([page.contracts, page.selected]);
    if (listKey !== this.#listKey) {
      this.#listKey = listKey;
      renderList(p.list, page.contracts, page.selected, this.#w);
    }
  }

  #activeElement() {
    let el = /** @type {Document | ShadowRoot} */ (this.#root.getRootNode?.()).activeElement ?? document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el;
  }

  #focusKeyOf(/** @type {any} */ el) {
    return el.dataset?.focus ??
      (el.dataset?.action ? `${el.dataset.action}:${el.dataset.milestone ?? el.dataset.contract ?? ""}` : null);
  }

  #restoreFocus() {
    const key = this.#focusKey;
    this.#focusKey = null;
    if (!key) return;
    // A milestone's controls are looked for in its row (a board may hold 20,000 elements).
    const [action, id] = key.split(":");
    const row = id ? this.#board.row(id) : null;
    const scope = row ?? this.#root;
    const find = (/** @type {string} */ selector) => scope.querySelector(selector);
    let target = find(`[data-focus="${CSS.escape(key)}"]`) ??
      find(`[data-action="${CSS.escape(action)}"]${id ? `[data-milestone="${CSS.escape(id)}"], [data-action="${CSS.escape(action)}"][data-contract="${CSS.escape(id)}"]` : ""}`);
    if ((!target || target.disabled) && row) target = row.querySelector(".handle:not([disabled]), button:not([disabled])");
    target?.focus({ preventScroll: true });
  }
}
