import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CLOSE } from '../../protocol/index.js';
import type { ConversationService } from '../../sessions/types.js';
import { DirectLineTokens, UsedTickets, type TicketLedger } from '../../directline/tokens.js';
import { DirectLineStreams } from '../../directline/streams.js';
import {
  DirectLineBadRequestError,
  DirectLineForbiddenError,
  DirectLineNotFoundError,
  DirectLineNotReadyError,
  DirectLineOriginError,
  type DirectLineErrorBody,
} from '../../directline/errors.js';
import { callerOf, checkConversation, type Access, type Caller, type FindConversation } from './access.js';
import { restRoutes } from './rest.js';
import { streamRoute } from './stream.js';

/**
 * Direct Line 3.0, so Microsoft's own clients (Web Chat, botframework-directlinejs, anything built on
 * them) talk to Harbour unchanged, on the same conversation service as `/chat`. Register with the
 * prefix `/v3/directline`; it is encapsulated (its hooks, error handler and CORS apply only here).
 * docs/directline.md explains it for helplines.
 */
export interface DirectLineOptions {
  readonly conversations: ConversationService;
  /** Whether a conversation exists and is still open (the store). */
  readonly findConversation: FindConversation;
  /** DIRECTLINE_SECRET: the helpline's back end holds it; clients get tokens. At least 16 characters. */
  readonly secret: string;
  /** Exact origins whose pages may call Direct Line from a browser (ALLOWED_ORIGINS). */
  readonly allowedOrigins: readonly string[];
  /** Largest request body in bytes (MAX_PAYLOAD_BYTES, as a `/chat` frame). */
  readonly maxBodyBytes: number;
  /** Unsent bytes allowed to pile up for one stream before it is ended (MAX_BUFFERED_BYTES). */
  readonly maxBufferedBytes: number;
  /** Keep-alive interval of streams in ms (HEARTBEAT_MS). */
  readonly keepAliveMs: number;
  /** Open streams allowed in total (MAX_SOCKETS); more are refused with 503 before the upgrade. Default 10,000. */
  readonly maxStreams?: number;
  /** Lifetime of a conversation token in seconds; `tokens/refresh` extends it. Default 1800. */
  readonly tokenTtlSeconds?: number;
  /** Lifetime of the one-use ticket in a `streamUrl`, in seconds. Default 60. */
  readonly streamTicketTtlSeconds?: number;
  /** Activities per page on replay and `GET …/activities`. Default 500. */
  readonly pageSize?: number;
  /** False while the server shuts down: new requests get 503, as `/chat` upgrades do. */
  readonly isReady?: () => boolean;
  /** Epoch ms; injectable for tests. */
  readonly now?: () => number;
  /** Where used stream tickets are recorded: the store's, shared by every instance (default: this process's memory). */
  readonly ticketLedger?: TicketLedger;
}

/** What the route modules share. */
export interface DirectLineContext {
  readonly options: DirectLineOptions;
  readonly tokens: DirectLineTokens;
  readonly usedTickets: UsedTickets;
  readonly streams: DirectLineStreams;
  readonly tokenTtlSeconds: number;
  readonly streamTicketTtlSeconds: number;
  readonly pageSize: number;
  readonly now: () => number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated Direct Line caller (set by the Direct Line hooks). */
    directLineCaller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Who may call a Direct Line route. */
    directLine?: Access;
  }
}

const CORS_HEADERS = 'authorization, content-type, accept, x-ms-bot-agent, x-requested-with';

/** The Direct Line plugin (encapsulated: register it with `{ prefix: '/v3/directline', ...options }`). */
export default async function directLine(fastify: FastifyInstance, options: DirectLineOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const tokens = new DirectLineTokens(options.secret);
  const secretDigest = createHash('sha256').update(options.secret).digest();
  const allowed = new Set(options.allowedOrigins);
  const context: DirectLineContext = {
    options,
    tokens,
    usedTickets: new UsedTickets(options.ticketLedger),
    streams: new DirectLineStreams(
      options.conversations,
      { keepAliveMs: options.keepAliveMs, maxBufferedBytes: options.maxBufferedBytes, replayPageSize: options.pageSize ?? 500 },
      fastify.log,
    ),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 1800,
    streamTicketTtlSeconds: options.streamTicketTtlSeconds ?? 60,
    pageSize: options.pageSize ?? 500,
    now,
  };

  if (!fastify.hasDecorator('websocketServer')) {
    await fastify.register(websocket, { options: { maxPayload: options.maxBodyBytes } });
  }
  fastify.decorateRequest('directLineCaller', null);

  // Validate with TypeBox's compiler, without Ajv's type coercion: `"text": 42` is an error here,
  // not the message "42".
  fastify.setValidatorCompiler(({ schema, httpPart }) => {
    const check = TypeCompiler.Compile(schema as TSchema);
    return (data: unknown) => {
      if (check.Check(data)) return { value: data };
      const first = check.Errors(data).First();
      const where = `${httpPart ?? 'request'}${first?.path ?? ''}`;
      return { error: new Error(`${where}: ${first?.message ?? 'is not valid'}`) };
    };
  });

  // An empty JSON body means "no body" (helpline back ends often POST tokens/generate that way).
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: options.maxBodyBytes }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, null);
      return;
    }
    void json(request, text, done);
  });

  // Browsers are held to ALLOWED_ORIGINS (exact match); clients that send no Origin (servers, apps) are not browsers.
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (options.isReady && !options.isReady()) throw new DirectLineNotReadyError();
    const origin = request.headers.origin;
    if (origin === undefined) return;
    if (!allowed.has(origin)) throw new DirectLineOriginError();
    void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      await reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, OPTIONS')
        .header('access-control-allow-headers', CORS_HEADERS)
        .header('access-control-max-age', '600')
        .send();
      return reply;
    }
    void reply.header('access-control-expose-headers', 'retry-after');
    return undefined;
  });

  // Authentication is a hook on this subtree, not a check in each handler.
  fastify.addHook('preHandler', async (request: FastifyRequest) => {
    const access = request.routeOptions.config.directLine;
    if (access === undefined) return;
    if (access === 'stream' && typeof (request.query as { t?: unknown }).t === 'string') return; // the ticket is checked by the route
    const caller = callerOf(request, secretDigest, tokens, now());
    request.directLineCaller = caller;
    if (access === 'secret' && caller.via !== 'secret') {
      throw new DirectLineForbiddenError('This needs the Direct Line secret, not a token');
    }
    if (access === 'token' && caller.via !== 'token') {
      throw new DirectLineBadRequestError('Refresh needs a token, not the secret');
    }
    if (access === 'conversation' || access === 'stream') {
      const { conversationId } = request.params as { conversationId: string };
      await checkConversation(caller, conversationId, options.findConversation);
    }
  });

  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.validation ? 400 : (error.statusCode ?? 500);
    if (status >= 500 && error.code !== 'HARBOUR_ERR_DIRECTLINE_NOT_READY' && error.code !== 'HARBOUR_ERR_DIRECTLINE_OVER_CAPACITY') {
      request.log.error({ err: error }, 'directline request failed');
      const body: DirectLineErrorBody = { error: { code: 'HARBOUR_ERR_INTERNAL', message: 'Something went wrong on our side. Please try again.' } };
      return reply.code(status).send(body);
    }
    const body: DirectLineErrorBody = { error: clientErrorOf(error, status) };
    return reply.code(status).send(body);
  });

  fastify.setNotFoundHandler((request, reply) => {
    const error = new DirectLineNotFoundError('There is no Direct Line route here');
    return reply.code(404).send({ error: { code: error.code, message: error.message } } satisfies DirectLineErrorBody);
  });

  // Preflight for every Direct Line path (the onRequest hook above answers it).
  fastify.options('/*', async (_request, reply) => reply.code(204).send());

  fastify.addHook('preClose', async () => {
    context.streams.closeAll(CLOSE.restart, 'server restart');
  });

  restRoutes(fastify, context);
  streamRoute(fastify, context);
}

/** The code and message a client gets for a 4xx; never an echo of what it sent. */
function clientErrorOf(error: FastifyError, status: number): { code: string; message: string } {
  if (error.validation !== undefined || error.code === 'FST_ERR_VALIDATION') {
    return { code: 'HARBOUR_ERR_DIRECTLINE_BAD_REQUEST', message: `The request is not valid: ${error.message}` };
  }
  if (status === 413) {
    return { code: 'HARBOUR_ERR_DIRECTLINE_TOO_LARGE', message: 'The request body is too large' };
  }
  if (typeof error.code === 'string' && error.code.startsWith('HARBOUR_ERR_')) return { code: error.code, message: error.message };
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON') {
    // Node's JSON errors quote the input; say what is wrong without repeating it.
    return { code: 'HARBOUR_ERR_DIRECTLINE_BAD_REQUEST', message: 'The body is not valid JSON' };
  }
  return { code: 'HARBOUR_ERR_DIRECTLINE_BAD_REQUEST', message: error.message };
}
