/**
 * The child side of a benchmark server process: announce the port once listening, and answer
 * the parent's requests for CPU and memory figures over the IPC channel. Every benchmark server
 * (echo, botbuilder, Harbour) runs in its own child process so its CPU time can be read alone.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Messages the parent sends. */
export type ParentMessage = { type: 'cpu'; id: number } | { type: 'memory'; id: number } | { type: 'stop' };

/** What the child answers. */
export type ChildMessage =
  | { type: 'ready'; port: number }
  | {
      type: 'cpu';
      id: number;
      userMicros: number;
      systemMicros: number;
      /** CPU (user + system) of every thread but the main one: V8's compiler and collector helpers, libuv's pool. NaN off Linux. */
      otherThreadsMicros: number;
    }
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
      send({ type: 'cpu', id: raw.id, userMicros: usage.user, systemMicros: usage.system, otherThreadsMicros: otherThreadsMicros() });
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

/** Clock ticks a second in /proc's CPU times (USER_HZ: 100 on Linux; the figures are 10 ms steps). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time of this process's threads other than the main one, from /proc/self/task/<tid>/stat
 * (utime + stime), in microseconds; NaN where there is no /proc. In a server that has warmed up it
 * is mostly the garbage collector's helpers; a large share means V8 was still compiling.
 */
function otherThreadsMicros(): number {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return Number.NaN;
  }
  let ticks = 0;
  for (const tid of tids) {
    if (Number(tid) === process.pid) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread has just ended
    }
    // The fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1_000_000) / TICKS_PER_SECOND;
}

/** Reports a start-up failure to the parent and exits. */
export function announceFailure(error: unknown): never {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
