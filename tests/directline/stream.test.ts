import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { buildDirectLineApp, GREETING, PAGE_ORIGIN, SECRET } from './harness.js';

/**
 * The Direct Line WebSocket stream over real sockets: ActivitySets with watermarks, one-use
 * tickets checked before the upgrade, replay from a watermark, one stream per conversation,
 * empty keep-alive frames, and the close when the child leaves.
 */

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
let store: Store;
let app: FastifyInstance | null = null;
let base = '';
let clock = T0;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  store = await testStore();
});
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await app?.close();
  app = null;
  clock = T0;
});

async function start(env: Record<string, string> = {}): Promise<void> {
  app = (await buildDirectLineApp({ store, env, now: () => clock })).app;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}/v3/directline`;
}

interface Conversation {
  conversationId: string;
  token: string;
  streamUrl: string;
}

interface Frame {
  activities: { id?: string; type: string; text?: string; name?: string; from: { role: string }; channelData?: { seq?: number; clientActivityID?: string } }[];
  watermark?: string;
}

async function call<T>(method: string, path: string, credential: string, body?: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${credential}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as T };
}

async function newConversation(): Promise<Conversation> {
  const { status, json } = await call<Conversation>('POST', '/conversations', SECRET);
  expect(status).toBe(201);
  return json;
}

async function reconnectUrl(conversation: Conversation, watermark: string): Promise<string> {
  const { json } = await call<Conversation>('GET', `/conversations/${conversation.conversationId}?watermark=${watermark}`, conversation.token);
  return json.streamUrl;
}

/** A stream client: frames as they arrive (empty keep-alives counted apart), waits bounded by time. */
class Stream {
  readonly frames: Frame[] = [];
  keepAlives = 0;
  readonly closed: Promise<number>;
  private waiters: (() => void)[] = [];

  constructor(readonly socket: WebSocket) {
    sockets.push(socket);
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text === '') this.keepAlives += 1;
      else this.frames.push(JSON.parse(text) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<Stream> {
    const socket = new WebSocket(url, { headers });
    const stream = new Stream(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(stream));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  get activities() {
    return this.frames.flatMap((frame) => frame.activities);
  }

  async until(done: (stream: Stream) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`stream condition not met in ${timeoutMs} ms; frames: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }
}

const seqs = (stream: Stream) => stream.activities.map((activity) => activity.channelData?.seq).filter((seq) => seq !== undefined);

describe('the Direct Line stream', () => {
  it('replays the greeting as an ActivitySet, then sends the echo and the reply live with watermarks', async () => {
    await start();
    const conversation = await newConversation();
    const stream = await Stream.open(conversation.streamUrl);
    await stream.until((s) => s.frames.length >= 1);
    expect(stream.frames[0]).toMatchObject({ watermark: '1', activities: [{ type: 'message', text: GREETING, from: { role: 'bot' } }] });

    const sent = await call<{ id: string }>('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
      type: 'message',
      text: 'hello',
      channelData: { clientActivityID: 'web-1' },
    });
    expect(sent.status).toBe(200);
    await stream.until((s) => seqs(s).length >= 3);
    expect(stream.frames.map((frame) => frame.watermark)).toEqual(['1', '2', '3']);
    expect(stream.activities[1]).toMatchObject({ id: sent.json.id, text: 'hello', from: { role: 'user' }, channelData: { clientActivityID: 'web-1' } });
    expect(stream.activities[2]).toMatchObject({ text: 'I hear you. That is message 1.', from: { role: 'bot' } });
  });

  it('refuses a used, foreign, expired or forged ticket before the upgrade', async () => {
    await start();
    const mine = await newConversation();
    const theirs = await newConversation();
    await Stream.open(mine.streamUrl);
    await expect(Stream.open(mine.streamUrl)).rejects.toThrow('HTTP 403'); // used once already

    const foreign = theirs.streamUrl.replace(theirs.conversationId, mine.conversationId);
    await expect(Stream.open(foreign)).rejects.toThrow('HTTP 403');

    const late = await reconnectUrl(mine, '1');
    clock += 61_000;
    await expect(Stream.open(late)).rejects.toThrow('HTTP 403');

    const forged = mine.streamUrl.replace(/t=[^&]+/, 't=dl1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await expect(Stream.open(forged)).rejects.toThrow('HTTP 403');
    const bare = mine.streamUrl.replace(/[?].*$/, '');
    await expect(Stream.open(bare)).rejects.toThrow('HTTP 401');
  });

  it('holds browsers to ALLOWED_ORIGINS; a client with no Origin may connect', async () => {
    await start();
    const conversation = await newConversation();
    await expect(Stream.open(await reconnectUrl(conversation, ''), { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    const listed = await Stream.open(await reconnectUrl(conversation, ''), { origin: PAGE_ORIGIN });
    await listed.until((s) => s.frames.length >= 1);
    expect(listed.activities[0]?.text).toBe(GREETING);
  });

  it('accepts the token in an Authorization header instead of a ticket', async () => {
    await start();
    const conversation = await newConversation();
    const url = `${base.replace('http', 'ws')}/conversations/${conversation.conversationId}/stream?watermark=`;
    const stream = await Stream.open(url, { authorization: `Bearer ${conversation.token}` });
    await stream.until((s) => s.frames.length >= 1);
    expect(stream.activities[0]?.text).toBe(GREETING);
  });

  it('replays only what came after the watermark, and a newer stream replaces the older with 4001', async () => {
    await start();
    const conversation = await newConversation();
    const first = await Stream.open(conversation.streamUrl);
    await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
      type: 'message',
      text: 'one',
      channelData: { clientActivityID: 'w-1' },
    });
    await first.until((s) => seqs(s).length >= 3);

    const second = await Stream.open(await reconnectUrl(conversation, '2'));
    expect(await first.closed).toBe(4001);
    await second.until((s) => seqs(s).length >= 1);
    expect(seqs(second)).toEqual([3]);

    await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
      type: 'message',
      text: 'two',
      channelData: { clientActivityID: 'w-2' },
    });
    await second.until((s) => seqs(s).length >= 3);
    expect(seqs(second)).toEqual([3, 4, 5]);
    expect(seqs(first)).toEqual([1, 2, 3]); // the replaced stream got nothing more
  });

  it("passes a counsellor's typing as a typing activity with no watermark", async () => {
    await start();
    const conversation = await newConversation();
    const stream = await Stream.open(conversation.streamUrl);
    await stream.until((s) => s.frames.length >= 1);
    // The child's own typing (posted by Web Chat) is not echoed back; the counsellor's is delivered.
    const typed = await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, { type: 'typing' });
    expect(typed.status).toBe(200);
    app?.conversations.typing(conversation.conversationId, 'counsellor', 'Sam');
    await stream.until((s) => s.frames.length >= 2);
    const frame = stream.frames[1];
    expect(stream.frames).toHaveLength(2);
    expect(frame?.watermark).toBeUndefined();
    expect(frame?.activities).toEqual([
      expect.objectContaining({ type: 'typing', from: expect.objectContaining({ name: 'Sam', role: 'bot' }) }),
    ]);
  });

  it('refuses a stream over MAX_SOCKETS with 503, but lets an open conversation replace its own', async () => {
    await start({ MAX_SOCKETS: '1' });
    const first = await newConversation();
    const second = await newConversation();
    const open = await Stream.open(first.streamUrl);
    await expect(Stream.open(second.streamUrl)).rejects.toThrow('HTTP 503');
    const replacement = await Stream.open(await reconnectUrl(first, '1'));
    expect(await open.closed).toBe(4001);
    expect(replacement.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('closes streams with 1012 on graceful shutdown, and refuses new requests while closing', async () => {
    await start();
    const conversation = await newConversation();
    const stream = await Stream.open(conversation.streamUrl);
    await stream.until((s) => s.frames.length >= 1);
    const closing = app?.lifecycle.shutdown();
    expect(await stream.closed).toBe(1012);
    await closing;
    app = null;
  });

  it('sends empty keep-alive frames', async () => {
    await start({ HEARTBEAT_MS: '1000' });
    const conversation = await newConversation();
    const stream = await Stream.open(conversation.streamUrl);
    await stream.until((s) => s.keepAlives >= 1, 5000);
    expect(stream.keepAlives).toBeGreaterThanOrEqual(1);
    expect(stream.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('closes the stream with 4002 when the child quick-exits', async () => {
    await start();
    const conversation = await newConversation();
    const stream = await Stream.open(conversation.streamUrl);
    await stream.until((s) => s.frames.length >= 1);
    const exit = await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
      type: 'event',
      name: 'session.quickExit',
    });
    expect(exit.status).toBe(200);
    expect(await stream.closed).toBe(4002);
    const again = await call<{ error: { code: string } }>('GET', `/conversations/${conversation.conversationId}`, conversation.token);
    expect(again.status).toBe(404);
  });
});
