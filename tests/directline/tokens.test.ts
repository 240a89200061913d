import { describe, expect, it } from 'vitest';
import { DirectLineTokens, UsedTickets } from '../../server/directline/tokens.js';

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

describe('UsedTickets', () => {
  it('lets a ticket be used once until it expires, and forgets expired ones', () => {
    const used = new UsedTickets();
    expect(used.claim('a', NOW + 60_000, NOW)).toBe(true);
    expect(used.claim('a', NOW + 60_000, NOW + 1)).toBe(false);
    // Past its expiry the entry is swept (the ticket itself is refused as expired by then).
    expect(used.claim('b', NOW + 200_000, NOW + 61_000)).toBe(true);
    expect(used.claim('a', NOW + 60_000, NOW + 61_000)).toBe(true);
  });

  it('stays bounded: beyond its size the oldest are forgotten first', () => {
    const used = new UsedTickets(3);
    for (const nonce of ['1', '2', '3', '4']) expect(used.claim(nonce, NOW + 60_000, NOW)).toBe(true);
    expect(used.claim('4', NOW + 60_000, NOW)).toBe(false);
    expect(used.claim('1', NOW + 60_000, NOW)).toBe(true); // evicted to keep the bound
  });
});
