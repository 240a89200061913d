import fp from 'fastify-plugin';

/**
 * Readiness and graceful shutdown, in the order the issue asks for: readiness goes false, new
 * upgrades are refused, sockets close with 1012, in-flight commits finish, the store closes
 * (the store plugin's onClose). Plugins add steps with `lifecycle.onShutdown`.
 */
export interface Lifecycle {
  /** False once shutdown has begun (GET /readyz answers 503). */
  readonly isReady: boolean;
  /**
   * Adds a step run by `shutdown`. Steps run by phase: `sockets` (close every socket with 1012),
   * then `drain` (finish in-flight turns); the store closes last, in app.close().
   */
  onShutdown(phase: ShutdownPhase, step: () => Promise<void> | void): void;
  /** Runs every step, then `app.close()`. Safe to call more than once. */
  shutdown(): Promise<void>;
}

/** The order of shutdown steps: `closed` steps run after app.close() (the store closes there). */
export type ShutdownPhase = 'sockets' | 'drain' | 'closed';
const BEFORE_CLOSE: readonly ShutdownPhase[] = ['sockets', 'drain'];

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
}

export default fp(
  async (app) => {
    const steps: { phase: ShutdownPhase; step: () => Promise<void> | void }[] = [];
    let isReady = true;
    let shutting: Promise<void> | null = null;
    const lifecycle: Lifecycle = {
      get isReady() {
        return isReady;
      },
      onShutdown: (phase, step) => void steps.push({ phase, step }),
      shutdown: () => {
        shutting ??= (async () => {
          isReady = false;
          app.log.info('shutting down');
          const runPhase = async (phase: ShutdownPhase) => {
            for (const entry of steps.filter((s) => s.phase === phase)) {
              try {
                await entry.step();
              } catch (error) {
                app.log.error({ err: error, phase }, 'shutdown step failed');
              }
            }
          };
          for (const phase of BEFORE_CLOSE) await runPhase(phase);
          await app.close();
          // Fastify may resolve close() before every onClose hook has settled; wait for them here.
          await runPhase('closed');
          app.log.info('shut down');
        })();
        return shutting;
      },
    };
    app.decorate('lifecycle', lifecycle);
  },
  { name: 'harbour-lifecycle' },
);
