import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isNotFound } from '../../../src/audit/case-history';
import { loadCaseRuns, type CaseRuns } from '../../../src/audit/case-records';
import type { CaseStateForTimeline } from '../../../src/audit/case-timeline';
import { getGrievanceQuery } from '../../../workflows/grievance/grievance-messages';
import { HttpProblem } from '../../plugins/problem-details';

/** A case is addressed by its workflow id, business prefix included: `grievance:G-2026-001`. */
export const caseIdParamsSchema = z.object({
  id: z
    .string()
    .regex(/^(grievance|par|assistance-plan|improvement-plan):[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a case workflow id such as grievance:G-2026-001')
    .describe('The case workflow id, e.g. grievance:G-2026-001'),
});

/**
 * Every run of a case of the caller's district, from Temporal while it has the case, else from the archive (after
 * the namespace's retention): audit routes work the same on both. Elsewhere the case does not exist: 404.
 */
export async function caseRunsOfDistrict(app: FastifyInstance, request: FastifyRequest, workflowId: string): Promise<CaseRuns> {
  try {
    return await loadCaseRuns(app.temporal.client, app.archive, workflowId, request.user.district);
  } catch (error) {
    if (isNotFound(error)) throw new HttpProblem(404, `No case ${workflowId}.`);
    throw error;
  }
}

/** A running case's state as its workflow answers a query (replayed from the same history), for its live deadlines. */
export async function liveStateOf(app: FastifyInstance, records: CaseRuns): Promise<CaseStateForTimeline | undefined> {
  if (!records.running || !records.workflowId.startsWith('grievance:')) return undefined;
  return (await app.temporal.client.workflow.getHandle(records.workflowId).query(getGrievanceQuery)) as CaseStateForTimeline;
}
