import fp from 'fastify-plugin';
import type { Store } from '../store/types.js';

/** Options of the store plugin. */
export interface StorePluginOptions {
  readonly store: Store;
  /** Close the store when the app closes (true in production; tests share one store per file). */
  readonly closeStore: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** Decorates `app.store`; closes it last, after every other plugin's onClose (sessions drain first). */
export default fp<StorePluginOptions>(
  async (app, options) => {
    app.decorate('store', options.store);
    if (options.closeStore) {
      let closing: Promise<void> | null = null;
      const closeOnce = () =>
        (closing ??= options.store.close().then(() => app.log.info('store closed')));
      app.addHook('onClose', closeOnce);
      app.lifecycle.onShutdown('closed', closeOnce);
    }
  },
  { name: 'harbour-store', dependencies: ['harbour-lifecycle'] },
);
