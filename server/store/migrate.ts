import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreError } from './errors.js';
import type { SqlDb } from './sql-db.js';

/** One `NNN_name.sql` file. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Any fixed number: it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK_KEY = 4_727_001;

/**
 * Where the `.sql` files are: beside this module in the source tree; from a bundle in `dist/`,
 * the source folder two levels up; else `server/store/migrations` under the working directory.
 */
export function defaultMigrationsDir(): string {
  const candidates = [
    fileURLToPath(new URL('./migrations/', import.meta.url)),
    fileURLToPath(new URL('../../server/store/migrations/', import.meta.url)),
    fileURLToPath(new URL('../../../server/store/migrations/', import.meta.url)),
    join(process.cwd(), 'server', 'store', 'migrations'),
  ];
  const found = candidates.find((dir) => existsSync(dir));
  if (found === undefined) {
    throw new StoreError(
      'HARBOUR_ERR_STORE_MIGRATION',
      `No migrations folder found; looked in: ${candidates.join(', ')}. Copy server/store/migrations with the build.`,
    );
  }
  return found;
}

/** Reads every `NNN_name.sql` in `dir`, in numeric order. Other files are ignored. */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql'));
  const migrations: Migration[] = [];
  const seen = new Map<number, string>();
  for (const file of files) {
    const match = /^(\d+)_([a-z0-9_-]+)\.sql$/i.exec(file);
    if (match === null || match[1] === undefined || match[2] === undefined) {
      throw new StoreError(
        'HARBOUR_ERR_STORE_MIGRATION',
        `Migration file "${file}" in ${dir} must be named like 001_what_it_does.sql.`,
      );
    }
    const version = Number(match[1]);
    const other = seen.get(version);
    if (other !== undefined) {
      throw new StoreError(
        'HARBOUR_ERR_STORE_MIGRATION',
        `Migrations "${other}" and "${file}" in ${dir} share the number ${version}.`,
      );
    }
    seen.set(version, file);
    migrations.push({ version, name: match[2], sql: await readFile(join(dir, file), 'utf8') });
  }
  return migrations.sort((a, b) => a.version - b.version);
}

/**
 * Applies each migration not yet recorded in `schema_migrations`, in numeric order, each in its own
 * transaction together with its record. A transaction-scoped advisory lock makes concurrent
 * migrators (two instances starting at once) apply each file exactly once. Returns the versions applied.
 */
export async function migrate(db: SqlDb, dir: string = defaultMigrationsDir()): Promise<number[]> {
  const migrations = await loadMigrations(dir);
  // Under the lock too: two instances running CREATE TABLE IF NOT EXISTS at once can both try.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version    integer PRIMARY KEY,
         name       text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
