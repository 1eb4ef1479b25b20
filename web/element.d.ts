// Typings for <milestone-board> (element.js): attributes, properties, methods and events.
import type {
  Command, Contract, Engine, EngineErrorInfo, EngineEvent, ErrorCode, LoadOptions, Timestamp,
} from "./milestones.js";

/** A command as the host gives it to the board: `at` is optional (the board's clock). */
export type BoardCommand = {
  [K in Command["type"]]: Omit<Extract<Command, { type: K }>, "at"> & { at?: Timestamp };
}[Command["type"]];

/** Why the board or the engine said no. */
export interface BoardErrorInfo extends Omit<EngineErrorInfo, "code"> {
  /**
   * An engine code, or one of the board's own: `READ_ONLY` (the contract was saved by a newer
   * board), `NOT_READY` (called before `ready` resolved), `NO_SIGNING_KEY` (R26: the contract is
   * signed and this browser does not hold the key of the command's actor; `params.party`).
   * `NO_CONTRACT`: no contract is on show.
   */
  code: ErrorCode | "READ_ONLY" | "NOT_READY" | "NO_SIGNING_KEY";
}

/** What `dispatch` returns: the engine's answer, or the board's refusal. */
export type BoardDispatchResult =
  | { /** Accepted, shown, and saved (on a signed contract once signed, a moment later). */ ok: true; /** The events appended. */ events: EngineEvent[] }
  | { /** Refused; nothing changed. */ ok: false; /** Why. */ error: BoardErrorInfo };

/** `before-command` detail: a person's action, before the engine sees it. Cancel to veto. */
export interface BeforeCommandDetail {
  /** The storage id of the contract (for create_contract: the new contract's id). */
  contractId: string | null;
  /** The command exactly as it will be dispatched, `at` included. */
  command: Command;
}

/** `command-accepted` detail. */
export interface CommandAcceptedDetail {
  /** The storage id of the contract. */
  contractId: string;
  /** The command as dispatched. */
  command: Command;
  /** The events the engine appended (automatic releases first). */
  events: EngineEvent[];
}

/** `command-rejected` detail. */
export interface CommandRejectedDetail {
  /** The storage id of the contract, or null for a refused create_contract without an id. */
  contractId: string | null;
  /** The command as dispatched. */
  command: Command;
  /** The engine's refusal, in its own words. */
  error: EngineErrorInfo;
}

/** `contract-change` and `board-ready` detail. */
export interface ContractChangeDetail {
  /** The storage id of the contract now on show, or null. */
  contractId: string | null;
}

/** The events <milestone-board> fires; all bubble and are composed. */
export interface MilestoneBoardEventMap {
  /** A person's action is about to run; `preventDefault()` vetoes it (nothing runs or shows). */
  "before-command": CustomEvent<BeforeCommandDetail>;
  /** The engine accepted a command (a person's, the host's, or an automatic release). */
  "command-accepted": CustomEvent<CommandAcceptedDetail>;
  /** The engine refused a command. */
  "command-rejected": CustomEvent<CommandRejectedDetail>;
  /** Another contract is on show (opened, created or imported). */
  "contract-change": CustomEvent<ContractChangeDetail>;
  /** The board is on screen. */
  "board-ready": CustomEvent<ContractChangeDetail>;
}

/**
 * `<milestone-board>`: the milestone board as a custom element with a shadow root.
 * Importing "milestone-engine/element" defines it.
 */
export class MilestoneBoardElement extends HTMLElement {
  /** The attributes it watches. */
  static readonly observedAttributes: string[];
  /** The stylesheet: a CSSStyleSheet, or a URL; null means board.css next to the module. Set before the first element is created. */
  static styles: CSSStyleSheet | string | URL | null;
  /** Options for the engine the boards share, when a board has no `engine` of its own. */
  static engineOptions: LoadOptions;

  /** Resolves with the element once the board is on screen; rejects if the engine cannot load. */
  readonly ready: Promise<MilestoneBoardElement>;
  /** The engine; set it before the element connects to share or configure it. */
  engine: Engine | null;
  /** The engine contract on show (read it; change it through `dispatch`), or null. */
  readonly contract: Contract | null;
  /** Attribute `contract`: show only this contract, no list. Reads back the contract on show. */
  contractId: string | null;
  /** Attribute `acting-as`: fixes the acting role; without it the board offers "Acting as". */
  actingAs: "client" | "freelancer";
  /**
   * Attribute `storage-prefix`: the localStorage key prefix (default "milestone-board"), which
   * also names this browser's signing keys for the board (R26: kept in IndexedDB, per prefix).
   */
  storagePrefix: string;
  /** Attribute `clock`: "real" (default) or "demo" (Advance 1 day / Advance 14 days). */
  clock: "real" | "demo";
  /** Attribute `banner-src`: URL of a banner config (R21), or null for none. `ready` does not wait for it. */
  bannerSrc: string | null;
  /**
   * Boolean attribute `links`: the board owns the page. It opens a contract link (`#share=…`,
   * made by "Share link") found in the page address when it starts and whenever the fragment
   * changes (the link is then removed from the address), and counts what waits for the acting
   * party in the page title. Changing it starts the board over.
   */
  links: boolean;
  /**
   * The global attribute `lang` (observed): the language of the board's words, money and dates,
   * "en" (the default) or "de" (any "de-…"); other languages get English. Without it on the
   * element, the nearest `lang` around it (the document's `<html lang>`) decides. Changing the
   * element's `lang` starts the board over.
   */
  lang: string;

  /**
   * Runs a command as the host, on the contract on show (or a new contract for
   * create_contract). Saved, shown, and reported by command-accepted / command-rejected. A new
   * contract is signed with this browser's client key unless the command names a `clientKey`;
   * on a signed contract the events are saved once this browser has signed them (R26).
   */
  dispatch(command: BoardCommand): BoardDispatchResult;

  addEventListener<K extends keyof MilestoneBoardEventMap>(
    type: K, listener: (this: MilestoneBoardElement, ev: MilestoneBoardEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof MilestoneBoardEventMap>(
    type: K, listener: (this: MilestoneBoardElement, ev: MilestoneBoardEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "milestone-board": MilestoneBoardElement;
  }
}
