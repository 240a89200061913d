import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Content } from './content/types.js';
import { createNoCounsellorsHandoff } from './handoff/no-counsellors.js';
import type { HandoffService } from './handoff/types.js';
import { loggerOptions } from './logger.js';
import lifecycle from './plugins/lifecycle.js';
import security from './plugins/security.js';
import sessions from './plugins/sessions.js';
import storePlugin from './plugins/store.js';
import { CLOSE } from './protocol/index.js';
import chatRoutes from './routes/chat/index.js';
import directLineRoutes from './routes/directline/index.js';
import type { ChatSocket } from './routes/chat/chat-socket.js';
import { SocketRegistry } from './routes/chat/socket-registry.js';
import healthRoutes from './routes/health.js';
import widgetRoutes from './routes/widget.js';
import type { Secrets } from './secrets.js';
import type { DialogDefinition } from './sessions/dialog-host.js';
import type { Store } from './store/types.js';

/** A plugin registered after the core services (the console, Direct Line…), with its options. */
export interface ExtraPlugin {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly plugin: FastifyPluginAsync<any>;
  readonly options?: Record<string, unknown>;
}

/** Everything buildApp needs; nothing here is read from the environment. */
export interface BuildAppOptions {
  readonly config: Config;
  readonly store: Store;
  /** Close the store when the app closes (default true; tests share one store per file). */
  readonly closeStore?: boolean;
  readonly content: Content;
  readonly dialog: DialogDefinition;
  /** Default: nobody on shift (server/handoff/no-counsellors.ts). The queue replaces it. */
  readonly handoff?: HandoffService;
  readonly secrets: Secrets;
  /** Where log lines go (default stdout); tests capture them here. */
  readonly logStream?: NodeJS.WritableStream;
  /** Set false to turn logging off entirely. */
  readonly logger?: boolean;
  /** The clock the conversation service uses (ms since the epoch). */
  readonly now?: () => number;
  /** Prebuilt widget and demo page; default: built from the content at start-up. */
  readonly widget?: { readonly script: string; readonly demoPage: string };
  /** Content key said before a fresh start when a dialog cannot be restored. */
  readonly recoveryKey?: string;
  /** Registered after the core, in order: the console, Direct Line… */
  readonly plugins?: readonly ExtraPlugin[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The validated configuration (server/config.ts). */
    harbourConfig: Config;
    /** Open `/chat` sockets. */
    chatSockets: SocketRegistry<ChatSocket>;
  }
}

/**
 * Builds the Harbour app: every plugin in order, never listens. Order: lifecycle, store,
 * sessions (the conversation service), security headers, websocket, routes (health, widget,
 * chat), then `options.plugins`.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const logger: FastifyServerOptions['logger'] =
    options.logger === false ? false : loggerOptions(config.logLevel, options.logStream);
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: 64 * 1024,
    // Request ids are ours; a client-chosen id header could smuggle text into logs.
    requestIdHeader: false,
    return503OnClosing: true,
  });

  app.decorate('harbourConfig', config);
  const registry = new SocketRegistry<ChatSocket>(config.limits);
  app.decorate('chatSockets', registry);

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send({ code: error.code ?? 'HARBOUR_ERR_INTERNAL', message: status === 503 ? error.message : 'Something went wrong on our side.' });
    }
    return reply.code(status).send({ code: error.code ?? 'HARBOUR_ERR_BAD_REQUEST', message: error.message });
  });

  await app.register(lifecycle);
  await app.register(storePlugin, { store: options.store, closeStore: options.closeStore ?? true });
  await app.register(sessions, {
    content: options.content,
    dialog: options.dialog,
    handoff: options.handoff ?? createNoCounsellorsHandoff(),
    limits: config.limits,
    tokenKey: options.secrets.tokenKey,
    locale: config.locale,
    ...(options.now ? { now: options.now } : {}),
    ...(options.recoveryKey ? { recoveryKey: options.recoveryKey } : {}),
  });
  await app.register(security);
  await app.register(websocket, {
    options: { maxPayload: config.limits.maxPayloadBytes, perMessageDeflate: false },
    errorHandler: (error, socket, request) => {
      // e.g. a frame over maxPayload: ws has already closed the socket with 1009.
      request.log.warn({ code: (error as { code?: string }).code }, 'chat socket error');
      socket.terminate();
    },
    preClose: function (this: FastifyInstance, done) {
      // Close frames go out now; ws finishes each handshake (or times out) on its own.
      for (const client of this.websocketServer.clients) client.close(CLOSE.restart, 'server restarting');
      this.websocketServer.close();
      done();
    },
  });

  await app.register(healthRoutes);
  const widget = options.widget ?? (await buildWidgetAndPage(config, options.content));
  await app.register(widgetRoutes, widget);
  await app.register(chatRoutes, { registry });
  if (config.directlineSecret !== undefined) {
    // Direct Line 3.0 for Bot Framework clients, only when DIRECTLINE_SECRET is set (docs/directline.md).
    await app.register(directLineRoutes, {
      prefix: '/v3/directline',
      conversations: app.conversations,
      findConversation: (id: string) => app.store.conversations.get(id),
      secret: config.directlineSecret,
      allowedOrigins: config.allowedOrigins,
      maxBodyBytes: config.limits.maxPayloadBytes,
      maxBufferedBytes: config.limits.maxBufferedBytes,
      keepAliveMs: config.limits.heartbeatMs,
      maxStreams: config.limits.maxSockets,
      isReady: () => app.lifecycle.isReady,
      ...(options.now ? { now: options.now } : {}),
      // Used stream tickets live in the store, so every instance refuses a ticket used on another.
      ...(app.store.streamTickets ? { ticketLedger: app.store.streamTickets } : {}),
    });
  }

  for (const extra of options.plugins ?? []) await app.register(extra.plugin, extra.options ?? {});
  return app;
}

/** Builds the widget bundle (with the content's help numbers) and the demo page. */
export async function buildWidgetAndPage(config: Config, content: Content): Promise<{ script: string; demoPage: string }> {
  const { buildWidgetBundle } = await import('./build/widget-bundle.js');
  const { demoPage } = await import('./build/demo-page.js');
  const helpNow = content.helpNow(config.locale);
  const bundle = await buildWidgetBundle({ helpNow, helplineName: config.helplineName, retentionDays: config.limits.retentionDays });
  return { script: bundle.code, demoPage: demoPage({ helplineName: config.helplineName, scriptUrl: '/widget.js', helpNow }) };
}
