import fp from 'fastify-plugin';

/**
 * Security headers. HTML gets a Content-Security-Policy that allows only this origin (no
 * third-party fonts, CDNs or analytics) and sockets to this origin; every response gets
 * nosniff and no-referrer.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export default fp(
  async (app) => {
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('text/html')) {
        reply.header('content-security-policy', contentSecurityPolicy());
        reply.header('x-frame-options', 'SAMEORIGIN');
        reply.header('cache-control', 'no-store');
      }
      return payload;
    });
  },
  { name: 'harbour-security' },
);
