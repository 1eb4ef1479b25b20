// @ts-check
// A discussion thread on screen (discussion.js reads it): its messages, oldest first, each with
// its author, its time (Intl, in the board's language) and its text as text with its line breaks
// (CSS white-space: pre-wrap); "Show earlier messages"; and the form that posts to it. Kept
// between renders, so what is being typed survives them (a row drawn again takes its thread
// along): the list is drawn again only when its messages change. DOM only: the controller reads
// the draft and posts it (intents.js), and the engine's problems with it show at the field.
import { h, fill } from "./dom.js";
import { showProblems } from "./dialogs.js";
import { THREAD_PAGE } from "./discussion.js";

/** @typedef {import("./discussion.js").Thread} Thread */

export class ThreadView {
  /** The thread's element. */ el;
  #list;
  #empty;
  #earlier;
  #form;
  #label;
  #text;
  #problem;
  /** @type {Thread | null} */ #shown = null;
  #names = "";
  #title = "";
  #w;

  /**
   * @param {string} site "" for the contract's thread, else the milestone's id
   * @param {import("./words.js").Words} w
   */
  constructor(site, w) {
    this.#w = w;
    const key = site || "contract";
    const id = `post-${key}`;
    const on = site ? { milestone: site } : {};
    this.#list = h("ol", { class: "messages" });
    this.#empty = h("p", { class: "empty" }, w.noMessages);
    this.#earlier = h("button", { type: "button", class: "show-earlier", dataset: { action: "earlier", ...on } });
    this.#label = h("label", { for: id }, w.yourMessage);
    this.#text = h("textarea", { id, name: "text", rows: 3, "aria-describedby": `${id}-problem`, dataset: { field: "text", focus: `text:${site}` } });
    this.#problem = h("p", { class: "problem", id: `${id}-problem`, hidden: true });
    // Posted by its button's click (the controller's "post"); the form itself never submits.
    this.#form = h("form", { class: "post", novalidate: true, onsubmit: (/** @type {Event} */ e) => e.preventDefault() },
      this.#label, this.#text, this.#problem,
      h("button", { type: "button", class: "primary", dataset: { action: "post", ...on, focus: `post:${site}` } }, w.post));
    // A problem shown stays until the next post is tried, or the text changes.
    this.#text.addEventListener("input", () => {
      if (!this.#problem.hidden) showProblems(this.#form, this.#problem, [], new Set([this.#text]), w);
    });
    this.el = h("div", { class: "thread", id: `thread-${key}` }, this.#empty, this.#earlier, this.#list, this.#form);
  }

  /**
   * Brings the thread up to date.
   * @param {Thread} thread the messages to show (discussion.js)
   * @param {{client: string, freelancer: string, canPost: boolean, title?: string}} o the parties'
   *   names, whether the viewer may post now, and the milestone's title (for a milestone's thread)
   */
  update(thread, { client, freelancer, canPost, title }) {
    const w = this.#w;
    if (title !== undefined && title !== this.#title) {
      this.#title = title;
      this.el.setAttribute("role", "group");
      this.el.setAttribute("aria-label", w.discussionOf(title));
      this.#label.textContent = w.yourMessageOn(title);
    }
    const names = JSON.stringify([client, freelancer]);
    if (thread !== this.#shown || names !== this.#names) {
      this.#shown = thread;
      this.#names = names;
      fill(this.#list, thread.messages.map((m) => h("li", { class: `message by-${m.by}` },
        h("p", { class: "message-meta" },
          h("strong", { class: "author" }, m.by === "freelancer" ? freelancer : client), " ",
          h("time", { datetime: new Date(m.at).toISOString() }, w.moment(m.at))),
        h("p", { class: "message-text" }, m.text))));
    }
    this.#list.hidden = thread.count === 0;
    this.#empty.hidden = thread.count > 0;
    this.#earlier.hidden = thread.more === 0;
    if (thread.more > 0) this.#earlier.textContent = w.showEarlier(THREAD_PAGE, thread.more);
    this.#form.hidden = !canPost;
  }

  /** What is typed in the form. */
  get draft() {
    return this.#text.value;
  }

  /** Shows the engine's problems with the draft at its field, and gives it the focus. */
  problems(/** @type {import("./dialogs.js").Problem[]} */ problems) {
    showProblems(this.#form, this.#problem, problems, new Set([this.#text]), this.#w);
    this.#text.focus();
  }

  /** The draft was posted: the form is empty again. */
  posted() {
    this.#text.value = "";
    showProblems(this.#form, this.#problem, [], new Set([this.#text]), this.#w);
  }
}
