import ICAL from 'ical.js';
import { findIana } from 'windows-iana';
import { addDays, isValidTimeZone, isWeekend, toDayNumber, type CalendarDate, type CalendarEvent, type Semester } from '../domain/calendar';
import { CalendarImportError, type ImportProblem } from './import-error';
import { ICS_IMPORT_LIMITS, MAX_CALENDAR_EVENTS, type IcsImportLimits } from './import-limits';
import { indexLines, lineField } from './ics-lines';
import { overriddenOccurrences, parseCalendar } from './ics-parse';
import { at, dateOf, messageOf, occurrences, type RepeatBudget } from './ics-recurrence';
import type { RecurrenceWatch } from './recurrence-watch';
import { classify, hintsDayOff, type ImportedAs } from './summary-table';

export { CalendarImportError, type ImportProblem } from './import-error';

/**
 * CAL-4: reads the iCalendar (.ics) file a district publishes into a calendar. Only all-day events count (a day
 * is in session or not); each is classified by its CATEGORIES and SUMMARY together with the table of
 * summary-table.ts (plural and common spellings: "Teacher Workdays", "Snow Days", "Make-up Days", "Holidays"), the
 * first (most specific) matching row winning, and every event left out is reported with the reason, so the person
 * importing can check the mapping. An event left out that looks like a day off (a timed "Snow Day", a
 * "Non-Attendance Day" no row reads) is marked `looksLikeDayOff` and listed first: publishing without it needs the
 * importer's confirmation (the route's `confirmIgnored=true`), as those days would otherwise count as school days.
 *
 * Recurring all-day events (RRULE, RDATE, EXDATE, moved occurrences by RECURRENCE-ID) are expanded up to the end of
 * the school year within the caps of import-limits.ts; a rule that cannot be expanded is refused naming its line.
 */
export { classify, type ImportedAs } from './summary-table';

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
  /** Those that look like a day off first (`looksLikeDayOff`), then the rest, each in file order. */
  readonly ignored: readonly IgnoredEvent[];
}

export interface IgnoredEvent {
  readonly uid: string;
  readonly summary: string;
  readonly start?: CalendarDate | undefined;
  readonly reason: string;
  /** Left out, yet it reads like a day without school: publishing needs the importer's confirmation. */
  readonly looksLikeDayOff?: true | undefined;
}

export interface ImportedCalendar {
  readonly timeZone: string;
  readonly firstInstructionalDay: CalendarDate;
  readonly lastInstructionalDay: CalendarDate;
  readonly semesters: readonly Semester[];
  readonly events: readonly CalendarEvent[];
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
  const ignored: IgnoredEvent[] = [];
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
      const categories = component.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
      // Categories and summary together: the most specific rule wins ("No School" + "Thanksgiving Break" is a break).
      const text = `${categories.join(' ')} ${summary}`;
      const as = classify(text);
      if (!event.startDate?.isDate) {
        // A snow day entered with hours is still a snow day: it is left out, but not silently.
        const start = event.startDate ? dateOf(event.startDate) : undefined;
        const inYear = start !== undefined && start >= yearFrom && start <= yearTo;
        const dayOff = inYear && as !== undefined && as !== 'first-day' && as !== 'last-day' && as !== 'semester-end';
        ignored.push({ uid, summary, start, reason: 'timed event: only all-day events mark days', ...(dayOff ? { looksLikeDayOff: true as const } : {}) });
        continue;
      }
      // A moved occurrence (RECURRENCE-ID) keeps the id of the one it replaces, which its series leaves out.
      const replaces = event.isRecurrenceException() ? dateOf(event.recurrenceId) : undefined;
      for (const occurrence of occurrences(event, lines, { until: yearTo, overridden: overrides.get(uid) ?? new Set(), limits, budget, watch })) {
        const start = occurrence.start;
        if (start < yearFrom || start > yearTo) {
          ignored.push({ uid, summary, start, reason: `outside the school year ${options.schoolYear}` });
          continue;
        }
        if (!as) {
          ignored.push({ uid, summary, start, reason: 'no rule maps this event to a school, work or closed day', ...(hintsDayOff(text) ? { looksLikeDayOff: true as const } : {}) });
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

  const fileZone = stringProperty(root, 'x-wr-timezone') ?? root.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')?.toString();
  const timeZone = options.timeZone ?? (fileZone === undefined ? undefined : ianaZone(fileZone));
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
    report: { imported, ignored: [...ignored.filter((i) => i.looksLikeDayOff), ...ignored.filter((i) => !i.looksLikeDayOff)] },
  };
}

/**
 * Outlook names zones the Windows way ("Eastern Standard Time"): such a name is read as its IANA zone (CLDR's
 * mapping, through windows-iana); any other name is kept, and the calendar's own check refuses it if it is no zone.
 */
function ianaZone(name: string): string {
  return isValidTimeZone(name) ? name : (findIana(name)[0] ?? name);
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
