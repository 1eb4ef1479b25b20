// @ts-check
// Forms in a modal <dialog>: one field list per action, errors shown in the engine's words.
import { h, fill } from "./dom.js";

let formCount = 0;

/** A labelled input. `field` is the engine's field path, so a refusal can point at it. */
function input(spec, prefix) {
  const id = `${prefix}-${spec.name}`;
  const common = { id, name: spec.name, required: spec.required ?? false, dataset: { field: spec.field ?? spec.name } };
  let control;
  if (spec.type === "textarea") {
    control = h("textarea", { ...common, rows: 3 });
    control.value = spec.value ?? "";
  } else if (spec.type === "select") {
    control = h("select", common, spec.options.map(([value, label]) => h("option", { value }, label)));
    control.value = spec.value ?? spec.options[0][0];
  } else {
    const type = spec.type === "money" ? "text" : spec.type ?? "text";
    control = h("input", { ...common, type, inputmode: spec.type === "money" ? "decimal" : null,
                           min: spec.min ?? null, max: spec.max ?? null, autocomplete: "off" });
    control.value = spec.value ?? "";
  }
  const help = spec.help ? h("p", { class: "help", id: `${id}-help` }, spec.help) : null;
  if (help) control.setAttribute("aria-describedby", help.id);
  return h("div", { class: `field field-${spec.name}` }, h("label", { for: id }, spec.label), control, help);
}

/** Reads a form's named controls into an object (each value a string). */
function values(form) {
  const out = {};
  for (const el of form.elements) if (el.name) out[el.name] = el.value;
  return out;
}

/**
 * Shows a modal form. `onSubmit(values)` returns nothing on success (the dialog closes) or
 * {message, field} to show in the dialog's alert (the field is marked and focused).
 */
export function openForm(dialog, { title, intro, submitLabel, fields, onSubmit, onInput, returnFocus }, w) {
  const prefix = `f${++formCount}`;
  const alert = h("p", { class: "alert", role: "alert" });
  const explain = h("p", { class: "explain", "aria-live": "polite" });
  const form = h("form", { class: "form", novalidate: true },
    h("h2", { id: "dialog-title" }, title),
    intro ? h("p", { class: "intro" }, intro) : null,
    fields.map((f) => input(f, prefix)),
    explain,
    alert,
    h("div", { class: "buttons" },
      h("button", { type: "submit", class: "primary" }, submitLabel),
      h("button", { type: "button", class: "cancel" }, w.cancel)));
  const close = wire(dialog, form, alert, onSubmit, returnFocus);
  if (onInput) {
    const update = () => { explain.textContent = onInput(values(form)) ?? ""; };
    form.addEventListener("input", update);
    update();
  }
  fill(dialog, form);
  present(dialog, close);
  return dialog;
}

const FOCUSABLE = "button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex='-1'])";

/**
 * Shows a dialog as a modal one to people and to assistive technology (aria-modal, a backdrop
 * that takes clicks, focus kept inside, Escape cancels), but with show(), not showModal():
 * showModal makes the rest of the document inert, and the browser restyles every element of the
 * page for it, on opening and on closing (on a board of 1,000 milestones, tens of milliseconds).
 */
function present(dialog, cancel) {
  const backdrop = dialog.previousElementSibling?.classList.contains("dialog-backdrop") ? dialog.previousElementSibling : null;
  dialog.setAttribute("aria-modal", "true");
  dialog.onkeydown = (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    } else if (e.key === "Tab") {
      const all = [...dialog.querySelectorAll(FOCUSABLE)].filter((el) => !el.closest("[hidden]"));
      const active = dialog.getRootNode().activeElement;
      if (all.length === 0) return;
      if (e.shiftKey && active === all[0]) {
        e.preventDefault();
        all.at(-1).focus();
      } else if (!e.shiftKey && active === all.at(-1)) {
        e.preventDefault();
        all[0].focus();
      }
    }
  };
  if (backdrop) backdrop.hidden = false;
  dialog.show();
  (dialog.querySelector("[autofocus]") ?? dialog.querySelector(FOCUSABLE))?.focus();
}

function dismiss(dialog) {
  const backdrop = dialog.previousElementSibling?.classList.contains("dialog-backdrop") ? dialog.previousElementSibling : null;
  if (backdrop) backdrop.hidden = true;
  dialog.close();
}

function wire(dialog, form, alert, onSubmit, returnFocus) {
  const close = () => {
    dismiss(dialog);
    returnFocus?.();
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    const problem = onSubmit(values(form), form);
    if (!problem) return close();
    alert.textContent = problem.message;
    const target = problem.field && form.querySelector(`[data-field="${CSS.escape(problem.field)}"]`);
    if (target) {
      target.setAttribute("aria-invalid", "true");
      target.focus();
    }
  });
  form.querySelector(".cancel").addEventListener("click", close);
  dialog.onclose = null;
  return close;
}

/**
 * The "New contract" form (also "Create new contract offer", prefilled). `onSubmit(draft)` gets
 * {title, accountType, client, freelancer, endDate, milestones: [{title, description, amount, dueDate}]}
 * with amounts as typed; it returns nothing or {message, field} like openForm. `accountTypes` are
 * the engine's ({id, locksPlan, needsEndDate}): the form says which plans lock.
 * @param {HTMLDialogElement} dialog
 * @param {object} options
 * @param {string} [options.title]
 * @param {{title?: string, client?: string, freelancer?: string, accountType?: string, endDate?: string,
 *   start?: string, milestones?: {title?: string, description?: string, amount?: string, dueDate?: string}[]}} [options.initial]
 * @param {(draft: any) => ({message: string, field?: string} | null | undefined)} options.onSubmit
 * @param {() => void} [options.returnFocus]
 * @param {{id: string, locksPlan: boolean, needsEndDate: boolean}[]} [options.accountTypes]
 * @param {import("./words.js").Words} w the board's words
 */
export function openContractForm(dialog, { title, initial = {}, onSubmit, returnFocus, accountTypes = [] }, w) {
  const prefix = `f${++formCount}`;
  const alert = h("p", { class: "alert", role: "alert" });
  const rows = h("ol", { class: "draft-milestones" });
  let rowCount = 0;
  const addRow = (m = {}, focus = false) => {
    const n = rowCount++;
    const p = `${prefix}-m${n}`;
    const row = h("li", { class: "draft-milestone" },
      h("fieldset", {},
        h("legend", {}, w.milestoneN(rows.children.length + 1)),
        input({ name: `title`, label: w.fieldMilestoneTitle, value: m.title, field: "title" }, p),
        input({ name: `description`, label: w.fieldDescription, type: "textarea", value: m.description, field: "description" }, p),
        input({ name: `amount`, label: w.fieldAmount, type: "money", value: m.amount, field: "amount", help: w.amountHelp }, p),
        input({ name: `dueDate`, label: w.fieldDueDate, type: "date", value: m.dueDate, field: "dueDate" }, p),
        h("button", { type: "button", class: "remove-row", onclick: () => { row.remove(); renumber(); } }, w.removeMilestone)));
    rows.append(row);
    renumber();
    if (focus) row.querySelector("input").focus();
  };
  const renumber = () => {
    [...rows.children].forEach((row, i) => {
      row.querySelector("legend").textContent = w.milestoneN(i + 1);
      for (const el of row.querySelectorAll(/** @type {"input"} */ ("[data-field]"))) {
        const base = el.dataset.field.replace(/^contract\.milestones\[\d+\]\./, "");
        el.dataset.field = `contract.milestones[${i}].${base}`;
      }
    });
  };
  const account = input({ name: "accountType", label: w.accountType, type: "select",
                          options: accountTypes.map((t) => [t.id, w.accountNames[t.id] ?? t.id]),
                          value: initial.accountType ?? accountTypes[0]?.id, field: "contract.accountType" }, prefix);
  const endDate = input({ name: "endDate", label: w.fieldEndDate, type: "date", value: initial.endDate ?? "",
                          field: "contract.endDate", help: w.endDateHelp }, prefix);
  const lockedNote = h("p", { class: "help locked-help" });
  // R22: an offer by default; "already agreed" opens the contract at once.
  const start = input({ name: "start", label: w.howItStarts, type: "select", value: initial.start ?? "offer",
    options: [["offer", w.startOffer], ["agreed", w.startAgreed]],
    help: w.startHelp }, prefix);
  const form = h("form", { class: "form contract-form", novalidate: true },
    h("h2", { id: "dialog-title" }, title),
    input({ name: "title", label: w.contractTitle, value: initial.title, field: "contract.title" }, prefix),
    input({ name: "client", label: w.client, value: initial.client, field: "contract.client" }, prefix),
    input({ name: "freelancer", label: w.freelancer, value: initial.freelancer, field: "contract.freelancer" }, prefix),
    account, lockedNote, endDate, start,
    h("h3", {}, w.milestones),
    rows,
    h("button", { type: "button", class: "add-row", onclick: () => addRow({}, true) }, w.addMilestone),
    alert,
    h("div", { class: "buttons" },
      h("button", { type: "submit", class: "primary" }, w.createContract),
      h("button", { type: "button", class: "cancel" }, w.cancel)));
  const accountSelect = account.querySelector("select");
  const sync = () => {
    // The engine says which account types lock their plan (R3).
    lockedNote.textContent = accountTypes.find((t) => t.id === accountSelect.value)?.locksPlan ? w.lockedPlanNote : "";
  };
  accountSelect.addEventListener("change", sync);
  sync();
  for (const m of initial.milestones?.length ? initial.milestones : [{}]) addRow(m);
  const collect = () => {
    const top = {};
    for (const name of ["title", "client", "freelancer", "accountType", "endDate", "start"]) {
      top[name] = /** @type {HTMLInputElement} */ (form.querySelector(`#${prefix}-${name}`)).value;
    }
    top.milestones = [...rows.children].map((row) => {
      const m = {};
      for (const el of row.querySelectorAll(/** @type {"input"} */ ("[name]"))) m[el.name] = el.value;
      return m;
    });
    return top;
  };
  const close = wire(dialog, form, alert, () => onSubmit(collect()), returnFocus);
  fill(dialog, form);
  present(dialog, close);
}
