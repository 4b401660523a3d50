import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarImportError, type ImportOptions } from '../../../src/calendar-import/ics-import';
import { ImportUnavailableError, type IcsImportRunner } from '../../../src/calendar-import/ics-import-runner';
import { ICS_IMPORT_LIMITS, MAX_CALENDAR_EVENTS, MAX_LISTED_REPORT_ENTRIES } from '../../../src/calendar-import/import-limits';
import type { ListedImportReport } from '../../../src/calendar-import/import-report';
import { calendarProblems, type DistrictCalendar } from '../../../src/domain/calendar';
import { HttpProblem, serviceUnavailable } from '../../plugins/problem-details';
import { createdOrReplaced } from '../../created-or-replaced';
import { calendarImportQuerySchema, calendarImportResultSchema, calendarParamsSchema } from '../../schemas/calendar';
import { problemResponses } from '../../schemas/problem';
import { calendarPath, calendarRejected, ownDistrict, publish } from './calendar-publishing';

const EXAMPLE_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Example Unified School District//Calendar//EN',
  'X-WR-TIMEZONE:America/Chicago',
  'BEGIN:VEVENT',
  'UID:first-day-2026@example.org',
  'DTSTAMP:20260601T000000Z',
  'DTSTART;VALUE=DATE:20260824',
  'SUMMARY:First Day of School',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:last-day-2027@example.org',
  'DTSTAMP:20260601T000000Z',
  'DTSTART;VALUE=DATE:20270604',
  'SUMMARY:Last Day of School',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

/** CAL-4: `POST /v1/calendars/:district/:schoolYear/import`, the district's .ics file read in a worker thread. */
export function icsImportRoute(app: FastifyInstance, importer: IcsImportRunner) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/calendars/:district/:schoolYear/import',
    {
      config: { validationRule: 'CAL-4' },
      schema: {
        tags: ['calendars'],
        summary: "Import the district's published iCalendar (.ics) file (Content-Type: text/calendar)",
        description:
          'All-day events are mapped by category and summary (first/last day of school, end of first semester, ' +
          'make-up day, closure, staff day, break, holiday); everything left out is listed in `report.ignored` ' +
          'with the reason; those that look like a day off (a timed "Snow Day", a "Non-Attendance Day") come first, are ' +
          'counted in `report.counts.looksLikeDayOff`, and a publish with any of them answers 422 unless `confirmIgnored=true`. ' +
          'Use `dryRun=true` to check the mapping before publishing. Limits: at most ' +
          `${ICS_IMPORT_LIMITS.maxEvents} events (VEVENT) per file; a recurring all-day event steps through at most ` +
          `${ICS_IMPORT_LIMITS.maxRepeatsPerEvent} occurrences up to the end of the school year, all of them together ` +
          `${ICS_IMPORT_LIMITS.maxRepeats}; at most ${MAX_CALENDAR_EVENTS} days off in the calendar. A file past a ` +
          'limit, or with a recurrence that cannot be expanded, answers 422 naming the line (`errors[].field` ' +
          `\`/line/<n>\`). The report lists the first ${MAX_LISTED_REPORT_ENTRIES} entries of each list; ` +
          '`report.counts` counts them all. 503 with Retry-After when the server is too busy to read the file now.',
        security: [{ bearerAuth: [] }],
        operationId: 'importCalendar',
        consumes: ['text/calendar'],
        params: calendarParamsSchema,
        querystring: calendarImportQuerySchema,
        body: z.string().min(1).meta({ description: 'The .ics file', examples: [EXAMPLE_ICS] }),
        response: { 200: calendarImportResultSchema, 201: calendarImportResultSchema, ...problemResponses(400, 401, 403, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      const { district, schoolYear } = ownDistrict(request, request.params);
      const { dryRun, reason, confirmIgnored, ...overrides } = request.query;
      const imported = await readIcs(importer, request.body, { schoolYear, ...overrides });
      const calendar: DistrictCalendar = { district, schoolYear, ...imported.calendar };
      if (dryRun === 'true') {
        const problems = calendarProblems(calendar);
        if (problems.length > 0) throw calendarRejected(problems);
        return reply.code(200).send({ published: false, calendar, report: imported.report });
      }
      if (confirmIgnored !== 'true') refuseUnconfirmedDaysOff(imported.report);
      const { record, first } = await publish(app, request, calendar, reason ?? 'imported from iCalendar');
      return createdOrReplaced(reply, first, calendarPath(district, schoolYear)).send({ published: true, calendar: record.calendar, report: imported.report, record });
    },
  );
}

/**
 * CAL-4: events left out that look like days off would count as school days, moving every deadline counted across
 * them: the importer checks them (a dry run lists them first) and publishes with `confirmIgnored=true`, or fixes
 * the file. Nothing is published.
 */
function refuseUnconfirmedDaysOff(report: ListedImportReport) {
  const suspects = report.ignored.filter((i) => i.looksLikeDayOff);
  if (report.counts.looksLikeDayOff === 0) return;
  const named = suspects.map((i) => `"${i.summary}"${i.start ? ` (${i.start})` : ''}: ${i.reason}`).join('; ');
  throw new HttpProblem(
    422,
    `${report.counts.looksLikeDayOff} event(s) of the file look like days off but were left out, so those days would count as school days: ${named}. ` +
      'Check them with ?dryRun=true, then publish with ?confirmIgnored=true, or correct the file.',
    { rule: 'CAL-4', errors: [{ in: 'querystring', field: '/confirmIgnored', message: 'required (true) when events that look like days off are left out', rule: 'CAL-4' }] },
  );
}

/** The file read off the event loop: its problems answer 422 (CAL-4), a busy server 503 with Retry-After. */
async function readIcs(importer: IcsImportRunner, text: string, options: ImportOptions) {
  try {
    return await importer.run(text, options);
  } catch (error) {
    if (error instanceof CalendarImportError) {
      const detail = error.problems.map((p) => (p.field.startsWith('/line/') ? p.message : `${p.field}: ${p.message}`)).join('; ');
      throw new HttpProblem(422, `The file cannot be imported: ${detail}`, {
        rule: 'CAL-4',
        errors: error.problems.map((p) => ({ in: 'body' as const, field: p.field, message: p.message, rule: 'CAL-4' })),
      });
    }
    if (error instanceof ImportUnavailableError) throw serviceUnavailable(error.message, error.retryAfterSeconds);
    throw error;
  }
}
