import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/types.js';
import { testStore } from '../helpers/app.js';
import { axeViolations, launchBrowser, newContext } from './helpers/browser.js';
import { startWidgetServer, type WidgetServer } from './helpers/widget-server.js';

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

const TIMEOUT = { timeout: 15_000 };

/** Chat open with the greeting, a message sent, and both panels (Get help now, About) open. */
async function openEverything(page: Page): Promise<void> {
  await page.goto(`${server.origin}/`);
  await page.getByRole('button', { name: 'Chat to us' }).click();
  await page.getByText('Hello! I am a computer helper.').waitFor(TIMEOUT);
  const box = page.getByRole('textbox', { name: 'Your message' });
  await box.fill('hello');
  await box.press('Enter');
  await page.getByText('I hear you. That is message 1.').waitFor(TIMEOUT);
  await page.getByRole('button', { name: 'Get help now' }).click();
  await page.getByRole('button', { name: 'About this chat' }).click();
  await page.getByRole('heading', { name: 'About this chat' }).waitFor(TIMEOUT);
}

async function noHorizontalScroll(page: Page): Promise<{ page: number; viewport: number; widget: number; widgetClient: number }> {
  return page.evaluate(`(() => {
    const w = document.querySelector('harbour-chat').shadowRoot.querySelector('.widget');
    return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, widget: w.scrollWidth, widgetClient: w.clientWidth };
  })()`);
}

describe('widget accessibility and layout in Chromium', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe-core finds no violations in ${colorScheme} mode, chat and panels open`, async () => {
      const { context } = await newContext(browser, { colorScheme });
      const page = await context.newPage();
      await openEverything(page);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('at 320 px wide and 200% text: no horizontal scroll, and Quick exit stays on screen', async () => {
    const { context } = await newContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
    await openEverything(page);
    const sizes = await noHorizontalScroll(page);
    expect(sizes.page).toBeLessThanOrEqual(sizes.viewport);
    expect(sizes.widget).toBeLessThanOrEqual(sizes.widgetClient);
    // Scroll the widget to its end (the transcript, the composer): the bar stays in view.
    await page.evaluate(`(() => { const w = document.querySelector('harbour-chat').shadowRoot.querySelector('.widget'); w.scrollTop = w.scrollHeight; })()`);
    const box = await page.getByRole('button', { name: 'Quick exit' }).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    expect(box!.y + box!.height).toBeLessThanOrEqual(640);
    expect(await page.getByRole('button', { name: 'Quick exit' }).isVisible()).toBe(true);
    await context.close();
  });

  it('works by keyboard alone: Tab to Chat to us, type, Enter sends; focus stays put when replies arrive', async () => {
    const { context } = await newContext(browser, { reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.getByRole('button', { name: 'Quick exit' }).waitFor(TIMEOUT);
    const activeName = `(() => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a ? (a.getAttribute('aria-label') || a.id || a.textContent.trim()) : null; })()`;
    const names: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      names.push(await page.evaluate(activeName));
    }
    expect(names).toEqual(['Quick exit', 'Get help now', 'Chat to us']);
    await page.keyboard.press('Enter');
    await page.getByText('Hello! I am a computer helper.').waitFor(TIMEOUT);
    // Opening the chat (the child's own action) put them in the text box.
    expect(await page.evaluate(activeName)).toBe('message');
    await page.keyboard.type('hi there');
    await page.keyboard.press('Enter');
    await page.getByText('I hear you. That is message 1.').waitFor(TIMEOUT);
    expect(await page.evaluate(activeName)).toBe('message');
    await context.close();
  });
});
