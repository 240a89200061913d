import type { Activity, CardAction } from 'botframework-schema';

/**
 * The wire contract of `/chat` (and, later, Direct Line): every frame is one JSON Bot Framework
 * Activity. This module is the one door: the server, the widget and the tests all use these
 * types. docs/protocol.md explains them in prose.
 */

/** Who wrote a conversation activity the server sends. */
export type Sender = 'bot' | 'counsellor' | 'child';

/** What Harbour puts in `channelData` of activities it sends. */
export interface HarbourChannelData {
  /**
   * Per-conversation sequence number, 1, 2, 3…, on every activity that is part of the
   * conversation log (messages, acks, handoff events). It is also the Direct Line watermark.
   * Control events that are not stored (`session`, `pong`, `error`, `typing`) carry none.
   */
  readonly seq?: number;
  readonly sender?: Sender;
  /** The client's own id for a message, echoed in acks (Direct Line's `clientActivityID`). */
  readonly clientActivityID?: string;
  /** The content key that produced a bot message (for `--explain` and tests; never text). */
  readonly key?: string;
}

/** The activity shape Harbour sends and accepts: a Bot Framework Activity, narrowed. */
export type WireActivity = Omit<Partial<Activity>, 'channelData'> & {
  readonly type: string;
  readonly channelData?: HarbourChannelData;
};

/** Names of event activities on `/chat`. */
export const EVENT = {
  /** server → client, first frame on every socket: `SessionValue`. */
  session: 'session',
  /** client → server, first frame on a reconnecting socket: `ResumeValue`. */
  resume: 'session.resume',
  /** client → server: the child pressed quick exit. The server revokes the token and closes. */
  quickExit: 'session.quickExit',
  /** client → server: the child closed the chat on purpose. */
  end: 'session.end',
  /** client → server keep-alive; the server answers `pong` with the same value. */
  ping: 'ping',
  pong: 'pong',
  /** server → client: something the client sent was refused: `ErrorValue`. */
  error: 'error',
  /** server → client: the dialogs escalated: `HandoffInitiateValue`. */
  handoffInitiate: 'handoff.initiate',
  /** server → client: `HandoffStatusValue`. */
  handoffStatus: 'handoff.status',
  /** server → client: the conversation is over (bot said goodbye, counsellor ended it). */
  conversationEnded: 'conversation.ended',
  /**
   * server → client, not stored: the child asked for their chat to be deleted and it was. The
   * value is `{ message }` in plain words; the socket then closes with 4002. Forget everything.
   */
  conversationDeleted: 'conversation.deleted',
} as const;

/** Value of the `session` event. The token is opaque; keep it in `sessionStorage` only. */
export interface SessionValue {
  readonly conversationId: string;
  readonly token: string;
  /** True when this socket resumed an existing conversation. */
  readonly resumed: boolean;
  /** The highest `seq` in the conversation when the socket opened. */
  readonly lastSeq: number;
  /** Limits the widget should honour so the child never hits a surprise. */
  readonly limits: { readonly maxTextChars: number; readonly messagesPerMinute: number };
}

/** Value of the `session.resume` event. */
export interface ResumeValue {
  readonly token: string;
  /** The highest `seq` the client has shown; the server replays everything after it. */
  readonly lastSeq: number;
}

/** Value of an `error` event. `code` is stable; `key` is a content key the widget may show. */
export interface ErrorValue {
  readonly code: string;
  readonly message: string;
  /** The client id of the message that was refused, so the widget can mark it and keep the draft. */
  readonly replyToId?: string;
  /** When the client may retry the same message (rate limit). */
  readonly retryAfterMs?: number;
}

/** Close codes on `/chat` (docs/protocol.md). */
export const CLOSE = {
  normal: 1000,
  policy: 1008,
  tooBig: 1009,
  serverFault: 1011,
  restart: 1012,
  overCapacity: 1013,
  replaced: 4001,
  /** The conversation is over or its token was revoked; do not resume. */
  ended: 4002,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** A quick reply: tapping it sends `value` as the child's message. */
export function quickReply(title: string, value: string = title): CardAction {
  return { type: 'imBack', title, value };
}

/** A tap-to-call action; the number also stays in the message text. */
export function callAction(title: string, phone: string): CardAction {
  return { type: 'call', title, value: `tel:${phone.replace(/[^+\d]/g, '')}` };
}

export type { Activity, CardAction } from 'botframework-schema';
