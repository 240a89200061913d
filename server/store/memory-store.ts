import { StoreError } from './errors.js';
import { findUnstorableValue, type SettledObjects } from './text.js';
import type {
  AppendResult,
  ConversationRecord,
  ConversationRepository,
  DeleteResult,
  HoldRecord,
  NewActivity,
  RetentionRepository,
  SnapshotRecord,
  Store,
  StoredActivity,
  StreamTicketRepository,
  TokenRepository,
} from './types.js';
import type { WireActivity } from '../protocol/index.js';

/**
 * A conversation's record as fields, its times as milliseconds since the epoch: a Date object costs
 * about 96 bytes of heap, kept per conversation (created, check-in due, token expiry, commit time).
 * Records and Dates are made when read, as the SQL stores make theirs.
 */
interface MemoryConversation {
  readonly id: string;
  readonly locale: string;
  readonly createdAt: number;
  endedAt: number | null;
  endReason: string | null;
  lastSeq: number;
  checkInDueAt: number | null;
  lastActivityAt: number;
  /**
   * Stored activities, oldest first, three slots each (seq n at index 3(n - 1)): the activity as
   * given (its texts shared with the caller's), its commit time (ms) and its client id. One flat
   * list, not a record object per activity, for the garbage collector to walk.
   */
  entries: (WireActivity | number | string | null)[];
  /** Seq by client activity id (made on the first). */
  byClientId: Map<string, number> | null;
  snapshot: SnapshotRecord | null;
  /**
   * The objects of `snapshot` its text check found settled (see SettledObjects in ./text.ts): the
   * next snapshot shares most of them (what the turn did not change), and its check skips them.
   */
  settled: readonly object[];
}

const NOTHING_SETTLED: readonly object[] = Object.freeze([]);

/**
 * Refuses text the SQL stores could not keep exactly (NUL, a lone surrogate), as they do: before
 * anything is written. Returns the snapshot's settled objects, for the check of the next one: the
 * store keeps the snapshot itself, not a copy, so it already counts on nobody changing it in place.
 */
function refuseUnstorable(activities: readonly NewActivity[], snapshot: SnapshotRecord | undefined, before: readonly object[]): readonly object[] {
  const settled: SettledObjects = { before, found: [] };
  if (findUnstorableValue(activities) !== null || (snapshot !== undefined && findUnstorableValue(snapshot, settled) !== null)) {
    throw new StoreError('HARBOUR_ERR_STORE_TEXT', 'Text that cannot be stored exactly; nothing was written.');
  }
  return settled.found;
}

const STRIDE = 3;

/** The conversation's record, with Dates made from its stored milliseconds. */
function recordOf(c: MemoryConversation): ConversationRecord {
  return {
    id: c.id,
    locale: c.locale,
    createdAt: new Date(c.createdAt),
    endedAt: c.endedAt === null ? null : new Date(c.endedAt),
    endReason: c.endReason,
    lastSeq: c.lastSeq,
    checkInDueAt: c.checkInDueAt === null ? null : new Date(c.checkInDueAt),
  };
}

/** The stored activity `seq` of a conversation (1 ≤ seq ≤ lastSeq). */
function storedAt(conversationId: string, conversation: MemoryConversation, seq: number): StoredActivity {
  const at = (seq - 1) * STRIDE;
  const entries = conversation.entries;
  return {
    conversationId,
    seq,
    activity: entries[at] as WireActivity,
    createdAt: new Date(entries[at + 1] as number),
    clientActivityId: entries[at + 2] as string | null,
  };
}

/**
 * Whether every client id is new to the conversation and none repeats within the append. The first
 * activity's id is not looked up again: the caller has just found it is not stored (one look-up of a
 * Map of every client id the conversation has sent, cold in the cache, less per turn).
 */
function hasDistinctNewClientIds(activities: readonly NewActivity[], stored: ReadonlyMap<string, number> | null): boolean {
  let seen: Set<string> | null = null;
  let only: string | undefined;
  for (let index = 0; index < activities.length; index += 1) {
    const id = (activities[index] as NewActivity).clientActivityId;
    if (id === undefined) continue;
    if (index > 0 && stored?.has(id) === true) return false;
    // Usually one id per append: a Set only for a second.
    if (only === undefined) only = id;
    else {
      seen ??= new Set([only]);
      if (seen.has(id)) return false;
      seen.add(id);
    }
  }
  return true;
}

/**
 * NOT DURABLE: everything lives in this process's Maps and is gone when it exits. Same interface
 * and semantics as the SQL store (seqs, duplicates, holds, limits); it exists only as the baseline
 * in benchmarks, so the cost of durability can be measured beside it. Never use it to serve children.
 */
export function createMemoryStore(): Store {
  const conversations = new Map<string, MemoryConversation>();
  /** Token expiry and revocation in ms since the epoch (see MemoryConversation). */
  const tokens = new Map<string, { conversationId: string; expiresAt: number; revokedAt: number | null }>();
  const holds: HoldRecord[] = [];
  const usedTickets = new Map<string, { conversationId: string; expiresAt: Date }>();
  let nextHoldId = 1;
  let isClosed = false;

  const open = (id: string): MemoryConversation | undefined => {
    if (isClosed) throw new StoreError('HARBOUR_ERR_STORE_CLOSED', 'The store is closed');
    return conversations.get(id);
  };
  const isHeld = (id: string): boolean => holds.some((h) => h.conversationId === id && h.releasedAt === null);
  const remove = (id: string): void => {
    conversations.delete(id);
    for (const [hash, token] of tokens) if (token.conversationId === id) tokens.delete(hash);
    for (const [nonce, ticket] of usedTickets) if (ticket.conversationId === id) usedTickets.delete(nonce);
    for (let i = holds.length - 1; i >= 0; i -= 1) if (holds[i]?.conversationId === id) holds.splice(i, 1);
  };

  const conversationRepository: ConversationRepository = {
    async create({ id, locale, now }) {
      if (open(id) !== undefined) throw new StoreError('HARBOUR_ERR_STORE_INPUT', `Conversation ${id} already exists`);
      const conversation: MemoryConversation = {
        id, locale, createdAt: now.getTime(), endedAt: null, endReason: null, lastSeq: 0, checkInDueAt: null,
        lastActivityAt: now.getTime(), entries: [], byClientId: null, snapshot: null, settled: NOTHING_SETTLED,
      };
      conversations.set(id, conversation);
      return recordOf(conversation);
    },
    async get(id) {
      const conversation = open(id);
      return conversation === undefined ? null : recordOf(conversation);
    },
    async append(conversationId, activities, options = {}): Promise<AppendResult> {
      const conversation = open(conversationId);
      if (conversation === undefined) {
        throw new StoreError('HARBOUR_ERR_STORE_NOT_FOUND', `No conversation ${conversationId}; nothing was written.`);
      }
      const settled = refuseUnstorable(activities, options.snapshot, conversation.settled);
      const byClientId = conversation.byClientId;
      const firstClientId = activities[0]?.clientActivityId;
      const originalSeq = firstClientId === undefined ? undefined : byClientId?.get(firstClientId);
      if (originalSeq !== undefined) {
        return { duplicate: true, activities: [storedAt(conversationId, conversation, originalSeq)] };
      }
      if (!hasDistinctNewClientIds(activities, byClientId)) {
        throw new StoreError(
          'HARBOUR_ERR_STORE_INPUT',
          'A client activity id after the first is already stored in this conversation; nothing was written.',
        );
      }
      const now = options.now ?? new Date();
      const time = now.getTime();
      const first = conversation.lastSeq + 1;
      const stored: StoredActivity[] = [];
      for (let index = 0; index < activities.length; index += 1) {
        const item = activities[index] as NewActivity;
        const seq = first + index;
        const clientActivityId = item.clientActivityId ?? null;
        conversation.entries.push(item.activity, time, clientActivityId);
        if (clientActivityId !== null) (conversation.byClientId ??= new Map()).set(clientActivityId, seq);
        stored.push({ conversationId, seq, clientActivityId, activity: item.activity, createdAt: now });
      }
      conversation.lastSeq += stored.length;
      if (options.checkInDueAt !== undefined) conversation.checkInDueAt = options.checkInDueAt?.getTime() ?? null;
      if (time > conversation.lastActivityAt) conversation.lastActivityAt = time;
      if (options.snapshot !== undefined) {
        conversation.snapshot = options.snapshot;
        conversation.settled = settled;
      }
      return { duplicate: false, activities: stored };
    },
    async after(conversationId, afterSeq, limit = 500) {
      // seqs are 1..n at indexes 0..n-1.
      const from = Math.max(0, Math.floor(afterSeq));
      const conversation = open(conversationId);
      if (conversation === undefined) return [];
      const to = Math.min(conversation.lastSeq, from + limit);
      const out: StoredActivity[] = [];
      for (let seq = from + 1; seq <= to; seq += 1) out.push(storedAt(conversationId, conversation, seq));
      return out;
    },
    async latestSnapshot(conversationId) {
      return open(conversationId)?.snapshot ?? null;
    },
    async end(conversationId, reason, now) {
      const conversation = open(conversationId);
      if (conversation === undefined) return;
      conversation.endedAt ??= now.getTime();
      conversation.endReason ??= reason;
      conversation.checkInDueAt = null;
      if (now.getTime() > conversation.lastActivityAt) conversation.lastActivityAt = now.getTime();
    },
    async setCheckIn(conversationId, dueAt) {
      const conversation = open(conversationId);
      if (conversation !== undefined) conversation.checkInDueAt = dueAt?.getTime() ?? null;
    },
    async dueCheckIns(now, limit = 100) {
      return [...conversations.values()]
        .filter((c) => c.endedAt === null && c.checkInDueAt !== null && c.checkInDueAt <= now.getTime())
        .sort((a, b) => (a.checkInDueAt as number) - (b.checkInDueAt as number) || (a.id < b.id ? -1 : 1))
        .slice(0, limit)
        .map((c) => ({ id: c.id, dueAt: new Date(c.checkInDueAt as number) }));
    },
  };

  const tokenRepository: TokenRepository = {
    async issue({ tokenHash, conversationId, expiresAt }) {
      if (open(conversationId) === undefined) throw new StoreError('HARBOUR_ERR_STORE_NOT_FOUND', `No conversation ${conversationId}`);
      tokens.set(tokenHash, { conversationId, expiresAt: expiresAt.getTime(), revokedAt: null });
    },
    async resolve(tokenHash, now) {
      const token = tokens.get(tokenHash);
      return token === undefined || token.revokedAt !== null || token.expiresAt <= now.getTime()
        ? null
        : { conversationId: token.conversationId };
    },
    async touch(tokenHash, expiresAt) {
      const token = tokens.get(tokenHash);
      if (token !== undefined && token.revokedAt === null) token.expiresAt = expiresAt.getTime();
    },
    async revokeForConversation(conversationId, now) {
      for (const token of tokens.values()) if (token.conversationId === conversationId) token.revokedAt ??= now.getTime();
    },
  };

  const streamTickets: StreamTicketRepository = {
    async claim({ nonce, conversationId, expiresAt, now }) {
      for (const [key, ticket] of usedTickets) if (ticket.expiresAt <= now) usedTickets.delete(key);
      if (open(conversationId) === undefined) return true;
      if (usedTickets.has(nonce)) return false;
      usedTickets.set(nonce, { conversationId, expiresAt });
      return true;
    },
  };

  const retention: RetentionRepository = {
    async placeHold({ conversationId, placedBy, reason, now }) {
      if (open(conversationId) === undefined) throw new StoreError('HARBOUR_ERR_STORE_NOT_FOUND', `No conversation ${conversationId} to hold`);
      const hold: HoldRecord = { id: nextHoldId++, conversationId, placedBy, reason, placedAt: now, releasedAt: null };
      holds.push(hold);
      return hold;
    },
    async releaseHold(holdId, now) {
      const index = holds.findIndex((h) => h.id === holdId && h.releasedAt === null);
      if (index < 0) return false;
      holds[index] = { ...(holds[index] as HoldRecord), releasedAt: now };
      return true;
    },
    async activeHolds(conversationId) {
      return holds.filter((h) => h.conversationId === conversationId && h.releasedAt === null);
    },
    async deleteConversation(conversationId): Promise<DeleteResult> {
      if (open(conversationId) === undefined) return { deleted: false, held: false };
      if (isHeld(conversationId)) return { deleted: false, held: true };
      remove(conversationId);
      return { deleted: true, held: false };
    },
    async deleteExpired(now, olderThanMs, limit = 500) {
      const cutoff = now.getTime() - olderThanMs;
      const expired = [...conversations.values()].filter((c) => c.lastActivityAt < cutoff);
      let deleted = 0;
      let held = 0;
      for (const c of expired) {
        if (isHeld(c.id)) held += 1;
        else if (deleted < limit) {
          remove(c.id);
          deleted += 1;
        }
      }
      return { deleted, held };
    },
  };

  return {
    kind: 'memory',
    conversations: conversationRepository,
    tokens: tokenRepository,
    retention,
    streamTickets,
    async migrate() {},
    async close() {
      isClosed = true;
    },
  };
}
