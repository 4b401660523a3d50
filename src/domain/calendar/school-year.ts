import { addDays, fromDayNumber, parts, toDayNumber, type CalendarDate } from './calendar-date';
import type { DistrictCalendar, Semester } from './district-calendar';
import { CompiledCalendar } from './district-calendar';

/** A span of dates, both ends inclusive. */
export interface DateWindow {
  readonly opens: CalendarDate;
  readonly closes: CalendarDate;
}

/**
 * "The last N school days of the school year" (PAR-SPRING-WINDOW): opens on the Nth-last school day and closes on
 * the last instructional day.
 */
export function lastSchoolDays(calendar: DistrictCalendar, n: number): DateWindow {
  const compiled = new CompiledCalendar(calendar);
  const last = toDayNumber(calendar.lastInstructionalDay);
  let day = last + 1;
  for (let found = 0; found < n; ) {
    day -= 1;
    if (day < compiled.from) throw new RangeError(`the school year ${calendar.schoolYear} has fewer than ${n} school days`);
    if (compiled.isSchoolDay(day)) found += 1;
  }
  return { opens: fromDayNumber(day), closes: calendar.lastInstructionalDay };
}

/**
 * "The first two weeks of January/May" (PAR-VOL-WINDOW) [design]: from the first school day of that month in the
 * school year, for `weeks` calendar weeks. Counting from the 1st would give a window that a winter break eats.
 */
export function firstWeeksOfMonth(calendar: DistrictCalendar, month: number, weeks = 2): DateWindow {
  const compiled = new CompiledCalendar(calendar);
  for (let day = compiled.from; day <= compiled.to; day += 1) {
    const [, m] = parts(fromDayNumber(day));
    if (m === month && compiled.isSchoolDay(day)) {
      const opens = fromDayNumber(day);
      return { opens, closes: addDays(opens, weeks * 7 - 1) };
    }
  }
  throw new RangeError(`the school year ${calendar.schoolYear} has no school day in month ${month}`);
}

/** The semester containing a date, or undefined between semesters and outside the school year. */
export function semesterOf(calendar: DistrictCalendar, date: CalendarDate): Semester | undefined {
  return calendar.semesters.find((s) => s.start <= date && date <= s.end);
}

/** The end of the semester containing a date (PAR-SEMESTER), or an error naming the date. */
export function semesterEnd(calendar: DistrictCalendar, date: CalendarDate): CalendarDate {
  const semester = semesterOf(calendar, date);
  if (!semester) throw new RangeError(`${date} is in no semester of the ${calendar.schoolYear} calendar`);
  return semester.end;
}
