// @ts-check
// Forms in a modal <dialog>: one field list per action. The engine checks the command as it is
// typed (its `check` query) and every problem shows at its field, in the catalog's words.
import { h, fill } from "./dom.js";
import { filesField } from "./files.js";

/**
 * A problem of a form: the engine's (code, field, params, message in the board's words) or the
 * page's own (a message and a field).
 * @typedef {{message: string, field?: string, code?: string}} Problem
 */

let formCount = 0;

/**
 * A labelled input. `field` is the engine's field path, so a refusal can point at it. A "files"
 * field is files.js's (attached files, their hashes computed here).
 */
function input(spec, prefix, w = null) {
  const id = `${prefix}-${spec.name}`;
  if (spec.type === "files") return filesField(spec, id, w);
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
  if (spec.type === "money") control.dataset.money = "";
  const help = spec.help ? h("p", { class: "help", id: `${id}-help` }, spec.help) : null;
  const problem = h("p", { class: "problem", id: `${id}-problem`, hidden: true });
  control.setAttribute("aria-describedby", help ? `${id}-problem ${help.id}` : `${id}-problem`);
  return h("div", { class: `field field-${spec.name}` }, h("label", { for: id }, spec.label), control, problem, help);
}

/**
 * Shows each problem under the control whose data-field is its field. `only`: the controls the
 * person has touched (as they type, only theirs speak); without it every problem shows, and
 * those of no control go in `alert`. An amount that is not dollars is worded as such. Returns
 * the first control with a problem, in the form's order.
 * @param {HTMLFormElement} form @param {HTMLElement} alert @param {Problem[]} problems
 * @param {Set<Element> | null} only @param {import("./words.js").Words} w
 */
export function showProblems(form, alert, problems, only, w) {
  /** @type {Map<Element, string[]>} */
  const at = new Map();
  const general = [];
  for (const p of problems) {
    const control = p.field ? form.querySelector(`[data-field="${CSS.escape(p.field)}"]`) : null;
    if (!control) general.push(p.message);
    else if (!only || only.has(control)) at.set(control, [...(at.get(control) ?? []), p.message]);
  }
  let first = null;
  for (const control of /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("[data-field]"))) {
    let messages = at.get(control);
    if (messages && control.dataset.money !== undefined && w.parseAmount(control.value) === null) messages = [w.notDollars];
    const slot = /** @type {HTMLElement} */ (control.parentElement.querySelector(".problem"));
    slot.textContent = messages?.join(" ") ?? "";
    slot.hidden = !messages;
    if (messages) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
    if (messages) first ??= control;
  }
  if (!only) alert.textContent = [problems.length > 0 && at.size > 0 ? w.problemsBelow(problems.length - general.length) : "", ...general].filter(Boolean).join(" ");
  return first;
}

/** Reads a form's named controls into an object (each value a string). */
function values(form) {
  const out = {};
  for (const el of form.elements) if (el.name) out[el.name] = el.value;
  return out;
}

/**
 * Shows a modal form. `check(values)` gives every problem of what is typed (see wire);
 * `onSubmit(values)` returns nothing on success (the dialog closes) or a problem to show.
 */
export function openForm(dialog, { title, intro, submitLabel, fields, onSubmit, check, onInput, returnFocus }, w) {
  const prefix = `f${++formCount}`;
  const alert = h("p", { class: "alert", role: "alert" });
  const explain = h("p", { class: "explain", "aria-live": "polite" });
  const form = h("form", { class: "form", novalidate: true },
    h("h2", { id: "dialog-title" }, title),
    alert,
    intro ? h("p", { class: "intro" }, intro) : null,
    fields.map((f) => input(f, prefix, w)),
    explain,
    h("div", { class: "buttons" },
      h("button", { type: "submit", class: "primary" }, submitLabel),
      h("button", { type: "button", class: "cancel" }, w.cancel)));
  const close = wire(form, alert, { dialog, onSubmit, check, returnFocus, read: () => values(form) }, w);
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

/**
 * A form's submit and cancel. As the person types, the problems of the fields they touched show
 * at those fields (after a first submit, of every field); on submit every problem shows, the
 * alert says how many, and the first field with one takes the focus. `onSubmit` runs only when
 * `check` finds nothing.
 * @param {HTMLFormElement} form @param {HTMLElement} alert
 * @param {{dialog: HTMLDialogElement, onSubmit: (values: any, form?: HTMLFormElement) => Problem | null | undefined,
 *   check?: (values: any) => Problem[], returnFocus?: () => void, read: () => any}} how
 * @param {import("./words.js").Words} w
 */
function wire(form, alert, { dialog, onSubmit, check, returnFocus, read }, w) {
  const close = () => {
    dismiss(dialog);
    returnFocus?.();
  };
  const touched = new Set();
  let submitted = false;
  form.addEventListener("input", (e) => {
    if (!check) return;
    touched.add(e.target);
    showProblems(form, alert, check(read()), submitted ? new Set(form.querySelectorAll("[data-field]")) : touched, w);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submitted = true;
    const problems = check?.(read()) ?? [];
    const problem = problems.length > 0 ? null : onSubmit(read(), form);
    // Closed after the render the submit queued: the focus then goes once to the control the
    // render drew, and the page lays out once, not for the old control and again for the new.
    if (problems.length === 0 && !problem) return queueMicrotask(close);
    const first = showProblems(form, alert, problem ? [problem] : problems, null, w);
    /** @type {HTMLElement} */ (first)?.focus();
  });
  form.querySelector(".cancel").addEventListener("click", close);
  dialog.onclose = null;
  return close;
}

/**
 * The same name for both parties is allowed, but rarely meant: `note` says so as the names are
 * typed, and the form still submits.
 * @param {HTMLFormElement} form @param {HTMLElement} note @param {() => any} read
 * @param {import("./words.js").Words} w
 */
function watchNames(form, note, read, w) {
  const same = () => {
    const { client, freelancer } = read();
    const name = (/** @type {string} */ s) => s.trim().toLocaleLowerCase();
    note.textContent = name(client) !== "" && name(client) === name(freelancer) ? w.sameNames : "";
  };
  form.addEventListener("input", same);
  same();
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
 * @param {(draft: any) => (Problem | null | undefined)} options.onSubmit
 * @param {(draft: any) => Problem[]} [options.check] every problem of the draft (see wire)
 * @param {string} [options.today] the viewer's calendar date, where the date pickers start
 * @param {() => void} [options.returnFocus]
 * @param {{id: string, locksPlan: boolean, needsEndDate: boolean}[]} [options.accountTypes]
 * @param {import("./words.js").Words} w the board's words
 */
export function openContractForm(dialog, { title, initial = {}, onSubmit, check, today, returnFocus, accountTypes = [] }, w) {
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
        input({ name: `dueDate`, label: w.fieldDueDate, type: "date", value: m.dueDate, field: "dueDate", min: today }, p),
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
                          field: "contract.endDate", help: w.endDateHelp, min: today }, prefix);

  const lockedNote = h("p", { class: "help locked-help" });
  const sameNames = h("p", { class: "help same-names", "aria-live": "polite" });
  // R22: an offer by default; "already agreed" opens the contract at once.
  const start = input({ name: "start", label: w.howItStarts, type: "select", value: initial.start ?? "offer",
    options: [["offer", w.startOffer], ["agreed", w.startAgreed]],
    help: w.startHelp }, prefix);
  const form = h("form", { class: "form contract-form", novalidate: true },
    h("h2", { id: "dialog-title" }, title),
    alert,
    input({ name: "title", label: w.contractTitle, value: initial.title, field: "contract.title" }, prefix),
    input({ name: "client", label: w.client, value: initial.client, field: "contract.client" }, prefix),
    input({ name: "freelancer", label: w.freelancer, value: initial.freelancer, field: "contract.freelancer" }, prefix),
    sameNames, account, lockedNote, endDate, start,
    h("h3", {}, w.milestones),
    rows,
    h("button", { type: "button", class: "add-row", onclick: () => addRow({}, true) }, w.addMilestone),
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
  watchNames(form, sameNames, collect, w);
  const close = wire(form, alert, { dialog, onSubmit: () => onSubmit(collect()), check, returnFocus, read: collect }, w);
  fill(dialog, form);
  present(dialog, close);
}
