/**
 * The PGlite worker thread: runs PostgreSQL-in-WebAssembly off the server's event loop. It only
 * executes what the main thread asks (server/store/pglite-protocol.ts); the lock file, the folder
 * checks and the decisions stay on the main thread (server/store/pglite-db.ts).
 *
 * Ordering: every request goes through PGlite's own mutexes in arrival order, so statements run
 * one at a time and a statement outside a transaction waits until an open one has ended, exactly
 * as when PGlite runs in-thread.
 */
import { parentPort } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { WorkerError, WorkerReply, WorkerRequest } from './pglite-protocol.js';

if (parentPort === null) throw new Error('pglite-worker.ts runs only as a worker thread (see pglite-db.ts)');
const port = parentPort;

interface OpenTransaction {
  readonly tx: Transaction;
  /** Ends PGlite's transaction callback: resolve → COMMIT, reject → ROLLBACK. */
  readonly finish: (commit: boolean) => void;
  /** Settles once COMMIT or ROLLBACK has run. */
  readonly done: Promise<void>;
}

/** Why a transaction's callback rejects when the main thread asked for ROLLBACK (never surfaced). */
const ROLLBACK = new Error('ROLLBACK requested by the main thread');

let db: PGlite | null = null;
const transactions = new Map<number, OpenTransaction>();
let nextTransaction = 1;

function open(): PGlite {
  if (db === null) throw new Error('The PGlite worker has no open database');
  return db;
}

function target(tx: number | undefined): Pick<Transaction, 'query' | 'exec'> {
  if (tx === undefined) return open();
  const entry = transactions.get(tx);
  if (entry === undefined) throw new Error(`Transaction ${tx} is not open`);
  return entry.tx;
}

function begin(): Promise<number> {
  const database = open();
  const id = nextTransaction++;
  let finish!: (commit: boolean) => void;
  const ended = new Promise<void>((resolve, reject) => {
    finish = (commit) => (commit ? resolve() : reject(ROLLBACK));
  });
  return new Promise<number>((resolveBegin, rejectBegin) => {
    let began = false;
    const done: Promise<void> = database
      .transaction(async (tx) => {
        began = true;
        transactions.set(id, { tx, finish, done });
        resolveBegin(id);
        await ended;
      })
      .then(
        () => undefined,
        (error: unknown) => {
          if (error !== ROLLBACK) throw error;
        },
      )
      .finally(() => transactions.delete(id));
    done.catch((error: unknown) => {
      if (!began) rejectBegin(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

async function end(tx: number, commit: boolean): Promise<void> {
  const entry = transactions.get(tx);
  if (entry === undefined) throw new Error(`Transaction ${tx} is not open`);
  entry.finish(commit);
  await entry.done;
}

async function run(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'initdb': {
      const fresh = await PGlite.create(request.path);
      await fresh.close();
      return null;
    }
    case 'open':
      if (db !== null) throw new Error('The PGlite worker already has an open database');
      db = request.path === null ? await PGlite.create() : await PGlite.create(request.path);
      return null;
    case 'query':
      return (await target(request.tx).query(request.sql, request.params as unknown[])).rows;
    case 'exec':
      await target(request.tx).exec(request.sql);
      return null;
    case 'begin':
      return begin();
    case 'end':
      await end(request.tx, request.commit);
      return null;
    case 'close': {
      const closing = db;
      db = null;
      await closing?.close();
      return null;
    }
  }
}

/** The error as plain data the main thread can rebuild (structured clone would drop `code` etc.). */
function describe(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return { name: error.name, message: error.message, fields };
}

port.on('message', (request: WorkerRequest) => {
  run(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: describe(error) } satisfies WorkerReply),
  );
});
