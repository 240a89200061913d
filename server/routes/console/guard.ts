import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type AuthenticatedSession, type ConsoleAuth } from '../../auth/console-auth.js';

/** Error codes the console API answers with (docs/console.md). */
export const CONSOLE_ERRORS = {
  origin: { status: 403, code: 'HARBOUR_ERR_CONSOLE_ORIGIN', message: 'This request came from a page that may not use the console.' },
  signedOut: { status: 401, code: 'HARBOUR_ERR_CONSOLE_SIGNED_OUT', message: 'Please sign in.' },
  csrf: { status: 403, code: 'HARBOUR_ERR_CONSOLE_CSRF', message: 'The request is missing its console token. Reload the console.' },
  forbidden: { status: 403, code: 'HARBOUR_ERR_CONSOLE_FORBIDDEN', message: 'You are not part of this chat.' },
  supervisorsOnly: { status: 403, code: 'HARBOUR_ERR_CONSOLE_SUPERVISORS_ONLY', message: 'Only supervisors can do this.' },
  badCredentials: { status: 401, code: 'HARBOUR_ERR_CONSOLE_CREDENTIALS', message: 'That username and password do not match.' },
  locked: { status: 429, code: 'HARBOUR_ERR_CONSOLE_LOCKED', message: 'Too many attempts. Wait, then try again.' },
  notFound: { status: 404, code: 'HARBOUR_ERR_CONSOLE_NOT_FOUND', message: 'There is no such chat.' },
  conflict: { status: 409, code: 'HARBOUR_ERR_CONSOLE_CONFLICT', message: 'That cannot be done now.' },
} as const;

export type ConsoleErrorName = keyof typeof CONSOLE_ERRORS;

/** Sends one of the console's errors. */
export function refuse(reply: FastifyReply, name: ConsoleErrorName, extra: Record<string, unknown> = {}): FastifyReply {
  const e = CONSOLE_ERRORS[name];
  return reply.code(e.status).send({ code: e.code, message: e.message, ...extra });
}

/** The value of one cookie from the Cookie header. */
export function readCookie(request: FastifyRequest, name: string = SESSION_COOKIE): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** `__Host-` cookie: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain. */
export function sessionCookie(value: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`;
}

/**
 * Is the request allowed to come from where it says? A present Origin must be one of ours; a
 * state-changing request or a socket upgrade must carry one; `Sec-Fetch-Site` from another site
 * is refused even without Origin.
 */
export function originAllowed(request: FastifyRequest, allowed: ReadonlySet<string>, requireOrigin: boolean): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) return allowed.has(origin);
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  return !requireOrigin;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the console's auth hook on every authenticated console request. */
    consoleSession?: AuthenticatedSession;
  }
}

/** The session of an authenticated console request (the hook guarantees it). */
export function sessionOf(request: FastifyRequest): AuthenticatedSession {
  if (!request.consoleSession) throw new Error('console route without the auth hook');
  return request.consoleSession;
}

/**
 * The onRequest hook of the authenticated console subtree: Origin, then session, then CSRF on
 * anything that changes state. The session's idle clock restarts on each request.
 */
export function consoleGuard(auth: ConsoleAuth, allowedOrigins: ReadonlySet<string>) {
  return async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const safe = request.method === 'GET' || request.method === 'HEAD';
    const isUpgrade = request.headers.upgrade?.toLowerCase() === 'websocket';
    if (!originAllowed(request, allowedOrigins, !safe || isUpgrade)) {
      await refuse(reply, 'origin');
      return;
    }
    const result = await auth.authenticate(readCookie(request));
    if (!result.ok) {
      await refuse(reply, 'signedOut', { reason: result.reason });
      return;
    }
    if (!safe && !auth.csrfMatches(result.auth.session, headerValue(request.headers['x-csrf-token']))) {
      await refuse(reply, 'csrf');
      return;
    }
    request.consoleSession = result.auth;
    await auth.touch(result.auth.idHash);
  };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
