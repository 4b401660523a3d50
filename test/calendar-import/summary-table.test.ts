import { describe, expect, it } from 'vitest';
import { classify, hintsDayOff, normalizeSummary } from '../../src/calendar-import/summary-table';

/** CAL-4: summaries as district calendars write them (issue 19: plural summaries were left out and counted as school days). */
describe('the summary table of the .ics import (CAL-4)', () => {
  it.each([
    // Plurals: each of these was left out before, its days counted as school days.
    ['Teacher Workdays', 'staff-day'],
    ['Teacher Work Days', 'staff-day'],
    ['Staff Development Days', 'staff-day'],
    ['Teacher Planning Days', 'staff-day'],
    ['Snow Days', 'closure'],
    ['Weather Days', 'closure'],
    ['Calamity Days', 'closure'],
    ['Make-up Days', 'make-up-day'],
    ['Makeup Day', 'make-up-day'],
    ['Make Up Day', 'make-up-day'],
    ['Holidays', 'holiday'],
    ['Thanksgiving Holidays', 'holiday'],
    ['Winter Holidays', 'holiday'],
    ['Closures', 'closure'],
    ['Breaks', 'break'],
    ['Recesses', 'break'],
    ['Fall Intersession', 'break'],
    // Common spellings of the marks.
    ["Students' First Day", 'first-day'],
    ['First Student Day', 'first-day'],
    ['Classes Begin', 'first-day'],
    ['Last Student Day', 'last-day'],
    ["Students' Last Day", 'last-day'],
    ['End of 1st Semester', 'semester-end'],
    ['End of Semester 1', 'semester-end'],
    ['Fall Semester Ends', 'semester-end'],
    // The most specific row wins.
    ['Inclement Weather Make-Up Day', 'make-up-day'],
    ['Snow Make-Up Day', 'make-up-day'],
    ['Labor Day - Schools Closed', 'closure'],
    ['Parent-Teacher Conferences - No Students', 'staff-day'],
    ['PD Day - Students Off', 'staff-day'],
    ['Teacher Grading Day', 'staff-day'],
    ['Rosh Hashanah - No School', 'holiday'],
    ['Veterans Day (Observed)', 'holiday'],
    ['César Chávez Day', 'holiday'],
    ['Martin Luther King, Jr. Holiday', 'holiday'],
    ['Presidents Day', 'holiday'],
    // Not days off.
    ['Picture Days', undefined],
    ['Early Release Days', undefined],
    ['Back to School Night', undefined],
    ['Make-up Picture Day', undefined],
    ['Board of Education Meeting', undefined],
  ] as const)('CAL-4: reads %j as %s', (summary, expected) => {
    expect(classify(summary)).toBe(expected);
  });

  it.each([
    ['Non-Attendance Day', true],
    ['Field Trip Day - No Classes for 8th Grade', true],
    ['Students Off', true],
    ['School Not in Session', true],
    ['Furlough Days', true],
    ['Classes Cancelled', true],
    ['Picture Days', false],
    ['Early Release Days', false],
    ['Back to School Kick-Off', false],
  ] as const)('CAL-4: an event no row reads, %j, looks like a day off: %s', (summary, expected) => {
    expect(classify(summary)).toBeUndefined();
    expect(hintsDayOff(summary)).toBe(expected);
  });

  it('CAL-4: compares summaries without case, accents, apostrophes or punctuation', () => {
    expect(normalizeSummary("  Presidents' Day — OBSERVED ")).toBe('presidents day observed');
    expect(normalizeSummary('César Chávez Day')).toBe('cesar chavez day');
    expect(normalizeSummary('Make-Up/Snow Day')).toBe('make up snow day');
  });
});
