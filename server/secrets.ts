import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Secrets Harbour needs, generated into DATA_DIR on first start (file mode 0600) and read on every
 * later start, so tokens issued before a restart still resolve.
 */
export interface Secrets {
  /** HMAC key for resume-token hashes: the store keeps only HMAC(key, token). */
  readonly tokenKey: Buffer;
}

const FILE = 'secrets.json';

/** Reads DATA_DIR/secrets.json, creating it (atomically, mode 0600) when missing. */
export async function loadOrCreateSecrets(dataDir: string): Promise<Secrets> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, FILE);
  try {
    const raw = JSON.parse(await readFile(path, 'utf8')) as { tokenKey?: unknown };
    if (typeof raw.tokenKey !== 'string' || !/^[0-9a-f]{64}$/.test(raw.tokenKey)) {
      throw new Error(`${path} is damaged: tokenKey must be 64 hex characters. Restore it from a backup, or delete it (every open chat will then need a new start).`);
    }
    await chmod(path, 0o600);
    return { tokenKey: Buffer.from(raw.tokenKey, 'hex') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets = { tokenKey: randomBytes(32).toString('hex') };
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  await rename(temp, path);
  return { tokenKey: Buffer.from(secrets.tokenKey, 'hex') };
}
