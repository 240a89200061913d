import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { freePort, launchBrowser, newContext } from './helpers/browser.js';
import { startWidgetServer, type WidgetServer } from './helpers/widget-server.js';

/**
 * A helpline's own page on a SECOND origin embeds the widget with one script tag and no
 * `server` attribute: the widget finds Harbour from where its script came from, and the server
 * lets that origin in (CORS on /widget.js, the Origin allowlist on /chat).
 */

let browser: Browser;
let store: Store;
let harbour: WidgetServer;
let host: Server;
let hostOrigin: string;

beforeAll(async () => {
  [browser, store] = await Promise.all([launchBrowser(), testStore()]);
  const hostPort = await freePort();
  hostOrigin = `http://127.0.0.1:${hostPort}`;
  harbour = await startWidgetServer(store, undefined, undefined, [hostOrigin]);
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A helpline</title>
<script type="module" src="${harbour.origin}/widget.js"></script></head>
<body><harbour-chat helpline-name="Second Origin Helpline" exit-url="/left"><p>Call 0800 1111</p></harbour-chat>
<main><h1>A helpline</h1></main></body></html>`;
  host = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.url === '/left' ? '<!doctype html><title>Left</title><main>Left</main>' : page);
  });
  await new Promise<void>((resolve) => host.listen(hostPort, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => host?.close(resolve));
  await harbour?.app.close();
  await browser?.close();
  await store?.close();
});

const TIMEOUT = { timeout: 15_000 };

describe('widget embedded on another origin', () => {
  it('opens the chat, greets, sends and gets the reply', async () => {
    const { context, foreignRequests } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${hostOrigin}/`);
    await page.getByRole('button', { name: 'Chat to us' }).click();
    await page.getByText('Hello! I am a computer helper.').waitFor(TIMEOUT);
    const box = page.getByRole('textbox', { name: 'Your message' });
    await box.fill('hello from another site');
    await box.press('Enter');
    await page.getByText('I hear you. That is message 1.').waitFor(TIMEOUT);
    expect(await page.getByRole('heading', { name: 'Chat with Second Origin Helpline' }).count()).toBe(1);
    expect(foreignRequests).toEqual([]);
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.waitForURL(`${hostOrigin}/left`, TIMEOUT);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await context.close();
  });

  it('a page on an origin the server does not allow cannot load the widget, and the tag\'s fallback numbers show', async () => {
    const other = await startWidgetServer(store); // allows only its own origin
    try {
      const { context } = await newContext(browser);
      const page = await context.newPage();
      // The host page loads the script from `other`, which does not list the host's origin.
      await page.route(`${hostOrigin}/`, async (route) => {
        const res = await route.fetch();
        await route.fulfill({ response: res, body: (await res.text()).replaceAll(harbour.origin, other.origin) });
      });
      const refused = page.waitForEvent('requestfailed', (r) => r.url() === `${other.origin}/widget.js`);
      await page.goto(`${hostOrigin}/`);
      await refused;
      expect(await page.getByText('Call 0800 1111').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Quick exit' }).count()).toBe(0);
      await context.close();
    } finally {
      await other.app.close();
    }
  });
});
