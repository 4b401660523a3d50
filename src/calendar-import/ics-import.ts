import ICAL from 'ical.js';
import { addDays, isWeekend, toDayNumber, type CalendarDate, type CalendarEvent, type CalendarEventKind, type Semester } from '../domain/calendar';

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
 * |   events, events outside the school year                       |                            |
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

export class CalendarImportError extends Error {
  constructor(readonly problems: readonly { field: string; message: string }[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'CalendarImportError';
  }
}

export function classify(text: string): ImportedAs | undefined {
  return CLASSIFIERS.find(([, pattern]) => pattern.test(text))?.[0];
}

export function importIcs(text: string, options: ImportOptions): { calendar: ImportedCalendar; report: ImportReport } {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw new CalendarImportError([{ field: '/', message: `not an iCalendar file: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  const startYear = Number(options.schoolYear.slice(0, 4));
  const yearFrom = `${startYear}-07-01`;
  const yearTo = `${startYear + 1}-06-30`;

  const imported: ImportReport['imported'][number][] = [];
  const ignored: ImportReport['ignored'][number][] = [];
  const events: CalendarEvent[] = [];
  const marks: Partial<Record<'first-day' | 'last-day' | 'semester-end', CalendarDate>> = {};

  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const summary = (event.summary ?? '').trim();
    const uid = event.uid ?? summary;
    if (!event.startDate?.isDate) {
      ignored.push({ uid, summary, reason: 'timed event: only all-day events mark days' });
      continue;
    }
    const categories = component.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
    // Categories and summary together: the most specific rule wins ("No School" + "Thanksgiving Break" is a break).
    const as = classify(`${categories.join(' ')} ${summary}`);
    for (const occurrence of occurrences(event, yearTo)) {
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
        const id = eventId(uid, occurrence.recurring ? start : undefined);
        events.push({ id, kind: as, name: summary || as, start, ...(end ? { end } : {}) });
      }
    }
  }

  const timeZone = options.timeZone ?? stringProperty(root, 'x-wr-timezone') ?? root.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')?.toString();
  const firstInstructionalDay = options.firstInstructionalDay ?? marks['first-day'];
  const lastInstructionalDay = options.lastInstructionalDay ?? marks['last-day'];
  const missing: { field: string; message: string }[] = [];
  if (!timeZone) missing.push({ field: '/timeZone', message: 'the file names no time zone (X-WR-TIMEZONE or VTIMEZONE): pass ?timeZone=' });
  if (!firstInstructionalDay) missing.push({ field: '/firstInstructionalDay', message: 'no "first day of school" event: pass ?firstInstructionalDay=' });
  if (!lastInstructionalDay) missing.push({ field: '/lastInstructionalDay', message: 'no "last day of school" event: pass ?lastInstructionalDay=' });
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

/** All-day occurrences of an event: DTEND is exclusive for dates, so a break's last day is the day before it. */
function occurrences(event: ICAL.Event, until: CalendarDate): { start: CalendarDate; end?: CalendarDate; recurring: boolean }[] {
  const lengthDays = event.endDate ? Math.max(1, event.endDate.subtractDate(event.startDate).toSeconds() / 86_400) : 1;
  const one = (start: CalendarDate) => ({ start, ...(lengthDays > 1 ? { end: addDays(start, lengthDays - 1) } : {}) });
  if (!event.isRecurring()) return [{ ...one(dateOf(event.startDate)), recurring: false }];
  const found: { start: CalendarDate; end?: CalendarDate; recurring: boolean }[] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && found.length < 400; next = iterator.next()) {
    const start = dateOf(next);
    if (start > until) break;
    found.push({ ...one(start), recurring: true });
  }
  return found;
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

function dateOf(time: ICAL.Time): CalendarDate {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

function eventId(uid: string, occurrence: CalendarDate | undefined): string {
  const base = uid.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, occurrence ? 52 : 64) || 'event';
  return occurrence ? `${base}-${occurrence}` : base;
}

function stringProperty(component: ICAL.Component, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? undefined : String(value);
}
