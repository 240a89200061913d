import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { launchBrowser, newContext } from './helpers/browser.js';
import { startWidgetServer, type WidgetServer } from './helpers/widget-server.js';

let browser: Browser;
let store: Store;
let server: WidgetServer | undefined;

beforeAll(async () => {
  [browser, store] = await Promise.all([launchBrowser(), testStore()]);
});

afterAll(async () => {
  await server?.app.close();
  await browser?.close();
  await store?.close();
});

const TIMEOUT = { timeout: 15_000 };

describe('widget with the server unreachable', () => {
  it('Get help now still shows 999 (with the Silent Solution) and Childline as tap-to-call links', async () => {
    server = await startWidgetServer(store);
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.getByRole('button', { name: 'Chat to us' }).click();
    await page.getByText('Hello! I am a computer helper.').waitFor(TIMEOUT);
    await server.app.close();
    server = undefined;
    // The chat says, in words, that it is trying again; help does not depend on it.
    await page.getByText(/Reconnecting…|Offline/).waitFor(TIMEOUT);
    await page.getByRole('button', { name: 'Get help now' }).click();
    const call999 = page.getByRole('link', { name: 'Call 999' });
    await call999.waitFor(TIMEOUT);
    expect(await call999.getAttribute('href')).toBe('tel:999');
    expect(await page.getByRole('link', { name: 'Call 0800 1111' }).getAttribute('href')).toBe('tel:08001111');
    expect(await page.getByText(/press 55/).count()).toBe(1);
    await context.close();
  });

  it('a message typed while offline waits as "Sending…" and goes when the browser is back online', async () => {
    server = await startWidgetServer(store);
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.getByRole('button', { name: 'Chat to us' }).click();
    await page.getByText('Hello! I am a computer helper.').waitFor(TIMEOUT);
    await context.setOffline(true);
    await page.getByText("Offline — your messages will send when you're back").waitFor(TIMEOUT);
    const box = page.getByRole('textbox', { name: 'Your message' });
    await box.fill('are you there');
    await box.press('Enter');
    await expect.poll(() => page.getByRole('log', { name: 'Conversation' }).innerText(), TIMEOUT).toMatch(/are you there\s*Sending…/);
    await context.setOffline(false);
    await page.getByText('I hear you. That is message 1.').waitFor(TIMEOUT);
    await expect.poll(() => page.getByRole('log', { name: 'Conversation' }).innerText(), TIMEOUT).toMatch(/are you there\s*Sent/);
    await context.close();
  });
});
