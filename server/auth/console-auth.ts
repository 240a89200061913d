import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuditRepository, AccountRepository, ConsoleSessionRecord, ConsoleSessionRepository, CounsellorAccount } from '../store/console-types.js';
import { DEFAULT_LOCKOUT, lockedUntilAfter, type LockoutPolicy } from './lockout.js';
import { MAX_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from './passwords.js';

/** The console session cookie. `__Host-` makes the browser insist on Secure, Path=/ and no Domain. */
export const SESSION_COOKIE = '__Host-harbour-console';

/** Timeouts of a console session, enforced on the server. */
export interface SessionTimeouts {
  /** No request and no console socket traffic for this long ends the session. Default 15 min. */
  readonly idleMs: number;
  /** A session never lives longer than this. Default 10 h. */
  readonly absoluteMs: number;
}

export const DEFAULT_TIMEOUTS: SessionTimeouts = { idleMs: 15 * 60 * 1000, absoluteMs: 10 * 60 * 60 * 1000 };

export type SignInResult =
  | { readonly ok: true; readonly cookieValue: string; readonly csrfToken: string; readonly account: CounsellorAccount }
  | { readonly ok: false; readonly reason: 'bad_credentials' }
  | { readonly ok: false; readonly reason: 'locked'; readonly retryAfterMs: number };

/** A live session and its account. */
export interface AuthenticatedSession {
  readonly idHash: string;
  readonly session: ConsoleSessionRecord;
  readonly account: CounsellorAccount;
}

export type EndReason = 'signed_out' | 'idle' | 'absolute' | 'rotated';

export type AuthenticateResult =
  | { readonly ok: true; readonly auth: AuthenticatedSession }
  | { readonly ok: false; readonly reason: 'missing' | 'unknown' | 'ended' | 'idle' | 'absolute' };

/** Hash of a cookie value: only this is stored. */
export function hashSessionId(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/**
 * Sign-in, sessions and their expiry. Times come from an injected clock so tests can move it.
 * When a session ends for any reason, `onSessionEnded` listeners hear it (the console closes
 * that session's sockets and the handoff service returns its chats to the queue).
 */
export class ConsoleAuth {
  readonly #listeners = new Set<(e: { idHash: string; accountId: string; reason: EndReason }) => void>();
  readonly timeouts: SessionTimeouts;
  readonly lockout: LockoutPolicy;

  constructor(
    private readonly deps: {
      readonly accounts: AccountRepository;
      readonly sessions: ConsoleSessionRepository;
      readonly audit: AuditRepository;
      readonly now?: () => Date;
      readonly timeouts?: Partial<SessionTimeouts>;
      readonly lockout?: Partial<LockoutPolicy>;
    },
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
    this.lockout = { ...DEFAULT_LOCKOUT, ...deps.lockout };
  }

  now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  onSessionEnded(listener: (e: { idHash: string; accountId: string; reason: EndReason }) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Checks a username and password. On success a brand-new session is made (the old one, if a
   * cookie was presented, is ended: rotation at sign-in). Unknown usernames cost the same time.
   */
  async signIn(username: string, password: string, previousCookie?: string): Promise<SignInResult> {
    const now = this.now();
    const account = username.length <= 64 ? await this.deps.accounts.byUsername(username) : null;
    if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, reason: 'bad_credentials' };
    if (!account) {
      await verifyAgainstDummy(password);
      await this.deps.audit.write({ at: now, actorId: null, action: 'sign_in_failed', conversationId: null, detail: { known: false } });
      return { ok: false, reason: 'bad_credentials' };
    }
    if (account.lockedUntil && account.lockedUntil > now) {
      return { ok: false, reason: 'locked', retryAfterMs: account.lockedUntil.getTime() - now.getTime() };
    }
    if (!(await verifyPassword(account.passwordHash, password))) {
      const failed = account.failedAttempts + 1;
      const lockedUntil = lockedUntilAfter(failed, now, this.lockout);
      await this.deps.accounts.recordFailure(account.id, failed, lockedUntil);
      await this.deps.audit.write({ at: now, actorId: account.id, action: 'sign_in_failed', conversationId: null, detail: { failed } });
      return lockedUntil
        ? { ok: false, reason: 'locked', retryAfterMs: lockedUntil.getTime() - now.getTime() }
        : { ok: false, reason: 'bad_credentials' };
    }
    await this.deps.accounts.clearFailures(account.id);
    if (previousCookie) await this.#end(hashSessionId(previousCookie), 'rotated');
    const cookieValue = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.deps.sessions.create({ idHash: hashSessionId(cookieValue), accountId: account.id, csrfToken, now });
    await this.deps.audit.write({ at: now, actorId: account.id, action: 'sign_in', conversationId: null, detail: {} });
    return { ok: true, cookieValue, csrfToken, account };
  }

  /** The session a cookie belongs to, if it is live; an expired one is ended on the spot. */
  async authenticate(cookieValue: string | undefined): Promise<AuthenticateResult> {
    if (!cookieValue) return { ok: false, reason: 'missing' };
    return this.authenticateHash(hashSessionId(cookieValue));
  }

  async authenticateHash(idHash: string): Promise<AuthenticateResult> {
    const session = await this.deps.sessions.get(idHash);
    if (!session) return { ok: false, reason: 'unknown' };
    if (session.endedAt) return { ok: false, reason: 'ended' };
    const now = this.now().getTime();
    if (now - session.createdAt.getTime() >= this.timeouts.absoluteMs) {
      await this.#end(idHash, 'absolute');
      return { ok: false, reason: 'absolute' };
    }
    if (now - session.lastSeenAt.getTime() >= this.timeouts.idleMs) {
      await this.#end(idHash, 'idle');
      return { ok: false, reason: 'idle' };
    }
    const account = await this.deps.accounts.byId(session.accountId);
    if (!account) return { ok: false, reason: 'unknown' };
    return { ok: true, auth: { idHash, session, account } };
  }

  /** Activity on the session (an HTTP request, console socket traffic). */
  async touch(idHash: string): Promise<void> {
    await this.deps.sessions.touch(idHash, this.now());
  }

  async signOut(idHash: string): Promise<void> {
    await this.#end(idHash, 'signed_out');
  }

  /** Is `token` the session's CSRF token? Constant-time. */
  csrfMatches(session: ConsoleSessionRecord, token: string | undefined): boolean {
    if (!token) return false;
    const a = Buffer.from(session.csrfToken);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async #end(idHash: string, reason: EndReason): Promise<void> {
    const session = await this.deps.sessions.get(idHash);
    if (!session || session.endedAt) return;
    const now = this.now();
    await this.deps.sessions.end(idHash, reason, now);
    await this.deps.audit.write({
      at: now,
      actorId: session.accountId,
      action: reason === 'signed_out' || reason === 'rotated' ? 'sign_out' : 'session_expired',
      conversationId: null,
      detail: { reason },
    });
    for (const listener of this.#listeners) listener({ idHash, accountId: session.accountId, reason });
  }
}
