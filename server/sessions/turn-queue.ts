/**
 * Runs jobs one at a time per key (a conversation), in arrival order, so two turns of one
 * conversation never interleave. Different keys run concurrently. A failing job does not stop the
 * jobs queued after it.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  /** Queues `job` behind the key's earlier jobs; resolves or rejects with the job's own result. */
  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? SETTLED;
    this.inFlight += 1;
    const result = previous.then(job, job);
    // Settles (never rejects) once the job has, after the bookkeeping: what the next job waits on.
    const done = (): void => {
      this.inFlight -= 1;
      if (this.tails.get(key) === tail) this.tails.delete(key);
      if (this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    };
    const tail: Promise<void> = result.then(done, done);
    this.tails.set(key, tail);
    return result;
  }

  /** Whether a key has queued or running jobs. */
  isBusy(key: string): boolean {
    return this.tails.has(key);
  }

  /** Jobs queued or running across all keys. */
  get size(): number {
    return this.inFlight;
  }

  /** Resolves when every queued job has finished (graceful shutdown). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

/** What a key with nothing queued waits on: one settled promise shared by every run, not a new one each. */
const SETTLED: Promise<unknown> = Promise.resolve();
