import { URGENCY_RANK, type Finding, type Urgency } from '../../dialogs/safety/finding.js';
import type { ConversationSummary } from '../../dialogs/types.js';

/** A finding and when it was reported: its evidence's `turnsAgo` counts back from the child's last message by then. */
export interface AnchoredFinding {
  readonly finding: Finding;
  readonly foundAt: Date;
}

/** One chat waiting for a counsellor. */
export interface QueueEntry {
  readonly conversationId: string;
  readonly urgency: Urgency;
  readonly reason: 'red_flag' | 'asked_for_person';
  readonly findings: readonly AnchoredFinding[];
  readonly summary: ConversationSummary;
  /** When the child first asked; waiting time counts from here, also after a return. */
  readonly waitingSince: Date;
  /** Set when a counsellor's side failed: the chat goes back to the top of the queue. */
  readonly returnedAt: Date | null;
}

/**
 * Queue order: chats returned after a counsellor's side failed first (they had already been
 * reached and lost one), then urgency (immediate, high, normal), then the longest wait first.
 * Ties fall back to the conversation id so the order is total and stable.
 */
export function compareQueueEntries(a: QueueEntry, b: QueueEntry): number {
  const returned = Number(b.returnedAt !== null) - Number(a.returnedAt !== null);
  if (returned !== 0) return returned;
  if (a.returnedAt !== null && b.returnedAt !== null && a.returnedAt.getTime() !== b.returnedAt.getTime()) {
    return a.returnedAt.getTime() - b.returnedAt.getTime();
  }
  const urgency = URGENCY_RANK[b.urgency] - URGENCY_RANK[a.urgency];
  if (urgency !== 0) return urgency;
  const waited = a.waitingSince.getTime() - b.waitingSince.getTime();
  if (waited !== 0) return waited;
  return a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0;
}

/** The waiting chats, in memory, always read in {@link compareQueueEntries} order. */
export class HandoffQueue {
  readonly #entries = new Map<string, QueueEntry>();

  /** Add or replace the entry for a conversation. */
  put(entry: QueueEntry): void {
    this.#entries.set(entry.conversationId, entry);
  }

  get(conversationId: string): QueueEntry | undefined {
    return this.#entries.get(conversationId);
  }

  has(conversationId: string): boolean {
    return this.#entries.has(conversationId);
  }

  remove(conversationId: string): QueueEntry | undefined {
    const entry = this.#entries.get(conversationId);
    this.#entries.delete(conversationId);
    return entry;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Every waiting chat, most pressing first. */
  ordered(): QueueEntry[] {
    return [...this.#entries.values()].sort(compareQueueEntries);
  }

  /** 1-based place in the queue, or undefined when not waiting. */
  position(conversationId: string): number | undefined {
    if (!this.#entries.has(conversationId)) return undefined;
    return this.ordered().findIndex((e) => e.conversationId === conversationId) + 1;
  }
}
