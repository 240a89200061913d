import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore, type SqlStore } from '../../server/store/index.js';
import { copyPgliteTemplate, startWriter, storeFolderPerTest } from '../helpers/store.js';

const LOCK = 'harbour-store.lock';
const NOW = new Date('2026-05-01T08:00:00.000Z');

/** A pid that certainly belongs to no process: one that has just exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(result.stdout);
}

describe('PGlite data folder', () => {
  const folder = storeFolderPerTest();
  const open = folder.opened;

  /** Most tests start from an existing (copied) cluster: a fresh initdb takes seconds. */
  async function openCopiedStore(): Promise<SqlStore> {
    await copyPgliteTemplate(folder.dir);
    return openStore();
  }

  async function openStore(): Promise<SqlStore> {
    const store = await createStore({ dataDir: folder.dir });
    open.push(store);
    return store;
  }

  async function closeStore(store: SqlStore): Promise<void> {
    open.splice(open.indexOf(store), 1);
    await store.close();
  }

  // A fresh initdb takes seconds, and tens of seconds on a loaded machine.
  it('sets up a new folder, keeps data across a clean close, and releases the lock', { timeout: 120_000 }, async () => {
    const store = await openStore();
    expect(readFileSync(join(folder.dir, LOCK), 'utf8').trim()).toBe(String(process.pid));
    expect(readdirSync(folder.dir).sort()).toEqual([LOCK, 'pgdata']);
    await store.conversations.create({ id: 'kept', locale: 'en-GB', now: NOW });
    const due = new Date(NOW.getTime() + 5 * 60_000);
    await store.conversations.append('kept', [{ clientActivityId: 'c', activity: { type: 'message', text: 'still here 🌈' } }], {
      snapshot: { snapshot: { value: 'listening' }, machineVersion: 'child@1', contentVersion: 'en-GB@1' },
      checkInDueAt: due,
    });
    await store.tokens.issue({ tokenHash: 'sha256:abc', conversationId: 'kept', now: NOW, expiresAt: due });
    await closeStore(store);
    expect(existsSync(join(folder.dir, LOCK))).toBe(false);

    // After a restart: the words, the dialog's snapshot, the pending check-in and the token are all there.
    const again = await openStore();
    expect((await again.conversations.after('kept', 0)).map((a) => a.activity.text)).toEqual(['still here 🌈']);
    expect(await again.conversations.latestSnapshot('kept')).toEqual({
      snapshot: { value: 'listening' },
      machineVersion: 'child@1',
      contentVersion: 'en-GB@1',
    });
    expect(await again.conversations.dueCheckIns(due)).toEqual([{ id: 'kept', dueAt: due }]);
    expect(await again.tokens.resolve('sha256:abc', NOW)).toEqual({ conversationId: 'kept' });
  });

  it('refuses a second open in the same process, naming the folder', async () => {
    await openCopiedStore();
    const second = createStore({ dataDir: folder.dir });
    await expect(second).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_LOCKED' });
    await expect(second).rejects.toThrow(`The data directory ${folder.dir} is already in use by this same process`);
  });

  it('refuses another process, naming the folder and the holding pid', async () => {
    await openCopiedStore();
    const writer = startWriter(folder.dir, '--open-only');
    const line = await writer.waitFor((l) => l.startsWith('error') || l === 'opened');
    expect(line).toContain('error HARBOUR_ERR_STORE_LOCKED');
    expect(line).toContain(`The data directory ${folder.dir} is already in use by process ${process.pid}`);
    expect(await writer.exited).toBe(2);
    // Our lock is untouched.
    expect(readFileSync(join(folder.dir, LOCK), 'utf8').trim()).toBe(String(process.pid));
  });

  it('takes over a stale lock left by a dead process', async () => {
    await copyPgliteTemplate(folder.dir);
    const stale = deadPid();
    writeFileSync(join(folder.dir, LOCK), `${stale}\n`);
    await openStore();
    expect(readFileSync(join(folder.dir, LOCK), 'utf8').trim()).toBe(String(process.pid));
  });

  it('ignores a half-made set-up folder from a crash during first-time set-up', { timeout: 120_000 }, async () => {
    const halfMade = join(folder.dir, `pgdata.setup-${deadPid()}-00ff00ff`);
    mkdirSync(join(halfMade, 'base'), { recursive: true });
    writeFileSync(join(halfMade, 'PG_VERSION'), 'garbage');
    const store = await openStore();
    expect(readdirSync(folder.dir).sort()).toEqual([LOCK, 'pgdata']);
    await store.conversations.create({ id: 'x', locale: 'en-GB', now: NOW });
    expect((await store.conversations.get('x'))?.id).toBe('x');
  });

  it('finishes in-flight appends on close, then refuses new ones', async () => {
    const store = await openCopiedStore();
    await store.conversations.create({ id: 'busy', locale: 'en-GB', now: NOW });
    const appends = Array.from({ length: 50 }, (_, i) =>
      store.conversations.append('busy', [{ clientActivityId: `c${i}`, activity: { type: 'message', text: `m${i}` } }]),
    );
    await closeStore(store);
    const results = await Promise.all(appends);
    expect(results.map((r) => r.activities[0]?.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await expect(
      store.conversations.append('busy', [{ activity: { type: 'message', text: 'late' } }]),
    ).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_CLOSED' });
    const again = await openStore();
    expect((await again.conversations.get('busy'))?.lastSeq).toBe(50);
  });
});
