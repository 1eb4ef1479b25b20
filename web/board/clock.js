// The page clock: real time by default, plus a demo offset ("Advance 1 day", "Advance 14 days")
// so a user can watch a payment auto-release. The offset is kept with the page settings.
export const DAY = 86_400_000;

export class Clock {
  #offset;
  #save;

  constructor({ offset = 0, save = () => {} } = {}) {
    this.#offset = Number.isFinite(offset) && offset > 0 ? offset : 0;
    this.#save = save;
  }

  /** Milliseconds since the epoch, demo offset included. */
  now() {
    return Date.now() + this.#offset;
  }

  get offset() {
    return this.#offset;
  }

  /** Moves the demo clock forward; it never moves back. */
  advance(ms) {
    this.#offset += Math.max(0, ms);
    this.#save(this.#offset);
  }

  /** Back to real time. Contracts never go back in time: commands use max(now, lastAt). */
  reset() {
    this.#offset = 0;
    this.#save(0);
  }

  set(offset) {
    this.#offset = Math.max(0, Number(offset) || 0);
  }
}
