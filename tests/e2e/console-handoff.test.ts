import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarbourMachine, MACHINE_VERSION } from '../../dialogs/index.js';
import { buildWidgetBundle } from '../../server/build/widget-bundle.js';
import { demoPage } from '../../server/build/demo-page.js';
import { loadContent } from '../../server/content/load.js';
import type { Content } from '../../server/content/types.js';
import { ALWAYS_OPEN } from '../../server/handoff/hours.js';
import { LiveHandoffService } from '../../server/handoff/service.js';
import { handoffWords } from '../../server/handoff/words.js';
import consolePlugin from '../../server/routes/console/index.js';
import { handoffCaseRepository } from '../../server/store/console-cases.js';
import { consoleStore } from '../../server/store/console-repositories.js';
import { sqlDbOf } from '../../server/store/index.js';
import type { Store } from '../../server/store/types.js';
import { buildTestApp, testStore } from '../helpers/app.js';
import { addAccount, PASSWORD } from '../console/helpers/console-app.js';
import { axeViolations, freePort, launchBrowser, newContext } from './helpers/browser.js';

/**
 * The handoff in real Chromium with two contexts, a child on the demo page and a counsellor in
 * the console, against Harbour's real dialog, content and detector: red flag → console alert →
 * accept → chat both ways (typing too) → the counsellor's tab closes → the chat is back at the
 * top of the queue and the child is told → accepted again → ended → the child sees the closing.
 * Then the no-counsellor path, and axe on the console.
 */

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const WAIT = { timeout: 20_000 };
const RED_FLAG = 'a man is outside my house right now and says he will hurt me';

let browser: Browser;
let store: Store;
let app: FastifyInstance;
let origin: string;
let content: Content;
let handoff: LiveHandoffService;
let samUser: string;

beforeAll(async () => {
  [browser, store, content] = await Promise.all([launchBrowser(), testStore(), loadContent(join(root, 'content'))]);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const db = sqlDbOf(store);
  const repos = consoleStore(db);
  const words = handoffWords(content);
  handoff = new LiveHandoffService({
    // Always open here: the opening-hours rules have their own tests with an injected clock.
    hours: ALWAYS_OPEN,
    maxWaitSeconds: 900,
    words: () => words,
    audit: repos.audit,
    participants: repos.participants,
    cases: handoffCaseRepository(db),
  });
  const helpNow = content.helpNow('en-GB');
  const bundle = await buildWidgetBundle({ helpNow, helplineName: 'Test Helpline' });
  app = await buildTestApp({
    store,
    content,
    dialog: { machine: createHarbourMachine(content.dialogDeps), version: MACHINE_VERSION },
    handoff,
    env: { PORT: String(port), ALLOWED_ORIGINS: origin, RESUME_WAIT_MS: '300' },
    extra: {
      recoveryKey: 'helplines.now.child',
      widget: { script: bundle.code, demoPage: demoPage({ helplineName: 'Test Helpline', scriptUrl: '/widget.js', helpNow }) },
      plugins: [{ plugin: consolePlugin, options: { handoff, cannedReplies: content.cannedReplies('en-GB') } }],
    },
  });
  await app.listen({ host: '127.0.0.1', port });
  samUser = await addAccount(store, 'counsellor', 'Sam');
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await store?.close();
});

async function signInConsole(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${origin}/console`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/Signed in as/).waitFor(WAIT);
  return page;
}

async function openChild(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'Chat to us' }).click();
  await page.getByRole('textbox', { name: 'Your message' }).waitFor(WAIT);
  return page;
}

async function childSays(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Your message' });
  await box.fill(text);
  await box.press('Enter');
}

describe('handoff between a child and a counsellor in Chromium', () => {
  it('red flag → alert → accept → chat → tab closes → back to the queue → accept → end → closing', async () => {
    const { context: counsellorCtx } = await newContext(browser);
    const { context: childCtx, foreignRequests } = await newContext(browser);
    let consolePage = await signInConsole(counsellorCtx, samUser);

    // The session cookie is __Host-, Secure, HttpOnly, SameSite=Strict, and Chromium keeps it on http://127.0.0.1.
    const cookies = await counsellorCtx.cookies(origin);
    expect(cookies).toEqual([
      expect.objectContaining({ name: '__Host-harbour-console', secure: true, httpOnly: true, sameSite: 'Strict', path: '/' }),
    ]);

    await consolePage.getByLabel('Available for chats').check();
    await expect.poll(() => handoff.isAvailable(cookiesAccount())).toBe(true);

    const child = await openChild(childCtx);
    await childSays(child, RED_FLAG);

    // The console alerts at once, and the chat is at the top of the queue.
    await consolePage.getByRole('alert').getByText(/Urgent/).waitFor(WAIT);
    await consolePage.getByRole('button', { name: /^Accept chat 1/ }).click();

    // The child hears a first name, the role and the confidentiality reminder.
    await child.getByText(/Sam is a counsellor/).waitFor(WAIT);
    await child.getByText(/stays private/).last().waitFor(WAIT);

    // The bot's summary says who it is only when the child said (a man outside: not said).
    const whoItIs = consolePage.locator('hb-console-chat dt', { hasText: 'Who it is' });
    await whoItIs.waitFor(WAIT);
    expect(await consolePage.locator('hb-console-chat dt:has-text("Who it is") + dd').textContent()).toBe('not said');
    expect(await consolePage.locator('hb-console-chat dt:has-text("Account") + dd').textContent()).toBe('not said');

    // The flagged words are highlighted in the console transcript, as text.
    await consolePage.locator('hb-console-chat mark').first().waitFor(WAIT);

    // Counsellor → child, with typing.
    const reply = consolePage.getByLabel('Your message to the child');
    await reply.pressSequentially('I am here');
    await child.getByText(/Sam is typing|typing/i).first().waitFor(WAIT);
    await reply.fill('Hi, I am Sam. Are you safe right now?');
    await consolePage.getByRole('button', { name: 'Send' }).click();
    await child.getByText('Hi, I am Sam. Are you safe right now?').waitFor(WAIT);

    // The child's typing shows in the console (no text travels, only that they are typing).
    // The widget sends at most one typing signal per 3 s, so keep typing until the console shows it.
    const childBox = child.getByRole('textbox', { name: 'Your message' });
    const typingShown = consolePage.getByText('The child is typing…');
    await expect
      .poll(async () => {
        await childBox.press('k');
        return typingShown.isVisible();
      }, { timeout: 20_000, interval: 250 })
      .toBe(true);
    await childBox.fill('');
    // The console with a live chat open (transcript, highlights, case tools) passes axe too.
    expect(await axeViolations(consolePage)).toEqual([]);

    // Child → counsellor; an XSS attempt stays inert text in the console.
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await childSays(child, payload);
    await consolePage.locator('hb-console-chat').getByText(payload).waitFor(WAIT);
    expect(await consolePage.evaluate('window.__pwned')).toBeUndefined();
    expect(await consolePage.locator('hb-console-chat img').count()).toBe(0);

    // The counsellor's tab closes: the child is told and the bot supports them again.
    await consolePage.close();
    await child.getByText(/counsellor had to leave/).waitFor(WAIT);

    // A new console tab (the session cookie is still good): the chat is back, at the top, marked returned.
    consolePage = await counsellorCtx.newPage();
    consolePage.on('dialog', (d) => void d.accept());
    await consolePage.goto(`${origin}/console`);
    await consolePage.getByText(/Signed in as/).waitFor(WAIT);
    await consolePage.getByLabel('Available for chats').check();
    await consolePage.getByText('returned').first().waitFor(WAIT);
    await consolePage.getByRole('button', { name: /^Accept chat 1/ }).click();
    await expect.poll(() => child.getByText(/Sam is a counsellor/).count(), WAIT).toBe(2);

    // End: the child sees a kind closing with the helplines.
    await consolePage.getByRole('button', { name: 'End chat' }).click();
    await child.getByText(/The counsellor has ended the chat/).waitFor(WAIT);
    await child.getByText(/Childline/).last().waitFor(WAIT);
    expect(foreignRequests).toEqual([]);

    await childCtx.close();
    await counsellorCtx.close();

    function cookiesAccount(): string {
      return handoff.roster.all().find((m) => m.firstName === 'Sam')?.accountId ?? '';
    }
  });

  it('with nobody available, the child gets the routes in the same turn', async () => {
    for (const m of handoff.roster.all()) m.available = false;
    const { context } = await newContext(browser);
    const child = await openChild(context);
    await childSays(child, RED_FLAG);
    // Immediate danger: 999 first, and the bot says honestly that nobody is free now.
    await child.getByText(/no counsellor is free right now/).waitFor(WAIT);
    await child.getByText(/999/).filter({ visible: true }).first().waitFor(WAIT);
    await context.close();
  });

  it('has no axe violations on the sign-in page or the signed-in console', async () => {
    const { context } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${origin}/console`);
    await page.getByLabel('Username').waitFor(WAIT);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Username').fill(samUser);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/Signed in as/).waitFor(WAIT);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
