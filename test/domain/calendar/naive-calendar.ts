import type { CalendarEvent, DistrictCalendar, Pause } from '../../../src/domain/calendar';

/**
 * A second, deliberately naive implementation of the counting rules, for the property test: it reads the events
 * on every day with Date objects and string comparison, the way a person checks a deadline by hand. Slow and
 * obvious on purpose; it shares no code with src/domain/calendar.
 */
const DAY = 24 * 3600 * 1000;

function next(date: string, step = 1): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + step * DAY).toISOString().slice(0, 10);
}

function covering(calendar: DistrictCalendar, date: string, kind: CalendarEvent['kind']): boolean {
  return calendar.events.some((e) => e.kind === kind && e.start <= date && date <= (e.end ?? e.start));
}

export function naiveDay(calendar: DistrictCalendar, date: string): { school: boolean; work: boolean } {
  if (covering(calendar, date, 'make-up-day')) return { school: true, work: true };
  if (covering(calendar, date, 'closure')) return { school: false, work: false };
  if (covering(calendar, date, 'staff-day')) return { school: false, work: true };
  if (covering(calendar, date, 'holiday') || covering(calendar, date, 'break')) return { school: false, work: false };
  const dow = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (dow === 0 || dow === 6) return { school: false, work: false };
  const inStaffYear = !calendar.staffYear || (calendar.staffYear.firstDay <= date && date <= calendar.staffYear.lastDay);
  const inSession = calendar.firstInstructionalDay <= date && date <= calendar.lastInstructionalDay;
  return { school: inSession, work: inStaffYear };
}

export function naiveDue(
  calendar: DistrictCalendar,
  trigger: string,
  unit: 'school-day' | 'work-day' | 'calendar-day',
  count: number,
  pauses: Pause[],
  lastLoadedDay: string,
): string | 'paused' | 'beyond the loaded year' {
  let date = trigger;
  let left = count;
  while (left > 0) {
    date = next(date);
    // Calendar days need no school calendar (an 18-month cap ends in a year not yet published).
    if (date > lastLoadedDay && unit !== 'calendar-day') return 'beyond the loaded year';
    const day = naiveDay(calendar, date);
    const counts = unit === 'calendar-day' || (unit === 'school-day' ? day.school : day.work);
    if (!counts) continue;
    const covering = pauses.filter((p) => p.from <= date && (p.to === undefined || date <= p.to));
    if (covering.some((p) => p.to === undefined)) return 'paused';
    if (covering.length > 0) continue;
    left -= 1;
  }
  return date;
}
