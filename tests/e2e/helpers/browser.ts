import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that work on these machines (docs: environment.md §6). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium; close it in `afterAll`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh context (its own storage and cookies). Requests to anything but 127.0.0.1 are refused
 * and recorded, so a test can assert the widget made no third-party request.
 */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; foreignRequests: string[] }> {
  // bypassCSP lets axe-core's script in; the widget itself runs under the server's real CSP in other tests.
  const context = await browser.newContext({ bypassCSP: true, ...options });
  context.setDefaultTimeout(15_000);
  const foreignRequests: string[] = [];
  await context.route(
    (url) => !['127.0.0.1', ''].includes(url.hostname) && url.protocol !== 'about:' && url.protocol !== 'data:',
    async (route) => {
      foreignRequests.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  return { context, foreignRequests };
}

const require = createRequire(import.meta.url);

/** Injects axe-core into the page (once). */
export async function injectAxe(page: Page): Promise<void> {
  const has = await page.evaluate('typeof globalThis.axe !== "undefined"');
  if (has !== true) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
}

/** One axe violation, trimmed to what a failing test should print. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly unknown[];
}

/** Runs axe-core (WCAG 2.x A/AA and best practices) on the page, through shadow roots. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await injectAxe(page);
  // A string, not a function: tsx's keepNames helper would not exist in the page.
  return page.evaluate<AxeViolation[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target) })))
  `);
}

/** A free TCP port on 127.0.0.1 (for a server whose allowed Origin must be known before it listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address !== null && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
