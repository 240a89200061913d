import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { SessionValue } from '../../server/protocol/index.js';
import type { HandoffDecision, HandoffService } from '../../server/handoff/types.js';
import type { Store } from '../../server/store/types.js';
import { buildTestApp, listen, LogCapture, TEST_ORIGIN, testStore } from '../helpers/app.js';
import { connect, inject } from '../helpers/ws-client.js';

let store: Store;
let app: FastifyInstance | undefined;

beforeAll(async () => {
  store = await testStore();
});
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('logs', () => {
  it('never hold a client address, message text or a token', async () => {
    const logs = new LogCapture();
    app = await buildTestApp({ store, logStream: logs, env: { LOG_LEVEL: 'trace', TRUST_PROXY: 'true', MAX_TEXT_CHARS: '40' } });
    const url = await listen(app);
    const client = await connect(url);
    // The client's address as a proxy reports it: with TRUST_PROXY this becomes request.ip.
    const viaProxy = await new Promise<import('../helpers/ws-client.js').ChatClient>((resolve, reject) => {
      void import('ws').then(({ default: WebSocket }) => {
        const ws = new WebSocket(url, { headers: { origin: TEST_ORIGIN, 'x-forwarded-for': '203.0.113.77' } });
        void import('../helpers/ws-client.js').then(({ ChatClient }) => {
          const c = new ChatClient(ws);
          ws.once('open', () => resolve(c));
          ws.once('error', reject);
        });
      });
    });
    const session = (await client.event('session')).value as SessionValue;
    await client.bot('greeting');
    await viaProxy.bot('greeting');
    viaProxy.say('p1', 'purple elephant in my room');
    await viaProxy.bot('reply');
    viaProxy.say('p2', 'purple elephant '.repeat(5)); // too long: refused, and still not logged
    await viaProxy.event('error');
    viaProxy.say('p3', 'break'); // a dialog fault is logged with the conversation id, not the text
    await viaProxy.bot('recovered');
    await app.inject({ method: 'GET', url: '/healthz?token=purple-secret', headers: { 'x-forwarded-for': '198.51.100.9' } });
    client.close();
    viaProxy.close();
    await client.closed;
    await viaProxy.closed;
    await app.close();
    app = undefined;
    const text = logs.text;
    expect(text).toContain('conversation started');
    expect(text).toContain('dialog failed; starting fresh');
    expect(text).toContain('"url":"/healthz"');
    for (const forbidden of ['203.0.113.77', '198.51.100.9', 'purple', 'elephant', session.token, 'remoteAddress', 'remotePort', '"ip"']) {
      expect({ forbidden, found: text.includes(forbidden) }).toEqual({ forbidden, found: false });
    }
    const faultLine = logs.lines.find((line) => line.includes('dialog failed; starting fresh')) ?? '';
    expect(JSON.parse(faultLine)).toMatchObject({ level: 50, conversationId: expect.any(String), event: 'user.message' });
  });
});

describe('health, widget and demo page', () => {
  it('answers /healthz and /readyz', async () => {
    app = await buildTestApp({ store });
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('serves /widget.js with CORS for allowed origins only, cache headers and revalidation', async () => {
    app = await buildTestApp({ store });
    const allowed = await app.inject({ url: '/widget.js', headers: { origin: TEST_ORIGIN } });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.body).toBe('export const harbour = true;\n');
    expect(allowed.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(allowed.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
    expect(allowed.headers['vary']).toBe('Origin');
    expect(allowed.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    const foreign = await app.inject({ url: '/widget.js', headers: { origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const again = await app.inject({ url: '/widget.js', headers: { 'if-none-match': String(allowed.headers['etag']) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('serves the demo page with a CSP that allows no third party', async () => {
    app = await buildTestApp({ store });
    const page = await app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<harbour-chat>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('graceful shutdown', () => {
  it('goes unready, refuses new sockets, closes open ones with 1012, finishes the turn in flight, then closes the store', async () => {
    const order: string[] = [];
    let answer: (decision: HandoffDecision) => void = () => undefined;
    let asked: () => void = () => undefined;
    const wasAsked = new Promise<void>((resolve) => (asked = resolve));
    const handoff: HandoffService = {
      isCounsellorOnShift: async () => true,
      request: () => {
        asked();
        return new Promise((resolve) => (answer = resolve));
      },
      withdraw: async () => undefined,
    };
    const watched: Store = {
      ...store,
      conversations: store.conversations,
      tokens: store.tokens,
      migrate: () => store.migrate(),
      close: async () => void order.push('store closed'),
    };
    app = await buildTestApp({ store: watched, handoff, extra: { closeStore: true } });
    const url = await listen(app);
    const client = await connect(url);
    client.send({ type: 'event', name: 'ping' });
    const session = (await client.event('session')).value as SessionValue;
    await client.bot('greeting');
    client.say('s1', 'talk to a person'); // the turn waits on the handoff service: in flight
    await wasAsked;
    const shutdown = app.lifecycle.shutdown();
    expect(await client.closed).toBe(1012);
    order.push('socket closed');
    expect(app.lifecycle.isReady).toBe(false);
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    await expect(connect(url)).rejects.toThrow(/503/);
    order.push('handoff answered');
    answer({ outcome: 'queued', position: 1 });
    await shutdown;
    app = undefined;
    expect(order).toEqual(['socket closed', 'handoff answered', 'store closed']);
    // The turn in flight was committed before the store closed.
    const stored = await store.conversations.after(session.conversationId, 0);
    expect(stored.map((s) => s.activity.name ?? s.activity.channelData?.key ?? s.activity.text)).toEqual([
      'greeting',
      'talk to a person',
      'asked-person',
      'handoff.initiate',
      'handoff.status',
      'queued',
    ]);
  });

  it('closes sockets with 1012 on a plain app.close() too', async () => {
    app = await buildTestApp({ store });
    const client = await inject(app);
    await client.bot('greeting');
    const closing = app.close();
    app = undefined;
    await closing;
    expect(await client.closed).toBe(1012);
  });
});
