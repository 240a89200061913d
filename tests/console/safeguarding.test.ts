import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoffStatusValue, WireActivity } from '../../server/protocol/index.js';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { inject, type ChatClient } from '../helpers/ws-client.js';
import { addAccount, buildConsoleApp, call, openConsole, signIn, type ConsoleClient, type ConsoleTestApp, type Signed } from './helpers/console-app.js';

let store: Store;
let t: ConsoleTestApp;
let sam: Signed;
let lee: Signed;
let ruth: Signed;
let samConsole: ConsoleClient;
let leeConsole: ConsoleClient;
let ruthConsole: ConsoleClient;
let child: ChatClient;
let conversationId: string;
/** Exact words, including things that look like markup and characters outside the BMP. */
const EXACT = 'he said  "send pics or else" <b>now</b> 😢 ';

const isStatus = (state: string) => (a: WireActivity) =>
  a.type === 'event' && a.name === 'handoff.status' && (a.value as HandoffStatusValue).state === state;

beforeAll(async () => {
  store = await testStore();
  t = await buildConsoleApp(store);
  sam = await signIn(t.app, await addAccount(store, 'counsellor', 'Sam'));
  lee = await signIn(t.app, await addAccount(store, 'counsellor', 'Lee'));
  ruth = await signIn(t.app, await addAccount(store, 'supervisor', 'Ruth'));
  [samConsole, leeConsole, ruthConsole] = await Promise.all([openConsole(t.app, sam), openConsole(t.app, lee), openConsole(t.app, ruth)]);
  for (const who of [sam, lee]) await call(t.app, who, 'PUT', '/console/api/availability', { available: true });
  child = await inject(t.app);
  conversationId = ((await child.event('session')).value as { conversationId: string }).conversationId;
  child.say('s1', EXACT);
  await child.ack('s1');
  child.say('s2', 'help me now');
  await child.next(isStatus('queued'));
  await call(t.app, sam, 'POST', `/console/api/chats/${conversationId}/accept`);
  await child.next(isStatus('accepted'));
});

afterAll(async () => {
  for (const c of [samConsole, leeConsole, ruthConsole]) c.ws.terminate();
  child.close();
  await t.app.close();
  await store.close();
});

const chat = (rest = '') => `/console/api/chats/${conversationId}${rest}`;

describe('safeguarding actions, each in the audit log', () => {
  it('keeps private notes the child never sees', async () => {
    const before = child.frames.length;
    expect((await call(t.app, sam, 'POST', chat('/notes'), { text: 'Sounds like sextortion; check for images.' })).statusCode).toBe(200);
    const view = (await call(t.app, sam, 'GET', chat())).json<{ notes: { text: string }[] }>();
    expect(view.notes.map((n) => n.text)).toEqual(['Sounds like sextortion; check for images.']);
    expect(JSON.stringify(child.frames.slice(before))).not.toContain('sextortion');
    expect((await call(t.app, sam, 'POST', chat('/notes'), { text: '' })).statusCode).toBe(400);
    expect((await call(t.app, sam, 'POST', chat('/notes'), { text: 'x'.repeat(8001) })).statusCode).toBe(400);
  });

  it('places a hold that stops deletion, and releases it', async () => {
    const placed = await call(t.app, sam, 'POST', chat('/hold'), { reason: 'Referred to police' });
    expect(placed.statusCode).toBe(200);
    const holdId = placed.json<{ id: number }>().id;
    expect(await store.retention.deleteConversation(conversationId)).toEqual({ deleted: false, held: true });
    const view = (await call(t.app, sam, 'GET', chat())).json<{ holds: { id: number; reason: string }[] }>();
    expect(view.holds).toEqual([expect.objectContaining({ id: holdId, reason: 'Referred to police' })]);
    expect((await call(t.app, sam, 'DELETE', chat(`/hold/${holdId}`))).statusCode).toBe(200);
    expect((await call(t.app, sam, 'DELETE', chat(`/hold/${holdId}`))).statusCode).toBe(404);
    expect(await store.retention.activeHolds(conversationId)).toEqual([]);
    // Held again for the rest of this file, so nothing below can delete it.
    await call(t.app, sam, 'POST', chat('/hold'), { reason: 'Kept for the tests' });
  });

  it('records a referral: to whom and why', async () => {
    expect((await call(t.app, sam, 'POST', chat('/referrals'), { toWhom: 'Local police', why: 'Threats to share images' })).statusCode).toBe(200);
    expect((await call(t.app, sam, 'POST', chat('/referrals'), { toWhom: 'Local police' })).statusCode).toBe(400);
    const view = (await call(t.app, sam, 'GET', chat())).json<{ referrals: { toWhom: string; why: string }[] }>();
    expect(view.referrals).toEqual([expect.objectContaining({ toWhom: 'Local police', why: 'Threats to share images' })]);
  });

  it('exports a transcript only with a reason, keeping the exact words', async () => {
    expect((await call(t.app, sam, 'POST', chat('/export'), {})).statusCode).toBe(400);
    expect((await call(t.app, sam, 'POST', chat('/export'), { reason: 'short' })).statusCode).toBe(400);
    const res = await call(t.app, sam, 'POST', chat('/export'), { reason: 'Referral to the local police' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ text: string; lines: { sender: string; text: string }[]; reason: string }>();
    expect(body.lines.filter((l) => l.sender === 'child').map((l) => l.text)).toEqual([EXACT, 'help me now']);
    expect(body.text).toContain(EXACT);
    expect(body.text).toContain('Reason: Referral to the local police');
  });

  it('takes detector feedback: a false alarm on a finding, a missed message; supervisors get the list', async () => {
    const view = (await call(t.app, sam, 'GET', chat())).json<{ lines: { seq: number; sender: string; text: string }[]; findings: { rule: string; evidence: { seq: number }[] }[] }>();
    const missedSeq = view.lines.find((l) => l.text === EXACT)!.seq;
    const flaggedSeq = view.findings[0]!.evidence[0]!.seq;
    expect((await call(t.app, sam, 'POST', chat('/feedback'), { kind: 'missed', seq: missedSeq, comment: 'blackmail' })).statusCode).toBe(200);
    expect((await call(t.app, sam, 'POST', chat('/feedback'), { kind: 'false_alarm', seq: flaggedSeq, rule: view.findings[0]!.rule })).statusCode).toBe(200);
    expect((await call(t.app, sam, 'POST', chat('/feedback'), { kind: 'false_alarm', seq: flaggedSeq, rule: 'lex:nothing' })).statusCode).toBe(404);
    const botSeq = view.lines.find((l) => l.sender === 'bot')!.seq;
    expect((await call(t.app, sam, 'POST', chat('/feedback'), { kind: 'missed', seq: botSeq })).statusCode).toBe(404);
    expect((await call(t.app, sam, 'GET', '/console/api/feedback')).statusCode).toBe(403);
    const list = (await call(t.app, ruth, 'GET', '/console/api/feedback')).json<{ feedback: Record<string, unknown>[] }>().feedback;
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'missed', seq: missedSeq, messageText: EXACT, comment: 'blackmail' }),
        expect.objectContaining({ kind: 'false_alarm', seq: flaggedSeq, rule: 'lex:immediate_danger.test', category: 'immediate_danger', detectorVersion: 'test', messageText: 'help me now' }),
      ]),
    );
  });

  it('lets a supervisor see every live chat and the queue, and join one', async () => {
    expect((await call(t.app, sam, 'POST', chat('/join'))).statusCode).toBe(403);
    const queue = (await call(t.app, ruth, 'GET', '/console/api/queue')).json<{ live: { conversationId: string; counsellorName: string }[] }>();
    expect(queue.live).toEqual([expect.objectContaining({ conversationId, counsellorName: 'Sam' })]);
    expect((await call(t.app, ruth, 'POST', chat('/join'))).statusCode).toBe(200);
    ruthConsole.send({ type: 'watch', conversationId });
    await ruthConsole.type('presence', 0, (f) => f['conversationId'] === conversationId);
    child.say('s3', 'are you still there');
    await ruthConsole.type('line', 0, (f) => (f['line'] as { text: string }).text === 'are you still there');
  });

  it('transfers to an available colleague: the child is told who is with them now', async () => {
    const leeId = lee.accountId;
    const from = child.frames.length;
    expect((await call(t.app, lee, 'POST', chat('/transfer'), { toAccountId: leeId })).statusCode).toBe(403);
    expect((await call(t.app, sam, 'POST', chat('/transfer'), { toAccountId: 'nobody' })).statusCode).toBe(409);
    expect((await call(t.app, sam, 'POST', chat('/transfer'), { toAccountId: leeId })).statusCode).toBe(200);
    const status = (await child.next(isStatus('accepted'), from)).value as HandoffStatusValue;
    expect(status.counsellorName).toBe('Lee');
    await samConsole.type('chat.transferred', 0, (f) => f['conversationId'] === conversationId);
    await leeConsole.type('chat.assigned', 0, (f) => f['conversationId'] === conversationId);
    expect((await call(t.app, sam, 'POST', chat('/messages'), { text: 'still me?', clientId: 'z' })).statusCode).toBe(403);
    expect((await call(t.app, lee, 'POST', chat('/messages'), { text: 'Hi, I am Lee.', clientId: 'z' })).statusCode).toBe(200);
  });

  it('writes every view, accept, note, hold, referral, export, transfer, join and end to the audit log, never the words', async () => {
    expect((await call(t.app, lee, 'POST', chat('/end'))).statusCode).toBe(200);
    const entries = (await call(t.app, ruth, 'GET', `/console/api/audit?conversationId=${conversationId}`)).json<{
      entries: { action: string; actorId: string; at: string }[];
    }>().entries;
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['view', 'accept', 'note', 'hold_place', 'hold_release', 'referral', 'export', 'feedback', 'join', 'transfer', 'end']) {
      expect([a, actions.has(a)]).toEqual([a, true]);
    }
    for (const e of entries) expect(e.actorId).toMatch(/.+/);
    const text = JSON.stringify(entries);
    for (const words of [EXACT.trim(), 'help me now', 'sextortion', 'Hi, I am Lee', 'are you still there']) expect(text).not.toContain(words);
  });
});
