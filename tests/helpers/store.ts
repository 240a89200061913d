import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore, MEMORY_DATA_DIR, type SqlStore } from '../../server/store/index.js';
import { startPostgres, type PrivatePostgres } from './postgres.js';

/** The drivers every store test runs against. */
export const STORE_DRIVERS = ['pglite', 'postgres'] as const;
export type StoreDriver = (typeof STORE_DRIVERS)[number];

/** A store for one test file, with whatever it needs stopped in `close()`. */
export interface TestStore {
  readonly store: SqlStore;
  /** For PostgreSQL: the cluster (to make more databases). */
  readonly postgres: PrivatePostgres | null;
  close(): Promise<void>;
}

/**
 * Opens a store on the given driver: an in-memory PGlite, or a private PostgreSQL cluster started
 * for the caller. Call once per file (beforeAll) and use fresh conversation ids per test.
 */
export async function openTestStore(driver: StoreDriver): Promise<TestStore> {
  if (driver === 'pglite') {
    const store = await createStore({ dataDir: MEMORY_DATA_DIR });
    return { store, postgres: null, close: () => store.close() };
  }
  const postgres = await startPostgres();
  try {
    const store = await createStore({ databaseUrl: postgres.databaseUrl });
    return {
      store,
      postgres,
      close: async () => {
        await store.close();
        await postgres.stop();
      },
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

/** A fresh temporary folder and its removal. */
export async function temporaryDir(prefix = 'harbour-store-'): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
