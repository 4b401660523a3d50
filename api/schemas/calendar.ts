import { z } from 'zod';
import { MAX_CALENDAR_EVENTS, MAX_LISTED_REPORT_ENTRIES } from '../../src/calendar-import/import-limits';

const date = z.iso.date();
const text = z.string().trim().min(1);

export const calendarEventSchema = z
  .object({
    id: z.string().max(64).regex(/^[A-Za-z0-9._-]{1,64}$/).optional().describe('Stable id, so an amendment can remove or move the event'),
    kind: z.enum(['holiday', 'break', 'staff-day', 'closure', 'make-up-day']),
    name: text.max(200),
    start: date,
    end: date.optional().describe('Last day, inclusive; leave out for a one-day event'),
  })
  .meta({ id: 'CalendarEvent' });

const calendarFields = z.object({
    timeZone: text.max(64).describe('IANA time zone of the district, e.g. America/Chicago'),
    firstInstructionalDay: date,
    lastInstructionalDay: date,
    staffYear: z.object({ firstDay: date, lastDay: date }).optional(),
    semesters: z.array(z.object({ name: text.max(100), start: date, end: date })).max(6).readonly(),
    events: z.array(calendarEventSchema).max(MAX_CALENDAR_EVENTS).readonly(),
});

/** CAL-1: the body of `PUT /v1/calendars/:district/:schoolYear` (district and year come from the URL). */
export const calendarBodySchema = calendarFields
  .extend({ reason: text.max(500).optional().describe('Why this version is published (kept in the amendment log)') })
  .meta({
    examples: [
      {
        timeZone: 'America/Chicago',
        firstInstructionalDay: '2026-08-24',
        lastInstructionalDay: '2027-06-04',
        staffYear: { firstDay: '2026-08-17', lastDay: '2027-06-11' },
        semesters: [
          { name: 'Fall', start: '2026-08-24', end: '2027-01-15' },
          { name: 'Spring', start: '2027-01-19', end: '2027-06-04' },
        ],
        events: [
          { id: 'labor-day', kind: 'holiday', name: 'Labor Day', start: '2026-09-07' },
          { id: 'thanksgiving', kind: 'break', name: 'Thanksgiving Break', start: '2026-11-25', end: '2026-11-27' },
          { id: 'winter-break', kind: 'break', name: 'Winter Break', start: '2026-12-21', end: '2027-01-01' },
          { id: 'pd-day-oct', kind: 'staff-day', name: 'Teacher Workday', start: '2026-10-12' },
        ],
        reason: 'Calendar adopted by the board on 2026-05-14',
      },
    ],
  });

export const calendarAmendmentBodySchema = z
  .object({
    reason: text.max(500).describe('e.g. "snow closure announced by the superintendent"'),
    add: z.array(calendarEventSchema).max(100).default([]),
    remove: z.array(z.string().min(1).max(64)).max(100).default([]).describe('Ids of events to remove'),
  })
  // No component id: with defaults its input and output shapes differ, and OpenAPI names must be unique.
  .refine((b) => b.add.length + b.remove.length > 0, { message: 'add or remove at least one event', path: ['add'] })
  .meta({
    examples: [
      { reason: 'Snow closure announced by the superintendent', add: [{ id: 'snow-2027-01-26', kind: 'closure', name: 'Snow Day', start: '2027-01-26' }], remove: [] },
    ],
  });

export const calendarParamsSchema = z.object({
  district: z.string().max(64).regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lowercase district id').meta({ description: "The district's id (your token's `district`)", examples: ['demo-district'] }),
  schoolYear: z.string().max(9).regex(/^\d{4}-\d{4}$/, 'must look like 2026-2027').meta({ examples: ['2026-2027'] }),
});

const actorSchema = z.object({ id: z.string(), roles: z.array(z.string()).readonly(), district: z.string() });

export const calendarAmendmentSchema = z
  .object({
    version: z.number().int(),
    at: z.string(),
    by: actorSchema,
    reason: z.string(),
    summary: z.string(),
    changes: z.object({
      added: z.array(calendarEventSchema).readonly(),
      removed: z.array(calendarEventSchema).readonly(),
      frame: z.array(z.string()).readonly(),
    }),
  })
  .meta({ id: 'CalendarAmendment' });

export const calendarRecordSchema = z
  .object({
    district: z.string(),
    schoolYear: z.string(),
    version: z.number().int(),
    calendar: calendarFields.extend({ district: z.string(), schoolYear: z.string(), version: z.number().int().optional() }),
    amendments: z.array(calendarAmendmentSchema).readonly(),
  })
  .meta({ id: 'DistrictCalendar' });

export const calendarImportQuerySchema = z.object({
  timeZone: text.max(64).optional().describe("Overrides the file's X-WR-TIMEZONE / VTIMEZONE"),
  firstInstructionalDay: date.optional().describe('When the file has no "first day of school" event'),
  lastInstructionalDay: date.optional().describe('When the file has no "last day of school" event'),
  dryRun: z.enum(['true', 'false']).default('false').meta({ description: 'true: show the mapping without publishing', examples: ['true'] }),
  reason: text.max(500).optional(),
  confirmIgnored: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: publish although events that look like days off were left out (listed first in a dry run\'s `report.ignored`)'),
});

/** CAL-4: how each event of the file was read; lists cut at MAX_LISTED_REPORT_ENTRIES, the counts count all. */
const importReportSchema = z.object({
  imported: z
    .array(z.object({ uid: z.string(), summary: z.string(), as: z.string(), start: z.string(), end: z.string().optional() }))
    .max(MAX_LISTED_REPORT_ENTRIES)
    .readonly()
    .describe(`The events read as school-year marks or days off, in file order (the first ${MAX_LISTED_REPORT_ENTRIES})`),
  ignored: z
    .array(
      z.object({
        uid: z.string(),
        summary: z.string(),
        start: z.string().optional(),
        reason: z.string(),
        looksLikeDayOff: z.literal(true).optional().describe('Left out, yet it reads like a day without school: publishing needs confirmIgnored=true'),
      }),
    )
    .max(MAX_LISTED_REPORT_ENTRIES)
    .readonly()
    .describe(`The events left out, each with the reason: those that look like a day off first, then the rest, each in file order (the first ${MAX_LISTED_REPORT_ENTRIES})`),
  counts: z
    .object({ imported: z.number().int(), ignored: z.number().int(), looksLikeDayOff: z.number().int() })
    .describe('How many events each list has in all, and how many of those left out look like a day off'),
});

export const calendarImportResultSchema = z
  .object({
    published: z.boolean(),
    calendar: calendarFields.extend({ district: z.string(), schoolYear: z.string(), version: z.number().int().optional() }),
    report: importReportSchema,
    record: calendarRecordSchema.optional().describe('The published calendar (absent on a dry run)'),
  })
  .meta({ id: 'CalendarImportResult' });
