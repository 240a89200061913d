import type { WireActivity } from '../protocol/index.js';

/**
 * Repository interfaces: the only way the server touches storage. Drivers (PGlite by default,
 * PostgreSQL when DATABASE_URL is set, memory for benchmarks) live behind them and share one set
 * of SQL migrations.
 */

export interface ConversationRecord {
  readonly id: string;
  readonly locale: string;
  readonly createdAt: Date;
  /** Set when the conversation is over (goodbye, quick exit, counsellor ended it). */
  readonly endedAt: Date | null;
  readonly endReason: string | null;
  readonly lastSeq: number;
  /** When the dialog's check-in is due (the dialog asked for it; the server keeps it). */
  readonly checkInDueAt: Date | null;
}

/** An activity as committed, with its per-conversation sequence number. */
export interface StoredActivity {
  readonly conversationId: string;
  readonly seq: number;
  /** The client's id for child messages, unique per conversation. */
  readonly clientActivityId: string | null;
  readonly activity: WireActivity;
  readonly createdAt: Date;
}

/** What to append: the activity without its seq (the store assigns it in order). */
export interface NewActivity {
  readonly clientActivityId?: string;
  readonly activity: WireActivity;
}

/** A dialog snapshot and the versions it was made with (restored only if they still fit). */
export interface SnapshotRecord {
  readonly snapshot: unknown;
  readonly machineVersion: string;
  readonly contentVersion: string;
}

export interface AppendResult {
  /** In the order given; a duplicate child message returns the stored original. */
  readonly activities: readonly StoredActivity[];
  /** True when the first activity's clientActivityId was already stored: nothing was written. */
  readonly duplicate: boolean;
}

export interface ConversationRepository {
  create(input: { id: string; locale: string; now: Date }): Promise<ConversationRecord>;
  get(id: string): Promise<ConversationRecord | null>;
  /**
   * Append activities in one transaction, assigning consecutive seqs, together with the dialog
   * snapshot that the turn produced. If `activities[0].clientActivityId` already exists in the
   * conversation, nothing is written and the stored original is returned with `duplicate: true`.
   */
  append(
    conversationId: string,
    activities: readonly NewActivity[],
    options?: { snapshot?: SnapshotRecord; checkInDueAt?: Date | null; now?: Date },
  ): Promise<AppendResult>;
  /** Activities with seq > afterSeq, oldest first, at most `limit`. */
  after(conversationId: string, afterSeq: number, limit?: number): Promise<readonly StoredActivity[]>;
  latestSnapshot(conversationId: string): Promise<SnapshotRecord | null>;
  end(conversationId: string, reason: string, now: Date): Promise<void>;
  setCheckIn(conversationId: string, dueAt: Date | null): Promise<void>;
  /** Conversations whose check-in is due at `now`, for the server's deadline sweeper. */
  dueCheckIns(now: Date, limit?: number): Promise<readonly { id: string; dueAt: Date }[]>;
}

export interface TokenRepository {
  /** Stores only a hash of the token. */
  issue(input: { tokenHash: string; conversationId: string; now: Date; expiresAt: Date }): Promise<void>;
  /** The conversation a live (unrevoked, unexpired) token belongs to. */
  resolve(tokenHash: string, now: Date): Promise<{ conversationId: string } | null>;
  /** Extends a live token's expiry (the child is still here). */
  touch(tokenHash: string, expiresAt: Date): Promise<void>;
  revokeForConversation(conversationId: string, now: Date): Promise<void>;
}

/**
 * Used one-use stream tickets (Direct Line `streamUrl`s), shared by every instance on the database,
 * so a ticket used on one instance is refused on all. Rows live until the ticket expires.
 */
export interface StreamTicketRepository {
  /**
   * Records the ticket `nonce` as used. True the first time (on any instance); false if it was
   * already used and has not expired. True as well when the conversation does not exist (nothing
   * to record): the caller refuses unknown conversations itself. Also sweeps a bounded number of
   * expired rows.
   */
  claim(input: { nonce: string; conversationId: string; expiresAt: Date; now: Date }): Promise<boolean>;
}

/** A safeguarding hold: while unreleased, the conversation is never deleted. */
export interface HoldRecord {
  readonly id: number;
  readonly conversationId: string;
  readonly placedBy: string;
  readonly reason: string;
  readonly placedAt: Date;
  readonly releasedAt: Date | null;
}

/** What a deletion did. */
export interface DeleteResult {
  /** The conversation and everything derived from it (activities, snapshot, tokens) are gone. */
  readonly deleted: boolean;
  /** An unreleased hold kept it: nothing was deleted. */
  readonly held: boolean;
}

/** Retention: holds, "delete my chat", and the scheduled expiry sweep. */
export interface RetentionRepository {
  placeHold(input: { conversationId: string; placedBy: string; reason: string; now: Date }): Promise<HoldRecord>;
  /** Releases one hold; returns false if it does not exist or was already released. */
  releaseHold(holdId: number, now: Date): Promise<boolean>;
  /** Unreleased holds on a conversation, oldest first. */
  activeHolds(conversationId: string): Promise<readonly HoldRecord[]>;
  /**
   * Deletes the conversation and everything that references it (ON DELETE CASCADE), unless an
   * unreleased hold exists. `{ deleted: false, held: false }` means there was no such conversation.
   */
  deleteConversation(conversationId: string): Promise<DeleteResult>;
  /**
   * Deletes up to `limit` (default 500) conversations whose last activity is older than
   * `now - olderThanMs`, skipping held ones. Call again while `deleted === limit`.
   * `held` counts expired conversations kept by a hold.
   */
  deleteExpired(now: Date, olderThanMs: number, limit?: number): Promise<{ deleted: number; held: number }>;
}

/** The store: repositories plus lifecycle. */
export interface Store {
  readonly kind: 'pglite' | 'postgres' | 'memory';
  readonly conversations: ConversationRepository;
  readonly tokens: TokenRepository;
  readonly retention: RetentionRepository;
  /**
   * Used stream tickets (optional so other Store implementations keep compiling; both built-in
   * stores have it, and the server passes it to Direct Line).
   */
  readonly streamTickets?: StreamTicketRepository;
  /** Runs pending migrations; idempotent. */
  migrate(): Promise<void>;
  /** Waits for in-flight commits, then closes. */
  close(): Promise<void>;
}
