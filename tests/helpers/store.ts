import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createStore, defaultMigrationsDir, type SqlStore } from '../../server/store/index.js';
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
 * For each test of the describe it is called in: a fresh folder `dir` (`<temporary>/store`, holding
 * a copy of the bare PGlite cluster with `template: true`), and `opened`, the stores the test puts
 * there to be closed after it, before the folder is removed.
 */
export function storeFolderPerTest(options: { template?: boolean } = {}): { readonly dir: string; readonly opened: SqlStore[] } {
  let temporary: { dir: string; remove(): Promise<void> } | null = null;
  const folder = { dir: '', opened: [] as SqlStore[] };
  beforeEach(async () => {
    temporary = await temporaryDir();
    folder.dir = join(temporary.dir, 'store');
    if (options.template === true) await copyPgliteTemplate(folder.dir);
  });
  afterEach(async () => {
    for (const store of folder.opened.splice(0)) await store.close();
    await temporary?.remove();
  });
  return folder;
}

/** A fresh, empty database of {@link freshDatabases}, and how to open stores on it. */
export interface FreshDatabase {
  /** A temporary folder of this database's own (removed after the file's tests). */
  readonly folder: string;
  /** Opens a store on the database with the migrations of `migrationsDir` (default: all); closed after the file's tests. */
  open(migrationsDir?: string): Promise<SqlStore>;
}

/**
 * For the describe it is called in, on `driver`: `fresh()` makes a new empty database each time it is called (a PGlite
 * folder, or a database named `<prefix>_<n>` on a PostgreSQL cluster started once for the describe). Every store
 * opened and folder made is closed and removed after the describe's tests, the cluster last.
 */
export function freshDatabases(driver: StoreDriver, prefix: string): () => Promise<FreshDatabase> {
  let postgres: PrivatePostgres | null = null;
  let databases = 0;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    if (driver === 'postgres') postgres = await startPostgres();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await postgres?.stop();
  });
  return async () => {
    const folder = await temporaryDir();
    cleanups.push(folder.remove);
    let url: string | undefined;
    if (postgres !== null) {
      databases += 1;
      url = await postgres.createDatabase(`${prefix}_${databases}`);
    } else {
      await copyPgliteTemplate(join(folder.dir, 'store'));
    }
    return {
      folder: folder.dir,
      open: async (migrationsDir) => {
        const store = await createStore({
          ...(url === undefined ? { dataDir: join(folder.dir, 'store') } : { databaseUrl: url }),
          ...(migrationsDir === undefined ? {} : { migrationsDir }),
        });
        cleanups.push(() => store.close());
        return store;
      },
    };
  };
}

/** Copies Harbour's migrations numbered below `version` into a new folder under `folder` (the schema as it was before that migration); returns the new folder. */
export async function migrationsBefore(folder: string, version: number): Promise<string> {
  const dir = join(folder, `migrations-before-${version}`);
  await mkdir(dir);
  for (const file of await readdir(defaultMigrationsDir())) {
    const n = Number(/^(\d+)_/.exec(file)?.[1]);
    if (file.endsWith('.sql') && n < version) await copyFile(join(defaultMigrationsDir(), file), join(dir, file));
  }
  return dir;
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

const WRITER = fileURLToPath(new URL('../fixtures/store-writer.ts', import.meta.url));

/** A running tests/fixtures/store-writer.ts process and what it printed. */
export interface Writer {
  readonly pid: number;
  /** Resolves with the line that matched, or rejects if the process exits first. */
  waitFor(predicate: (line: string) => boolean): Promise<string>;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
}

/**
 * Starts tests/fixtures/store-writer.ts on a PGlite folder (or on PostgreSQL when `databaseUrl` is
 * given): it appends as fast as it can and prints `ack …` after each commit, so a test can kill -9 it.
 */
export function startWriter(dir: string, mode?: '--open-only', databaseUrl?: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, ...(mode ? [mode] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STORE_DATABASE_URL: databaseUrl ?? '' },
  });
  const lines: string[] = [];
  const waiters: { predicate: (line: string) => boolean; resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`writer exited (${code}) first: ${stderr.slice(0, 500)}`));
      resolve(code);
    });
  });
  return {
    pid: child.pid as number,
    lines,
    exited,
    waitFor: (predicate) =>
      new Promise((resolve, reject) => {
        const found = lines.find(predicate);
        if (found !== undefined) resolve(found);
        else waiters.push({ predicate, resolve, reject });
      }),
  };
}
