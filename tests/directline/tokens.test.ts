import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DirectLineTokens, MemoryTicketLedger, UsedTickets, type TokenClaims } from '../../server/directline/tokens.js';
import { createMemoryStore, createStore, type Store } from '../../server/store/index.js';
import { openTestStore, STORE_DRIVERS, type TestStore } from '../helpers/store.js';
import { buildDirectLineApp, SECRET } from './harness.js';

/** Direct Line tokens: opaque, bound to one secret, one kind and an expiry; tickets usable once. */

const NOW = Date.UTC(2026, 10, 22, 10, 0, 0);
const tokens = new DirectLineTokens('first-secret-0123456789abcdefghijkl');

describe('DirectLineTokens', () => {
  it('round-trips the claims and says nothing readable about them', () => {
    const token = tokens.issue({ kind: 'conversation', conversationId: 'conv-42', expiresAt: NOW + 1000 });
    expect(token).toMatch(/^dl1\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token.slice(4), 'base64url').toString('latin1')).not.toContain('conv-42');
    const check = tokens.check(token, 'conversation', NOW);
    expect(check).toEqual({ ok: true, claims: expect.objectContaining({ kind: 'conversation', conversationId: 'conv-42', expiresAt: NOW + 1000 }) });
  });

  it('refuses a token after its expiry, of the wrong kind, or made with another secret', () => {
    const token = tokens.issue({ kind: 'conversation', conversationId: 'c', expiresAt: NOW + 1000 });
    expect(tokens.check(token, 'conversation', NOW + 1000)).toEqual({ ok: false, problem: 'expired' });
    expect(tokens.check(token, 'stream', NOW)).toEqual({ ok: false, problem: 'wrong_kind' });
    const other = new DirectLineTokens('second-secret-0123456789abcdefghijk');
    expect(other.check(token, 'conversation', NOW)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('refuses garbage without throwing', () => {
    for (const garbage of ['', 'dl1.', 'dl1.!!!', 'Bearer x', `dl1.${'A'.repeat(5000)}`, 'dl1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      expect(tokens.check(garbage, 'conversation', NOW)).toEqual({ ok: false, problem: 'malformed' });
    }
  });

  it('will not run on a short secret', () => {
    expect(() => new DirectLineTokens('short')).toThrow(/at least 16/);
  });
});

describe('MemoryTicketLedger (only for a store without streamTickets)', () => {
  const claim = (ledger: MemoryTicketLedger, nonce: string, expiresAt: number, now: number): Promise<boolean> =>
    ledger.claim({ nonce, expiresAt: new Date(expiresAt), now: new Date(now) });

  it('lets a ticket be used once until it expires, and forgets expired ones', async () => {
    const used = new MemoryTicketLedger();
    expect(await claim(used, 'a', NOW + 60_000, NOW)).toBe(true);
    expect(await claim(used, 'a', NOW + 60_000, NOW + 1)).toBe(false);
    // Past its expiry the entry is swept (the ticket itself is refused as expired by then).
    expect(await claim(used, 'b', NOW + 200_000, NOW + 61_000)).toBe(true);
    expect(await claim(used, 'a', NOW + 60_000, NOW + 61_000)).toBe(true);
  });

  it('stays bounded: beyond its size the oldest are forgotten first', async () => {
    const used = new MemoryTicketLedger(3);
    for (const nonce of ['1', '2', '3', '4']) expect(await claim(used, nonce, NOW + 60_000, NOW)).toBe(true);
    expect(await claim(used, '4', NOW + 60_000, NOW)).toBe(false);
    expect(await claim(used, '1', NOW + 60_000, NOW)).toBe(true); // evicted to keep the bound
  });
});

describe.each([...STORE_DRIVERS, 'memory'] as const)('used stream tickets in the %s store', (driver) => {
  let opened: TestStore | null = null;
  let store: Store;
  beforeAll(async () => {
    if (driver === 'memory') store = createMemoryStore();
    else store = (opened = await openTestStore(driver)).store;
  });
  afterAll(async () => {
    if (opened !== null) await opened.close();
    else await store.close();
  });

  async function conversation(): Promise<string> {
    const id = randomUUID();
    await store.conversations.create({ id, locale: 'en-GB', now: new Date(NOW) });
    return id;
  }
  const ticketFor = (conversationId: string, expiresAt = NOW + 60_000): TokenClaims => {
    const check = tokens.check(tokens.issue({ kind: 'stream', conversationId, expiresAt }), 'stream', NOW);
    if (!check.ok) throw new Error('test ticket refused');
    return check.claims;
  };

  it('refuses a ticket the second time, keeps it refused until it expires, then sweeps it', async () => {
    const used = new UsedTickets(store.streamTickets);
    const id = await conversation();
    const ticket = ticketFor(id);
    expect(await used.claim(ticket, NOW)).toBe(true);
    expect(await used.claim(ticket, NOW + 59_999)).toBe(false);
    expect(await used.claim(ticketFor(id), NOW)).toBe(true); // another ticket of the same conversation
    if (driver !== 'memory') {
      const db = (opened as TestStore).store.db;
      const count = async (): Promise<number> =>
        (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stream_tickets_used WHERE conversation_id = $1', [id]))[0]?.n ?? -1;
      expect(await count()).toBe(2);
      // Any later claim sweeps rows whose ticket has expired.
      expect(await used.claim(ticketFor(await conversation(), NOW + 200_000), NOW + 61_000)).toBe(true);
      expect(await count()).toBe(0);
    }
  });

  it('records nothing for an unknown conversation, and deleting a conversation deletes its used tickets', async () => {
    const used = new UsedTickets(store.streamTickets);
    // Nothing to protect: the stream route then refuses the unknown conversation itself.
    expect(await used.claim(ticketFor('no-such-conversation'), NOW)).toBe(true);
    const id = await conversation();
    const ticket = ticketFor(id);
    expect(await used.claim(ticket, NOW)).toBe(true);
    expect(await store.retention.deleteConversation(id)).toEqual({ deleted: true, held: false });
    if (driver !== 'memory') {
      const rows = await (opened as TestStore).store.db.query('SELECT 1 FROM stream_tickets_used WHERE conversation_id = $1', [id]);
      expect(rows).toEqual([]);
    }
  });

  if (driver === 'postgres') {
    it('two app instances on one database: a streamUrl used on one is refused on the other', async () => {
      const other = await createStore({ databaseUrl: (opened as TestStore).postgres?.databaseUrl ?? '' });
      const apps: FastifyInstance[] = [];
      const sockets: WebSocket[] = [];
      try {
        const bases: string[] = [];
        for (const instanceStore of [store, other]) {
          const { app } = await buildDirectLineApp({ store: instanceStore });
          apps.push(app);
          await app.listen({ host: '127.0.0.1', port: 0 });
          const address = app.server.address();
          if (address === null || typeof address === 'string') throw new Error('no port');
          bases.push(`127.0.0.1:${address.port}`);
        }
        const [first, second] = bases as [string, string];
        const started = await fetch(`http://${first}/v3/directline/conversations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SECRET}` },
        });
        expect(started.status).toBe(201);
        const { streamUrl } = (await started.json()) as { streamUrl: string };
        expect(streamUrl).toContain(first);
        const open = (url: string): Promise<number> =>
          new Promise((resolve, reject) => {
            const socket = new WebSocket(url);
            sockets.push(socket);
            socket.once('open', () => resolve(101));
            socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
            socket.once('error', reject);
          });
        // Used on the second instance first: the first instance, which issued it, refuses it.
        expect(await open(streamUrl.replace(first, second))).toBe(101);
        expect(await open(streamUrl)).toBe(403);
        expect(await open(streamUrl.replace(first, second))).toBe(403);
      } finally {
        for (const socket of sockets) socket.terminate();
        for (const app of apps) await app.close();
        await other.close();
      }
    });
  }
});
