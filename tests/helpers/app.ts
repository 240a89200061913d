import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import type { Content } from '../../server/content/types.js';
import type { HandoffService } from '../../server/handoff/types.js';
import type { DialogDefinition } from '../../server/sessions/dialog-host.js';
import { createStore } from '../../server/store/index.js';
import type { Store } from '../../server/store/types.js';
import { scriptedContent, scriptedDialog } from '../server/fixtures/scripted-dialog.js';

/** The Origin every test client sends unless a test says otherwise. */
export const TEST_ORIGIN = 'http://helpline.test';

/** A real in-memory PGlite store with migrations run. Create one per test file. */
export function testStore(): Promise<Store> {
  return createStore({ dataDir: 'memory://' });
}

/** Configuration as `npm start` would read it, with a test origin and any overrides. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ ALLOWED_ORIGINS: TEST_ORIGIN, LOG_LEVEL: 'silent', RESUME_WAIT_MS: '0', ...env });
}

/** Captures every log line an app writes, as text. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export interface TestAppOptions {
  readonly store: Store;
  readonly env?: Record<string, string>;
  readonly content?: Content;
  readonly dialog?: DialogDefinition;
  readonly handoff?: HandoffService;
  readonly now?: () => number;
  readonly logStream?: NodeJS.WritableStream;
  readonly tokenKey?: Buffer;
  readonly extra?: Partial<BuildAppOptions>;
}

/**
 * Harbour as the server builds it, on a shared test store (not closed with the app), with the
 * scripted dialog and content unless given others, and a tiny prebuilt widget.
 */
export async function buildTestApp(options: TestAppOptions): Promise<FastifyInstance> {
  const config = testConfig(options.env);
  return buildApp({
    config,
    store: options.store,
    closeStore: false,
    content: options.content ?? scriptedContent(),
    dialog: options.dialog ?? scriptedDialog(),
    secrets: { tokenKey: options.tokenKey ?? randomBytes(32) },
    widget: { script: 'export const harbour = true;\n', demoPage: '<!doctype html><title>Demo</title><harbour-chat></harbour-chat>' },
    recoveryKey: 'recovered',
    ...(options.handoff ? { handoff: options.handoff } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.logStream ? { logStream: options.logStream } : { logger: false }),
    ...options.extra,
  });
}

/** Listens on 127.0.0.1 with a free port; returns the ws:// URL of /chat. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `ws://127.0.0.1:${address.port}/chat`;
}

/** Harbour with the real statechart and the real content/, listening, on its own test store. */
export interface RealHarbour {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly content: Content;
  /** ws:// URL of /chat. */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts {@link RealHarbour}: one per test file (content and PGlite take seconds to load). */
export async function startRealHarbour(env?: Record<string, string>): Promise<RealHarbour> {
  const [{ createHarbourMachine, MACHINE_VERSION }, { loadContent }] = await Promise.all([
    import('../../dialogs/index.js'),
    import('../../server/content/load.js'),
  ]);
  const store = await testStore();
  const content = await loadContent('content');
  const app = await buildTestApp({
    store,
    content,
    ...(env === undefined ? {} : { env }),
    dialog: { machine: createHarbourMachine(content.dialogDeps), version: MACHINE_VERSION },
    extra: { recoveryKey: 'helplines.now.child' },
  });
  const url = await listen(app);
  return {
    app,
    store,
    content,
    url,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
