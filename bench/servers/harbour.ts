/**
 * Harbour under test: the same wiring as server/server.ts (validated config, real content, the
 * real dialog machine, buildApp, the widget bundle built at start-up), with conversations held in
 * memory (server/store createMemoryStore: the durable store has its own benchmark, bench/store.ts),
 * logging off, and the per-address and per-conversation caps lifted through config so that one
 * load generator on loopback can stand in for thousands of children. Runs as a child process.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createHarbourMachine, MACHINE_VERSION } from '../../dialogs/index.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { loadContent } from '../../server/content/load.js';
import { createMemoryStore } from '../../server/store/index.js';
import { announceFailure, announceReady } from './child-ipc.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function main(): Promise<void> {
  const origin = process.env['BENCH_ALLOWED_ORIGIN'] ?? 'http://127.0.0.1:8080';
  const base = loadConfig({ PORT: '0', HOST: '127.0.0.1', ALLOWED_ORIGINS: origin, LOG_LEVEL: 'silent', RESUME_WAIT_MS: '0' });
  // Lifted for the benchmark only: one address opens every conversation, and a closed loop sends
  // far faster than any child types. Every other limit stays as configured.
  const config = {
    ...base,
    limits: {
      ...base.limits,
      maxConnectionsPerAddress: 1_000_000,
      maxSockets: 1_000_000,
      messagesPerMinute: 1_000_000,
    },
  };
  const content = await loadContent(`${ROOT}content`);
  const app = await buildApp({
    config,
    store: createMemoryStore(),
    content,
    dialog: { machine: createHarbourMachine(content.dialogDeps), version: MACHINE_VERSION },
    secrets: { tokenKey: randomBytes(32) },
    logger: false,
    recoveryKey: 'helplines.now.child',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  announceReady(address.port, () => app.close());
}

main().catch(announceFailure);
