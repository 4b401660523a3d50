import ICAL from 'ical.js';
import { addDays, isWeekend, toDayNumber, type CalendarDate, type CalendarEvent, type CalendarEventKind, type Semester } from '../domain/calendar';
import { CalendarImportError, type ImportProblem } from './import-error';
import { ICS_IMPORT_LIMITS, MAX_CALENDAR_EVENTS, type IcsImportLimits } from './import-limits';
import { indexLines, lineField } from './ics-lines';
import { overriddenOccurrences, parseCalendar } from './ics-parse';
import { at, dateOf, messageOf, occurrences, type RepeatBudget } from './ics-recurrence';
import type { RecurrenceWatch } from './recurrence-watch';

export { CalendarImportError, type ImportProblem } from './import-error';

/**
 * CAL-4: reads the iCalendar (.ics) file a district publishes into a calendar. Only all-day events count (a day
 * is in session or not); each is classified by its CATEGORIES and SUMMARY together with the rules below, the
 * first (most specific) matching row winning, and every event left out is reported with the reason, so the person
 * importing can check the mapping.
 *
 * | summary or category mentions                                   | becomes                    |
 * |----------------------------------------------------------------|----------------------------|
 * | first day of school / for students / of classes                | firstInstructionalDay      |
 * | last day of school / for students / of classes                 | lastInstructionalDay       |
 * | end of (first/fall) semester, first semester ends              | end of semester 1          |
 * | make-up day                                                    | make-up-day                |
 * | closed, closure, snow day, weather day, emergency              | closure                    |
 * | staff, teacher work/planning day, professional development,    | staff-day (work day        |
 * |   PD, in-service, institute, records day, no school for        |   without students)        |
 * |   students, student holiday, non-student day                   |                            |
 * | break, recess, vacation                                        | break                      |
 * | holiday, no school, observed, or a holiday's name (Labor Day,  | holiday                    |
 * |   Thanksgiving, Veterans Day, Memorial Day, New Year, ...)     |                            |
 * | anything else (back-to-school night, picture day), timed       | ignored, with the reason   |
 * |   events, cancelled events, events outside the school year     |                            |
 *
 * Recurring all-day events (RRULE, RDATE, EXDATE, moved occurrences by RECURRENCE-ID) are expanded up to the end of
 * the school year within the caps of import-limits.ts; a rule that cannot be expanded is refused naming its line.
 */
export type ImportedAs = CalendarEventKind | 'first-day' | 'last-day' | 'semester-end';

const CLASSIFIERS: readonly [ImportedAs, RegExp][] = [
  ['first-day', /\bfirst day (of school|for students|of classes|of instruction)\b/i],
  ['last-day', /\blast day (of school|for students|of classes|of instruction)\b/i],
  ['semester-end', /\b(end of (the )?(first|1st|fall) semester|(first|1st|fall) semester ends|end of semester (1|one|i))\b/i],
  ['make-up-day', /\bmake-?up day\b/i],
  ['closure', /\b(closed|closure|snow day|weather day|emergency)\b/i],
  ['staff-day', /\b(staff|teacher work|teacher planning|teacher workday|professional (development|learning)|pd day|in-?service|institute|records day|no school for students|student holiday|non-student)\b/i],
  ['break', /\b(break|recess|vacation)\b/i],
  [
    'holiday',
    /\b(holiday|no school|observed|labor day|thanksgiving|veterans day|memorial day|new year|martin luther king|mlk|presidents'? day|juneteenth|independence day|christmas|good friday|columbus day|indigenous peoples'? day|cesar chavez)\b/i,
  ],
];

export interface ImportOptions {
  /** `2026-2027`: events outside July 1 .. June 30 are left out. */
  readonly schoolYear: string;
  /** Overrides the file's X-WR-TIMEZONE / VTIMEZONE. */
  readonly timeZone?: string | undefined;
  /** Override what the file says (or fill in what it does not). */
  readonly firstInstructionalDay?: CalendarDate | undefined;
  readonly lastInstructionalDay?: CalendarDate | undefined;
}

export interface ImportReport {
  readonly imported: readonly { uid: string; summary: string; as: ImportedAs; start: CalendarDate; end?: CalendarDate | undefined }[];
  readonly ignored: readonly { uid: string; summary: string; start?: CalendarDate | undefined; reason: string }[];
}

export interface ImportedCalendar {
  readonly timeZone: string;
  readonly firstInstructionalDay: CalendarDate;
  readonly lastInstructionalDay: CalendarDate;
  readonly semesters: readonly Semester[];
  readonly events: readonly CalendarEvent[];
}

export function classify(text: string): ImportedAs | undefined {
  return CLASSIFIERS.find(([, pattern]) => pattern.test(text))?.[0];
}

/**
 * CAL-4: reads the file within `limits` (import-limits.ts). Pure and synchronous: the API runs it in a worker
 * thread (ics-import-runner.ts), never on the event loop. A problem names the line of the file when one is at fault.
 */
export function importIcs(
  text: string,
  options: ImportOptions,
  limits: IcsImportLimits = ICS_IMPORT_LIMITS,
  watch?: RecurrenceWatch,
): { calendar: ImportedCalendar; report: ImportReport } {
  const index = indexLines(text);
  if (index.veventCount > limits.maxEvents) {
    throw new CalendarImportError([
      { field: '/', message: `the file holds ${index.veventCount} events (VEVENT); an import reads at most ${limits.maxEvents}: export the district calendar alone, without the events that mark no day off` },
    ]);
  }
  const root = parseCalendar(text, index);
  const startYear = Number(options.schoolYear.slice(0, 4));
  const yearFrom = `${startYear}-07-01`;
  const yearTo = `${startYear + 1}-06-30`;

  const imported: ImportReport['imported'][number][] = [];
  const ignored: ImportReport['ignored'][number][] = [];
  const events: CalendarEvent[] = [];
  const marks: Partial<Record<'first-day' | 'last-day' | 'semester-end', CalendarDate>> = {};
  const problems: ImportProblem[] = [];
  const budget: RepeatBudget = { used: 0 };

  const components = root.getAllSubcomponents('vevent');
  // The index lists the VEVENTs ical.js lists, in the same order; should a stranger file make them differ, no lines.
  const linesOf = (i: number) => (components.length === index.events.length ? index.events[i] : undefined);
  const overrides = overriddenOccurrences(components);

  for (const [i, component] of components.entries()) {
    const lines = linesOf(i);
    try {
      // With the exceptions given (none), ical.js does not scan every VEVENT of the file for each event, O(n^2).
      const event = new ICAL.Event(component, { exceptions: [] });
      const summary = (event.summary ?? '').trim();
      const uid = event.uid ?? summary;
      if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
        ignored.push({ uid, summary, reason: 'cancelled event' });
        continue;
      }
      if (!event.startDate?.isDate) {
        ignored.push({ uid, summary, reason: 'timed event: only all-day events mark days' });
        continue;
      }
      const categories = component.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
      // Categories and summary together: the most specific rule wins ("No School" + "Thanksgiving Break" is a break).
      const as = classify(`${categories.join(' ')} ${summary}`);
      // A moved occurrence (RECURRENCE-ID) keeps the id of the one it replaces, which its series leaves out.
      const replaces = event.isRecurrenceException() ? dateOf(event.recurrenceId) : undefined;
      for (const occurrence of occurrences(event, lines, { until: yearTo, overridden: overrides.get(uid) ?? new Set(), limits, budget, watch })) {
        const start = occurrence.start;
        if (start < yearFrom || start > yearTo) {
          ignored.push({ uid, summary, start, reason: `outside the school year ${options.schoolYear}` });
          continue;
        }
        if (!as) {
          ignored.push({ uid, summary, start, reason: 'no rule maps this event to a school, work or closed day' });
          continue;
        }
        const end = occurrence.end && occurrence.end > start ? (occurrence.end > yearTo ? yearTo : occurrence.end) : undefined;
        imported.push({ uid, summary, as, start, end });
        if (as === 'first-day' || as === 'last-day' || as === 'semester-end') {
          marks[as] = start;
        } else {
          const id = eventId(uid, occurrence.recurring ? start : replaces);
          events.push({ id, kind: as, name: summary || as, start, ...(end ? { end } : {}) });
        }
      }
    } catch (error) {
      if (error instanceof CalendarImportError) problems.push(...error.problems);
      else problems.push({ field: lineField(lines?.begin), message: at(lines?.begin, `the event cannot be read: ${messageOf(error)}`) });
      if ((error instanceof CalendarImportError && error.fatal) || problems.length >= limits.maxProblems) break;
    }
  }
  if (problems.length > 0) throw new CalendarImportError(problems.slice(0, limits.maxProblems));

  const timeZone = options.timeZone ?? stringProperty(root, 'x-wr-timezone') ?? root.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')?.toString();
  const firstInstructionalDay = options.firstInstructionalDay ?? marks['first-day'];
  const lastInstructionalDay = options.lastInstructionalDay ?? marks['last-day'];
  const missing: ImportProblem[] = [];
  if (!timeZone) missing.push({ field: '/timeZone', message: 'the file names no time zone (X-WR-TIMEZONE or VTIMEZONE): pass ?timeZone=' });
  if (!firstInstructionalDay) missing.push({ field: '/firstInstructionalDay', message: 'no "first day of school" event: pass ?firstInstructionalDay=' });
  if (!lastInstructionalDay) missing.push({ field: '/lastInstructionalDay', message: 'no "last day of school" event: pass ?lastInstructionalDay=' });
  // CAL-1: a calendar holds at most MAX_CALENDAR_EVENTS days off; refused here rather than failing its response schema.
  if (events.length > MAX_CALENDAR_EVENTS) {
    missing.push({
      field: '/events',
      message: `${events.length} events of the file map to days off (holidays, breaks, closures, staff and make-up days); a calendar holds at most ${MAX_CALENDAR_EVENTS}`,
    });
  }
  if (missing.length > 0) throw new CalendarImportError(missing);

  return {
    calendar: {
      timeZone: timeZone!,
      firstInstructionalDay: firstInstructionalDay!,
      lastInstructionalDay: lastInstructionalDay!,
      semesters: semestersFrom(firstInstructionalDay!, lastInstructionalDay!, marks['semester-end']),
      events,
    },
    report: { imported, ignored },
  };
}

/** Semester 1 runs to the semester-end event, semester 2 from the next weekday to the last day. */
function semestersFrom(first: CalendarDate, last: CalendarDate, semesterEnd: CalendarDate | undefined): Semester[] {
  if (!semesterEnd) return [];
  let start = addDays(semesterEnd, 1);
  while (isWeekend(toDayNumber(start))) start = addDays(start, 1);
  return [
    { name: 'Semester 1', start: first, end: semesterEnd },
    { name: 'Semester 2', start, end: last },
  ];
}

function eventId(uid: string, occurrence: CalendarDate | undefined): string {
  const base = uid.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, occurrence ? 52 : 64) || 'event';
  return occurrence ? `${base}-${occurrence}` : base;
}

function stringProperty(component: ICAL.Component, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? undefined : String(value);
}
