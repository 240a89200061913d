import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type SnapshotRecord, type SqlStore, type StoredActivity } from '../../server/store/index.js';
import { utf8JsonArray } from '../../server/store/append-batcher.js';
import type { WireActivity } from '../../server/protocol/index.js';
import { freshDatabases, migrationsBefore, STORE_DRIVERS } from '../helpers/store.js';

// Migration 008 stores each append as one row (a run of activities) instead of one row per
// activity. Readers must see exactly what they saw before, on new data and on data written before
// the upgrade.

const T0 = new Date('2026-03-01T09:00:00.000Z');

function child(text: string): WireActivity {
  return { type: 'message', text, from: { id: 'child', name: 'child', role: 'user' } };
}
function bot(text: string): WireActivity {
  return { type: 'message', text, from: { id: 'harbour', name: 'Harbour', role: 'bot' }, channelData: { sender: 'bot' } };
}

/** The child's exact words, as the tests of text round-trips use them: emoji, RTL, combining marks. */
const WORDS = ['he said dont tell 😢', 'مرحبا لا أعرف', 'e\u0301 cafe\u0301 👩‍👧 𝒳', '  spaces  kept  ', 'plain'];

const view = (list: readonly StoredActivity[]): unknown[] =>
  list.map((a) => [a.seq, a.clientActivityId, a.activity, a.createdAt.toISOString()]);

describe.each(STORE_DRIVERS)('one row per append on %s', (driver) => {
  const fresh = freshDatabases(driver, 'rows');

  it('stores a turn as one row and reads every window of seqs as single activities', async () => {
    const { open } = await fresh();
    const store = await open();
    const id = randomUUID();
    await store.conversations.create({ id, locale: 'en-GB', now: T0 });
    // Turns of 3, 1 and 4 activities, an append of bot replies only, and an empty append.
    const appends: { clientActivityId?: string; activity: WireActivity }[][] = [
      [{ clientActivityId: 'c-1', activity: child(WORDS[0] as string) }, { activity: bot('I hear you.') }, { activity: bot('Tell me more?') }],
      [{ clientActivityId: 'c-2', activity: child(WORDS[1] as string) }],
      [{ clientActivityId: 'c-3', activity: child(WORDS[2] as string) }, { activity: bot('a') }, { activity: bot('b') }, { activity: bot('c') }],
      [{ activity: bot('Are you still there?') }, { activity: bot('I am here.') }],
      [],
    ];
    const expected: unknown[] = [];
    for (const [n, activities] of appends.entries()) {
      const now = new Date(T0.getTime() + n * 1000);
      const result = await store.conversations.append(id, activities, { now });
      expect(result.duplicate).toBe(false);
      for (const stored of result.activities) expected.push([stored.seq, stored.clientActivityId, stored.activity, now.toISOString()]);
    }
    expect(expected.map((row) => (row as unknown[])[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(view(await store.conversations.after(id, 0))).toEqual(expected);
    // Every start and every limit: exactly the slice, across and inside rows.
    for (let after = 0; after <= 11; after += 1) {
      for (let limit = 1; limit <= 11; limit += 1) {
        expect(view(await store.conversations.after(id, after, limit))).toEqual(expected.slice(after, after + limit));
      }
    }
    expect(view(await store.conversations.after(id, -5, 2))).toEqual(expected.slice(0, 2));
    expect(view(await store.conversations.after(id, 2.7, 1))).toEqual(expected.slice(2, 3));
    expect(await store.conversations.after(id, 1e12)).toEqual([]);
    // Four appends with activities, four rows.
    expect(await store.db.query('SELECT seq FROM activities WHERE conversation_id = $1 ORDER BY seq', [id])).toEqual([
      { seq: 1 },
      { seq: 4 },
      { seq: 5 },
      { seq: 9 },
    ]);
  });

  it('cuts an append at each later client id, so every client id is found and kept once', async () => {
    const { open } = await fresh();
    const store = await open();
    const id = randomUUID();
    await store.conversations.create({ id, locale: 'en-GB', now: T0 });
    const first = await store.conversations.append(id, [
      { activity: bot('Hello') },
      { clientActivityId: 'c-1', activity: child('one') },
      { activity: bot('ok') },
      { clientActivityId: 'c-2', activity: child('two') },
    ]);
    expect(first.activities.map((a) => [a.seq, a.clientActivityId])).toEqual([[1, null], [2, 'c-1'], [3, null], [4, 'c-2']]);
    expect((await store.conversations.after(id, 0)).map((a) => [a.seq, a.clientActivityId, a.activity.text])).toEqual([
      [1, null, 'Hello'],
      [2, 'c-1', 'one'],
      [3, null, 'ok'],
      [4, 'c-2', 'two'],
    ]);
    // Re-sending either child message writes nothing and returns the original.
    for (const [key, seq, text] of [['c-1', 2, 'one'], ['c-2', 4, 'two']] as const) {
      const again = await store.conversations.append(id, [{ clientActivityId: key, activity: child('changed') }, { activity: bot('x') }]);
      expect(again.duplicate).toBe(true);
      expect(again.activities.map((a) => [a.seq, a.clientActivityId, a.activity])).toEqual([[seq, key, child(text)]]);
    }
    // A later activity whose client id is stored already fails the whole append.
    await expect(
      store.conversations.append(id, [{ clientActivityId: 'c-3', activity: child('three') }, { clientActivityId: 'c-1', activity: child('one again') }]),
    ).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_INPUT' });
    expect((await store.conversations.get(id))?.lastSeq).toBe(4);
    expect((await store.conversations.after(id, 0)).map((a) => a.seq)).toEqual([1, 2, 3, 4]);
  });

  it('commits turns, an append of several runs and an empty append together, each read back as written', async () => {
    const { open } = await fresh();
    const store = await open();
    const ids = Array.from({ length: 40 }, () => randomUUID());
    for (const id of ids) await store.conversations.create({ id, locale: 'cy-GB', now: T0 });
    const due = new Date(T0.getTime() + 600_000);
    const plan = (n: number): { clientActivityId?: string; activity: WireActivity }[] =>
      n === 7
        ? [{ activity: bot('Helo') }, { clientActivityId: 'k-a', activity: child('ŵ ŷ 😢') }, { activity: bot('Diolch') }, { clientActivityId: 'k-b', activity: child('â ê') }]
        : n === 8
          ? []
          : [{ clientActivityId: `k-${n}`, activity: child(WORDS[n % WORDS.length] as string) }, { activity: bot(`reply ${n}`) }];
    const before = store.appendStats();
    // Every append at once: the batcher groups them, so the two-run append shares a batch with turns.
    const results = await Promise.all(
      ids.map((id, n) =>
        store.conversations.append(id, plan(n), {
          now: new Date(T0.getTime() + n),
          snapshot: { snapshot: { n, said: plan(n).map((a) => a.activity.text) }, machineVersion: 'child@1', contentVersion: 'cy-GB@1' },
          ...(n % 3 === 0 ? { checkInDueAt: due } : {}),
        }),
      ),
    );
    const after = store.appendStats();
    expect(after.appends - before.appends).toBe(ids.length);
    expect(after.statements - before.statements).toBeLessThan(ids.length);
    for (const [n, id] of ids.entries()) {
      const expected = plan(n).map((a, i) => [i + 1, a.clientActivityId ?? null, a.activity, new Date(T0.getTime() + n).toISOString()]);
      expect(view(results[n]?.activities ?? [])).toEqual(expected);
      expect(view(await store.conversations.after(id, 0))).toEqual(expected);
      expect(await store.conversations.latestSnapshot(id)).toEqual({
        snapshot: { n, said: plan(n).map((a) => a.activity.text) },
        machineVersion: 'child@1',
        contentVersion: 'cy-GB@1',
      });
      expect(await store.conversations.get(id)).toMatchObject({ lastSeq: plan(n).length, checkInDueAt: n % 3 === 0 ? due : null });
    }
    // Each client id is found again, the later one of the two-run append too.
    const again = await store.conversations.append(ids[7] as string, [{ clientActivityId: 'k-b', activity: child('again') }]);
    expect(view(again.activities)).toEqual([[4, 'k-b', child('â ê'), new Date(T0.getTime() + 7).toISOString()]]);
  });

  it('upgrades a database with data in it: old rows read back identically, and appends carry on', async () => {
    const { open, folder } = await fresh();
    // The migrations as they were before 008.
    const before = await migrationsBefore(folder, 8);
    const old = await open(before);
    expect((await old.db.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations'))[0]?.version).toBe(7);

    // Written through 007's functions, in their request format (one element per activity), as an
    // instance before this change wrote them: a batch and a single append.
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) await old.conversations.create({ id, locale: 'en-GB', now: T0 });
    const request = (c: string, turn: number, text: string): object => ({
      c,
      k: `c-${turn}`,
      t: new Date(T0.getTime() + turn * 60_000).toISOString(),
      a: [{ k: `c-${turn}`, a: child(text) }, { k: null, a: bot(`reply ${turn}`) }, { k: null, a: bot(`question ${turn}`) }],
      s: { v: { turn, words: text }, m: 'child@1', cv: 'en-GB@1' },
    });
    for (const [turn, text] of WORDS.entries()) {
      await old.db.query('SELECT harbour_append_batch($1::text::jsonb)', [JSON.stringify(ids.map((c) => request(c, turn, text)))]);
    }
    await old.db.query('SELECT harbour_append($1::text::jsonb)', [JSON.stringify([request(ids[0] as string, 9, 'last before')])]);
    // What the reader before 008 returned, straight from the table.
    const oldRead = async (id: string): Promise<unknown[]> =>
      (
        await old.db.query<{ seq: number; client_activity_id: string | null; activity: WireActivity; created_at: Date }>(
          'SELECT seq, client_activity_id, activity, created_at FROM activities WHERE conversation_id = $1 ORDER BY seq',
          [id],
        )
      ).map((row) => [row.seq, row.client_activity_id, row.activity, row.created_at.toISOString()]);
    const readBefore = await Promise.all(ids.map(oldRead));
    expect(readBefore.map((rows) => rows.length)).toEqual([18, 15]);
    await old.close();

    const store = await open();
    for (const [n, id] of ids.entries()) {
      const expected = readBefore[n] as unknown[];
      expect(view(await store.conversations.after(id, 0))).toEqual(expected);
      expect(view(await store.conversations.after(id, 4, 5))).toEqual(expected.slice(4, 9));
      expect(await store.conversations.latestSnapshot(id)).toEqual({
        snapshot: n === 0 ? { turn: 9, words: 'last before' } : { turn: 4, words: 'plain' },
        machineVersion: 'child@1',
        contentVersion: 'en-GB@1',
      });
    }
    const [a, b] = ids as [string, string];
    expect(readBefore[0]?.[3]).toEqual([4, 'c-1', child(WORDS[1] as string), new Date(T0.getTime() + 60_000).toISOString()]);

    // A child message stored before the upgrade is still recognised when re-sent.
    const again = await store.conversations.append(a, [{ clientActivityId: 'c-1', activity: child('re-sent') }, { activity: bot('x') }]);
    expect(again.duplicate).toBe(true);
    expect(again.activities.map((x) => [x.seq, x.activity])).toEqual([[4, child(WORDS[1] as string)]]);

    // New turns continue the seqs, mixed with the old rows in one read.
    const next = await store.conversations.append(a, [{ clientActivityId: 'c-10', activity: child('after the upgrade') }, { activity: bot('noted') }]);
    expect(next.activities.map((x) => x.seq)).toEqual([19, 20]);
    const all = await store.conversations.after(a, 0);
    expect(all.map((x) => x.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(view(all.slice(0, 18))).toEqual(readBefore[0]);
    expect(view(await store.conversations.after(a, 17, 2)).map((row) => (row as unknown[]).slice(0, 3))).toEqual([
      [18, null, bot('question 9')],
      [19, 'c-10', child('after the upgrade')],
    ]);

    // Deleting a chat still removes old and new rows alike.
    expect(await store.retention.deleteConversation(a)).toEqual({ deleted: true, held: false });
    expect(await store.conversations.after(a, 0)).toEqual([]);
    expect(await store.db.query('SELECT 1 FROM activities WHERE conversation_id = $1', [a])).toEqual([]);
    expect(view(await store.conversations.after(b, 0))).toEqual(readBefore[1]);
  });

  it('upgrades a database at 008 to json columns (009): every activity, snapshot and duplicate reads back the same', async () => {
    const { open, folder } = await fresh();
    const before = await migrationsBefore(folder, 9);
    const old = await open(before);
    expect((await old.db.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations'))[0]?.version).toBe(8);
    const columnType = async (store: SqlStore, table: string, column: string): Promise<string | undefined> =>
      (
        await store.db.query<{ t: string }>(
          'SELECT data_type AS t FROM information_schema.columns WHERE table_name = $1 AND column_name = $2',
          [table, column],
        )
      )[0]?.t;
    expect(await columnType(old, 'activities', 'activity')).toBe('jsonb');

    // Written as the code before 009 wrote them, in 008's request format: turns with the child's
    // words, snapshots with nested values and a check-in deadline, then an append cut into two runs
    // by a later client id (a single append).
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) await old.conversations.create({ id, locale: 'en-GB', now: T0 });
    const [a, b] = ids as [string, string];
    const at = (turn: number): Date => new Date(T0.getTime() + turn * 60_000);
    const due = new Date(T0.getTime() + 3_600_000);
    const state = (turn: number, words: string): object => ({
      value: { step: 'listening', turn },
      context: { words, said: [words, null, 1.5, true], empty: {}, zebra: 1, a: 2 },
    });
    const expected = new Map<string, unknown[]>(ids.map((id) => [id, []]));
    for (const [turn, text] of WORDS.entries()) {
      const requests = ids.map((c) => ({
        c,
        k: `c-${turn}`,
        t: at(turn).toISOString(),
        n: 3,
        a: [{ k: `c-${turn}`, a: child(text), m: [bot(`reply ${turn}`), bot(`question ${turn}`)] }],
        s: { v: state(turn, text), m: 'child@8', cv: 'en-GB@8' },
        d: due.toISOString(),
      }));
      await old.db.query('SELECT harbour_append_batch($1::text::jsonb)', [JSON.stringify(requests)]);
      for (const c of ids) {
        const list = expected.get(c) as unknown[];
        const first = list.length + 1;
        list.push(
          [first, `c-${turn}`, child(text), at(turn).toISOString()],
          [first + 1, null, bot(`reply ${turn}`), at(turn).toISOString()],
          [first + 2, null, bot(`question ${turn}`), at(turn).toISOString()],
        );
      }
    }
    const late = {
      c: a,
      k: null,
      t: at(9).toISOString(),
      n: 3,
      a: [{ k: null, a: bot('Are you still there?') }, { k: 'c-late', a: child('yes 🙂 ŵŷ'), m: [bot('Good.')], o: 1 }],
    };
    await old.db.query('SELECT harbour_append($1::text::jsonb)', [JSON.stringify([late])]);
    (expected.get(a) as unknown[]).push(
      [16, null, bot('Are you still there?'), at(9).toISOString()],
      [17, 'c-late', child('yes 🙂 ŵŷ'), at(9).toISOString()],
      [18, null, bot('Good.'), at(9).toISOString()],
    );

    // Every stored value, straight from the tables.
    const tables = async (store: SqlStore): Promise<unknown[]> => [
      await store.db.query('SELECT * FROM activities ORDER BY conversation_id, seq'),
      await store.db.query('SELECT * FROM snapshots ORDER BY conversation_id'),
      await store.db.query('SELECT * FROM conversations ORDER BY id'),
    ];
    const before008 = await tables(old);
    expect((before008[0] as unknown[]).length).toBe(12);
    await old.close();

    const store = await open();
    expect(await columnType(store, 'activities', 'activity')).toBe('json');
    expect(await columnType(store, 'activities', 'rest')).toBe('json');
    expect(await columnType(store, 'snapshots', 'snapshot')).toBe('json');
    expect(await tables(store)).toEqual(before008);
    for (const id of ids) {
      expect(view(await store.conversations.after(id, 0))).toEqual(expected.get(id));
      expect(view(await store.conversations.after(id, 2, 4))).toEqual(expected.get(id)?.slice(2, 6));
      expect(await store.conversations.latestSnapshot(id)).toEqual({ snapshot: state(4, 'plain'), machineVersion: 'child@8', contentVersion: 'en-GB@8' });
      expect(await store.conversations.get(id)).toMatchObject({ lastSeq: id === a ? 18 : 15, checkInDueAt: due });
    }
    // A child message stored before the upgrade is recognised when re-sent, in a later run too.
    for (const [key, seq, activity] of [['c-1', 4, child(WORDS[1] as string)], ['c-late', 17, child('yes 🙂 ŵŷ')]] as const) {
      const again = await store.conversations.append(a, [{ clientActivityId: key, activity: child('re-sent') }]);
      expect(again.duplicate).toBe(true);
      expect(view(again.activities)).toEqual([[seq, key, activity, at(key === 'c-1' ? 1 : 9).toISOString()]]);
    }
    const snapshot = (turn: number, words: string): SnapshotRecord => ({
      snapshot: state(turn, words),
      machineVersion: 'child@9',
      contentVersion: 'en-GB@9',
    });

    // Appends carry on after the old rows, and a check-in deadline is kept unless one is given.
    const next = await store.conversations.append(b, [{ clientActivityId: 'c-new', activity: child('after 009 ✨') }, { activity: bot('ok') }], {
      snapshot: snapshot(9, 'after'),
    });
    expect(next.activities.map((x) => x.seq)).toEqual([16, 17]);
    expect(view(await store.conversations.after(b, 14))).toEqual([...(expected.get(b) as unknown[]).slice(14), ...view(next.activities)]);
    expect(await store.conversations.latestSnapshot(b)).toEqual(snapshot(9, 'after'));
    expect((await store.conversations.get(b))?.checkInDueAt).toEqual(due);
    await store.conversations.append(b, [{ activity: bot('bye') }], { checkInDueAt: null });
    expect((await store.conversations.get(b))?.checkInDueAt).toBeNull();
  });
});

describe('utf8JsonArray', () => {
  it('writes the requests as one JSON array in UTF-8, every character exact', () => {
    const requests = [{ text: WORDS[0] }, { text: WORDS[1], n: [1, 2] }, { text: WORDS[2] }, {}];
    const bytes = utf8JsonArray(requests.map((request) => ({ json: JSON.stringify(request) })));
    expect(bytes.equals(Buffer.from(JSON.stringify(requests), 'utf8'))).toBe(true);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(requests);
    expect(utf8JsonArray([{ json: '"😢"' }]).toString('utf8')).toBe('["😢"]');
    expect(utf8JsonArray([]).toString('utf8')).toBe('[]');
  });
});
