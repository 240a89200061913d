import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { StoreError } from './errors.js';
import type { SqlDb, SqlTransaction } from './sql-db.js';

/** The PGlite cluster's folder inside the store directory (beside the lock file). */
export const PGDATA = 'pgdata';

/** In-memory PGlite: nothing on disk, for tests. */
export const MEMORY_DATA_DIR = 'memory://';

type Queryable = Pick<Transaction, 'query' | 'exec'>;

function wrap(target: Queryable): SqlTransaction {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      const result = await target.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * Creates the cluster in a temporary sibling folder and renames it into place only when initdb has
 * finished, so a crash during first-time set-up never leaves a half-made `pgdata` that fails to open.
 */
async function ensureCluster(dir: string): Promise<string> {
  const pgdata = join(dir, PGDATA);
  // We hold the lock, so any leftover set-up folder belongs to a process that died mid-set-up.
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`${PGDATA}.setup-`)) rmSync(join(dir, name), { recursive: true, force: true });
  }
  if (existsSync(pgdata)) return pgdata;
  const temporary = join(dir, `${PGDATA}.setup-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fresh = await PGlite.create(temporary);
  await fresh.close();
  renameSync(temporary, pgdata);
  return pgdata;
}

/**
 * Opens PGlite (embedded PostgreSQL in WebAssembly) as a SqlDb. `dataDir` is a folder the store owns:
 * it holds the lock file and the cluster. `memory://` opens an in-memory database (tests only).
 */
export async function openPgliteDb(dataDir: string): Promise<SqlDb> {
  if (dataDir === MEMORY_DATA_DIR) return pgliteSqlDb(await PGlite.create(), null);
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
  try {
    const pgdata = await ensureCluster(dataDir);
    let pglite: PGlite;
    try {
      pglite = await PGlite.create(pgdata);
    } catch (error) {
      throw new StoreError(
        'HARBOUR_ERR_STORE_DIR',
        `The database in ${pgdata} could not be opened (${(error as Error).message}). It may be damaged: ` +
          'restore it from a backup, or move it aside to start with an empty one.',
        { cause: error },
      );
    }
    return pgliteSqlDb(pglite, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function pgliteSqlDb(pglite: PGlite, lock: DataDirLock | null): SqlDb {
  const direct = wrap(pglite);
  let closing: Promise<void> | null = null;
  return {
    driver: 'pglite',
    concurrency: 1,
    ...direct,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => {
      closing ??= (async () => {
        try {
          await pglite.close();
        } finally {
          lock?.release();
        }
      })();
      return closing;
    },
  };
}
