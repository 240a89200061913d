import { checkLimit } from './sql-conversations.js';
import { StoreError } from './errors.js';
import type { SqlDb } from './sql-db.js';
import type { DeleteResult, HoldRecord, RetentionRepository } from './types.js';

/** Default and largest number of conversations one `deleteExpired` call removes. */
export const DEFAULT_EXPIRE_LIMIT = 500;
export const MAX_EXPIRE_LIMIT = 10_000;

interface HoldRow {
  id: number;
  conversation_id: string;
  placed_by: string;
  reason: string;
  placed_at: Date;
  released_at: Date | null;
}

const HOLD_COLUMNS = 'id, conversation_id, placed_by, reason, placed_at, released_at';
const ACTIVE_HOLD = 'EXISTS (SELECT 1 FROM holds h WHERE h.conversation_id = c.id AND h.released_at IS NULL)';

function toHold(row: HoldRow): HoldRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    placedBy: row.placed_by,
    reason: row.reason,
    placedAt: row.placed_at,
    releasedAt: row.released_at,
  };
}

/**
 * Retention in SQL. Deleting a conversation row deletes everything that references it ON DELETE
 * CASCADE (activities, snapshot, tokens, released holds, and any table another module adds the
 * same way). Conversation rows are locked FOR UPDATE before the hold check, and the check runs in a
 * later statement, so a hold placed concurrently either is seen or waits and then finds no conversation.
 */
export class SqlRetentionRepository implements RetentionRepository {
  readonly #db: SqlDb;

  constructor(db: SqlDb) {
    this.#db = db;
  }

  async placeHold(input: { conversationId: string; placedBy: string; reason: string; now: Date }): Promise<HoldRecord> {
    try {
      const rows = await this.#db.query<HoldRow>(
        `INSERT INTO holds (conversation_id, placed_by, reason, placed_at) VALUES ($1, $2, $3, $4::timestamptz)
         RETURNING ${HOLD_COLUMNS}`,
        [input.conversationId, input.placedBy, input.reason, input.now],
      );
      return toHold(rows[0] as HoldRow);
    } catch (error) {
      if ((error as { code?: unknown }).code === '23503') {
        throw new StoreError('HARBOUR_ERR_STORE_NOT_FOUND', `No conversation ${input.conversationId} to hold`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async releaseHold(holdId: number, now: Date): Promise<boolean> {
    const rows = await this.#db.query(
      'UPDATE holds SET released_at = $2::timestamptz WHERE id = $1 AND released_at IS NULL RETURNING id',
      [holdId, now],
    );
    return rows.length > 0;
  }

  async activeHolds(conversationId: string): Promise<readonly HoldRecord[]> {
    const rows = await this.#db.query<HoldRow>(
      `SELECT ${HOLD_COLUMNS} FROM holds WHERE conversation_id = $1 AND released_at IS NULL ORDER BY placed_at, id`,
      [conversationId],
    );
    return rows.map(toHold);
  }

  deleteConversation(conversationId: string): Promise<DeleteResult> {
    return this.#db.transaction(async (tx) => {
      const found = await tx.query('SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
      if (found.length === 0) return { deleted: false, held: false };
      const held = await tx.query(
        `SELECT 1 FROM conversations c WHERE c.id = $1 AND ${ACTIVE_HOLD}`,
        [conversationId],
      );
      if (held.length > 0) return { deleted: false, held: true };
      await tx.query('DELETE FROM conversations WHERE id = $1', [conversationId]);
      return { deleted: true, held: false };
    });
  }

  async deleteExpired(now: Date, olderThanMs: number, limit = DEFAULT_EXPIRE_LIMIT): Promise<{ deleted: number; held: number }> {
    checkLimit(limit, MAX_EXPIRE_LIMIT);
    if (!Number.isFinite(olderThanMs) || olderThanMs < 0) {
      throw new StoreError('HARBOUR_ERR_STORE_INPUT', `olderThanMs must be a non-negative number, got ${olderThanMs}`);
    }
    const cutoff = new Date(now.getTime() - olderThanMs);
    return this.#db.transaction(async (tx) => {
      const candidates = await tx.query<{ id: string }>(
        `SELECT c.id FROM conversations c
          WHERE c.last_activity_at < $1::timestamptz AND NOT ${ACTIVE_HOLD}
          ORDER BY c.last_activity_at, c.id LIMIT $2 FOR UPDATE OF c`,
        [cutoff, limit],
      );
      let deleted = 0;
      if (candidates.length > 0) {
        const gone = await tx.query(
          `DELETE FROM conversations c WHERE c.id = ANY($1::text[]) AND NOT ${ACTIVE_HOLD} RETURNING c.id`,
          [candidates.map((row) => row.id)],
        );
        deleted = gone.length;
      }
      const held = await tx.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM conversations c WHERE c.last_activity_at < $1::timestamptz AND ${ACTIVE_HOLD}`,
        [cutoff],
      );
      return { deleted, held: held[0]?.n ?? 0 };
    });
  }
}
