/**
 * Runs jobs one at a time per key (a conversation), in arrival order, so two turns of one
 * conversation never interleave. Different keys run concurrently. A failing job does not stop the
 * jobs queued after it.
 */
export class TurnQueue {
  /**
   * Each key's line: the promise its next job waits on while jobs are queued or running, null when
   * it has none. A line is kept when it empties and reused by the key's next job, so a turn finds
   * its conversation's line with one look-up and adds no entry, rather than setting one and deleting
   * it again (session 40: at 100 conversations the Map's tables, grown and shrunk as lines came and
   * went, were the largest thing Harbour's server code left for the young generation's collector to
   * copy). Empty lines are removed together, once there are many of them (see `run`).
   */
  private readonly lines = new Map<string, Line>();
  /** Lines with nothing queued. */
  private emptyLines = 0;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  /** Queues `job` behind the key's earlier jobs; resolves or rejects with the job's own result. */
  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    let line = this.lines.get(key);
    if (line === undefined) {
      line = { tail: null };
      this.lines.set(key, line);
    } else if (line.tail === null) {
      this.emptyLines -= 1;
    }
    const previous = line.tail ?? SETTLED;
    this.inFlight += 1;
    const result = previous.then(job, job);
    const queued = line;
    // Settles (never rejects) once the job has, after the bookkeeping: what the next job waits on.
    const done = (): void => {
      this.inFlight -= 1;
      if (queued.tail === tail) {
        queued.tail = null;
        this.emptyLines += 1;
        // Empty lines go once they are many and at least half of all lines: the Map stays about as
        // large as the set of keys in use, and is rebuilt now and then rather than on every turn.
        if (this.emptyLines >= EMPTY_LINES_KEPT && this.emptyLines * 2 >= this.lines.size) this.removeEmptyLines();
      }
      if (this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    };
    const tail: Promise<void> = result.then(done, done);
    line.tail = tail;
    return result;
  }

  /** Whether a key has queued or running jobs. */
  isBusy(key: string): boolean {
    const line = this.lines.get(key);
    return line !== undefined && line.tail !== null;
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

  private removeEmptyLines(): void {
    for (const [key, line] of this.lines) if (line.tail === null) this.lines.delete(key);
    this.emptyLines = 0;
  }
}

/** One key's place in the queue. */
interface Line {
  tail: Promise<unknown> | null;
}

/** Empty lines kept before any are removed (each is a small object and its key: about 100 KB in all). */
const EMPTY_LINES_KEPT = 1024;

/** What a key with nothing queued waits on: one settled promise shared by every run, not a new one each. */
const SETTLED: Promise<unknown> = Promise.resolve();
