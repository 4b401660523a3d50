import { addDays, dateInZone, schoolYearOf, type DistrictCalendar } from '../../src/domain/calendar';

/**
 * Calendars around a given instant, so workflow tests on the time-skipping server (whose clock starts at the
 * real now) count on a school year that contains "today", whatever day the tests run.
 */
export function calendarsAround(nowMs: number, district = 'synthetic', timeZone = 'America/Chicago'): { today: string; calendars: DistrictCalendar[] } {
  const today = dateInZone(new Date(nowMs), timeZone);
  const year = schoolYearOf(today);
  const next = schoolYearOf(addDays(today, 366));
  const calendar = (schoolYear: string): DistrictCalendar => {
    const start = Number(schoolYear.slice(0, 4));
    return {
      district,
      schoolYear,
      timeZone,
      // Every weekday is a school day, so a count near the year's edges still has days to count.
      firstInstructionalDay: `${start}-07-01`,
      lastInstructionalDay: `${start + 1}-06-30`,
      semesters: [],
      events: [],
      version: 1,
    };
  };
  return { today, calendars: [calendar(year), calendar(next)] };
}
