import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqlStore } from '../../server/store/index.js';
import { copyPgliteTemplate, temporaryDir } from '../helpers/store.js';

const WRITER = fileURLToPath(new URL('../fixtures/store-writer.ts', import.meta.url));
const LOCK = 'harbour-store.lock';
const NOW = new Date('2026-05-01T08:00:00.000Z');

interface Writer {
  readonly pid: number;
  /** Resolves with the line that matched, or rejects if the process exits first. */
  waitFor(predicate: (line: string) => boolean): Promise<string>;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
}

function startWriter(dir: string, mode?: '--open-only'): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, ...(mode ? [mode] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { predicate: (line: string) => boolean; resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`writer exited (${code}) first: ${stderr.slice(0, 500)}`));
      resolve(code);
    });
  });
  return {
    pid: child.pid as number,
    lines,
    exited,
    waitFor: (predicate) =>
      new Promise((resolve, reject) => {
        const found = lines.find(predicate);
        if (found !== undefined) resolve(found);
        else waiters.push({ predicate, resolve, reject });
      }),
  };
}

/** A pid that certainly belongs to no process: one that has just exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(result.stdout);
}

describe('PGlite data folder', () => {
  let temporary: { dir: string; remove(): Promise<void> };
  let dir: string;
  const open: SqlStore[] = [];

  beforeEach(async () => {
    temporary = await temporaryDir();
    dir = join(temporary.dir, 'store');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await temporary.remove();
  });

  /** Most tests start from an existing (copied) cluster: a fresh initdb takes seconds. */
  async function openCopiedStore(): Promise<SqlStore> {
    await copyPgliteTemplate(dir);
    return openStore();
  }

  async function openStore(): Promise<SqlStore> {
    const store = await createStore({ dataDir: dir });
    open.push(store);
    return store;
  }

  async function closeStore(store: SqlStore): Promise<void> {
    open.splice(open.indexOf(store), 1);
    await store.close();
  }

  it('sets up a new folder, keeps data across a clean close, and releases the lock', async () => {
    const store = await openStore();
    expect(readFileSync(join(dir, LOCK), 'utf8').trim()).toBe(String(process.pid));
    expect(readdirSync(dir).sort()).toEqual([LOCK, 'pgdata']);
    await store.conversations.create({ id: 'kept', locale: 'en-GB', now: NOW });
    const due = new Date(NOW.getTime() + 5 * 60_000);
    await store.conversations.append('kept', [{ clientActivityId: 'c', activity: { type: 'message', text: 'still here 🌈' } }], {
      snapshot: { snapshot: { value: 'listening' }, machineVersion: 'child@1', contentVersion: 'en-GB@1' },
      checkInDueAt: due,
    });
    await store.tokens.issue({ tokenHash: 'sha256:abc', conversationId: 'kept', now: NOW, expiresAt: due });
    await closeStore(store);
    expect(existsSync(join(dir, LOCK))).toBe(false);

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
    const second = createStore({ dataDir: dir });
    await expect(second).rejects.toMatchObject({ code: 'HARBOUR_ERR_STORE_LOCKED' });
    await expect(second).rejects.toThrow(`The data directory ${dir} is already in use by this same process`);
  });

  it('refuses another process, naming the folder and the holding pid', async () => {
    await openCopiedStore();
    const writer = startWriter(dir, '--open-only');
    const line = await writer.waitFor((l) => l.startsWith('error') || l === 'opened');
    expect(line).toContain('error HARBOUR_ERR_STORE_LOCKED');
    expect(line).toContain(`The data directory ${dir} is already in use by process ${process.pid}`);
    expect(await writer.exited).toBe(2);
    // Our lock is untouched.
    expect(readFileSync(join(dir, LOCK), 'utf8').trim()).toBe(String(process.pid));
  });

  it('takes over a stale lock left by a dead process', async () => {
    await copyPgliteTemplate(dir);
    const stale = deadPid();
    writeFileSync(join(dir, LOCK), `${stale}\n`);
    await openStore();
    expect(readFileSync(join(dir, LOCK), 'utf8').trim()).toBe(String(process.pid));
  });

  it('ignores a half-made set-up folder from a crash during first-time set-up', async () => {
    const halfMade = join(dir, `pgdata.setup-${deadPid()}-00ff00ff`);
    mkdirSync(join(halfMade, 'base'), { recursive: true });
    writeFileSync(join(halfMade, 'PG_VERSION'), 'garbage');
    const store = await openStore();
    expect(readdirSync(dir).sort()).toEqual([LOCK, 'pgdata']);
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

  it('survives repeated kill -9 mid-writes with every acknowledged write present', { timeout: 240_000 }, async () => {
    const acknowledged = new Map<string, Map<string, number>>();
    const ROUNDS = 5;
    for (let round = 0; round < ROUNDS; round += 1) {
      const writer = startWriter(dir);
      if (round === 0) {
        // First round: kill during first-time set-up (the folder must still open afterwards).
        await writer.waitFor((l) => l === 'opening');
      } else {
        // Later rounds: kill after a varying number of acknowledged appends.
        let acks = 0;
        const target = 10 + round * 37;
        await writer.waitFor((l) => l.startsWith('ack') && ++acks >= target);
      }
      process.kill(writer.pid, 'SIGKILL');
      await writer.exited;
      for (const line of writer.lines.filter((l) => l.startsWith('ack '))) {
        const [, conversation, clientId, seq] = line.split(' ');
        const map = acknowledged.get(conversation as string) ?? new Map<string, number>();
        map.set(clientId as string, Number(seq));
        acknowledged.set(conversation as string, map);
      }

      // The folder opens (taking over the dead writer's lock), and every acknowledged write is there.
      const store = await openStore();
      for (const [conversation, writes] of acknowledged) {
        const stored = await store.conversations.after(conversation, 0, 10_000);
        expect(stored.map((a) => a.seq)).toEqual(stored.map((_, i) => i + 1));
        const byClientId = new Map(stored.filter((a) => a.clientActivityId !== null).map((a) => [a.clientActivityId, a]));
        for (const [clientId, seq] of writes) {
          expect(byClientId.get(clientId)?.seq, `${conversation} ${clientId}`).toBe(seq);
          expect(byClientId.get(clientId)?.activity.text).toBe(`words ${clientId} 😀`);
        }
        expect((await store.conversations.get(conversation))?.lastSeq).toBe(stored.length);
      }
      await closeStore(store);
    }
    const total = [...acknowledged.values()].reduce((sum, writes) => sum + writes.size, 0);
    expect(total).toBeGreaterThanOrEqual(10 + 37 + 10 + 74 + 10 + 111 + 10 + 148);
  });
});
