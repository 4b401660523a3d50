import { defaultPayloadConverter } from '@temporalio/common';
import type { google, temporal } from '@temporalio/proto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasAnyRole } from '../../../src/domain/actor';
import { addDays, schoolYearOf, zonedInstant } from '../../../src/domain/calendar';
import { GRIEVANCE_WORKFLOW_ID_PREFIX } from '../../../src/domain/grievance/grievance-case';
import { readDistrictCalendar } from '../../../src/temporal/district-calendars';
import { HttpProblem } from '../../plugins/problem-details';
import { grievanceListQuerySchema, grievanceListSchema } from '../../schemas/grievance-list';
import { problemResponses } from '../../schemas/problem';

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
      if (dueBefore) {
        const timeZone = (await readDistrictCalendar(app.temporal.client, district, schoolYearOf(dueBefore)))?.calendar?.timeZone ?? 'UTC';
        // Strictly before the next local midnight: visibility stores finer than seconds, so `<=` the 23:59:59 end misses.
        const nextMidnight = zonedInstant(addDays(dueBefore, 1), { hour: 0, minute: 0, second: 0 }, timeZone);
        clauses.push(`CaseNextDeadline < ${quote(nextMidnight.toISOString())}`);
      }
      // GRV-WITHDRAW: without prejudice or record for administrators; the history stays for auditors.
      if (!hasAnyRole(request.user, ['auditor'])) clauses.push(`CaseStatus != 'withdrawn'`);

      let response: temporal.api.workflowservice.v1.IListWorkflowExecutionsResponse;
      try {
        response = await app.temporal.client.workflowService.listWorkflowExecutions({
          namespace: app.temporal.client.options.namespace,
          query: clauses.join(' AND '),
          pageSize,
          nextPageToken: pageToken ? Buffer.from(pageToken, 'base64url') : undefined,
        });
      } catch (error) {
        if (pageToken && (error as { code?: number }).code === 3) {
          throw new HttpProblem(400, 'The page token is not valid for this listing.', { errors: [{ in: 'querystring', field: '/pageToken', message: 'invalid page token' }] });
        }
        throw error;
      }
      const token = response.nextPageToken && response.nextPageToken.length > 0 ? Buffer.from(response.nextPageToken).toString('base64url') : undefined;
      return {
        items: (response.executions ?? []).map((execution) => {
          const attributes = decodeAttributes(execution.searchAttributes?.indexedFields ?? {});
          const workflowId = execution.execution?.workflowId ?? '';
          return {
            id: workflowId.slice(GRIEVANCE_WORKFLOW_ID_PREFIX.length),
            workflowId,
            status: one(attributes.CaseStatus) ?? 'informal',
            level: Number(one(attributes.CaseLevel) ?? 0),
            school: one(attributes.CaseSchool),
            nextDeadline: one(attributes.CaseNextDeadline),
            filedAt: timestamp(execution.startTime),
            closedAt: timestamp(execution.closeTime),
            href: `/v1/grievances/${encodeURIComponent(workflowId.slice(GRIEVANCE_WORKFLOW_ID_PREFIX.length))}`,
          };
        }),
        ...(token ? { nextPageToken: token } : {}),
      };
    },
  );
}

/** A visibility query literal: single quotes doubled is not supported, so refuse them rather than escape. */
function quote(value: string): string {
  if (/['"\\]/.test(value)) throw new HttpProblem(400, `Quotes are not allowed in filter values: ${value}`);
  return `'${value}'`;
}

function decodeAttributes(fields: Record<string, temporal.api.common.v1.IPayload>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, payload]) => [key, defaultPayloadConverter.fromPayload(payload)]));
}

function one(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null ? undefined : String(first);
}

function timestamp(ts: google.protobuf.ITimestamp | null | undefined): string | undefined {
  if (!ts?.seconds) return undefined;
  return new Date(Number(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}
