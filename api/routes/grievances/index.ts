import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { CaseDistrict, CaseSchool, CaseType } from '../../../src/temporal/search-attributes';
import type { GrievanceView } from '../../../workflows/grievance/grievance-messages';
import { getGrievanceQuery, grievanceWorkflow } from '../../../workflows/grievance/grievance-workflow';
import { pauseClocksUpdate, resumeClocksUpdate } from '../../../workflows/shared/case-clock-messages';
import { HttpProblem } from '../../plugins/problem-details';
import { idempotencyHeadersSchema, pauseBodySchema, pauseRecordSchema } from '../../schemas/case-clock';
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
    // A case is visible only inside its district; elsewhere it does not exist.
    async (request) => readGrievance(app, request.params.id, request.user.district),
  );

  api.post(
    '/v1/grievances/:id/clock/pause',
    {
      onRequest: [app.authenticate, app.requireRole('hr')],
      schema: {
        tags: ['grievances'],
        summary: "Pause the case's deadlines (abeyance by mutual agreement, leave); logged with who and why",
        security,
        params: grievanceParamsSchema,
        headers: idempotencyHeadersSchema,
        body: pauseBodySchema,
        response: { 200: pauseRecordSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await readGrievance(app, request.params.id, request.user.district);
      const handle = app.temporal.client.workflow.getHandle(grievanceWorkflowId(request.params.id));
      const updateId = request.headers['idempotency-key'];
      return clockAction(() =>
        handle.executeUpdate(pauseClocksUpdate, { args: [{ reason: request.body.reason, by: request.user }], ...(updateId ? { updateId } : {}) }),
      );
    },
  );

  api.post(
    '/v1/grievances/:id/clock/resume',
    {
      onRequest: [app.authenticate, app.requireRole('hr')],
      schema: {
        tags: ['grievances'],
        summary: "Resume the case's deadlines: counting resumes where it stopped",
        security,
        params: grievanceParamsSchema,
        headers: idempotencyHeadersSchema,
        response: { 200: pauseRecordSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await readGrievance(app, request.params.id, request.user.district);
      const handle = app.temporal.client.workflow.getHandle(grievanceWorkflowId(request.params.id));
      const updateId = request.headers['idempotency-key'];
      return clockAction(() => handle.executeUpdate(resumeClocksUpdate, { args: [{ by: request.user }], ...(updateId ? { updateId } : {}) }));
    },
  );
}

/** Reads a case of the actor's district, or answers 404 as if it did not exist. */
async function readGrievance(app: FastifyInstance, id: string, district: string): Promise<GrievanceView> {
  let grievance: GrievanceView;
  try {
    grievance = await app.temporal.client.workflow.getHandle(grievanceWorkflowId(id)).query(getGrievanceQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw notFound(id);
    throw error;
  }
  if (grievance.district !== district) throw notFound(id);
  return grievance;
}

/** Runs a clock update; the case's refusal (already paused, not paused) answers 409 and changes nothing. */
async function clockAction<T>(update: () => Promise<T>): Promise<T> {
  try {
    return await update();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === 'ClockStateConflict') {
      throw new HttpProblem(409, error.cause.message);
    }
    throw error;
  }
}

function notFound(id: string) {
  return new HttpProblem(404, `No grievance with id ${id}.`);
}
