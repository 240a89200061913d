import createError from '@fastify/error';

/**
 * Every HARBOUR_ERR_* code, defined once. Clients get the code and a short plain message, never a
 * stack trace. Socket-frame refusals travel as `error` event activities (docs/protocol.md); HTTP
 * refusals as Fastify errors with these codes.
 */

/** Configuration is invalid; Harbour refuses to start (see server/config.ts for the details). */
export const ConfigInvalidError = createError('HARBOUR_ERR_CONFIG_INVALID', 'The configuration is invalid: %s', 500);

/** `/chat`: Origin header missing or not in ALLOWED_ORIGINS (refused before the upgrade). */
export const ChatOriginError = createError('HARBOUR_ERR_CHAT_ORIGIN', 'This page is not allowed to open the chat', 403);
/** `/chat`: the server is shutting down; new sockets are refused. */
export const ChatNotReadyError = createError('HARBOUR_ERR_CHAT_NOT_READY', 'The chat is restarting; try again in a moment', 503);

/** Error codes sent in `error` event activities on `/chat`. Stable: the widget and docs rely on them. */
export const FRAME_ERRORS = {
  /** The frame is not JSON. */
  malformed: { code: 'HARBOUR_ERR_FRAME_MALFORMED', message: 'That could not be read. Please try again.' },
  /** JSON, but not a valid activity (e.g. a message without an id). */
  invalid: { code: 'HARBOUR_ERR_FRAME_INVALID', message: 'That message was not in the right shape.' },
  /** An activity type or event name the server does not accept from clients. */
  unknownType: { code: 'HARBOUR_ERR_FRAME_UNKNOWN_TYPE', message: 'That kind of message is not supported here.' },
  /** The text is longer than MAX_TEXT_CHARS. */
  textTooLong: { code: 'HARBOUR_ERR_TEXT_TOO_LONG', message: 'That message is too long. Try sending it in smaller parts.' },
  /** Empty or whitespace-only text. */
  textEmpty: { code: 'HARBOUR_ERR_TEXT_EMPTY', message: 'That message was empty.' },
  /** Text with a NUL character or a lone surrogate, which cannot be stored exactly. */
  textInvalid: { code: 'HARBOUR_ERR_TEXT_INVALID', message: 'That message has characters we cannot keep. Please type it again.' },
  /** Too many messages this minute: retry after `retryAfterMs`; the message was not lost, just not taken yet. */
  rateLimited: { code: 'HARBOUR_ERR_RATE_LIMITED', message: 'You are typing fast! Your message will send in a moment.' },
  /** `session.resume` with a token that is unknown, revoked or expired. */
  sessionUnknown: { code: 'HARBOUR_ERR_SESSION_UNKNOWN', message: 'That chat has ended. A new one has started.' },
  /** `session.resume` after this socket already sent messages in its conversation. */
  resumeTooLate: { code: 'HARBOUR_ERR_SESSION_RESUME_LATE', message: 'Resume must be the first thing sent on a new connection.' },
  /** The conversation is over; nothing more can be sent into it. */
  conversationEnded: { code: 'HARBOUR_ERR_CONVERSATION_ENDED', message: 'This chat has ended.' },
  /** The child asked for the chat to be deleted and it was: nothing of it is kept. */
  conversationDeleted: { code: 'HARBOUR_ERR_CONVERSATION_DELETED', message: 'This chat has been deleted, as you asked.' },
  /** Something went wrong on our side while handling the message; it was not stored. */
  internal: { code: 'HARBOUR_ERR_INTERNAL', message: 'Something went wrong on our side. Please send that again.' },
} as const;

export type FrameErrorName = keyof typeof FRAME_ERRORS;
export type FrameErrorCode = (typeof FRAME_ERRORS)[FrameErrorName]['code'];
