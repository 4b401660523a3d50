import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarImportError, classify, importIcs } from '../../src/calendar-import/ics-import';
import { DistrictCalendars, addDays, calendarProblems, computeDeadline, type DeadlineSpec } from '../../src/domain/calendar';
import { lakeview2026 } from '../helpers/calendars';

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
