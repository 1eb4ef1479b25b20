// @ts-check
// DOM helpers for the board. User text only ever goes through textContent and attributes.

/**
 * A child for h() and fill(): a node, text, nothing (null, undefined, false), or a list of them.
 * @typedef {Node | string | number | null | undefined | false | ChildList} Child
 * @typedef {Array<Child>} ChildList
 */

/**
 * Creates an element: h("button", {class: "x", onclick: f, dataset: {id: "m1"}}, "Label", child).
 * Strings become text nodes; null/false children are skipped. Never parses HTML.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [props] Attributes, `on…` listeners, `class`, `dataset`, `text`,
 *   and element properties given as non-strings (e.g. `{hidden: true}`, `{value: 3}`).
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const key in props) {
    const value = props[key];
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") {
      for (const name in value) {
        if (value[name] !== undefined) el.setAttribute(`data-${name}`, value[name]);
      }
    } else if (typeof value === "function" && key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else if (typeof value !== "string" && key in el) /** @type {any} */ (el)[key] = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/**
 * Appends children, nested arrays included (without flattening them into new arrays first: a
 * board of 1,000 milestones creates some 20,000 elements).
 * @param {Element} el @param {Child[]} children
 */
function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * Replaces the children of `el`.
 * @template {Element} E @param {E} el @param {...Child} children @returns {E}
 */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * Offers `text` as a file download.
 * @param {string} filename @param {string} text @param {string} [type] Its MIME type.
 */
export function download(filename, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
