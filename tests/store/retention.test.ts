import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, type Store } from '../../server/store/index.js';
import { openTestStore, STORE_DRIVERS, type TestStore } from '../helpers/store.js';

const DAY = 24 * 60 * 60 * 1000;
const THIRTY_DAYS = 30 * DAY;
/** The controlled clock: every time in this file is derived from it, nothing reads the real one. */
const T0 = new Date('2026-04-01T00:00:00.000Z');
const at = (days: number): Date => new Date(T0.getTime() + days * DAY);

describe.each([...STORE_DRIVERS, 'memory'] as const)('retention on %s', (driver) => {
  let opened: TestStore | null = null;
  let store: Store;

  beforeAll(async () => {
    if (driver === 'memory') store = createMemoryStore();
    else {
      opened = await openTestStore(driver);
      store = opened.store;
    }
  });
  afterAll(async () => {
    if (opened !== null) await opened.close();
    else await store.close();
  });

  /** A conversation with a message, a snapshot and a token, last active `days` after T0. */
  async function fullConversation(days: number): Promise<{ id: string; hash: string }> {
    const id = randomUUID();
    const hash = `sha256:${randomUUID()}`;
    await store.conversations.create({ id, locale: 'en-GB', now: at(days) });
    await store.conversations.append(
      id,
      [{ clientActivityId: 'c1', activity: { type: 'message', text: 'please delete this' } }],
      { now: at(days), snapshot: { snapshot: { s: 1 }, machineVersion: 'm', contentVersion: 'c' } },
    );
    await store.tokens.issue({ tokenHash: hash, conversationId: id, now: at(days), expiresAt: at(days + 1000) });
    return { id, hash };
  }

  async function isGone(id: string, hash: string, now: Date): Promise<boolean> {
    return (
      (await store.conversations.get(id)) === null &&
      (await store.conversations.after(id, 0)).length === 0 &&
      (await store.conversations.latestSnapshot(id)) === null &&
      (await store.tokens.resolve(hash, now)) === null
    );
  }

  it('deletes a conversation and everything derived from it ("delete my chat")', async () => {
    const { id, hash } = await fullConversation(0);
    expect(await store.retention.deleteConversation(id)).toEqual({ deleted: true, held: false });
    expect(await isGone(id, hash, at(0))).toBe(true);
    expect(await store.retention.deleteConversation(id)).toEqual({ deleted: false, held: false });
  });

  it('keeps a held conversation and says a hold kept it, until the hold is released', async () => {
    const { id, hash } = await fullConversation(0);
    const hold = await store.retention.placeHold({ conversationId: id, placedBy: 'supervisor-1', reason: 'referral', now: at(0) });
    expect(hold).toMatchObject({ conversationId: id, placedBy: 'supervisor-1', reason: 'referral', placedAt: at(0), releasedAt: null });
    expect(await store.retention.activeHolds(id)).toEqual([hold]);
    expect(await store.retention.deleteConversation(id)).toEqual({ deleted: false, held: true });
    expect((await store.conversations.after(id, 0)).map((a) => a.activity.text)).toEqual(['please delete this']);

    expect(await store.retention.releaseHold(hold.id, at(1))).toBe(true);
    expect(await store.retention.releaseHold(hold.id, at(1))).toBe(false);
    expect(await store.retention.activeHolds(id)).toEqual([]);
    expect(await store.retention.deleteConversation(id)).toEqual({ deleted: true, held: false });
    expect(await isGone(id, hash, at(1))).toBe(true);
  });

  it('refuses a hold on an unknown conversation', async () => {
    await expect(
      store.retention.placeHold({ conversationId: randomUUID(), placedBy: 's', reason: 'r', now: at(0) }),
    ).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_NOT_FOUND' });
  });

  it('deletes conversations idle for longer than the period, skipping held ones', async () => {
    // Move far ahead of other tests' conversations so counts are ours alone: use a base 1000 days on.
    const base = 1000;
    const old = await fullConversation(base);
    const oldHeld = await fullConversation(base);
    const recent = await fullConversation(base + 20);
    const oldButActive = await fullConversation(base);
    // Activity on day base+25 keeps it: the period runs from the last activity, not creation.
    await store.conversations.append(oldButActive.id, [{ activity: { type: 'message', text: 'still here' } }], { now: at(base + 25) });
    await store.retention.placeHold({ conversationId: oldHeld.id, placedBy: 'sup', reason: 'police', now: at(base + 1) });

    const now = at(base + 31);
    // Earlier tests' conversations (day 0) are expired too; sweep them all, in pages of 2.
    let deleted = 0;
    let held = 0;
    for (let page = 0; page < 50; page += 1) {
      const result = await store.retention.deleteExpired(now, THIRTY_DAYS, 2);
      deleted += result.deleted;
      held = result.held;
      if (result.deleted < 2) break;
    }
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(held).toBe(1);
    expect(await isGone(old.id, old.hash, now)).toBe(true);
    expect(await store.conversations.get(oldHeld.id)).not.toBeNull();
    expect((await store.conversations.after(oldHeld.id, 0)).length).toBe(1);
    expect(await store.conversations.get(recent.id)).not.toBeNull();
    expect(await store.conversations.get(oldButActive.id)).not.toBeNull();

    // A sweep with nothing left to do deletes nothing.
    expect(await store.retention.deleteExpired(now, THIRTY_DAYS)).toEqual({ deleted: 0, held: 1 });
    // Thirty days after "recent", it goes too.
    expect((await store.retention.deleteExpired(at(base + 51), THIRTY_DAYS)).deleted).toBe(1);
    expect(await store.conversations.get(recent.id)).toBeNull();
  });

  if (driver !== 'memory') {
    it('rejects a bad period or limit with a clear error', async () => {
      await expect(store.retention.deleteExpired(at(0), -1)).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_INPUT' });
      await expect(store.retention.deleteExpired(at(0), THIRTY_DAYS, 0)).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_INPUT' });
    });

    it('cascades to every table that references conversations', async () => {
      const { db } = (opened as TestStore).store;
      const rows = await db.query<{ table_name: string; delete_rule: string }>(
        `SELECT tc.table_name, rc.delete_rule
           FROM information_schema.referential_constraints rc
           JOIN information_schema.table_constraints tc ON tc.constraint_name = rc.constraint_name
           JOIN information_schema.constraint_column_usage cu ON cu.constraint_name = rc.unique_constraint_name
          WHERE cu.table_name = 'conversations' ORDER BY tc.table_name`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(4);
      for (const row of rows) expect(`${row.table_name}: ${row.delete_rule}`).toBe(`${row.table_name}: CASCADE`);
    });
  }
});
