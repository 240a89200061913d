import type { DialogEvent } from '../../dialogs/types.js';
import type { ChildPresence, HandoffStatusValue, WireActivity } from '../protocol/index.js';
import type { StoredActivity } from '../store/types.js';

/**
 * The conversation service: the core every transport uses. `/chat` (the widget), Direct Line and
 * the counsellor console all go through it, so a conversation behaves the same whichever door a
 * message came in by. It owns the dialog actors, commits every activity before acknowledging it,
 * and fans committed activities out to live subscribers (one process today; a pub/sub seam for
 * several instances later).
 */

/** Something a subscriber receives: a committed activity (has seq) or an ephemeral one (typing, presence). */
export type LiveItem = StoredLiveItem | { readonly kind: 'ephemeral'; readonly activity: WireActivity };

/** A committed activity on its way to subscribers. */
export interface StoredLiveItem {
  readonly kind: 'stored';
  readonly stored: StoredActivity;
  /** Its wire JSON, filled by the first subscriber that sends it (see `wireJson` in ./activities.ts). */
  json?: string;
}

/** Whether the child is connected right now (defined in server/protocol: the console shows it). */
export type { ChildPresence };

export interface StartedConversation {
  readonly conversationId: string;
  /** Opaque resume token (only its hash is stored). */
  readonly token: string;
}

/** The outcome of a child's message, for the transport to report. */
export type ChildMessageResult =
  | { readonly outcome: 'committed'; readonly ack: StoredActivity; readonly duplicate: boolean }
  | { readonly outcome: 'refused'; readonly code: string; readonly message: string; readonly retryAfterMs?: number };

export interface ConversationService {
  /** New conversation: stores it, issues a token, starts the dialog (which greets first). */
  start(input: { locale?: string; now?: Date }): Promise<StartedConversation>;
  /** The conversation a resume token belongs to, or null if unknown, revoked or expired. */
  resume(token: string): Promise<{ conversationId: string } | null>;
  /** A child's message: validated, committed with the dialog's reply in one turn, then delivered. */
  childMessage(conversationId: string, input: { clientActivityId: string; text: string }): Promise<ChildMessageResult>;
  /** Quick exit or close: revoke tokens, withdraw from the queue, end the dialog. */
  childLeft(conversationId: string, how: 'quick_exit' | 'ended'): Promise<void>;
  /** Child socket presence, so the console can show online/offline. */
  setChildPresence(conversationId: string, presence: ChildPresence): void;
  childPresence(conversationId: string): ChildPresence;
  /** Ephemeral typing from either side (never stored). */
  typing(conversationId: string, from: 'child' | 'counsellor', name?: string): void;
  /** A counsellor's message into the child's stream (stored, seq'd, `sender: "counsellor"`). */
  counsellorMessage(
    conversationId: string,
    input: { counsellorId: string; counsellorName: string; text: string; clientActivityId: string },
  ): Promise<StoredActivity>;
  /** A `handoff.status` event activity into the child's stream. */
  handoffStatus(conversationId: string, value: HandoffStatusValue): Promise<StoredActivity>;
  /** Deliver an event to the conversation's dialog (e.g. handoff.accepted); replies are committed and delivered. */
  dispatch(conversationId: string, event: DialogEvent): Promise<void>;
  /** Committed activities after a seq (replay for resume / Direct Line watermark). */
  history(conversationId: string, afterSeq: number, limit?: number): Promise<readonly StoredActivity[]>;
  /** Live items for one conversation; returns an unsubscribe function. Subscribe before replaying history. */
  subscribe(conversationId: string, listener: (item: LiveItem) => void): () => void;
}
