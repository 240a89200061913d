import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets } from '../../server/secrets.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'harbour-secrets-'));
  dirs.push(dir);
  return dir;
}

describe('secrets in DATA_DIR', () => {
  it('generates a token key on first start, readable by the owner only, and reuses it after', async () => {
    const dir = join(await tempDir(), 'data');
    const first = await loadOrCreateSecrets(dir);
    expect(first.tokenKey).toHaveLength(32);
    const file = join(dir, 'secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await loadOrCreateSecrets(dir);
    expect(second.tokenKey.equals(first.tokenKey)).toBe(true);
    const other = await loadOrCreateSecrets(await tempDir());
    expect(other.tokenKey.equals(first.tokenKey)).toBe(false);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ tokenKey: first.tokenKey.toString('hex') });
  });

  it('refuses a damaged secrets file with a message saying what to do', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'secrets.json'), '{"tokenKey":"short"}');
    await expect(loadOrCreateSecrets(dir)).rejects.toThrow(/secrets.json is damaged: tokenKey must be 64 hex characters/);
  });
});
