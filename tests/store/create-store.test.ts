import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, createStore, sqlDbOf } from '../../server/store/index.js';
import { temporaryDir } from '../helpers/store.js';

/** A port on 127.0.0.1 where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 1));
    });
  });
}

describe('createStore', () => {
  it('says clearly where PostgreSQL did not answer, without the password', async () => {
    const port = await closedPort();
    const attempt = createStore({ databaseUrl: `postgres://harbour:s3cret-pw@127.0.0.1:${port}/harbour` });
    await expect(attempt).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_CONNECT' });
    const error = (await attempt.then(
      () => new Error('connected'),
      (e: unknown) => e as Error,
    ));
    expect(error.message).toContain(`Could not connect to PostgreSQL at 127.0.0.1:${port}/harbour (DATABASE_URL)`);
    expect(error.message).not.toContain('s3cret-pw');
  });

  it('says clearly when the data directory is not a folder it can use', async () => {
    const folder = await temporaryDir();
    try {
      const file = join(folder.dir, 'not-a-folder');
      await writeFile(file, 'x');
      const attempt = createStore({ dataDir: file });
      await expect(attempt).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_DIR' });
      await expect(attempt).rejects.toThrow(`The data directory ${file} cannot be used: EEXIST`);
      await expect(createStore({ dataDir: join(file, 'below') })).rejects.toThrow(/cannot be used: ENOTDIR/);
    } finally {
      await folder.remove();
    }
  });

  it('says clearly when the database folder is damaged, and leaves no lock behind', async () => {
    const folder = await temporaryDir();
    try {
      await mkdir(join(folder.dir, 'pgdata'));
      await writeFile(join(folder.dir, 'pgdata', 'PG_VERSION'), 'garbage');
      const attempt = createStore({ dataDir: folder.dir });
      await expect(attempt).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_DIR' });
      await expect(attempt).rejects.toThrow(`The database in ${join(folder.dir, 'pgdata')} could not be opened`);
      expect(existsSync(join(folder.dir, 'harbour-store.lock'))).toBe(false);
    } finally {
      await folder.remove();
    }
  });

  it('has no SQL database behind the memory store, and says so', () => {
    expect(() => sqlDbOf(createMemoryStore())).toThrow('A memory store has no SQL database');
  });
});
