import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser.js';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * A helpline's own page lives on another origin than Harbour. Here a second 127.0.0.1 port serves
 * a plain host page that embeds the widget with one module script from Harbour's origin, exactly
 * as a helpline would; Harbour allows that origin in ALLOWED_ORIGINS. A third port, not allowed,
 * serves the same page: there the widget must not load (CORS on /widget.js), the page's own
 * fallback numbers stay visible, and a socket to /chat from that page is refused.
 */

const WAIT_MS = 30_000;

let harbour: ServerProcess;
let browser: Browser;
let allowedHost: { server: Server; origin: string };
let foreignHost: { server: Server; origin: string };

/** A helpline page, written the way the README tells helplines to embed Harbour. */
function hostPage(harbourOrigin: string): string {
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <title>Example helpline</title>
    <script type="module" src="${harbourOrigin}/widget.js"></script>
  </head>
  <body>
    <h1>Example helpline</h1>
    <harbour-chat helpline-name="Example helpline">
      <p>If the chat does not load, call Childline on <a href="tel:08001111">0800 1111</a>.</p>
    </harbour-chat>
  </body>
</html>`;
}

async function serveHostPage(port: number, harbourOrigin: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    if (request.url === '/' || request.url === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(hostPage(harbourOrigin));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  const [hostPort, foreignPort] = [await freePort(), await freePort()];
  const allowed = `http://127.0.0.1:${hostPort}`;
  [harbour, browser] = await Promise.all([startServerProcess({ env: { ALLOWED_ORIGINS: allowed } }), launchBrowser()]);
  allowedHost = await serveHostPage(hostPort, harbour.origin);
  foreignHost = await serveHostPage(foreignPort, harbour.origin);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const host of [allowedHost, foreignHost]) {
    if (host) await new Promise<void>((resolve) => host.server.close(() => resolve()));
  }
  await harbour?.stop({ removeData: true });
});

async function messages(page: Page, sender: 'bot' | 'child'): Promise<string[]> {
  return page.getByRole('log', { name: 'Conversation' }).locator(`.msg.${sender} .text`).allTextContents();
}

describe('the widget embedded on a helpline page from another origin', () => {
  it('opens the chat, greets, and answers a message', async () => {
    const { context, foreignRequests } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${allowedHost.origin}/`);
    await page.getByRole('button', { name: 'Chat to us' }).click();
    await expect.poll(async () => (await messages(page, 'bot')).length, { timeout: WAIT_MS }).toBeGreaterThan(0);
    const greeting = await messages(page, 'bot');
    expect(greeting[0]?.length ?? 0).toBeGreaterThan(10);

    await page.getByRole('textbox', { name: 'Your message' }).fill('I am a young person');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const mine = page.getByRole('log', { name: 'Conversation' }).locator('.msg.child').filter({ hasText: 'I am a young person' });
    await expect.poll(() => mine.locator('.status').allTextContents(), { timeout: WAIT_MS }).toEqual(['Sent']);
    await expect.poll(async () => (await messages(page, 'bot')).length, { timeout: WAIT_MS }).toBeGreaterThan(greeting.length);
    expect(await messages(page, 'child')).toEqual(['I am a young person']);
    // The host page and Harbour are both on 127.0.0.1; nothing else was asked for.
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('is refused on a page whose origin is not allowed: no widget, the fallback stays, /chat says no', async () => {
    const { context } = await newContext(browser);
    const page = await context.newPage();
    let isScriptFailed = false;
    page.on('requestfailed', (request) => {
      if (request.url().endsWith('/widget.js')) isScriptFailed = true;
    });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${foreignHost.origin}/`);
    // Either the request fails outright or the browser blocks the response for missing CORS.
    await expect.poll(() => isScriptFailed || consoleErrors.some((e) => /CORS|Access-Control-Allow-Origin/i.test(e)), { timeout: WAIT_MS }).toBe(true);
    expect(await page.evaluate(() => customElements.get('harbour-chat') === undefined)).toBe(true);
    expect(await page.getByRole('button', { name: 'Chat to us' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '0800 1111' }).isVisible()).toBe(true);

    // Even a page that got the script some other way cannot open the child's socket from here.
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => {
            socket.close();
            resolve('opened');
          };
          socket.onclose = (event) => resolve(`closed ${event.code}`);
        }),
      `${harbour.origin.replace('http', 'ws')}/chat`,
    );
    expect(outcome).not.toBe('opened');
    await context.close();
  });
});
