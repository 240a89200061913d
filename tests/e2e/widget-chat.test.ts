import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { launchBrowser, newContext } from './helpers/browser.js';
import { EXIT_PATH, startWidgetServer, type WidgetServer } from './helpers/widget-server.js';

let browser: Browser;
let store: Store;
let server: WidgetServer;

beforeAll(async () => {
  [browser, store] = await Promise.all([launchBrowser(), testStore()]);
  server = await startWidgetServer(store);
});

afterAll(async () => {
  await server?.app.close();
  await browser?.close();
  await store?.close();
});

const GREETING = 'Hello! I am a computer helper.';
const TIMEOUT = { timeout: 15_000 };

async function openChat(page: Page): Promise<void> {
  await page.goto(`${server.origin}/`);
  await page.getByRole('button', { name: 'Chat to us' }).click();
  await page.getByText(GREETING).waitFor(TIMEOUT);
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Your message' });
  await box.fill(text);
  await box.press('Enter');
}

/** Types text with Shift really held for capitals, as a child's keyboard does. */
async function typeWithShift(page: Page, text: string): Promise<void> {
  for (const ch of text) {
    if (ch >= 'A' && ch <= 'Z') {
      await page.keyboard.down('Shift');
      await page.keyboard.press(`Key${ch}`);
      await page.keyboard.up('Shift');
    } else if (ch === ' ') {
      await page.keyboard.press('Space');
    } else {
      await page.keyboard.type(ch);
    }
  }
}

/** Nothing of Harbour's is left in this origin's storage or cookies. */
async function expectNothingLeft(page: Page): Promise<void> {
  const storage = await page.evaluate('({ session: sessionStorage.length, local: localStorage.length, cookie: document.cookie })');
  expect(storage).toEqual({ session: 0, local: 0, cookie: '' });
  expect(await page.context().cookies()).toEqual([]);
}

/** Back goes to the page before the helpline page, never to the chat. */
async function expectBackShowsNoChat(page: Page): Promise<void> {
  await page.goBack().catch(() => null);
  expect(page.url()).not.toBe(`${server.origin}/`);
  expect(await page.locator('harbour-chat').count()).toBe(0);
}

describe('widget in Chromium against the real server', () => {
  it('opens the chat, shows the greeting, sends a message (Sending… → Sent) and shows the reply', async () => {
    const { context, foreignRequests } = await newContext(browser);
    const page = await context.newPage();
    await openChat(page);
    const title = await page.title();
    await expect.poll(() => page.getByText('Connected', { exact: true }).count(), TIMEOUT).toBe(1);
    await send(page, 'someone online keeps messaging me');
    await page.getByText('I hear you. That is message 1.').waitFor(TIMEOUT);
    const log = page.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => log.innerText(), TIMEOUT).toMatch(/You:\s*someone online keeps messaging me\s*Sent/);
    // The only thing on the device: one opaque token, never message text.
    const stored = await page.evaluate<[string, string][]>('Object.entries(sessionStorage)');
    expect(stored.map(([k]) => k)).toEqual(['harbour.resume']);
    expect(stored[0]?.[1]).not.toMatch(/messaging/);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(await page.title()).toBe(title);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('quick replies send their value as the child\'s message', async () => {
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await openChat(page);
    await page.getByRole('group', { name: 'Quick answers' }).getByRole('button', { name: 'Me' }).click();
    await page.getByText('I hear you. That is message 1.').waitFor(TIMEOUT);
    expect(await page.getByRole('log', { name: 'Conversation' }).innerText()).toMatch(/You:\s*Me\s*Sent/);
    await context.close();
  });

  it('Quick exit button: leaves for the neutral page with nothing left, and Back shows no chat', async () => {
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await openChat(page);
    await send(page, 'hello');
    await page.getByText('I hear you. That is message 1.').waitFor(TIMEOUT);
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.waitForURL(`**${EXIT_PATH}`, TIMEOUT);
    await expectNothingLeft(page);
    await expectBackShowsNoChat(page);
    await context.close();
  });

  it('Shift three times leaves; typing "I AM SCARED" with Shift held for capitals does not', async () => {
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await openChat(page);
    await page.getByRole('textbox', { name: 'Your message' }).focus();
    await typeWithShift(page, 'I AM SCARED');
    expect(await page.getByRole('textbox', { name: 'Your message' }).inputValue()).toBe('I AM SCARED');
    expect(page.url()).toBe(`${server.origin}/`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.waitForURL(`**${EXIT_PATH}`, TIMEOUT);
    await expectNothingLeft(page);
    await expectBackShowsNoChat(page);
    await context.close();
  });

  it('Quick exit is the first thing Tab reaches on the demo page', async () => {
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.getByRole('button', { name: 'Quick exit' }).waitFor(TIMEOUT);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(`(() => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a ? a.textContent.trim() : null; })()`);
    expect(focused).toBe('Quick exit');
    await context.close();
  });

  it('picks the conversation up after a server restart, with nothing lost or doubled', async () => {
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await openChat(page);
    await send(page, 'first');
    await page.getByText('I hear you. That is message 1.').waitFor(TIMEOUT);
    const port = server.port;
    await server.app.close(); // graceful: sockets close with 1012
    await expect.poll(() => page.getByText(/Reconnecting…|Connecting…/).count(), TIMEOUT).toBeGreaterThan(0);
    server = await startWidgetServer(store, port);
    await expect.poll(() => page.getByText('Connected', { exact: true }).count(), TIMEOUT).toBe(1);
    await send(page, 'second');
    await page.getByText('I hear you. That is message 2.').waitFor(TIMEOUT).catch(async (e: unknown) => {
      console.log(await page.getByRole('log', { name: 'Conversation' }).innerText());
      throw e;
    });
    const text = await page.getByRole('log', { name: 'Conversation' }).innerText();
    expect(text.split(GREETING)).toHaveLength(2);
    expect(text.split('That is message 1.')).toHaveLength(2);
    expect(text.split('You:')).toHaveLength(3);
    await context.close();
  });
});
