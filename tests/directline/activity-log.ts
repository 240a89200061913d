import type { WireActivity } from '../../server/protocol/index.js';

/**
 * Records activities as a client receives them and lets a test wait for one matching a predicate:
 * bounded by a timeout, resolved by the arrival itself (never a sleep).
 */
export class ActivityLog {
  readonly items: WireActivity[] = [];
  readonly errors: unknown[] = [];
  private waiters: { match: (a: WireActivity) => boolean; from: number; resolve: (a: WireActivity) => void }[] = [];

  push(activity: WireActivity): void {
    this.items.push(activity);
    const index = this.items.length - 1;
    for (const waiter of [...this.waiters]) {
      if (index >= waiter.from && waiter.match(activity)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(activity);
      }
    }
  }

  /** The first activity at index >= `from` (already received or coming) that matches. */
  next(match: (a: WireActivity) => boolean, from = 0, timeoutMs = 15_000): Promise<WireActivity> {
    const found = this.items.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.items.slice(from).map((a) => `${a.type}:${a.name ?? a.text?.slice(0, 30) ?? ''}`);
        reject(new Error(`no matching activity in ${timeoutMs} ms; saw ${JSON.stringify(seen)}`));
      }, timeoutMs);
      this.waiters.push({ match, from, resolve: (a) => (clearTimeout(timer), resolve(a)) });
    });
  }

  /** Sequence numbers (Direct Line watermarks) of every committed activity received, in order. */
  seqs(): number[] {
    return this.items.map((a) => (a.channelData as { seq?: number } | undefined)?.seq).filter((s): s is number => s !== undefined);
  }
}
