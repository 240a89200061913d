import fp from 'fastify-plugin';
import { deleteExpiredConversations } from '../sessions/retention.js';
import type { Limits } from '../config.js';
import type { Content } from '../content/types.js';
import type { HandoffService } from '../handoff/types.js';
import { HarbourConversationService } from '../sessions/conversation-service.js';
import type { DialogDefinition } from '../sessions/dialog-host.js';

/** Options of the sessions plugin. */
export interface SessionsPluginOptions {
  readonly content: Content;
  readonly dialog: DialogDefinition;
  readonly handoff: HandoffService;
  readonly limits: Limits;
  readonly tokenKey: Buffer;
  readonly locale: string;
  readonly now?: () => number;
  readonly recoveryKey?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The conversation service every transport uses (server/sessions). */
    conversations: HarbourConversationService;
    handoff: HandoffService;
    content: Content;
  }
}

/**
 * The conversation service, the check-in sweeper (deadlines the dialogs asked for, kept in the
 * store, so they fire after a restart too) and idle-actor eviction. On close, in-flight turns finish.
 */
export default fp<SessionsPluginOptions>(
  async (app, options) => {
    const service = new HarbourConversationService({
      store: app.store,
      content: options.content,
      dialog: options.dialog,
      handoff: options.handoff,
      limits: options.limits,
      tokenKey: options.tokenKey,
      log: app.log,
      defaultLocale: options.locale,
      ...(options.now ? { now: options.now } : {}),
      ...(options.recoveryKey ? { recoveryKey: options.recoveryKey } : {}),
    });
    app.decorate('conversations', service);
    app.decorate('handoff', options.handoff);
    app.decorate('content', options.content);

    let sweeping = false;
    const timer = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      service
        .sweepCheckIns()
        .then(() => service.evictIdle(options.limits.tokenOfflineTtlMs))
        .catch((error: unknown) => app.log.error({ err: error }, 'check-in sweep failed'))
        .finally(() => (sweeping = false));
    }, options.limits.checkInSweepMs);
    timer.unref();

    // Retention: once soon after start, then every RETENTION_SWEEP_MS.
    let retaining = false;
    const retain = (): void => {
      if (retaining) return;
      retaining = true;
      const now = new Date(options.now ? options.now() : Date.now());
      deleteExpiredConversations(app.store, now, options.limits.retentionDays, app.log)
        .catch((error: unknown) => app.log.error({ err: error }, 'retention job failed'))
        .finally(() => (retaining = false));
    };
    const retentionTimer = setInterval(retain, options.limits.retentionSweepMs);
    retentionTimer.unref();
    const firstRetention = setTimeout(retain, Math.min(60_000, options.limits.retentionSweepMs));
    firstRetention.unref();

    const drain = async () => {
      clearInterval(timer);
      clearInterval(retentionTimer);
      clearTimeout(firstRetention);
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.limits.shutdownTimeoutMs).unref());
      const outcome = await Promise.race([service.drain().then(() => 'drained' as const), timeout]);
      if (outcome === 'timeout') app.log.warn({ pending: service.queue.size }, 'shutdown timed out waiting for turns');
    };
    app.lifecycle.onShutdown('drain', drain);
    app.addHook('onClose', drain);
  },
  { name: 'harbour-sessions', dependencies: ['harbour-store', 'harbour-lifecycle'] },
);
