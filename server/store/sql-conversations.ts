import type { WireActivity } from '../protocol/index.js';
import { AppendBatcher, type AppendRequest } from './append-batcher.js';
import { StoreError } from './errors.js';
import type { SqlDb } from './sql-db.js';
import { findUnstorableJson } from './text.js';
import type {
  AppendResult,
  ConversationRecord,
  ConversationRepository,
  NewActivity,
  SnapshotRecord,
  StoredActivity,
} from './types.js';

/** Most activities `after()` returns when no limit is given, and the largest limit allowed. */
export const DEFAULT_AFTER_LIMIT = 500;
export const MAX_AFTER_LIMIT = 10_000;
/** Most due check-ins `dueCheckIns()` returns when no limit is given. */
export const DEFAULT_DUE_LIMIT = 100;

interface ConversationRow {
  id: string;
  locale: string;
  created_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  last_seq: number;
  check_in_due_at: Date | null;
}

interface ActivityRow {
  seq: number;
  client_activity_id: string | null;
  activity: WireActivity;
  created_at: Date;
}

const CONVERSATION_COLUMNS = 'id, locale, created_at, ended_at, end_reason, last_seq, check_in_due_at';

function toConversation(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    locale: row.locale,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
    lastSeq: row.last_seq,
    checkInDueAt: row.check_in_due_at,
  };
}

/** Throws HARBOUR_ERR_STORE_INPUT unless `limit` is an integer in 1..max. */
export function checkLimit(limit: number, max: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new StoreError('HARBOUR_ERR_STORE_INPUT', `limit must be a whole number from 1 to ${max}, got ${limit}`);
  }
  return limit;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/**
 * Serialises one append for `harbour_append`, refusing text PostgreSQL cannot keep exactly
 * (checked on the whole request, so activities and snapshot alike).
 */
function serialise(request: AppendRequest): string {
  const json = JSON.stringify(request);
  const problem = findUnstorableJson(json);
  if (problem !== null) {
    throw new StoreError(
      'HARBOUR_ERR_STORE_TEXT',
      problem === 'nul'
        ? 'Text with a NUL character cannot be stored exactly; nothing was written.'
        : 'Text with a lone UTF-16 surrogate cannot be stored exactly; nothing was written.',
    );
  }
  return json;
}

/** ConversationRepository in SQL over a SqlDb (PGlite or PostgreSQL alike). */
export class SqlConversationRepository implements ConversationRepository {
  readonly #db: SqlDb;
  readonly #batcher: AppendBatcher;
  #isClosing = false;

  constructor(db: SqlDb, batcher: AppendBatcher = new AppendBatcher(db)) {
    this.#db = db;
    this.#batcher = batcher;
  }

  /** Group-commit figures: appends sent and the statements that carried them. */
  appendStats(): { readonly statements: number; readonly appends: number } {
    return this.#batcher.stats();
  }

  /** Refuses new appends (HARBOUR_ERR_STORE_CLOSED), then waits for every queued append to commit. */
  closeAndDrain(): Promise<void> {
    this.#isClosing = true;
    return this.#batcher.drain();
  }

  async create(input: { id: string; locale: string; now: Date }): Promise<ConversationRecord> {
    try {
      const rows = await this.#db.query<ConversationRow>(
        `INSERT INTO conversations (id, locale, created_at, last_activity_at)
         VALUES ($1, $2, $3::timestamptz, $3::timestamptz) RETURNING ${CONVERSATION_COLUMNS}`,
        [input.id, input.locale, input.now],
      );
      return toConversation(rows[0] as ConversationRow);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new StoreError('HARBOUR_ERR_STORE_INPUT', `Conversation ${input.id} already exists`, { cause: error });
      }
      throw error;
    }
  }

  async get(id: string): Promise<ConversationRecord | null> {
    const rows = await this.#db.query<ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = $1`,
      [id],
    );
    return rows[0] === undefined ? null : toConversation(rows[0]);
  }

  /**
   * See ConversationRepository.append. Throws HARBOUR_ERR_STORE_NOT_FOUND for an unknown
   * conversation and HARBOUR_ERR_STORE_TEXT for text that cannot be kept exactly; in both cases
   * nothing is written. On a duplicate, `activities` holds the stored original of the first only.
   */
  async append(
    conversationId: string,
    activities: readonly NewActivity[],
    options: { snapshot?: SnapshotRecord; checkInDueAt?: Date | null; now?: Date } = {},
  ): Promise<AppendResult> {
    if (this.#isClosing) {
      throw new StoreError('HARBOUR_ERR_STORE_CLOSED', 'The store is closing; nothing was written.');
    }
    const now = options.now ?? new Date();
    const request: AppendRequest = {
      c: conversationId,
      k: activities[0]?.clientActivityId ?? null,
      t: now.toISOString(),
      a: activities.map((item) => ({ k: item.clientActivityId ?? null, a: item.activity })),
      ...(options.snapshot === undefined
        ? {}
        : {
            s: {
              v: options.snapshot.snapshot,
              m: options.snapshot.machineVersion,
              cv: options.snapshot.contentVersion,
            },
          }),
      ...(options.checkInDueAt === undefined ? {} : { d: options.checkInDueAt?.toISOString() ?? null }),
    };
    let outcome;
    try {
      outcome = await this.#batcher.submit(conversationId, serialise(request));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new StoreError(
          'HARBOUR_ERR_STORE_INPUT',
          'A client activity id after the first is already stored in this conversation; nothing was written.',
          { cause: error },
        );
      }
      throw error;
    }
    switch (outcome.st) {
      case 'missing':
        throw new StoreError('HARBOUR_ERR_STORE_NOT_FOUND', `No conversation ${conversationId}; nothing was written.`);
      case 'dup':
        return {
          duplicate: true,
          activities: [
            {
              conversationId,
              seq: outcome.row.seq,
              clientActivityId: outcome.row.k,
              activity: outcome.row.a,
              createdAt: new Date(outcome.row.t),
            },
          ],
        };
      case 'ok':
        return {
          duplicate: false,
          activities: activities.map((item, index) => ({
            conversationId,
            seq: outcome.first + index,
            clientActivityId: item.clientActivityId ?? null,
            activity: item.activity,
            createdAt: now,
          })),
        };
    }
  }

  async after(conversationId: string, afterSeq: number, limit = DEFAULT_AFTER_LIMIT): Promise<readonly StoredActivity[]> {
    checkLimit(limit, MAX_AFTER_LIMIT);
    if (!Number.isFinite(afterSeq)) {
      throw new StoreError('HARBOUR_ERR_STORE_INPUT', `afterSeq must be a number, got ${afterSeq}`);
    }
    const rows = await this.#db.query<ActivityRow>(
      `SELECT seq, client_activity_id, activity, created_at FROM activities
        WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [conversationId, Math.max(0, Math.floor(afterSeq)), limit],
    );
    return rows.map((row) => ({
      conversationId,
      seq: row.seq,
      clientActivityId: row.client_activity_id,
      activity: row.activity,
      createdAt: row.created_at,
    }));
  }

  async latestSnapshot(conversationId: string): Promise<SnapshotRecord | null> {
    const rows = await this.#db.query<{ snapshot: unknown; machine_version: string; content_version: string }>(
      'SELECT snapshot, machine_version, content_version FROM snapshots WHERE conversation_id = $1',
      [conversationId],
    );
    const row = rows[0];
    return row === undefined
      ? null
      : { snapshot: row.snapshot, machineVersion: row.machine_version, contentVersion: row.content_version };
  }

  /** Marks the conversation ended (first reason wins) and clears its check-in; no-op if unknown. */
  async end(conversationId: string, reason: string, now: Date): Promise<void> {
    await this.#db.query(
      `UPDATE conversations
          SET ended_at = COALESCE(ended_at, $3::timestamptz), end_reason = COALESCE(end_reason, $2),
              check_in_due_at = NULL, last_activity_at = GREATEST(last_activity_at, $3::timestamptz)
        WHERE id = $1`,
      [conversationId, reason, now],
    );
  }

  /** Sets or clears the check-in deadline; no-op if the conversation is unknown. */
  async setCheckIn(conversationId: string, dueAt: Date | null): Promise<void> {
    await this.#db.query('UPDATE conversations SET check_in_due_at = $2::timestamptz WHERE id = $1', [
      conversationId,
      dueAt,
    ]);
  }

  async dueCheckIns(now: Date, limit = DEFAULT_DUE_LIMIT): Promise<readonly { id: string; dueAt: Date }[]> {
    checkLimit(limit, MAX_AFTER_LIMIT);
    const rows = await this.#db.query<{ id: string; check_in_due_at: Date }>(
      `SELECT id, check_in_due_at FROM conversations
        WHERE check_in_due_at <= $1::timestamptz AND ended_at IS NULL
        ORDER BY check_in_due_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => ({ id: row.id, dueAt: row.check_in_due_at }));
  }
}
