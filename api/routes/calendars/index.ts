import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IcsImportRunner, type IcsImportRunnerOptions } from '../../../src/calendar-import/ics-import-runner';
import { amendDistrictCalendar } from '../../../src/temporal/district-calendars';
import { calendarAmendmentBodySchema, calendarAmendmentSchema, calendarBodySchema, calendarParamsSchema, calendarRecordSchema } from '../../schemas/calendar';
import { createdOrReplaced } from '../../created-or-replaced';
import { problemResponses } from '../../schemas/problem';
import { calendarPath, changeCalendar, ownDistrict, publish, readCalendar, withCalendar } from './calendar-publishing';
import { icsImportRoute } from './ics-import-route';

/**
 * District calendars: data every deadline is counted on (CAL-1), amended while cases run (CAL-2), imported from the
 * district's .ics file (CAL-4) in worker threads that this app owns and stops when it closes.
 */
export async function calendarRoutes(app: FastifyInstance, options: { icsImport?: Partial<IcsImportRunnerOptions> } = {}) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const importer = new IcsImportRunner(options.icsImport);
  app.addHook('onClose', () => importer.close());
  const security = [{ bearerAuth: [] }];
  const client = () => app.temporal.client;

  api.put(
    '/v1/calendars/:district/:schoolYear',
    {
      config: { validationRule: 'CAL-1' },
      schema: {
        tags: ['calendars'],
        operationId: 'publishCalendar',
        summary: "Publish a district's calendar for a school year (a replacement is recorded as an amendment)",
        security,
        params: calendarParamsSchema,
        body: calendarBodySchema,
        response: { 200: calendarRecordSchema, 201: calendarRecordSchema, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const { district, schoolYear } = ownDistrict(request, request.params);
      const { reason, ...body } = request.body;
      const { record, first } = await publish(app, request, { district, schoolYear, ...body }, reason ?? 'published');
      return createdOrReplaced(reply, first, calendarPath(district, schoolYear)).send(record);
    },
  );

  icsImportRoute(app, importer);

  api.get(
    '/v1/calendars/:district/:schoolYear',
    {
      schema: {
        tags: ['calendars'],
        operationId: 'getCalendar',
        summary: "Read a district's calendar and its amendment log",
        security,
        params: calendarParamsSchema,
        response: { 200: calendarRecordSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { district, schoolYear } = ownDistrict(request, request.params);
      return withCalendar(await readCalendar(client(), district, schoolYear));
    },
  );

  api.post(
    '/v1/calendars/:district/:schoolYear/amendments',
    {
      config: { validationRule: 'CAL-2' },
      schema: {
        tags: ['calendars'],
        operationId: 'amendCalendar',
        summary: 'Amend a calendar (snow-day closure, make-up day, moved holiday): every open case is recomputed',
        security,
        params: calendarParamsSchema,
        body: calendarAmendmentBodySchema,
        response: { 201: calendarAmendmentSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { district, schoolYear } = ownDistrict(request, request.params);
      await readCalendar(client(), district, schoolYear); // 404 before anything is sent
      const amendment = await changeCalendar(() => amendDistrictCalendar(client(), district, schoolYear, { ...request.body, by: request.user }));
      return reply.code(201).send(amendment);
    },
  );
}
