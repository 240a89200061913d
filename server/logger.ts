import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from './config.js';

/**
 * Logging options for Fastify's pino. Fastify's default request serializer logs the client's IP
 * address and port (fastify `lib/logger-pino.js`); children's addresses must never be logged, so it
 * is replaced. URLs are logged without their query string. Message text is never passed to a logger
 * anywhere in the server: log ids and event types only.
 */

/** The request fields Harbour logs: method, path (no query), request id. */
export function serializeRequest(request: { method?: string; url?: string; id?: unknown }): Record<string, unknown> {
  const url = typeof request.url === 'string' ? request.url.split('?')[0] : undefined;
  return { method: request.method, url, id: request.id };
}

/** The response fields Harbour logs. */
export function serializeReply(reply: { statusCode?: number }): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

/** Keys redacted wherever they appear in a log object, as a second line of defence. */
export const REDACT_PATHS = [
  'req.remoteAddress',
  'req.remotePort',
  'req.ip',
  'ip',
  'address',
  'remoteAddress',
  'text',
  'token',
  '*.text',
  '*.token',
  'headers.cookie',
  'headers.authorization',
];

/** Options for Fastify's `logger` setting. `stream` lets tests capture every line. */
export function loggerOptions(level: LogLevel, stream?: NodeJS.WritableStream): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    serializers: { req: serializeRequest, res: serializeReply },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(stream ? { stream } : {}),
  };
}
