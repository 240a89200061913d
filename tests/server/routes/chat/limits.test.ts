import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ErrorValue, SessionValue } from '../../../../server/protocol/index.js';
import type { HandoffService } from '../../../../server/handoff/types.js';
import type { Store } from '../../../../server/store/types.js';
import { buildTestApp, listen, LogCapture, testStore } from '../../../helpers/app.js';
import { connect, inject, type ChatClient } from '../../../helpers/ws-client.js';
import { badFrame, random, words } from '../../../helpers/bad-frames.js';

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

async function ready(client: ChatClient): Promise<void> {
  await client.bot('greeting');
}

const FUZZ_TEXT_CHARS = 200;

function errorOf(client: ChatClient, from: number) {
  return client.event('error', from).then((a) => a.value as ErrorValue);
}

describe('/chat refuses a missing or foreign Origin before the upgrade', () => {
  it('answers 403 with no Origin, a foreign one, or a near miss, and upgrades an allowed one', async () => {
    app = await buildTestApp({ store });
    const url = await listen(app);
    await expect(connect(url, null)).rejects.toThrow(/403/);
    await expect(connect(url, 'https://evil.example')).rejects.toThrow(/403/);
    await expect(connect(url, 'http://helpline.test.evil.example')).rejects.toThrow(/403/);
    await expect(connect(url, 'https://helpline.test')).rejects.toThrow(/403/);
    const client = await connect(url);
    await ready(client);
    client.close();
  });
});

describe('bad frames get an error event and the socket stays open', () => {
  it('answers each kind of bad frame with its code (and replyToId when there is an id), then still chats', async () => {
    app = await buildTestApp({ store, env: { MAX_TEXT_CHARS: '20', MAX_PAYLOAD_BYTES: '4096' } });
    const client = await inject(app);
    await ready(client);
    const cases: [unknown, string, string | undefined][] = [
      ['this is not json', 'HARBOUR_ERR_FRAME_MALFORMED', undefined],
      ['[1,2]', 'HARBOUR_ERR_FRAME_INVALID', undefined],
      [{ text: 'no type' }, 'HARBOUR_ERR_FRAME_INVALID', undefined],
      [{ type: 'message', text: 'no id' }, 'HARBOUR_ERR_FRAME_INVALID', undefined],
      [{ type: 'message', id: 'no-text' }, 'HARBOUR_ERR_FRAME_INVALID', 'no-text'],
      [{ type: 'conversationUpdate', id: 'cu' }, 'HARBOUR_ERR_FRAME_UNKNOWN_TYPE', 'cu'],
      [{ type: 'event', name: 'admin.deleteEverything' }, 'HARBOUR_ERR_FRAME_UNKNOWN_TYPE', undefined],
      [{ type: 'message', id: 'long', text: 'x'.repeat(21) }, 'HARBOUR_ERR_TEXT_TOO_LONG', 'long'],
      [{ type: 'message', id: 'nul', text: 'a\u0000b' }, 'HARBOUR_ERR_TEXT_INVALID', 'nul'],
      ['{"type":"message","id":"lone","text":"hi \\ud800 there"}', 'HARBOUR_ERR_TEXT_INVALID', 'lone'],
      [{ type: 'message', id: 'blank', text: '   ' }, 'HARBOUR_ERR_TEXT_EMPTY', 'blank'],
    ];
    for (const [frame, code, replyToId] of cases) {
      const from = client.frames.length;
      client.send(frame);
      const error = await errorOf(client, from);
      expect({ frame, code: error.code, replyToId: error.replyToId }).toEqual({ frame, code, replyToId });
      expect(error.message.length).toBeGreaterThan(0);
    }
    // Exactly 20 characters is allowed, and a pair of surrogates (an emoji) is fine.
    client.say('ok', '12345678901234567😢x');
    const ack = await client.ack('ok');
    expect(ack.text).toBe('12345678901234567😢x');
    expect(client.closeCode).toBeNull();
    client.close();
  });

  // Generated bad input (tests/helpers/bad-frames.ts): every good message is kept exactly, in order,
  // and nothing reaches Object.prototype.
  it('answers each of 400 bad frames with one error, keeps the socket, and keeps every good message exactly, in order', async () => {
    app = await buildTestApp({ store, env: { MAX_TEXT_CHARS: String(FUZZ_TEXT_CHARS), MAX_PAYLOAD_BYTES: '4096', MESSAGES_PER_MINUTE: '10000' } });
    const client = await inject(app);
    const session = (await client.event('session')).value as SessionValue;
    await client.bot('greeting');
    const rng = random(20261203);
    const said: string[] = [];

    for (let index = 0; index < 400; index += 1) {
      if (index % 25 === 0) {
        const text = words(rng, 40);
        const from = client.frames.length;
        client.say(`good-${index}`, text);
        const ack = await client.ack(`good-${index}`, from);
        expect(ack.text).toBe(text);
        said.push(text);
      }
      const frame = badFrame(rng, index, FUZZ_TEXT_CHARS);
      const from = client.frames.length;
      client.send(frame);
      const error = (await client.event('error', from)).value as ErrorValue;
      expect({ frame, code: error.code }).toEqual({ frame, code: expect.stringMatching(/^HARBOUR_ERR_(FRAME|TEXT)_[A-Z_]+$/) as unknown });
      expect(error.message.length).toBeGreaterThan(0);
    }
    // One error per bad frame, no more: a ping after the last still gets its pong and nothing else came between.
    const from = client.frames.length;
    client.send({ type: 'event', name: 'ping', value: 'end' });
    expect((await client.event('pong', from)).value).toBe('end');
    expect(client.frames.filter((a) => a.type === 'event' && a.name === 'error')).toHaveLength(400);
    expect(client.closeCode).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    const stored = await store.conversations.after(session.conversationId, 0);
    const childWords = stored.filter((s) => s.activity.type === 'message' && s.activity.channelData?.sender === 'child').map((s) => s.activity.text);
    expect(childWords).toEqual(said);
    client.close();
  });

  it('refuses a binary frame with an error, not a crash', async () => {
    app = await buildTestApp({ store });
    const client = await inject(app);
    await ready(client);
    const from = client.frames.length;
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await errorOf(client, from)).code).toBe('HARBOUR_ERR_FRAME_INVALID');
    client.send({ type: 'event', name: 'ping', value: 7 });
    expect((await client.event('pong', from)).value).toBe(7);
    client.close();
  });
});

describe('frame size', () => {
  it('closes with 1009 when a frame is over MAX_PAYLOAD_BYTES, and takes one exactly at it', async () => {
    const logs = new LogCapture();
    app = await buildTestApp({ store, env: { MAX_PAYLOAD_BYTES: '8192', MAX_TEXT_CHARS: '2000', LOG_LEVEL: 'info' }, logStream: logs });
    const url = await listen(app);
    const client = await connect(url);
    await ready(client);
    const envelope = JSON.stringify({ type: 'event', name: 'ping', value: '' });
    const from = client.frames.length;
    client.send({ type: 'event', name: 'ping', value: 'p'.repeat(8192 - envelope.length) });
    await client.event('pong', from);
    client.send({ type: 'event', name: 'ping', value: 'p'.repeat(8193 - envelope.length) });
    expect(await client.closed).toBe(1009);
    // The socket's error is logged by its code only, and the socket is gone from the registry.
    const line = logs.lines.map((l) => JSON.parse(l) as { msg?: string; code?: string }).find((l) => l.msg === 'chat socket error');
    expect(line?.code).toBe('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');
    expect(logs.text).not.toContain('ppppp');
    for (let i = 0; i < 100 && app.chatSockets.size > 0; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(app.chatSockets.size).toBe(0);
  });
});

describe('messages per minute are throttled kindly', () => {
  it('refuses the message over the limit with retryAfterMs, then takes the same message when the minute has passed', async () => {
    let now = Date.UTC(2026, 10, 22, 2, 0, 0);
    app = await buildTestApp({ store, env: { MESSAGES_PER_MINUTE: '3' }, now: () => now });
    const client = await inject(app);
    await ready(client);
    for (const id of ['r1', 'r2', 'r3']) {
      client.say(id, `message ${id}`);
      await client.ack(id);
      now += 1000;
    }
    const from = client.frames.length;
    client.say('r4', 'one more, please');
    const error = await errorOf(client, from);
    expect(error).toMatchObject({ code: 'HARBOUR_ERR_RATE_LIMITED', replyToId: 'r4', retryAfterMs: 57_000 });
    now += 57_000;
    client.say('r4', 'one more, please');
    const ack = await client.ack('r4', from);
    expect(ack.text).toBe('one more, please');
    client.close();
  });
});

describe('frame flood', () => {
  it('closes with 1008 when more than 256 frames wait behind a turn in flight', async () => {
    let release: () => void = () => undefined;
    const handoff: HandoffService = {
      isCounsellorOnShift: async () => false,
      request: () => new Promise((resolve) => (release = () => resolve({ outcome: 'unavailable', reason: 'none_available' }))),
      withdraw: async () => undefined,
    };
    app = await buildTestApp({ store, handoff });
    const url = await listen(app);
    const client = await connect(url);
    await ready(client);
    client.say('slow', 'talk to a person'); // this turn waits on the handoff service
    await client.ack('slow');
    for (let i = 0; i < 300; i += 1) client.send({ type: 'event', name: 'ping', value: i });
    expect(await client.closed).toBe(1008);
    release();
  });
});

describe('connection caps', () => {
  it('closes sockets over MAX_CONNECTIONS_PER_ADDRESS with 1013, and admits again when one leaves', async () => {
    app = await buildTestApp({ store, env: { MAX_CONNECTIONS_PER_ADDRESS: '2' } });
    const url = await listen(app);
    const a = await connect(url);
    const b = await connect(url);
    const c = await connect(url);
    expect(await c.closed).toBe(1013);
    a.close();
    await a.closed;
    await waitFor(() => app?.chatSockets.size === 1);
    const d = await connect(url);
    await ready(d);
    b.close();
    d.close();
  });

  it('closes sockets over MAX_SOCKETS with 1013', async () => {
    app = await buildTestApp({ store, env: { MAX_SOCKETS: '1' } });
    const url = await listen(app);
    const a = await connect(url);
    const b = await connect(url);
    expect(await b.closed).toBe(1013);
    await ready(a);
    a.close();
  });
});

describe('slow readers and dead sockets', () => {
  it('closes a reader that lets more than MAX_BUFFERED_BYTES pile up (1013)', async () => {
    app = await buildTestApp({ store, env: { MAX_BUFFERED_BYTES: '16384' } });
    const url = await listen(app);
    const client = await connect(url);
    await ready(client);
    const raw = (client.ws as unknown as { _socket: import('node:net').Socket })._socket;
    raw.pause();
    const big = 'b'.repeat(15_000);
    // Bounded: at most 2,000 pongs of 15 kB (30 MB), far more than loopback buffers hold.
    for (let i = 0; i < 2000 && app.chatSockets.size > 0; i += 1) {
      client.send({ type: 'event', name: 'ping', value: big });
      if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
      if (i % 50 === 49 && (await closedOnServer(app))) break;
    }
    raw.resume();
    expect(await client.closed).toBe(1013);
  });

  it('ends a socket that misses a heartbeat and keeps one that answers', async () => {
    app = await buildTestApp({ store });
    const url = await listen(app);
    const alive = await connect(url);
    const dead = await connect(url);
    await ready(alive);
    await ready(dead);
    const raw = (dead.ws as unknown as { _socket: import('node:net').Socket })._socket;
    raw.pause(); // the peer vanished: it no longer reads, so it never answers a ping
    const tick = () => {
      for (const socket of app?.chatSockets.all() ?? []) socket.heartbeat();
    };
    tick(); // ping
    await pongArrived(alive);
    tick(); // the dead one missed it: ended
    raw.resume();
    const code = await dead.closed;
    expect(code).toBe(1006);
    expect(alive.closeCode).toBeNull();
    const from = alive.frames.length;
    alive.send({ type: 'event', name: 'ping', value: 'still here' });
    expect((await alive.event('pong', from)).value).toBe('still here');
    alive.close();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function closedOnServer(app: FastifyInstance): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return app.chatSockets.all().every((socket) => (socket as unknown as { state: string }).state === 'closed');
}

/** Resolves once the client has answered the server's ping (ws answers automatically). */
async function pongArrived(client: ChatClient): Promise<void> {
  // ws answers a ping as soon as it reads it, in order: once our later app-level ping is answered,
  // the server has read the pong that came before it.
  const from = client.frames.length;
  client.send({ type: 'event', name: 'ping', value: 'sync' });
  await client.event('pong', from);
}
