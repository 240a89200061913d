import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore, type SqlStore } from '../../server/store/index.js';
import { PgliteWorker } from '../../server/store/pglite-db.js';
import { storeFolderPerTest } from '../helpers/store.js';

/**
 * PGlite runs in a worker thread (server/store/pglite-worker.ts); the main thread sees the same
 * SqlDb as before: statements, transactions that nothing interleaves with, the database's own
 * errors, a clean close, and a clear error (never a hang) if the worker dies.
 */
describe('PGlite in a worker thread', () => {
  const folder = storeFolderPerTest({ template: true });
  const open = folder.opened;

  async function openStore(): Promise<SqlStore> {
    const store = await createStore({ dataDir: folder.dir, migrate: false });
    open.push(store);
    return store;
  }

  it('runs statements and transactions; a failing transaction leaves nothing behind', async () => {
    const { db } = await openStore();
    await db.exec('CREATE TABLE notes (id integer PRIMARY KEY, words text NOT NULL, at timestamptz)');
    const at = new Date('2026-05-01T08:00:00.000Z');
    await db.query('INSERT INTO notes VALUES ($1, $2, $3)', [1, 'first 😀 words', at]);

    const committed = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO notes VALUES ($1, $2, NULL)', [2, 'second']);
      return (await tx.query<{ n: number }>('SELECT count(*)::integer AS n FROM notes'))[0]?.n;
    });
    expect(committed).toBe(2);

    const failure = new Error('the caller changed its mind');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO notes VALUES ($1, $2, NULL)', [3, 'never kept']);
        throw failure;
      }),
    ).rejects.toBe(failure);

    const rows = await db.query<{ id: number; words: string; at: Date | null }>('SELECT id, words, at FROM notes ORDER BY id');
    expect(rows).toEqual([
      { id: 1, words: 'first 😀 words', at },
      { id: 2, words: 'second', at: null },
    ]);
  });

  it('lets nothing run between BEGIN and COMMIT of another caller', async () => {
    const { db } = await openStore();
    await db.exec('CREATE TABLE counter (n integer NOT NULL); INSERT INTO counter VALUES (0)');
    let outsideSaw: number | null = null;
    let outside: Promise<void> = Promise.resolve();
    await db.transaction(async (tx) => {
      await tx.query('UPDATE counter SET n = 1');
      outside = db.query<{ n: number }>('SELECT n FROM counter').then((rows) => {
        outsideSaw = rows[0]?.n ?? null;
      });
      // Give the outside statement every chance to run inside our transaction (it must not).
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(outsideSaw).toBeNull();
      await tx.query('UPDATE counter SET n = 2');
    });
    await outside;
    expect(outsideSaw).toBe(2);
  });

  it("passes the database's errors on with their codes, and keeps working afterwards", async () => {
    const store = await openStore();
    await store.migrate();
    const { db } = store;
    await db.exec('CREATE TABLE once (id text PRIMARY KEY)');
    await db.query('INSERT INTO once VALUES ($1)', ['a']);
    await expect(db.query('INSERT INTO once VALUES ($1)', ['a'])).rejects.toMatchObject({
      code: '23505',
      constraint: 'once_pkey',
      message: 'duplicate key value violates unique constraint "once_pkey"',
    });
    await expect(db.query('SELEKT 1')).rejects.toMatchObject({ code: '42601', message: expect.stringContaining('syntax error') });
    // A parameter that cannot be sent to the worker is refused; the worker carries on.
    await expect(db.query('SELECT $1::text', [() => 'no'])).rejects.toThrow(/could not be cloned/);
    // The repositories still map the codes they expect.
    const now = new Date('2026-05-01T08:00:00.000Z');
    await store.conversations.create({ id: 'conv-1', locale: 'en-GB', now });
    await expect(store.conversations.create({ id: 'conv-1', locale: 'en-GB', now })).rejects.toMatchObject({
      code: 'HARBOUR_ERR_STORE_INPUT',
      message: 'Conversation conv-1 already exists',
    });
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('closes: ends the worker, removes the lock, then refuses statements clearly', async () => {
    const store = await openStore();
    expect(existsSync(join(folder.dir, 'harbour-store.lock'))).toBe(true);
    await store.close();
    open.splice(0);
    expect(existsSync(join(folder.dir, 'harbour-store.lock'))).toBe(false);
    await expect(store.db.query('SELECT 1')).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_CLOSED' });
    // The folder opens again at once (nothing of the old worker holds it).
    const again = await openStore();
    expect(await again.db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('fails pending and later calls clearly when the worker dies, instead of hanging', async () => {
    // A worker with a small heap, made to run out of memory by a query with a huge result.
    const worker = new PgliteWorker({ resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    try {
      await worker.call({ op: 'open', path: join(folder.dir, 'pgdata') });
      const huge = worker.call({ op: 'query', sql: "SELECT repeat('x', 1000000) AS x FROM generate_series(1, 400)", params: [] });
      await expect(huge).rejects.toMatchObject({
        code: 'HARBOUR_ERR_STORE_CRASHED',
        message: expect.stringMatching(/^The PGlite database worker stopped: .*Nothing more can be stored until the server restarts/),
      });
      await expect(worker.call({ op: 'query', sql: 'SELECT 1', params: [] })).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_CRASHED' });
      expect(await worker.exited).not.toBe(0);
    } finally {
      await worker.terminate();
    }
  });
});
