import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/types.js';

const DAY_MS = 86_400_000;
/** Conversations deleted per statement; the job repeats while a batch comes back full. */
const BATCH = 500;
/** At most this many batches per run, so one run never holds the database for long. */
const MAX_BATCHES = 40;

/**
 * The retention job: deletes conversations with no activity for `retentionDays` (and, by ON DELETE
 * CASCADE, their activities, snapshots, tokens, notes and cases), except those under a
 * safeguarding hold. Logs counts only.
 */
export async function deleteExpiredConversations(
  store: Store,
  now: Date,
  retentionDays: number,
  log?: FastifyBaseLogger,
): Promise<{ deleted: number; held: number }> {
  let deleted = 0;
  let held = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const result = await store.retention.deleteExpired(now, retentionDays * DAY_MS, BATCH);
    deleted += result.deleted;
    held = Math.max(held, result.held);
    if (result.deleted < BATCH) break;
  }
  if (deleted > 0 || held > 0) log?.info({ deleted, held, retentionDays }, 'retention: old conversations deleted');
  return { deleted, held };
}
