// @ts-check
// The page clock: real time by default, plus a demo offset ("Advance 1 day", "Advance 14 days")
// so a user can watch a payment auto-release. The offset is kept with the page settings.
export const DAY = 86_400_000;

export class Clock {
  /** @type {number} */ #offset;
  /** @type {(offset: number) => void} */ #save;

  /**
   * @param {{offset?: number, save?: (offset: number) => void}} [options] The demo offset to start
   *   from, and where to keep it when it changes.
   */
  constructor({ offset = 0, save = () => {} } = {}) {
    this.#offset = Number.isFinite(offset) && offset > 0 ? offset : 0;
    this.#save = save;
  }

  /** Milliseconds since the epoch, demo offset included. @returns {number} */
  now() {
    return Date.now() + this.#offset;
  }

  /** The demo offset in milliseconds (0: real time). */
  get offset() {
    return this.#offset;
  }

  /** Moves the demo clock forward; it never moves back. @param {number} ms */
  advance(ms) {
    this.#offset += Math.max(0, ms);
    this.#save(this.#offset);
  }

  /** Back to real time. Contracts never go back in time: commands use max(now, lastAt). */
  reset() {
    this.#offset = 0;
    this.#save(0);
  }

  /** Sets the offset as another tab saved it (not saved again). @param {unknown} offset */
  set(offset) {
    this.#offset = Math.max(0, Number(offset) || 0);
  }
}
