import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { SessionValue } from '../../../server/protocol/index.js';
import type { Store } from '../../../server/store/types.js';
import { buildTestApp, listen, testStore } from '../../helpers/app.js';
import { connect, type ChatClient } from '../../helpers/ws-client.js';

/**
 * Two Harbour instances on one database (as behind a load balancer): a child whose socket moves
 * from one to the other and back carries on where they were, because the instance that saw them
 * first notices the conversation moved on elsewhere and loads it again instead of using its copy.
 * The scripted dialog counts the child's messages, so a stale copy would show as a wrong count.
 */
let store: Store;
const apps: FastifyInstance[] = [];
const urls: string[] = [];

beforeAll(async () => {
  store = await testStore();
  const tokenKey = randomBytes(32); // instances share their secrets, as they share DATA_DIR or config
  for (let i = 0; i < 2; i += 1) {
    // The widget's first frame is session.resume; each instance waits for it before starting a chat.
    const app = await buildTestApp({ store, tokenKey, env: { RESUME_WAIT_MS: '5000' } });
    apps.push(app);
    urls.push(await listen(app));
  }
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await store.close();
});

async function resumeOn(url: string, token: string, lastSeq: number): Promise<ChatClient> {
  const client = await connect(url);
  client.send({ type: 'event', name: 'session.resume', value: { token, lastSeq } });
  await client.event('session');
  return client;
}

async function say(client: ChatClient, id: string, text: string): Promise<string> {
  const from = client.frames.length;
  client.say(id, text);
  const reply = await client.bot('reply', from);
  return reply.text ?? '';
}

describe('one conversation across two instances', () => {
  it('continues the dialog and the seqs when the socket moves A → B → A', async () => {
    const [urlA = '', urlB = ''] = urls;
    const onA = await connect(urlA);
    onA.send({ type: 'event', name: 'ping', value: 'start' });
    const { token } = (await onA.event('session')).value as SessionValue;
    await onA.bot('greeting');
    expect(await say(onA, 'a1', 'hello')).toBe('I hear you. That is message 1.');
    onA.close();
    await onA.closed;

    const onB = await resumeOn(urlB, token, Math.max(...onA.seqs()));
    const saidOnB = await say(onB, 'b1', 'still here');
    expect(saidOnB).toBe('I hear you. That is message 2.');
    onB.close();
    await onB.closed;

    // Back on A, which still holds its copy of the conversation from before B's turn.
    const lastSeen = Math.max(...onB.seqs());
    const backOnA = await resumeOn(urlA, token, lastSeen);
    expect(await say(backOnA, 'a2', 'and again')).toBe('I hear you. That is message 3.');
    backOnA.close();
    await backOnA.closed;

    // Nothing lost or doubled: one gapless run of seqs in the store, the child's words as typed.
    const conversationId = ((await onA.event('session')).value as SessionValue).conversationId;
    const stored = await store.conversations.after(conversationId, 0);
    expect(stored.map((a) => a.seq)).toEqual(stored.map((_a, i) => i + 1));
    expect(stored.filter((a) => a.activity.from?.role === 'user').map((a) => a.activity.text)).toEqual(['hello', 'still here', 'and again']);
  });
});
