import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type SqlStore } from '../../server/store/index.js';
import { startPostgres, type PrivatePostgres } from '../helpers/postgres.js';
import { startWriter, STORE_DRIVERS, temporaryDir } from '../helpers/store.js';

/**
 * A process writing to the store is killed with SIGKILL mid-writes, again and again; after each
 * kill the store opens (on PGlite: taking over the dead writer's lock) and holds every append the
 * writer had acknowledged, with gapless seqs.
 */
describe.each(STORE_DRIVERS)('kill -9 on %s', (driver) => {
  let postgres: PrivatePostgres | null = null;
  let folder: { dir: string; remove(): Promise<void> };
  let dir: string;

  beforeAll(async () => {
    folder = await temporaryDir();
    dir = join(folder.dir, 'store');
    if (driver === 'postgres') postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
    await folder.remove();
  });

  async function openStore(): Promise<SqlStore> {
    return createStore(postgres === null ? { dataDir: dir } : { databaseUrl: postgres.databaseUrl });
  }
  async function closeStore(store: SqlStore): Promise<void> {
    await store.close();
  }

  it('keeps every acknowledged write through repeated kill -9 of the writing process', { timeout: 240_000 }, async () => {
    const acknowledged = new Map<string, Map<string, number>>();
    const ROUNDS = driver === 'pglite' ? 5 : 3;
    for (let round = 0; round < ROUNDS; round += 1) {
      const writer = startWriter(dir, undefined, postgres?.databaseUrl);
      if (round === 0 && driver === 'pglite') {
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
      try {
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
      } finally {
        await closeStore(store);
      }
    }
    const total = [...acknowledged.values()].reduce((sum, writes) => sum + writes.size, 0);
    // Rounds 1.. each killed after at least 10 + 37·round acknowledged appends.
    const expected = Array.from({ length: ROUNDS - 1 }, (_, i) => 10 + (i + 1) * 37).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(expected);
  });
});
