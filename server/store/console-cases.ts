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

export interface HandoffCaseRepository {
  save(record: HandoffCaseRecord, now: Date): Promise<void>;
  get(conversationId: string): Promise<HandoffCaseRecord | null>;
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
      const rows = await db.query<{
        conversation_id: string;
        urgency: Urgency;
        reason: 'red_flag' | 'asked_for_person';
        findings: unknown;
        summary: unknown;
        waiting_since: unknown;
      }>('SELECT * FROM handoff_cases WHERE conversation_id = $1', [conversationId]);
      const r = rows[0];
      if (!r) return null;
      const parse = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
      const findings = (parse(r.findings) as { finding: Finding; foundAt: string }[]).map((f) => ({ finding: f.finding, foundAt: new Date(f.foundAt) }));
      return {
        conversationId: r.conversation_id,
        urgency: r.urgency,
        reason: r.reason,
        findings,
        summary: parse(r.summary) as ConversationSummary,
        waitingSince: r.waiting_since instanceof Date ? r.waiting_since : new Date(String(r.waiting_since)),
      };
    },
  };
}
