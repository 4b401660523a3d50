import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../schemas/problem';

const READINESS_TIMEOUT_MS = 2_000;

/** /healthz: the process answers. /readyz: it can reach Temporal, so cases can be started and read. */
export async function healthRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/healthz',
    { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  api.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        response: { 200: z.object({ status: z.literal('ready'), temporal: z.string() }), ...problemResponses(503) },
      },
    },
    async (request, reply) => {
      const { connection } = app.temporal.client;
      try {
        await connection.withDeadline(Date.now() + READINESS_TIMEOUT_MS, () =>
          connection.workflowService.getSystemInfo({}),
        );
        return { status: 'ready' as const, temporal: 'reachable' };
      } catch (error) {
        request.log.warn({ err: error }, 'Temporal is not reachable');
        return reply
          .code(503)
          .type('application/problem+json')
          .send({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Temporal is not reachable.' });
      }
    },
  );
}
