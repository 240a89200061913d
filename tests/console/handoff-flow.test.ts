import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaitEstimator } from '../../server/handoff/estimate.js';
import type { HandoffStatusValue, WireActivity } from '../../server/protocol/index.js';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { inject, type ChatClient } from '../helpers/ws-client.js';
import { addAccount, buildConsoleApp, call, openConsole, signIn, type ConsoleTestApp } from './helpers/console-app.js';

let store: Store;
let t: ConsoleTestApp;

beforeAll(async () => {
  store = await testStore();
  t = await buildConsoleApp(store);
});
afterAll(async () => {
  await t.app.close();
  await store.close();
});

const status = (a: WireActivity): HandoffStatusValue => a.value as HandoffStatusValue;
const isStatus = (state: string) => (a: WireActivity) => a.type === 'event' && a.name === 'handoff.status' && status(a).state === state;

async function childWith(text: string): Promise<{ child: ChatClient; conversationId: string }> {
  const child = await inject(t.app);
  const session = await child.event('session');
  child.say(`m-${Math.random()}`, text);
  return { child, conversationId: (session.value as { conversationId: string }).conversationId };
}

describe('handoff to a counsellor, end to end over real sockets', () => {
  it('alerts, accepts, chats both ways, returns the chat to the top when the console closes, and ends kindly', async () => {
    const sam = await signIn(t.app, await addAccount(store, 'counsellor', 'Sam'));
    const samConsole = await openConsole(t.app, sam);
    await samConsole.type('hello');
    await call(t.app, sam, 'PUT', '/console/api/availability', { available: true });

    // A normal request first, so the immediate one has someone to jump ahead of.
    const waiting = await childWith('talk to a person');
    await waiting.child.next(isStatus('queued'));

    const { child, conversationId } = await childWith('help me now');
    const alert = await samConsole.type('alert');
    expect(alert).toMatchObject({ conversationId, urgency: 'immediate' });
    const queued = await child.next(isStatus('queued'));
    expect(status(queued).position).toBe(1);
    const queue = await call(t.app, sam, 'GET', '/console/api/queue');
    expect(queue.json<{ items: { conversationId: string; urgency: string }[] }>().items.map((i) => i.urgency)).toEqual(['immediate', 'normal']);

    // Accept: the child hears a first name, the role and confidentiality.
    expect((await call(t.app, sam, 'POST', `/console/api/chats/${conversationId}/accept`)).json()).toEqual({ ok: true });
    const accepted = status(await child.next(isStatus('accepted')));
    expect(accepted.counsellorName).toBe('Sam');
    expect(accepted.message).toMatch(/Sam, a counsellor/);
    expect(accepted.message).toMatch(/private/);
    // The child who was second is now first, and is told so.
    expect(status(await waiting.child.next((a) => isStatus('queued')(a) && status(a).position === 1)).position).toBe(1);

    // Two-way chat with typing both ways.
    await call(t.app, sam, 'POST', `/console/api/chats/${conversationId}/messages`, { text: 'Hi, I am here.', clientId: 'c1' });
    const fromSam = await child.next((a) => a.type === 'message' && a.channelData?.sender === 'counsellor');
    expect(fromSam).toMatchObject({ text: 'Hi, I am here.', from: { name: 'Sam' } });
    samConsole.send({ type: 'typing', conversationId });
    await child.next((a) => a.type === 'typing' && a.channelData?.sender === 'counsellor');
    child.send({ type: 'typing' });
    await samConsole.type('typing', 0, (f) => f['conversationId'] === conversationId && f['from'] === 'child');
    child.say('m2', 'someone is outside');
    const line = await samConsole.type('line', 0, (f) => (f['line'] as { text: string }).text === 'someone is outside');
    expect(line['line']).toMatchObject({ sender: 'child', text: 'someone is outside' });

    // The counsellor's tab closes: back to the top of the queue, the child is told.
    const from = child.frames.length;
    samConsole.ws.terminate();
    const failed = status(await child.next(isStatus('failed'), from));
    expect(failed.message).toMatch(/cut off/);
    expect(status(await child.next(isStatus('queued'), from)).position).toBe(1);

    const lee = await signIn(t.app, await addAccount(store, 'counsellor', 'Lee'));
    const leeConsole = await openConsole(t.app, lee);
    await call(t.app, lee, 'PUT', '/console/api/availability', { available: true });
    const items = (await call(t.app, lee, 'GET', '/console/api/queue')).json<{ items: { conversationId: string; returned: boolean }[] }>().items;
    expect(items[0]).toMatchObject({ conversationId, returned: true });

    expect((await call(t.app, lee, 'POST', `/console/api/chats/${conversationId}/accept`)).statusCode).toBe(200);
    expect(status(await child.next(isStatus('accepted'), from)).counsellorName).toBe('Lee');
    // The transcript keeps the exact words and highlights the evidence.
    const view = (await call(t.app, lee, 'GET', `/console/api/chats/${conversationId}`)).json<{
      lines: { text: string; sender: string; highlights: { start: number; end: number; category: string }[] }[];
      findings: { category: string; evidence: { seq: number }[] }[];
      presence: string;
    }>();
    const flagged = view.lines.find((l) => l.highlights.length > 0);
    expect(flagged).toMatchObject({ text: 'help me now', highlights: [{ start: 0, end: 11, category: 'immediate_danger' }] });
    expect(view.presence).toBe('online');

    const before = child.frames.length;
    expect((await call(t.app, lee, 'POST', `/console/api/chats/${conversationId}/end`)).statusCode).toBe(200);
    expect(status(await child.next(isStatus('completed'), before)).message).toMatch(/ended the chat/);
    await leeConsole.type('chat.ended', 0, (f) => f['conversationId'] === conversationId);

    // The audit log has every step, and never the child's words.
    const ruth = await signIn(t.app, await addAccount(store, 'supervisor', 'Ruth'));
    const audit = (await call(t.app, ruth, 'GET', `/console/api/audit?conversationId=${conversationId}`)).json<{ entries: { action: string }[] }>();
    expect(audit.entries.map((e) => e.action).reverse()).toEqual(['accept', 'returned', 'accept', 'view', 'end']);
    expect(JSON.stringify(audit)).not.toMatch(/help me now|someone is outside/);
    leeConsole.ws.terminate();
    child.close();
    waiting.child.close();
  });

  it('tells the child honestly when nobody is available, in the same turn', async () => {
    // Nobody has switched to available in this app's fresh roster for this test.
    for (const m of t.handoff.roster.all()) m.available = false;
    const { child } = await childWith('help me now');
    const statusFrame = await child.event('handoff.status');
    const idx = child.frames.indexOf(statusFrame);
    const reply = await child.bot('nobody', idx);
    // Same turn: the status and the "nobody on shift" words arrive together, one seq after the other.
    expect(reply.channelData?.seq).toBe((statusFrame.channelData?.seq ?? 0) + 1);
    child.close();
  });

  it('returns chats to the queue when a counsellor signs out or their session goes idle', async () => {
    const sam = await signIn(t.app, await addAccount(store, 'counsellor', 'Sam'));
    const samConsole = await openConsole(t.app, sam);
    await call(t.app, sam, 'PUT', '/console/api/availability', { available: true });
    const { child, conversationId } = await childWith('help me now');
    await samConsole.type('alert', 0, (f) => f['conversationId'] === conversationId);
    await call(t.app, sam, 'POST', `/console/api/chats/${conversationId}/accept`);
    await child.next(isStatus('accepted'));
    const from = child.frames.length;
    // Sign-out closes the console's sockets and hands the chat back.
    expect((await call(t.app, sam, 'DELETE', '/console/api/session')).statusCode).toBe(200);
    expect(await samConsole.closed).toBe(4401);
    await child.next(isStatus('failed'), from);
    expect((await call(t.app, sam, 'GET', '/console/api/me')).statusCode).toBe(401);

    // Idle: 15 minutes with no traffic ends the session on the next sweep, and the socket with it.
    const lee = await signIn(t.app, await addAccount(store, 'counsellor', 'Lee'));
    const leeConsole = await openConsole(t.app, lee);
    await call(t.app, lee, 'PUT', '/console/api/availability', { available: true });
    await call(t.app, lee, 'POST', `/console/api/chats/${conversationId}/accept`);
    const from2 = child.frames.length;
    t.clock.advance(14 * 60 * 1000);
    leeConsole.send({ type: 'active' }); // console socket traffic counts as activity
    leeConsole.send({ type: 'ping' }); // frames are handled in order: the pong means 'active' was read
    await leeConsole.type('pong');
    t.clock.advance(14 * 60 * 1000);
    await t.app.consoleSockets.sweep();
    expect(leeConsole.closeCode).toBeNull();
    // Automatic pings keep the socket open but are not the counsellor doing anything.
    const pongs = leeConsole.frames.length;
    leeConsole.send({ type: 'ping' });
    await leeConsole.type('pong', pongs);
    t.clock.advance(2 * 60 * 1000);
    await t.app.consoleSockets.sweep();
    expect(await leeConsole.closed).toBe(4401);
    await child.next(isStatus('failed'), from2);
    expect((await call(t.app, lee, 'GET', '/console/api/queue')).statusCode).toBe(401);
    child.close();
  });

  it('turns the chat away (still queued) when the estimated wait is above the limit', async () => {
    const estimator = new WaitEstimator({ minSamples: 3 });
    const now = t.clock.now();
    for (const wait of [600_000, 700_000, 800_000]) estimator.record(wait, now);
    // A second app on the same store, with an estimator that has seen long waits.
    const s2 = store;
    const t2 = await buildConsoleApp(s2, { clock: t.clock, estimator, maxWaitSeconds: 300, console: { restore: false } });
    try {
      const sam = await signIn(t2.app, await addAccount(s2, 'counsellor'));
      const c = await openConsole(t2.app, sam);
      await call(t2.app, sam, 'PUT', '/console/api/availability', { available: true });
      const child = await inject(t2.app);
      await child.event('session');
      child.say('x1', 'talk to a person');
      // 700 s expected > 300 s allowed: the child is told nobody can come soon, and may still wait.
      const st = status(await child.event('handoff.status'));
      expect(st).toEqual({ state: 'queued', position: 1 });
      await child.bot('nobody');
      c.ws.terminate();
      child.close();
    } finally {
      await t2.app.close();
    }
  });

  it('shows the counsellor when the child goes offline, and when a child leaves quickly', async () => {
    const sam = await signIn(t.app, await addAccount(store, 'counsellor', 'Sam'));
    const samConsole = await openConsole(t.app, sam);
    await call(t.app, sam, 'PUT', '/console/api/availability', { available: true });
    const a = await childWith('help me now');
    await a.child.next(isStatus('queued'));
    await call(t.app, sam, 'POST', `/console/api/chats/${a.conversationId}/accept`);
    await samConsole.type('presence', 0, (f) => f['conversationId'] === a.conversationId && f['presence'] === 'online');
    a.child.ws.terminate();
    await expect.poll(() => t.app.conversations.childPresence(a.conversationId)).toBe('offline');
    t.app.consoleSockets.pushPresence();
    await samConsole.type('presence', 0, (f) => f['conversationId'] === a.conversationId && f['presence'] === 'offline');

    const b = await childWith('help me now');
    await b.child.next(isStatus('queued'));
    await call(t.app, sam, 'POST', `/console/api/chats/${b.conversationId}/accept`);
    await b.child.next(isStatus('accepted'));
    b.child.send({ type: 'event', name: 'session.quickExit' });
    expect(await samConsole.type('chat.ended', 0, (f) => f['conversationId'] === b.conversationId)).toMatchObject({ why: 'child_left' });
    expect(t.handoff.activeChat(b.conversationId)).toBeUndefined();
    samConsole.ws.terminate();
  });
});
