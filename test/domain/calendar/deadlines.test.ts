import { describe, expect, it } from 'vitest';
import {
  CalendarNotLoadedError,
  DistrictCalendars,
  computeDeadline,
  shiftDate,
  type DeadlineSpec,
  type Pause,
  type RunningDeadline,
} from '../../../src/domain/calendar';
import { amended, harbor2026, lakeview2026, lakeview2027 } from '../../helpers/calendars';

const lakeview = new DistrictCalendars('lakeview', [lakeview2026, lakeview2027]);
const lakeviewFirstYearOnly = new DistrictCalendars('lakeview', [lakeview2026]);
const harbor = new DistrictCalendars('harbor', [harbor2026]);

function running(calendars: DistrictCalendars, spec: Omit<DeadlineSpec, 'rule'>, pauses: Pause[] = []): RunningDeadline {
  const deadline = computeDeadline(calendars, { rule: 'TEST-RULE', ...spec }, pauses);
  if (deadline.state !== 'running') throw new Error(`expected a running deadline, got ${deadline.state}`);
  return deadline;
}

describe('CAL-1: deadlines counted on the district calendar, day X excluded, ending 23:59:59 local', () => {
  it.each([
    // calendars, trigger, unit, count, due, dueAt (UTC)
    ['lakeview', lakeview, '2026-11-20', 'school-day', 5, '2026-12-02', '2026-12-03T05:59:59.000Z'],
    ['harbor', harbor, '2026-11-20', 'school-day', 5, '2026-12-04', '2026-12-05T07:59:59.000Z'],
    ['lakeview', lakeview, '2026-10-02', 'school-day', 10, '2026-10-19', '2026-10-20T04:59:59.000Z'],
    ['lakeview', lakeview, '2026-10-02', 'work-day', 10, '2026-10-16', '2026-10-17T04:59:59.000Z'],
    ['harbor', harbor, '2026-10-02', 'school-day', 10, '2026-10-16', '2026-10-17T06:59:59.000Z'],
    ['lakeview', lakeview, '2026-09-01', 'calendar-day', 10, '2026-09-11', '2026-09-12T04:59:59.000Z'],
    ['lakeview', lakeview, '2026-11-19', 'week', 2, '2026-12-03', '2026-12-04T05:59:59.000Z'],
    ['lakeview', lakeview, '2026-11-20', 'school-day', 0, '2026-11-20', '2026-11-21T05:59:59.000Z'],
  ] as const)('%s: %s + %i %s', (_name, calendars, trigger, unit, count, due, dueAt) => {
    const deadline = running(calendars, { trigger, unit, count });
    expect(deadline.due).toBe(due);
    expect(deadline.dueAt).toBe(dueAt);
  });

  it('CAL-1: explains every skipped day with its reason, so a person can check the count by hand', () => {
    const deadline = running(lakeview, { trigger: '2026-11-20', unit: 'school-day', count: 5 });
    expect(deadline).toMatchObject({ rule: 'TEST-RULE', trigger: '2026-11-20', unit: 'school-day', count: 5, timeZone: 'America/Chicago' });
    expect(deadline.skipped).toEqual([
      { from: '2026-11-21', to: '2026-11-22', reason: 'weekend' },
      { from: '2026-11-25', to: '2026-11-27', reason: 'break: Thanksgiving break' },
      { from: '2026-11-28', to: '2026-11-29', reason: 'weekend' },
    ]);
  });

  it('CAL-1: a deadline that would land on a holiday moves to the next school day', () => {
    const deadline = running(lakeview, { trigger: '2026-11-04', unit: 'school-day', count: 5 });
    expect(deadline.due).toBe('2026-11-12');
    expect(deadline.skipped).toContainEqual({ from: '2026-11-11', to: '2026-11-11', reason: 'holiday: Veterans Day' });
  });

  it('CAL-1: a staff day without students is a work day but not a school day', () => {
    const school = running(lakeview, { trigger: '2026-10-08', unit: 'school-day', count: 1 });
    const work = running(lakeview, { trigger: '2026-10-08', unit: 'work-day', count: 1 });
    expect(school.due).toBe('2026-10-12');
    expect(school.skipped[0]).toEqual({ from: '2026-10-09', to: '2026-10-09', reason: 'staff day without students: Professional development' });
    expect(work.due).toBe('2026-10-09');
  });

  it.each([
    // DST ends Sunday 2026-11-01 and starts Sunday 2027-03-14 in both zones.
    ['lakeview, DST end', lakeview, '2026-10-25', 'calendar-day', 7, '2026-11-01', '2026-11-02T05:59:59.000Z'],
    ['lakeview, day before DST end', lakeview, '2026-10-24', 'calendar-day', 7, '2026-10-31', '2026-11-01T04:59:59.000Z'],
    ['lakeview, DST start', lakeview, '2027-03-07', 'week', 1, '2027-03-14', '2027-03-15T04:59:59.000Z'],
    ['harbor, DST end', harbor, '2026-10-25', 'calendar-day', 7, '2026-11-01', '2026-11-02T07:59:59.000Z'],
    ['harbor, DST start', harbor, '2027-03-13', 'calendar-day', 1, '2027-03-14', '2027-03-15T06:59:59.000Z'],
    ['lakeview, school days across the DST week', lakeview, '2026-10-30', 'school-day', 1, '2026-11-02', '2026-11-03T05:59:59.000Z'],
  ] as const)('CAL-1: ends at 23:59:59 local across DST changes (%s)', (_name, calendars, trigger, unit, count, due, dueAt) => {
    const deadline = running(calendars, { trigger, unit, count });
    expect(deadline.due).toBe(due);
    expect(deadline.dueAt).toBe(dueAt);
  });

  it('CAL-1: counting past the school year continues on the next year calendar', () => {
    const deadline = running(lakeview, { trigger: '2027-05-27', unit: 'school-day', count: 10 });
    expect(deadline.due).toBe('2027-08-25');
    expect(deadline.skipped).toEqual(
      expect.arrayContaining([
        { from: '2027-05-31', to: '2027-05-31', reason: 'holiday: Memorial Day' },
        { from: '2027-06-04', to: '2027-06-30', reason: 'summer (after the last instructional day)' },
        { from: '2027-07-01', to: '2027-08-17', reason: 'summer (before the first instructional day)' },
      ]),
    );
  });

  it('CAL-1: counting into a school year whose calendar is not loaded fails clearly, never guesses', () => {
    expect(() => computeDeadline(lakeviewFirstYearOnly, { rule: 'GRV-APPEAL-5', trigger: '2027-06-01', unit: 'school-day', count: 5 })).toThrow(
      new CalendarNotLoadedError('lakeview', '2027-07-01'),
    );
    expect(() => computeDeadline(lakeviewFirstYearOnly, { rule: 'X', trigger: '2027-06-01', unit: 'school-day', count: 5 })).toThrow(
      /No calendar of district lakeview covers 2027-07-01/,
    );
  });

  it.each([
    ['lakeview: summer weekdays are work days', lakeview, '2027-06-03', '2027-06-17'],
  ] as const)('CAL-1: work days in summer follow the staff year (%s)', (_name, calendars, trigger, due) => {
    expect(running(calendars, { trigger, unit: 'work-day', count: 10 }).due).toBe(due);
  });

  it('CAL-1: outside the staff year there are no work days (harbor, staff year ends June 15)', () => {
    expect(() => computeDeadline(harbor, { rule: 'X', trigger: '2027-06-10', unit: 'work-day', count: 10 })).toThrow(CalendarNotLoadedError);
    const deadline = running(harbor, { trigger: '2027-06-10', unit: 'work-day', count: 3 });
    expect(deadline.due).toBe('2027-06-15');
  });

  it('CAL-1: month deadlines need no school calendar of the due year', () => {
    expect(running(lakeviewFirstYearOnly, { trigger: '2026-09-15', unit: 'month', count: 18 }).due).toBe('2028-03-15');
  });

  it('CAL-1: an 18-month cap ends at 23:59:59 local, after the 2028 DST start', () => {
    expect(running(lakeviewFirstYearOnly, { trigger: '2026-09-15', unit: 'month', count: 18 }).dueAt).toBe('2028-03-16T04:59:59.000Z');
  });

  it('refuses a fractional or negative count', () => {
    expect(() => computeDeadline(lakeview, { rule: 'GRV-CONF-5', trigger: '2026-11-02', unit: 'school-day', count: -1 })).toThrow(/GRV-CONF-5/);
    expect(() => computeDeadline(lakeview, { rule: 'GRV-CONF-5', trigger: '2026-11-02', unit: 'school-day', count: 1.5 })).toThrow(RangeError);
  });
});

describe('CAL-2: amendments recompute deadlines', () => {
  const snowDay = { id: 'snow-1', kind: 'closure' as const, name: 'Snow day', start: '2026-12-01' };

  it('CAL-2: a closure inserted before the due date moves it one school day later, and says why', () => {
    const before = running(lakeview, { trigger: '2026-11-20', unit: 'school-day', count: 5 });
    const after = running(new DistrictCalendars('lakeview', [amended(lakeview2026, [snowDay]), lakeview2027]), {
      trigger: '2026-11-20',
      unit: 'school-day',
      count: 5,
    });
    expect(before.due).toBe('2026-12-02');
    expect(after.due).toBe('2026-12-03');
    expect(after.skipped).toContainEqual({ from: '2026-12-01', to: '2026-12-01', reason: 'closure: Snow day' });
  });

  it('CAL-2: a closure after the due date changes nothing', () => {
    const later = { ...snowDay, start: '2026-12-10' };
    const after = running(new DistrictCalendars('lakeview', [amended(lakeview2026, [later])]), { trigger: '2026-11-20', unit: 'school-day', count: 5 });
    expect(after.due).toBe('2026-12-02');
  });

  it('CAL-2: an amendment that removes a closure moves the deadline back', () => {
    const withClosure = amended(lakeview2026, [snowDay]);
    const reopened = amended(withClosure, [], ['snow-1']);
    const spec = { trigger: '2026-11-20', unit: 'school-day', count: 5 } as const;
    expect(running(new DistrictCalendars('lakeview', [withClosure]), spec).due).toBe('2026-12-03');
    expect(running(new DistrictCalendars('lakeview', [reopened]), spec).due).toBe('2026-12-02');
  });

  it('CAL-2: a make-up day on a Saturday counts as a school day', () => {
    const makeUp = amended(lakeview2026, [snowDay, { kind: 'make-up-day', name: 'Snow make-up', start: '2026-11-28' }]);
    expect(running(new DistrictCalendars('lakeview', [makeUp]), { trigger: '2026-11-20', unit: 'school-day', count: 5 }).due).toBe('2026-12-02');
  });

  it('CAL-2: a moved holiday moves the deadline with it', () => {
    const moved = amended(lakeview2026, [{ id: 'veterans', kind: 'holiday', name: 'Veterans Day (observed)', start: '2026-11-13' }], ['veterans']);
    const deadline = running(new DistrictCalendars('lakeview', [moved]), { trigger: '2026-11-04', unit: 'school-day', count: 5 });
    expect(deadline.due).toBe('2026-11-11');
  });
});

describe('clocks that pause (abeyance, leave)', () => {
  const abeyance: Pause = { from: '2026-12-16', to: '2027-01-06', reason: 'abeyance by mutual agreement' };

  it('CAL-1: days inside a pause do not count, and a pause across a break reports the break as a break', () => {
    const plain = running(lakeview, { trigger: '2026-12-14', unit: 'school-day', count: 10 });
    const paused = running(lakeview, { trigger: '2026-12-14', unit: 'school-day', count: 10 }, [abeyance]);
    expect(plain.due).toBe('2027-01-11');
    expect(paused.due).toBe('2027-01-21');
    expect(paused.skipped).toEqual([
      { from: '2026-12-16', to: '2026-12-18', reason: 'paused: abeyance by mutual agreement' },
      { from: '2026-12-19', to: '2026-12-20', reason: 'weekend' },
      { from: '2026-12-21', to: '2027-01-01', reason: 'break: Winter break' },
      { from: '2027-01-02', to: '2027-01-03', reason: 'weekend' },
      { from: '2027-01-04', to: '2027-01-06', reason: 'paused: abeyance by mutual agreement' },
      { from: '2027-01-09', to: '2027-01-10', reason: 'weekend' },
      { from: '2027-01-16', to: '2027-01-17', reason: 'weekend' },
      { from: '2027-01-18', to: '2027-01-18', reason: 'holiday: Martin Luther King Jr. Day' },
      { from: '2027-01-19', to: '2027-01-19', reason: 'staff day without students: Semester records day' },
    ]);
  });

  it('CAL-1: an open pause suspends the deadline with the units still to count', () => {
    const deadline = computeDeadline(lakeview, { rule: 'GRV-DECIDE-10', trigger: '2026-12-14', unit: 'school-day', count: 10 }, [
      { from: '2026-12-16', reason: 'participant on leave' },
    ]);
    expect(deadline).toMatchObject({ state: 'paused', pausedSince: '2026-12-16', remaining: 9 });
  });

  it('CAL-1: an open pause suspends the clock even where a closed pause overlaps it', () => {
    const deadline = computeDeadline(lakeview, { rule: 'X', trigger: '2026-12-14', unit: 'school-day', count: 10 }, [
      { from: '2026-12-15', to: '2027-01-30', reason: 'abeyance by mutual agreement' },
      { from: '2026-12-16', reason: 'participant on leave' },
    ]);
    expect(deadline).toMatchObject({ state: 'paused', pausedSince: '2026-12-16', remaining: 10 });
  });

  it('CAL-1: a pause extends a calendar-day deadline by its length', () => {
    const deadline = running(lakeview, { trigger: '2026-09-01', unit: 'calendar-day', count: 10 }, [
      { from: '2026-09-05', to: '2026-09-07', reason: 'leave' },
    ]);
    expect(deadline.due).toBe('2026-09-14');
  });
});

describe('shifting dates for reminders', () => {
  it.each([
    ['2026-12-02', 'school-day', -2, '2026-11-30'],
    ['2026-12-02', 'school-day', -3, '2026-11-24'],
    ['2026-11-20', 'school-day', 5, '2026-12-02'],
    ['2026-10-12', 'work-day', -1, '2026-10-09'],
    ['2026-10-12', 'school-day', -1, '2026-10-08'],
  ] as const)('%s shifted by %s x %i is %s', (date, unit, count, expected) => {
    expect(shiftDate(lakeview, date, unit, count)).toBe(expected);
  });
});
