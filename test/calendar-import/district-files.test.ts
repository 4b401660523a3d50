import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importIcs } from '../../src/calendar-import/ics-import';
import { DistrictCalendars, calendarProblems, computeDeadline } from '../../src/domain/calendar';

/**
 * CAL-4 on district calendar files as the district offices export them (test/fixtures/calendars): a Google Calendar
 * export with plural summaries, an Outlook export with a Windows time zone, recesses and a snow day entered with
 * hours, and a year-round calendar with intersessions. The expected days are written out from the files by hand.
 */
const read = (name: string) => importIcs(readFileSync(path.join(__dirname, '../fixtures/calendars', `${name}-2026-2027.ics`), 'utf8'), { schoolYear: '2026-2027' });
const days = (events: readonly { kind: string; start: string; end?: string | undefined; name: string }[]) => events.map((e) => `${e.kind} ${e.start}${e.end ? `..${e.end}` : ''} ${e.name}`);
const due = (district: string, calendar: ReturnType<typeof read>['calendar'], trigger: string, count: number) => {
  const deadline = computeDeadline(new DistrictCalendars(district, [{ district, schoolYear: '2026-2027', ...calendar }]), { rule: 'CAL-4', trigger, unit: 'school-day', count });
  return deadline.state === 'running' ? deadline.due : deadline.state;
};

describe('district calendar files (CAL-4)', () => {
  it('CAL-4: Maple Valley (Google Calendar): Teacher Workdays, Thanksgiving and Winter Holidays, Snow Days and Make-up Days all count', () => {
    const { calendar, report } = read('maple-valley');
    expect(calendar).toMatchObject({ timeZone: 'America/Denver', firstInstructionalDay: '2026-08-20', lastInstructionalDay: '2027-06-02' });
    expect(calendar.semesters).toEqual([
      { name: 'Semester 1', start: '2026-08-20', end: '2026-12-18' },
      { name: 'Semester 2', start: '2026-12-21', end: '2027-06-02' },
    ]);
    expect(days(calendar.events)).toEqual([
      'staff-day 2026-08-17..2026-08-19 Teacher Workdays',
      'holiday 2026-09-07 Labor Day',
      'staff-day 2026-10-15..2026-10-16 Teacher Workdays',
      'holiday 2026-11-23..2026-11-27 Thanksgiving Holidays',
      'holiday 2026-12-21..2027-01-01 Winter Holidays',
      "holiday 2027-01-18 Martin Luther King Jr. Day",
      'closure 2027-02-03..2027-02-04 Snow Days',
      "holiday 2027-02-15 Presidents' Day",
      'break 2027-03-22..2027-03-26 Spring Break',
      'holiday 2027-05-31 Memorial Day',
      'make-up-day 2027-06-03..2027-06-04 Make-up Days',
    ]);
    expect(report.ignored.map((i) => [i.summary, i.looksLikeDayOff ?? false])).toEqual([
      ['Picture Days', false],
      ['Early Release Days', false],
    ]);
    expect(calendarProblems({ district: 'maple-valley', schoolYear: '2026-2027', ...calendar })).toEqual([]);
    // Five school days after Monday 2027-02-01: Tue 2, (Wed 3, Thu 4 snow days), Fri 5, Mon 8, Tue 9, Wed 10.
    // With the Snow Days read as school days it would be Mon 2027-02-08: two school days early.
    expect(due('maple-valley', calendar, '2027-02-01', 5)).toBe('2027-02-10');
    // Ten school days after Friday 2026-11-20: Thanksgiving Holidays Mon 23 .. Fri 27 do not count: Mon 30 .. Fri Dec 11.
    expect(due('maple-valley', calendar, '2026-11-20', 10)).toBe('2026-12-11');
  });

  it('CAL-4: Cedar Falls (Outlook): the Windows time zone read as America/New_York; recesses, staff days and a make-up day; a timed snow day and a "Non-Attendance Day" left out, marked, listed first', () => {
    const { calendar, report } = read('cedar-falls');
    expect(calendar).toMatchObject({ timeZone: 'America/New_York', firstInstructionalDay: '2026-08-26', lastInstructionalDay: '2027-06-11' });
    expect(days(calendar.events)).toEqual([
      'staff-day 2026-08-24..2026-08-25 Staff Development Days',
      'closure 2026-09-07 Labor Day - Schools Closed',
      'holiday 2026-09-14 Rosh Hashanah - No School',
      'staff-day 2026-11-05..2026-11-06 Parent-Teacher Conferences - No Students',
      'break 2026-11-25..2026-11-27 Thanksgiving Recess',
      'break 2026-12-24..2027-01-01 Winter Recess',
      'staff-day 2027-01-25 Teacher Grading Day',
      'holiday 2027-01-18 MLK Day',
      'holiday 2027-02-15 Presidents Day',
      'break 2027-03-29..2027-04-02 Spring Recess',
      'make-up-day 2027-04-09 Inclement Weather Make-Up Day',
      'holiday 2027-05-31 Memorial Day',
    ]);
    // The two that look like days off come first, though the board meeting comes before them in the file.
    expect(report.ignored).toEqual([
      { uid: 'snow-0203@cedarfalls.k12.example', summary: 'Snow Day - All Schools Closed', start: '2027-02-03', reason: 'timed event: only all-day events mark days', looksLikeDayOff: true },
      { uid: 'non-attendance@cedarfalls.k12.example', summary: 'Non-Attendance Day', start: '2027-02-12', reason: 'no rule maps this event to a school, work or closed day', looksLikeDayOff: true },
      { uid: 'board-0114@cedarfalls.k12.example', summary: 'Board of Education Meeting', start: '2027-01-14', reason: 'timed event: only all-day events mark days' },
    ]);
    expect(calendarProblems({ district: 'cedar-falls', schoolYear: '2026-2027', ...calendar })).toEqual([]);
  });

  it('CAL-4: Desert Sun (year-round): intersessions are breaks, "PD Day - Students Off" a staff day; a field trip with "No Classes" is left out but marked', () => {
    const { calendar, report } = read('desert-sun');
    expect(calendar).toMatchObject({ timeZone: 'America/Phoenix', firstInstructionalDay: '2026-08-03', lastInstructionalDay: '2027-05-27' });
    expect(days(calendar.events)).toEqual([
      'staff-day 2026-07-29..2026-07-30 Teacher Planning Days',
      'holiday 2026-09-07 Labor Day Holiday',
      'break 2026-10-05..2026-10-16 Fall Intersession',
      'holiday 2026-11-11 Veterans Day (Observed)',
      'holiday 2026-11-26..2026-11-27 Thanksgiving Holidays',
      'break 2026-12-21..2027-01-01 Winter Intersession',
      'staff-day 2027-01-04 PD Day - Students Off',
      'holiday 2027-01-18 Martin Luther King, Jr. Holiday',
      'break 2027-03-08..2027-03-19 Spring Intersession',
      'holiday 2027-03-31 César Chávez Day',
      'holiday 2027-05-31 Memorial Day',
    ]);
    expect(report.ignored.map((i) => [i.summary, i.looksLikeDayOff ?? false])).toEqual([['Field Trip Day - No Classes for 8th Grade', true]]);
    // Five school days after Friday 2026-10-02: the Fall Intersession (Oct 5 .. 16) does not count: Mon 19 .. Fri 23.
    expect(due('desert-sun', calendar, '2026-10-02', 5)).toBe('2026-10-23');
  });
});
