import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createStore, StoreError, type Store } from '../../server/store/index.js';
import { MAX_BATCH, MAX_BATCH_PGLITE } from '../../server/store/append-batcher.js';
import type { WireActivity } from '../../server/protocol/index.js';
import { openTestStore, STORE_DRIVERS, type TestStore } from '../helpers/store.js';

const T0 = new Date('2026-01-01T10:00:00.000Z');

function childMessage(text: string): WireActivity {
  return { type: 'message', text, from: { id: 'child', name: 'child', role: 'user' } };
}
function botMessage(text: string): WireActivity {
  return { type: 'message', text, from: { id: 'harbour', name: 'Harbour', role: 'bot' }, channelData: { sender: 'bot' } };
}

describe.each([...STORE_DRIVERS, 'memory'] as const)('conversations on %s', (driver) => {
  let opened: TestStore | null = null;
  let store: Store;

  beforeAll(async () => {
    if (driver === 'memory') {
      store = createMemoryStore();
    } else {
      opened = await openTestStore(driver);
      store = opened.store;
    }
  });
  afterAll(async () => {
    if (opened !== null) await opened.close();
    else await store.close();
  });

  async function newConversation(): Promise<string> {
    const id = randomUUID();
    await store.conversations.create({ id, locale: 'en-GB', now: T0 });
    return id;
  }

  it('creates a conversation and reads it back', async () => {
    const id = await newConversation();
    expect(await store.conversations.get(id)).toEqual({
      id,
      locale: 'en-GB',
      createdAt: T0,
      endedAt: null,
      endReason: null,
      lastSeq: 0,
      checkInDueAt: null,
    });
    expect(await store.conversations.get(randomUUID())).toBeNull();
  });

  it('refuses to create the same conversation twice', async () => {
    const id = await newConversation();
    await expect(store.conversations.create({ id, locale: 'en-GB', now: T0 })).rejects.toMatchObject({
      code: 'HARBOUR_ERR_STORE_INPUT',
    });
  });

  it('assigns consecutive seqs across appends and replays them in order', async () => {
    const id = await newConversation();
    const first = await store.conversations.append(id, [{ clientActivityId: 'c-1', activity: childMessage('hi') }], { now: T0 });
    const second = await store.conversations.append(id, [
      { activity: botMessage('Hello, I am Harbour.') },
      { activity: botMessage('What would you like to talk about?') },
    ]);
    expect(first.duplicate).toBe(false);
    expect(first.activities.map((a) => a.seq)).toEqual([1]);
    expect(second.activities.map((a) => a.seq)).toEqual([2, 3]);
    expect((await store.conversations.get(id))?.lastSeq).toBe(3);

    const replay = await store.conversations.after(id, 0);
    expect(replay.map((a) => [a.seq, a.clientActivityId, a.activity.text])).toEqual([
      [1, 'c-1', 'hi'],
      [2, null, 'Hello, I am Harbour.'],
      [3, null, 'What would you like to talk about?'],
    ]);
    expect(replay[0]?.createdAt).toEqual(T0);
    expect(replay[0]?.activity).toEqual(childMessage('hi'));
    expect((await store.conversations.after(id, 1, 1)).map((a) => a.seq)).toEqual([2]);
    expect(await store.conversations.after(id, 3)).toEqual([]);
  });

  it('writes nothing for a re-sent client id and returns the stored original', async () => {
    const id = await newConversation();
    await store.conversations.append(id, [{ clientActivityId: 'c-1', activity: childMessage('first words') }]);
    const again = await store.conversations.append(
      id,
      [{ clientActivityId: 'c-1', activity: childMessage('something else') }, { activity: botMessage('x') }],
      { snapshot: { snapshot: { state: 'x' }, machineVersion: 'm2', contentVersion: 'c2' }, checkInDueAt: T0 },
    );
    expect(again.duplicate).toBe(true);
    expect(again.activities).toHaveLength(1);
    expect(again.activities[0]).toMatchObject({ seq: 1, clientActivityId: 'c-1', activity: childMessage('first words') });
    const conversation = await store.conversations.get(id);
    expect(conversation?.lastSeq).toBe(1);
    expect(conversation?.checkInDueAt).toBeNull();
    expect(await store.conversations.latestSnapshot(id)).toBeNull();
    expect(await store.conversations.after(id, 0)).toHaveLength(1);
  });

  it('stores one message when the same client id is appended concurrently', async () => {
    const id = await newConversation();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.conversations.append(id, [{ clientActivityId: 'same', activity: childMessage(`try ${i}`) }]),
      ),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const stored = await store.conversations.after(id, 0);
    expect(stored).toHaveLength(1);
    for (const result of results) expect(result.activities[0]?.activity).toEqual(stored[0]?.activity);
  });

  it('keeps seqs gapless and in call order under concurrent appends to one conversation', async () => {
    const id = await newConversation();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => store.conversations.append(id, [{ clientActivityId: `c-${i}`, activity: childMessage(`m${i}`) }])),
    );
    expect(results.map((r) => r.activities[0]?.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const stored = await store.conversations.after(id, 0);
    expect(stored.map((a) => a.activity.text)).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
  });

  it('keeps every conversation right when many commit at once', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => newConversation()));
    await Promise.all(
      ids.map(async (id, n) => {
        for (let turn = 0; turn < 3; turn += 1) {
          await store.conversations.append(id, [{ clientActivityId: `c-${turn}`, activity: childMessage(`${n}:${turn}`) }]);
          await store.conversations.append(id, [{ activity: botMessage('ok') }, { activity: botMessage('and?') }], {
            snapshot: { snapshot: { turn }, machineVersion: 'm1', contentVersion: 'c1' },
          });
        }
      }),
    );
    for (const [n, id] of ids.entries()) {
      const stored = await store.conversations.after(id, 0);
      expect(stored.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(stored.filter((a) => a.clientActivityId !== null).map((a) => a.activity.text)).toEqual([`${n}:0`, `${n}:1`, `${n}:2`]);
      expect((await store.conversations.latestSnapshot(id))?.snapshot).toEqual({ turn: 2 });
    }
  });

  it('writes the snapshot and check-in with the turn, and keeps the latest', async () => {
    const id = await newConversation();
    const due = new Date(T0.getTime() + 60_000);
    await store.conversations.append(id, [{ clientActivityId: 'a', activity: childMessage('hi') }], {
      snapshot: { snapshot: { value: 'greeting', context: { n: 1 } }, machineVersion: 'child@1', contentVersion: 'en-GB@1' },
      checkInDueAt: due,
    });
    expect(await store.conversations.latestSnapshot(id)).toEqual({
      snapshot: { value: 'greeting', context: { n: 1 } },
      machineVersion: 'child@1',
      contentVersion: 'en-GB@1',
    });
    expect((await store.conversations.get(id))?.checkInDueAt).toEqual(due);

    await store.conversations.append(id, [{ activity: botMessage('hello') }], {
      snapshot: { snapshot: { value: 'listening' }, machineVersion: 'child@2', contentVersion: 'en-GB@2' },
    });
    expect(await store.conversations.latestSnapshot(id)).toEqual({
      snapshot: { value: 'listening' },
      machineVersion: 'child@2',
      contentVersion: 'en-GB@2',
    });
    expect((await store.conversations.get(id))?.checkInDueAt).toEqual(due);

    await store.conversations.append(id, [], { checkInDueAt: null });
    expect((await store.conversations.get(id))?.checkInDueAt).toBeNull();
    expect((await store.conversations.get(id))?.lastSeq).toBe(2);
  });

  it('refuses an append to an unknown conversation without harming others in the same batch', async () => {
    const id = await newConversation();
    const [missing, fine] = await Promise.allSettled([
      store.conversations.append(randomUUID(), [{ activity: childMessage('lost?') }]),
      store.conversations.append(id, [{ activity: childMessage('kept') }]),
    ]);
    expect(missing.status).toBe('rejected');
    expect((missing as PromiseRejectedResult).reason).toBeInstanceOf(StoreError);
    expect((missing as PromiseRejectedResult).reason).toMatchObject({ code: 'HARBOUR_ERR_STORE_NOT_FOUND' });
    expect(fine.status).toBe('fulfilled');
    expect((await store.conversations.after(id, 0)).map((a) => a.activity.text)).toEqual(['kept']);
  });

  it('fails one bad append in a batch alone', async () => {
    const id = await newConversation();
    const other = await newConversation();
    await store.conversations.append(id, [{ clientActivityId: 'taken', activity: childMessage('one') }]);
    // The second activity's client id collides with a stored one: that append fails, the other commits.
    const [bad, good] = await Promise.allSettled([
      store.conversations.append(id, [
        { clientActivityId: 'new', activity: childMessage('two') },
        { clientActivityId: 'taken', activity: childMessage('three') },
      ]),
      store.conversations.append(other, [{ activity: childMessage('fine') }]),
    ]);
    expect(bad.status).toBe('rejected');
    expect((bad as PromiseRejectedResult).reason).toMatchObject({ code: 'HARBOUR_ERR_STORE_INPUT' });
    expect(good.status).toBe('fulfilled');
    expect((await store.conversations.after(id, 0)).map((a) => a.activity.text)).toEqual(['one']);
    expect((await store.conversations.after(other, 0)).map((a) => a.activity.text)).toEqual(['fine']);
  });

  it('ends a conversation once, clears its check-in, and leaves it out of due check-ins', async () => {
    const ended = await newConversation();
    const waiting = await newConversation();
    const later = await newConversation();
    const due = new Date('2026-01-01T10:05:00.000Z');
    await store.conversations.setCheckIn(ended, due);
    await store.conversations.setCheckIn(waiting, due);
    await store.conversations.setCheckIn(later, new Date('2026-01-01T11:00:00.000Z'));
    await store.conversations.end(ended, 'goodbye', T0);
    await store.conversations.end(ended, 'quick-exit', new Date(T0.getTime() + 1000));
    expect(await store.conversations.get(ended)).toMatchObject({ endedAt: T0, endReason: 'goodbye', checkInDueAt: null });

    const dueNow = (await store.conversations.dueCheckIns(due, 10_000)).filter((d) => [ended, waiting, later].includes(d.id));
    expect(dueNow).toEqual([{ id: waiting, dueAt: due }]);
    await store.conversations.setCheckIn(waiting, null);
    expect((await store.conversations.dueCheckIns(due, 10_000)).some((d) => d.id === waiting)).toBe(false);
    // Unknown conversations are a no-op, not a crash.
    await store.conversations.end(randomUUID(), 'goodbye', T0);
    await store.conversations.setCheckIn(randomUUID(), due);
  });

  if (driver !== 'memory') {
    it('commits appends from many conversations together (group commit), in batches no bigger than the cap', async () => {
      const sqlStore = (opened as TestStore).store;
      const batch = sqlStore.kind === 'pglite' ? MAX_BATCH_PGLITE : MAX_BATCH;
      // Enough appends for two full batches after the first `concurrency` go alone, so that the
      // cap itself is reached (PostgreSQL's is 512 since session 6; 200 appends no longer did).
      const count = sqlStore.db.concurrency + 2 * batch + 10;
      const ids = await Promise.all(Array.from({ length: count }, () => newConversation()));
      const before = sqlStore.appendStats();
      await Promise.all(ids.map((id) => store.conversations.append(id, [{ activity: childMessage('together') }])));
      const after = sqlStore.appendStats();
      expect(after.appends - before.appends).toBe(count);
      // The first `concurrency` appends go at once, alone (no timers); the rest wait and go
      // together in batches of at most MAX_BATCH (PGlite: MAX_BATCH_PGLITE): a handful of
      // statements, not one per append, and at least as many as the cap forces.
      const statements = after.statements - before.statements;
      expect(statements).toBeLessThanOrEqual(sqlStore.db.concurrency + Math.ceil(count / batch));
      expect(statements).toBeGreaterThanOrEqual(Math.ceil((count - sqlStore.db.concurrency) / batch));
      for (const id of ids) expect((await store.conversations.get(id))?.lastSeq).toBe(1);
    });

    it('answers a batch set-based: ok, duplicate and missing side by side, one conversation twice in order', async () => {
      const db = (opened as TestStore).store.db;
      const a = await newConversation();
      const b = await newConversation();
      await store.conversations.append(a, [{ clientActivityId: 'k-1', activity: childMessage('first') }], { now: T0 });
      const at = '2026-01-01T10:01:00.000Z';
      const request = (c: string, k: string | null, text: string, extra: object = {}): object => ({
        c, k, t: at, a: [{ k, a: childMessage(text) }, { k: null, a: botMessage(`re: ${text}`) }], ...extra,
      });
      const run = async (requests: object[]): Promise<unknown> =>
        (await db.query<{ r: unknown }>('SELECT harbour_append_batch($1::text::json) AS r', [JSON.stringify(requests)]))[0]?.r;

      const due = '2026-01-01T11:00:00.000Z';
      expect(
        await run([
          request(a, 'k-1', 'again'),
          request(randomUUID(), 'k-9', 'nowhere'),
          request(b, 'k-2', 'second', { s: { v: { turn: 1 }, m: 'child@1', cv: 'en-GB@1' }, hd: true, d: due }),
        ]),
      ).toEqual([
        { st: 'dup', row: { seq: 1, k: 'k-1', a: childMessage('first'), t: expect.stringMatching(/^2026-01-01T10:00:00/) } },
        { st: 'missing' },
        { st: 'ok', first: 1 },
      ]);
      expect((await store.conversations.after(b, 0)).map((x) => [x.seq, x.clientActivityId, x.activity.text])).toEqual([
        [1, 'k-2', 'second'],
        [2, null, 're: second'],
      ]);
      expect(await store.conversations.get(b)).toMatchObject({ lastSeq: 2, checkInDueAt: new Date(due) });
      expect(await store.conversations.latestSnapshot(b)).toEqual({ snapshot: { turn: 1 }, machineVersion: 'child@1', contentVersion: 'en-GB@1' });
      expect((await store.conversations.get(a))?.lastSeq).toBe(1);

      // The batcher never sends a conversation twice in one batch; if it happens, requests still
      // apply one after another: consecutive seqs, and the second sees the first's client id.
      expect(await run([request(a, 'k-3', 'x'), request(a, 'k-3', 'x again'), request(a, 'k-4', 'y')])).toEqual([
        { st: 'ok', first: 2 },
        { st: 'dup', row: expect.objectContaining({ seq: 2, k: 'k-3' }) },
        { st: 'ok', first: 4 },
      ]);
      expect((await store.conversations.after(a, 0)).map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await run([])).toEqual([]);

      // One batch: a's first snapshot (a new row), b's second (replaces its first), and c without
      // one. Then a batch without snapshots keeps both.
      const c = await newConversation();
      const snapshot = (turn: number): object => ({ s: { v: { turn }, m: 'child@2', cv: 'en-GB@2' } });
      expect(await run([request(a, 'k-5', 'p', snapshot(5)), request(b, 'k-6', 'q', snapshot(2)), request(c, 'k-7', 'r')])).toEqual([
        { st: 'ok', first: 6 },
        { st: 'ok', first: 3 },
        { st: 'ok', first: 1 },
      ]);
      expect(await run([request(a, 'k-8', 's'), request(b, 'k-9', 't')])).toEqual([
        { st: 'ok', first: 8 },
        { st: 'ok', first: 5 },
      ]);
      expect(await store.conversations.latestSnapshot(a)).toEqual({ snapshot: { turn: 5 }, machineVersion: 'child@2', contentVersion: 'en-GB@2' });
      expect(await store.conversations.latestSnapshot(b)).toEqual({ snapshot: { turn: 2 }, machineVersion: 'child@2', contentVersion: 'en-GB@2' });
      expect(await store.conversations.latestSnapshot(c)).toBeNull();
      expect((await store.conversations.after(c, 0)).map((x) => [x.seq, x.clientActivityId])).toEqual([
        [1, 'k-7'],
        [2, null],
      ]);
    });

    if (driver === 'postgres') {
      it('keeps seqs gapless and each client id once when two instances append to the same conversations', async () => {
        const other = await createStore({ databaseUrl: (opened as TestStore).postgres?.databaseUrl ?? '' });
        try {
          const ids = await Promise.all(Array.from({ length: 20 }, () => newConversation()));
          // Both instances send the same ten child messages (a reconnecting widget re-sends to
          // whichever instance it reaches) and a bot reply each, all at once.
          await Promise.all(
            [store, other].flatMap((instance, n) =>
              ids.map(async (id) => {
                for (let i = 0; i < 10; i += 1) {
                  await instance.conversations.append(id, [{ clientActivityId: `c-${i}`, activity: childMessage(`m${i}`) }]);
                  await instance.conversations.append(id, [{ activity: botMessage(`from ${n}`) }]);
                }
              }),
            ),
          );
          for (const id of ids) {
            const stored = await store.conversations.after(id, 0);
            expect(stored.map((a) => a.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
            expect(stored.filter((a) => a.clientActivityId !== null).map((a) => a.clientActivityId).sort()).toEqual(
              Array.from({ length: 10 }, (_, i) => `c-${i}`).sort(),
            );
            expect((await store.conversations.get(id))?.lastSeq).toBe(30);
          }
        } finally {
          await other.close();
        }
      });
    }

    it('rejects limits out of range with a clear error', async () => {
      const id = await newConversation();
      await expect(store.conversations.after(id, 0, 0)).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_INPUT' });
      await expect(store.conversations.after(id, 0, 10_001)).rejects.toThrow(/limit must be a whole number from 1 to 10000/);
      await expect(store.conversations.dueCheckIns(T0, 1.5)).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_INPUT' });
      await expect(store.conversations.after(id, Number.NaN)).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_INPUT' });
    });
  }
});
