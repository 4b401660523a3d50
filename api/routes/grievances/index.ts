import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { grievanceWorkflowId, type GrievanceCase } from '../../../src/domain/grievance/grievance-case';
import { CaseDistrict, CaseSchool, CaseType } from '../../../src/temporal/search-attributes';
import { getGrievanceQuery, grievanceWorkflow } from '../../../workflows/grievance/grievance-workflow';
import { HttpProblem } from '../../plugins/problem-details';
import { grievanceCaseSchema, grievanceFilingSchema, grievanceParamsSchema } from '../../schemas/grievance';
import { problemResponses } from '../../schemas/problem';

/** Grievance cases: `grievance:<id>` workflows. */
export async function grievanceRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];

  api.post(
    '/v1/grievances',
    {
      onRequest: [app.authenticate, app.requireRole('hr')],
      config: { validationRule: 'GRV-CONTENT' },
      schema: {
        tags: ['grievances'],
        summary: 'File a grievance',
        security,
        body: grievanceFilingSchema,
        response: { 201: grievanceCaseSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const filing = request.body;
      const workflowId = grievanceWorkflowId(filing.id);
      try {
        await app.temporal.client.workflow.start(grievanceWorkflow, {
          workflowId,
          taskQueue: app.temporal.taskQueue,
          args: [{ filing, filedBy: request.user }],
          // One case per id, ever: a retried or repeated filing must not open a second case.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          typedSearchAttributes: [
            { key: CaseType, value: 'grievance' },
            { key: CaseDistrict, value: request.user.district },
            ...(filing.school ? [{ key: CaseSchool, value: filing.school }] : []),
          ],
        });
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) {
          throw new HttpProblem(409, `A grievance with id ${filing.id} already exists.`);
        }
        throw error;
      }
      // The filing is in the workflow history now; the answer shows the case as the workflow holds it.
      const grievance = await app.temporal.client.workflow.getHandle(workflowId).query(getGrievanceQuery);
      return reply.code(201).header('location', `/v1/grievances/${encodeURIComponent(filing.id)}`).send(grievance);
    },
  );

  api.get(
    '/v1/grievances/:id',
    {
      onRequest: [app.authenticate, app.requireRole('hr', 'decider', 'panel', 'auditor')],
      schema: {
        tags: ['grievances'],
        summary: 'Read a grievance case',
        security,
        params: grievanceParamsSchema,
        response: { 200: grievanceCaseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      let grievance: GrievanceCase;
      try {
        grievance = await app.temporal.client.workflow.getHandle(grievanceWorkflowId(id)).query(getGrievanceQuery);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) throw notFound(id);
        throw error;
      }
      // A case is visible only inside its district; elsewhere it does not exist.
      if (grievance.district !== request.user.district) throw notFound(id);
      return grievance;
    },
  );
}

function notFound(id: string) {
  return new HttpProblem(404, `No grievance with id ${id}.`);
}
