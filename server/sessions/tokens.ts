import { createHmac, randomBytes } from 'node:crypto';

/**
 * Resume tokens: 32 random bytes (base64url), opaque to the client. Only HMAC-SHA256(key, token)
 * is stored, so a copy of the database cannot be used to take over a child's chat.
 */

/** A new random resume token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token: hex HMAC-SHA256 under the server's token key. */
export function hashToken(key: Buffer, token: string): string {
  return createHmac('sha256', key).update(token, 'utf8').digest('hex');
}

/** Whether a string has the shape of a token we issue (cheap check before hashing). */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
