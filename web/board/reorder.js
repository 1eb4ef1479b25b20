// @ts-check
// Drag reordering of pending milestones: pointer drag (mouse, pen, and touch after a hold), and
// the keyboard (Space lifts, arrows move one legal slot, Space drops, Escape cancels). Activated
// milestones are pinned: nothing is dropped above them. Each drop is one move (see onMove).
// The list holds its rows (`.milestone`) in chunks (view.js); a row moves with placeRow.
import { placeRow } from "./view.js";

const HOLD_MS = 300;       // touch: hold this long on the handle before the row lifts
const MOUSE_SLOP = 4;      // px a mouse/pen moves before a press becomes a drag
const TOUCH_SLOP = 10;     // px a finger may wander during the hold
const EDGE = 56;           // px from the viewport edge where auto-scroll starts

/**
 * What the board gives reordering.
 * @typedef {object} ReorderHooks
 * @property {() => HTMLElement | null} list the <ol> of milestones
 * @property {() => number} pinnedCount how many activated milestones lead the list
 * @property {(id: string) => string} titleOf a milestone's title
 * @property {(id: string, toIndex: number, mode: DragMode) => void} onMove one drop, one move
 * @property {(text: string) => void} announce says `text` in the live region
 * @property {import("./words.js").Words} words what reordering says (the catalog's `position`, `pickedUp` …)
 */

/**
 * What installReorder returns.
 * @typedef {object} Reorder
 * @property {boolean} active true while a row is lifted or dragged
 * @property {() => void} cancel puts a lifted or dragged row back
 */

/** @typedef {"pointer" | "keyboard"} DragMode */

/**
 * A pointer is down on a handle, not yet dragging.
 * @typedef {object} Press
 * @property {HTMLButtonElement} handle
 * @property {number} pointerId
 * @property {number} x clientX when pressed
 * @property {number} y clientY when pressed
 * @property {boolean} touch
 * @property {number} timer the touch hold's timeout (0 for a mouse or pen)
 */

/**
 * A page-relative vertical extent of a row.
 * @typedef {{ top: number, bottom: number }} Span
 */

/**
 * A drag (pointer or keyboard) in progress. Fields marked "pointer" are absent for the keyboard.
 * @typedef {object} Drag
 * @property {DragMode} mode
 * @property {HTMLButtonElement} handle
 * @property {HTMLElement} li the row being moved
 * @property {HTMLElement} list
 * @property {number} from its index when the drag began
 * @property {number | null} target where a drop puts it; null: above a pinned row (pointer)
 * @property {number} count rows in the list
 * @property {string} id the milestone's id
 * @property {boolean} [moving] keyboard: the row is being moved, so its handle's focusout is ours
 * @property {number} [pointerId] pointer
 * @property {number} [startPageY] pointer: page y where the drag began
 * @property {number} [clientY] pointer: the pointer's latest clientY
 * @property {Span[]} [others] pointer: the other rows, measured when the drag began
 * @property {number} [listTop] pointer: the list's page y
 * @property {HTMLDivElement} [indicator] pointer: the drop indicator
 * @property {boolean} [refusedSaid] pointer: the refusal was announced since the last legal slot
 * @property {number} [frame] pointer: the auto-scroll animation frame
 */

/** @param {HTMLElement} list @returns {HTMLElement[]} */
const rowsOf = (list) => [.../** @type {NodeListOf<HTMLElement>} */ (list.querySelectorAll(".milestone"))];

/** @param {number} index @param {number} count */

/**
 * The reorder handle at or around `target` (none when the target is not an element).
 * @param {EventTarget} target
 * @returns {HTMLButtonElement | null | undefined}
 */
const handleAt = (target) => /** @type {HTMLButtonElement | null} */ (/** @type {Element} */ (target).closest?.(".handle"));

/**
 * Wires reordering onto `root` (a document or shadow root holding the board).
 * hooks.list(): the <ol> of milestones; hooks.pinnedCount(): how many activated milestones lead
 * the list; hooks.titleOf(id); hooks.onMove(id, toIndex); hooks.announce(text).
 * @param {HTMLElement | Document | ShadowRoot} root
 * @param {ReorderHooks} hooks
 * @returns {Reorder}
 */
export function installReorder(root, hooks) {
  const reorder = new Reordering(hooks);
  reorder.listen(root);
  return {
    /** True while a row is lifted or dragged (the board holds re-renders until it ends). */
    get active() {
      return reorder.active;
    },
    cancel() {
      if (reorder.active) reorder.cancel();
    },
  };
}

/** The state of one board's reordering and its event handlers. */
class Reordering {
  /** @type {Press | null} */
  #press = null;
  /** @type {Drag | null} */
  #drag = null;
  #hooks;

  /** @param {ReorderHooks} hooks */
  constructor(hooks) {
    this.#hooks = hooks;
  }

  get active() {
    return this.#drag !== null;
  }

  /** @param {HTMLElement | Document | ShadowRoot} root */
  listen(root) {
    root.addEventListener("pointerdown", (e) => this.#pointerDown(/** @type {PointerEvent} */ (e)));
    root.addEventListener("pointermove", (e) => this.#pointerMove(/** @type {PointerEvent} */ (e)));
    root.addEventListener("pointerup", (e) => this.#pointerUp(/** @type {PointerEvent} */ (e)));
    root.addEventListener("pointercancel", () => {
      if (this.#drag?.mode === "pointer") this.cancel();
      else this.#endPress();
    });
    root.addEventListener("contextmenu", (e) => {
      if (this.#press || this.#drag) e.preventDefault();  // a long press on touch must not open a menu
    });
    root.addEventListener("keydown", (e) => this.#keyDown(/** @type {KeyboardEvent} */ (e)));
    // Space activates a button on keyup; the handle has no click action.
    root.addEventListener("keyup", (e) => {
      if (/** @type {KeyboardEvent} */ (e).key === " " && handleAt(e.target)) e.preventDefault();
    });
    root.addEventListener("focusout", (e) => {
      const d = this.#drag;
      if (d?.mode === "keyboard" && e.target === d.handle && !d.moving) this.cancel();
    });
  }

  // --- pointer -------------------------------------------------------------------------------

  /** @param {PointerEvent} e */
  #pointerDown(e) {
    const handle = handleAt(e.target);
    if (!handle || handle.disabled || this.#drag || !e.isPrimary || e.button !== 0) return;
    e.preventDefault();
    handle.focus({ preventScroll: true });
    const touch = e.pointerType === "touch";
    this.#press = { handle, pointerId: e.pointerId, x: e.clientX, y: e.clientY, touch, timer: 0 };
    try {
      handle.setPointerCapture(e.pointerId);
    } catch { /* synthetic events cannot capture */ }
    if (touch) this.#press.timer = setTimeout(() => this.#beginPointer(this.#press.x, this.#press.y), HOLD_MS);
  }

  /** @param {PointerEvent} e */
  #pointerMove(e) {
    const d = this.#drag;
    if (d?.mode === "pointer" && e.pointerId === d.pointerId) {
      e.preventDefault();
      d.clientY = e.clientY;
      this.#follow();
      return;
    }
    const press = this.#press;
    if (!press || e.pointerId !== press.pointerId) return;
    const moved = Math.hypot(e.clientX - press.x, e.clientY - press.y);
    if (press.touch) {
      if (moved > TOUCH_SLOP) this.#endPress();  // a swipe, not a hold: no drag
    } else if (moved > MOUSE_SLOP) {
      this.#beginPointer(e.clientX, e.clientY);
    }
  }

  /** @param {PointerEvent} e */
  #pointerUp(e) {
    if (this.#drag?.mode === "pointer" && e.pointerId === this.#drag.pointerId) this.#drop();
    else this.#endPress();
  }

  #endPress() {
    if (this.#press) clearTimeout(this.#press.timer);
    this.#press = null;
  }

  /**
   * The press becomes a drag: the row follows the pointer from (clientX, clientY).
   * @param {number} clientX
   * @param {number} clientY
   */
  #beginPointer(clientX, clientY) {
    const { handle, pointerId } = this.#press;
    this.#endPress();
    const li = /** @type {HTMLElement | null} */ (handle.closest(".milestone"));
    const list = this.#hooks.list();
    if (!li || !list) return;
    const rows = rowsOf(list);
    const from = rows.indexOf(li);
    const scrollY = window.scrollY;
    const others = rows.filter((r) => r !== li).map((r) => {
      const rect = r.getBoundingClientRect();
      return { top: rect.top + scrollY, bottom: rect.bottom + scrollY };
    });
    const listTop = list.getBoundingClientRect().top + scrollY;
    const indicator = document.createElement("div");
    indicator.className = "drop-indicator";
    indicator.setAttribute("aria-hidden", "true");
    list.append(indicator);
    this.#drag = {
      mode: "pointer", pointerId, handle, li, list, from, target: from, count: rows.length,
      id: li.dataset.id, startPageY: clientY + scrollY, clientY, others, listTop, indicator,
      refusedSaid: false, frame: 0,
    };
    li.classList.add("dragging");
    li.parentElement.classList.add("holding");  // its chunk rises above the others while dragged
    list.classList.add("reordering");
    this.#hooks.announce(this.#hooks.words.pickedUp(this.#hooks.titleOf(this.#drag.id), this.#hooks.words.position(from, rows.length)));
    document.addEventListener("keydown", this.#escapeKey, true);
    this.#follow();
    this.#autoScroll();
  }

  /** Moves the row with the pointer and places the drop indicator at the nearest legal slot. */
  #follow() {
    const d = this.#drag;
    const pageY = d.clientY + window.scrollY;
    d.li.style.transform = `translateY(${pageY - d.startPageY}px)`;
    let slot = 0;
    for (const r of d.others) if ((r.top + r.bottom) / 2 < pageY) slot++;
    const pinned = this.#hooks.pinnedCount();
    if (slot < pinned) {
      d.target = null;
      d.indicator.hidden = true;
      d.li.classList.add("refused");
      if (!d.refusedSaid) {
        d.refusedSaid = true;
        d.li.dataset.why = this.#refusedText(d.id);  // on screen, under the dragged row
        this.#hooks.announce(d.li.dataset.why);
      }
      return;
    }
    d.refusedSaid = false;
    d.li.classList.remove("refused");
    delete d.li.dataset.why;
    d.target = slot;
    const y = slot < d.others.length ? d.others[slot].top : d.others.at(-1)?.bottom ?? d.listTop;
    d.indicator.hidden = false;
    d.indicator.style.top = `${y - d.listTop - 3}px`;
  }

  /** Scrolls while the pointer is near the viewport's top or bottom edge, once a frame. */
  #autoScroll = () => {
    const d = this.#drag;
    if (!d || d.mode !== "pointer") return;
    const y = d.clientY;
    let speed = 0;
    if (y < EDGE) speed = -Math.ceil((EDGE - y) / 4);
    else if (y > window.innerHeight - EDGE) speed = Math.ceil((y - (window.innerHeight - EDGE)) / 4);
    if (speed !== 0) {
      window.scrollBy(0, speed);
      this.#follow();
    }
    d.frame = requestAnimationFrame(this.#autoScroll);
  };

  /** Escape cancels a pointer drag (listened for on the document while one is in progress). */
  #escapeKey = (/** @type {KeyboardEvent} */ e) => {
    if (e.key === "Escape" && this.#drag?.mode === "pointer") {
      e.preventDefault();
      e.stopPropagation();
      this.cancel();
    }
  };

  /** @param {string} id */
  #refusedText(id) {
    const rows = rowsOf(this.#hooks.list());
    const pinned = this.#hooks.pinnedCount();
    const blocker = rows[pinned - 1]?.dataset.id;
    return this.#hooks.words.cannotGoAbove(this.#hooks.titleOf(id), this.#hooks.titleOf(blocker));
  }

  // --- keyboard ------------------------------------------------------------------------------

  /** @param {KeyboardEvent} e */
  #keyDown(e) {
    const handle = handleAt(e.target);
    if (!handle || handle.disabled) return;
    const lifted = this.#drag?.mode === "keyboard" && this.#drag.handle === handle;
    if (e.key === " " || e.key === "Enter") {
      e.preventDefault();
      if (lifted) this.#drop();
      else if (!this.#drag) this.#lift(handle);
    } else if (lifted && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      this.#step(e.key === "ArrowUp" ? -1 : 1);
    } else if (lifted && e.key === "Escape") {
      e.preventDefault();
      this.cancel();
    }
  }

  /** @param {HTMLButtonElement} handle */
  #lift(handle) {
    const li = /** @type {HTMLElement} */ (handle.closest(".milestone"));
    const list = this.#hooks.list();
    const rows = rowsOf(list);
    const from = rows.indexOf(li);
    this.#drag = { mode: "keyboard", handle, li, list, from, target: from, count: rows.length, id: li.dataset.id };
    li.classList.add("lifted");
    handle.setAttribute("aria-pressed", "true");
    this.#hooks.announce(this.#hooks.words.lifted(this.#hooks.titleOf(this.#drag.id), this.#hooks.words.position(from, rows.length)));
  }

  /**
   * Moves the lifted row one slot up (-1) or down (1), if that slot is legal.
   * @param {-1 | 1} delta
   */
  #step(delta) {
    const d = this.#drag;
    const next = d.target + delta;
    if (next < this.#hooks.pinnedCount()) {
      this.#hooks.announce(this.#refusedText(d.id));
      return;
    }
    if (next >= d.count) {
      this.#hooks.announce(this.#hooks.words.alreadyLast(this.#hooks.titleOf(d.id), this.#hooks.words.position(d.target, d.count)));
      return;
    }
    const rows = rowsOf(d.list).filter((r) => r !== d.li);
    d.moving = true;
    placeRow(d.list, d.li, rows[next] ?? null);
    d.handle.focus({ preventScroll: false });
    d.moving = false;
    d.target = next;
    this.#hooks.announce(this.#hooks.words.stepped(this.#hooks.titleOf(d.id), this.#hooks.words.position(next, d.count)));
  }

  // --- ending --------------------------------------------------------------------------------

  #drop() {
    const d = this.#finish();
    if (!d) return;
    if (d.target === null) {
      const refused = this.#refusedText(d.id);
      this.#showRefused(d.list, refused);
      this.#hooks.announce(this.#hooks.words.refusedStays(refused, this.#hooks.titleOf(d.id), this.#hooks.words.position(d.from, d.count)));
      return;
    }
    if (d.target === d.from) {
      this.#hooks.announce(this.#hooks.words.stays(this.#hooks.titleOf(d.id), this.#hooks.words.position(d.from, d.count)));
      return;
    }
    this.#hooks.onMove(d.id, d.target, d.mode);
  }

  /** Ends the drag without a move; a keyboard-moved row goes back where it was. */
  cancel() {
    const d = this.#finish();
    if (!d) return;
    if (d.mode === "keyboard" && d.target !== d.from) {
      const rows = rowsOf(d.list).filter((r) => r !== d.li);
      d.moving = true;
      placeRow(d.list, d.li, rows[d.from] ?? null);
      d.handle.focus();
    }
    this.#hooks.announce(this.#hooks.words.cancelled(this.#hooks.titleOf(d.id), this.#hooks.words.position(d.from, d.count)));
  }

  /** Clears the drag and everything it put on the page; returns it (null if there was none). */
  /** Says on screen, under the list, why a drop was refused (until the next drag). */
  #showRefused(/** @type {HTMLElement} */ list, /** @type {string} */ text) {
    let note = /** @type {HTMLElement | null} */ (list.nextElementSibling);
    if (!note?.classList.contains("drop-refused")) {
      note = document.createElement("p");
      note.className = "drop-refused";
      list.after(note);
    }
    note.textContent = text;
  }

  #finish() {
    const d = this.#drag;
    this.#drag = null;
    if (!d) return null;
    if (d.list.nextElementSibling?.classList.contains("drop-refused")) d.list.nextElementSibling.remove();
    delete d.li.dataset.why;
    cancelAnimationFrame(d.frame);
    document.removeEventListener("keydown", this.#escapeKey, true);
    d.li.classList.remove("dragging", "refused", "lifted");
    d.li.parentElement?.classList.remove("holding");
    d.li.style.transform = "";
    d.list.classList.remove("reordering");
    d.indicator?.remove();
    d.handle.removeAttribute("aria-pressed");
    return d;
  }
}
