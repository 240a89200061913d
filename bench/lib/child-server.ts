import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../../scripts/build.mjs';
import type { ChildMessage, ParentMessage } from '../servers/child-ipc.js';

/**
 * The parent side of a benchmark server: bundles bench/servers/<name>.ts with esbuild the way
 * `npm start` builds Harbour (scripts/build.mjs: bundle, ESM, npm packages external), forks it with
 * --expose-gc, waits for its port, and reads its CPU time and memory over IPC. The server runs
 * alone in its process, so its CPU time per turn excludes the load generator's. Every server (echo,
 * botbuilder, harbour) is built and run the same way; `BENCH_TSX=1` runs them all under tsx instead
 * (tsx keeps function names by wrapping every closure, which production code never pays).
 */
export interface ServerChild {
  readonly name: string;
  readonly port: number;
  /** The child's CPU time so far (user + system), in microseconds. */
  cpuMicros(): Promise<number>;
  /** The CPU time so far of the child's threads other than the main one (NaN off Linux), in microseconds. */
  otherThreadsMicros(): Promise<number>;
  /** The child's memory after a full GC, in bytes. */
  memory(): Promise<{ rss: number; heapUsed: number; external: number }>;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Bundles land two folders below the project root, like dist/server/server.js, so paths resolve alike. */
const BUILD_DIR = join(ROOT, '.cache', 'bench-servers');
const built = new Map<string, Promise<string>>();

/** The production-style bundle of one bench server (built once per run). */
function bundled(file: string): Promise<string> {
  let pending = built.get(file);
  if (!pending) {
    const outfile = join(BUILD_DIR, file.replace(/\.ts$/, '.js'));
    pending = build({ ...NODE_BUNDLE, entryPoints: [join(ROOT, 'bench', 'servers', file)], outfile }).then(() => outfile);
    built.set(file, pending);
  }
  return pending;
}

/** Starts `bench/servers/<file>` with extra environment; rejects if it fails or takes over `timeoutMs`. */
export async function startServerChild(name: string, file: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ServerChild> {
  const underTsx = process.env['BENCH_TSX'] === '1';
  const path = underTsx ? fileURLToPath(new URL(`../servers/${file}`, import.meta.url)) : await bundled(file);
  const child: ChildProcess = fork(path, [], {
    // BENCH_PROFILE=<dir> writes a V8 CPU profile of each server into <dir> (open in Chrome DevTools).
    // BENCH_NODE_FLAGS="--trace-gc ..." passes extra V8/Node flags to every server (for diagnosis).
    execArgv: [
      ...(underTsx ? ['--import', 'tsx'] : []),
      '--expose-gc',
      ...(process.env['BENCH_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROFILE']}`] : []),
      ...(process.env['BENCH_NODE_FLAGS']?.split(' ').filter((flag) => flag !== '') ?? []),
    ],
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('error', () => undefined); // a closed IPC channel shows up as a rejected request below
  let nextId = 1;
  const waiting = new Map<number, (message: ChildMessage) => void>();
  child.on('message', (message: ChildMessage) => {
    if ('id' in message) {
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
    }
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name}: did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.port);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${name}: failed to start: ${message.message}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited with code ${code} before it was ready`));
    });
  });

  const ask = <T extends ChildMessage['type']>(type: T & ParentMessage['type']): Promise<Extract<ChildMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${name}: no answer to ${type}`));
      }, 30_000);
      waiting.set(id, (message) => {
        clearTimeout(timer);
        resolve(message as Extract<ChildMessage, { type: T }>);
      });
      if (!child.connected) {
        clearTimeout(timer);
        waiting.delete(id);
        reject(new Error(`${name}: the server process has exited`));
        return;
      }
      child.send({ type, id });
    });

  return {
    name,
    port,
    async cpuMicros() {
      const answer = await ask('cpu');
      return answer.userMicros + answer.systemMicros;
    },
    async otherThreadsMicros() {
      const answer = await ask('cpu');
      return answer.otherThreadsMicros;
    },
    async memory() {
      const answer = await ask('memory');
      return { rss: answer.rss, heapUsed: answer.heapUsed, external: answer.external };
    },
    stop() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' } satisfies ParentMessage);
      });
    },
  };
}
