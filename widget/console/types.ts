/**
 * The shapes the console API and socket send (server/routes/console/). Kept here because the
 * widget may not import the server beyond server/protocol; docs/console.md lists them. Shapes
 * the server also uses are defined once in server/protocol and named here.
 */
import type {
  ChildPresence,
  ConversationSummary,
  FindingView,
  Highlight,
  LiveChatView,
  QueueItemView,
  TranscriptLine as Line,
} from '../../server/protocol/index.js';

export type Role = 'counsellor' | 'supervisor';

export interface Account {
  readonly id: string;
  readonly firstName: string;
  readonly role: Role;
}

export interface Me {
  readonly account: Account;
  readonly username: string;
  readonly csrfToken: string;
  readonly available: boolean;
}

export type QueueItem = QueueItemView;
export type LiveChat = LiveChatView;

export type { FindingView, Highlight, Line };

export type Presence = ChildPresence;

/** The dialog's structured summary (dialogs/ConversationSummary), as the console API sends it. */
export type Summary = ConversationSummary;

export interface ChatView {
  readonly conversationId: string;
  readonly state: 'live' | 'queued' | 'closed';
  readonly counsellor: { readonly id: string; readonly firstName: string } | null;
  readonly yours: boolean;
  readonly presence: Presence;
  readonly urgency: string | null;
  readonly summary: Summary;
  readonly waitingSince: string | null;
  readonly findings: readonly FindingView[];
  readonly lines: readonly Line[];
  readonly notes: readonly { readonly id: string; readonly text: string; readonly at: string }[];
  readonly referrals: readonly { readonly id: string; readonly toWhom: string; readonly why: string; readonly at: string }[];
  readonly holds: readonly { readonly id: number; readonly reason: string; readonly at: string }[];
}

export interface CannedReply {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface Colleague {
  readonly id: string;
  readonly firstName: string;
  readonly role: Role;
  readonly canTakeChats: boolean;
}

/** Frames the console socket sends. */
export type ServerFrame =
  | { readonly type: 'hello'; readonly account: Account; readonly available: boolean }
  | { readonly type: 'queue'; readonly items: readonly QueueItem[]; readonly live?: readonly LiveChat[] }
  | { readonly type: 'alert'; readonly conversationId: string; readonly urgency: string }
  | { readonly type: 'chat.assigned' | 'chat.transferred'; readonly conversationId: string }
  | { readonly type: 'chat.returned' | 'chat.ended'; readonly conversationId: string; readonly why: string }
  | { readonly type: 'line'; readonly conversationId: string; readonly line: Line }
  | { readonly type: 'typing'; readonly conversationId: string; readonly from: 'child' }
  | { readonly type: 'presence'; readonly conversationId: string; readonly presence: Presence }
  | { readonly type: 'session.ended'; readonly reason: string }
  | { readonly type: 'pong' }
  | { readonly type: 'error'; readonly code: string; readonly message: string };
