import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DistrictCalendars, dateInZone, schoolYearsAround, type DistrictCalendar } from '../../../src/domain/calendar';
import { inlineTexts, storeTexts } from '../../../src/audit/stored-texts';
import { filingRefusal } from '../../../src/domain/grievance/filing-rules';
import type { GrievanceFiling } from '../../../src/domain/grievance/grievance-case';
import type { GrievancePolicy } from '../../../src/domain/grievance/grievance-policy';
import { readDistrictCalendar } from '../../../src/temporal/district-calendars';
import { grievanceWorkflow } from '../../../workflows/grievance/grievance-workflow';
import { HttpProblem } from '../../plugins/problem-details';
import { idempotencyHeadersSchema } from '../../schemas/case-clock';
import { grievanceCaseSchema, grievanceFilingSchema } from '../../schemas/grievance';
import { problemResponses } from '../../schemas/problem';
import { startCase } from '../case-family-routes';
import { linkGrievanceToViolation, prefillFromViolation } from '../observations/grievance-link';
import { grievanceApi } from './grievance-api';
import { grievanceProcedureRoutes, procedureForFiling } from './procedures';

/** Grievance cases: the filing; reading, acting, the clock and the listing are the kernel's (grievance-api.ts). */
export async function grievanceRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  await app.register(grievanceProcedureRoutes);

  api.post(
    '/v1/grievances',
    {
      config: { validationRule: 'GRV-CONTENT' },
      // OBS-FEEDBACK-7: a grievance about an observation cycle's process violation is filled from it first.
      preValidation: async (request) => prefillFromViolation(app, request),
      schema: {
        tags: ['grievances'],
        operationId: 'fileGrievance',
        summary: 'File a grievance (informal step or a written grievance at a level)',
        description:
          "Give each grievant's `subject` (the `sub` of their token, or the employee id the district's tokens carry) so " +
          'that they act on their own case; a grievant without one is acted for by HR only. Representatives and ' +
          'deciders may be given a `subject` too: a level whose decider is named is decided by that person alone. ' +
          'With an `Idempotency-Key`, a retried filing answers the case it opened (201) instead of 409; the key reused ' +
          'for another filing answers 422. With `fromViolation` (an observation cycle and one of its process violations), the ' +
          'statement, knewOn (the day the step was missed), provision, disputes and grievant are filled from the violation where ' +
          'left out, and the cycle records the grievance (OBS-FEEDBACK-7).',
        security: [{ bearerAuth: [] }],
        headers: idempotencyHeadersSchema,
        body: grievanceFilingSchema,
        response: { 201: grievanceCaseSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { district } = request.user;
      const { body } = request;
      const key = request.headers['idempotency-key'];
      // What the case starts with, read and checked beside the kernel's look-up of the case number (issue 11).
      const start = async () => {
        // Issue 16: the case pins the district's procedure in force now (its bargaining unit's); later versions never
        // change it. Read beside the calendars; a refusal of the unit still answers first.
        const calendarsRead = readFilingCalendars(request, body);
        calendarsRead.catch(() => undefined);
        // Issue 11: the statement and the corrective action go to the case document store (the case keeps their claim
        // checks), stored beside the reads: a filing refused below leaves only uploads, swept after their next day.
        const filingStored: Promise<GrievanceFiling> = storeTexts(app.documents, district, body, grievanceApi.storedTexts?.opening);
        filingStored.catch(() => undefined);
        const policy = await procedureForFiling(app.temporal.client, district, body.bargainingUnit);
        const calendars = refuseLateOrUngrievable(district, body, policy, await calendarsRead);
        return [{ filing: await filingStored, filedBy: request.user, calendars, policy }];
      };
      const { view, workflowId } = await startCase(app, grievanceApi, { district, id: body.id, school: body.school, idempotencyKey: key, body }, grievanceWorkflow, start);
      await linkGrievanceToViolation(app, request, { id: body.id, workflowId, fromViolation: body.fromViolation });
      return reply.code(201).header('location', `/v1/grievances/${encodeURIComponent(body.id)}`).send(await inlineTexts(app.documents, { district, workflowId }, view));
    },
  );
}

/** The district's calendars of the school years around the filing's dates and today. */
async function readFilingCalendars(request: FastifyRequest, filing: GrievanceFiling): Promise<DistrictCalendar[]> {
  const { client } = request.server.temporal;
  const district = request.user.district;
  const years = new Set([
    ...schoolYearsAround(filing.knewOn),
    ...(filing.receivedOn ? schoolYearsAround(filing.receivedOn) : []),
    ...schoolYearsAround(new Date().toISOString().slice(0, 10)),
  ]);
  const records = await Promise.all([...years].map((year) => readDistrictCalendar(client, district, year)));
  return records.flatMap((r) => (r?.calendar ? [r.calendar] : []));
}

/** GRV-DEF, GRV-COLLECTIVE, GRV-FILE-40: refused with 422 before any case opens. Returns the calendars. */
function refuseLateOrUngrievable(district: string, filing: GrievanceFiling, policy: GrievancePolicy, calendars: DistrictCalendar[]) {
  const today = dateInZone(new Date(), calendars[0]?.timeZone ?? 'UTC');
  const refusal = filingRefusal(filing, new DistrictCalendars(district, calendars), today, policy);
  if (refusal) {
    throw new HttpProblem(422, refusal.message, {
      rule: refusal.rule,
      errors: [{ in: 'body', field: refusal.field, message: refusal.message, rule: refusal.rule }],
      ...(refusal.limit ? { deadline: { ...refusal.limit } } : {}),
    });
  }
  return calendars;
}
