// @ts-check
// The class behind <milestone-board>: a shadow root holding the board, attributes and properties
// for what it shows, and DOM events for what happens in it. element.js defines the tag.
import { loadEngine } from "./milestones.js";
import { MilestoneBoard } from "./board/board.js";
import { Store, FORMAT } from "./board/store.js";
import { Clock } from "./board/clock.js";
import { catalog } from "./board/words.js";
import { Keys } from "./board/keys.js";

/** @typedef {import("./milestones.js").Engine} Engine */
/** @typedef {import("./milestones.js").LoadOptions} LoadOptions */
/** @typedef {import("./milestones.js").BannerConfig} BannerConfig */
/** @typedef {import("./element.js").MilestoneBoardElement} ElementApi */

/** @type {Set<unknown>} */
const ROLES = new Set(["client", "freelancer"]);

// How long a starting board stays blank before it says it is loading. A notice that shows for a
// moment and is replaced by the board is a flash, not information; and laying out its text in a
// fresh page (the first text layout loads fonts) costs a board's start tens of milliseconds
// (tests/bench/README.md).
const LOADING_NOTICE_DELAY_MS = 400;

/** @type {Promise<Engine> | null} */
let sharedEngine = null;  // one WebAssembly instance for every board on the page

/** The engine the boards share, loaded on first use with MilestoneBoardElement.engineOptions. */
function defaultEngine() {
  sharedEngine ??= loadEngine(MilestoneBoardElement.engineOptions).catch((e) => {
    sharedEngine = null;  // let a later board try again
    throw e;
  });
  return sharedEngine;
}

/** The viewer's country code, from the browser's language ("US" when it names none). */
function viewerCountry() {
  // The region subtag when the language tag has one ("en-GB", "zh-Hant-TW"): reading it is free,
  // while a first Intl.Locale#maximize costs a fresh page 20-30 ms of loading locale data.
  const region = /^[a-z]{2,3}(?:-[a-z]{4})?-([a-z]{2}|\d{3})(?:-|$)/i.exec(navigator.language)?.[1];
  if (region) return region.toUpperCase();
  try {
    return new Intl.Locale(navigator.language).maximize().region ?? "US";
  } catch {
    return "US";
  }
}

/**
 * The banner config at `src`, or null (no `src`, or it could not be read).
 * @param {string | null} src @returns {Promise<BannerConfig | null>}
 */
async function fetchBannerConfig(src) {
  if (!src) return null;
  try {
    const response = await fetch(new URL(src, document.baseURI));
    return response.ok ? await response.json() : null;
  } catch {
    return null;  // no banner is better than no board
  }
}

/**
 * <milestone-board contract="c-42" acting-as="client" storage-prefix="acme" clock="demo"
 *                  banner-src="banner.json" links>
 *
 * Attributes (each also a property): `contract` (contractId) shows that one contract and no
 * list; `acting-as` (actingAs) fixes the role, otherwise the board offers "Acting as";
 * `storage-prefix` (storagePrefix) namespaces the localStorage keys; `clock` ("real" or
 * "demo") offers the demo clock; `banner-src` (bannerSrc) is a banner config URL (R21);
 * `links` (boolean) lets the board own the page: it opens contract links (`#share=…`) found in
 * the page address and counts in the page title; `lang` (the global attribute and property)
 * chooses the board's language, "en" (the default) or "de"; without it on the element, the
 * nearest `lang` around it (the document's `<html lang>`) does.
 *
 * Events (bubbling, composed): `before-command` (cancelable; a person's action, before the
 * engine sees it), `command-accepted`, `command-rejected`, `contract-change`, `board-ready`.
 * @implements {ElementApi}
 */
export class MilestoneBoardElement extends HTMLElement {
  static observedAttributes = ["contract", "acting-as", "storage-prefix", "clock", "banner-src", "links", "lang"];

  /**
   * The stylesheet: a CSSStyleSheet, or a URL; null means board.css next to this module.
   * Read when a board starts (a microtask after it connects), like engineOptions.
   * @type {CSSStyleSheet | string | URL | null}
   */
  static styles = null;

  /** Options for loadEngine() when the page did not give a board its own `engine`. @type {LoadOptions} */
  static engineOptions = {};

  /** @type {any} */ #board = null;  // the MilestoneBoard (board/board.js) on show
  /** @type {Engine | null} */ #engine = null;
  #styled = false;
  /** @type {HTMLDivElement} */ #container;
  #generation = 0;
  /** @type {Promise<MilestoneBoardElement>} */ #ready;
  /** @type {{resolve(element: MilestoneBoardElement): void, reject(reason: unknown): void}} */ #settle;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    this.#container = document.createElement("div");
    this.#container.className = "app";
    this.#container.setAttribute("aria-busy", "true");
    root.append(this.#container);
    this.#ready = new Promise((resolve, reject) => { this.#settle = { resolve, reject }; });
    this.#ready.catch(() => {});  // a page that never awaits `ready` sees the error on the board
  }

  connectedCallback() {
    if (!this.#board) this.#start();
  }

  disconnectedCallback() {
    // Moving the element within the page disconnects and reconnects it in one task: keep the
    // board through that, stop it only if it stays out of the document.
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  /** @param {string} name @param {string | null} before @param {string | null} after */
  attributeChangedCallback(name, before, after) {
    if (before === after || !this.#board) return;
    if (name === "contract") {
      if (after) this.#board.select(after, true);
      else this.#restart();
    } else if (name === "acting-as") {
      if (ROLES.has(after)) this.#board.setRole(after, true);
      else this.#restart();
    } else {
      this.#restart();  // another store, clock, banner, links or language: start over from storage
    }
  }

  /** Resolves with the element once the board is on screen; rejects if the engine cannot load. */
  get ready() {
    return this.#ready;
  }

  /** The engine (from loadEngine). Set it before the element connects to share or configure it. */
  get engine() {
    return this.#engine;
  }
  set engine(engine) {
    this.#engine = engine;
    if (this.#board) this.#restart();
  }

  /**
   * The engine's Contract on show (state(), log(), allowed()), or null. Read from it freely;
   * change it through dispatch() so the board saves, shows and reports the change.
   */
  get contract() {
    return this.#board?.contract ?? null;
  }

  /** The id of the contract on show (the `contract` attribute, or what the person opened). */
  get contractId() {
    return this.#board?.contractId ?? this.getAttribute("contract");
  }
  set contractId(id) {
    this.#reflect("contract", id);
  }

  /** The acting role, "client" or "freelancer". Setting it fixes the role. */
  get actingAs() {
    return this.#board?.role ?? (ROLES.has(this.getAttribute("acting-as")) ? this.getAttribute("acting-as") : "client");
  }
  set actingAs(role) {
    this.#reflect("acting-as", role);
  }

  /** The localStorage key prefix; give each board on a page its own. */
  get storagePrefix() {
    return this.getAttribute("storage-prefix") || FORMAT;
  }
  set storagePrefix(prefix) {
    this.#reflect("storage-prefix", prefix);
  }

  /** "real" (the default) or "demo" (offers Advance 1 day / Advance 14 days / Real time). */
  get clock() {
    return this.getAttribute("clock") === "demo" ? "demo" : "real";
  }
  set clock(mode) {
    this.#reflect("clock", mode);
  }

  /** URL of a banner config (R21), or null for no banner. */
  get bannerSrc() {
    return this.getAttribute("banner-src");
  }
  set bannerSrc(src) {
    this.#reflect("banner-src", src);
  }

  /**
   * Whether the board owns the page (a boolean attribute): it opens a contract link (`#share=…`)
   * found in the page address, at start and when the fragment changes, and counts in the title.
   */
  get links() {
    return this.hasAttribute("links");
  }
  set links(on) {
    this.toggleAttribute("links", Boolean(on));
  }

  /**
   * Runs a command as the host: on the contract on show, or a new one for create_contract.
   * `at` defaults to the board's clock. Fires command-accepted / command-rejected (never
   * before-command: the host already decided). Returns the engine's answer.
   * @type {ElementApi["dispatch"]}
   */
  dispatch(command) {
    if (!this.#board) {
      return { ok: false, error: { code: "NOT_READY", message: catalog(this.#lang()).notReady, params: {} } };
    }
    return this.#board.dispatch(command);
  }

  /**
   * Sets the attribute `name` to `value`, or removes it for null, undefined or "".
   * @param {string} name @param {unknown} value
   */
  #reflect(name, value) {
    if (value === null || value === undefined || value === "") this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  /**
   * Fires a bubbling, composed event; false when a listener cancelled it.
   * @param {string} type @param {unknown} detail @param {boolean} [cancelable] @returns {boolean}
   */
  #emit(type, detail, cancelable = false) {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  /** Styles the shadow root, once: MilestoneBoardElement.styles as it is when the board starts. */
  #style() {
    if (this.#styled) return;
    this.#styled = true;
    const styles = MilestoneBoardElement.styles;
    if (typeof CSSStyleSheet === "function" && styles instanceof CSSStyleSheet) {
      this.shadowRoot.adoptedStyleSheets = [styles];
    } else {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = String(styles ?? new URL("./board.css", import.meta.url));
      this.shadowRoot.prepend(link);
    }
  }

  async #start() {
    const generation = ++this.#generation;
    // One microtask first: a module that imports element.js (which upgrades the elements already
    // in the page) can still set MilestoneBoardElement.styles and .engineOptions before any use.
    await null;
    if (generation !== this.#generation || !this.isConnected) return;
    this.#style();
    this.#container.removeAttribute("role");  // a failed start before this one said so here
    this.#container.setAttribute("aria-busy", "true");
    const container = this.#container;
    const notice = setTimeout(() => {
      if (container === this.#container && !this.#board) container.textContent = catalog(this.#lang()).loading;
    }, LOADING_NOTICE_DELAY_MS);
    try {
      const loading = this.#engine ?? defaultEngine();
      // The banner does not hold up the board: it shows when its config arrives (undefined until then).
      let bannerConfig;
      const bannerArrived = fetchBannerConfig(this.bannerSrc).then((config) => (bannerConfig = config));
      // While the engine compiles: open the storage (a browser's first localStorage read is slow)
      // and look up the viewer's country, so neither waits on the first render.
      const store = new Store({ prefix: this.storagePrefix });
      store.setting("clock", 0);
      const country = viewerCountry();
      // This browser's signing keys for the prefix (R26), from IndexedDB while the engine compiles.
      const keys = await Keys.open({ prefix: this.storagePrefix });
      const engine = await loading;
      if (generation !== this.#generation || !this.isConnected) return;
      this.#engine = engine;
      const demo = this.clock === "demo";
      const clock = demo
        ? new Clock({ offset: store.setting("clock", 0), save: (offset) => store.setSetting("clock", offset) })
        : new Clock();
      const role = this.getAttribute("acting-as");
      clearTimeout(notice);
      this.#container.replaceChildren();
      this.#container.removeAttribute("aria-busy");
      this.#board = new MilestoneBoard(this.#container, {
        engine, store, clock, keys, bannerConfig: bannerConfig ?? null, country, demoClock: demo,
        role: ROLES.has(role) ? role : null,
        contractId: this.getAttribute("contract") || null,
        links: this.hasAttribute("links"),
        lang: this.#lang(),
        hooks: {
          beforeCommand: (command, contractId) => this.#emit("before-command", { contractId, command }, true),
          accepted: (detail) => this.#emit("command-accepted", detail),
          rejected: (detail) => this.#emit("command-rejected", detail),
          selected: (contractId) => this.#emit("contract-change", { contractId }),
        },
      });
      this.#board.start();
      if (bannerConfig === undefined) {
        const board = this.#board;
        bannerArrived.then((config) => { if (config && board === this.#board) board.setBannerConfig(config); });
      }
      this.#settle.resolve(this);
      this.#emit("board-ready", { contractId: this.#board.contractId });
    } catch (e) {
      if (generation !== this.#generation) return;
      clearTimeout(notice);
      this.#container.replaceChildren();
      this.#container.removeAttribute("aria-busy");
      this.#container.textContent = catalog(this.#lang()).engineFailed(e.message);
      this.#container.setAttribute("role", "alert");
      this.#settle.reject(e);
    }
  }

  #stop() {
    this.#generation++;
    if (!this.#board) return;
    this.#board.stop();
    this.#board = null;
    // A fresh container: the old board's listeners go with the old one.
    const fresh = document.createElement("div");
    fresh.className = "app";
    this.#container.replaceWith(fresh);
    this.#container = fresh;
  }

  /** The board's language: the element's `lang`, else the nearest one around it (the document's). */
  #lang() {
    return this.closest("[lang]")?.getAttribute("lang") ?? document.documentElement.lang ?? "en";
  }

  #restart() {
    this.#stop();
    if (this.isConnected) this.#start();
  }
}
