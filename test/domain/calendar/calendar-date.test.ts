import { describe, expect, it } from 'vitest';
import {
  InvalidDateError,
  addDays,
  addMonths,
  dateInZone,
  endOfDay,
  fromDayNumber,
  isCalendarDate,
  toDayNumber,
  weekday,
} from '../../../src/domain/calendar';

describe('calendar dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2027-01-31', 13, '2028-02-29'],
    ['2026-09-15', 18, '2028-03-15'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-31', -1, '2026-02-28'],
  ] as const)('%s + %i months = %s (a missing day clamps to the month end)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-03-14', -14, '2027-02-28'],
  ] as const)('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['1970-01-01', 4],
    ['2026-11-23', 1],
    ['2026-11-22', 0],
    ['2027-03-13', 6],
  ] as const)('%s is weekday %i', (date, day) => {
    expect(weekday(toDayNumber(date))).toBe(day);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-04-31', ''])('refuses %j', (value) => {
    expect(isCalendarDate(value)).toBe(false);
    expect(() => toDayNumber(value)).toThrow(InvalidDateError);
  });

  it('round-trips every day of four years', () => {
    const start = toDayNumber('2026-01-01');
    for (let day = start; day < start + 4 * 366; day += 1) expect(toDayNumber(fromDayNumber(day))).toBe(day);
  });

  it.each([
    ['2026-07-01', 'America/Chicago', '2026-07-02T04:59:59.000Z'],
    ['2026-12-01', 'America/Chicago', '2026-12-02T05:59:59.000Z'],
    ['2026-12-01', 'America/Phoenix', '2026-12-02T06:59:59.000Z'],
    ['2026-10-25', 'Europe/London', '2026-10-25T23:59:59.000Z'],
    ['2026-12-01', 'Pacific/Auckland', '2026-12-01T10:59:59.000Z'],
  ] as const)('the end of %s in %s is %s', (date, zone, instant) => {
    expect(endOfDay(date, zone).toISOString()).toBe(instant);
    expect(dateInZone(endOfDay(date, zone), zone)).toBe(date);
  });
});
