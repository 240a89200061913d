import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Microsoft's prebuilt Web Chat bundle for the Direct Line end-to-end test.
 *
 * Installing `botframework-webchat` pulls in ~450 packages, so instead the tarball is fetched ONCE
 * with `npm pack` (the ordinary npm client, registry only) into `.cache/webchat/`, its sha512 is
 * checked against the integrity the registry published, and only `dist/webchat.js` is extracted.
 * The test then serves that file itself from 127.0.0.1: never from a CDN.
 */

const run = promisify(execFile);

/** The Web Chat version the test runs. */
export const WEBCHAT_VERSION = '4.18.1';

/** `npm view botframework-webchat@4.18.1 dist.integrity`, recorded when this helper was written. */
export const WEBCHAT_INTEGRITY =
  'sha512-7jpEUJ7olT62Xm+8eh7BhhIcXVfU2xD4pZDaeBt8K4XcNy6K/83UGIxE9BFkXmHMZ4hDEVOzs5cre07GWuaXzg==';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = join(repoRoot, '.cache', 'webchat', WEBCHAT_VERSION);
const tarballName = `botframework-webchat-${WEBCHAT_VERSION}.tgz`;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The Subresource-Integrity style digest (`sha512-<base64>`) of a file's bytes. */
export async function integrityOf(path: string): Promise<string> {
  const bytes = await readFile(path);
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

async function fetchTarball(): Promise<string> {
  const tarball = join(cacheDir, tarballName);
  if (await exists(tarball)) return tarball;
  const staging = join(cacheDir, `staging-${process.pid}`);
  await mkdir(staging, { recursive: true });
  try {
    await run('npm', ['pack', `botframework-webchat@${WEBCHAT_VERSION}`, '--pack-destination', staging, '--silent'], {
      cwd: staging,
      timeout: 180_000,
      maxBuffer: 4 * 1024 * 1024,
    });
    const packed = (await readdir(staging)).find((name) => name.endsWith('.tgz'));
    if (!packed) throw new Error('npm pack botframework-webchat produced no tarball');
    await rename(join(staging, packed), tarball);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return tarball;
}

/**
 * Path of a verified `webchat.js` (4.18.1): downloads the tarball on first use, refuses it when the
 * checksum differs from {@link WEBCHAT_INTEGRITY}, and extracts the bundle once.
 */
export async function webchatBundlePath(): Promise<string> {
  const bundle = join(cacheDir, 'package', 'dist', 'webchat.js');
  const tarball = await fetchTarball();
  const actual = await integrityOf(tarball);
  if (actual !== WEBCHAT_INTEGRITY) {
    await rm(tarball, { force: true });
    throw new Error(
      `botframework-webchat@${WEBCHAT_VERSION} tarball failed its integrity check: expected ${WEBCHAT_INTEGRITY}, got ${actual}`,
    );
  }
  if (!(await exists(bundle))) {
    await run('tar', ['-xzf', tarball, '-C', cacheDir, 'package/dist/webchat.js'], { timeout: 60_000 });
  }
  return bundle;
}
