import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits, type WorkerOptions } from 'node:worker_threads';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { StoreError } from './errors.js';
import type { WorkerError, WorkerReply, WorkerRequest } from './pglite-protocol.js';
import type { SqlDb, SqlTransaction } from './sql-db.js';

/** The PGlite cluster's folder inside the store directory (beside the lock file). */
export const PGDATA = 'pgdata';

/** In-memory PGlite: nothing on disk, for tests. */
export const MEMORY_DATA_DIR = 'memory://';

/**
 * Batches the PGlite driver keeps in flight: one running in the worker and one already there, so
 * the worker starts the next as soon as one commits instead of waiting for a round trip to the
 * main thread (see docs/storage.md for the measurement).
 */
export const PGLITE_CONCURRENCY = 2;

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Starts tsx's loader inside the worker, then the TypeScript worker itself (a worker's `--import`
 * hooks do not apply to its own entry file on Node 20, so the entry is imported after registering).
 */
const TSX_BOOTSTRAP = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((api) => { api.register(); return import(workerData.entry); });`;

/**
 * How to start the worker. Built (`scripts/build.mjs` bundles it to
 * dist/server/store/pglite-worker.js, beside dist/server/server.js and dist/server/cli/): the .js
 * file. From source (tsx, vitest): the .ts file, through tsx's loader (a development dependency).
 */
export function pgliteWorkerEntry(): { readonly filename: URL | string; readonly options: WorkerOptions } {
  for (const candidate of ['./pglite-worker.js', './store/pglite-worker.js', '../store/pglite-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return { filename: url, options: {} };
  }
  for (const candidate of ['./pglite-worker.ts', '../../server/store/pglite-worker.ts']) {
    const url = new URL(candidate, import.meta.url);
    if (!existsSync(fileURLToPath(url))) continue;
    // The ES module build of tsx's API (require.resolve finds its CommonJS twin beside it).
    const api = createRequire(import.meta.url).resolve('tsx/esm/api');
    const tsx = pathToFileURL(existsSync(api.replace(/\.cjs$/, '.mjs')) ? api.replace(/\.cjs$/, '.mjs') : api).href;
    return { filename: TSX_BOOTSTRAP, options: { eval: true, workerData: { tsx, entry: url.href } } };
  }
  throw new Error(
    `The PGlite worker script was not found next to ${fileURLToPath(import.meta.url)}; run \`node scripts/build.mjs\`.`,
  );
}

/** An error from the worker, rebuilt with the same name, message and fields (`code`, `detail`…). */
function rebuild(shape: WorkerError): Error {
  const error = new Error(shape.message);
  Object.assign(error, shape.fields);
  error.name = shape.name;
  return error;
}

/**
 * The main thread's end of the PGlite worker: numbered requests, one reply each. The worker keeps
 * the process alive only while a request is pending (like in-thread PGlite, which holds no handle).
 * If the worker dies, every pending and later request fails with HARBOUR_ERR_STORE_CRASHED.
 */
export class PgliteWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  #nextId = 1;
  #failure: StoreError | null = null;
  #isTerminating = false;
  /** Resolves with the thread's exit code once it has ended (after `terminate()` or a crash). */
  readonly exited: Promise<number>;

  /** `resourceLimits` bounds the worker's heap (tests use it to make the worker run out of memory). */
  constructor(options: { readonly resourceLimits?: ResourceLimits } = {}) {
    const entry = pgliteWorkerEntry();
    this.#worker = new Worker(entry.filename, { ...entry.options, ...options });
    this.#worker.unref();
    this.#worker.on('message', (reply: WorkerReply) => this.#settle(reply));
    this.#worker.on('error', (error: Error) => {
      // Only the error's name: a message from inside the database could quote stored text.
      this.#fail(`it failed (${error.name})`, error);
    });
    this.exited = new Promise((resolve) => {
      this.#worker.once('exit', (code) => {
        this.#fail(`it exited with code ${code}`);
        resolve(code);
      });
    });
  }

  call<T>(request: Request): Promise<T> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.#pending.size === 1) this.#worker.ref();
      try {
        this.#worker.postMessage({ ...request, id });
      } catch (error) {
        // A parameter that cannot be copied to the worker (a function, a symbol…).
        this.#take(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Ends the worker thread and waits until it has gone; later calls fail with HARBOUR_ERR_STORE_CLOSED. */
  async terminate(): Promise<void> {
    this.#isTerminating = true;
    await this.#worker.terminate();
    await this.exited;
  }

  #take(id: number): { resolve: (value: unknown) => void; reject: (error: unknown) => void } | undefined {
    const waiting = this.#pending.get(id);
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker.unref();
    return waiting;
  }

  #settle(reply: WorkerReply): void {
    const waiting = this.#take(reply.id);
    if (waiting === undefined) return;
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(rebuild(reply.error));
  }

  #fail(why: string, cause?: unknown): void {
    if (this.#isTerminating) {
      this.#failure ??= new StoreError('HARBOUR_ERR_STORE_CLOSED', 'The store is closed; nothing was written.');
    }
    this.#failure ??= new StoreError(
      'HARBOUR_ERR_STORE_CRASHED',
      `The PGlite database worker stopped: ${why}. Nothing more can be stored until the server restarts; ` +
        'appends already acknowledged are on disk.',
      cause === undefined ? undefined : { cause },
    );
    for (const id of [...this.#pending.keys()]) this.#take(id)?.reject(this.#failure);
  }
}

function queryable(worker: PgliteWorker, tx?: number): SqlTransaction {
  const inTx = tx === undefined ? {} : { tx };
  return {
    query: <Row>(sql: string, params: readonly unknown[] = []) =>
      worker.call<Row[]>({ op: 'query', sql, params, ...inTx }),
    exec: (sql: string) => worker.call<void>({ op: 'exec', sql, ...inTx }),
  };
}

/**
 * Creates the cluster in a temporary sibling folder and renames it into place only when initdb has
 * finished, so a crash during first-time set-up never leaves a half-made `pgdata` that fails to open.
 */
async function ensureCluster(dir: string, worker: PgliteWorker): Promise<string> {
  const pgdata = join(dir, PGDATA);
  // We hold the lock, so any leftover set-up folder belongs to a process that died mid-set-up.
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`${PGDATA}.setup-`)) rmSync(join(dir, name), { recursive: true, force: true });
  }
  if (existsSync(pgdata)) return pgdata;
  const temporary = join(dir, `${PGDATA}.setup-${process.pid}-${randomBytes(4).toString('hex')}`);
  await worker.call({ op: 'initdb', path: temporary });
  renameSync(temporary, pgdata);
  return pgdata;
}

/**
 * Opens PGlite (embedded PostgreSQL in WebAssembly) as a SqlDb. PGlite itself runs in a worker
 * thread (server/store/pglite-worker.ts), so its work never blocks the server's event loop; this
 * thread keeps the folder's lock file and first-time set-up. `dataDir` is a folder the store owns:
 * it holds the lock file and the cluster. `memory://` opens an in-memory database (tests only).
 */
export async function openPgliteDb(dataDir: string): Promise<SqlDb> {
  if (dataDir === MEMORY_DATA_DIR) {
    const worker = new PgliteWorker();
    try {
      await worker.call({ op: 'open', path: null });
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return pgliteSqlDb(worker, null);
  }
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    throw new StoreError(
      'HARBOUR_ERR_STORE_DIR',
      `The data directory ${dataDir} cannot be used: ${(error as NodeJS.ErrnoException).code ?? String(error)}. ` +
        'Point DATA_DIR at a folder this process can create and write.',
      { cause: error },
    );
  }
  const lock = lockDataDir(dataDir);
  let worker: PgliteWorker | null = null;
  try {
    worker = new PgliteWorker();
    const pgdata = await ensureCluster(dataDir, worker);
    try {
      await worker.call({ op: 'open', path: pgdata });
    } catch (error) {
      throw new StoreError(
        'HARBOUR_ERR_STORE_DIR',
        `The database in ${pgdata} could not be opened (${(error as Error).message}). It may be damaged: ` +
          'restore it from a backup, or move it aside to start with an empty one.',
        { cause: error },
      );
    }
    return pgliteSqlDb(worker, lock);
  } catch (error) {
    await worker?.terminate();
    lock.release();
    throw error;
  }
}

function pgliteSqlDb(worker: PgliteWorker, lock: DataDirLock | null): SqlDb {
  let closing: Promise<void> | null = null;
  return {
    driver: 'pglite',
    concurrency: PGLITE_CONCURRENCY,
    ...queryable(worker),
    async transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
      // BEGIN answers once this transaction holds the database; everything else waits in the worker.
      const tx = await worker.call<number>({ op: 'begin' });
      let result: T;
      try {
        result = await fn(queryable(worker, tx));
      } catch (error) {
        await worker.call({ op: 'end', tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await worker.call({ op: 'end', tx, commit: true });
      return result;
    },
    close: () => {
      closing ??= (async () => {
        try {
          await worker.call({ op: 'close' }).catch((error: unknown) => {
            // A worker that already died has nothing left to close.
            if ((error as StoreError).code !== 'HARBOUR_ERR_STORE_CRASHED') throw error;
          });
        } finally {
          await worker.terminate();
          lock?.release();
        }
      })();
      return closing;
    },
  };
}
