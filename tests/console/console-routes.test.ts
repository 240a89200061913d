import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { inject } from '../helpers/ws-client.js';
import { addAccount, buildConsoleApp, call, CONSOLE_ORIGIN, openConsole, signIn, type ConsoleTestApp } from './helpers/console-app.js';

let store: Store;
let t: ConsoleTestApp;

beforeAll(async () => {
  store = await testStore();
  t = await buildConsoleApp(store);
});
afterAll(async () => {
  await t.app.close();
  await store.close();
});

/** Every authenticated console route, with a body that would pass validation. */
const ROUTES: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: Record<string, unknown> }[] = [
  { method: 'GET', url: '/console/api/me' },
  { method: 'DELETE', url: '/console/api/session' },
  { method: 'PUT', url: '/console/api/availability', payload: { available: true } },
  { method: 'GET', url: '/console/api/queue' },
  { method: 'GET', url: '/console/api/counsellors' },
  { method: 'GET', url: '/console/api/canned' },
  { method: 'POST', url: '/console/api/chats/c1/accept' },
  { method: 'POST', url: '/console/api/chats/c1/join' },
  { method: 'GET', url: '/console/api/chats/c1' },
  { method: 'POST', url: '/console/api/chats/c1/messages', payload: { text: 'hi', clientId: 'x' } },
  { method: 'POST', url: '/console/api/chats/c1/transfer', payload: { toAccountId: 'a' } },
  { method: 'POST', url: '/console/api/chats/c1/end' },
  { method: 'POST', url: '/console/api/chats/c1/notes', payload: { text: 'note' } },
  { method: 'POST', url: '/console/api/chats/c1/hold', payload: { reason: 'police enquiry' } },
  { method: 'DELETE', url: '/console/api/chats/c1/hold/1' },
  { method: 'POST', url: '/console/api/chats/c1/referrals', payload: { toWhom: 'Police', why: 'danger' } },
  { method: 'POST', url: '/console/api/chats/c1/export', payload: { reason: 'referral to the police' } },
  { method: 'POST', url: '/console/api/chats/c1/feedback', payload: { kind: 'missed', seq: 1 } },
  { method: 'GET', url: '/console/api/feedback' },
  { method: 'GET', url: '/console/api/audit' },
];

describe('console routes refuse without a valid session or from a foreign origin', () => {
  it('answers 401 to every route without a session cookie', async () => {
    for (const r of ROUTES) {
      const res = await t.app.inject({ method: r.method, url: r.url, headers: { origin: CONSOLE_ORIGIN }, ...(r.payload ? { payload: r.payload } : {}) });
      expect([r.url, res.statusCode]).toEqual([r.url, 401]);
      expect(res.json()).toMatchObject({ code: 'HARBOUR_ERR_CONSOLE_SIGNED_OUT' });
    }
  });

  it('answers 401 to a made-up cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/console/api/me', headers: { cookie: '__Host-harbour-console=forged' } });
    expect(res.statusCode).toBe(401);
  });

  it('answers 403 to every route from a foreign origin, even with a valid session and CSRF token', async () => {
    const who = await signIn(t.app, await addAccount(store, 'supervisor'));
    for (const r of ROUTES) {
      const res = await t.app.inject({
        method: r.method,
        url: r.url,
        headers: { origin: 'https://evil.example', cookie: who.cookie, 'x-csrf-token': who.csrf },
        ...(r.payload ? { payload: r.payload } : {}),
      });
      expect([r.url, res.statusCode]).toEqual([r.url, 403]);
    }
    // A helpline page allowed to embed the widget is still not the console.
    const helpline = await t.app.inject({ method: 'GET', url: '/console/api/me', headers: { origin: 'http://helpline.test', cookie: who.cookie } });
    expect(helpline.statusCode).toBe(403);
    const crossSite = await t.app.inject({ method: 'GET', url: '/console/api/me', headers: { 'sec-fetch-site': 'cross-site', cookie: who.cookie } });
    expect(crossSite.statusCode).toBe(403);
  });

  it('refuses a change without the CSRF token, and sign-in from a foreign origin', async () => {
    const who = await signIn(t.app, await addAccount(store, 'counsellor'));
    const res = await t.app.inject({ method: 'PUT', url: '/console/api/availability', headers: { origin: CONSOLE_ORIGIN, cookie: who.cookie }, payload: { available: true } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'HARBOUR_ERR_CONSOLE_CSRF' });
    const foreign = await t.app.inject({ method: 'POST', url: '/console/api/session', headers: { origin: 'https://evil.example' }, payload: { username: 'x', password: 'y' } });
    expect(foreign.statusCode).toBe(403);
  });

  it('refuses the console socket without a session or from a foreign origin', async () => {
    await expect(t.app.injectWS('/console/socket', { headers: { origin: CONSOLE_ORIGIN } })).rejects.toThrow(/401/);
    const who = await signIn(t.app, await addAccount(store, 'counsellor'));
    await expect(t.app.injectWS('/console/socket', { headers: { origin: 'https://evil.example', cookie: who.cookie } })).rejects.toThrow(/403/);
    await expect(t.app.injectWS('/console/socket', { headers: { cookie: who.cookie } })).rejects.toThrow(/403/);
    const ok = await openConsole(t.app, who);
    await ok.type('hello');
    ok.ws.terminate();
  });

  it('sets a __Host- cookie that is Secure, HttpOnly, SameSite=Strict, Path=/', async () => {
    const username = await addAccount(store, 'counsellor');
    const res = await t.app.inject({ method: 'POST', url: '/console/api/session', headers: { origin: CONSOLE_ORIGIN }, payload: { username, password: 'a long enough passphrase' } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-harbour-console=[\w-]{40,};/);
    for (const part of ['Path=/', 'Secure', 'HttpOnly', 'SameSite=Strict']) expect(cookie).toContain(part);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('answers wrong passwords with 401 and then locks with 429', async () => {
    const username = await addAccount(store, 'counsellor');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/console/api/session', headers: { origin: CONSOLE_ORIGIN }, payload: { username, password: 'wrong wrong wrong' } });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('lets a counsellor read only chats they are part of; a supervisor reads any', async () => {
    const child = await inject(t.app);
    const session = await child.event('session');
    const conversationId = (session.value as { conversationId: string }).conversationId;
    const sam = await signIn(t.app, await addAccount(store, 'counsellor', 'Sam'));
    const lee = await signIn(t.app, await addAccount(store, 'counsellor', 'Lee'));
    const ruth = await signIn(t.app, await addAccount(store, 'supervisor', 'Ruth'));
    const samConsole = await openConsole(t.app, sam);
    await call(t.app, sam, 'PUT', '/console/api/availability', { available: true });
    child.say('m1', 'help me now');
    await child.event('handoff.status');
    expect((await call(t.app, sam, 'POST', `/console/api/chats/${conversationId}/accept`)).statusCode).toBe(200);
    expect((await call(t.app, sam, 'GET', `/console/api/chats/${conversationId}`)).statusCode).toBe(200);
    const foreign = await call(t.app, lee, 'GET', `/console/api/chats/${conversationId}`);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).not.toContain('help me now');
    expect((await call(t.app, lee, 'POST', `/console/api/chats/${conversationId}/notes`, { text: 'x' })).statusCode).toBe(403);
    expect((await call(t.app, lee, 'POST', `/console/api/chats/${conversationId}/messages`, { text: 'x', clientId: 'c' })).statusCode).toBe(403);
    expect((await call(t.app, lee, 'POST', `/console/api/chats/${conversationId}/end`)).statusCode).toBe(403);
    const sup = await call(t.app, ruth, 'GET', `/console/api/chats/${conversationId}`);
    expect(sup.statusCode).toBe(200);
    expect(sup.json<{ lines: { text: string }[] }>().lines.map((l) => l.text)).toContain('help me now');
    // A watch over the socket is refused the same way.
    const leeConsole = await openConsole(t.app, lee);
    leeConsole.send({ type: 'watch', conversationId });
    expect(await leeConsole.type('error')).toMatchObject({ code: 'HARBOUR_ERR_CONSOLE_FORBIDDEN' });
    expect((await call(t.app, sam, 'POST', `/console/api/chats/${conversationId}/end`)).statusCode).toBe(200);
    samConsole.ws.terminate();
    leeConsole.ws.terminate();
    child.close();
  });
});
