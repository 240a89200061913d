import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type SqlStore, type StoredActivity } from '../../server/store/index.js';
import type { WireActivity } from '../../server/protocol/index.js';
import { freshDatabases, migrationsBefore, STORE_DRIVERS } from '../helpers/store.js';

// Migration 011 (session 43): activities has no foreign key to conversations any more; a trigger
// deletes a conversation's activities with it. Everything a reader or a deleter sees stays the same,
// on a database upgraded from 010 with data in it as on a new one.

const T0 = new Date('2026-03-01T09:00:00.000Z');
const child = (text: string): WireActivity => ({ type: 'message', text, from: { id: 'child', name: 'child', role: 'user' } });
const bot = (text: string): WireActivity => ({ type: 'message', text, from: { id: 'harbour', name: 'Harbour', role: 'bot' } });
const view = (list: readonly StoredActivity[]): unknown[] =>
  list.map((a) => [a.seq, a.clientActivityId, a.activity, a.createdAt.toISOString()]);

describe.each(STORE_DRIVERS)('activities without a foreign key (011) on %s', (driver) => {
  const fresh = freshDatabases(driver, 'unref');

  const activityRows = async (store: SqlStore, id: string): Promise<number> =>
    (await store.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM activities WHERE conversation_id = $1', [id]))[0]?.n ?? -1;

  it('upgrades a database at 010 with data in it: same rows, appends carry on, a delete still takes the activities', async () => {
    const { open, folder } = await fresh();
    const before = await migrationsBefore(folder, 11);
    const old = await open(before);
    expect((await old.db.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations'))[0]?.version).toBe(10);
    const foreignKeys = async (store: SqlStore): Promise<string[]> =>
      (
        await store.db.query<{ conname: string }>(
          "SELECT conname FROM pg_constraint WHERE conrelid = 'activities'::regclass AND contype = 'f' ORDER BY conname",
        )
      ).map((row) => row.conname);
    expect(await foreignKeys(old)).toEqual(['activities_conversation_id_fkey']);

    // Three conversations written by the code as it is, on 010's schema: turns, a duplicate, a snapshot.
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await old.conversations.create({ id, locale: 'en-GB', now: T0 });
    for (let turn = 1; turn <= 3; turn += 1) {
      for (const id of ids) {
        await old.conversations.append(id, [{ clientActivityId: `c-${turn}`, activity: child(`turn ${turn} 😢`) }, { activity: bot(`reply ${turn}`) }], {
          snapshot: { snapshot: { turn }, machineVersion: 'child@10', contentVersion: 'en-GB@10' },
          now: new Date(T0.getTime() + turn * 60_000),
        });
      }
    }
    const tables = async (store: SqlStore): Promise<unknown[]> => [
      await store.db.query('SELECT * FROM activities ORDER BY conversation_id, seq'),
      await store.db.query('SELECT * FROM snapshots ORDER BY conversation_id'),
      await store.db.query('SELECT * FROM conversations ORDER BY id'),
    ];
    const written = await tables(old);
    const reads = await Promise.all(ids.map((id) => old.conversations.after(id, 0)));
    await old.close();

    const store = await open();
    expect(await foreignKeys(store)).toEqual([]);
    expect(await tables(store)).toEqual(written);
    for (const [index, id] of ids.entries()) {
      expect(view(await store.conversations.after(id, 0))).toEqual(view(reads[index] as StoredActivity[]));
    }
    const [a, b, c] = ids as [string, string, string];
    const again = await store.conversations.append(a, [{ clientActivityId: 'c-2', activity: child('re-sent') }]);
    expect(again.duplicate).toBe(true);
    expect(again.activities[0]?.seq).toBe(3);
    const next = await store.conversations.append(a, [{ clientActivityId: 'c-4', activity: child('after 011') }, { activity: bot('ok') }]);
    expect(next.activities.map((x) => x.seq)).toEqual([7, 8]);

    // The child's "delete my chat": the conversation goes with its activities, the others stay.
    expect(await store.retention.deleteConversation(a)).toEqual({ deleted: true, held: false });
    expect(await activityRows(store, a)).toBe(0);
    expect(await store.conversations.after(a, 0)).toEqual([]);
    expect(await activityRows(store, b)).toBe(3);
    await expect(store.conversations.append(a, [{ clientActivityId: 'c-5', activity: child('gone?') }])).rejects.toMatchObject({
      code: 'HARBOUR_ERR_STORE_NOT_FOUND',
    });
    expect(await activityRows(store, a)).toBe(0);

    // Retention's sweep deletes many conversations in one statement: each one's activities go.
    const swept = await store.retention.deleteExpired(new Date(T0.getTime() + 40 * 86_400_000), 30 * 86_400_000);
    expect(swept.deleted).toBe(2);
    expect(await activityRows(store, b)).toBe(0);
    expect(await activityRows(store, c)).toBe(0);
    expect((await store.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM activities'))[0]?.n).toBe(0);
  });

  it('empties activities when conversations are truncated with CASCADE', async () => {
    const { open } = await fresh();
    const store = await open();
    const id = randomUUID();
    await store.conversations.create({ id, locale: 'en-GB', now: T0 });
    await store.conversations.append(id, [{ clientActivityId: 'c-1', activity: child('hi') }]);
    expect(await activityRows(store, id)).toBe(1);
    await store.db.exec('TRUNCATE conversations CASCADE');
    expect((await store.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM activities'))[0]?.n).toBe(0);
  });

  if (driver === 'postgres') {
    it('an append waiting on a conversation being deleted writes nothing, and leaves no activities behind', async () => {
      const { open } = await fresh();
      const store = await open();
      const id = randomUUID();
      await store.conversations.create({ id, locale: 'en-GB', now: T0 });
      await store.conversations.append(id, [{ clientActivityId: 'c-1', activity: child('first') }, { activity: bot('reply') }]);
      const pending: { appended?: Promise<unknown> } = {};
      await store.db.transaction(async (tx) => {
        await tx.query('DELETE FROM conversations WHERE id = $1', [id]);
        // This append waits for the delete's row lock, then finds no conversation.
        pending.appended = store.conversations.append(id, [{ clientActivityId: 'c-2', activity: child('second') }]).then(
          () => 'written',
          (error: { code?: string }) => error.code,
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
      });
      expect(await pending.appended).toBe('HARBOUR_ERR_STORE_NOT_FOUND');
      expect(await activityRows(store, id)).toBe(0);
    });

    it('an append waiting on another instance\'s append finds the conversation row it updated (012, by ctid)', async () => {
      const { open } = await fresh();
      const store = await open();
      const id = randomUUID();
      await store.conversations.create({ id, locale: 'en-GB', now: T0 });
      await store.conversations.append(id, [{ clientActivityId: 'c-1', activity: child('one') }, { activity: bot('r1') }]);
      const pending: { appended?: Promise<unknown> } = {};
      await store.db.transaction(async (tx) => {
        // Another instance's append: it holds the row lock, with a newer row version, until it commits.
        const other = await tx.query<{ r: unknown }>(
          `SELECT harbour_append_cols(ARRAY[$1], ARRAY['c-2'], ARRAY[$2::timestamptz], ARRAY[2], ARRAY['{"n":2}'::json],
                  ARRAY['[{"r":2}]'::json], ARRAY['{"s":2}'::json], ARRAY['m@2'], ARRAY['c@2'], ARRAY[false],
                  ARRAY[NULL::timestamptz]) AS r`,
          [id, T0],
        );
        expect(other[0]?.r).toEqual([{ st: 'ok', first: 3 }]);
        pending.appended = store.conversations
          .append(id, [{ clientActivityId: 'c-3', activity: child('three') }, { activity: bot('r3') }], {
            snapshot: { snapshot: { turn: 3 }, machineVersion: 'm@3', contentVersion: 'c@3' },
          })
          .then(
            (result) => result.activities.map((a) => a.seq),
            (error: Error) => error.message,
          );
        await new Promise((resolve) => setTimeout(resolve, 200));
      });
      expect(await pending.appended).toEqual([5, 6]);
      expect((await store.conversations.get(id))?.lastSeq).toBe(6);
      expect((await store.conversations.after(id, 0)).map((a) => [a.seq, a.clientActivityId])).toEqual([
        [1, 'c-1'],
        [2, null],
        [3, 'c-2'],
        [4, null],
        [5, 'c-3'],
        [6, null],
      ]);
      expect(await store.conversations.latestSnapshot(id)).toEqual({ snapshot: { turn: 3 }, machineVersion: 'm@3', contentVersion: 'c@3' });
    });

    it('a delete waiting on an append in flight also deletes what that append wrote', async () => {
      const { open } = await fresh();
      const store = await open();
      const id = randomUUID();
      await store.conversations.create({ id, locale: 'en-GB', now: T0 });
      const pending: { deleted?: Promise<unknown> } = {};
      // Hold the conversation's row lock as an append does, write as harbour_append_cols would, and
      // let a delete queue behind it: the delete must take the row written before its lock was granted.
      await store.db.transaction(async (tx) => {
        await tx.query('SELECT last_seq FROM conversations WHERE id = $1 FOR UPDATE', [id]);
        await tx.query(
          `INSERT INTO activities (conversation_id, seq, client_activity_id, activity, rest, created_at)
           VALUES ($1, 1, 'c-1', '{"type":"message"}', NULL, now())`,
          [id],
        );
        await tx.query('UPDATE conversations SET last_seq = 1 WHERE id = $1', [id]);
        pending.deleted = store.retention.deleteConversation(id);
        await new Promise((resolve) => setTimeout(resolve, 200));
      });
      expect(await pending.deleted).toEqual({ deleted: true, held: false });
      expect(await activityRows(store, id)).toBe(0);
    });
  }
});
