import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ErrorValue, SessionValue } from '../../../server/protocol/index.js';
import type { HandoffRequest, HandoffService } from '../../../server/handoff/types.js';
import type { ConversationRepository, Store } from '../../../server/store/types.js';
import { buildTestApp, testStore, type TestAppOptions } from '../../helpers/app.js';
import { inject, type ChatClient } from '../../helpers/ws-client.js';
import { scriptedDialog } from '../fixtures/scripted-dialog.js';

let store: Store;
let app: FastifyInstance | undefined;
const tokenKey = randomBytes(32);

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

async function start(options: Omit<TestAppOptions, 'store'> = {}): Promise<FastifyInstance> {
  app = await buildTestApp({ store, tokenKey, ...options });
  return app;
}

async function chat(app: FastifyInstance): Promise<{ client: ChatClient; session: SessionValue }> {
  const client = await inject(app);
  const session = (await client.event('session')).value as SessionValue;
  await client.bot('greeting');
  return { client, session };
}

async function resumeChat(app: FastifyInstance, session: SessionValue, lastSeq: number): Promise<ChatClient> {
  const client = await inject(app);
  client.send({ type: 'event', name: 'session.resume', value: { token: session.token, lastSeq } });
  await client.event('session');
  return client;
}

describe('escalation on the wire', () => {
  it('sends handoff.initiate with only urgency and categories, then the honest "nobody on shift" answer', async () => {
    await start();
    const { client } = await chat(app!);
    client.say('h1', 'help me now');
    const initiate = await client.event('handoff.initiate');
    expect(initiate.value).toEqual({ urgency: 'immediate', findings: [{ category: 'immediate_danger' }] });
    expect(JSON.stringify(initiate)).not.toContain('help me now'.slice(5)); // no evidence reaches the device
    expect(JSON.stringify(initiate)).not.toMatch(/rule|confidence|evidence|detector/);
    const escalate = await client.bot('escalate');
    expect(escalate.text).toContain('999');
    const status = await client.event('handoff.status');
    expect(status.value).toEqual({ state: 'failed' });
    const nobody = await client.bot('nobody');
    const seqOf = (a: { channelData?: { seq?: number } }) => a.channelData?.seq ?? 0;
    expect(seqOf(escalate)).toBeLessThan(seqOf(initiate));
    expect(seqOf(initiate)).toBeLessThan(seqOf(status));
    expect(seqOf(status)).toBeLessThan(seqOf(nobody));
    client.close();
  });

  it('hands the full findings to the handoff service and tells the child their place in the queue', async () => {
    const requests: HandoffRequest[] = [];
    const handoff: HandoffService = {
      isCounsellorOnShift: async () => true,
      request: async (input) => {
        requests.push(input);
        return { outcome: 'queued', position: 2, estimatedWaitSeconds: 120 };
      },
      withdraw: async () => undefined,
    };
    await start({ handoff });
    const { client, session } = await chat(app!);
    client.say('h2', 'help me now');
    expect((await client.event('handoff.status')).value).toEqual({ state: 'queued', position: 2, estimatedWaitSeconds: 120 });
    expect((await client.bot('queued')).text).toBe('You are number 2 in the queue.');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      conversationId: session.conversationId,
      urgency: 'immediate',
      reason: 'red_flag',
      summary: { urgency: 'immediate' },
      findings: [{ category: 'immediate_danger', rule: 'lex:immediate_danger.test', evidence: [{ text: 'help me now' }] }],
    });
    client.close();
  });

  it('fails towards help when the handoff service throws', async () => {
    const handoff: HandoffService = {
      isCounsellorOnShift: async () => {
        throw new Error('roster down');
      },
      request: async () => {
        throw new Error('queue down');
      },
      withdraw: async () => undefined,
    };
    await start({ handoff });
    const { client } = await chat(app!);
    client.say('h3', 'talk to a person');
    expect((await client.event('handoff.status')).value).toEqual({ state: 'failed' });
    expect((await client.bot('nobody')).text).toContain('0800 1111');
    client.close();
  });
});

describe('check-in deadlines', () => {
  it('stores the deadline the dialog asks for and sends session.timeout when due, not before', async () => {
    let now = Date.UTC(2026, 10, 22, 3, 0, 0);
    await start({ now: () => now });
    const { client, session } = await chat(app!);
    client.say('q1', 'quiet please');
    await client.ack('q1');
    const record = await store.conversations.get(session.conversationId);
    expect(record?.checkInDueAt?.getTime()).toBe(now + 60_000);
    now += 59_000;
    await app!.conversations.sweepCheckIns();
    await app!.conversations.queue.idle();
    expect(client.frames.some((a) => a.channelData?.key === 'checkin')).toBe(false);
    now += 1000;
    await app!.conversations.sweepCheckIns();
    expect((await client.bot('checkin')).text).toBe('Are you still there?');
    expect((await store.conversations.get(session.conversationId))?.checkInDueAt).toBeNull();
    client.close();
  });

  it('cancels the deadline when the child writes again', async () => {
    const now = Date.UTC(2026, 10, 22, 3, 0, 0);
    await start({ now: () => now });
    const { client, session } = await chat(app!);
    client.say('q2', 'quiet please');
    await client.ack('q2');
    client.say('q3', 'actually i want to say something');
    await client.bot('reply');
    expect((await store.conversations.get(session.conversationId))?.checkInDueAt).toBeNull();
    client.close();
  });

  it('fires a deadline after a restart, from the stored snapshot', async () => {
    let now = Date.UTC(2026, 10, 22, 4, 0, 0);
    await start({ now: () => now });
    const { client, session } = await chat(app!);
    client.say('q4', 'quiet please');
    await client.ack('q4');
    client.close();
    await app!.close();
    // A new process: nothing in memory, the deadline only in the store.
    now += 61_000;
    await start({ now: () => now });
    await app!.conversations.sweepCheckIns();
    await app!.conversations.queue.idle();
    const back = await resumeChat(app!, session, 2);
    expect((await back.bot('checkin')).channelData?.seq).toBe(3);
    back.close();
  });
});

describe('restore after a restart', () => {
  it('continues in the same dialog state when the versions still fit', async () => {
    await start();
    const { client, session } = await chat(app!);
    client.say('s1', 'one');
    await client.bot('reply');
    client.close();
    await app!.close();
    await start();
    const back = await resumeChat(app!, session, 3);
    back.say('s2', 'two');
    expect((await back.bot('reply')).text).toBe('I hear you. That is message 2.');
    back.close();
  });

  it('starts fresh and safe, telling the child how to get help, when the machine version changed', async () => {
    await start();
    const { client, session } = await chat(app!);
    client.say('v1', 'one');
    await client.bot('reply');
    client.close();
    await app!.close();
    await start({ dialog: scriptedDialog('scripted-2') });
    const back = await resumeChat(app!, session, 3);
    back.say('v2', 'two');
    const recovered = await back.bot('recovered');
    expect(recovered.text).toContain('0800 1111');
    await back.bot('greeting', back.frames.indexOf(recovered));
    expect((await back.ack('v2')).text).toBe('two');
    expect((await back.bot('reply', back.frames.indexOf(recovered))).text).toBe('I hear you. That is message 1.');
    back.close();
  });

  it('starts fresh when a stored snapshot is damaged, and never crashes', async () => {
    await start();
    const { client, session } = await chat(app!);
    client.close();
    await app!.close();
    await store.conversations.append(session.conversationId, [], {
      snapshot: { snapshot: { status: 'active', value: 'no-such-state', context: null }, machineVersion: 'scripted-1', contentVersion: 'content-test-1' },
    });
    await start();
    const back = await resumeChat(app!, session, 1);
    back.say('d1', 'are you there');
    await back.bot('recovered');
    expect((await back.ack('d1')).text).toBe('are you there');
    back.close();
  });
});

describe('faults', () => {
  it('keeps the child message and starts fresh when the dialog throws; the socket stays open', async () => {
    await start();
    const { client, session } = await chat(app!);
    client.say('b1', 'break');
    const ack = await client.ack('b1');
    const recovered = await client.bot('recovered');
    expect(client.frames.indexOf(ack)).toBeLessThan(client.frames.indexOf(recovered));
    client.say('b2', 'still here');
    expect((await client.bot('reply', client.frames.indexOf(recovered))).text).toBe('I hear you. That is message 1.');
    const stored = await store.conversations.after(session.conversationId, 0);
    expect(stored.filter((s) => s.activity.text === 'break')).toHaveLength(1);
    expect(client.closeCode).toBeNull();
    client.close();
  });

  it('says a message failed when the commit fails, and processes it once when re-sent', async () => {
    let failNext = false;
    const conversations: ConversationRepository = new Proxy(store.conversations, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property === 'append') {
          return (...args: Parameters<ConversationRepository['append']>) => {
            if (failNext) {
              failNext = false;
              return Promise.reject(new Error('disk full'));
            }
            return target.append(...args);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const flaky: Store = { ...store, conversations, close: () => store.close(), migrate: () => store.migrate() };
    app = await buildTestApp({ store: flaky, tokenKey });
    const { client } = await chat(app);
    failNext = true;
    client.say('f1', 'first try');
    const error = (await client.event('error')).value as ErrorValue;
    expect(error).toMatchObject({ code: 'HARBOUR_ERR_INTERNAL', replyToId: 'f1' });
    expect(client.frames.some((a) => a.id === 'f1')).toBe(false);
    client.say('f1', 'first try');
    await client.ack('f1');
    expect((await client.bot('reply')).text).toBe('I hear you. That is message 1.');
    client.close();
  });
});
