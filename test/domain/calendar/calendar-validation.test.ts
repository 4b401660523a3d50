import { describe, expect, it } from 'vitest';
import {
  InvalidDateError,
  calendarProblems,
  compareDates,
  isCalendarDate,
  isValidTimeZone,
  toDayNumber,
  type DistrictCalendar,
} from '../../../src/domain/calendar';
import { harbor2026, lakeview2026 } from '../../helpers/calendars';

/**
 * CAL-1: a calendar is checked before any deadline is counted on it. Each refusal names the field (a JSON pointer)
 * and the rule; the expected messages are written out here, not taken from the code.
 */
const problem = (field: string, message: string) => ({ field, message, rule: 'CAL-1' });
const with_ = (changes: Partial<DistrictCalendar>): DistrictCalendar => ({ ...lakeview2026, ...changes });

describe('CAL-1: calendar validation, every refusal', () => {
  it('CAL-1: the published calendars of two districts pass', () => {
    expect(calendarProblems(lakeview2026)).toEqual([]);
    expect(calendarProblems(harbor2026)).toEqual([]);
  });

  it.each(['2026-2028', '2026-2026', '2027-2026', '2026/2027', '26-27', '2026-2027 ', ' 2026-2027', '2026-27'])(
    'CAL-1: school year %j is refused, and nothing else is checked on a calendar without a year',
    (schoolYear) => {
      // The bad time zone is not reported: without a school year there is no frame to check anything against.
      expect(calendarProblems(with_({ schoolYear, timeZone: 'Mars/Olympus' }))).toEqual([
        problem('/schoolYear', 'must be two consecutive years, e.g. 2026-2027'),
      ]);
    },
  );

  it.each([
    ['Mars/Olympus', [problem('/timeZone', '"Mars/Olympus" is not an IANA time zone')]],
    ['', [problem('/timeZone', '"" is not an IANA time zone')]],
    ['America/Denver', []],
    ['UTC', []],
  ] as const)('CAL-1: time zone %j', (timeZone, expected) => {
    expect(calendarProblems(with_({ timeZone }))).toEqual(expected);
  });

  it.each([
    // The school year runs July 1 to June 30: both ends belong to it.
    ['/firstInstructionalDay', { firstInstructionalDay: '2026-07-01' }, []],
    ['/lastInstructionalDay', { lastInstructionalDay: '2027-06-30' }, []],
    ['/firstInstructionalDay', { firstInstructionalDay: '2026-06-30' }, [problem('/firstInstructionalDay', '2026-06-30 is outside the school year 2026-2027 (2026-07-01 to 2027-06-30)')]],
    ['/lastInstructionalDay', { lastInstructionalDay: '2027-07-01' }, [problem('/lastInstructionalDay', '2027-07-01 is outside the school year 2026-2027 (2026-07-01 to 2027-06-30)')]],
    ['/firstInstructionalDay', { firstInstructionalDay: '2026-02-30' }, [problem('/firstInstructionalDay', '"2026-02-30" is not a calendar date')]],
    ['/lastInstructionalDay', { lastInstructionalDay: '2027-06-31' }, [problem('/lastInstructionalDay', '"2027-06-31" is not a calendar date')]],
    // One instructional day is a year of one day; the last before the first is refused.
    ['/lastInstructionalDay', { firstInstructionalDay: '2027-06-03', lastInstructionalDay: '2027-06-03' }, []],
    ['/lastInstructionalDay', { firstInstructionalDay: '2027-06-04', lastInstructionalDay: '2027-06-03' }, [problem('/lastInstructionalDay', 'must not be before the first instructional day')]],
  ] as const)('CAL-1: instructional days: %s %j', (_field, changes, expected) => {
    expect(calendarProblems(with_(changes))).toEqual(expected);
  });

  it.each([
    [{ firstDay: '2026-08-05', lastDay: '2027-06-15' }, []],
    [{ firstDay: '2026-08-05', lastDay: '2026-08-05' }, []],
    [{ firstDay: '2026-06-30', lastDay: '2027-06-15' }, [problem('/staffYear/firstDay', '2026-06-30 is outside the school year 2026-2027 (2026-07-01 to 2027-06-30)')]],
    [{ firstDay: '2026-08-05', lastDay: '2027-07-01' }, [problem('/staffYear/lastDay', '2027-07-01 is outside the school year 2026-2027 (2026-07-01 to 2027-06-30)')]],
    [{ firstDay: '2026-08-32', lastDay: '2027-06-15' }, [problem('/staffYear/firstDay', '"2026-08-32" is not a calendar date')]],
    [{ firstDay: '2026-08-06', lastDay: '2026-08-05' }, [problem('/staffYear/lastDay', 'must not be before the first day')]],
  ] as const)('CAL-1: staff year %j', (staffYear, expected) => {
    expect(calendarProblems(with_({ staffYear }))).toEqual(expected);
  });

  it.each([
    ['two semesters, one after the other', [{ name: 'Fall', start: '2026-08-19', end: '2027-01-15' }, { name: 'Spring', start: '2027-01-16', end: '2027-06-03' }], []],
    ['a one-day semester', [{ name: 'Fall', start: '2026-08-19', end: '2026-08-19' }], []],
    ['a start outside the year', [{ name: 'Fall', start: '2026-06-15', end: '2027-01-15' }], [problem('/semesters/0/start', '2026-06-15 is outside the school year 2026-2027 (2026-07-01 to 2027-06-30)')]],
    ['an end outside the year', [{ name: 'Fall', start: '2026-08-19', end: '2027-07-15' }], [problem('/semesters/0/end', '2027-07-15 is outside the school year 2026-2027 (2026-07-01 to 2027-06-30)')]],
    ['an end that is not a date', [{ name: 'Fall', start: '2026-08-19', end: '2027-01-xx' }], [problem('/semesters/0/end', '"2027-01-xx" is not a calendar date')]],
    ['an end before its start', [{ name: 'Fall', start: '2026-08-19', end: '2026-08-18' }], [problem('/semesters/0/end', 'must not be before the start')]],
    [
      'a second semester starting on the day the first ends',
      [{ name: 'Fall', start: '2026-08-19', end: '2027-01-15' }, { name: 'Spring', start: '2027-01-15', end: '2027-06-03' }],
      [problem('/semesters/1/start', 'overlaps or precedes semester "Fall"')],
    ],
    [
      'a second semester before the first',
      [{ name: 'Spring', start: '2027-01-20', end: '2027-06-03' }, { name: 'Fall', start: '2026-08-19', end: '2027-01-15' }],
      [problem('/semesters/1/start', 'overlaps or precedes semester "Spring"')],
    ],
  ] as const)('CAL-1: semesters: %s', (_name, semesters, expected) => {
    expect(calendarProblems(with_({ semesters }))).toEqual(expected);
  });

  it.each([
    ['a one-day event', [{ kind: 'closure', name: 'Snow day', start: '2026-12-01' }], []],
    ['an event ending on its first day', [{ kind: 'closure', name: 'Snow day', start: '2026-12-01', end: '2026-12-01' }], []],
    ['a start outside the year', [{ kind: 'holiday', name: 'July 4th', start: '2026-06-30' }], [problem('/events/0/start', '2026-06-30 is outside the school year 2026-2027 (2026-07-01 to 2027-06-30)')]],
    ['a start that is not a date', [{ kind: 'holiday', name: 'X', start: '2026-00-10' }], [problem('/events/0/start', '"2026-00-10" is not a calendar date')]],
    ['an end outside the year', [{ kind: 'break', name: 'Summer', start: '2027-06-10', end: '2027-07-10' }], [problem('/events/0/end', '2027-07-10 is outside the school year 2026-2027 (2026-07-01 to 2027-06-30)')]],
    ['an end before its start', [{ kind: 'break', name: 'Winter', start: '2026-12-21', end: '2026-12-20' }], [problem('/events/0/end', 'must not be before the start')]],
    [
      'two events with one id',
      [{ id: 'snow', kind: 'closure', name: 'Snow day', start: '2026-12-01' }, { kind: 'closure', name: 'No id', start: '2026-12-02' }, { id: 'snow', kind: 'closure', name: 'Snow day 2', start: '2026-12-03' }],
      [problem('/events/2/id', 'duplicate event id "snow"')],
    ],
    ['events without ids never collide', [{ kind: 'closure', name: 'A', start: '2026-12-01' }, { kind: 'closure', name: 'B', start: '2026-12-01' }], []],
  ] as const)('CAL-1: events: %s', (_name, events, expected) => {
    expect(calendarProblems(with_({ events }))).toEqual(expected);
  });

  it('CAL-1: every problem of a calendar is reported at once, in field order', () => {
    const calendar: DistrictCalendar = {
      ...lakeview2026,
      timeZone: 'Lakeview/Town',
      firstInstructionalDay: '2027-07-02',
      lastInstructionalDay: '2027-06-03',
      staffYear: { firstDay: '2027-06-20', lastDay: '2027-06-10' },
      semesters: [{ name: 'Fall', start: '2026-08-19', end: '2026-08-01' }],
      events: [
        { id: 'a', kind: 'holiday', name: 'A', start: '2027-08-01' },
        { id: 'a', kind: 'holiday', name: 'B', start: '2026-09-01', end: '2026-08-31' },
      ],
    };
    expect(calendarProblems(calendar)).toEqual([
      problem('/timeZone', '"Lakeview/Town" is not an IANA time zone'),
      problem('/firstInstructionalDay', '2027-07-02 is outside the school year 2026-2027 (2026-07-01 to 2027-06-30)'),
      problem('/lastInstructionalDay', 'must not be before the first instructional day'),
      problem('/staffYear/lastDay', 'must not be before the first day'),
      problem('/semesters/0/end', 'must not be before the start'),
      problem('/events/0/start', '2027-08-01 is outside the school year 2026-2027 (2026-07-01 to 2027-06-30)'),
      problem('/events/1/end', 'must not be before the start'),
      problem('/events/1/id', 'duplicate event id "a"'),
    ]);
  });
});

describe('CAL-1: dates and time zones the calendar is written in', () => {
  it.each(['2026-00-10', '2026-01-00', '2026-02-29', '2026-04-31', '2026-13-01', 'x2026-01-01', '2026-01-01x', '12026-01-01', '2026-01-011', '2026-1-01'])(
    'CAL-1: %j is not a calendar date',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
      expect(() => toDayNumber(value)).toThrow(new InvalidDateError(value));
    },
  );

  it.each(['2026-01-01', '2026-01-31', '2026-12-31', '2028-02-29', '2027-06-30', '2026-04-30'])('CAL-1: %j is a calendar date', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it('CAL-1: a refused date says what it is and why', () => {
    const error = new InvalidDateError('2026-00-10');
    expect(error.message).toBe('"2026-00-10" is not a calendar date (YYYY-MM-DD)');
    expect(error.name).toBe('InvalidDateError');
    expect(error.value).toBe('2026-00-10');
    expect(() => toDayNumber('2026-00-10')).toThrow('"2026-00-10" is not a calendar date (YYYY-MM-DD)');
  });

  it.each([
    ['America/Chicago', true],
    ['Pacific/Auckland', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['America/Lakeview', false],
    ['', false],
  ] as const)('CAL-1: %j is an IANA time zone: %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
    // Asked twice: the answer does not depend on what was asked before.
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it.each([
    ['2026-10-01', '2026-10-02', -1],
    ['2026-10-02', '2026-10-01', 1],
    ['2026-10-01', '2026-10-01', 0],
    ['2026-12-31', '2027-01-01', -1],
  ] as const)('CAL-1: %s compared with %s is %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });
});
