/**
 * Estimated wait from recent accept times: how long the last chats waited between asking and a
 * counsellor accepting. With too few recent samples there is no estimate (`undefined`), and the
 * child is told honestly that we don't know yet.
 */
export interface WaitEstimatorOptions {
  /** Fewer recent accepts than this: no estimate. Default 3. */
  readonly minSamples?: number;
  /** Only accepts this recent count. Default 2 hours. */
  readonly windowMs?: number;
  /** At most this many samples are kept. Default 50. */
  readonly maxSamples?: number;
}

export class WaitEstimator {
  readonly #minSamples: number;
  readonly #windowMs: number;
  readonly #maxSamples: number;
  #samples: { at: number; waitMs: number }[] = [];

  constructor(options: WaitEstimatorOptions = {}) {
    this.#minSamples = options.minSamples ?? 3;
    this.#windowMs = options.windowMs ?? 2 * 60 * 60 * 1000;
    this.#maxSamples = options.maxSamples ?? 50;
    if (this.#minSamples < 1 || this.#windowMs <= 0 || this.#maxSamples < this.#minSamples) {
      throw new RangeError('WaitEstimator: minSamples ≥ 1, windowMs > 0, maxSamples ≥ minSamples');
    }
  }

  /** A counsellor accepted a chat that had waited `waitMs`. */
  record(waitMs: number, at: Date): void {
    this.#samples.push({ at: at.getTime(), waitMs: Math.max(0, waitMs) });
    if (this.#samples.length > this.#maxSamples) this.#samples.shift();
  }

  /** How many samples count at `now`. */
  sampleCount(now: Date): number {
    return this.#recent(now).length;
  }

  /**
   * Seconds the chat at `position` (1-based) may wait: the median recent wait for each place
   * ahead of it and its own. Undefined when there are too few recent samples.
   */
  estimateSeconds(position: number, now: Date): number | undefined {
    const recent = this.#recent(now);
    if (recent.length < this.#minSamples) return undefined;
    const sorted = recent.map((s) => s.waitMs).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    return Math.max(0, Math.round((median * Math.max(1, position)) / 1000));
  }

  #recent(now: Date): { at: number; waitMs: number }[] {
    const since = now.getTime() - this.#windowMs;
    return this.#samples.filter((s) => s.at >= since && s.at <= now.getTime());
  }
}
