import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dateInZone, schoolYearOf, schoolYearsAround } from '../../../src/domain/calendar';
import type { CycleStart } from '../../../src/domain/observation/observation-cycle';
import { resolveTrack } from '../../../src/domain/observation/observation-policy';
import { readDistrictCalendar } from '../../../src/temporal/district-calendars';
import { readObservationYear } from '../../../src/temporal/observation-years';
import { observationCycleWorkflow } from '../../../workflows/observation/observation-cycle-workflow';
import { HttpProblem } from '../../plugins/problem-details';
import { idempotencyHeadersSchema } from '../../schemas/case-clock';
import { observationCycleBodySchema, observationCycleViewSchema } from '../../schemas/observation';
import { problemResponses } from '../../schemas/problem';
import { startCase } from '../case-family-routes';
import { observationApi, observationView } from './observation-api';

/** `POST /v1/observations`: HR opens an educator's cycle for a school year on the track the district's policy gives. */
export async function openCycleRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/v1/observations',
    {
      config: { validationRule: 'OBS-TRACK' },
      schema: {
        tags: ['observations'],
        summary: "Open an educator's observation cycle for a school year (OBS-TRACK: the track from the district's policy)",
        description:
          'The case id is `<schoolYear>:<educator>` (the educator is an employee id). The track and its minimum of ' +
          "observations come from the district's observation year (`PUT /v1/observations/years/:district/:schoolYear`); " +
          'without one the request answers 422 naming OBS-TRACK. With an `Idempotency-Key`, a retried request answers the ' +
          'cycle it opened (201) instead of 409.',
        security: [{ bearerAuth: [] }],
        headers: idempotencyHeadersSchema,
        body: observationCycleBodySchema,
        response: { 201: observationCycleViewSchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { client } = app.temporal;
      const district = request.user.district;
      const body = request.body;
      const thisYear = schoolYearOf(new Date().toISOString().slice(0, 10));
      const schoolYear = body.schoolYear ?? thisYear;
      const calendars = (await Promise.all([...new Set([schoolYear, ...schoolYearsAround(new Date().toISOString().slice(0, 10))])].map((y) => readDistrictCalendar(client, district, y)))).flatMap((r) =>
        r?.calendar ? [r.calendar] : [],
      );
      const today = dateInZone(new Date(), calendars[0]?.timeZone ?? 'UTC');
      const year = await readObservationYear(client, district, schoolYear);
      if (!year) {
        throw new HttpProblem(422, `The district has no observation year ${schoolYear}: HR sets its certified evaluators and track policy first (PUT /v1/observations/years/${district}/${schoolYear}).`, {
          rule: 'OBS-TRACK',
          errors: [{ in: 'body', field: '/schoolYear', message: `no observation year ${schoolYear} is set up`, rule: 'OBS-TRACK' }],
        });
      }
      const track = resolveTrack(year.policy, body);
      if (!track) {
        throw new HttpProblem(422, `The district's policy v${year.policy.version} has no track for this educator.`, { rule: 'OBS-TRACK', errors: [{ in: 'body', field: '/license', message: 'no track', rule: 'OBS-TRACK' }] });
      }
      const start: CycleStart = {
        district,
        schoolYear,
        educator: body.educator,
        school: body.school,
        category: body.category,
        license: body.license,
        prior: body.prior,
        track,
        evaluators: body.evaluators,
        contacts: body.contacts,
        openedOn: today,
        openedBy: request.user,
      };
      const id = `${schoolYear}:${body.educator}`;
      const { view } = await startCase(app, observationApi, { district, id, school: body.school, idempotencyKey: request.headers['idempotency-key'], body }, observationCycleWorkflow, [{ start, calendars }]);
      const projected = observationView(view, request.user);
      if (!projected) throw new HttpProblem(404, `No observation cycle with id ${id}.`);
      return reply.code(201).header('location', `/v1/observations/${id}`).send(projected);
    },
  );
}
