import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../server/store/types.js';
import type { HarbourChat } from '../../widget/harbour-chat.js';
import type * as WidgetModule from '../../widget/index.js';
import { createMemoryStore } from '../../server/store/index.js';
import { buildTestApp, listen, TEST_ORIGIN } from '../helpers/app.js';
import { connect } from '../helpers/ws-client.js';
import { allByRole, getByRole, loadWidget, settle } from './helpers.js';

/**
 * The widget's socket against the REAL server (buildApp, PGlite, the scripted dialog), with
 * `ws` standing in for the browser's WebSocket (same API) because happy-dom has none.
 */

/** `ws` with the Origin a helpline page would send. */
class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: TEST_ORIGIN });
  }
}

let Widget: typeof WidgetModule;
let store: Store;
let app: FastifyInstance;
let chatUrl: string;
let serverUrl: string;
let clock = Date.parse('2026-11-22T10:00:00Z');
const mounted: HarbourChat[] = [];

beforeAll(async () => {
  Widget = await loadWidget();
  Widget.HarbourChat.WebSocketImpl = PageWebSocket as unknown as typeof Widget.HarbourChat.WebSocketImpl;
  // The in-memory store (A2's, same repositories): in happy-dom, Vite rewrites `new URL(…, import.meta.url)`,
  // which PGlite's migration lookup relies on. The PGlite path is covered by the Chromium tests.
  store = createMemoryStore();
  app = await buildTestApp({ store, now: () => clock, env: { MESSAGES_PER_MINUTE: '2', MAX_TEXT_CHARS: '40', RESUME_WAIT_MS: '200' } });
  chatUrl = await listen(app);
  serverUrl = chatUrl.replace('ws://', 'http://').replace(/\/chat$/, '');
}, 60_000);

afterEach(() => {
  for (const el of mounted.splice(0)) el.connection.stop();
  document.body.replaceChildren();
  sessionStorage.clear();
});

afterAll(async () => {
  await app?.close();
  await store?.close();
});

const WAIT = { timeout: 10_000, interval: 20 };

async function openChat(): Promise<HarbourChat> {
  const el = document.createElement('harbour-chat');
  el.setAttribute('server', serverUrl);
  el.setAttribute('helpline-name', 'Test Helpline');
  document.body.append(el);
  mounted.push(el);
  await settle(el);
  // With a token in this tab already (a reload, a second tab), the chat opens and resumes by itself.
  const launcher = getByRole(el, 'button', 'Chat to us');
  if (launcher.getAttribute('aria-expanded') === 'false') launcher.click();
  await settle(el);
  await waitForText(el, 'Hello! I am a computer helper.');
  return el;
}

function logText(el: HarbourChat): string {
  return allByRole(el, 'log', 'Conversation')[0]?.textContent?.replace(/\s+/g, ' ') ?? '';
}

async function waitForText(el: HarbourChat, text: string | RegExp): Promise<void> {
  await vi.waitFor(async () => {
    await settle(el);
    const t = logText(el);
    expect(typeof text === 'string' ? t.includes(text) : text.test(t)).toBe(true);
  }, WAIT);
}

function connectionWords(el: HarbourChat): string | undefined {
  return el.shadowRoot?.querySelector('.conn')?.textContent?.trim();
}

async function type(el: HarbourChat, text: string): Promise<void> {
  const box = getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your message');
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
  await settle(el);
}

describe('ConnectionController with the real server', () => {
  it('greets, sends (Sending… then Sent), shows the reply, and stores only the opaque token', async () => {
    const el = await openChat();
    await vi.waitFor(() => expect(connectionWords(el)).toBe('Connected'), WAIT);
    await type(el, 'hi there');
    expect(logText(el)).toMatch(/You: hi there (Sending…|Sent)/);
    await waitForText(el, 'You: hi there Sent');
    await waitForText(el, 'I hear you. That is message 1.');
    expect(Object.keys(sessionStorage)).toEqual(['harbour.resume']);
    expect(sessionStorage.getItem('harbour.resume')).not.toContain('hi there');
  });

  it('a rate-limited message waits as asked, then sends itself', async () => {
    const el = await openChat();
    await type(el, 'one');
    await waitForText(el, 'That is message 1.');
    await type(el, 'two');
    await waitForText(el, 'That is message 2.');
    clock += 59_850; // the window frees up 150 ms from now (server clock)
    await type(el, 'three');
    await waitForText(el, 'You: three Waiting a moment, then sending…');
    clock += 1_000;
    await waitForText(el, 'You: three Sent');
    await waitForText(el, 'That is message 3.');
  });

  it('a message the server finds too long comes back to the text box with the reason', async () => {
    const el = await openChat();
    const long = 'this message is far too long for the limit we set';
    el.connection.send(long); // as if the limits disagreed: the server has the last word
    await vi.waitFor(async () => {
      await settle(el);
      expect(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your message').value).toBe(long);
    }, WAIT);
    expect(getByRole(el, 'alert').textContent).toMatch(/too long to send in one go/);
    expect(logText(el)).not.toContain(long);
  });

  it('a message the server refuses is marked "Not sent." with its reason and Try again', async () => {
    const el = await openChat();
    await type(el, 'cannot keep \u0000 this'); // a NUL cannot be stored exactly: the server refuses it
    await waitForText(el, /You: cannot keep .* this Not sent\. That message has characters we cannot keep\./);
    getByRole(el, 'button', 'Try again').click();
    await settle(el);
    expect(logText(el)).toMatch(/this (Sending…|Not sent)/);
    await waitForText(el, /this Not sent\./); // refused again, still one copy on screen
    expect(logText(el).split('You: cannot keep')).toHaveLength(2);
  });

  it('shows a counsellor typing in words', async () => {
    const el = await openChat();
    const conversationId = el.connection.conversationId!;
    app.conversations.typing(conversationId, 'counsellor', 'Sam');
    await vi.waitFor(async () => {
      await settle(el);
      expect(allByRole(el, 'status').map((s) => s.textContent?.trim())).toContain('Sam is typing…');
    }, WAIT);
  });

  it('shows handoff status in plain words and a counsellor\'s message with their name', async () => {
    const el = await openChat();
    const conversationId = el.connection.conversationId!;
    await app.conversations.handoffStatus(conversationId, { state: 'queued', position: 2 });
    await waitForText(el, 'You are number 2 in the queue for a counsellor.');
    await app.conversations.handoffStatus(conversationId, { state: 'accepted', counsellorName: 'Sam' });
    await waitForText(el, 'Sam, a counsellor, has joined the chat.');
    app.conversations.typing(conversationId, 'counsellor', 'Sam');
    await vi.waitFor(async () => {
      await settle(el);
      expect(allByRole(el, 'status').map((s) => s.textContent?.trim())).toContain('Sam is typing…');
    }, WAIT);
    await app.conversations.counsellorMessage(conversationId, { counsellorId: 'c1', counsellorName: 'Sam', text: 'Hi, I am Sam. I am here.', clientActivityId: 'k1' });
    await waitForText(el, 'Sam (counsellor): Hi, I am Sam. I am here.');
    // The message ends the typing line.
    await vi.waitFor(async () => {
      await settle(el);
      expect(allByRole(el, 'status').map((s) => s.textContent?.trim())).not.toContain('Sam is typing…');
    }, WAIT);
  });

  it('resumes after the socket drops, with nothing doubled', async () => {
    const el = await openChat();
    await type(el, 'before');
    await waitForText(el, 'You: before Sent');
    const conversationId = el.connection.conversationId;
    // The server drops every socket (as a restart would).
    for (const ws of app.websocketServer.clients) ws.close(1012, 'restart');
    await vi.waitFor(() => expect(connectionWords(el)).toMatch(/Reconnecting…|Connecting…/), WAIT);
    await vi.waitFor(() => expect(connectionWords(el)).toBe('Connected'), WAIT);
    expect(el.connection.conversationId).toBe(conversationId);
    await type(el, 'after');
    await waitForText(el, 'You: after Sent');
    const text = logText(el);
    expect(text.split('Hello! I am a computer helper.')).toHaveLength(2);
    expect(text.split('You: before')).toHaveLength(2);
  });

  it('stops when a newer tab takes the chat over (4001)', async () => {
    const first = await openChat();
    await vi.waitFor(() => expect(connectionWords(first)).toBe('Connected'), WAIT);
    const second = await openChat(); // same sessionStorage: opens by itself and resumes the same conversation
    await vi.waitFor(() => expect(connectionWords(second)).toBe('Connected'), WAIT);
    expect(second.connection.conversationId).toBe(first.connection.conversationId);
    await vi.waitFor(async () => {
      await settle(first);
      expect(connectionWords(first)).toBe('This chat is now open in another window or tab.');
    }, WAIT);
    expect(getByRole<HTMLTextAreaElement>(first, 'textbox', 'Your message').disabled).toBe(true);
  });

  it('when the conversation ends (4002) the token is forgotten and the box is closed', async () => {
    const el = await openChat();
    await type(el, 'bye');
    await waitForText(el, 'Bye for now.');
    await vi.waitFor(async () => {
      await settle(el);
      expect(connectionWords(el)).toBe('This chat has ended. You can still use Get help now.');
    }, WAIT);
    expect(sessionStorage.getItem('harbour.resume')).toBeNull();
    expect(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your message').disabled).toBe(true);
  });

  it('"delete my chat" clears the transcript and the token, and says the chat is deleted', async () => {
    const el = await openChat();
    await type(el, 'something private');
    await waitForText(el, 'something private');
    await type(el, 'delete my chat');
    await waitForText(el, 'Your chat is deleted, as you asked.');
    expect(logText(el)).not.toContain('something private');
    expect(logText(el)).not.toContain('Not sent');
    expect(sessionStorage.getItem('harbour.resume')).toBeNull();
    await vi.waitFor(async () => {
      await settle(el);
      expect(getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your message').disabled).toBe(true);
    }, WAIT);
  });

  it('quick exit tells the server, which revokes the token', async () => {
    Widget.HarbourChat.navigate = () => undefined;
    const el = await openChat();
    const token = sessionStorage.getItem('harbour.resume')!;
    expect(token).toBeTruthy();
    getByRole(el, 'button', 'Quick exit').click();
    expect(sessionStorage.length).toBe(0);
    // A new socket presenting the old token is refused: the chat cannot be brought back.
    await vi.waitFor(async () => {
      const probe = await connect(chatUrl);
      probe.send({ type: 'event', name: 'session.resume', value: { token, lastSeq: 0 } });
      const reply = await probe.next((a) => a.type === 'event' && (a.name === 'error' || a.name === 'session'));
      probe.close();
      expect(reply.name).toBe('error');
      expect((reply.value as { code: string }).code).toBe('HARBOUR_ERR_SESSION_UNKNOWN');
    }, WAIT);
  });
});
