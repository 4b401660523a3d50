import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarImportError, classify, importIcs } from '../../src/calendar-import/ics-import';
import { ICS_IMPORT_LIMITS, MAX_CALENDAR_EVENTS } from '../../src/calendar-import/import-limits';
import { DistrictCalendars, addDays, calendarProblems, computeDeadline, type DeadlineSpec } from '../../src/domain/calendar';
import { lakeview2026 } from '../helpers/calendars';
import { bareEvents, icsFile, lineOf, manyHolidays, vevent } from '../helpers/generated-ics';

const ics = readFileSync(path.join(__dirname, '../fixtures/calendars/lakeview-2026-2027.ics'), 'utf8');

describe('iCalendar import (CAL-4)', () => {
  it.each([
    ['First Day of School', 'first-day'],
    ['Last Day for Students', 'last-day'],
    ['End of First Semester', 'semester-end'],
    ['Snow Make-Up Day', 'make-up-day'],
    ['District Closed - Snow Day', 'closure'],
    ['Professional Development - No School for Students', 'staff-day'],
    ['Teacher Workday (Records Day)', 'staff-day'],
    ['Winter Break', 'break'],
    ['Spring Recess', 'break'],
    ['Labor Day', 'holiday'],
    ["Presidents' Day", 'holiday'],
    ['No School', 'holiday'],
    ['Picture Day', undefined],
    ['Board of Education Meeting', undefined],
  ] as const)('CAL-4: classifies %j as %s', (summary, expected) => {
    expect(classify(summary)).toBe(expected);
  });

  it('CAL-4: imports a district .ics: time zone, first and last day, semesters, and every day event mapped', () => {
    const { calendar, report } = importIcs(ics, { schoolYear: '2026-2027' });
    expect(calendar).toMatchObject({ timeZone: 'America/Chicago', firstInstructionalDay: '2026-08-19', lastInstructionalDay: '2027-06-03' });
    expect(calendar.semesters).toEqual([
      { name: 'Semester 1', start: '2026-08-19', end: '2027-01-15' },
      { name: 'Semester 2', start: '2027-01-18', end: '2027-06-03' },
    ]);
    expect(calendar.events).toContainEqual({ id: 'winter-2026-lakeview.k12.example', kind: 'break', name: 'Winter Break', start: '2026-12-21', end: '2027-01-01' });
    expect(calendar.events).toContainEqual({ id: 'thanksgiving-2026-lakeview.k12.example', kind: 'break', name: 'Thanksgiving Break', start: '2026-11-25', end: '2026-11-27' });
    expect(calendar.events).toContainEqual({ id: 'pd-oct-2026-lakeview.k12.example', kind: 'staff-day', name: 'Professional Development - No School for Students', start: '2026-10-09' });
    expect(calendar.events.map((e) => e.kind).sort()).toEqual(['break', 'break', 'break', 'holiday', 'holiday', 'holiday', 'holiday', 'holiday', 'staff-day', 'staff-day']);
    expect(calendarProblems({ district: 'lakeview', schoolYear: '2026-2027', ...calendar })).toEqual([]);

    const ignored = Object.fromEntries(report.ignored.map((i) => [i.summary, i.reason]));
    expect(ignored).toEqual({
      'Picture Day': 'no rule maps this event to a school, work or closed day',
      'Summer School Begins': 'outside the school year 2026-2027',
      'Board of Education Meeting': 'timed event: only all-day events mark days',
      'Back to School Night': 'timed event: only all-day events mark days',
    });
  });

  it('CAL-4: deadlines counted on the imported calendar are those of the hand-entered one', () => {
    const { calendar } = importIcs(ics, { schoolYear: '2026-2027' });
    const imported = new DistrictCalendars('lakeview', [{ district: 'lakeview', schoolYear: '2026-2027', ...calendar }]);
    const entered = new DistrictCalendars('lakeview', [lakeview2026]);
    const outcome = (calendars: DistrictCalendars, spec: DeadlineSpec) => {
      try {
        const deadline = computeDeadline(calendars, spec);
        return deadline.state === 'running' ? deadline.due : deadline.state;
      } catch (error) {
        return (error as Error).name;
      }
    };
    let compared = 0;
    for (let offset = 0; offset < 300; offset += 1) {
      for (const [unit, count] of [['school-day', 5], ['school-day', 10], ['work-day', 10]] as const) {
        const spec = { rule: 'CAL-4', trigger: addDays('2026-08-01', offset), unit, count };
        expect(outcome(imported, spec), JSON.stringify(spec)).toBe(outcome(entered, spec));
        compared += 1;
      }
    }
    expect(compared).toBe(900);
  });

  it('CAL-4: options fill in or override what the file lacks; without them the import names what is missing', () => {
    const bare = ics.replace(/X-WR-TIMEZONE:[^\r\n]*\r\n/, '').replace(/SUMMARY:First Day of School/, 'SUMMARY:Welcome');
    expect(() => importIcs(bare, { schoolYear: '2026-2027' })).toThrow(CalendarImportError);
    try {
      importIcs(bare, { schoolYear: '2026-2027' });
    } catch (error) {
      expect((error as CalendarImportError).problems.map((p) => p.field)).toEqual(['/timeZone', '/firstInstructionalDay']);
    }
    const { calendar } = importIcs(bare, { schoolYear: '2026-2027', timeZone: 'America/Chicago', firstInstructionalDay: '2026-08-20' });
    expect(calendar).toMatchObject({ timeZone: 'America/Chicago', firstInstructionalDay: '2026-08-20' });
  });

  it('CAL-4: refuses a file that is not iCalendar', () => {
    expect(() => importIcs('hello, world', { schoolYear: '2026-2027' })).toThrow(/not an iCalendar file/);
  });
});

describe('iCalendar import: recurrences and limits (CAL-4)', () => {
  const year = { schoolYear: '2026-2027' };
  const problemsOf = (text: string, limits = ICS_IMPORT_LIMITS) => {
    try {
      importIcs(text, year, limits);
    } catch (error) {
      if (error instanceof CalendarImportError) return error.problems;
      throw error;
    }
    throw new Error('the file was imported');
  };

  it('CAL-4: RRULE:FREQ=SECONDLY on an all-day event is refused naming the line of the rule (ical.js would throw)', () => {
    const text = icsFile([vevent('labor-day', '20260907', 'Labor Day', 'RRULE:FREQ=SECONDLY')]);
    const line = lineOf(text, 'RRULE:FREQ=SECONDLY');
    expect(problemsOf(text)).toEqual([
      { field: `/line/${line}`, message: `line ${line}: RRULE:FREQ=SECONDLY: an all-day event repeats DAILY, WEEKLY, MONTHLY or YEARLY, not SECONDLY` },
    ]);
  });

  it.each([
    ['RRULE:FREQ=FOO', /invalid frequency "FOO"/],
    ['RRULE:FREQ=YEARLY;BYMONTH=13', /BYMONTH/],
    ['RRULE:BYDAY=MO', /the rule has no FREQ/],
    ['RRULE:FREQ=DAILY;UNTIL=garbage', /RRULE:FREQ=DAILY;UNTIL=garbage: /],
    ['RDATE;VALUE=DATE:garbage', /RDATE;VALUE=DATE:garbage: /],
    ['RRULE:FREQ=YEARLY;INTERVAL=1000000', /cannot be expanded/],
  ])('CAL-4: a bad recurrence %s is refused with 422 naming its line', (rule, message) => {
    const text = icsFile([vevent('staff', '20260902', 'Teacher Workday', rule)]);
    const line = lineOf(text, rule);
    const problems = problemsOf(text);
    expect(problems).toEqual([{ field: `/line/${line}`, message: expect.stringMatching(message) }]);
    expect(problems[0]!.message).toMatch(new RegExp(`^line ${line}: `));
  });

  it('CAL-4: every bad recurrence of the file is named, each with its line', () => {
    const text = icsFile([vevent('a', '20260902', 'Holiday', 'RRULE:FREQ=HOURLY'), vevent('b', '20260903', 'Holiday', 'RRULE:FREQ=MINUTELY')]);
    expect(problemsOf(text).map((p) => p.field)).toEqual([`/line/${lineOf(text, 'RRULE:FREQ=HOURLY')}`, `/line/${lineOf(text, 'RRULE:FREQ=MINUTELY')}`]);
  });

  it('CAL-4: a timed event is not read, so its recurrence is never expanded', () => {
    const text = icsFile([['BEGIN:VEVENT', 'UID:meeting', 'DTSTART:20260901T100000Z', 'SUMMARY:Board Meeting', 'RRULE:FREQ=SECONDLY', 'END:VEVENT']]);
    expect(importIcs(text, year).report.ignored).toEqual([{ uid: 'meeting', summary: 'Board Meeting', start: '2026-09-01', reason: 'timed event: only all-day events mark days' }]);
  });

  it('CAL-4: a weekly staff day expands within the school year; EXDATE drops a day, a moved occurrence keeps its id; a cancelled event is left out', () => {
    const text = icsFile([
      vevent('pd', '20260902', 'Professional Development', 'RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;VALUE=DATE:20260909'),
      vevent('pd', '20260917', 'Professional Development', 'RECURRENCE-ID;VALUE=DATE:20260916'),
      vevent('fair', '20261012', 'Holiday', 'STATUS:CANCELLED'),
    ]);
    const { calendar, report } = importIcs(text, year);
    expect(calendar.events).toEqual([
      { id: 'pd-2026-09-02', kind: 'staff-day', name: 'Professional Development', start: '2026-09-02' },
      { id: 'pd-2026-09-23', kind: 'staff-day', name: 'Professional Development', start: '2026-09-23' },
      { id: 'pd-2026-09-16', kind: 'staff-day', name: 'Professional Development', start: '2026-09-17' },
    ]);
    expect(report.ignored).toEqual([{ uid: 'fair', summary: 'Holiday', reason: 'cancelled event' }]);
  });

  it(`CAL-4: more than ${ICS_IMPORT_LIMITS.maxEvents} events are refused naming the cap, before any is parsed`, () => {
    expect(problemsOf(bareEvents(ICS_IMPORT_LIMITS.maxEvents))).toEqual([
      { field: '/', message: expect.stringContaining(`the file holds ${ICS_IMPORT_LIMITS.maxEvents + 2} events (VEVENT); an import reads at most ${ICS_IMPORT_LIMITS.maxEvents}`) },
    ]);
  });

  it(`CAL-4: a daily rule begun two years before the school year steps past ${ICS_IMPORT_LIMITS.maxRepeatsPerEvent} occurrences: refused naming its line`, () => {
    const text = icsFile([vevent('daily', '20240701', 'Holiday', 'RRULE:FREQ=DAILY')]);
    expect(problemsOf(text)).toEqual([
      { field: `/line/${lineOf(text, 'RRULE:FREQ=DAILY')}`, message: expect.stringContaining(`more than ${ICS_IMPORT_LIMITS.maxRepeatsPerEvent} occurrences before 2027-06-30`) },
    ]);
  });

  it('CAL-4: past the file-wide expansion cap reading stops at the recurrence that ran out', () => {
    const text = icsFile([vevent('a', '20260701', 'Holiday', 'RRULE:FREQ=DAILY'), vevent('b', '20260701', 'Holiday', 'RRULE:FREQ=DAILY'), vevent('c', '20260701', 'Holiday', 'RRULE:FREQ=HOURLY')]);
    const problems = problemsOf(text, { ...ICS_IMPORT_LIMITS, maxRepeats: 500 });
    expect(problems).toEqual([{ field: `/line/${lineOf(text, 'RRULE:FREQ=DAILY') + 7}`, message: expect.stringContaining('more than 500 occurrences in all') }]);
  });

  it(`CAL-4: a file whose days off are more than a calendar holds (${MAX_CALENDAR_EVENTS}) is refused naming /events`, () => {
    expect(problemsOf(manyHolidays(MAX_CALENDAR_EVENTS + 1))).toEqual([
      { field: '/events', message: `${MAX_CALENDAR_EVENTS + 1} events of the file map to days off (holidays, breaks, closures, staff and make-up days); a calendar holds at most ${MAX_CALENDAR_EVENTS}` },
    ]);
    expect(importIcs(manyHolidays(MAX_CALENDAR_EVENTS), year).calendar.events).toHaveLength(MAX_CALENDAR_EVENTS);
  });

  it('CAL-4: a file ical.js cannot parse is refused naming the first line it cannot read', () => {
    const text = icsFile([vevent('x', '20260902', 'Holiday'), ['BEGIN:VEVENT', 'this line has no colon', 'END:VEVENT']]);
    expect(problemsOf(text)).toEqual([{ field: `/line/${lineOf(text, 'this line has no colon')}`, message: expect.stringContaining('this line has no colon') }]);
  });
});
