import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { buildWidgetBundle } from '../../../server/build/widget-bundle.js';
import { demoPage } from '../../../server/build/demo-page.js';
import type { Store } from '../../../server/store/types.js';
import { buildTestApp } from '../../helpers/app.js';
import { scriptedContent } from '../../server/fixtures/scripted-dialog.js';
import { freePort } from './browser.js';

/** The neutral page quick exit goes to in tests (the real default is off-machine). */
export const EXIT_PATH = '/weather';
export const HELPLINE_NAME = 'Test Helpline';
/** One token key for every start in a test run, as DATA_DIR keeps it across real restarts. */
const TOKEN_KEY = randomBytes(32);

const neutralPage: FastifyPluginAsync = async (app) => {
  app.get(EXIT_PATH, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send('<!doctype html><html lang="en"><title>Weather</title><main><h1>Weather</h1><p>Sunny.</p></main></html>'),
  );
};

export interface WidgetServer {
  readonly app: FastifyInstance;
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly gzipBytes: number;
}

/**
 * The real Harbour app (A2's buildApp via tests/helpers/app.ts, the scripted dialog) serving the
 * REAL widget bundle and demo page built by server/build/, listening on 127.0.0.1. Pass `port`
 * and the same `store` to start it again after a stop (a restart mid-chat).
 */
export async function startWidgetServer(
  store: Store,
  port?: number,
  tokenKey: Buffer = TOKEN_KEY,
  /** Other page origins allowed to open the chat (a helpline's own site). */
  extraOrigins: readonly string[] = [],
): Promise<WidgetServer> {
  const chosen = port ?? (await freePort());
  const origin = `http://127.0.0.1:${chosen}`;
  const content = scriptedContent();
  const helpNow = content.helpNow('en-GB');
  const bundle = await buildWidgetBundle({ helpNow, helplineName: HELPLINE_NAME });
  const page = demoPage({ helplineName: HELPLINE_NAME, scriptUrl: '/widget.js', exitUrl: EXIT_PATH, helpNow });
  const app = await buildTestApp({
    store,
    content,
    tokenKey,
    env: { ALLOWED_ORIGINS: [origin, ...extraOrigins].join(','), HELPLINE_NAME, RESUME_WAIT_MS: '300' },
    extra: { widget: { script: bundle.code, demoPage: page }, plugins: [{ plugin: neutralPage }] },
  });
  await app.listen({ host: '127.0.0.1', port: chosen });
  return { app, port: chosen, origin, gzipBytes: bundle.gzipBytes };
}
