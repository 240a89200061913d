import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Direct Line tokens: opaque, tamper-proof and short-lived, scoped to one conversation.
 *
 * A token is `dl1.` + base64url(iv ‖ AES-256-GCM(claims) ‖ tag), keyed from DIRECTLINE_SECRET with
 * HKDF, so the server keeps no token table: rotating the secret ends every token at once, and
 * changing one byte of a token makes it fail authentication. The claims are encrypted as well as
 * authenticated, so a token tells its holder nothing (tokens stay opaque, as on `/chat`). Whether
 * the conversation is still open is checked on every use, so quick exit also ends its tokens.
 *
 * Two kinds: `conversation` tokens (what clients hold, refreshable until they expire) and `stream`
 * tickets (what goes in a `streamUrl`: one minute, one use, because URLs end up in logs).
 */

export type TokenKind = 'conversation' | 'stream';

/** What a token proves. Times are epoch milliseconds. */
export interface TokenClaims {
  readonly kind: TokenKind;
  readonly conversationId: string;
  readonly expiresAt: number;
  /** A random id, so a stream ticket can be used once. */
  readonly nonce: string;
}

/** Why a token was refused, for the error the client sees. */
export type TokenProblem = 'malformed' | 'expired' | 'wrong_kind';

export type TokenCheck = { readonly ok: true; readonly claims: TokenClaims } | { readonly ok: false; readonly problem: TokenProblem };

interface WireClaims {
  k: 'c' | 's';
  c: string;
  e: number;
  n: string;
}

const PREFIX = 'dl1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Issues and checks Direct Line tokens with a key derived from the Direct Line secret. */
export class DirectLineTokens {
  readonly #key: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error('The Direct Line secret must be at least 16 characters.');
    this.#key = Buffer.from(hkdfSync('sha256', secret, 'harbour', 'harbour directline token v1', 32));
  }

  /** A new token for the given claims (a fresh random nonce is added). */
  issue(claims: Omit<TokenClaims, 'nonce'>): string {
    const wire: WireClaims = {
      k: claims.kind === 'conversation' ? 'c' : 's',
      c: claims.conversationId,
      e: claims.expiresAt,
      n: randomBytes(9).toString('base64url'),
    };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(wire), 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** Checks a token's integrity, kind and expiry at `now` (epoch ms). Never throws. */
  check(token: string, kind: TokenKind, now: number): TokenCheck {
    const claims = this.#open(token);
    if (claims === null) return { ok: false, problem: 'malformed' };
    if (claims.kind !== kind) return { ok: false, problem: 'wrong_kind' };
    if (claims.expiresAt <= now) return { ok: false, problem: 'expired' };
    return { ok: true, claims };
  }

  #open(token: string): TokenClaims | null {
    if (!token.startsWith(PREFIX) || token.length > 2048) return null;
    const raw = Buffer.from(token.slice(PREFIX.length), 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
      const wire = JSON.parse(plain.toString('utf8')) as Partial<WireClaims>;
      if ((wire.k !== 'c' && wire.k !== 's') || typeof wire.c !== 'string' || typeof wire.e !== 'number' || typeof wire.n !== 'string') {
        return null;
      }
      return {
        kind: wire.k === 'c' ? 'conversation' : 'stream',
        conversationId: wire.c,
        expiresAt: wire.e,
        nonce: wire.n,
      };
    } catch {
      // Authentication failed (tampered, or made with another secret) or the body is not JSON.
      return null;
    }
  }
}

/**
 * Where used stream tickets are recorded. The server gives the store's `streamTickets`, a table
 * every instance shares, so a `streamUrl` used on one instance is refused on all of them.
 */
export interface TicketLedger {
  /** True the first time `nonce` is claimed before `expiresAt`; false once it has been claimed. */
  claim(input: { nonce: string; conversationId: string; expiresAt: Date; now: Date }): Promise<boolean>;
}

/**
 * Remembers used stream tickets until they expire, so a `streamUrl` copied out of a log cannot be
 * replayed, on this instance or any other sharing the ledger.
 */
export class UsedTickets {
  readonly #ledger: TicketLedger;

  constructor(ledger: TicketLedger = new MemoryTicketLedger()) {
    this.#ledger = ledger;
  }

  /** True the first time a stream ticket is used (anywhere the ledger is shared); false after that. */
  claim(claims: TokenClaims, now: number): Promise<boolean> {
    return this.#ledger.claim({
      nonce: claims.nonce,
      conversationId: claims.conversationId,
      expiresAt: new Date(claims.expiresAt),
      now: new Date(now),
    });
  }
}

/**
 * A ledger in this process's memory: ONLY for a store without `streamTickets` (a second instance
 * would not see its entries). Bounded: expired entries are swept on every use, and it never
 * holds more than `max` (the oldest are forgotten first).
 */
export class MemoryTicketLedger implements TicketLedger {
  readonly #used = new Map<string, number>();

  constructor(private readonly max = 100_000) {}

  claim(input: { nonce: string; expiresAt: Date; now: Date }): Promise<boolean> {
    const now = input.now.getTime();
    for (const [key, expiry] of this.#used) {
      if (expiry > now && this.#used.size < this.max) break;
      this.#used.delete(key);
    }
    if (this.#used.has(input.nonce)) return Promise.resolve(false);
    this.#used.set(input.nonce, input.expiresAt.getTime());
    return Promise.resolve(true);
  }
}
