import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasAnyRole } from '../../../src/domain/actor';
import { GRIEVANCE_WORKFLOW_ID_PREFIX } from '../../../src/domain/grievance/grievance-case';
import { grievanceListQuerySchema, grievanceListSchema } from '../../schemas/grievance-list';
import { problemResponses } from '../../schemas/problem';
import { dueBeforeClause, listCases, quote } from '../case-listing';
import { timestampToIso } from '../../../src/temporal/proto-time';

const CLOSED_REASONS = ['resolved-informally', 'waived', 'accepted', 'final', 'withdrawn'] as const;

/** `GET /v1/grievances`: the district's cases through Temporal visibility (custom search attributes), paginated. */
export async function listGrievancesRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/grievances',
    {
      schema: {
        tags: ['grievances'],
        summary: "List the district's grievances by status, level, school and next deadline",
        description:
          'Withdrawn grievances are left out for administrators (GRV-WITHDRAW); auditors see them. `dueBefore` keeps ' +
          'cases whose next deadline ends on or before that date. Pass `nextPageToken` back as `pageToken` for the next page.',
        security: [{ bearerAuth: [] }],
        querystring: grievanceListQuerySchema,
        response: { 200: grievanceListSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { status, level, school, dueBefore, pageSize, pageToken } = request.query;
      const district = request.user.district;
      const clauses = [`WorkflowType = 'grievanceWorkflow'`, `CaseType = 'grievance'`, `CaseDistrict = ${quote(district)}`];
      if (status === 'open') clauses.push(`ExecutionStatus = 'Running'`);
      else if (status === 'closed') clauses.push(`CaseStatus IN (${CLOSED_REASONS.map(quote).join(', ')})`);
      else if (status) clauses.push(`CaseStatus = ${quote(status)}`);
      if (level !== undefined) clauses.push(`CaseLevel = ${quote(String(level))}`);
      if (school) clauses.push(`CaseSchool = ${quote(school)}`);
      if (dueBefore) clauses.push(await dueBeforeClause(app, district, dueBefore));
      // GRV-WITHDRAW: without prejudice or record for administrators; the history stays for auditors.
      if (!hasAnyRole(request.user, ['auditor'])) clauses.push(`CaseStatus != 'withdrawn'`);
      return listCases(app, clauses, pageSize, pageToken, (execution, attributes, one) => {
        const workflowId = execution.execution?.workflowId ?? '';
        const id = workflowId.slice(GRIEVANCE_WORKFLOW_ID_PREFIX.length);
        return {
          id,
          workflowId,
          status: one(attributes.CaseStatus) ?? 'informal',
          level: Number(one(attributes.CaseLevel) ?? 0),
          school: one(attributes.CaseSchool),
          nextDeadline: one(attributes.CaseNextDeadline),
          filedAt: timestampToIso(execution.startTime),
          closedAt: timestampToIso(execution.closeTime),
          href: `/v1/grievances/${encodeURIComponent(id)}`,
        };
      });
    },
  );
}
