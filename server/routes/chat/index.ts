import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ChatNotReadyError, ChatOriginError } from '../../errors.js';
import { CLOSE } from '../../protocol/index.js';
import { ChatSocket } from './chat-socket.js';
import type { SocketRegistry } from './socket-registry.js';
import { batchWritesPerTick, underlyingStream } from './write-batching.js';

/**
 * `/chat`: the child's socket. Before the upgrade: readiness and an exact-match Origin check
 * (a missing or foreign Origin gets 403, never a socket). After it: the per-address and total
 * caps (1013), heartbeats, and one {@link ChatSocket} per connection. Requires the websocket
 * plugin (registered by buildApp with maxPayload) and the sessions plugin.
 */
const chatRoutes: FastifyPluginAsync<ChatRoutesOptions> = async (app, { registry }) => {
  const { limits, allowedOrigins, locale } = app.harbourConfig;
  const allowed = new Set(allowedOrigins);

  const checkBeforeUpgrade = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!app.lifecycle.isReady) return reply.code(503).send(new ChatNotReadyError());
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !allowed.has(origin)) return reply.code(403).send(new ChatOriginError());
    return undefined;
  };

  app.get('/chat', { websocket: true, onRequest: checkBeforeUpgrade }, (socket, request) => {
    const address = request.ip;
    const admission = registry.admission(address);
    if (admission !== 'ok') {
      request.log.warn({ reason: admission }, 'chat socket refused: over capacity');
      socket.close(CLOSE.overCapacity, 'over capacity, try again later');
      return;
    }
    // A turn's frames (ack, replies, events) go out in one write instead of one each.
    const raw = underlyingStream(socket);
    if (raw) batchWritesPerTick(socket, raw);
    const chat = new ChatSocket(socket, address, {
      service: app.conversations,
      registry,
      limits,
      log: app.log,
      locale,
      lastSeq: async (conversationId) => (await app.store.conversations.get(conversationId))?.lastSeq ?? 0,
    });
    chat.open();
  });

  const heartbeat = setInterval(() => {
    for (const chat of registry.all()) chat.heartbeat();
  }, limits.heartbeatMs);
  heartbeat.unref();

  const closeAll = () => {
    clearInterval(heartbeat);
    for (const chat of registry.all()) chat.closeWith(CLOSE.restart, 'server restarting');
  };
  app.lifecycle.onShutdown('sockets', closeAll);
  app.addHook('onClose', async () => closeAll());
};

/** Options of the chat routes: the registry is made by buildApp so tests and metrics can see it. */
export interface ChatRoutesOptions {
  readonly registry: SocketRegistry<ChatSocket>;
}

export default chatRoutes;
