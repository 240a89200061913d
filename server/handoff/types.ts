import type { Finding, Urgency } from '../../dialogs/safety/finding.js';
import type { ConversationSummary } from '../../dialogs/types.js';

/**
 * The seam between the conversation (server/sessions) and the people who take over. The
 * sessions layer calls `request` when the dialog emits `handoff.requested`; the handoff service
 * answers through the callbacks it was given at construction (see HandoffEvents).
 */
export interface HandoffRequest {
  readonly conversationId: string;
  readonly urgency: Urgency;
  readonly findings: readonly Finding[];
  readonly reason: 'red_flag' | 'asked_for_person';
  readonly summary: ConversationSummary;
  readonly requestedAt: Date;
}

/** The immediate answer to a request. */
export type HandoffDecision =
  | { readonly outcome: 'queued'; readonly position: number; readonly estimatedWaitSeconds?: number }
  | {
      readonly outcome: 'unavailable';
      readonly reason: 'none_available' | 'closed' | 'wait_too_long';
      /** The child may still wait in the queue when a counsellor may come soon. */
      readonly position?: number;
    };

export interface HandoffService {
  /** Is anyone on shift now (the opening says so honestly)? */
  isCounsellorOnShift(now: Date): Promise<boolean>;
  request(input: HandoffRequest): Promise<HandoffDecision>;
  /** The child left (quick exit, close): take the chat out of the queue. */
  withdraw(conversationId: string, reason: 'quick_exit' | 'ended'): Promise<void>;
}
