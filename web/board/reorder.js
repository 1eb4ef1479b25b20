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
 * Wires reordering onto `root` (a document or shadow root holding the board).
 * hooks.list(): the <ol> of milestones; hooks.pinnedCount(): how many activated milestones lead
 * the list; hooks.titleOf(id); hooks.onMove(id, toIndex); hooks.announce(text).
 */
export function installReorder(root, hooks) {
  let press = null;  // a pointer is down on a handle, not yet dragging
  let drag = null;   // a drag (pointer or keyboard) in progress

  const rowsOf = (list) => [...list.querySelectorAll(".milestone")];
  const position = (index, count) => `position ${index + 1} of ${count}`;

  // --- pointer -------------------------------------------------------------------------------

  root.addEventListener("pointerdown", (e) => {
    const handle = e.target.closest?.(".handle");
    if (!handle || handle.disabled || drag || !e.isPrimary || e.button !== 0) return;
    e.preventDefault();
    handle.focus({ preventScroll: true });
    const touch = e.pointerType === "touch";
    press = { handle, pointerId: e.pointerId, x: e.clientX, y: e.clientY, touch, timer: 0 };
    try {
      handle.setPointerCapture(e.pointerId);
    } catch { /* synthetic events cannot capture */ }
    if (touch) press.timer = setTimeout(() => beginPointer(press.x, press.y), HOLD_MS);
  });

  root.addEventListener("pointermove", (e) => {
    if (drag?.mode === "pointer" && e.pointerId === drag.pointerId) {
      e.preventDefault();
      drag.clientY = e.clientY;
      follow();
      return;
    }
    if (!press || e.pointerId !== press.pointerId) return;
    const moved = Math.hypot(e.clientX - press.x, e.clientY - press.y);
    if (press.touch) {
      if (moved > TOUCH_SLOP) endPress();  // a swipe, not a hold: no drag
    } else if (moved > MOUSE_SLOP) {
      beginPointer(e.clientX, e.clientY);
    }
  });

  root.addEventListener("pointerup", (e) => {
    if (drag?.mode === "pointer" && e.pointerId === drag.pointerId) drop();
    else endPress();
  });
  root.addEventListener("pointercancel", () => {
    if (drag?.mode === "pointer") cancel();
    else endPress();
  });
  root.addEventListener("contextmenu", (e) => {
    if (press || drag) e.preventDefault();  // a long press on touch must not open a menu
  });

  function endPress() {
    if (press) clearTimeout(press.timer);
    press = null;
  }

  function beginPointer(clientX, clientY) {
    const handle = press.handle;
    const pointerId = press.pointerId;
    endPress();
    const li = handle.closest(".milestone");
    const list = hooks.list();
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
    drag = {
      mode: "pointer", pointerId, handle, li, list, from, target: from, count: rows.length,
      id: li.dataset.id, startPageY: clientY + scrollY, clientY, others, listTop, indicator,
      refusedSaid: false, frame: 0,
    };
    li.classList.add("dragging");
    li.parentElement.classList.add("holding");  // its chunk rises above the others while dragged
    list.classList.add("reordering");
    hooks.announce(`Picked up ${hooks.titleOf(drag.id)}, ${position(from, rows.length)}.`);
    document.addEventListener("keydown", escapeKey, true);
    follow();
    autoScroll();
  }

  // Moves the row with the pointer and places the drop indicator at the nearest legal slot.
  function follow() {
    const d = drag;
    const pageY = d.clientY + window.scrollY;
    d.li.style.transform = `translateY(${pageY - d.startPageY}px)`;
    let slot = 0;
    for (const r of d.others) if ((r.top + r.bottom) / 2 < pageY) slot++;
    const pinned = hooks.pinnedCount();
    if (slot < pinned) {
      d.target = null;
      d.indicator.hidden = true;
      d.li.classList.add("refused");
      if (!d.refusedSaid) {
        d.refusedSaid = true;
        hooks.announce(refusedText(d.id));
      }
      return;
    }
    d.refusedSaid = false;
    d.li.classList.remove("refused");
    d.target = slot;
    const y = slot < d.others.length ? d.others[slot].top : d.others.at(-1)?.bottom ?? d.listTop;
    d.indicator.hidden = false;
    d.indicator.style.top = `${y - d.listTop - 3}px`;
  }

  function autoScroll() {
    if (!drag || drag.mode !== "pointer") return;
    const y = drag.clientY;
    let speed = 0;
    if (y < EDGE) speed = -Math.ceil((EDGE - y) / 4);
    else if (y > window.innerHeight - EDGE) speed = Math.ceil((y - (window.innerHeight - EDGE)) / 4);
    if (speed !== 0) {
      window.scrollBy(0, speed);
      follow();
    }
    drag.frame = requestAnimationFrame(autoScroll);
  }

  function escapeKey(e) {
    if (e.key === "Escape" && drag?.mode === "pointer") {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    }
  }

  function refusedText(id) {
    const rows = rowsOf(hooks.list());
    const pinned = hooks.pinnedCount();
    const blocker = rows[pinned - 1]?.dataset.id;
    return `${hooks.titleOf(id)} cannot go above ${hooks.titleOf(blocker)}: activated milestones keep their place.`;
  }

  // --- keyboard ------------------------------------------------------------------------------

  root.addEventListener("keydown", (e) => {
    const handle = e.target.closest?.(".handle");
    if (!handle || handle.disabled) return;
    const lifted = drag?.mode === "keyboard" && drag.handle === handle;
    if (e.key === " " || e.key === "Enter") {
      e.preventDefault();
      if (lifted) drop();
      else if (!drag) lift(handle);
    } else if (lifted && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      step(e.key === "ArrowUp" ? -1 : 1);
    } else if (lifted && e.key === "Escape") {
      e.preventDefault();
      cancel();
    }
  });
  // Space activates a button on keyup; the handle has no click action.
  root.addEventListener("keyup", (e) => {
    if (e.key === " " && e.target.closest?.(".handle")) e.preventDefault();
  });
  root.addEventListener("focusout", (e) => {
    if (drag?.mode === "keyboard" && e.target === drag.handle && !drag.moving) cancel();
  });

  function lift(handle) {
    const li = handle.closest(".milestone");
    const list = hooks.list();
    const rows = rowsOf(list);
    const from = rows.indexOf(li);
    drag = { mode: "keyboard", handle, li, list, from, target: from, count: rows.length, id: li.dataset.id };
    li.classList.add("lifted");
    handle.setAttribute("aria-pressed", "true");
    hooks.announce(`Lifted ${hooks.titleOf(drag.id)}, ${position(from, rows.length)}. ` +
      "Arrow keys move it, Space drops it, Escape cancels.");
  }

  function step(delta) {
    const d = drag;
    const next = d.target + delta;
    if (next < hooks.pinnedCount()) {
      hooks.announce(refusedText(d.id));
      return;
    }
    if (next >= d.count) {
      hooks.announce(`${hooks.titleOf(d.id)} is already last, ${position(d.target, d.count)}.`);
      return;
    }
    const rows = rowsOf(d.list).filter((r) => r !== d.li);
    d.moving = true;
    placeRow(d.list, d.li, rows[next] ?? null);
    d.handle.focus({ preventScroll: false });
    d.moving = false;
    d.target = next;
    hooks.announce(`${hooks.titleOf(d.id)}, ${position(next, d.count)}.`);
  }

  // --- ending --------------------------------------------------------------------------------

  function drop() {
    const d = finish();
    if (!d) return;
    if (d.target === null) {
      hooks.announce(`${refusedText(d.id)} ${hooks.titleOf(d.id)} stays at ${position(d.from, d.count)}.`);
      return;
    }
    if (d.target === d.from) {
      hooks.announce(`${hooks.titleOf(d.id)} stays at ${position(d.from, d.count)}.`);
      return;
    }
    hooks.onMove(d.id, d.target, d.mode);
  }

  function cancel() {
    const d = finish();
    if (!d) return;
    if (d.mode === "keyboard" && d.target !== d.from) {
      const rows = rowsOf(d.list).filter((r) => r !== d.li);
      d.moving = true;
      placeRow(d.list, d.li, rows[d.from] ?? null);
      d.handle.focus();
    }
    hooks.announce(`Cancelled. ${hooks.titleOf(d.id)} stays at ${position(d.from, d.count)}.`);
  }

  function finish() {
    const d = drag;
    drag = null;
    if (!d) return null;
    cancelAnimationFrame(d.frame);
    document.removeEventListener("keydown", escapeKey, true);
    d.li.classList.remove("dragging", "refused", "lifted");
    d.li.parentElement?.classList.remove("holding");
    d.li.style.transform = "";
    d.list.classList.remove("reordering");
    d.indicator?.remove();
    d.handle.removeAttribute("aria-pressed");
    return d;
  }

  return {
    /** True while a row is lifted or dragged (the board holds re-renders until it ends). */
    get active() {
      return drag !== null;
    },
    cancel() {
      if (drag) cancel();
    },
  };
}
