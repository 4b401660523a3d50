import { describe, expect, it } from 'vitest';
import { firstWeeksOfMonth, lastSchoolDays, semesterEnd, semesterOf } from '../../../src/domain/calendar';
import { harbor2026, lakeview2026 } from '../../helpers/calendars';

describe('school-year windows and semesters', () => {
  it.each([
    // The last 20 school days of Lakeview skip Memorial Day (May 31).
    ['lakeview', lakeview2026, 20, '2027-05-06', '2027-06-03'],
    ['lakeview', lakeview2026, 1, '2027-06-03', '2027-06-03'],
    ['harbor', harbor2026, 20, '2027-05-14', '2027-06-10'],
  ] as const)('%s: the last %i school days open %s and close %s', (_name, calendar, n, opens, closes) => {
    expect(lastSchoolDays(calendar, n)).toEqual({ opens, closes });
  });

  it('refuses more school days than the year has', () => {
    expect(() => lastSchoolDays(lakeview2026, 400)).toThrow(/fewer than 400 school days/);
  });

  it.each([
    // January windows start after the winter break, not on January 1.
    ['lakeview', lakeview2026, 1, '2027-01-04', '2027-01-17'],
    ['harbor', harbor2026, 1, '2027-01-11', '2027-01-24'],
    ['lakeview', lakeview2026, 5, '2027-05-03', '2027-05-16'],
    ['harbor', harbor2026, 5, '2027-05-03', '2027-05-16'],
  ] as const)('%s: the first two weeks of month %i run %s to %s', (_name, calendar, month, opens, closes) => {
    expect(firstWeeksOfMonth(calendar, month)).toEqual({ opens, closes });
  });

  it.each([
    ['lakeview', lakeview2026, '2026-10-01', 'Fall 2026', '2027-01-15'],
    ['lakeview', lakeview2026, '2027-01-20', 'Spring 2027', '2027-06-03'],
    ['harbor', harbor2026, '2026-12-18', 'Semester 1', '2026-12-18'],
    ['harbor', harbor2026, '2027-03-01', 'Semester 2', '2027-06-10'],
  ] as const)('%s: %s is in %s, which ends %s', (_name, calendar, date, name, end) => {
    expect(semesterOf(calendar, date)?.name).toBe(name);
    expect(semesterEnd(calendar, date)).toBe(end);
  });

  it('between semesters there is no semester, and its end is an error naming the date', () => {
    expect(semesterOf(lakeview2026, '2027-01-19')).toBeUndefined();
    expect(() => semesterEnd(harbor2026, '2026-12-30')).toThrow(/2026-12-30 is in no semester/);
  });
});
