import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WS from 'ws';
import XHR from 'xhr2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DirectLine as DirectLineClient } from 'botframework-directlinejs';
import { createHarbourMachine, MACHINE_VERSION } from '../../dialogs/index.js';
import { loadContent } from '../../server/content/load.js';
import type { WireActivity } from '../../server/protocol/index.js';
import type { Store } from '../../server/store/types.js';
import { buildTestApp, testStore } from '../helpers/app.js';
import { ActivityLog } from './activity-log.js';
import { SECRET } from './harness.js';

// Microsoft's client picks WebSocket mode only when a global WebSocket exists, and makes its REST
// calls with XMLHttpRequest: both must be in place BEFORE it is imported (environment.md §4).
const globals = globalThis as { WebSocket?: unknown; XMLHttpRequest?: unknown };
globals.WebSocket ??= WS;
globals.XMLHttpRequest ??= XHR;
const { DirectLine } = await import('botframework-directlinejs');

/**
 * The official botframework-directlinejs client holds a whole conversation with Harbour (the real
 * dialogs and content) over Direct Line 3.0: quick replies, the echo of its own messages, a red-flag
 * handoff, a stream replaced and reconnected by the client itself, and a resume from a watermark,
 * with every committed activity arriving exactly once.
 */

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
let store: Store | undefined;
let app: FastifyInstance | undefined;
let base: string;

beforeAll(async () => {
  const opened = await testStore();
  store = opened;
  const content = await loadContent(join(root, 'content'));
  const built = await buildTestApp({
    store: opened,
    content,
    dialog: { machine: createHarbourMachine(content.dialogDeps), version: MACHINE_VERSION },
    env: { DIRECTLINE_SECRET: SECRET },
    extra: { recoveryKey: 'helplines.now.child' },
  });
  app = built;
  await built.listen({ host: '127.0.0.1', port: 0 });
  const address = built.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}/v3/directline`;
});

afterAll(async () => {
  await app?.close();
  await store?.close();
});

interface Generated {
  conversationId: string;
  token: string;
}

/** What a helpline's back end does: swap the secret for a token scoped to one new conversation. */
async function generateToken(): Promise<Generated> {
  const response = await fetch(`${base}/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Generated;
}

function connect(options: {
  token: string;
  conversationId?: string;
  watermark?: string;
  webSocket?: boolean;
  pollingInterval?: number;
}): { client: DirectLineClient; log: ActivityLog } {
  const log = new ActivityLog();
  // random: () => 0 makes the client's reconnect delay its minimum (3 s) instead of up to 15 s.
  const client = new DirectLine({ webSocket: true, ...options, domain: base, random: () => 0 });
  client.activity$.subscribe({
    next: (activity) => log.push(activity as unknown as WireActivity),
    error: (error: unknown) => log.errors.push(error),
  });
  return { client, log };
}

async function say(client: DirectLineClient, text: string, clientActivityID: string): Promise<string> {
  const id = await client
    .postActivity({ type: 'message', text, from: { id: 'dl_child', role: 'user' }, channelData: { clientActivityID } } as never)
    .toPromise();
  return id;
}

const isBotMessage = (a: WireActivity) => a.type === 'message' && a.from?.role === 'bot';
const seqOf = (a: WireActivity) => (a.channelData as { seq?: number } | undefined)?.seq ?? 0;

/** Every seq from `first` to the last one received, once each, in order: nothing lost, nothing doubled. */
function expectContiguous(log: ActivityLog, first: number): void {
  const seqs = log.seqs();
  const last = seqs.at(-1) ?? first - 1;
  expect(seqs).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
}

describe('botframework-directlinejs against Harbour', () => {
  it('holds a whole conversation with a red-flag handoff, a replaced stream and a watermark resume', async () => {
    const { conversationId, token } = await generateToken();
    const { client, log } = connect({ token });

    // The bot speaks first, with quick replies.
    const opening = await log.next((a) => isBotMessage(a) && (a.suggestedActions?.actions.length ?? 0) > 0);
    const youngPerson = opening.suggestedActions?.actions.find((action) => /^I['’]m a young person$/.test(String(action.title)));
    expect(youngPerson).toMatchObject({ type: 'imBack' });

    // Tapping a quick reply sends its value; the echo keeps the client's id, so Web Chat can match it.
    const sentId = await say(client, String(youngPerson?.value), 'dl-1');
    const echo = await log.next((a) => (a.channelData as { clientActivityID?: string }).clientActivityID === 'dl-1');
    expect(echo).toMatchObject({ id: sentId, type: 'message', text: youngPerson?.value, from: { role: 'user' } });
    expect(echo.conversation?.id).toBe(conversationId);
    const afterEcho = log.items.indexOf(echo) + 1;
    await log.next(isBotMessage, afterEcho);

    // A red flag: the handoff events reach the Direct Line client as they reach the widget.
    const redFlag = 'someone online said he will share my pictures unless i send more';
    await say(client, redFlag, 'dl-2');
    const flagEcho = await log.next((a) => (a.channelData as { clientActivityID?: string }).clientActivityID === 'dl-2');
    expect(flagEcho.text).toBe(redFlag); // the child's exact words
    const initiate = await log.next((a) => a.type === 'event' && a.name === 'handoff.initiate');
    const value = initiate.value as { urgency: string; findings: { category: string }[] };
    expect(value.urgency).toBe('high');
    expect(value.findings.map((finding) => finding.category)).toContain('threat_blackmail');
    for (const finding of value.findings) expect(Object.keys(finding)).toEqual(['category']); // never evidence
    const status = await log.next((a) => a.type === 'event' && a.name === 'handoff.status');
    expect(status.value).toMatchObject({ state: expect.stringMatching(/^(queued|failed)$/) });
    await log.next((a) => isBotMessage(a) && (a.text ?? '').includes('0800 1111'));
    expect(log.errors).toEqual([]);

    // Another stream for the same conversation replaces the client's (4001). While it is away, a
    // message arrives by REST; the client reconnects by itself from its watermark and gets it once.
    const seenBefore = Math.max(...log.seqs());
    const reconnect = await fetch(`${base}/conversations/${conversationId}?watermark=${seenBefore}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { streamUrl } = (await reconnect.json()) as { streamUrl: string };
    const intruder = new WS(streamUrl);
    const intruderClosed = new Promise<number>((resolve) => intruder.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      intruder.on('open', () => resolve());
      intruder.on('error', reject);
    });
    const posted = await fetch(`${base}/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'are you still there', channelData: { clientActivityID: 'rest-1' } }),
    });
    expect(posted.status).toBe(200);
    const whileAway = await log.next((a) => (a.channelData as { clientActivityID?: string }).clientActivityID === 'rest-1', 0, 25_000);
    expect(whileAway.text).toBe('are you still there');
    await log.next(isBotMessage, log.items.indexOf(whileAway) + 1);
    expect(await intruderClosed).toBe(4001); // the client's reconnect replaced the intruder in turn
    expectContiguous(log, 1);
    expect(log.errors).toEqual([]);

    // The page reloads: a new client resumes the conversation from the last watermark it showed.
    const watermark = String(Math.max(...log.seqs()));
    client.end();
    const resumed = connect({ token, conversationId, watermark });
    const after = await say(resumed.client, 'ok', 'dl-3');
    const resumedEcho = await resumed.log.next((a) => (a.channelData as { clientActivityID?: string }).clientActivityID === 'dl-3');
    expect(resumedEcho.id).toBe(after);
    await resumed.log.next(isBotMessage, resumed.log.items.indexOf(resumedEcho) + 1);
    expectContiguous(resumed.log, Number(watermark) + 1);
    expect(resumed.log.items.some((a) => seqOf(a) <= Number(watermark) && seqOf(a) > 0)).toBe(false);
    resumed.client.end();
  });

  it('also works by polling (no WebSocket), with the same watermarks', async () => {
    const { token } = await generateToken();
    const { client, log } = connect({ token, webSocket: false, pollingInterval: 200 });
    await log.next((a) => isBotMessage(a) && (a.suggestedActions?.actions.length ?? 0) > 0);
    const id = await say(client, 'hello from a polling client', 'poll-1');
    const echo = await log.next((a) => (a.channelData as { clientActivityID?: string }).clientActivityID === 'poll-1');
    expect(echo).toMatchObject({ id, text: 'hello from a polling client', from: { role: 'user' } });
    await log.next(isBotMessage, log.items.indexOf(echo) + 1);
    expectContiguous(log, 1);
    client.end();
    expect(log.errors.filter((error) => !String(error).includes('conversation ended'))).toEqual([]);
  });
});
