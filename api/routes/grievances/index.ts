import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { GRIEVANCE_ACTION_ROLES } from '../../authorization';
import { DistrictCalendars, dateInZone, schoolYearsAround } from '../../../src/domain/calendar';
import { filingRefusal } from '../../../src/domain/grievance/filing-rules';
import { grievanceWorkflowId, type GrievanceFiling } from '../../../src/domain/grievance/grievance-case';
import type { GrievanceAction } from '../../../src/domain/grievance/grievance-process';
import { readDistrictCalendar } from '../../../src/temporal/district-calendars';
import { CaseDistrict, CaseSchool, CaseType } from '../../../src/temporal/search-attributes';
import { GRIEVANCE_CONFLICT, GRIEVANCE_FORBIDDEN, GRIEVANCE_RULE_VIOLATION, type GrievanceView } from '../../../workflows/grievance/grievance-messages';
import { getGrievanceQuery, grievanceActionUpdate, grievanceWorkflow } from '../../../workflows/grievance/grievance-workflow';
import { pauseClocksUpdate, resumeClocksUpdate } from '../../../workflows/shared/case-clock-messages';
import { HttpProblem } from '../../plugins/problem-details';
import { idempotencyHeadersSchema, pauseBodySchema, pauseRecordSchema } from '../../schemas/case-clock';
import { grievanceActionSchema, grievanceCaseSchema, grievanceFilingSchema, grievanceParamsSchema } from '../../schemas/grievance';
import { problemResponses } from '../../schemas/problem';
import { listGrievancesRoute } from './list-grievances';


/** Grievance cases: `grievance:<id>` workflows. */
export async function grievanceRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  await app.register(listGrievancesRoute);
  const security = [{ bearerAuth: [] }];

  api.post(
    '/v1/grievances',
    {
      config: { validationRule: 'GRV-CONTENT' },
      schema: {
        tags: ['grievances'],
        summary: 'File a grievance (informal step or a written grievance at a level)',
        security,
        body: grievanceFilingSchema,
        response: { 201: grievanceCaseSchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const filing: GrievanceFiling = request.body;
      const calendars = await refuseLateOrUngrievable(request, filing);
      const workflowId = grievanceWorkflowId(filing.id);
      try {
        await app.temporal.client.workflow.start(grievanceWorkflow, {
          workflowId,
          taskQueue: app.temporal.taskQueue,
          args: [{ filing, filedBy: request.user, calendars }],
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
      schema: {
        tags: ['grievances'],
        summary: 'Read a grievance case: where the procedure stands, every deadline with its explanation, notices sent',
        security,
        params: grievanceParamsSchema,
        response: { 200: grievanceCaseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    // A case is visible only inside its district; elsewhere it does not exist.
    async (request) => readGrievance(app, request.params.id, request.user.district),
  );

  api.post(
    '/v1/grievances/:id/actions',
    {
      schema: {
        tags: ['grievances'],
        summary: 'Act on a grievance: declare formal, schedule the conference, decide, appeal, extend, withdraw ...',
        description:
          'The case checks the action against the procedure and answers at once: 200 with the new state and ' +
          'deadlines, 409 when the stage does not allow it, 422 when a rule refuses it. `Idempotency-Key` makes a ' +
          'retried request apply once.',
        security,
        params: grievanceParamsSchema,
        headers: idempotencyHeadersSchema,
        body: grievanceActionSchema,
        response: { 200: grievanceCaseSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const action: GrievanceAction = request.body;
      await app.requireRole(...GRIEVANCE_ACTION_ROLES[action.type])(request);
      if (action.type === 'decide' && !request.user.levels) {
        throw new HttpProblem(403, 'A decision needs a decider token naming the levels it decides (claim `levels`).', { rule: 'GRV-DECIDE-10' });
      }
      const updateId = request.headers['idempotency-key'];
      return caseUpdate(app, request.params.id, request.user.district, (handle) =>
        handle.executeUpdate(grievanceActionUpdate, { args: [{ action, by: request.user }], ...(updateId ? { updateId } : {}) }),
      );
    },
  );

  api.post(
    '/v1/grievances/:id/clock/pause',
    {
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
      const updateId = request.headers['idempotency-key'];
      return caseUpdate(app, request.params.id, request.user.district, (handle) =>
        handle.executeUpdate(pauseClocksUpdate, { args: [{ reason: request.body.reason, by: request.user }], ...(updateId ? { updateId } : {}) }),
      );
    },
  );

  api.post(
    '/v1/grievances/:id/clock/resume',
    {
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
      const updateId = request.headers['idempotency-key'];
      return caseUpdate(app, request.params.id, request.user.district, (handle) => handle.executeUpdate(resumeClocksUpdate, { args: [{ by: request.user }], ...(updateId ? { updateId } : {}) }));
    },
  );
}

/** GRV-DEF, GRV-COLLECTIVE, GRV-FILE-40: refused with 422 before any case opens. Returns the calendars read. */
async function refuseLateOrUngrievable(request: FastifyRequest, filing: GrievanceFiling) {
  const { client } = request.server.temporal;
  const district = request.user.district;
  const years = new Set([
    ...schoolYearsAround(filing.knewOn),
    ...(filing.receivedOn ? schoolYearsAround(filing.receivedOn) : []),
    ...schoolYearsAround(new Date().toISOString().slice(0, 10)),
  ]);
  const records = await Promise.all([...years].map((year) => readDistrictCalendar(client, district, year)));
  const calendars = records.flatMap((r) => (r?.calendar ? [r.calendar] : []));
  const today = dateInZone(new Date(), calendars[0]?.timeZone ?? 'UTC');
  const refusal = filingRefusal(filing, new DistrictCalendars(district, calendars), today);
  if (refusal) {
    throw new HttpProblem(422, refusal.message, {
      rule: refusal.rule,
      errors: [{ in: 'body', field: refusal.field, message: refusal.message, rule: refusal.rule }],
      ...(refusal.limit ? { deadline: { ...refusal.limit } } : {}),
    });
  }
  return calendars;
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

type CaseHandle = ReturnType<FastifyInstance['temporal']['client']['workflow']['getHandle']>;

/**
 * Runs an update on a case of the actor's district. The case's refusal answers 409 (the stage does not allow it)
 * or 422 (a rule refuses it), naming the rule, and changes nothing; a closed case answers 409.
 */
async function caseUpdate<T>(app: FastifyInstance, id: string, district: string, update: (handle: CaseHandle) => Promise<T>): Promise<T> {
  const grievance = await readGrievance(app, id, district);
  try {
    return await update(app.temporal.client.workflow.getHandle(grievanceWorkflowId(id)));
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const rule = (error.cause.details?.[0] as { rule?: string } | undefined)?.rule;
      if (error.cause.type === GRIEVANCE_RULE_VIOLATION) throw new HttpProblem(422, error.cause.message, rule ? { rule } : {});
      if (error.cause.type === GRIEVANCE_FORBIDDEN) throw new HttpProblem(403, error.cause.message, rule ? { rule } : {});
      if (error.cause.type === GRIEVANCE_CONFLICT || error.cause.type === 'ClockStateConflict') {
        throw new HttpProblem(409, error.cause.message, rule ? { rule } : {});
      }
    }
    if (error instanceof WorkflowNotFoundError) {
      const closed = grievance.process.closed;
      throw new HttpProblem(409, `The grievance ${id} is closed (${closed?.reason ?? 'closed'}): no further action is possible.`, { rule: closed?.rule ?? 'GRV-ACCEPT' });
    }
    throw error;
  }
}

function notFound(id: string) {
  return new HttpProblem(404, `No grievance with id ${id}.`);
}
