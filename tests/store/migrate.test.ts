import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, defaultMigrationsDir, loadMigrations, migrate, type SqlStore } from '../../server/store/index.js';
import { startPostgres, type PrivatePostgres } from '../helpers/postgres.js';
import { copyPgliteTemplate, STORE_DRIVERS, temporaryDir } from '../helpers/store.js';

describe('loadMigrations', () => {
  it('finds the store migrations, numbered 1..99 and in numeric order', async () => {
    const migrations = await loadMigrations(defaultMigrationsDir());
    const versions = migrations.map((m) => m.version);
    expect(versions.slice(0, 3)).toEqual([1, 2, 3]);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('refuses a badly named file and two files with one number', async () => {
    const folder = await temporaryDir();
    try {
      await writeFile(join(folder.dir, 'create-things.sql'), 'SELECT 1');
      await expect(loadMigrations(folder.dir)).rejects.toThrow(/must be named like 001_what_it_does\.sql/);
      const twin = await temporaryDir();
      await writeFile(join(twin.dir, '007_a.sql'), 'SELECT 1');
      await writeFile(join(twin.dir, '7_b.sql'), 'SELECT 1');
      await expect(loadMigrations(twin.dir)).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_MIGRATION' });
      await twin.remove();
    } finally {
      await folder.remove();
    }
  });
});

describe.each(STORE_DRIVERS)('migrations on %s', (driver) => {
  let postgres: PrivatePostgres | null = null;
  const cleanups: (() => Promise<void>)[] = [];
  let databases = 0;

  beforeAll(async () => {
    if (driver === 'postgres') postgres = await startPostgres();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await postgres?.stop();
  });

  /** A fresh database and a folder for custom migrations. */
  async function fresh(): Promise<{ open: (dir?: string, options?: { migrate?: boolean }) => Promise<SqlStore>; folder: string }> {
    const folder = await temporaryDir();
    cleanups.push(folder.remove);
    let url: string | undefined;
    if (postgres !== null) {
      databases += 1;
      url = await postgres.createDatabase(`migrate_${databases}`);
    } else {
      await copyPgliteTemplate(join(folder.dir, 'store'));
    }
    await mkdir(join(folder.dir, 'migrations'));
    return {
      folder: join(folder.dir, 'migrations'),
      open: async (migrationsDir, options = {}) => {
        const store = await createStore({
          ...options,
          ...(url === undefined ? { dataDir: join(folder.dir, 'store') } : { databaseUrl: url }),
          ...(migrationsDir === undefined ? {} : { migrationsDir }),
        });
        cleanups.push(() => store.close());
        return store;
      },
    };
  }

  it('applies every file once, in numeric order, and records each', async () => {
    const { open, folder } = await fresh();
    // 10 sorts before 2 as text; numerically it runs last and needs 2's table.
    await writeFile(join(folder, '10_third.sql'), 'INSERT INTO steps VALUES (3);');
    await writeFile(join(folder, '2_second.sql'), 'INSERT INTO steps VALUES (2);');
    await writeFile(join(folder, '1_first.sql'), 'CREATE TABLE steps (n integer);\nINSERT INTO steps VALUES (1);');
    await writeFile(join(folder, 'README.md'), 'not a migration');
    const store = await open(folder);
    expect(await store.db.query('SELECT n FROM steps')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(await migrate(store.db, folder)).toEqual([]);
    await store.migrate();
    expect(await store.db.query('SELECT n FROM steps')).toHaveLength(3);
    expect(await store.db.query('SELECT version, name FROM schema_migrations ORDER BY version')).toEqual([
      { version: 1, name: 'first' },
      { version: 2, name: 'second' },
      { version: 10, name: 'third' },
    ]);
    // A later file is applied on the next start, and only it.
    await writeFile(join(folder, '100_console.sql'), 'INSERT INTO steps VALUES (100);');
    expect(await migrate(store.db, folder)).toEqual([100]);
  });

  it('rolls a failing migration back completely and stops there', async () => {
    const { open, folder } = await fresh();
    await writeFile(join(folder, '1_ok.sql'), 'CREATE TABLE ok (n integer);');
    await writeFile(join(folder, '2_broken.sql'), 'CREATE TABLE half (n integer);\nSELECT no_such_column FROM ok;');
    await writeFile(join(folder, '3_never.sql'), 'CREATE TABLE never (n integer);');
    await expect(open(folder)).rejects.toThrow(/no_such_column/);

    // Look inside without migrating: 1 is recorded; 2 left nothing behind; 3 never ran.
    const inside = await open(folder, { migrate: false });
    expect(await inside.db.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual([{ version: 1 }]);
    const tables = async (): Promise<string[]> =>
      (
        await inside.db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_name IN ('ok', 'half', 'never') ORDER BY table_name`,
        )
      ).map((t) => t.table_name);
    expect(await tables()).toEqual(['ok']);

    // Once fixed, the rest applies.
    await writeFile(join(folder, '2_broken.sql'), 'CREATE TABLE half (n integer);');
    expect(await migrate(inside.db, folder)).toEqual([2, 3]);
    expect(await tables()).toEqual(['half', 'never', 'ok']);
  });

  if (driver === 'postgres') {
    it('applies each migration once when several instances start at the same time', async () => {
      const { open } = await fresh();
      const stores = await Promise.all([open(), open(), open()]);
      const rows = await stores[0].db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual((await loadMigrations(defaultMigrationsDir())).map((m) => m.version));
    });
  }
});
