import { describe, expect, it } from 'vitest';
import { AppendBatcher, type AppendOutcome } from '../../server/store/append-batcher.js';
import type { SqlDb } from '../../server/store/sql-db.js';

/**
 * How the group commit fills its batches when more than one may be in flight, on a database whose
 * statements finish only when the test says so. What is observed is what the database sees: the
 * statements, how many appends each carries and for which conversations, and when each append is
 * acknowledged.
 */
interface Statement {
  readonly conversations: string[];
  finish(): void;
}

function fakeDb(concurrency: number): { db: SqlDb; statements: Statement[] } {
  const statements: Statement[] = [];
  const query = (_sql: string, params: readonly unknown[] = []): Promise<never[]> => {
    const requests = JSON.parse(Buffer.from(params[0] as Buffer).toString('utf8')) as { c: string }[];
    return new Promise((resolve) => {
      statements.push({
        conversations: requests.map((request) => request.c),
        finish: () => resolve([{ r: requests.map((_, index): AppendOutcome => ({ st: 'ok', first: index + 1 })) }] as never[]),
      });
    });
  };
  const db: SqlDb = {
    driver: 'postgres',
    concurrency,
    query: query as SqlDb['query'],
    exec: async () => undefined,
    transaction: async () => {
      throw new Error('not used');
    },
    close: async () => undefined,
  };
  return { db, statements };
}

/** Lets every settled promise's callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function submit(batcher: AppendBatcher, conversationId: string, acked: string[]): Promise<void> {
  return batcher.submit(conversationId, JSON.stringify({ c: conversationId })).then(() => {
    acked.push(conversationId);
  });
}

describe('AppendBatcher with several batches in flight', () => {
  it('sends an append at once when nothing is in flight, and the next ones alone while batches are small', async () => {
    const { db, statements } = fakeDb(3);
    const batcher = new AppendBatcher(db);
    const acked: string[] = [];
    const done = [submit(batcher, 'a', acked), submit(batcher, 'b', acked), submit(batcher, 'c', acked)];
    expect(statements.map((s) => s.conversations)).toEqual([['a'], ['b'], ['c']]);
    for (const statement of statements) statement.finish();
    await Promise.all(done);
    expect(acked).toEqual(['a', 'b', 'c']);
  });

  it('holds a small batch while a big one is in flight, instead of spending a commit on a few appends', async () => {
    const { db, statements } = fakeDb(3);
    const batcher = new AppendBatcher(db);
    const acked: string[] = [];
    const done: Promise<void>[] = [];
    // One append goes alone; the 40 that come while it runs wait for it and then go together.
    done.push(submit(batcher, 'first', acked));
    const crowd = Array.from({ length: 40 }, (_, n) => `x${n}`);
    // The first two of the crowd take the free slots alone (batches of one are in flight).
    for (const id of crowd) done.push(submit(batcher, id, acked));
    expect(statements.map((s) => s.conversations.length)).toEqual([1, 1, 1]);
    statements[0]?.finish();
    await settle();
    expect(statements.map((s) => s.conversations.length)).toEqual([1, 1, 1, 38]);
    statements[1]?.finish();
    await settle();
    // A slot is free, but the 38 in flight are many: a few new appends wait rather than go alone.
    for (const id of ['y0', 'y1', 'y2']) done.push(submit(batcher, id, acked));
    await settle();
    expect(statements).toHaveLength(4);
    expect(acked).not.toContain('y0');
    // Enough of them (half the mean batch in flight: 38 + 1 over 2 batches) go without waiting for a commit.
    const more = Array.from({ length: 7 }, (_, n) => `z${n}`);
    for (const id of more) done.push(submit(batcher, id, acked));
    await settle();
    expect(statements).toHaveLength(5);
    expect(statements[4]?.conversations).toEqual(['y0', 'y1', 'y2', ...more]);
    for (const statement of statements) statement.finish();
    await Promise.all(done);
    expect(acked).toHaveLength(1 + crowd.length + 3 + more.length);
  });

  it('sends a held batch as soon as the batches in flight commit', async () => {
    const { db, statements } = fakeDb(3);
    const batcher = new AppendBatcher(db);
    const acked: string[] = [];
    const done: Promise<void>[] = [];
    done.push(submit(batcher, 'first', acked));
    for (let n = 0; n < 30; n++) done.push(submit(batcher, `x${n}`, acked));
    statements[0]?.finish();
    await settle();
    statements[1]?.finish();
    statements[2]?.finish();
    await settle();
    // 28 in flight in one batch: one new append waits.
    done.push(submit(batcher, 'late', acked));
    await settle();
    expect(statements).toHaveLength(4);
    expect(acked).not.toContain('late');
    statements[3]?.finish();
    await settle();
    expect(statements).toHaveLength(5);
    expect(statements[4]?.conversations).toEqual(['late']);
    statements[4]?.finish();
    await Promise.all(done);
    expect(acked.at(-1)).toBe('late');
    await batcher.drain();
  });

  it('keeps two batches in flight as before: the second slot takes what waits when the first commits', async () => {
    const { db, statements } = fakeDb(2);
    const batcher = new AppendBatcher(db);
    const acked: string[] = [];
    const done: Promise<void>[] = [];
    for (let n = 0; n < 12; n++) done.push(submit(batcher, `x${n}`, acked));
    expect(statements.map((s) => s.conversations.length)).toEqual([1, 1]);
    statements[0]?.finish();
    await settle();
    expect(statements.map((s) => s.conversations.length)).toEqual([1, 1, 10]);
    for (const statement of statements) statement.finish();
    await Promise.all(done);
    expect(acked).toHaveLength(12);
  });
});
