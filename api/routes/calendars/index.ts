import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarImportError, importIcs } from '../../../src/calendar-import/ics-import';
import { calendarProblems, districtCalendarWorkflowId, type DistrictCalendar, type DistrictCalendarRecord } from '../../../src/domain/calendar';
import { publishDistrictCalendar, readDistrictCalendar } from '../../../src/temporal/district-calendars';
import { CALENDAR_REJECTED, amendCalendarUpdate } from '../../../workflows/calendar/district-calendar-messages';
import { HttpProblem } from '../../plugins/problem-details';
import {
  calendarAmendmentBodySchema,
  calendarAmendmentSchema,
  calendarBodySchema,
  calendarImportQuerySchema,
  calendarImportResultSchema,
  calendarParamsSchema,
  calendarRecordSchema,
} from '../../schemas/calendar';
import { problemResponses } from '../../schemas/problem';

type Params = z.infer<typeof calendarParamsSchema>;

/** District calendars: data every deadline is counted on (CAL-1), amended while cases run (CAL-2). */
export async function calendarRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const client = () => app.temporal.client;

  api.put(
    '/v1/calendars/:district/:schoolYear',
    {
      config: { validationRule: 'CAL-1' },
      schema: {
        tags: ['calendars'],
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
      return reply.code(first ? 201 : 200).header('location', calendarPath(district, schoolYear)).send(record);
    },
  );

  api.post(
    '/v1/calendars/:district/:schoolYear/import',
    {
      config: { validationRule: 'CAL-4' },
      schema: {
        tags: ['calendars'],
        summary: "Import the district's published iCalendar (.ics) file (Content-Type: text/calendar)",
        description:
          'All-day events are mapped by category and summary (first/last day of school, end of first semester, ' +
          'make-up day, closure, staff day, break, holiday); everything left out is listed in `report.ignored` ' +
          'with the reason. Use `dryRun=true` to check the mapping before publishing.',
        security,
        params: calendarParamsSchema,
        querystring: calendarImportQuerySchema,
        body: z.string().min(1).describe('The .ics file'),
        response: { 200: calendarImportResultSchema, 201: calendarImportResultSchema, ...problemResponses(400, 401, 403, 415, 422) },
      },
    },
    async (request, reply) => {
      const { district, schoolYear } = ownDistrict(request, request.params);
      const { dryRun, reason, ...overrides } = request.query;
      let imported: ReturnType<typeof importIcs>;
      try {
        imported = importIcs(request.body, { schoolYear, ...overrides });
      } catch (error) {
        if (!(error instanceof CalendarImportError)) throw error;
        throw new HttpProblem(422, `The file cannot be imported: ${error.message}`, {
          rule: 'CAL-4',
          errors: error.problems.map((p) => ({ in: 'body' as const, field: p.field, message: p.message, rule: 'CAL-4' })),
        });
      }
      const calendar: DistrictCalendar = { district, schoolYear, ...imported.calendar };
      if (dryRun === 'true') {
        const problems = calendarProblems(calendar);
        if (problems.length > 0) throw calendarRejected(problems);
        return reply.code(200).send({ published: false, calendar, report: imported.report });
      }
      const { record, first } = await publish(app, request, calendar, reason ?? 'imported from iCalendar');
      return reply
        .code(first ? 201 : 200)
        .header('location', calendarPath(district, schoolYear))
        .send({ published: true, calendar: record.calendar, report: imported.report, record });
    },
  );

  api.get(
    '/v1/calendars/:district/:schoolYear',
    {
      schema: {
        tags: ['calendars'],
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
      const handle = client().workflow.getHandle(districtCalendarWorkflowId(district, schoolYear));
      const amendment = await changeCalendar(() =>
        handle.executeUpdate(amendCalendarUpdate, { args: [{ ...request.body, by: request.user }] }),
      );
      return reply.code(201).send(amendment);
    },
  );
}

/** CAL-1: checks a whole calendar, then publishes it through the calendar workflow (created on first use). */
async function publish(app: FastifyInstance, request: FastifyRequest, calendar: DistrictCalendar, reason: string) {
  const problems = calendarProblems(calendar);
  if (problems.length > 0) throw calendarRejected(problems);
  const { amendment, record } = await changeCalendar(() =>
    publishDistrictCalendar(app.temporal.client, app.temporal.taskQueue, calendar, request.user, reason),
  );
  return { record: withCalendar(record), first: amendment.version === 1 };
}

function calendarPath(district: string, schoolYear: string) {
  return `/v1/calendars/${district}/${schoolYear}`;
}

/** A calendar belongs to its district: only that district's people read or change it. */
function ownDistrict(request: FastifyRequest, params: Params): Params {
  if (params.district !== request.user.district) {
    throw new HttpProblem(403, `Only people of district ${params.district} may read or change its calendar.`);
  }
  return params;
}

async function readCalendar(client: Client, district: string, schoolYear: string): Promise<DistrictCalendarRecord> {
  const record = await readDistrictCalendar(client, district, schoolYear);
  if (!record) throw new HttpProblem(404, `No calendar of ${district} for ${schoolYear} is published.`);
  return record;
}

/** Runs a calendar update; a refusal by the workflow's validator becomes 422 with its problems. */
async function changeCalendar<T>(update: () => Promise<T>): Promise<T> {
  try {
    return await update();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === CALENDAR_REJECTED) {
      throw calendarRejected((error.cause.details?.[0] ?? []) as { field: string; message: string; rule: string }[]);
    }
    throw error;
  }
}

function calendarRejected(problems: readonly { field: string; message: string; rule: string }[]) {
  const rule = problems[0]?.rule ?? 'CAL-1';
  return new HttpProblem(422, `The calendar is refused: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
    rule,
    errors: problems.map((p) => ({ in: 'body' as const, field: p.field, message: p.message, rule: p.rule })),
  });
}

function withCalendar(record: DistrictCalendarRecord) {
  return { ...record, calendar: record.calendar! };
}
