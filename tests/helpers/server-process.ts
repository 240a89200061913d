import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The real, built Harbour server as a child process, for tests that need what only a process
 * has: kill -9 and restart on the same data directory, a production install (Docker re-enactment),
 * a second origin in a real browser. Start-up builds dist/ once per test process
 * (scripts/build.mjs writes atomically, so parallel files may build at once).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

let built: Promise<void> | null = null;

/** Builds dist/ with scripts/build.mjs, once per test process. */
export function ensureBuilt(): Promise<void> {
  built ??= run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }).then(() => undefined);
  return built;
}

/** A free TCP port on 127.0.0.1 (the kernel picks; we release it at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcessOptions {
  /** Extra environment (ALLOWED_ORIGINS, limits…). PORT, HOST and DATA_DIR are set by the helper. */
  readonly env?: Readonly<Record<string, string>>;
  /** Reuse a data directory (default: a new temporary one, removed by `stop({ removeData: true })`). */
  readonly dataDir?: string;
  readonly port?: number;
  /** Working directory and entry (default: the project root and dist/server/server.js). */
  readonly cwd?: string;
  readonly entry?: string;
  /** Skip building dist/ (the caller built it elsewhere, e.g. a production install). */
  readonly skipBuild?: boolean;
  /** How long to wait for /readyz (default 180 s: start-up on a loaded 2-core CI machine is slow). */
  readonly readyTimeoutMs?: number;
}

export interface ServerProcess {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly dataDir: string;
  readonly pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL: no graceful shutdown, no flush. Resolves when the process is gone. */
  kill9(): Promise<void>;
  /** Starts the server again on the same port and data directory; waits for /readyz. */
  restart(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after 10 s; optionally removes a temporary data directory. */
  stop(options?: { removeData?: boolean }): Promise<number | null>;
}

/** Waits until GET /readyz answers 200, the process exits, or the time runs out. */
async function waitReady(origin: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    // Polling a real process for readiness: the one wait a process test cannot avoid. Bounded.
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 25 * (attempt + 1))));
  }
  throw new Error(`server not ready at ${origin}/readyz within ${timeoutMs} ms:\n${output()}`);
}

/** Starts the built server on a free port with a temporary DATA_DIR; resolves once /readyz is 200. */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  if (!options.skipBuild) await ensureBuilt();
  const port = options.port ?? (await freePort());
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'harbour-data-')));
  const origin = `http://127.0.0.1:${port}`;
  const cwd = options.cwd ?? ROOT;
  const entry = options.entry ?? join(cwd, 'dist', 'server', 'server.js');
  let log = '';
  let child: ChildProcess;

  const launch = async (): Promise<void> => {
    child = spawn(process.execPath, [entry], {
      cwd,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: process.env['HOME'] ?? tmpdir(),
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        ...options.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    await waitReady(origin, child, options.readyTimeoutMs ?? 180_000, () => log);
  };

  const exited = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });

  await launch();
  return {
    port,
    origin,
    dataDir,
    get pid() {
      return child.pid ?? -1;
    },
    output: () => log,
    async kill9() {
      const gone = exited();
      child.kill('SIGKILL');
      await gone;
    },
    async restart() {
      if (child.exitCode === null && child.signalCode === null) throw new Error('restart: the server is still running; kill9() or stop() it first');
      await launch();
    },
    async stop(stopOptions = {}) {
      let code: number | null = child.exitCode;
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        code = await gone;
        clearTimeout(timer);
      }
      if (stopOptions.removeData && ownsDataDir) await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** One message as the server's log holds it. */
export interface ReplayedMessage {
  readonly seq: number;
  readonly sender: string;
  readonly text: string;
}

/**
 * The server's own record of a conversation: opens `/chat` with `session.resume` from seq 0 and
 * collects every replayed message up to the `lastSeq` the session event announced. (The newest
 * socket wins, so a browser holding the same conversation is replaced with 4001.)
 */
export async function replayConversation(origin: string, token: string, timeoutMs = 15_000): Promise<ReplayedMessage[]> {
  const { default: WebSocket } = await import('ws');
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/chat`, { origin });
  try {
    return await new Promise<ReplayedMessage[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`replay did not finish within ${timeoutMs} ms`)), timeoutMs);
      const messages: ReplayedMessage[] = [];
      let lastSeq: number | null = null;
      const seen = new Set<number>();
      const finishIfDone = (): void => {
        if (lastSeq !== null && [...seen].some((s) => s >= lastSeq!)) {
          clearTimeout(timer);
          resolve(messages.sort((a, b) => a.seq - b.seq));
        }
      };
      socket.on('open', () => socket.send(JSON.stringify({ type: 'event', name: 'session.resume', value: { token, lastSeq: 0 } })));
      socket.on('message', (data) => {
        const frame = JSON.parse((data as Buffer).toString('utf8')) as {
          type?: string;
          name?: string;
          text?: string;
          value?: { lastSeq?: number; resumed?: boolean };
          channelData?: { seq?: number; sender?: string };
        };
        if (frame.type === 'event' && frame.name === 'session') {
          if (frame.value?.resumed !== true) {
            clearTimeout(timer);
            reject(new Error('the server did not resume the conversation with this token'));
            return;
          }
          lastSeq = frame.value.lastSeq ?? 0;
          if (lastSeq === 0) {
            clearTimeout(timer);
            resolve([]);
          }
          return;
        }
        const seq = frame.channelData?.seq;
        if (typeof seq !== 'number') return;
        seen.add(seq);
        if (frame.type === 'message') messages.push({ seq, sender: frame.channelData?.sender ?? '', text: frame.text ?? '' });
        finishIfDone();
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } finally {
    socket.close();
  }
}
