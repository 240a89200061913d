import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createStore, type SqlStore } from '../../server/store/index.js';
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
    const folder = await temporaryDir('harbour-test-pglite-');
    await copyPgliteTemplate(folder.dir);
    const store = await createStore({ dataDir: folder.dir });
    return {
      store,
      postgres: null,
      close: async () => {
        await store.close();
        await folder.remove();
      },
    };
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

/**
 * PGlite's initdb takes seconds (tens on a loaded machine), so tests open a copy of one bare
 * cluster made once per machine (a cache in the temp folder, keyed by PGlite's version, made in a
 * temporary folder and renamed into place). Reopening a copy takes a fraction of a second.
 * Copies `pgdata` into `storeDir`, which then opens as an existing store (migrations still run).
 */
export async function copyPgliteTemplate(storeDir: string): Promise<void> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const { version } = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  const template = join(tmpdir(), `harbour-test-pglite-template-${version}`);
  if (!existsSync(template)) {
    const making = `${template}.making-${process.pid}-${Date.now()}`;
    const db = await PGlite.create(making);
    await db.close();
    await rename(making, template).catch(async () => {
      // Another test file made it first; ours is not needed.
      await rm(making, { recursive: true, force: true });
    });
  }
  await mkdir(storeDir, { recursive: true });
  await cp(template, join(storeDir, 'pgdata'), { recursive: true });
}
