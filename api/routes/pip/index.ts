import { inlineTexts, storeTexts } from '../../../src/audit/stored-texts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { hasAnyRole } from '../../../src/domain/actor';
import { addDays, DistrictCalendars, schoolYearOf } from '../../../src/domain/calendar';
import type { PipStart } from '../../../src/domain/pip/pip-case';
import { yearEndOf } from '../../../src/domain/pip/pip-family';
import { startPip } from '../../../src/domain/pip/pip-process';
import { startProblem } from '../../../src/domain/pip/pip-rules';
import { CaseStatus } from '../../../src/temporal/search-attributes';
import { pipWorkflow } from '../../../workflows/pip/pip-workflow';
import { HttpProblem } from '../../plugins/problem-details';
import { idempotencyHeadersSchema } from '../../schemas/case-clock';
import { pipCaseViewSchema, pipOpeningSchema } from '../../schemas/pip';
import { problemResponses } from '../../schemas/problem';
import { startCase } from '../case-family-routes';
import { districtCalendarsAndToday } from '../../../src/temporal/district-today';
import { pipApi, pipApiView } from './pip-api';

type Opening = z.infer<typeof pipOpeningSchema>;

/** Improvement plans: the opening; reading, acting, the clock and the listing are the kernel's (pip-api.ts). */
export async function pipRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/v1/pip',
    {
      config: { validationRule: 'PIP-GOAL' },
      schema: {
        tags: ['pip'],
        summary: 'Open a Performance Improvement Plan for a support professional: the team and the first plan (PIP-TEAM, PIP-GOAL, PIP-ALIGN, PIP-STEPS)',
        description:
          'HR opens it, or the primary evaluator for their own evaluee. Give each person\'s `id` (the `sub` of their token, or the employee id the ' +
          "district's tokens carry) so that they act on the plan. Each action step's completion and check-in dates become deadlines with reminders " +
          'to the evaluator and the employee; each plan\'s end-of-year status is due on the last instructional day. 422 names the field and the rule ' +
          'refused. With an `Idempotency-Key`, a retried request answers the case it opened (201) instead of 409.',
        security: [{ bearerAuth: [] }],
        headers: idempotencyHeadersSchema,
        body: pipOpeningSchema,
        response: { 201: pipCaseViewSchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const body: Opening = request.body;
      // PIP-TEAM: an evaluator opens plans only as the primary evaluator of them; HR for anyone of the district.
      if (!hasAnyRole(request.user, ['hr']) && body.evaluator.id !== request.user.id && body.evaluator.id !== request.user.employeeId) {
        throw new HttpProblem(403, 'An evaluator opens a plan as its primary evaluator (PIP-TEAM).', { rule: 'PIP-TEAM' });
      }
      const checked = await checkedStart(request, body);
      // Issue 11: the plan's long texts go to the case document store once the rules passed; the case keeps claim checks.
      const start = await storeTexts(app.documents, checked.start.district, checked.start, pipApi.storedTexts?.opening);
      const { calendars } = checked;
      const { view, workflowId } = await startCase(
        app,
        pipApi,
        {
          district: start.district,
          id: body.id,
          school: body.school,
          idempotencyKey: request.headers['idempotency-key'],
          body: request.body,
          // Listed with its status from the start, before the case's first workflow task sets it again.
          searchAttributes: [{ key: CaseStatus, value: startPip(start).status }],
        },
        pipWorkflow,
        [{ start, openedBy: request.user, calendars }],
      );
      // The opener may have no part in the case beyond opening it (HR sees it whole; an evaluator is its evaluator).
      return reply.code(201).header('location', `/v1/pip/${encodeURIComponent(body.id)}`).send(await inlineTexts(app.documents, { district: start.district, workflowId }, pipApiView(view, request.user)) ?? { id: body.id, district: start.district, schoolYear: start.schoolYear, status: view.case.status, relation: 'other', plans: [], withheld: [], deadlines: [] });
    },
  );
}

/** The start as the rules check it on the district calendar of the plan's year (422 naming the field and rule). */
async function checkedStart(request: FastifyRequest, body: Opening) {
  const district = request.user.district;
  // A plan opened in the summer runs in the next school year: its calendar is read too.
  const utcToday = new Date().toISOString().slice(0, 10);
  const { calendars, today } = await districtCalendarsAndToday(request.server.temporal.client, district, [addDays(utcToday, 366), ...(body.schoolYear ? [`${body.schoolYear.slice(0, 4)}-09-01`] : [])]);
  const districtCalendars = new DistrictCalendars(district, calendars);
  const base = { id: body.id, district, ...(body.school ? { school: body.school } : {}), employee: body.employee, evaluator: body.evaluator, team: body.team, plan: body.plan, openedOn: today };
  const yearEnd = (schoolYear: string) => yearEndOf(startPip({ ...base, schoolYear }), districtCalendars).yearEndsOn;
  // Default: the school year of today, or the next once this one's last instructional day has passed (PIP-STATUS).
  const current = schoolYearOf(today);
  const currentEnd = yearEnd(current);
  const schoolYear = body.schoolYear ?? (currentEnd !== undefined && currentEnd < today ? schoolYearOf(addDays(today, 366)) : current);
  const yearEndsOn = yearEnd(schoolYear);
  if (yearEndsOn !== undefined && yearEndsOn < today) {
    throw new HttpProblem(422, `The school year ${schoolYear} has ended (${yearEndsOn}): a plan runs in the year its status is due (PIP-STATUS).`, {
      rule: 'PIP-STATUS',
      errors: [{ in: 'body', field: '/schoolYear', message: 'the school year has ended', rule: 'PIP-STATUS' }],
    });
  }
  const start: PipStart = { ...base, schoolYear };
  const problem = startProblem(start, today);
  if (problem) throw new HttpProblem(422, `${problem.message} (${problem.rule})`, { rule: problem.rule, errors: [{ in: 'body', field: problem.field, message: problem.message, rule: problem.rule }] });
  return { start, calendars };
}
