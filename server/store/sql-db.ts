/**
 * The one SQL seam every repository is written against: PostgreSQL's dialect, `$1` parameters,
 * two drivers (embedded PGlite, `pg` pool). Repositories never see which driver runs.
 */

/** Something that runs one parameterised statement and returns its rows. */
export interface SqlQueryable {
  /** Runs one statement with `$1…$n` parameters; returns the rows (empty for commands). */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** A connection-like handle inside `SqlDb.transaction`. */
export interface SqlTransaction extends SqlQueryable {
  /** Runs several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A database the store (and other repositories, e.g. the console's) can run SQL on. */
export interface SqlDb extends SqlTransaction {
  readonly driver: 'pglite' | 'postgres';
  /**
   * How many append batches to keep in flight (2 for PGlite; for PostgreSQL `appendConcurrency`,
   * default 4, at most the pool size).
   * The append batcher uses it to decide how many group commits to keep in flight.
   */
  readonly concurrency: number;
  /** Runs `fn` in BEGIN … COMMIT on one connection; rolls back and rethrows if `fn` throws. */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Closes the driver (the caller has drained its own work first). */
  close(): Promise<void>;
}
