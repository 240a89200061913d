/**
 * The child side of a benchmark server process: announce the port once listening, and answer
 * the parent's requests for CPU and memory figures over the IPC channel. Every benchmark server
 * (echo, botbuilder, Harbour) runs in its own child process so its CPU time can be read alone.
 */

/** Messages the parent sends. */
export type ParentMessage = { type: 'cpu'; id: number } | { type: 'memory'; id: number } | { type: 'stop' };

/** What the child answers. */
export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'cpu'; id: number; userMicros: number; systemMicros: number }
  | { type: 'memory'; id: number; rss: number; heapUsed: number; external: number; arrayBuffers: number }
  | { type: 'failed'; message: string };

function send(message: ChildMessage): void {
  process.send?.(message);
}

/**
 * Tells the parent the server listens on `port`, and starts answering its requests. `stop` runs
 * on the parent's `stop` message, then the process exits.
 */
export function announceReady(port: number, stop: () => Promise<void>): void {
  process.on('message', (raw: ParentMessage) => {
    if (raw.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', id: raw.id, userMicros: usage.user, systemMicros: usage.system });
    } else if (raw.type === 'memory') {
      // Collect twice so only what is still reachable counts (the child runs with --expose-gc).
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      const m = process.memoryUsage();
      send({ type: 'memory', id: raw.id, rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers });
    } else if (raw.type === 'stop') {
      const timer = setTimeout(() => process.exit(0), 3000);
      timer.unref();
      stop().then(
        () => process.exit(0),
        () => process.exit(0),
      );
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}

/** Reports a start-up failure to the parent and exits. */
export function announceFailure(error: unknown): never {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
