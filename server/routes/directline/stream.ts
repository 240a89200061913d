import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseWatermark } from '../../directline/activities.js';
import { DirectLineForbiddenError, DirectLineOverCapacityError, DirectLineTokenExpiredError } from '../../directline/errors.js';
import { checkConversation } from './access.js';
import type { DirectLineContext } from './index.js';
import { ConversationParams, StreamQuery, errorResponses } from './schemas.js';

type StreamRequest = FastifyRequest<{ Params: ConversationParams; Querystring: StreamQuery }>;

/**
 * The Direct Line WebSocket stream at the `streamUrl` a client was given. Its one-use ticket (or an
 * Authorization header, for clients that can send one) is checked BEFORE the upgrade, so a refused
 * client gets an HTTP error, not a socket. Browsers are held to ALLOWED_ORIGINS by the plugin's hook.
 */
export function streamRoute(fastify: FastifyInstance, context: DirectLineContext): void {
  const maxStreams = context.options.maxStreams ?? 10_000;
  const checkTicket = async (request: StreamRequest): Promise<void> => {
    if (context.streams.size >= maxStreams && !context.streams.has(request.params.conversationId)) {
      request.log.warn({ conversationId: request.params.conversationId }, 'directline stream refused: over capacity');
      throw new DirectLineOverCapacityError();
    }
    const ticket = request.query.t;
    if (ticket === undefined) return; // authenticated by the Authorization header instead
    const check = context.tokens.check(ticket, 'stream', context.now());
    if (!check.ok) {
      if (check.problem === 'expired') throw new DirectLineTokenExpiredError();
      throw new DirectLineForbiddenError('That stream address is not valid');
    }
    const { claims } = check;
    if (claims.conversationId !== request.params.conversationId) {
      throw new DirectLineForbiddenError('This stream address belongs to another conversation');
    }
    if (!(await context.usedTickets.claim(claims, context.now()))) {
      throw new DirectLineForbiddenError('This stream address was already used; ask for a new one');
    }
    await checkConversation(
      { via: 'token', token: ticket, claims: { ...claims, kind: 'conversation' } },
      request.params.conversationId,
      context.options.findConversation,
    );
  };

  fastify.get<{ Params: ConversationParams; Querystring: StreamQuery }>(
    '/conversations/:conversationId/stream',
    {
      websocket: true,
      config: { directLine: 'stream' },
      schema: { params: ConversationParams, querystring: StreamQuery, response: errorResponses },
      preHandler: checkTicket,
    },
    (socket, request) => {
      const { conversationId } = request.params;
      // The watermark only chooses where replay starts; the schema has already checked it is a number.
      context.streams.attach(socket, conversationId, parseWatermark(request.query.watermark) ?? 0);
    },
  );
}
