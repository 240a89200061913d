/**
 * Repositories of the counsellor console: accounts, console sessions, chat participants, the
 * audit log, case notes, referrals and detector feedback. Implemented over SQL in
 * console-repositories.ts (PGlite and PostgreSQL share the migrations in migrations/1NN_*.sql).
 */

export type CounsellorRole = 'counsellor' | 'supervisor';

export interface CounsellorAccount {
  readonly id: string;
  /** Sign-in name, lower case. */
  readonly username: string;
  /** First name the child sees. */
  readonly firstName: string;
  readonly role: CounsellorRole;
  readonly passwordHash: string;
  readonly failedAttempts: number;
  readonly lockedUntil: Date | null;
  readonly createdAt: Date;
}

export interface AccountRepository {
  create(input: { username: string; firstName: string; role: CounsellorRole; passwordHash: string; now: Date }): Promise<CounsellorAccount>;
  byUsername(username: string): Promise<CounsellorAccount | null>;
  byId(id: string): Promise<CounsellorAccount | null>;
  list(): Promise<readonly CounsellorAccount[]>;
  setPassword(id: string, passwordHash: string): Promise<void>;
  /** A failed sign-in: the new count and, when locked, until when. */
  recordFailure(id: string, failedAttempts: number, lockedUntil: Date | null): Promise<void>;
  clearFailures(id: string): Promise<void>;
}

export interface ConsoleSessionRecord {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  readonly idHash: string;
  readonly accountId: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly endedAt: Date | null;
}

export interface ConsoleSessionRepository {
  create(input: { idHash: string; accountId: string; csrfToken: string; now: Date }): Promise<ConsoleSessionRecord>;
  get(idHash: string): Promise<ConsoleSessionRecord | null>;
  touch(idHash: string, at: Date): Promise<void>;
  end(idHash: string, reason: string, at: Date): Promise<void>;
}

/** Everything the audit log records. Never message text. */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'session_expired',
  'availability',
  'view',
  'accept',
  'join',
  'transfer',
  'end',
  'returned',
  'note',
  'hold_place',
  'hold_release',
  'referral',
  'export',
  'feedback',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly actorId: string | null;
  readonly action: AuditAction;
  readonly conversationId: string | null;
  /** Small facts (ids, reasons chosen from lists, counts); never message text. */
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
}

export interface AuditRepository {
  write(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  list(filter: { conversationId?: string; actorId?: string; limit?: number }): Promise<readonly AuditEntry[]>;
}

export interface ParticipantRepository {
  add(input: { conversationId: string; accountId: string; how: 'accept' | 'join' | 'transfer'; now: Date }): Promise<void>;
  isParticipant(conversationId: string, accountId: string): Promise<boolean>;
  forConversation(conversationId: string): Promise<readonly { accountId: string; how: string; at: Date }[]>;
}

export interface CaseNote {
  readonly id: string;
  readonly conversationId: string;
  readonly authorId: string;
  readonly text: string;
  readonly createdAt: Date;
}

export interface Referral {
  readonly id: string;
  readonly conversationId: string;
  readonly authorId: string;
  readonly toWhom: string;
  readonly why: string;
  readonly createdAt: Date;
}

export interface DetectorFeedback {
  readonly id: string;
  readonly conversationId: string;
  readonly authorId: string;
  readonly kind: 'false_alarm' | 'missed';
  /** The message's seq in the conversation. */
  readonly seq: number;
  /** For a false alarm: the finding's rule id, category and detector version. */
  readonly rule: string | null;
  readonly category: string | null;
  readonly detectorVersion: string | null;
  /** The child's exact words of that message, for content editors to tune against. */
  readonly messageText: string;
  readonly comment: string;
  readonly createdAt: Date;
}

export interface CaseRepository {
  addNote(input: { conversationId: string; authorId: string; text: string; now: Date }): Promise<CaseNote>;
  notes(conversationId: string): Promise<readonly CaseNote[]>;
  addReferral(input: { conversationId: string; authorId: string; toWhom: string; why: string; now: Date }): Promise<Referral>;
  referrals(conversationId: string): Promise<readonly Referral[]>;
  addFeedback(input: Omit<DetectorFeedback, 'id' | 'createdAt'> & { now: Date }): Promise<DetectorFeedback>;
  feedback(limit?: number): Promise<readonly DetectorFeedback[]>;
}

/** All console repositories together. */
export interface ConsoleStore {
  readonly accounts: AccountRepository;
  readonly sessions: ConsoleSessionRepository;
  readonly audit: AuditRepository;
  readonly participants: ParticipantRepository;
  readonly cases: CaseRepository;
}
