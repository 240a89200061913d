import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { DirectLineTokens, TokenClaims } from '../../directline/tokens.js';
import {
  DirectLineConversationEndedError,
  DirectLineForbiddenError,
  DirectLineNotFoundError,
  DirectLineTokenExpiredError,
  DirectLineUnauthorizedError,
} from '../../directline/errors.js';

/**
 * Who is calling a Direct Line route: the helpline's own back end (holding DIRECTLINE_SECRET), or a
 * client holding a token scoped to one conversation. Routes say what they need in
 * `config.directLine`; the hooks in ./index.ts check it before any handler runs.
 */

export type Caller =
  | { readonly via: 'secret' }
  | { readonly via: 'token'; readonly token: string; readonly claims: TokenClaims };

/**
 * What a route accepts: the secret only; a token only; either (`any`); either, for the conversation
 * in the path (`conversation`); or that, or a stream ticket in the query (`stream`).
 */
export type Access = 'secret' | 'token' | 'any' | 'conversation' | 'stream';

/** Conversation facts the access check needs (from the store). */
export type FindConversation = (conversationId: string) => Promise<{ readonly endedAt: Date | null } | null>;

/** Compares a presented secret with the configured one in constant time. */
export function isSecret(presented: string, secretDigest: Buffer): boolean {
  const digest = createHash('sha256').update(presented).digest();
  return timingSafeEqual(digest, secretDigest);
}

/** The bearer credential of a request, or null when there is none. */
export function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S{1,4096})\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** Resolves the caller from the Authorization header, or throws the refusal the client should see. */
export function callerOf(request: FastifyRequest, secretDigest: Buffer, tokens: DirectLineTokens, now: number): Caller {
  const bearer = bearerOf(request);
  if (bearer === null) throw new DirectLineUnauthorizedError();
  if (isSecret(bearer, secretDigest)) return { via: 'secret' };
  const check = tokens.check(bearer, 'conversation', now);
  if (check.ok) return { via: 'token', token: bearer, claims: check.claims };
  if (check.problem === 'expired') throw new DirectLineTokenExpiredError();
  throw new DirectLineForbiddenError('That Direct Line secret or token is not valid here');
}

/**
 * Checks that the caller may use `conversationId` and that it is still open: a token only for
 * its own conversation; the secret for any conversation that exists.
 */
export async function checkConversation(caller: Caller, conversationId: string, find: FindConversation): Promise<void> {
  if (caller.via === 'token' && caller.claims.conversationId !== conversationId) {
    throw new DirectLineForbiddenError('This token belongs to another conversation');
  }
  const record = await find(conversationId);
  if (record === null) throw new DirectLineNotFoundError('There is no conversation with that id');
  if (record.endedAt !== null) throw new DirectLineConversationEndedError();
}
