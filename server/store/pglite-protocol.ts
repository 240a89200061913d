/**
 * Messages between the main thread (server/store/pglite-db.ts) and the PGlite worker
 * (server/store/pglite-worker.ts). Every request carries an id; the worker answers each exactly
 * once, in any order, with the same id.
 */

export type WorkerRequest =
  /** Creates a new cluster at `path` (initdb) and closes it again: first-time set-up. */
  | { readonly id: number; readonly op: 'initdb'; readonly path: string }
  /** Opens the database the other requests run on; `path` null = in memory. */
  | { readonly id: number; readonly op: 'open'; readonly path: string | null }
  /** One statement; inside transaction `tx` when given. Answers the rows. */
  | { readonly id: number; readonly op: 'query'; readonly sql: string; readonly params: readonly unknown[]; readonly tx?: number }
  /** `;`-separated statements without parameters; inside transaction `tx` when given. */
  | { readonly id: number; readonly op: 'exec'; readonly sql: string; readonly tx?: number }
  /** BEGIN; answers the transaction's number once it holds the database (others wait behind it). */
  | { readonly id: number; readonly op: 'begin' }
  /** COMMIT (`commit` true) or ROLLBACK of transaction `tx`. */
  | { readonly id: number; readonly op: 'end'; readonly tx: number; readonly commit: boolean }
  /** Closes the database (the worker may then be ended). */
  | { readonly id: number; readonly op: 'close' };

/** An error thrown in the worker, as plain data: name, message and its scalar fields (e.g. `code`). */
export interface WorkerError {
  readonly name: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, string | number | boolean>>;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WorkerError };
