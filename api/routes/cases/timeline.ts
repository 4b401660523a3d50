import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseTimeline, projectTimeline } from '../../../src/audit/case-timeline';
import { problemResponses } from '../../schemas/problem';
import { auditedCase, caseIdParamsSchema, timelineStateOf } from './case-access';

const actor = z.object({ id: z.string(), roles: z.array(z.string()).readonly(), district: z.string() });
export const timelineSchema = z
  .object({
    workflowId: z.string(),
    source: z.enum(['temporal', 'archive']).describe('Where the history was read: Temporal, or the archive after retention'),
    runs: z.array(z.string()).describe('Run ids read, first to latest (continue-as-new chains)'),
    entries: z.array(
      z.object({
        at: z.string(),
        kind: z.enum(['filed', 'action', 'deadline-passed', 'deadline', 'calendar', 'clock', 'notice', 'closed']),
        summary: z.string(),
        eventId: z.number().optional().describe('The history event this entry reads'),
        runId: z.string().optional(),
        actor: actor.optional(),
        action: z.string().optional().describe('The step, for actions and passed deadlines'),
        stage: z.object({ status: z.string(), level: z.number() }).optional(),
        rules: z.array(z.string()).readonly(),
        deadline: z
          .object({ key: z.string(), label: z.string(), change: z.string(), due: z.string().optional(), previousDue: z.string().optional(), cause: z.string() })
          .optional(),
        notice: z.object({ deliveryId: z.string(), kind: z.string(), channel: z.string(), destination: z.array(z.string()).readonly(), failure: z.string().optional() }).optional(),
      }),
    ),
  })
  .meta({ id: 'CaseTimeline' });

/** `GET /v1/cases/:id/timeline`: the case's story read from its Temporal history. */
export async function caseTimelineRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/cases/:id/timeline',
    {
      schema: {
        tags: ['audit'],
        operationId: 'getCaseTimeline',
        summary: "A case's timeline from its history: actions, rules, deadlines set, moved, met or missed, notices",
        description:
          "Projected for the reader by the case family's access table: a step whose part of the case the reader may not " +
          "see (a PAR panel's deliberations, a participant's goals and reports: PAR-PANEL-CONF, PAR-VOL-CONF) shows who " +
          'took it and when, without what it wrote.',
        security: [{ bearerAuth: [] }],
        params: caseIdParamsSchema,
        response: { 200: timelineSchema, ...problemResponses(400, 401, 403, 404, 410) },
      },
    },
    async (request) => {
      const audited = await auditedCase(app, request, request.params.id);
      const entries = projectTimeline(caseTimeline(audited.decodedRuns, timelineStateOf(audited)), audited.reader.seesAction);
      return { workflowId: audited.workflowId, source: audited.source, runs: audited.runs.map((r) => r.runId), entries };
    },
  );
}
