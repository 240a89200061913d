import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE, type SessionValue } from '../../server/protocol/index.js';
import { isDeleteRequest } from '../../server/sessions/deletion.js';
import { deleteExpiredConversations } from '../../server/sessions/retention.js';
import { startRealHarbour, type RealHarbour } from '../helpers/app.js';
import { connect, type ChatClient } from '../helpers/ws-client.js';

/** "delete my chat" and the retention job, through the real dialog, content and PGlite store. */
let harbour: RealHarbour;

beforeAll(async () => {
  harbour = await startRealHarbour();
});
afterAll(async () => {
  await harbour?.close();
});

/** A new chat, past the opening, with one message of the child's committed. */
async function chatWithOneMessage(): Promise<{ client: ChatClient; conversationId: string }> {
  const client = await connect(harbour.url);
  client.send({ type: 'event', name: 'ping', value: 'start' });
  const session = (await client.event('session')).value as SessionValue;
  await client.bot('opening.who');
  client.say('m1', 'a young person');
  await client.ack('m1');
  return { client, conversationId: session.conversationId };
}

describe('"delete my chat"', () => {
  it('recognises the request only when it is the whole message', () => {
    for (const yes of ['delete my chat', 'Delete my chat please', 'pls delete this chat!!', 'can u delete my messages', '  DELETE   MY   CHAT. ']) {
      expect(isDeleteRequest(yes), yes).toBe(true);
    }
    for (const no of ['how do i delete my chat on snap', 'he said delete my chat or else', 'delete', 'i want to delete him', 'delete my chat and then tell my mum']) {
      expect(isDeleteRequest(no), no).toBe(false);
    }
  });

  it('deletes the whole conversation, tells the child, and closes the socket as ended', async () => {
    const { client, conversationId } = await chatWithOneMessage();
    expect((await harbour.store.conversations.after(conversationId, 0)).length).toBeGreaterThan(0);
    const from = client.frames.length;
    client.say('d1', 'delete my chat');
    const deleted = await client.event('conversation.deleted', from);
    expect((deleted.value as { message: string }).message).toBe(harbour.content.render('privacy.deleted').text);
    expect(await client.closed).toBe(CLOSE.ended);
    // Nothing is left: not the conversation, not its messages, not the request itself.
    expect(await harbour.store.conversations.get(conversationId)).toBeNull();
    expect(await harbour.store.conversations.after(conversationId, 0)).toEqual([]);
    expect(client.frames.slice(from).some((a) => a.type === 'message' && a.id === 'd1')).toBe(false);
  });

  it('keeps a chat under a safeguarding hold, says so plainly, and keeps the child talking', async () => {
    const { client, conversationId } = await chatWithOneMessage();
    await harbour.store.retention.placeHold({ conversationId, placedBy: 'test-supervisor', reason: 'safeguarding', now: new Date() });
    const from = client.frames.length;
    client.say('d2', 'delete my chat');
    await client.ack('d2', from);
    const said = await client.bot('privacy.delete-held', from);
    expect(said.text).toBe(harbour.content.render('privacy.delete-held').text);
    expect(client.closeCode).toBeNull();
    const stored = await harbour.store.conversations.after(conversationId, 0);
    expect(stored.some((a) => a.activity.type === 'message' && a.activity.text === 'delete my chat')).toBe(true);
    client.close();
  });
});

describe('the retention job', () => {
  it('deletes conversations idle past RETENTION_DAYS, except held ones, and keeps recent ones', async () => {
    const t0 = new Date('2026-01-01T10:00:00Z');
    const old = await harbour.store.conversations.create({ id: 'retention-old', locale: 'en-GB', now: t0 });
    await harbour.store.conversations.append(old.id, [{ clientActivityId: 'a', activity: { type: 'message', text: 'old words' } }], { now: t0 });
    const held = await harbour.store.conversations.create({ id: 'retention-held', locale: 'en-GB', now: t0 });
    await harbour.store.conversations.append(held.id, [{ clientActivityId: 'a', activity: { type: 'message', text: 'kept words' } }], { now: t0 });
    await harbour.store.retention.placeHold({ conversationId: held.id, placedBy: 'sup', reason: 'referral made', now: t0 });
    const later = new Date(t0.getTime() + 20 * 86_400_000);
    const recent = await harbour.store.conversations.create({ id: 'retention-recent', locale: 'en-GB', now: later });
    await harbour.store.conversations.append(recent.id, [{ clientActivityId: 'a', activity: { type: 'message', text: 'new words' } }], { now: later });

    const now = new Date(t0.getTime() + 31 * 86_400_000);
    const result = await deleteExpiredConversations(harbour.store, now, 30);
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(await harbour.store.conversations.get('retention-old')).toBeNull();
    expect(await harbour.store.conversations.get('retention-held')).not.toBeNull();
    expect(await harbour.store.conversations.get('retention-recent')).not.toBeNull();
  });
});
