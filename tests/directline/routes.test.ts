import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig } from '../../server/config.js';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { buildDirectLineApp, GREETING, PAGE_ORIGIN, SECRET, type Harness } from './harness.js';

/**
 * Direct Line 3.0 routes through `inject`: who may call what, token expiry and refresh, one
 * conversation per token, bad bodies, limits shared with `/chat`, CORS for browsers.
 */

const BASE = '/v3/directline';
const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

let store: Store;
let harness: Harness | null = null;
let clock = T0;

beforeAll(async () => {
  store = await testStore();
});
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  await harness?.app.close();
  harness = null;
  clock = T0;
});

async function start(env: Record<string, string> = {}): Promise<FastifyInstance> {
  harness = await buildDirectLineApp({ store, env, now: () => clock });
  return harness.app;
}

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

interface Conversation {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}

async function generate(app: FastifyInstance): Promise<Conversation> {
  const response = await app.inject({ method: 'POST', url: `${BASE}/tokens/generate`, headers: bearer(SECRET) });
  expect(response.statusCode).toBe(200);
  return response.json<Conversation>();
}

interface ActivitySet {
  activities: { id: string; type: string; text?: string; from: { role: string }; channelData: Record<string, unknown>; name?: string }[];
  watermark: string;
}

async function activities(app: FastifyInstance, conversation: Conversation, watermark = ''): Promise<ActivitySet> {
  const response = await app.inject({
    method: 'GET',
    url: `${BASE}/conversations/${conversation.conversationId}/activities?watermark=${watermark}`,
    headers: bearer(conversation.token),
  });
  expect(response.statusCode).toBe(200);
  return response.json<ActivitySet>();
}

function post(app: FastifyInstance, conversation: Conversation, body: unknown, credential = conversation.token) {
  return app.inject({
    method: 'POST',
    url: `${BASE}/conversations/${conversation.conversationId}/activities`,
    headers: { ...bearer(credential), 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function message(text: string, clientActivityID: string) {
  return { type: 'message', text, from: { id: 'dl_user', role: 'user' }, channelData: { clientActivityID } };
}

describe('authentication', () => {
  it('refuses a request with no Authorization header with 401 and a JSON error', async () => {
    const app = await start();
    const response = await app.inject({ method: 'POST', url: `${BASE}/conversations` });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'HARBOUR_ERR_DIRECTLINE_UNAUTHORIZED', message: expect.stringContaining('Authorization') },
    });
  });

  it('refuses a wrong secret and a forged token with 403', async () => {
    const app = await start();
    for (const credential of [`${SECRET}x`, 'dl1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'not-a-token']) {
      const response = await app.inject({ method: 'POST', url: `${BASE}/conversations`, headers: bearer(credential) });
      expect(response.statusCode).toBe(403);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('HARBOUR_ERR_DIRECTLINE_FORBIDDEN');
    }
  });

  it('refuses a token changed by one character', async () => {
    const app = await start();
    const conversation = await generate(app);
    const last = conversation.token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = conversation.token.slice(0, -2) + last + conversation.token.slice(-1);
    const response = await app.inject({
      method: 'GET',
      url: `${BASE}/conversations/${conversation.conversationId}/activities`,
      headers: bearer(tampered),
    });
    expect(response.statusCode).toBe(403);
  });

  it('lets only the secret generate tokens', async () => {
    const app = await start();
    const conversation = await generate(app);
    expect(conversation.expires_in).toBe(1800);
    const response = await app.inject({ method: 'POST', url: `${BASE}/tokens/generate`, headers: bearer(conversation.token) });
    expect(response.statusCode).toBe(403);
  });

  it('keeps a token to its own conversation', async () => {
    const app = await start();
    const mine = await generate(app);
    const theirs = await generate(app);
    const read = await app.inject({
      method: 'GET',
      url: `${BASE}/conversations/${theirs.conversationId}/activities`,
      headers: bearer(mine.token),
    });
    expect(read.statusCode).toBe(403);
    expect(read.json<{ error: { message: string } }>().error.message).toMatch(/another conversation/);
    const write = await post(app, { ...theirs, token: mine.token }, message('hello', 'c-1'));
    expect(write.statusCode).toBe(403);
    const reconnect = await app.inject({ method: 'GET', url: `${BASE}/conversations/${theirs.conversationId}`, headers: bearer(mine.token) });
    expect(reconnect.statusCode).toBe(403);
    // Nothing was written into the other conversation.
    const theirActivities = await activities(app, theirs);
    expect(theirActivities.activities.filter((activity) => activity.from.role === 'user')).toEqual([]);
  });

  it('answers 404 for a conversation that does not exist', async () => {
    const app = await start();
    const response = await app.inject({
      method: 'GET',
      url: `${BASE}/conversations/00000000-0000-4000-8000-000000000000/activities`,
      headers: bearer(SECRET),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('HARBOUR_ERR_DIRECTLINE_NOT_FOUND');
  });

  it('refuses to start with a weak DIRECTLINE_SECRET, naming the variable', () => {
    expect(() => loadConfig({ DIRECTLINE_SECRET: 'too-short' })).toThrow(/DIRECTLINE_SECRET is not allowed: use 32 to 512 visible characters/);
    expect(() => loadConfig({ DIRECTLINE_SECRET: `${'x'.repeat(20)} ${'y'.repeat(20)}` })).toThrow(ConfigError);
    expect(loadConfig({ DIRECTLINE_SECRET: SECRET }).directlineSecret).toBe(SECRET);
    expect(loadConfig({}).directlineSecret).toBeUndefined();
  });

  it('is off (404) when DIRECTLINE_SECRET is unset', async () => {
    harness = await buildDirectLineApp({ store, env: { DIRECTLINE_SECRET: '' } });
    const response = await harness.app.inject({ method: 'POST', url: `${BASE}/conversations`, headers: bearer(SECRET) });
    expect(response.statusCode).toBe(404);
  });
});

describe('tokens expire and refresh', () => {
  it('refuses an expired token with 403 and refresh extends a live one', async () => {
    const app = await start();
    const first = await generate(app);
    clock = T0 + 1700_000; // 28 min 20 s later: still valid
    const refresh = await app.inject({ method: 'POST', url: `${BASE}/tokens/refresh`, headers: bearer(first.token) });
    expect(refresh.statusCode).toBe(200);
    const refreshed = refresh.json<Conversation>();
    expect(refreshed.conversationId).toBe(first.conversationId);
    expect(refreshed.token).not.toBe(first.token);
    expect(refreshed.expires_in).toBe(1800);

    clock = T0 + 1900_000; // past the first token's 30 minutes
    const old = await app.inject({
      method: 'GET',
      url: `${BASE}/conversations/${first.conversationId}/activities`,
      headers: bearer(first.token),
    });
    expect(old.statusCode).toBe(403);
    expect(old.json<{ error: { code: string } }>().error.code).toBe('HARBOUR_ERR_DIRECTLINE_TOKEN_EXPIRED');
    const lateRefresh = await app.inject({ method: 'POST', url: `${BASE}/tokens/refresh`, headers: bearer(first.token) });
    expect(lateRefresh.statusCode).toBe(403);

    const set = await activities(app, refreshed);
    expect(set.activities[0]?.text).toBe(GREETING);
  });

  it('refuses to refresh the secret', async () => {
    const app = await start();
    const response = await app.inject({ method: 'POST', url: `${BASE}/tokens/refresh`, headers: bearer(SECRET) });
    expect(response.statusCode).toBe(400);
  });
});

describe('conversations', () => {
  it('starts with the secret (201, a token and a streamUrl) and the bot speaks first', async () => {
    const app = await start();
    const response = await app.inject({
      method: 'POST',
      url: `${BASE}/conversations`,
      headers: { ...bearer(SECRET), 'content-type': 'application/json', host: 'chat.helpline.example' },
      payload: JSON.stringify({ user: {} }),
    });
    expect(response.statusCode).toBe(201);
    const conversation = response.json<Conversation>();
    expect(conversation.streamUrl).toMatch(
      new RegExp(`^ws://chat\\.helpline\\.example/v3/directline/conversations/${conversation.conversationId}/stream\\?watermark=&t=dl1\\.`),
    );
    const set = await activities(app, conversation);
    expect(set.activities.map((activity) => activity.text)).toEqual([GREETING]);
    expect(set.watermark).toBe('1');
  });

  it('starts the conversation a generated token names, and gives a fresh streamUrl on reconnect', async () => {
    const app = await start();
    const generated = await generate(app);
    const started = await app.inject({ method: 'POST', url: `${BASE}/conversations`, headers: bearer(generated.token) });
    expect(started.statusCode).toBe(200);
    expect(started.json<Conversation>().conversationId).toBe(generated.conversationId);
    const again = await app.inject({
      method: 'GET',
      url: `${BASE}/conversations/${generated.conversationId}?watermark=1`,
      headers: bearer(generated.token),
    });
    expect(again.statusCode).toBe(200);
    const reconnect = again.json<Conversation>();
    expect(reconnect.streamUrl).toContain('watermark=1&t=');
    expect(reconnect.streamUrl).not.toBe(started.json<Conversation>().streamUrl);
  });

  it('accepts an empty JSON body on tokens/generate', async () => {
    const app = await start();
    const response = await app.inject({
      method: 'POST',
      url: `${BASE}/tokens/generate`,
      headers: { ...bearer(SECRET), 'content-type': 'application/json' },
      payload: '',
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('activities', () => {
  it('echoes the child message with clientActivityID, replies, and never takes a re-sent id twice', async () => {
    const app = await start();
    const conversation = await generate(app);
    const sent = await post(app, conversation, message('hello there', 'client-1'));
    expect(sent.statusCode).toBe(200);
    const { id } = sent.json<{ id: string }>();
    expect(id).toBe(`${conversation.conversationId}|0000002`);

    const again = await post(app, conversation, message('hello there', 'client-1'));
    expect(again.json<{ id: string }>().id).toBe(id);

    const set = await activities(app, conversation);
    expect(set.activities.map((activity) => [activity.from.role, activity.text])).toEqual([
      ['bot', GREETING],
      ['user', 'hello there'],
      ['bot', 'I hear you. That is message 1.'],
    ]);
    const echo = set.activities[1];
    expect(echo?.id).toBe(id);
    expect(echo?.channelData).toMatchObject({ clientActivityID: 'client-1', seq: 2 });
    expect(set.watermark).toBe('3');

    const later = await activities(app, conversation, '2');
    expect(later.activities.map((activity) => activity.text)).toEqual(['I hear you. That is message 1.']);
    const none = await activities(app, conversation, '3');
    expect(none).toEqual({ activities: [], watermark: '3' });
  });

  it('passes suggestedActions and the handoff.initiate event through', async () => {
    const app = await start();
    const conversation = await generate(app);
    const greeting = (await activities(app, conversation)).activities[0] as unknown as {
      suggestedActions: { actions: { type: string; value: string }[] };
    };
    expect(greeting.suggestedActions.actions).toEqual([
      { type: 'imBack', title: 'Me', value: 'Me' },
      { type: 'imBack', title: 'A parent', value: 'A parent' },
    ]);
    await post(app, conversation, message('help me now', 'client-2'));
    const set = await activities(app, conversation, '1');
    const initiate = set.activities.find((activity) => activity.name === 'handoff.initiate') as unknown as {
      value: unknown;
      from: { role: string };
    };
    expect(initiate.value).toEqual({ urgency: 'immediate', findings: [{ category: 'immediate_danger' }] });
    expect(initiate.from.role).toBe('bot');
    expect(set.activities.some((activity) => activity.name === 'handoff.status')).toBe(true);
  });

  it('refuses bad bodies with a clear JSON error and keeps serving', async () => {
    const app = await start({ MAX_TEXT_CHARS: '40' });
    const conversation = await generate(app);
    const cases: [unknown, number, string][] = [
      ['{"type": "message", "text": ', 400, 'HARBOUR_ERR_DIRECTLINE_BAD_REQUEST'],
      [{ text: 'no type' }, 400, 'HARBOUR_ERR_DIRECTLINE_BAD_REQUEST'],
      [{ type: 'message', text: 42 }, 400, 'HARBOUR_ERR_DIRECTLINE_BAD_REQUEST'],
      [{ type: 'message' }, 400, 'HARBOUR_ERR_DIRECTLINE_UNSUPPORTED'],
      [{ type: 'message', text: '   ', channelData: { clientActivityID: 'blank' } }, 400, 'HARBOUR_ERR_TEXT_EMPTY'],
      [{ type: 'message', text: 'x'.repeat(41), channelData: { clientActivityID: 'long' } }, 400, 'HARBOUR_ERR_TEXT_TOO_LONG'],
      [{ type: 'message', text: 'look', attachments: [{ contentType: 'image/png', contentUrl: 'blob:x' }] }, 400, 'HARBOUR_ERR_DIRECTLINE_UNSUPPORTED'],
      [{ type: 'invoke', name: 'x' }, 400, 'HARBOUR_ERR_DIRECTLINE_UNSUPPORTED'],
      [{ type: 'message', text: 'hi', channelData: { clientActivityID: '' } }, 400, 'HARBOUR_ERR_DIRECTLINE_BAD_REQUEST'],
      [[1, 2], 400, 'HARBOUR_ERR_DIRECTLINE_BAD_REQUEST'],
    ];
    for (const [body, status, code] of cases) {
      const response = await post(app, conversation, body);
      expect({ body, status: response.statusCode }).toEqual({ body, status });
      expect(response.json<{ error: { code: string; message: string } }>().error).toEqual({ code, message: expect.any(String) });
    }
    const notJson = await post(app, conversation, '{"type": "message", "text": "my private words');
    expect(notJson.json<{ error: { message: string } }>().error.message).toMatch(/not valid JSON/);
    expect(notJson.body).not.toContain('private words');
    const badWatermark = await app.inject({
      method: 'GET',
      url: `${BASE}/conversations/${conversation.conversationId}/activities?watermark=abc`,
      headers: bearer(conversation.token),
    });
    expect(badWatermark.statusCode).toBe(400);
    // Still serving, and none of the refused messages were stored.
    const fine = await post(app, conversation, message('still here', 'ok-1'));
    expect(fine.statusCode).toBe(200);
    const texts = (await activities(app, conversation)).activities.filter((a) => a.from.role === 'user').map((a) => a.text);
    expect(texts).toEqual(['still here']);
  });

  it('refuses a body over MAX_PAYLOAD_BYTES with 413', async () => {
    const app = await start();
    const conversation = await generate(app);
    const response = await post(app, conversation, { type: 'message', text: 'x', padding: 'y'.repeat(17_000) });
    expect(response.statusCode).toBe(413);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('HARBOUR_ERR_DIRECTLINE_TOO_LARGE');
  });

  it('throttles kindly at MESSAGES_PER_MINUTE with 429, Retry-After and retryAfterMs', async () => {
    const app = await start({ MESSAGES_PER_MINUTE: '2' });
    const conversation = await generate(app);
    expect((await post(app, conversation, message('one', 'r-1'))).statusCode).toBe(200);
    expect((await post(app, conversation, message('two', 'r-2'))).statusCode).toBe(200);
    const third = await post(app, conversation, message('three', 'r-3'));
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(third.json<{ error: { code: string; retryAfterMs: number } }>().error).toMatchObject({
      code: 'HARBOUR_ERR_RATE_LIMITED',
      retryAfterMs: expect.any(Number),
    });
    clock += 61_000;
    expect((await post(app, conversation, message('three', 'r-3'))).statusCode).toBe(200);
  });

  it('ends the conversation on quick exit: its token then gets 404 everywhere', async () => {
    const app = await start();
    const conversation = await generate(app);
    const exit = await post(app, conversation, { type: 'event', name: 'session.quickExit' });
    expect(exit.statusCode).toBe(200);
    for (const request of [
      { method: 'GET' as const, url: `${BASE}/conversations/${conversation.conversationId}` },
      { method: 'GET' as const, url: `${BASE}/conversations/${conversation.conversationId}/activities` },
      { method: 'POST' as const, url: `${BASE}/tokens/refresh` },
    ]) {
      const response = await app.inject({ ...request, headers: bearer(conversation.token) });
      expect(response.statusCode).toBe(404);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('HARBOUR_ERR_CONVERSATION_ENDED');
    }
    expect((await post(app, conversation, message('hello?', 'after-exit'))).statusCode).toBe(404);
  });

  it('accepts typing and unknown events without storing them', async () => {
    const app = await start();
    const conversation = await generate(app);
    expect((await post(app, conversation, { type: 'typing' })).statusCode).toBe(200);
    expect((await post(app, conversation, { type: 'event', name: 'webchat/join', value: {} })).statusCode).toBe(200);
    expect((await activities(app, conversation)).activities).toHaveLength(1);
  });
});

describe('browsers and CORS', () => {
  it('answers a preflight from an allowed origin', async () => {
    const app = await start();
    const response = await app.inject({
      method: 'OPTIONS',
      url: `${BASE}/conversations`,
      headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-ms-bot-agent' },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(PAGE_ORIGIN);
    expect(response.headers['access-control-allow-headers']).toContain('x-ms-bot-agent');
    expect(response.headers['access-control-allow-headers']).toContain('authorization');
  });

  it('refuses a foreign origin, allows a listed one, and needs no Origin from non-browsers', async () => {
    const app = await start();
    const foreign = await app.inject({
      method: 'POST',
      url: `${BASE}/conversations`,
      headers: { ...bearer(SECRET), origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.json<{ error: { code: string } }>().error.code).toBe('HARBOUR_ERR_DIRECTLINE_ORIGIN');
    const preflight = await app.inject({ method: 'OPTIONS', url: `${BASE}/conversations`, headers: { origin: 'https://evil.example' } });
    expect(preflight.statusCode).toBe(403);

    const listed = await app.inject({ method: 'POST', url: `${BASE}/conversations`, headers: { ...bearer(SECRET), origin: PAGE_ORIGIN } });
    expect(listed.statusCode).toBe(201);
    expect(listed.headers['access-control-allow-origin']).toBe(PAGE_ORIGIN);
    const none = await app.inject({ method: 'POST', url: `${BASE}/conversations`, headers: bearer(SECRET) });
    expect(none.statusCode).toBe(201);
  });
});

describe('logs', () => {
  it('never hold message text, the secret or tokens', async () => {
    const app = await start();
    const conversation = await generate(app);
    await post(app, conversation, message('my secret words', 'log-1'));
    await app.inject({ method: 'GET', url: `${BASE}/conversations/${conversation.conversationId}?watermark=1`, headers: bearer(conversation.token) });
    const logs = harness?.logs.text ?? '';
    expect(logs).toContain(conversation.conversationId);
    expect(logs).not.toContain('my secret words');
    expect(logs).not.toContain(SECRET);
    expect(logs).not.toContain(conversation.token);
    expect(logs).not.toContain('dl1.');
  });
});
