import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../server/store/index.js';
import { openTestStore, STORE_DRIVERS, type TestStore } from '../helpers/store.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

describe.each(STORE_DRIVERS)('resume tokens on %s', (driver) => {
  let opened: TestStore;
  let store: SqlStore;

  beforeAll(async () => {
    opened = await openTestStore(driver);
    store = opened.store;
  });
  afterAll(() => opened.close());

  async function conversationWithToken(): Promise<{ id: string; hash: string }> {
    const id = randomUUID();
    const hash = `sha256:${randomUUID()}`;
    await store.conversations.create({ id, locale: 'en-GB', now: T0 });
    await store.tokens.issue({ tokenHash: hash, conversationId: id, now: T0, expiresAt: minutes(30) });
    return { id, hash };
  }

  it('resolves a live token to its conversation until it expires', async () => {
    const { id, hash } = await conversationWithToken();
    expect(await store.tokens.resolve(hash, minutes(29))).toEqual({ conversationId: id });
    expect(await store.tokens.resolve(hash, minutes(30))).toBeNull();
    expect(await store.tokens.resolve('sha256:unknown', T0)).toBeNull();
  });

  it('extends a live token with touch', async () => {
    const { id, hash } = await conversationWithToken();
    await store.tokens.touch(hash, minutes(60));
    expect(await store.tokens.resolve(hash, minutes(45))).toEqual({ conversationId: id });
    expect(await store.tokens.resolve(hash, minutes(60))).toBeNull();
  });

  it('revokes every token of a conversation, and touch does not bring one back', async () => {
    const { id, hash } = await conversationWithToken();
    const second = `sha256:${randomUUID()}`;
    await store.tokens.issue({ tokenHash: second, conversationId: id, now: T0, expiresAt: minutes(30) });
    const other = await conversationWithToken();
    await store.tokens.revokeForConversation(id, minutes(1));
    expect(await store.tokens.resolve(hash, minutes(2))).toBeNull();
    expect(await store.tokens.resolve(second, minutes(2))).toBeNull();
    await store.tokens.touch(hash, minutes(90));
    expect(await store.tokens.resolve(hash, minutes(2))).toBeNull();
    expect(await store.tokens.resolve(other.hash, minutes(2))).toEqual({ conversationId: other.id });
  });

  it('keeps only the hash: the table has no column for the token itself', async () => {
    const columns = await store.db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'resume_tokens' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['token_hash', 'conversation_id', 'issued_at', 'expires_at', 'revoked_at']);
  });

  it('refuses a token for an unknown conversation', async () => {
    await expect(
      store.tokens.issue({ tokenHash: `sha256:${randomUUID()}`, conversationId: randomUUID(), now: T0, expiresAt: minutes(1) }),
    ).rejects.toThrow();
  });
});
