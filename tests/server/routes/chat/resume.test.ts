import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ErrorValue, SessionValue } from '../../../../server/protocol/index.js';
import type { HandoffService } from '../../../../server/handoff/types.js';
import type { Store } from '../../../../server/store/types.js';
import { randomBytes } from 'node:crypto';
import { buildTestApp, listen, testStore } from '../../../helpers/app.js';
import { connect, type ChatClient } from '../../../helpers/ws-client.js';

let store: Store;
let app: FastifyInstance | undefined;
let url = '';

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

async function session(client: ChatClient, from = 0): Promise<SessionValue> {
  return (await client.event('session', from)).value as SessionValue;
}

function resume(client: ChatClient, token: string, lastSeq: number): void {
  client.send({ type: 'event', name: 'session.resume', value: { token, lastSeq } });
}

/** A new chat: any first frame other than session.resume starts one without waiting. */
async function fresh(): Promise<ChatClient> {
  const client = await connect(url);
  client.send({ type: 'event', name: 'ping', value: 'start' });
  return client;
}

/** Opens a socket whose first frame is `session.resume`, as the widget does on open. */
async function resumed(_app: FastifyInstance, token: string, lastSeq: number): Promise<ChatClient> {
  const client = await connect(url);
  resume(client, token, lastSeq);
  return client;
}

describe('resume: subscribe, replay after lastSeq, then live, nothing lost or doubled', () => {
  it('replays exactly what the client has not shown, with resumed: true and the same conversation', async () => {
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '5000' } });
    url = await listen(app);
    const first = await fresh();
    const started = await session(first);
    await first.bot('greeting');
    first.say('m1', 'first');
    await first.bot('reply');
    first.say('m2', 'second');
    await first.bot('reply', first.frames.findIndex((a) => a.id === 'm2'));
    first.close();
    await first.closed;

    // The client had shown up to seq 3 (greeting, m1, reply 1) when the signal dropped.
    const second = await resumed(app, started.token, 3);
    const value = await session(second);
    expect(value).toMatchObject({ conversationId: started.conversationId, resumed: true, lastSeq: 5, token: started.token });
    await second.next((a) => a.channelData?.seq === 5);
    expect(second.seqs()).toEqual([4, 5]);
    expect(second.frames.find((a) => a.channelData?.seq === 4)).toMatchObject({ id: 'm2', text: 'second' });
    // Then live.
    second.say('m3', 'third');
    const reply = await second.bot('reply', 3);
    expect(reply.text).toBe('I hear you. That is message 3.');
    expect(second.seqs()).toEqual([4, 5, 6, 7]);
    second.close();
  });

  it('never loses or doubles an activity committed while the socket is replaying', async () => {
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '5000' } });
    url = await listen(app);
    const first = await fresh();
    const started = await session(first);
    await first.bot('greeting');
    first.close();
    await first.closed;
    let lastShown = 1;
    for (let round = 0; round < 8; round += 1) {
      const client = await connect(url);
      // A counsellor writes while the child's socket is resuming: some land before, some during, some after the replay.
      const writes = [0, 1, 2].map((n) =>
        app!.conversations.counsellorMessage(started.conversationId, {
          counsellorId: 'c1',
          counsellorName: 'Sam',
          text: `round ${round} note ${n}`,
          clientActivityId: `r${round}-${n}`,
        }),
      );
      resume(client, started.token, lastShown);
      const stored = await Promise.all(writes);
      const top = Math.max(...stored.map((s) => s.seq));
      await client.next((a) => a.channelData?.seq === top);
      const expected = Array.from({ length: top - lastShown }, (_, i) => lastShown + 1 + i);
      expect(client.seqs()).toEqual(expected);
      lastShown = top;
      client.close();
      await client.closed;
    }
  });

  it('closes the older socket with 4001 when a newer one resumes the conversation', async () => {
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '5000' } });
    url = await listen(app);
    const older = await fresh();
    const started = await session(older);
    await older.bot('greeting');
    const newer = await resumed(app, started.token, 1);
    await session(newer);
    expect(await older.closed).toBe(4001);
    newer.say('n1', 'from the new tab');
    await newer.bot('reply');
    expect(older.frames.some((a) => a.id === 'n1')).toBe(false);
    newer.close();
  });

  it('starts a new conversation after an error when the token is unknown', async () => {
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '5000' } });
    url = await listen(app);
    const client = await resumed(app, 'A'.repeat(43), 9);
    const error = (await client.event('error')).value as ErrorValue;
    expect(error.code).toBe('HARBOUR_ERR_SESSION_UNKNOWN');
    const value = await session(client);
    expect(value.resumed).toBe(false);
    await client.bot('greeting');
    client.close();
  });

  it('switches to the old conversation when the resume arrives after the wait, before any message', async () => {
    // A restart keeps the token key (DATA_DIR/secrets.json), so tokens issued before it still resolve.
    const tokenKey = randomBytes(32);
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '5000' }, tokenKey });
    url = await listen(app);
    const first = await fresh();
    const old = await session(first);
    await first.bot('greeting');
    first.close();
    await first.closed;
    await app.close();
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '0' }, tokenKey });
    url = await listen(app);
    const late = await fresh();
    const provisional = await session(late);
    await late.bot('greeting');
    expect(provisional.conversationId).not.toBe(old.conversationId);
    const from = late.frames.length;
    resume(late, old.token, 1);
    const switched = await session(late, from);
    expect(switched).toMatchObject({ conversationId: old.conversationId, resumed: true });
    // Replayed from the start: the client saw another conversation in between.
    const replayed = await late.next((a) => a.channelData?.seq === 1, from);
    expect(replayed.channelData?.key).toBe('greeting');
    // The untouched provisional conversation is closed, not left waiting for a counsellor.
    expect((await store.conversations.get(provisional.conversationId))?.endedAt).not.toBeNull();
    late.say('after', 'hello again');
    await late.ack('after', from);
    // After a message, a resume is refused.
    const before = late.frames.length;
    resume(late, old.token, 0);
    expect(((await late.event('error', before)).value as ErrorValue).code).toBe('HARBOUR_ERR_SESSION_RESUME_LATE');
    late.close();
  });

  it('revokes the token after TOKEN_OFFLINE_TTL offline, and not before', async () => {
    let now = Date.UTC(2026, 10, 22, 2, 0, 0);
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '5000', TOKEN_OFFLINE_TTL: '30m' }, now: () => now });
    url = await listen(app);
    const first = await fresh();
    const started = await session(first);
    await first.bot('greeting');
    first.close();
    await first.closed;
    await waitFor(async () => app!.conversations.childPresence(started.conversationId) === 'offline');
    now += 29 * 60_000;
    const back = await resumed(app, started.token, 1);
    expect((await session(back)).resumed).toBe(true);
    back.close();
    await back.closed;
    await waitFor(async () => app!.conversations.childPresence(started.conversationId) === 'offline');
    // The offline clock restarted when the child left again; 31 minutes later it is gone.
    now += 31 * 60_000;
    const late = await resumed(app, started.token, 1);
    expect(((await late.event('error')).value as ErrorValue).code).toBe('HARBOUR_ERR_SESSION_UNKNOWN');
    expect((await session(late)).conversationId).not.toBe(started.conversationId);
    late.close();
  });
});

describe('leaving', () => {
  it('quick exit revokes the token, withdraws from the queue, ends the conversation and closes 4002', async () => {
    const withdrawn: string[] = [];
    const handoff: HandoffService = {
      isCounsellorOnShift: async () => true,
      request: async () => ({ outcome: 'queued', position: 1 }),
      withdraw: async (conversationId, reason) => void withdrawn.push(`${conversationId}:${reason}`),
    };
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '5000' }, handoff });
    url = await listen(app);
    const client = await fresh();
    const started = await session(client);
    await client.bot('greeting');
    client.say('q1', 'talk to a person');
    await client.event('handoff.status');
    const from = client.frames.length;
    client.send({ type: 'event', name: 'session.quickExit' });
    expect(await client.closed).toBe(4002);
    expect(client.frames.length).toBe(from); // nothing more is said after quick exit
    expect(withdrawn).toEqual([`${started.conversationId}:quick_exit`]);
    const record = await store.conversations.get(started.conversationId);
    expect(record?.endReason).toBe('quick_exit');
    expect(await app.conversations.resume(started.token)).toBeNull();
    expect(app.conversations.childPresence(started.conversationId)).toBe('left_quickly');
  });

  it('honours quick exit even when the page closes the socket in the same instant', async () => {
    let release: () => void = () => undefined;
    const handoff: HandoffService = {
      isCounsellorOnShift: async () => true,
      request: () => new Promise((resolve) => (release = () => resolve({ outcome: 'queued', position: 1 }))),
      withdraw: async () => undefined,
    };
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '5000' }, handoff });
    url = await listen(app);
    const client = await fresh();
    const started = await session(client);
    await client.bot('greeting');
    client.say('busy', 'talk to a person'); // a turn in flight: the quick exit frame waits behind it
    await client.ack('busy');
    client.send({ type: 'event', name: 'session.quickExit' });
    client.ws.terminate(); // location.replace: the page and its socket are gone at once
    await waitFor(async () => app!.chatSockets.size === 0);
    release();
    await waitFor(async () => (await store.conversations.get(started.conversationId))?.endReason === 'quick_exit');
    expect(await app.conversations.resume(started.token)).toBeNull();
  });

  it('commits a message that arrived just before the signal dropped', async () => {
    let release: () => void = () => undefined;
    const handoff: HandoffService = {
      isCounsellorOnShift: async () => true,
      request: () => new Promise((resolve) => (release = () => resolve({ outcome: 'queued', position: 1 }))),
      withdraw: async () => undefined,
    };
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '5000' }, handoff });
    url = await listen(app);
    const client = await fresh();
    const started = await session(client);
    await client.bot('greeting');
    client.say('busy', 'talk to a person');
    await client.ack('busy');
    client.say('last', 'are you still there');
    client.ws.terminate();
    await waitFor(async () => app!.chatSockets.size === 0);
    release();
    await waitFor(async () => (await store.conversations.after(started.conversationId, 0)).some((s) => s.clientActivityId === 'last'));
    // Back online: the message is replayed with its seq, so the widget marks it sent.
    const back = await resumed(app, started.token, 0);
    const ack = await back.ack('last');
    expect(ack.text).toBe('are you still there');
    back.close();
  });

  it('session.end ends the chat and closes 4002; the bot saying goodbye does too', async () => {
    app = await buildTestApp({ store, env: { RESUME_WAIT_MS: '5000' } });
    url = await listen(app);
    const a = await fresh();
    const first = await session(a);
    await a.bot('greeting');
    a.send({ type: 'event', name: 'session.end' });
    expect(await a.closed).toBe(4002);
    expect((await store.conversations.get(first.conversationId))?.endReason).toBe('ended');

    const b = await fresh();
    const second = await session(b);
    await b.bot('greeting');
    b.say('g1', 'bye');
    const ended = await b.event('conversation.ended');
    expect(ended.value).toEqual({ reason: 'goodbye' });
    expect(b.frames.indexOf(await b.bot('goodbye'))).toBeLessThan(b.frames.indexOf(ended));
    expect(await b.closed).toBe(4002);
    expect(await app.conversations.resume(second.token)).toBeNull();
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
