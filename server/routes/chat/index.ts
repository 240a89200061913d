import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ChatNotReadyError, ChatOriginError } from '../../errors.js';
import { CLOSE } from '../../protocol/index.js';
import { ChatSocket, type ChatSocketDeps } from './chat-socket.js';
import { HEARTBEAT_SLOTS, type RegisteredSocket, type SocketRegistry } from './socket-registry.js';

/**
 * `/chat`: the child's socket. Before the upgrade: readiness and an exact-match Origin check
 * (a missing or foreign Origin gets 403, never a socket). After it: the per-address and total
 * caps (1013), heartbeats, and one {@link ChatSocket} per connection. Requires the websocket
 * plugin (registered by buildApp with maxPayload) and the sessions plugin.
 */
const chatRoutes: FastifyPluginAsync<ChatRoutesOptions> = async (app, { registry }) => {
  const { limits, allowedOrigins, locale } = app.harbourConfig;
  const allowed = new Set(allowedOrigins);
  /** The response object made for routing each upgrade, until its socket is detached from it. */
  const upgradeResponses = new WeakMap<IncomingMessage, ServerResponse>();

  const checkBeforeUpgrade = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!app.lifecycle.isReady) return reply.code(503).send(new ChatNotReadyError());
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !allowed.has(origin)) return reply.code(403).send(new ChatOriginError());
    upgradeResponses.set(request.raw, reply.raw);
    return undefined;
  };

  let deps: ChatSocketDeps | null = null;
  app.get('/chat', { websocket: true, onRequest: checkBeforeUpgrade }, (socket, request) => {
    const address = request.ip;
    const admission = registry.admission(address);
    if (admission !== 'ok') {
      request.log.warn({ reason: admission }, 'chat socket refused: over capacity');
      socket.close(CLOSE.overCapacity, 'over capacity, try again later');
      return;
    }
    // One deps object for every socket (made at the first, once the app is ready), not one each.
    deps ??= {
      service: app.conversations,
      registry,
      limits,
      log: app.log,
      locale,
      lastSeq: async (conversationId) => (await app.store.conversations.get(conversationId))?.lastSeq ?? 0,
    };
    const chat = new ChatSocket(socket, address, deps, tcpStreamOf(request));
    releaseUpgradeRequest(socket, request, upgradeResponses);
    chat.open();
  });

  const heartbeat = startHeartbeat(registry, limits.heartbeatMs);

  const closeAll = () => {
    heartbeat.stop();
    for (const chat of registry.all()) chat.closeWith(CLOSE.restart, 'server restarting');
  };
  app.lifecycle.onShutdown('sockets', closeAll);
  app.addHook('onClose', async () => closeAll());
};

/**
 * Heartbeats spread over time: every heartbeatMs / HEARTBEAT_SLOTS one slot of sockets is pinged
 * (or ended if its last ping went unanswered), so each socket still hears from the server once per
 * heartbeatMs, but never all at once: a thousand pings written in one tick held up every turn.
 */
export function startHeartbeat(registry: SocketRegistry<RegisteredSocket>, heartbeatMs: number): { stop(): void } {
  const timer = setInterval(() => {
    for (const socket of registry.nextHeartbeatSlot()) socket.heartbeat();
  }, heartbeatMs / HEARTBEAT_SLOTS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * The TCP socket an upgraded request arrived on, which `ws` now writes its frames to; null for a
 * socket injected without one (app.injectWS in tests), whose frames then go out one by one.
 */
function tcpStreamOf(request: FastifyRequest): Writable | null {
  const stream: unknown = request.raw.socket;
  return stream instanceof Writable ? stream : null;
}

/**
 * A chat socket lives for minutes; the HTTP request that opened it is done once upgraded. Two
 * links would keep the request, the reply and their Node objects (over 1 KiB) alive as long as the
 * socket: @fastify/websocket's `error` listener on the socket, a closure over the request and reply
 * that only calls the app's websocket error handler, and the TCP socket's link to the response
 * made for routing the upgrade. ChatSocket listens for errors itself with the same handling (log
 * the code, end the socket), so that listener is dropped, and the response is detached.
 */
function releaseUpgradeRequest(socket: WebSocket, request: FastifyRequest, responses: WeakMap<IncomingMessage, ServerResponse>): void {
  socket.removeAllListeners('error');
  const response = responses.get(request.raw);
  responses.delete(request.raw);
  const tcp = request.raw.socket as Socket | undefined;
  if (response !== undefined && tcp !== undefined && response.socket === tcp) response.detachSocket(tcp);
}

/** Options of the chat routes: the registry is made by buildApp so tests and metrics can see it. */
export interface ChatRoutesOptions {
  readonly registry: SocketRegistry<ChatSocket>;
}

export default chatRoutes;
