import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAuth } from '../../server/auth/console-auth.js';
import { lockedUntilAfter } from '../../server/auth/lockout.js';
import { hashPassword, passwordProblem } from '../../server/auth/passwords.js';
import { consoleStore } from '../../server/store/console-repositories.js';
import type { ConsoleStore } from '../../server/store/console-types.js';
import { createStore, MEMORY_DATA_DIR, type SqlStore } from '../../server/store/index.js';

let store: SqlStore;
let repos: ConsoleStore;
let clock = new Date('2026-05-01T09:00:00Z');
const advance = (ms: number): void => {
  clock = new Date(clock.getTime() + ms);
};
let auth: ConsoleAuth;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  store = await createStore({ dataDir: MEMORY_DATA_DIR });
  repos = consoleStore(store.db);
  await repos.accounts.create({ username: 'Sam', firstName: 'Sam', role: 'counsellor', passwordHash: await hashPassword(PASSWORD), now: clock });
  await repos.accounts.create({ username: 'lee', firstName: 'Lee', role: 'counsellor', passwordHash: await hashPassword(PASSWORD), now: clock });
  auth = new ConsoleAuth({ ...repos, now: () => clock });
});
afterAll(async () => {
  await store.close();
});

describe('console sign-in and sessions', () => {
  it('signs in with the right password (username is not case-sensitive) and refuses a wrong one or an unknown name alike', async () => {
    expect(await auth.signIn('sam', 'wrong password!!')).toEqual({ ok: false, reason: 'bad_credentials' });
    expect(await auth.signIn('nobody', PASSWORD)).toEqual({ ok: false, reason: 'bad_credentials' });
    const ok = await auth.signIn('SAM', PASSWORD);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const authed = await auth.authenticate(ok.cookieValue);
    expect(authed.ok && authed.auth.account.firstName).toBe('Sam');
    // The cookie value is never stored, only its hash.
    expect(JSON.stringify(await store.db.query('SELECT * FROM console_sessions'))).not.toContain(ok.cookieValue);
  });

  it('rotates the session at sign-in: the cookie presented before stops working', async () => {
    const first = await auth.signIn('sam', PASSWORD);
    if (!first.ok) throw new Error('sign-in failed');
    const second = await auth.signIn('sam', PASSWORD, first.cookieValue);
    if (!second.ok) throw new Error('sign-in failed');
    expect(second.cookieValue).not.toBe(first.cookieValue);
    expect((await auth.authenticate(first.cookieValue)).ok).toBe(false);
    expect((await auth.authenticate(second.cookieValue)).ok).toBe(true);
  });

  it('ends a session after 15 idle minutes, and activity keeps it alive', async () => {
    const ended: string[] = [];
    const off = auth.onSessionEnded((e) => ended.push(e.reason));
    const s = await auth.signIn('sam', PASSWORD);
    if (!s.ok) throw new Error('sign-in failed');
    const r = await auth.authenticate(s.cookieValue);
    if (!r.ok) throw new Error('not live');
    advance(14 * 60 * 1000);
    await auth.touch(r.auth.idHash);
    advance(14 * 60 * 1000);
    expect((await auth.authenticate(s.cookieValue)).ok).toBe(true);
    advance(15 * 60 * 1000);
    expect(await auth.authenticate(s.cookieValue)).toEqual({ ok: false, reason: 'idle' });
    expect(await auth.authenticate(s.cookieValue)).toEqual({ ok: false, reason: 'ended' });
    expect(ended).toEqual(['idle']);
    off();
  });

  it('ends a session after 10 hours however busy it is', async () => {
    const s = await auth.signIn('sam', PASSWORD);
    if (!s.ok) throw new Error('sign-in failed');
    const r = await auth.authenticate(s.cookieValue);
    if (!r.ok) throw new Error('not live');
    for (let i = 0; i < 59; i++) {
      advance(10 * 60 * 1000);
      await auth.touch(r.auth.idHash);
    }
    expect((await auth.authenticate(s.cookieValue)).ok).toBe(true);
    advance(10 * 60 * 1000);
    expect(await auth.authenticate(s.cookieValue)).toEqual({ ok: false, reason: 'absolute' });
  });

  it('locks an account after five failures, with a lock that doubles, and the right password waits too', async () => {
    for (let i = 0; i < 4; i++) expect((await auth.signIn('lee', 'not the password')).ok).toBe(false);
    expect(await auth.signIn('lee', 'not the password')).toEqual({ ok: false, reason: 'locked', retryAfterMs: 30_000 });
    expect(await auth.signIn('lee', PASSWORD)).toEqual({ ok: false, reason: 'locked', retryAfterMs: 30_000 });
    advance(30_000);
    expect(await auth.signIn('lee', 'still not it')).toEqual({ ok: false, reason: 'locked', retryAfterMs: 60_000 });
    advance(60_000);
    expect((await auth.signIn('lee', PASSWORD)).ok).toBe(true);
    expect((await repos.accounts.byUsername('lee'))?.failedAttempts).toBe(0);
  });

  it('caps the lock at an hour', () => {
    const now = new Date(0);
    expect(lockedUntilAfter(4, now)).toBeNull();
    expect(lockedUntilAfter(40, now)?.getTime()).toBe(60 * 60 * 1000);
  });

  it('refuses weak new passwords with a reason', () => {
    expect(passwordProblem('short')).toMatch(/12 characters/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/repeated/);
    expect(passwordProblem('a long passphrase')).toBeNull();
  });

  it('records sign-ins and failures in the audit log without passwords', async () => {
    const log = await repos.audit.list({ limit: 100 });
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['sign_in', 'sign_in_failed', 'session_expired', 'sign_out']));
    expect(JSON.stringify(log)).not.toContain(PASSWORD);
  });
});
