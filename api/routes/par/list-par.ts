import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasAnyRole } from '../../../src/domain/actor';
import { PAR_WORKFLOW_ID_PREFIX } from '../../../workflows/par/par-intervention-messages';
import { parListQuerySchema, parListSchema } from '../../schemas/par';
import { problemResponses } from '../../schemas/problem';
import { dueBeforeClause, listCases, quote } from '../case-listing';
import { timestampToIso } from '../../../src/temporal/proto-time';

const CLOSED_REASONS = [
  'returned-to-regular-evaluation',
  'district-decision',
  'time-limit',
  'satisfactory-evaluation',
  'separated',
  'referral-withdrawn',
  'application-withdrawn',
  'not-approved',
  'ended-by-notice',
  'term-ended',
] as const;

/** `GET /v1/par`: the district's PAR cases through Temporal visibility (search attributes), paginated. */
export async function listParRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/par',
    {
      schema: {
        tags: ['par'],
        summary: "List the district's PAR cases by status, school and next deadline",
        description:
          'PAR-VOL-CONF: Volunteer cases are never listed to a caller who is also a decider (principal, evaluator). ' +
          '`dueBefore` keeps cases whose next deadline ends on or before that date.',
        security: [{ bearerAuth: [] }],
        querystring: parListQuerySchema,
        response: { 200: parListSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { status, school, dueBefore, pageSize, pageToken } = request.query;
      const district = request.user.district;
      const clauses = [`WorkflowType = 'parInterventionWorkflow'`, `CaseType = 'par'`, `CaseDistrict = ${quote(district)}`];
      if (status === 'open') clauses.push(`ExecutionStatus = 'Running'`);
      else if (status === 'closed') clauses.push(`CaseStatus IN (${CLOSED_REASONS.map(quote).join(', ')})`);
      else if (status) clauses.push(`CaseStatus = ${quote(status)}`);
      if (school) clauses.push(`CaseSchool = ${quote(school)}`);
      if (dueBefore) clauses.push(await dueBeforeClause(app, district, dueBefore));
      if (hasAnyRole(request.user, ['decider'])) clauses.push(`CaseKind = 'referred'`);
      return listCases(app, clauses, pageSize, pageToken, (execution, attributes, one) => {
        const workflowId = execution.execution?.workflowId ?? '';
        const id = workflowId.slice(PAR_WORKFLOW_ID_PREFIX.length);
        return {
          id,
          workflowId,
          kind: one(attributes.CaseKind),
          status: one(attributes.CaseStatus) ?? 'awaiting-panel-vote',
          school: one(attributes.CaseSchool),
          nextDeadline: one(attributes.CaseNextDeadline),
          openedAt: timestampToIso(execution.startTime),
          closedAt: timestampToIso(execution.closeTime),
          href: `/v1/par/${encodeURIComponent(id)}`,
        };
      });
    },
  );
}
