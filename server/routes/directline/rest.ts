import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLOSE, EVENT } from '../../protocol/index.js';
import { directLineId, parseWatermark, toDirectLine, watermarkAfter } from '../../directline/activities.js';
import { DirectLineUnsupportedError, type DirectLineErrorBody } from '../../directline/errors.js';
import { checkConversation, type Caller } from './access.js';
import type { DirectLineContext } from './index.js';
import {
  ActivitySetReply,
  ConversationParams,
  ConversationReply,
  PostedActivity,
  ResourceReply,
  StartBody,
  WatermarkQuery,
  errorResponses,
} from './schemas.js';

/**
 * The REST half of Direct Line 3.0: tokens, conversations, posting and polling activities.
 * Access rules live in each route's `config.directLine` and are enforced by the plugin's hook.
 */
export function restRoutes(fastify: FastifyInstance, context: DirectLineContext): void {
  const { options, tokens, now } = context;

  /** A conversation token and its lifetime: the caller's own token, or a new one. */
  const tokenFor = (caller: Caller | null, conversationId: string): { token: string; expires_in: number } => {
    if (caller?.via === 'token' && caller.claims.conversationId === conversationId) {
      return { token: caller.token, expires_in: Math.max(0, Math.floor((caller.claims.expiresAt - now()) / 1000)) };
    }
    const token = tokens.issue({ kind: 'conversation', conversationId, expiresAt: now() + context.tokenTtlSeconds * 1000 });
    return { token, expires_in: context.tokenTtlSeconds };
  };

  /** A `streamUrl` with a one-use ticket, on the address the client reached us by. */
  const streamUrlFor = (request: FastifyRequest, conversationId: string, watermark: string): string => {
    const ticket = tokens.issue({ kind: 'stream', conversationId, expiresAt: now() + context.streamTicketTtlSeconds * 1000 });
    const scheme = request.protocol === 'https' ? 'wss' : 'ws';
    const query = new URLSearchParams({ watermark, t: ticket });
    return `${scheme}://${request.host}${fastify.prefix}/conversations/${encodeURIComponent(conversationId)}/stream?${query.toString()}`;
  };

  const startConversation = async (body: StartBody | undefined): Promise<string> => {
    const locale = body?.locale;
    const started = await options.conversations.start(locale === undefined ? {} : { locale });
    return started.conversationId;
  };

  fastify.post<{ Body: StartBody }>(
    '/tokens/generate',
    {
      config: { directLine: 'secret' },
      schema: { body: StartBody, response: { 200: ConversationReply, ...errorResponses } },
    },
    async (request) => {
      const conversationId = await startConversation(request.body ?? undefined);
      return { conversationId, ...tokenFor(null, conversationId) };
    },
  );

  fastify.post(
    '/tokens/refresh',
    { config: { directLine: 'token' }, schema: { response: { 200: ConversationReply, ...errorResponses } } },
    async (request) => {
      const caller = request.directLineCaller;
      if (caller?.via !== 'token') throw new Error('refresh reached without a token caller');
      await checkConversation(caller, caller.claims.conversationId, options.findConversation);
      return { conversationId: caller.claims.conversationId, ...tokenFor(null, caller.claims.conversationId) };
    },
  );

  fastify.post<{ Body: StartBody }>(
    '/conversations',
    {
      config: { directLine: 'any' },
      schema: { body: StartBody, response: { 200: ConversationReply, 201: ConversationReply, ...errorResponses } },
    },
    async (request, reply) => {
      const caller = request.directLineCaller;
      if (caller?.via === 'token') {
        // A token from tokens/generate already names its conversation: this starts using it.
          await checkConversation(caller, caller.claims.conversationId, options.findConversation);
        const conversationId = caller.claims.conversationId;
        return { conversationId, ...tokenFor(caller, conversationId), streamUrl: streamUrlFor(request, conversationId, '') };
      }
      const conversationId = await startConversation(request.body ?? undefined);
      void reply.code(201);
      return { conversationId, ...tokenFor(null, conversationId), streamUrl: streamUrlFor(request, conversationId, '') };
    },
  );

  fastify.get<{ Params: ConversationParams; Querystring: WatermarkQuery }>(
    '/conversations/:conversationId',
    {
      config: { directLine: 'conversation' },
      schema: { params: ConversationParams, querystring: WatermarkQuery, response: { 200: ConversationReply, ...errorResponses } },
    },
    async (request) => {
      const { conversationId } = request.params;
      const watermark = request.query.watermark ?? '';
      return {
        conversationId,
        ...tokenFor(request.directLineCaller, conversationId),
        streamUrl: streamUrlFor(request, conversationId, watermark),
      };
    },
  );

  fastify.get<{ Params: ConversationParams; Querystring: WatermarkQuery }>(
    '/conversations/:conversationId/activities',
    {
      config: { directLine: 'conversation' },
      schema: { params: ConversationParams, querystring: WatermarkQuery, response: { 200: ActivitySetReply, ...errorResponses } },
    },
    async (request) => {
      const { conversationId } = request.params;
      const after = parseWatermark(request.query.watermark) ?? 0;
      const stored = await options.conversations.history(conversationId, after, context.pageSize);
      return { activities: stored.map(toDirectLine), watermark: watermarkAfter(stored, String(after)) };
    },
  );

  fastify.post<{ Params: ConversationParams; Body: PostedActivity }>(
    '/conversations/:conversationId/activities',
    {
      config: { directLine: 'conversation' },
      bodyLimit: options.maxBodyBytes,
      schema: { params: ConversationParams, body: PostedActivity, response: { 200: ResourceReply, ...errorResponses } },
    },
    async (request, reply) => postActivity(context, request.params.conversationId, request.body, reply),
  );
}

const SEND_ERRORS: Readonly<Record<string, number>> = {
  HARBOUR_ERR_RATE_LIMITED: 429,
  HARBOUR_ERR_CONVERSATION_ENDED: 404,
  HARBOUR_ERR_INTERNAL: 500,
};

async function postActivity(
  context: DirectLineContext,
  conversationId: string,
  activity: PostedActivity | null,
  reply: FastifyReply,
): Promise<{ id: string } | DirectLineErrorBody> {
  const { conversations } = context.options;
  if (activity === null) throw new DirectLineUnsupportedError('Send one activity as JSON');
  switch (activity.type) {
    case 'message': {
      if (activity.attachments !== undefined && activity.attachments.length > 0) {
        throw new DirectLineUnsupportedError('Harbour takes text messages only: attachments are not accepted');
      }
      if (typeof activity.text !== 'string') throw new DirectLineUnsupportedError('A message needs text');
      const clientActivityId = activity.channelData?.clientActivityID ?? activity.id ?? randomUUID();
      const result = await conversations.childMessage(conversationId, { clientActivityId, text: activity.text });
      if (result.outcome === 'committed') return { id: directLineId(conversationId, result.ack.seq) };
      const status = SEND_ERRORS[result.code] ?? 400;
      if (result.retryAfterMs !== undefined) void reply.header('retry-after', String(Math.ceil(result.retryAfterMs / 1000)));
      void reply.code(status);
      return {
        error: {
          code: result.code,
          message: result.message,
          ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
        },
      };
    }
    case 'typing':
      conversations.typing(conversationId, 'child');
      return { id: `${conversationId}|typing` };
    case 'endOfConversation':
      await leave(context, conversationId, 'ended');
      return { id: `${conversationId}|end` };
    case 'event':
      if (activity.name === EVENT.quickExit) await leave(context, conversationId, 'quick_exit');
      else if (activity.name === EVENT.end) await leave(context, conversationId, 'ended');
      // Other events (e.g. a page's own "webchat/join") are accepted and ignored.
      return { id: `${conversationId}|event` };
    default:
      throw new DirectLineUnsupportedError(`Harbour does not take "${activity.type.slice(0, 64)}" activities from clients`);
  }
}

async function leave(context: DirectLineContext, conversationId: string, how: 'quick_exit' | 'ended'): Promise<void> {
  await context.options.conversations.childLeft(conversationId, how);
  context.streams.closeConversation(conversationId, CLOSE.ended, how === 'quick_exit' ? 'left' : 'ended');
}
