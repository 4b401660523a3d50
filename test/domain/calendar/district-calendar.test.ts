import { describe, expect, it } from 'vitest';
import {
  CalendarNotLoadedError,
  DistrictCalendars,
  computeDeadline,
  dateInZone,
  endOfDay,
  firstWeeksOfMonth,
  lastSchoolDays,
  type DeadlineSpec,
  type DistrictCalendar,
  type Pause,
  type RunningDeadline,
} from '../../../src/domain/calendar';
import { amended, harbor2026, lakeview2026, lakeview2027 } from '../../helpers/calendars';

function running(calendars: DistrictCalendars, spec: Omit<DeadlineSpec, 'rule'>, pauses: Pause[] = []): RunningDeadline {
  const deadline = computeDeadline(calendars, { rule: 'CAL-1', ...spec }, pauses);
  if (deadline.state !== 'running') throw new Error(`expected a running deadline, got ${deadline.state}`);
  return deadline;
}

const lakeview = new DistrictCalendars('lakeview', [lakeview2026, lakeview2027]);

describe("CAL-1: a district's deadlines count on that district's calendars only", () => {
  it("CAL-1: another district's calendar is never used to count a district's deadlines", () => {
    const onlyHarbor = new DistrictCalendars('lakeview', [harbor2026]);
    expect(() => onlyHarbor.isSchoolDay('2026-10-01')).toThrow(new CalendarNotLoadedError('lakeview', '2026-10-01'));
    expect(() => computeDeadline(onlyHarbor, { rule: 'GRV-DECIDE-10', trigger: '2026-10-01', unit: 'school-day', count: 10 })).toThrow(CalendarNotLoadedError);
  });

  it("CAL-1: given both districts' calendars, Lakeview counts on its own: Harbor's Thanksgiving week and time zone do not apply", () => {
    const both = new DistrictCalendars('lakeview', [harbor2026, lakeview2026]);
    // Monday 2026-11-23: Harbor is on its Thanksgiving week, Lakeview is in school; Friday 2026-10-09 the reverse.
    expect(both.isSchoolDay('2026-11-23')).toBe(true);
    expect(both.isSchoolDay('2026-10-09')).toBe(false);
    expect(both.timeZoneOn('2026-11-23')).toBe('America/Chicago');
    expect(running(both, { trigger: '2026-11-20', unit: 'school-day', count: 5 })).toMatchObject({ due: '2026-12-02', timeZone: 'America/Chicago', dueAt: '2026-12-03T05:59:59.000Z' });
  });

  it('CAL-1: a day no loaded calendar covers is an error naming the district and the date, never a guess', () => {
    const error = new CalendarNotLoadedError('lakeview', '2028-07-01');
    expect(error.message).toBe(
      'No calendar of district lakeview covers 2028-07-01: load the calendar of that school year before counting deadlines into it (a deadline is never guessed).',
    );
    expect(error.name).toBe('CalendarNotLoadedError');
    expect(error).toMatchObject({ district: 'lakeview', date: '2028-07-01' });
    expect(() => lakeview.isWorkDay('2028-07-01')).toThrow(error.message);
    expect(() => lakeview.timeZoneOn('2026-06-30')).toThrow('No calendar of district lakeview covers 2026-06-30');
  });

  it('CAL-1: the calendars may be given in any order; each day is governed by its own school year', () => {
    const reversed = new DistrictCalendars('lakeview', [lakeview2027, lakeview2026]);
    expect(running(reversed, { trigger: '2027-05-27', unit: 'school-day', count: 10 }).due).toBe('2027-08-25');
    expect(reversed.isSchoolDay('2026-11-11')).toBe(false);
    expect(reversed.isSchoolDay('2027-09-06')).toBe(false);
    expect(reversed.isSchoolDay('2027-09-07')).toBe(true);
    // Back to the first year after asking about the second.
    expect(reversed.isSchoolDay('2026-11-12')).toBe(true);
  });

  it("CAL-1: the district's time zone is the one of the school year in force", () => {
    expect(lakeview.timeZoneOn('2026-10-01')).toBe('America/Chicago');
    expect(new DistrictCalendars('harbor', [harbor2026]).timeZoneOn('2027-06-30')).toBe('America/Los_Angeles');
  });

  it('CAL-1: a school year governs July 1 to June 30 even when instruction starts after New Year', () => {
    const springStart: DistrictCalendar = {
      district: 'northfield',
      schoolYear: '2026-2027',
      timeZone: 'America/Chicago',
      firstInstructionalDay: '2027-01-11',
      lastInstructionalDay: '2027-06-03',
      semesters: [{ name: 'Spring', start: '2027-01-11', end: '2027-06-03' }],
      events: [],
    };
    const northfield = new DistrictCalendars('northfield', [springStart]);
    expect(northfield.isSchoolDay('2026-07-01')).toBe(false);
    expect(northfield.isSchoolDay('2027-01-08')).toBe(false);
    expect(northfield.isSchoolDay('2027-01-11')).toBe(true);
    expect(northfield.isWorkDay('2026-07-01')).toBe(true);
    expect(() => northfield.isSchoolDay('2027-07-01')).toThrow(CalendarNotLoadedError);
    expect(() => northfield.isSchoolDay('2026-06-30')).toThrow(CalendarNotLoadedError);
  });
});

describe('CAL-1: why a day is not a work day, in the explanation of a work-day deadline', () => {
  it.each([
    ['a weekend', lakeview, '2026-10-02', '2026-10-05', [{ from: '2026-10-03', to: '2026-10-04', reason: 'weekend' }]],
    ['a day before the staff year', new DistrictCalendars('harbor', [harbor2026]), '2026-08-03', '2026-08-05', [{ from: '2026-08-04', to: '2026-08-04', reason: 'outside the staff year' }]],
    [
      'a closure',
      new DistrictCalendars('lakeview', [amended(lakeview2026, [{ id: 'snow-1', kind: 'closure', name: 'Snow day', start: '2026-12-01' }])]),
      '2026-11-30',
      '2026-12-02',
      [{ from: '2026-12-01', to: '2026-12-01', reason: 'closure: Snow day' }],
    ],
    ['a holiday', lakeview, '2026-11-10', '2026-11-12', [{ from: '2026-11-11', to: '2026-11-11', reason: 'holiday: Veterans Day' }]],
    ['a break', lakeview, '2026-11-24', '2026-11-30', [
      { from: '2026-11-25', to: '2026-11-27', reason: 'break: Thanksgiving break' },
      { from: '2026-11-28', to: '2026-11-29', reason: 'weekend' },
    ]],
  ] as const)('CAL-1: %s', (_name, calendars, trigger, due, skipped) => {
    const deadline = running(calendars, { trigger, unit: 'work-day', count: 1 });
    expect(deadline.due).toBe(due);
    expect(deadline.skipped).toEqual(skipped);
  });

  it('CAL-1: a staff day without students is a work day: a work-day count does not skip it', () => {
    expect(running(lakeview, { trigger: '2026-10-08', unit: 'work-day', count: 1 })).toMatchObject({ due: '2026-10-09', skipped: [] });
  });
});

describe('CAL-1: clocks that pause, at the edges of a calendar-day count', () => {
  const leave = (from: string, to: string): Pause => ({ from, to, reason: 'leave' });

  it.each([
    ['a pause covering the last day moves the due date past it', [leave('2026-09-11', '2026-09-12')], '2026-09-13', [{ from: '2026-09-11', to: '2026-09-12', reason: 'paused: leave' }]],
    ['a pause ending on the first counted day', [leave('2026-08-30', '2026-09-02')], '2026-09-12', [{ from: '2026-09-02', to: '2026-09-02', reason: 'paused: leave' }]],
    ['a pause ending before the trigger changes nothing', [leave('2026-08-20', '2026-08-31')], '2026-09-11', []],
    ['a pause ending on the trigger changes nothing', [leave('2026-08-20', '2026-09-01')], '2026-09-11', []],
    ['a pause starting the day after the due date changes nothing', [leave('2026-09-12', '2026-09-20')], '2026-09-11', []],
  ] as const)('CAL-1: %s', (_name, pauses, due, skipped) => {
    const deadline = running(lakeview, { trigger: '2026-09-01', unit: 'calendar-day', count: 10 }, [...pauses]);
    expect(deadline.due).toBe(due);
    expect(deadline.skipped).toEqual(skipped);
  });
});

describe('CAL-1: the end of a day in the district time zone', () => {
  it.each([
    // New Zealand daylight time starts on Sunday 2026-09-27 at 02:00 (UTC+12 before, UTC+13 after).
    ['2026-09-26', 'Pacific/Auckland', '2026-09-26T11:59:59.000Z'],
    ['2026-09-27', 'Pacific/Auckland', '2026-09-27T10:59:59.000Z'],
    // Chicago daylight time ends on Sunday 2026-11-01 (UTC-5 before, UTC-6 after).
    ['2026-10-31', 'America/Chicago', '2026-11-01T04:59:59.000Z'],
    ['2026-11-01', 'America/Chicago', '2026-11-02T05:59:59.000Z'],
  ] as const)('CAL-1: %s ends at 23:59:59 in %s, that is %s', (date, zone, instant) => {
    expect(endOfDay(date, zone).toISOString()).toBe(instant);
    expect(endOfDay(date, zone).toISOString()).toBe(instant);
    expect(dateInZone(new Date(instant), zone)).toBe(date);
  });

  it.each([
    ['0999-06-01T12:00:00Z', 'UTC', '0999-06-01'],
    ['2026-12-02T05:59:59Z', 'America/Chicago', '2026-12-01'],
    ['2026-12-02T06:00:00Z', 'America/Chicago', '2026-12-02'],
  ] as const)('CAL-1: the instant %s falls on the district date of %s (%s), written YYYY-MM-DD', (instant, zone, date) => {
    expect(dateInZone(new Date(instant), zone)).toBe(date);
  });
});

describe('PAR windows at the edges of a school year', () => {
  const julySession: DistrictCalendar = {
    district: 'summerville',
    schoolYear: '2026-2027',
    timeZone: 'America/Chicago',
    firstInstructionalDay: '2026-07-01',
    lastInstructionalDay: '2026-07-03',
    semesters: [],
    events: [],
  };

  it('PAR-SPRING-WINDOW: the last N school days may start on July 1, the first day the year governs', () => {
    expect(lastSchoolDays(julySession, 3)).toEqual({ opens: '2026-07-01', closes: '2026-07-03' });
    expect(() => lastSchoolDays(julySession, 4)).toThrow('the school year 2026-2027 has fewer than 4 school days');
  });

  it('PAR-VOL-WINDOW: a month whose only school day is June 30, the last day the year governs, opens then', () => {
    const lateJune: DistrictCalendar = { ...lakeview2026, lastInstructionalDay: '2027-06-30', events: [{ kind: 'break', name: 'June break', start: '2027-06-01', end: '2027-06-29' }] };
    expect(firstWeeksOfMonth(lateJune, 6)).toEqual({ opens: '2027-06-30', closes: '2027-07-13' });
  });

  it('PAR-VOL-WINDOW: a month without a school day has no window, and says so; a window may last other than two weeks', () => {
    expect(() => firstWeeksOfMonth(lakeview2026, 7)).toThrow('the school year 2026-2027 has no school day in month 7');
    expect(firstWeeksOfMonth(lakeview2026, 5, 3)).toEqual({ opens: '2027-05-03', closes: '2027-05-23' });
  });
});
