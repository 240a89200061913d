import createError from '@fastify/error';

/**
 * Direct Line refusals. Clients get `{ error: { code, message } }` (the shape of Direct Line's own
 * ErrorResponse) with one of these codes and a plain message; never a stack trace.
 *
 * Status codes follow what botframework-directlinejs does with them: 403 means "token expired or
 * not yours" (it stops and waits for a new token), 404 means "conversation over" (it ends), other
 * 4xx are refusals of that one request.
 */

export const DirectLineUnauthorizedError = createError(
  'HARBOUR_ERR_DIRECTLINE_UNAUTHORIZED',
  'Send "Authorization: Bearer <Direct Line secret or token>"',
  401,
);
export const DirectLineForbiddenError = createError('HARBOUR_ERR_DIRECTLINE_FORBIDDEN', '%s', 403);
export const DirectLineTokenExpiredError = createError(
  'HARBOUR_ERR_DIRECTLINE_TOKEN_EXPIRED',
  'This Direct Line token has expired; get a new one',
  403,
);
export const DirectLineOriginError = createError(
  'HARBOUR_ERR_DIRECTLINE_ORIGIN',
  'This page is not allowed to use the chat (its origin is not in ALLOWED_ORIGINS)',
  403,
);
export const DirectLineNotFoundError = createError('HARBOUR_ERR_DIRECTLINE_NOT_FOUND', '%s', 404);
export const DirectLineConversationEndedError = createError(
  'HARBOUR_ERR_CONVERSATION_ENDED',
  'This chat has ended',
  404,
);
export const DirectLineNotReadyError = createError(
  'HARBOUR_ERR_DIRECTLINE_NOT_READY',
  'The chat is restarting; try again in a moment',
  503,
);
export const DirectLineOverCapacityError = createError(
  'HARBOUR_ERR_DIRECTLINE_OVER_CAPACITY',
  'Too many chats are open right now; try again in a moment',
  503,
);
export const DirectLineBadRequestError = createError('HARBOUR_ERR_DIRECTLINE_BAD_REQUEST', '%s', 400);
export const DirectLineUnsupportedError = createError('HARBOUR_ERR_DIRECTLINE_UNSUPPORTED', '%s', 400);

/** The JSON body of every Direct Line error response. */
export interface DirectLineErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly retryAfterMs?: number };
}
