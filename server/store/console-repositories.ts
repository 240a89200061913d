import { randomUUID } from 'node:crypto';
import type { SqlQueryable } from './sql-db.js';
import type {
  AccountRepository,
  AuditAction,
  AuditEntry,
  AuditRepository,
  CaseNote,
  CaseRepository,
  ConsoleSessionRecord,
  ConsoleSessionRepository,
  ConsoleStore,
  CounsellorAccount,
  CounsellorRole,
  DetectorFeedback,
  ParticipantRepository,
  Referral,
} from './console-types.js';

/**
 * The console's repositories over A1's SqlDb seam (PostgreSQL dialect, `$n` parameters), so they
 * run unchanged on PGlite and PostgreSQL. Tables come from migrations/100_console.sql.
 */
export function consoleStore(db: SqlQueryable): ConsoleStore {
  return {
    accounts: accountRepository(db),
    sessions: sessionRepository(db),
    audit: auditRepository(db),
    participants: participantRepository(db),
    cases: caseRepository(db),
  };
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

interface AccountRow {
  id: string;
  username: string;
  first_name: string;
  role: CounsellorRole;
  password_hash: string;
  failed_attempts: number;
  locked_until: unknown;
  created_at: unknown;
}

function toAccount(r: AccountRow): CounsellorAccount {
  return {
    id: r.id,
    username: r.username,
    firstName: r.first_name,
    role: r.role,
    passwordHash: r.password_hash,
    failedAttempts: Number(r.failed_attempts),
    lockedUntil: dateOrNull(r.locked_until),
    createdAt: date(r.created_at),
  };
}

function accountRepository(db: SqlQueryable): AccountRepository {
  return {
    async create({ username, firstName, role, passwordHash, now }) {
      const rows = await db.query<AccountRow>(
        `INSERT INTO counsellor_accounts (id, username, first_name, role, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [randomUUID(), username.toLowerCase(), firstName, role, passwordHash, now],
      );
      return toAccount(rows[0]!);
    },
    async byUsername(username) {
      const rows = await db.query<AccountRow>('SELECT * FROM counsellor_accounts WHERE username = $1', [username.toLowerCase()]);
      return rows[0] ? toAccount(rows[0]) : null;
    },
    async byId(id) {
      const rows = await db.query<AccountRow>('SELECT * FROM counsellor_accounts WHERE id = $1', [id]);
      return rows[0] ? toAccount(rows[0]) : null;
    },
    async list() {
      const rows = await db.query<AccountRow>('SELECT * FROM counsellor_accounts ORDER BY username');
      return rows.map(toAccount);
    },
    async setPassword(id, passwordHash) {
      await db.query('UPDATE counsellor_accounts SET password_hash = $2, failed_attempts = 0, locked_until = NULL WHERE id = $1', [
        id,
        passwordHash,
      ]);
    },
    async recordFailure(id, failedAttempts, lockedUntil) {
      await db.query('UPDATE counsellor_accounts SET failed_attempts = $2, locked_until = $3 WHERE id = $1', [id, failedAttempts, lockedUntil]);
    },
    async clearFailures(id) {
      await db.query('UPDATE counsellor_accounts SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [id]);
    },
  };
}

interface SessionRow {
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: unknown;
  last_seen_at: unknown;
  ended_at: unknown;
}

function toSession(r: SessionRow): ConsoleSessionRecord {
  return {
    idHash: r.id_hash,
    accountId: r.account_id,
    csrfToken: r.csrf_token,
    createdAt: date(r.created_at),
    lastSeenAt: date(r.last_seen_at),
    endedAt: dateOrNull(r.ended_at),
  };
}

function sessionRepository(db: SqlQueryable): ConsoleSessionRepository {
  return {
    async create({ idHash, accountId, csrfToken, now }) {
      const rows = await db.query<SessionRow>(
        `INSERT INTO console_sessions (id_hash, account_id, csrf_token, created_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING *`,
        [idHash, accountId, csrfToken, now],
      );
      return toSession(rows[0]!);
    },
    async get(idHash) {
      const rows = await db.query<SessionRow>('SELECT * FROM console_sessions WHERE id_hash = $1', [idHash]);
      return rows[0] ? toSession(rows[0]) : null;
    },
    async touch(idHash, at) {
      await db.query('UPDATE console_sessions SET last_seen_at = GREATEST(last_seen_at, $2) WHERE id_hash = $1 AND ended_at IS NULL', [
        idHash,
        at,
      ]);
    },
    async end(idHash, reason, at) {
      await db.query('UPDATE console_sessions SET ended_at = $2, end_reason = $3 WHERE id_hash = $1 AND ended_at IS NULL', [
        idHash,
        at,
        reason,
      ]);
    },
  };
}

interface AuditRow {
  id: unknown;
  at: unknown;
  actor_id: string | null;
  action: AuditAction;
  conversation_id: string | null;
  detail: unknown;
}

function auditRepository(db: SqlQueryable): AuditRepository {
  return {
    async write({ at, actorId, action, conversationId, detail }) {
      await db.query('INSERT INTO console_audit (at, actor_id, action, conversation_id, detail) VALUES ($1, $2, $3, $4, $5)', [
        at,
        actorId,
        action,
        conversationId,
        JSON.stringify(detail),
      ]);
    },
    async list({ conversationId, actorId, limit = 200 }) {
      const rows = await db.query<AuditRow>(
        `SELECT * FROM console_audit
         WHERE ($1::text IS NULL OR conversation_id = $1) AND ($2::text IS NULL OR actor_id = $2)
         ORDER BY id DESC LIMIT $3`,
        [conversationId ?? null, actorId ?? null, Math.min(Math.max(1, limit), 1000)],
      );
      return rows.map(
        (r): AuditEntry => ({
          id: Number(r.id),
          at: date(r.at),
          actorId: r.actor_id,
          action: r.action,
          conversationId: r.conversation_id,
          detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as AuditEntry['detail'],
        }),
      );
    },
  };
}

function participantRepository(db: SqlQueryable): ParticipantRepository {
  return {
    async add({ conversationId, accountId, how, now }) {
      await db.query(
        `INSERT INTO chat_participants (conversation_id, account_id, how, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [conversationId, accountId, how, now],
      );
    },
    async isParticipant(conversationId, accountId) {
      const rows = await db.query('SELECT 1 FROM chat_participants WHERE conversation_id = $1 AND account_id = $2 LIMIT 1', [
        conversationId,
        accountId,
      ]);
      return rows.length > 0;
    },
    async forConversation(conversationId) {
      const rows = await db.query<{ account_id: string; how: string; at: unknown }>(
        'SELECT account_id, how, at FROM chat_participants WHERE conversation_id = $1 ORDER BY at',
        [conversationId],
      );
      return rows.map((r) => ({ accountId: r.account_id, how: r.how, at: date(r.at) }));
    },
  };
}

function caseRepository(db: SqlQueryable): CaseRepository {
  return {
    async addNote({ conversationId, authorId, text, now }) {
      const note: CaseNote = { id: randomUUID(), conversationId, authorId, text, createdAt: now };
      await db.query('INSERT INTO case_notes (id, conversation_id, author_id, text, created_at) VALUES ($1, $2, $3, $4, $5)', [
        note.id,
        conversationId,
        authorId,
        text,
        now,
      ]);
      return note;
    },
    async notes(conversationId) {
      const rows = await db.query<{ id: string; conversation_id: string; author_id: string; text: string; created_at: unknown }>(
        'SELECT * FROM case_notes WHERE conversation_id = $1 ORDER BY created_at, id',
        [conversationId],
      );
      return rows.map((r) => ({ id: r.id, conversationId: r.conversation_id, authorId: r.author_id, text: r.text, createdAt: date(r.created_at) }));
    },
    async addReferral({ conversationId, authorId, toWhom, why, now }) {
      const referral: Referral = { id: randomUUID(), conversationId, authorId, toWhom, why, createdAt: now };
      await db.query('INSERT INTO referrals (id, conversation_id, author_id, to_whom, why, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        referral.id,
        conversationId,
        authorId,
        toWhom,
        why,
        now,
      ]);
      return referral;
    },
    async referrals(conversationId) {
      const rows = await db.query<{ id: string; conversation_id: string; author_id: string; to_whom: string; why: string; created_at: unknown }>(
        'SELECT * FROM referrals WHERE conversation_id = $1 ORDER BY created_at, id',
        [conversationId],
      );
      return rows.map((r) => ({
        id: r.id,
        conversationId: r.conversation_id,
        authorId: r.author_id,
        toWhom: r.to_whom,
        why: r.why,
        createdAt: date(r.created_at),
      }));
    },
    async addFeedback(input) {
      const fb: DetectorFeedback = {
        id: randomUUID(),
        conversationId: input.conversationId,
        authorId: input.authorId,
        kind: input.kind,
        seq: input.seq,
        rule: input.rule,
        category: input.category,
        detectorVersion: input.detectorVersion,
        messageText: input.messageText,
        comment: input.comment,
        createdAt: input.now,
      };
      await db.query(
        `INSERT INTO detector_feedback (id, conversation_id, author_id, kind, seq, rule, category, detector_version, message_text, comment, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [fb.id, fb.conversationId, fb.authorId, fb.kind, fb.seq, fb.rule, fb.category, fb.detectorVersion, fb.messageText, fb.comment, fb.createdAt],
      );
      return fb;
    },
    async feedback(limit = 500) {
      const rows = await db.query<{
        id: string;
        conversation_id: string;
        author_id: string;
        kind: 'false_alarm' | 'missed';
        seq: number;
        rule: string | null;
        category: string | null;
        detector_version: string | null;
        message_text: string;
        comment: string;
        created_at: unknown;
      }>('SELECT * FROM detector_feedback ORDER BY created_at DESC, id LIMIT $1', [Math.min(Math.max(1, limit), 5000)]);
      return rows.map((r) => ({
        id: r.id,
        conversationId: r.conversation_id,
        authorId: r.author_id,
        kind: r.kind,
        seq: Number(r.seq),
        rule: r.rule,
        category: r.category,
        detectorVersion: r.detector_version,
        messageText: r.message_text,
        comment: r.comment,
        createdAt: date(r.created_at),
      }));
    },
  };
}
