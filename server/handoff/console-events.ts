import type { Urgency } from '../../dialogs/safety/finding.js';

/**
 * What the handoff service tells the counsellor consoles. The console socket layer turns these
 * into frames for the right people (server/routes/console/socket.ts).
 */
export type ConsoleEvent =
  /** The queue changed: every console re-reads it. */
  | { readonly type: 'queue.changed' }
  /** An `immediate` chat arrived (or came back): alert these counsellors now. */
  | { readonly type: 'queue.alert'; readonly conversationId: string; readonly urgency: Urgency; readonly recipients: readonly string[] }
  | { readonly type: 'chat.assigned'; readonly conversationId: string; readonly counsellorId: string }
  | {
      readonly type: 'chat.returned';
      readonly conversationId: string;
      readonly formerCounsellorId: string;
      readonly why: ReturnReason;
    }
  | { readonly type: 'chat.ended'; readonly conversationId: string; readonly by: string | null; readonly why: 'counsellor' | 'child_left' }
  | { readonly type: 'roster.changed' };

/** Why a chat went back to the queue. */
export type ReturnReason = 'console_closed' | 'session_expired' | 'signed_out' | 'transfer_failed';
