import type { Finding, Urgency } from '../../dialogs/safety/finding.js';
import type { ConversationSummary } from '../../dialogs/types.js';
import type { SqlQueryable } from './sql-db.js';

/** A handed-off case as stored: findings (with evidence) and the bot's summary. */
export interface HandoffCaseRecord {
  readonly conversationId: string;
  readonly urgency: Urgency;
  readonly reason: 'red_flag' | 'asked_for_person';
  readonly findings: readonly { readonly finding: Finding; readonly foundAt: Date }[];
  readonly summary: ConversationSummary;
  readonly waitingSince: Date;
}

/** Where a case stands. */
export type HandoffCaseState = 'queued' | 'live' | 'closed';

export interface HandoffCaseRepository {
  /** Inserts (as queued) or updates findings and summary; never changes the state. */
  save(record: HandoffCaseRecord, now: Date): Promise<void>;
  get(conversationId: string): Promise<HandoffCaseRecord | null>;
  setState(conversationId: string, state: HandoffCaseState, returnedAt: Date | null, now: Date): Promise<void>;
  /** Cases still queued or live whose conversation has not ended, oldest first (restart). */
  open(limit?: number): Promise<readonly (HandoffCaseRecord & { readonly state: 'queued' | 'live'; readonly returnedAt: Date | null })[]>;
}

interface CaseRow {
  conversation_id: string;
  urgency: Urgency;
  reason: 'red_flag' | 'asked_for_person';
  findings: unknown;
  summary: unknown;
  waiting_since: unknown;
  state: string;
  returned_at: unknown;
}

const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const parse = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

function toRecord(r: CaseRow): HandoffCaseRecord {
  const findings = (parse(r.findings) as { finding: Finding; foundAt: string }[]).map((f) => ({ finding: f.finding, foundAt: new Date(f.foundAt) }));
  return {
    conversationId: r.conversation_id,
    urgency: r.urgency,
    reason: r.reason,
    findings,
    summary: parse(r.summary) as ConversationSummary,
    waitingSince: asDate(r.waiting_since),
  };
}

/** Handoff cases over SQL (migrations/101_handoff_cases.sql). */
export function handoffCaseRepository(db: SqlQueryable): HandoffCaseRepository {
  return {
    async save(r, now) {
      await db.query(
        `INSERT INTO handoff_cases (conversation_id, urgency, reason, findings, summary, waiting_since, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (conversation_id) DO UPDATE SET urgency = $2, reason = $3, findings = $4, summary = $5, updated_at = $7`,
        [
          r.conversationId,
          r.urgency,
          r.reason,
          JSON.stringify(r.findings.map((f) => ({ finding: f.finding, foundAt: f.foundAt.toISOString() }))),
          JSON.stringify(r.summary),
          r.waitingSince,
          now,
        ],
      );
    },
    async get(conversationId) {
      const rows = await db.query<CaseRow>('SELECT * FROM handoff_cases WHERE conversation_id = $1', [conversationId]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async setState(conversationId, state, returnedAt, now) {
      await db.query('UPDATE handoff_cases SET state = $2, returned_at = $3, updated_at = $4 WHERE conversation_id = $1', [
        conversationId,
        state,
        returnedAt,
        now,
      ]);
    },
    async open(limit = 10_000) {
      const rows = await db.query<CaseRow>(
        `SELECT h.* FROM handoff_cases h JOIN conversations c ON c.id = h.conversation_id
         WHERE h.state <> 'closed' AND c.ended_at IS NULL ORDER BY h.waiting_since LIMIT $1`,
        [limit],
      );
      return rows.map((r) => ({
        ...toRecord(r),
        state: r.state === 'live' ? ('live' as const) : ('queued' as const),
        returnedAt: r.returned_at === null || r.returned_at === undefined ? null : asDate(r.returned_at),
      }));
    },
  };
}
