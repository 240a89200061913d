/**
 * Messages per minute per conversation, as a sliding window. A refused message is not dropped: the
 * caller tells the child's device when to send it again (`retryAfterMs`).
 */
export class RateLimiter {
  private readonly times: number[] = [];

  constructor(
    private readonly perMinute: number,
    private readonly windowMs = 60_000,
  ) {}

  /** 0 when a message may go now, else the milliseconds until one may. */
  retryAfter(now: number): number {
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - this.windowMs) this.times.shift();
    if (this.times.length < this.perMinute) return 0;
    return Math.max(1, (this.times[0] ?? now) + this.windowMs - now);
  }

  /** Counts one accepted message. */
  record(now: number): void {
    this.times.push(now);
  }
}
