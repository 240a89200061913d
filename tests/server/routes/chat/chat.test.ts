import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { SessionValue } from '../../../../server/protocol/index.js';
import type { Store } from '../../../../server/store/types.js';
import type { LiveItem } from '../../../../server/sessions/types.js';
import { buildTestApp, listen, testStore } from '../../../helpers/app.js';
import { connect, inject } from '../../../helpers/ws-client.js';

let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  store = await testStore();
});
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  await app.close();
});

describe('/chat: the server speaks first, then acks after commit', () => {
  it('sends the session event, then the greeting with quick replies, without waiting for the client', async () => {
    app = await buildTestApp({ store });
    const client = await inject(app);
    const session = await client.event('session');
    const value = session.value as SessionValue;
    expect(value.resumed).toBe(false);
    expect(value.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value.limits).toEqual({ maxTextChars: 2000, messagesPerMinute: 30 });
    const greeting = await client.bot('greeting');
    expect(greeting.text).toBe('Hello! I am a computer helper. Who is chatting today?');
    expect(greeting.from).toMatchObject({ role: 'bot', name: 'Harbour' });
    expect(greeting.channelData).toMatchObject({ seq: 1, sender: 'bot', key: 'greeting' });
    expect(greeting.suggestedActions?.actions).toEqual([
      { type: 'imBack', title: 'Me', value: 'Me' },
      { type: 'imBack', title: 'A parent', value: 'A parent' },
    ]);
    expect(client.frames.indexOf(session)).toBeLessThan(client.frames.indexOf(greeting));
    expect(client.frames.some((a) => a.type === 'typing')).toBe(false);
    client.close();
  });

  it('acks a message with the same id and the exact words, committed, before the reply', async () => {
    app = await buildTestApp({ store });
    const client = await inject(app);
    const session = (await client.event('session')).value as SessionValue;
    await client.bot('greeting');
    const words = 'he said "dont tell ur mum" 😢  ok?';
    client.say('c-1', words);
    const ack = await client.ack('c-1');
    const reply = await client.bot('reply');
    expect(ack).toMatchObject({ id: 'c-1', text: words, from: { role: 'user' }, channelData: { seq: 2, sender: 'child', clientActivityID: 'c-1' } });
    expect(reply.text).toBe('I hear you. That is message 1.');
    expect(reply.channelData?.seq).toBe(3);
    expect(client.frames.indexOf(ack)).toBeLessThan(client.frames.indexOf(reply));
    // Committed: the store holds both, in order, with the child's exact words.
    const stored = await store.conversations.after(session.conversationId, 0);
    expect(stored.map((s) => [s.seq, s.activity.text])).toEqual([
      [1, 'Hello! I am a computer helper. Who is chatting today?'],
      [2, words],
      [3, 'I hear you. That is message 1.'],
    ]);
    client.close();
  });

  it('re-acks a re-sent id without processing it twice', async () => {
    app = await buildTestApp({ store });
    const client = await inject(app);
    const session = (await client.event('session')).value as SessionValue;
    await client.bot('greeting');
    client.say('dup-1', 'hello');
    await client.bot('reply');
    const before = client.frames.length;
    client.say('dup-1', 'hello');
    const again = await client.ack('dup-1', before);
    expect(again.channelData?.seq).toBe(2);
    client.say('dup-2', 'second');
    const second = await client.bot('reply', before);
    expect(second.text).toBe('I hear you. That is message 2.');
    const stored = await store.conversations.after(session.conversationId, 0);
    expect(stored.filter((s) => s.clientActivityId === 'dup-1')).toHaveLength(1);
    expect(stored).toHaveLength(5);
    client.close();
  });

  it("passes a counsellor's typing to the child and the child's typing to the counsellor, never stored", async () => {
    app = await buildTestApp({ store });
    const client = await inject(app);
    const session = (await client.event('session')).value as SessionValue;
    await client.bot('greeting');
    const seen: LiveItem[] = [];
    const unsubscribe = app.conversations.subscribe(session.conversationId, (item) => seen.push(item));
    client.send({ type: 'typing' });
    app.conversations.typing(session.conversationId, 'counsellor', 'Sam');
    const typing = await client.next((a) => a.type === 'typing');
    expect(typing).toMatchObject({ from: { name: 'Sam' }, channelData: { sender: 'counsellor' } });
    expect(typing.channelData?.seq).toBeUndefined();
    await waitUntil(() => seen.some((i) => i.kind === 'ephemeral' && i.activity.channelData?.sender === 'child'));
    // The child's own typing is not echoed back to the child.
    expect(client.frames.filter((a) => a.type === 'typing')).toHaveLength(1);
    expect((await store.conversations.after(session.conversationId, 0)).some((s) => s.activity.type === 'typing')).toBe(false);
    unsubscribe();
    client.close();
  });

  it('forgets idle conversations from memory and restores them from the store on the next message', async () => {
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '2000' } });
    const url = await listen(app); // a real socket, so the server sees the child leave at once
    const client = await connect(url);
    client.send({ type: 'event', name: 'ping' });
    const session = (await client.event('session')).value as SessionValue;
    await client.bot('greeting');
    client.say('e1', 'one');
    await client.bot('reply');
    client.close();
    await client.closed;
    await waitUntil(() => app.conversations.childPresence(session.conversationId) === 'offline');
    expect(app.conversations.evictIdle(0)).toBeGreaterThanOrEqual(1);
    const back = await connect(url);
    back.send({ type: 'event', name: 'session.resume', value: { token: session.token, lastSeq: 3 } });
    await back.event('session');
    back.say('e2', 'two');
    expect((await back.bot('reply')).text).toBe('I hear you. That is message 2.');
    back.close();
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
