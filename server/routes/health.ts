import type { FastifyPluginAsync } from 'fastify';

const statusSchema = {
  type: 'object',
  properties: { status: { type: 'string' } },
  required: ['status'],
} as const;

/**
 * `GET /healthz`: the process is up (liveness). `GET /readyz`: it takes new chats (503 once
 * graceful shutdown has begun, so a load balancer stops sending children here).
 */
const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: { response: { 200: statusSchema } } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { response: { 200: statusSchema, 503: statusSchema } } }, async (_request, reply) => {
    if (!app.lifecycle.isReady) return reply.code(503).send({ status: 'shutting down' });
    return { status: 'ready' };
  });
};

export default healthRoutes;
