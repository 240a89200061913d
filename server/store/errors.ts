/**
 * Errors the store raises for expected storage outcomes the caller must handle. Each carries a
 * stable `code` (HARBOUR_ERR_STORE_*) the server can map to a client-facing content key.
 */

export type StoreErrorCode =
  /** The data directory cannot be created or written (a file, no permission). */
  | 'HARBOUR_ERR_STORE_DIR'
  /** The data directory is held by another live process (message names dir and pid). */
  | 'HARBOUR_ERR_STORE_LOCKED'
  /** Append or other write to a conversation that does not exist. */
  | 'HARBOUR_ERR_STORE_NOT_FOUND'
  /** Text PostgreSQL cannot keep exactly (NUL, lone surrogate): refused before writing anything. */
  | 'HARBOUR_ERR_STORE_TEXT'
  /** PostgreSQL did not answer at DATABASE_URL (message names host, port and database, never the password). */
  | 'HARBOUR_ERR_STORE_CONNECT'
  /** The store is closing or closed. */
  | 'HARBOUR_ERR_STORE_CLOSED'
  /** A bad argument (e.g. a limit out of range). */
  | 'HARBOUR_ERR_STORE_INPUT'
  /** No migrations folder or a badly named migration file. */
  | 'HARBOUR_ERR_STORE_MIGRATION'
  /** The PGlite worker thread died: every pending and later call fails until the server restarts. */
  | 'HARBOUR_ERR_STORE_CRASHED';

/** An expected storage failure with a stable code. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
