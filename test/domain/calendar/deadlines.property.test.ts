import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DistrictCalendars,
  addDays,
  computeDeadline,
  type CalendarEvent,
  type DistrictCalendar,
  type Pause,
} from '../../../src/domain/calendar';
import { naiveDay, naiveDue } from './naive-calendar';

// Random calendars for the 2026-2027 school year (July 1 2026 .. June 30 2027), random events, pauses and counts.
const YEAR_START = '2026-07-01';
const dayOfYear = fc.integer({ min: 0, max: 364 });
const dateOf = (offset: number) => addDays(YEAR_START, offset);

const event: fc.Arbitrary<CalendarEvent> = fc
  .record({
    kind: fc.constantFrom('holiday', 'break', 'staff-day', 'closure', 'make-up-day' as const),
    start: dayOfYear,
    length: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ kind, start, length }) => ({
    kind,
    name: `${kind} ${start}`,
    start: dateOf(start),
    end: dateOf(Math.min(364, start + length)),
  }));

const calendar: fc.Arbitrary<DistrictCalendar> = fc
  .record({
    first: fc.integer({ min: 30, max: 70 }),
    last: fc.integer({ min: 300, max: 350 }),
    staffYear: fc.option(fc.record({ first: fc.integer({ min: 20, max: 40 }), last: fc.integer({ min: 330, max: 364 }) }), { nil: undefined }),
    events: fc.array(event, { maxLength: 25 }),
  })
  .map(({ first, last, staffYear, events }) => ({
    district: 'random',
    schoolYear: '2026-2027',
    timeZone: 'America/Chicago',
    firstInstructionalDay: dateOf(first),
    lastInstructionalDay: dateOf(last),
    staffYear: staffYear && { firstDay: dateOf(staffYear.first), lastDay: dateOf(staffYear.last) },
    semesters: [],
    events,
  }));

const pauses: fc.Arbitrary<Pause[]> = fc.array(
  fc
    .record({ from: dayOfYear, length: fc.integer({ min: 0, max: 30 }), open: fc.boolean() })
    .map(({ from, length, open }) => ({ from: dateOf(from), to: open ? undefined : dateOf(Math.min(364, from + length)), reason: 'test pause' })),
  { maxLength: 2 },
);

describe('deadline engine against a naive day-by-day implementation (fast-check)', () => {
  it('CAL-1: classifies every day as the naive reading of the calendar does', () => {
    fc.assert(
      fc.property(calendar, dayOfYear, (cal, offset) => {
        const calendars = new DistrictCalendars('random', [cal]);
        const date = dateOf(offset);
        expect({ school: calendars.isSchoolDay(date), work: calendars.isWorkDay(date) }).toEqual(naiveDay(cal, date));
      }),
      { numRuns: 2000 },
    );
  });

  it('CAL-1: computes the same due date (or the same pause, or the same refusal past the loaded year)', () => {
    fc.assert(
      fc.property(
        calendar,
        dayOfYear,
        fc.constantFrom('school-day', 'work-day', 'calendar-day' as const),
        fc.integer({ min: 0, max: 60 }),
        pauses,
        (cal, offset, unit, count, pauseLog) => {
          const calendars = new DistrictCalendars('random', [cal]);
          const trigger = dateOf(offset);
          const expected = naiveDue(cal, trigger, unit, count, pauseLog, '2027-06-30');
          let actual: string;
          try {
            const deadline = computeDeadline(calendars, { rule: 'PROP', trigger, unit, count }, pauseLog);
            actual = deadline.state === 'paused' ? 'paused' : deadline.due;
          } catch {
            actual = 'beyond the loaded year';
          }
          expect(actual).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
