import type { WireActivity } from '../protocol/index.js';
import { AppendBatcher, type AppendRequest, type AppendRow, type AppendRun, type EncodedAppend } from './append-batcher.js';
import { StoreError } from './errors.js';
import type { SqlDb } from './sql-db.js';
import { findUnstorableJson, findUnstorableText, type UnstorableText } from './text.js';
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

/**
 * Activities with seq > $2, oldest first, at most $3, from rows that each hold a run of activities
 * (migration 008: `activity` at `seq`, then `rest` at seq + 1, seq + 2, …). Seqs are gapless, so the
 * rows needed start between the row holding seq $2 + 1 (the last row starting at or before it) and
 * seq $2 + $3; both ends go through the primary key.
 */
const AFTER_SQL = `
  SELECT a.seq + e.ord AS seq, CASE WHEN e.ord = 0 THEN a.client_activity_id END AS client_activity_id,
         e.activity, a.created_at
    FROM activities a
   CROSS JOIN LATERAL (
         SELECT 0 AS ord, a.activity
          UNION ALL
         SELECT r.ord::integer, r.value FROM json_array_elements(a.rest) WITH ORDINALITY AS r(value, ord)
         ) AS e(ord, activity)
   WHERE a.conversation_id = $1
     AND a.seq >= COALESCE((SELECT max(b.seq) FROM activities b WHERE b.conversation_id = $1 AND b.seq <= $2::bigint + 1), 1)
     AND a.seq <= $2::bigint + $3::bigint
     AND a.seq + e.ord > $2::bigint
   ORDER BY a.seq, e.ord
   LIMIT $3`;

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
  refuseUnstorable(findUnstorableJson(json));
  return json;
}

function refuseUnstorable(problem: UnstorableText | null): void {
  if (problem !== null) {
    throw new StoreError(
      'HARBOUR_ERR_STORE_TEXT',
      problem === 'nul'
        ? 'Text with a NUL character cannot be stored exactly; nothing was written.'
        : 'Text with a lone UTF-16 surrogate cannot be stored exactly; nothing was written.',
    );
  }
}

/** JSON of a document, refused like `serialise` refuses a request. */
function documentJson(value: unknown): string | null {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) return null;
  refuseUnstorable(findUnstorableJson(json));
  return json;
}

/** Plain text (an id, a version), refused like `serialise` refuses a request. */
function checkedText<T extends string | null>(text: T): T {
  if (text !== null) refuseUnstorable(findUnstorableText(text));
  return text;
}

/** A whole number of milliseconds, or the same RangeError `toISOString()` throws for an invalid Date. */
function millisecondsOf(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) date.toISOString();
  return ms;
}

/** The append in harbour_append_batch's JSON format (migration 009). */
function requestOf(
  conversationId: string,
  activities: readonly NewActivity[],
  runs: AppendRun[],
  now: Date,
  options: { snapshot?: SnapshotRecord; checkInDueAt?: Date | null },
): AppendRequest {
  return {
    c: conversationId,
    k: activities[0]?.clientActivityId ?? null,
    t: now.toISOString(),
    n: activities.length,
    a: runs,
    ...(options.snapshot === undefined
      ? {}
      : {
          s: {
            v: options.snapshot.snapshot,
            m: options.snapshot.machineVersion,
            cv: options.snapshot.contentVersion,
          },
        }),
    ...(options.checkInDueAt === undefined ? {} : { hd: true, d: options.checkInDueAt?.toISOString() ?? null }),
  };
}

/**
 * The append as a row of the columnar function (migration 010), for an append of at
 * most one run (`runs`, from runsOf): each document's JSON checked as `serialise` checks the whole.
 */
function rowOf(
  conversationId: string,
  activities: readonly NewActivity[],
  runs: readonly AppendRun[],
  now: Date,
  options: { snapshot?: SnapshotRecord; checkInDueAt?: Date | null },
): AppendRow {
  const run = runs[0];
  const snapshot = options.snapshot;
  return {
    c: checkedText(conversationId),
    k: checkedText(run?.k ?? null),
    t: millisecondsOf(now),
    n: activities.length,
    a: run === undefined ? null : documentJson(run.a),
    m: run?.m === undefined ? null : documentJson(run.m),
    s: snapshot === undefined ? null : (documentJson(snapshot.snapshot) ?? 'null'),
    sm: snapshot === undefined ? null : checkedText(snapshot.machineVersion),
    scv: snapshot === undefined ? null : checkedText(snapshot.contentVersion),
    hd: options.checkInDueAt !== undefined,
    d: options.checkInDueAt === undefined || options.checkInDueAt === null ? null : millisecondsOf(options.checkInDueAt),
  };
}

/**
 * Cuts an append's activities into runs, one stored row each (migration 008): a run starts at the
 * first activity and at every activity with a client id, so each client id is the first of its row.
 * A turn (the child's message, then the bot's replies) is one run.
 */
export function runsOf(activities: readonly NewActivity[]): AppendRun[] {
  const runs: AppendRun[] = [];
  let start = 0;
  for (let index = 1; index <= activities.length; index += 1) {
    if (index < activities.length && (activities[index]?.clientActivityId ?? null) === null) continue;
    const first = activities[start] as NewActivity;
    const rest = activities.slice(start + 1, index).map((item) => item.activity);
    runs.push({
      k: first.clientActivityId ?? null,
      a: first.activity,
      ...(rest.length === 0 ? {} : { m: rest }),
      ...(start === 0 ? {} : { o: start }),
    });
    start = index;
  }
  return runs;
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
    const runs = runsOf(activities);
    const append: EncodedAppend =
      runs.length <= 1
        ? rowOf(conversationId, activities, runs, now, options)
        : serialise(requestOf(conversationId, activities, runs, now, options));
    let outcome;
    try {
      outcome = await this.#batcher.submit(conversationId, append);
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
    const rows = await this.#db.query<ActivityRow>(AFTER_SQL, [conversationId, Math.max(0, Math.floor(afterSeq)), limit]);
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
