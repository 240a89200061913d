import pg from 'pg';
import { StoreError } from './errors.js';
import type { SqlDb, SqlTransaction } from './sql-db.js';

/** host:port/database of a connection URL, never its user or password (safe for logs). */
export function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'an unparseable URL';
  }
}

/** Options for the PostgreSQL driver. */
export interface PostgresOptions {
  readonly databaseUrl: string;
  /** Pool size; see docs/storage.md for how it was chosen. */
  readonly poolSize?: number;
  /**
   * How many append batches (group commits) may run at once; at most `poolSize`, the other
   * connections stay free for reads. Default DEFAULT_APPEND_CONCURRENCY.
   */
  readonly appendConcurrency?: number;
  /** Called when an idle pooled connection fails (the pool replaces it); defaults to ignoring. */
  readonly onIdleError?: (error: Error) => void;
}

/** Default pool size: measured in bench/store.ts (see docs/storage.md). */
export const DEFAULT_POOL_SIZE = 8;
/**
 * Default number of append batches in flight. Fewer, fuller batches cost the server less CPU per
 * append than many small ones competing for its cores: on 2 cores, 4 batches of ~125 used 25-40%
 * less PostgreSQL CPU per turn than 8 of ~95 (2 Dec 2026), and 2 batches of up to 512 (MAX_BATCH)
 * 10-45% more turns/s than 4 of 128, with less CPU per turn in PostgreSQL and here (3 Dec 2026; see
 * docs/storage.md). The pool's other connections stay free for reads. A database server with many
 * cores may do better with more (`appendConcurrency`).
 */
export const DEFAULT_APPEND_CONCURRENCY = 2;

type Client = Pick<pg.PoolClient, 'query'>;

function wrap(client: Client): SqlTransaction {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
    async exec(sql: string): Promise<void> {
      // Without parameters, pg uses the simple protocol, which runs several statements.
      await client.query(sql);
    },
  };
}

/** Opens a `pg` pool on DATABASE_URL as a SqlDb, and checks that the server answers. */
export async function openPostgresDb(options: PostgresOptions): Promise<SqlDb> {
  const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
  const appendConcurrency = options.appendConcurrency ?? DEFAULT_APPEND_CONCURRENCY;
  if (!Number.isInteger(poolSize) || poolSize < 1 || !Number.isInteger(appendConcurrency) || appendConcurrency < 1) {
    throw new StoreError(
      'HARBOUR_ERR_STORE_INPUT',
      `poolSize and appendConcurrency must be whole numbers of at least 1, got ${poolSize} and ${appendConcurrency}`,
    );
  }
  // A bounded wait for a free connection: a stuck database fails appends visibly instead of hanging.
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  });
  // An idle connection dropped by the server must not crash the process; the pool reconnects.
  pool.on('error', (error) => options.onIdleError?.(error));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new StoreError(
      'HARBOUR_ERR_STORE_CONNECT',
      `Could not connect to PostgreSQL at ${describeUrl(options.databaseUrl)} (DATABASE_URL): ${(error as Error).message}`,
      { cause: error },
    );
  }
  const direct = wrap(pool);
  let closing: Promise<void> | null = null;
  return {
    driver: 'postgres',
    concurrency: Math.min(poolSize, appendConcurrency),
    ...direct,
    async transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let isBroken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          isBroken = true;
        }
        throw error;
      } finally {
        client.release(isBroken);
      }
    },
    close: () => {
      closing ??= pool.end();
      return closing;
    },
  };
}
