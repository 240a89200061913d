import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createHarbourMachine, MACHINE_VERSION } from '../../dialogs/index.js';
import { loadContent } from '../../server/content/load.js';
import type { Store } from '../../server/store/types.js';
import { buildTestApp, testStore } from '../helpers/app.js';
import { webchatBundlePath } from '../helpers/webchat-bundle.js';
import { launchBrowser, newContext } from './helpers/browser.js';

/**
 * Microsoft's prebuilt Web Chat (botframework-webchat 4.18.1, `dist/webchat.js`, checksum-verified
 * and served by this test from 127.0.0.1, never a CDN) talks to Harbour over Direct Line 3.0 in
 * headless Chromium, exactly as a helpline page already on Web Chat would: the page's own back end
 * swaps DIRECTLINE_SECRET for a token; the page points Web Chat's `domain` at Harbour.
 */

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const SECRET = 'e2e-directline-secret-0123456789abcdefghij';
const SCREENSHOT = join(root, 'test-results', 'webchat-directline.png');

let store: Store;
let harbour: FastifyInstance;
let pageServer: Server;
let browser: Browser;
let pageUrl: string;

function pageHtml(directLineDomain: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A helpline already on Web Chat</title>
<style>html, body { height: 100%; margin: 0; } #webchat { height: 100%; }</style></head>
<body>
<main id="webchat"></main>
<script src="/webchat.js"></script>
<script>
  window.incoming = [];
  (async function () {
    // The helpline's own back end holds the secret and hands the page a token for one conversation.
    const response = await fetch('/api/directline-token', { method: 'POST' });
    const { token } = await response.json();
    // Records what Web Chat receives, so the test can see events that Web Chat does not draw.
    const store = window.WebChat.createStore({}, () => (next) => (action) => {
      if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') window.incoming.push(action.payload.activity);
      return next(action);
    });
    window.webChatStore = store;
    window.WebChat.renderWebChat(
      {
        directLine: window.WebChat.createDirectLine({ token, domain: ${JSON.stringify(directLineDomain)} }),
        store,
        userID: 'page-user',
        locale: 'en-GB',
      },
      document.getElementById('webchat'),
    );
  })();
</script>
</body>
</html>`;
}

beforeAll(async () => {
  const bundle = await readFile(await webchatBundlePath());

  // The helpline's page, on its own origin: the Web Chat bundle, the page, and a token endpoint.
  let directLineBase = '';
  pageServer = createServer((request, response) => {
    if (request.url === '/webchat.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    } else if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(directLineBase));
    } else if (request.url === '/api/directline-token' && request.method === 'POST') {
      fetch(`${directLineBase}/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } })
        .then(async (reply) => {
          response.writeHead(reply.status, { 'content-type': 'application/json' }).end(await reply.text());
        })
        .catch(() => response.writeHead(502).end());
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  const pageAddress = pageServer.address();
  if (pageAddress === null || typeof pageAddress === 'string') throw new Error('no page port');
  pageUrl = `http://127.0.0.1:${pageAddress.port}`;

  store = await testStore();
  const content = await loadContent(join(root, 'content'));
  harbour = await buildTestApp({
    store,
    content,
    dialog: { machine: createHarbourMachine(content.dialogDeps), version: MACHINE_VERSION },
    env: { DIRECTLINE_SECRET: SECRET, ALLOWED_ORIGINS: pageUrl },
    extra: { recoveryKey: 'helplines.now.child' },
  });
  await harbour.listen({ host: '127.0.0.1', port: 0 });
  const harbourAddress = harbour.server.address();
  if (harbourAddress === null || typeof harbourAddress === 'string') throw new Error('no harbour port');
  directLineBase = `http://127.0.0.1:${harbourAddress.port}/v3/directline`;

  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await harbour?.close();
  await store?.close();
  await new Promise<void>((resolve) => (pageServer ? pageServer.close(() => resolve()) : resolve()));
});

describe('Bot Framework Web Chat on Harbour', () => {
  it('renders a conversation: greeting, quick reply, a red flag with help numbers, no failed sends', async () => {
    const { context, foreignRequests } = await newContext(browser, { viewport: { width: 480, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const consoleLines: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('requestfailed', (request) => consoleLines.push(`request failed: ${request.method()} ${request.url().split('?')[0]} ${request.failure()?.errorText}`));
    await page.goto(pageUrl);

    // Harbour speaks first; its quick replies are Web Chat's suggested-action buttons.
    await page
      .getByText(/Hi, I['’]m Harbour/)
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: SCREENSHOT.replace('.png', '-failed.png'), fullPage: true }).catch(() => undefined);
        throw new Error(`${String(error)}\nbrowser said:\n${consoleLines.join('\n')}\npage errors: ${pageErrors.join('\n')}`);
      });
    await page.getByRole('button', { name: /^I['’]m a young person$/ }).first().click();
    await page.getByText(/Can you tell me what happened/).first().waitFor({ timeout: 20_000 });

    // A red flag typed into Web Chat's own send box.
    const words = 'someone online said he will share my pictures unless i send more';
    const box = page.getByRole('textbox').first();
    await box.fill(words);
    await box.press('Enter');
    await page.getByText('0800 1111', { exact: false }).first().waitFor({ timeout: 20_000 });

    const transcript = await page.locator('#webchat').innerText();
    expect(transcript).toContain(words); // the child's exact words, shown as sent
    expect(transcript).toMatch(/I['’]m a young person/);
    expect(transcript).not.toMatch(/send failed|retry/i);
    // Web Chat matched both echoes by clientActivityID: its own record says "sent" for each.
    const sendStatus = await page.evaluate<{ text: string; status: string }[]>(
      'window.webChatStore.getState().activities.filter((a) => a.from.role === "user").map((a) => ({ text: a.text, status: a.channelData["webchat:send-status"] }))',
    );
    expect(sendStatus.map((entry) => entry.status)).toEqual(['sent', 'sent']);
    expect(sendStatus[1]?.text).toBe(words);

    // The handoff event reached Web Chat (it draws no bubble for events).
    type SeenEvent = { name: string; value: { urgency?: string; findings?: { category: string }[] } };
    const events = await page.evaluate<SeenEvent[]>(
      'window.incoming.filter((a) => a.type === "event").map((a) => ({ name: a.name, value: a.value }))',
    );
    const initiate = events.find((event) => event.name === 'handoff.initiate');
    expect(initiate?.value.urgency).toBe('high');
    expect(initiate?.value.findings?.map((finding) => finding.category)).toContain('threat_blackmail');
    expect(events.some((event) => event.name === 'handoff.status')).toBe(true);

    await mkdir(join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    expect(foreignRequests).toEqual([]); // nothing loaded from a CDN or any third party
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
