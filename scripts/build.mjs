#!/usr/bin/env node
/**
 * Production build: esbuild bundles the server entry and the CLI commands production needs into
 * dist/ (platform node, ESM, npm packages left external so `npm ci --omit=dev` provides them).
 *
 * dist/ mirrors the source layout one level down (server/server.ts → dist/server/server.js), so
 * code that finds files relative to `import.meta.url` two levels up lands on the project root
 * either way; the widget bundle (built by the server at start-up from widget/), content/ and the
 * SQL migrations are read from the project root, not copied.
 *
 * Each output is written to a temporary file and renamed into place, so two builds running at
 * once (parallel test files) never leave a half-written bundle.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Entry points: the server, the PGlite worker thread it starts (server/store/pglite-db.ts finds it
 * at dist/server/store/pglite-worker.js), and CLI commands an operator runs in production.
 */
export const ENTRIES = [
  'server/server.ts',
  'server/store/pglite-worker.ts',
  'server/cli/counsellor.ts',
  'server/cli/content-check.ts',
];

/**
 * How Harbour's Node code is bundled for production; the benchmark builds its servers the same
 * way (bench/lib/child-server.ts), so they run as `npm start` runs.
 * @type {import('esbuild').BuildOptions}
 */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  tsconfig: join(root, 'tsconfig.json'),
};

/**
 * Bundles every entry that exists into `outdir` (default dist/). Returns the written files.
 * @param {{ outdir?: string, quiet?: boolean }} [options]
 */
export async function buildAll(options = {}) {
  const outdir = options.outdir ?? join(root, 'dist');
  const entryPoints = ENTRIES.filter((entry) => existsSync(join(root, entry))).map((entry) => join(root, entry));
  if (!entryPoints.some((entry) => entry.endsWith('server/server.ts'))) {
    throw new Error('build: server/server.ts does not exist yet');
  }
  const result = await build({ ...NODE_BUNDLE, entryPoints, outbase: root, outdir, write: false });
  const written = [];
  for (const file of result.outputFiles) {
    await mkdir(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, file.contents);
    await rename(tmp, file.path);
    written.push(relative(root, file.path));
  }
  if (!options.quiet) console.log(`build: ${written.filter((f) => f.endsWith('.js')).join(', ')}`);
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildAll().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
