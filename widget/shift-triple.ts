/**
 * Detects Shift pressed on its own three times within a window (default 5 s), the keyboard
 * shortcut for quick exit (as GOV.UK's "Exit this page" does). Typing capitals must not trigger
 * it: a Shift press counts only if no other key went down between its keydown and keyup, and any
 * other key starts the count again. Pure: the clock is injected, so tests control time.
 */
export class ShiftTriple {
  #presses: number[] = [];
  #isShiftDown = false;
  #isTainted = false;

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly windowMs = 5_000,
    private readonly count = 3,
  ) {}

  /** Feed every keydown. */
  keydown(event: { readonly key: string; readonly repeat?: boolean }): void {
    if (event.key === 'Shift') {
      if (event.repeat === true) return;
      this.#isShiftDown = true;
      this.#isTainted = false;
      return;
    }
    // Any other key (a capital letter, a space) means this is typing, not the shortcut.
    this.#isTainted = true;
    this.#presses = [];
  }

  /** Feed every keyup; returns true when this keyup completes the shortcut. */
  keyup(event: { readonly key: string }): boolean {
    if (event.key !== 'Shift') return false;
    const counts = this.#isShiftDown && !this.#isTainted;
    this.#isShiftDown = false;
    this.#isTainted = false;
    if (!counts) return false;
    const t = this.now();
    this.#presses = this.#presses.filter((p) => t - p < this.windowMs);
    this.#presses.push(t);
    if (this.#presses.length >= this.count) {
      this.#presses = [];
      return true;
    }
    return false;
  }

  /** Forget everything (e.g. when the window loses focus). */
  reset(): void {
    this.#presses = [];
    this.#isShiftDown = false;
    this.#isTainted = false;
  }
}
