/**
 * The store's public surface: `createStore` (PGlite by default, PostgreSQL when a database URL is
 * given), the NOT DURABLE `createMemoryStore` (benchmark baseline only), the SqlDb seam other
 * repositories use, and the shared types.
 */
import { AppendBatcher } from './append-batcher.js';
import { StoreError } from './errors.js';
import { migrate } from './migrate.js';
import { openPgliteDb } from './pglite-db.js';
import { openPostgresDb } from './postgres-db.js';
import { SqlConversationRepository } from './sql-conversations.js';
import type { SqlDb } from './sql-db.js';
import { SqlRetentionRepository } from './sql-retention.js';
import { SqlStreamTicketRepository } from './sql-stream-tickets.js';
import { SqlTokenRepository } from './sql-tokens.js';
import type { Store, StreamTicketRepository } from './types.js';

export type * from './types.js';
export type { SqlDb, SqlQueryable, SqlTransaction } from './sql-db.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { findUnstorableText } from './text.js';
export { createMemoryStore } from './memory-store.js';
export { MEMORY_DATA_DIR } from './pglite-db.js';
export { migrate, loadMigrations, defaultMigrationsDir } from './migrate.js';

/** Options for `createStore`. */
export interface StoreOptions {
  /** PostgreSQL connection string (DATABASE_URL). When set, PostgreSQL is used; else PGlite. */
  readonly databaseUrl?: string;
  /** PGlite's folder (holds a lock file and the cluster); `memory://` for in-memory tests. Default `./data/store`. */
  readonly dataDir?: string;
  /** PostgreSQL pool size (default 8, see docs/storage.md). */
  readonly poolSize?: number;
  /** PostgreSQL: append batches in flight at once (default 4, at most the pool size; see docs/storage.md). */
  readonly appendConcurrency?: number;
  /** Folder of `NNN_name.sql` migrations (default: server/store/migrations). */
  readonly migrationsDir?: string;
  /** Run pending migrations on open (default true). */
  readonly migrate?: boolean;
}

/** A SQL-backed store: also exposes its SqlDb so other modules' repositories share the connection. */
export interface SqlStore extends Store {
  readonly kind: 'pglite' | 'postgres';
  readonly streamTickets: StreamTicketRepository;
  readonly db: SqlDb;
  /** Group-commit figures since open: appends and the statements that carried them. */
  appendStats(): { readonly statements: number; readonly appends: number };
}

/** Default PGlite folder when neither option is given. */
export const DEFAULT_DATA_DIR = 'data/store';

/**
 * Opens the store and runs pending migrations. PGlite: takes the folder's lock (a second process
 * gets HARBOUR_ERR_STORE_LOCKED naming the folder and the holder's pid), creates the cluster in a
 * temporary folder on first use, then renames it into place.
 */
export async function createStore(options: StoreOptions = {}): Promise<SqlStore> {
  const db =
    options.databaseUrl !== undefined && options.databaseUrl !== ''
      ? await openPostgresDb({
          databaseUrl: options.databaseUrl,
          ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
          ...(options.appendConcurrency === undefined ? {} : { appendConcurrency: options.appendConcurrency }),
        })
      : await openPgliteDb(options.dataDir ?? DEFAULT_DATA_DIR);
  const store = sqlStore(db, options.migrationsDir);
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return store;
}

function sqlStore(db: SqlDb, migrationsDir: string | undefined): SqlStore {
  const conversations = new SqlConversationRepository(db, new AppendBatcher(db));
  let closing: Promise<void> | null = null;
  return {
    kind: db.driver,
    db,
    conversations,
    tokens: new SqlTokenRepository(db),
    retention: new SqlRetentionRepository(db),
    streamTickets: new SqlStreamTicketRepository(db),
    appendStats: () => conversations.appendStats(),
    async migrate() {
      await migrate(db, migrationsDir);
    },
    close() {
      closing ??= (async () => {
        await conversations.closeAndDrain();
        await db.close();
      })();
      return closing;
    },
  };
}

/** The SqlDb behind a store, for repositories of other modules (e.g. the console's tables). */
export function sqlDbOf(store: Store): SqlDb {
  const db = (store as Partial<SqlStore>).db;
  if (db === undefined) {
    throw new StoreError('HARBOUR_ERR_STORE_INPUT', `A ${store.kind} store has no SQL database`);
  }
  return db;
}
