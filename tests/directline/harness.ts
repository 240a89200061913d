import type { FastifyInstance } from 'fastify';
import type { HandoffService } from '../../server/handoff/types.js';
import type { Store } from '../../server/store/types.js';
import { buildTestApp, LogCapture } from '../helpers/app.js';

/**
 * Harbour with Direct Line on (DIRECTLINE_SECRET set), over a real in-memory PGlite store and the
 * scripted transport-test dialog (tests/server/fixtures/scripted-dialog.ts): the transport must not
 * care what the bot says. One store per test file; fresh conversations per test.
 */

/** The secret the tests configure (DIRECTLINE_SECRET). */
export const SECRET = 'test-directline-secret-0123456789abcdef';
/** A page origin the tests allow (ALLOWED_ORIGINS). */
export const PAGE_ORIGIN = 'https://helpline.example';
/** What the scripted dialog says first. */
export const GREETING = 'Hello! I am a computer helper. Who is chatting today?';

export interface HarnessOptions {
  readonly store: Store;
  readonly env?: Readonly<Record<string, string>>;
  readonly handoff?: HandoffService;
  readonly now?: () => number;
}

export interface Harness {
  readonly app: FastifyInstance;
  /** Every log line written while the app ran. */
  readonly logs: LogCapture;
}

/** Builds (never listens) an app with Direct Line on. */
export async function buildDirectLineApp(options: HarnessOptions): Promise<Harness> {
  const logs = new LogCapture();
  const app = await buildTestApp({
    store: options.store,
    env: { DIRECTLINE_SECRET: SECRET, ALLOWED_ORIGINS: PAGE_ORIGIN, LOG_LEVEL: 'info', ...options.env },
    logStream: logs,
    ...(options.handoff ? { handoff: options.handoff } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { app, logs };
}
