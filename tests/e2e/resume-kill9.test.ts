import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext } from './helpers/browser.js';
import { replayConversation, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * The real built server as a process, the real widget in Chromium: the child chats, the server is
 * killed with SIGKILL while a message is on its way (no graceful shutdown, nothing flushed), and
 * restarted on the same data directory. The widget must reconnect and resume by itself, and the
 * conversation must go on with every message shown once: nothing lost, nothing doubled — in the
 * widget and in the server's own record.
 */

const TOKEN_KEY = 'harbour.resume'; // widget/connection.controller.ts: the one sessionStorage key
const ROUNDS = 3;
const WAIT_MS = 45_000;

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess(), launchBrowser()]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop({ removeData: true });
});

/** The widget's transcript as the child sees it: who said it and the words. */
async function transcript(page: Page): Promise<{ sender: string; text: string }[]> {
  const log = page.getByRole('log', { name: 'Conversation' });
  return log.locator('.msg').evaluateAll((nodes) =>
    nodes.map((node) => ({
      sender: node.classList.contains('child') ? 'child' : node.classList.contains('counsellor') ? 'counsellor' : 'bot',
      text: node.querySelector('.text')?.textContent ?? '',
    })),
  );
}

async function botCount(page: Page): Promise<number> {
  return (await transcript(page)).filter((m) => m.sender === 'bot').length;
}

/** Waits until the child's message shows "Sent" and the helper has said more than `botsBefore` things. */
async function waitForSentAndReply(page: Page, text: string, botsBefore: number): Promise<void> {
  const log = page.getByRole('log', { name: 'Conversation' });
  const mine = log.locator('.msg.child').filter({ hasText: text });
  await expect.poll(async () => mine.locator('.status').allTextContents(), { timeout: WAIT_MS }).toEqual(['Sent']);
  await expect.poll(() => botCount(page), { timeout: WAIT_MS }).toBeGreaterThan(botsBefore);
}

async function type(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Your message' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

describe('kill -9 and restart mid-chat', () => {
  it('the conversation continues with nothing lost or doubled, again and again', async () => {
    const { context, foreignRequests } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.getByRole('button', { name: 'Chat to us' }).click();
    await expect.poll(() => botCount(page), { timeout: WAIT_MS }).toBeGreaterThan(0);

    const sent: string[] = [];
    // A first turn with the server up, so the conversation has a history before the first crash.
    let bots = await botCount(page);
    await type(page, 'I am a young person');
    sent.push('I am a young person');
    await waitForSentAndReply(page, 'I am a young person', bots);

    for (let round = 1; round <= ROUNDS; round++) {
      const text = `someone keeps messaging me in a game, part ${round}`;
      bots = await botCount(page);
      await type(page, text);
      sent.push(text);
      // Killed while the message is on its way: it may or may not have been committed.
      await server.kill9();
      const connection = page.getByRole('status').filter({ hasText: /Reconnecting|Offline|Connecting/ });
      await expect.poll(() => connection.count(), { timeout: WAIT_MS }).toBeGreaterThan(0);
      await server.restart();
      await waitForSentAndReply(page, text, bots);
    }

    // Live again after the last restart: one more ordinary turn.
    bots = await botCount(page);
    await type(page, 'it has been going on for a few weeks');
    sent.push('it has been going on for a few weeks');
    await waitForSentAndReply(page, 'it has been going on for a few weeks', bots);

    const shown = await transcript(page);
    const shownChild = shown.filter((m) => m.sender === 'child').map((m) => m.text);
    expect(shownChild).toEqual(sent); // each once, in order

    // The server's own record agrees with the screen, message for message.
    const token = await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);
    expect(token).toBeTruthy();
    const stored = await replayConversation(server.origin, token!);
    expect(stored.filter((m) => m.sender === 'child').map((m) => m.text)).toEqual(sent);
    const seqs = stored.map((m) => m.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(stored.map((m) => ({ sender: m.sender, text: m.text }))).toEqual(shown);
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 600_000);
});
