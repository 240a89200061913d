import fp from 'fastify-plugin';

/**
 * Readiness and graceful shutdown, in the order the issue asks for: readiness goes false, new
 * upgrades are refused, sockets close with 1012, in-flight commits finish, the store closes
 * (the store plugin's onClose). Plugins add steps with `lifecycle.onShutdown`.
 */
export interface Lifecycle {
  /** False once shutdown has begun (GET /readyz answers 503). */
  readonly isReady: boolean;
  /** Adds a step run by `shutdown`, in registration order. */
  onShutdown(step: () => Promise<void> | void): void;
  /** Runs every step, then `app.close()`. Safe to call more than once. */
  shutdown(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
}

export default fp(
  async (app) => {
    const steps: (() => Promise<void> | void)[] = [];
    let isReady = true;
    let shutting: Promise<void> | null = null;
    const lifecycle: Lifecycle = {
      get isReady() {
        return isReady;
      },
      onShutdown: (step) => void steps.push(step),
      shutdown: () => {
        shutting ??= (async () => {
          isReady = false;
          app.log.info('shutting down');
          for (const step of steps) {
            try {
              await step();
            } catch (error) {
              app.log.error({ err: error }, 'shutdown step failed');
            }
          }
          await app.close();
          app.log.info('shut down');
        })();
        return shutting;
      },
    };
    app.decorate('lifecycle', lifecycle);
  },
  { name: 'harbour-lifecycle' },
);
