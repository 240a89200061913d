import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { ConsoleAuth, type SessionTimeouts } from '../../auth/console-auth.js';
import type { LockoutPolicy } from '../../auth/lockout.js';
import { consoleBundle, consolePage } from '../../console/bundle.js';
import type { LiveHandoffService } from '../../handoff/service.js';
import { consoleStore } from '../../store/console-repositories.js';
import type { ConsoleStore } from '../../store/console-types.js';
import { sqlDbOf } from '../../store/index.js';
import { consoleApi, type CannedReply } from './api.js';
import { ConsoleSockets } from './console-sockets.js';
import { clearedSessionCookie, consoleGuard, readCookie, refuse, sessionCookie, sessionOf, originAllowed } from './guard.js';

/** Options of the console plugin. */
export interface ConsolePluginOptions {
  /** The same LiveHandoffService given to buildApp as `handoff`. */
  readonly handoff: LiveHandoffService;
  /** The console's clock (sessions, audit); default the real one. */
  readonly now?: () => Date;
  readonly timeouts?: Partial<SessionTimeouts>;
  readonly lockout?: Partial<LockoutPolicy>;
  /** Origins allowed to use the console; default only PUBLIC_URL's origin (never the widget's host pages). */
  readonly allowedOrigins?: readonly string[];
  readonly cannedReplies?: readonly CannedReply[];
  /** How often open console sockets' sessions are re-checked (ms); default 15 s. 0 turns the timer off (tests sweep by hand). */
  readonly sweepMs?: number;
  /** Rebuild the queue from the store when the app is ready (default true; off for a second app on one store in tests). */
  readonly restore?: boolean;
  /** Prebuilt console script (default: built from widget/console at first request). */
  readonly script?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    consoleAuth: ConsoleAuth;
    consoleSockets: ConsoleSockets;
    consoleStore: ConsoleStore;
  }
}

const SignIn = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

/**
 * The counsellor console: the page and its script at /console, sign-in at /console/api/session,
 * the authenticated API under /console/api and the live socket at /console/socket. Every route
 * but the page, the script and sign-in sits behind the guard (Origin, session, CSRF).
 */
const consolePlugin: FastifyPluginAsync<ConsolePluginOptions> = async (app, options) => {
  const handoff = options.handoff;
  if ((app.handoff as unknown) !== handoff) {
    throw new Error('console plugin: pass the same LiveHandoffService to buildApp({ handoff }) and the console plugin');
  }
  handoff.attachConversations(app.conversations);
  // Rebuild the queue from the store once everything is registered (after a restart).
  app.addHook('onReady', async () => {
    if (options.restore === false) return;
    const restored = await handoff.restore();
    if (restored > 0) app.log.info({ restored }, 'handoff queue restored');
  });
  const repos = consoleStore(sqlDbOf(app.store));
  const auth = new ConsoleAuth({
    accounts: repos.accounts,
    sessions: repos.sessions,
    audit: repos.audit,
    ...(options.now ? { now: options.now } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.lockout ? { lockout: options.lockout } : {}),
  });
  const sockets = new ConsoleSockets({ auth, handoff, conversations: app.conversations, participants: repos.participants, log: app.log });
  app.decorate('consoleAuth', auth);
  app.decorate('consoleSockets', sockets);
  app.decorate('consoleStore', repos);

  const origins = new Set(options.allowedOrigins ?? [new URL(app.harbourConfig.publicUrl).origin]);
  const maxAge = Math.floor(auth.timeouts.absoluteMs / 1000);

  const sweepMs = options.sweepMs ?? 15_000;
  const timer = sweepMs > 0 ? setInterval(() => void sockets.sweep().catch((err: unknown) => app.log.error({ err }, 'console sweep failed')), sweepMs) : null;
  timer?.unref();
  // Presence is read from memory, so it can be pushed often: a counsellor sees a child drop at once.
  const presenceTimer = sweepMs > 0 ? setInterval(() => sockets.pushPresence(), 1000) : null;
  presenceTimer?.unref();
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    if (presenceTimer) clearInterval(presenceTimer);
    sockets.closeAll();
    sockets.dispose();
  });

  await app.register(
    async (scope: FastifyInstance) => {
      scope.get('/console', async (_request, reply) => reply.type('text/html; charset=utf-8').send(consolePage(app.harbourConfig.helplineName)));
      scope.get('/console/app.js', async (_request, reply) =>
        reply
          .type('text/javascript; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(options.script ?? (await consoleBundle())),
      );

      scope.post<{ Body: { username: string; password: string } }>(
        '/console/api/session',
        { schema: { body: SignIn } },
        async (request, reply) => {
          if (!originAllowed(request, origins, true)) return refuse(reply, 'origin');
          const result = await auth.signIn(request.body.username, request.body.password, readCookie(request));
          if (!result.ok) {
            return result.reason === 'locked'
              ? refuse(reply, 'locked', { retryAfterMs: result.retryAfterMs })
              : refuse(reply, 'badCredentials');
          }
          reply.header('set-cookie', sessionCookie(result.cookieValue, maxAge));
          return {
            account: { id: result.account.id, firstName: result.account.firstName, role: result.account.role },
            username: result.account.username,
            csrfToken: result.csrfToken,
            available: handoff.isAvailable(result.account.id),
          };
        },
      );

      // Everything below needs a live session from an allowed origin (and CSRF for changes).
      await scope.register(async (authed: FastifyInstance) => {
        authed.addHook('onRequest', consoleGuard(auth, origins));

        authed.delete('/console/api/session', async (request, reply) => {
          await auth.signOut(sessionOf(request).idHash);
          reply.header('set-cookie', clearedSessionCookie());
          return { ok: true };
        });

        authed.get('/console/socket', { websocket: true }, (socket, request) => {
          sockets.open(socket, sessionOf(request));
        });

        await authed.register(
          async (api: FastifyInstance) => {
            await consoleApi(api, {
              auth,
              handoff,
              conversations: app.conversations,
              repos,
              retention: app.store.retention,
              canned: options.cannedReplies ?? [],
            });
          },
          { prefix: '/console/api' },
        );
      });
    },
  );
};

export default fp(consolePlugin, { name: 'harbour-console', dependencies: ['harbour-sessions', 'harbour-store'] });
