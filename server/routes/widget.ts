import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';

/** Options: the widget bundle and demo page, built once at start-up from the loaded content. */
export interface WidgetRoutesOptions {
  /** The widget's JavaScript (server/build/widget-bundle.ts). */
  readonly script: string;
  /** The demo helpline page's HTML (server/build/demo-page.ts). */
  readonly demoPage: string;
}

/**
 * `GET /widget.js`: the one script a helpline's page loads, cross-origin, so it answers CORS for
 * ALLOWED_ORIGINS only (exact match). It is rebuilt at every start, so it is cached briefly and
 * revalidated. `GET /`: the demo helpline page (security headers come from the security plugin).
 */
const widgetRoutes: FastifyPluginAsync<WidgetRoutesOptions> = async (app, options) => {
  const allowed = new Set(app.harbourConfig.allowedOrigins);
  const etag = `"${createHash('sha256').update(options.script).digest('base64url').slice(0, 27)}"`;

  app.get('/widget.js', { schema: { response: { 200: { type: 'string' }, 304: { type: 'null' } } } }, async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin === 'string' && allowed.has(origin)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
    }
    reply.header('cache-control', 'public, max-age=300, must-revalidate');
    reply.header('etag', etag);
    reply.header('cross-origin-resource-policy', 'cross-origin');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(options.script);
  });

  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(options.demoPage));
};

export default widgetRoutes;
