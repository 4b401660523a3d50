import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceUnavailable } from '../plugins/problem-details';
import { problemResponses } from '../schemas/problem';
import { RETRY_AFTER_SECONDS } from '../temporal-unavailable';

const READINESS_TIMEOUT_MS = 2_000;

/** /healthz: the process answers. /readyz: it can reach Temporal, so cases can be started and read. */
export async function healthRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers (no token needed)',
        operationId: 'getHealth',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }).meta({ examples: [{ status: 'ok' }] }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  api.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: Temporal answers, so cases can be started and read (no token needed)',
        operationId: 'getReadiness',
        security: [],
        response: {
          200: z.object({ status: z.literal('ready'), temporal: z.string() }).meta({ examples: [{ status: 'ready', temporal: 'reachable' }] }),
          ...problemResponses(503),
        },
      },
    },
    async (request) => {
      const { connection } = app.temporal.client;
      try {
        await connection.withDeadline(Date.now() + READINESS_TIMEOUT_MS, () =>
          connection.workflowService.getSystemInfo({}),
        );
        return { status: 'ready' as const, temporal: 'reachable' };
      } catch (error) {
        request.log.warn({ err: error }, 'Temporal is not reachable');
        throw serviceUnavailable('Temporal is not reachable.', RETRY_AFTER_SECONDS);
      }
    },
  );
}
