import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHarbourMachine, MACHINE_VERSION } from '../dialogs/index.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createConsole } from './console/index.js';
import { loadContent } from './content/load.js';
import { loadOrCreateSecrets } from './secrets.js';
import { createStore } from './store/index.js';

/**
 * The entry point behind `npm start`: read and validate the configuration, generate secrets on
 * first start, load content (refusing to start on invalid content), open the store, build the app,
 * listen; on SIGTERM/SIGINT shut down gracefully (readiness false, no new sockets, sockets closed
 * with 1012, in-flight turns finished, store closed).
 */

/** The project root: the nearest folder above this file holding content/ (source tree or dist/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(join(dir, 'content', 'settings.yaml'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const dataDir = resolve(config.dataDir);
  const secrets = await loadOrCreateSecrets(dataDir);
  const content = await loadContent(join(projectRoot(), 'content'));
  const store = await createStore({
    ...(config.databaseUrl !== undefined ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: join(dataDir, 'store'),
  });
  // The risk-ranked queue and the counsellor console at /console (server/console).
  const counsellors = createConsole({ store, content, locale: config.locale });
  const app = await buildApp({
    config,
    store,
    content,
    handoff: counsellors.handoff,
    plugins: [counsellors.plugin],
    dialog: { machine: createHarbourMachine(content.dialogDeps), version: MACHINE_VERSION },
    secrets,
    recoveryKey: 'helplines.now.child',
  });

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    app.log.info({ signal }, 'signal received: shutting down gracefully');
    app.lifecycle
      .shutdown()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  process.stderr.write(`Harbour could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
