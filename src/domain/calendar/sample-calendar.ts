import { addDays, fromDayNumber, toDayNumber, weekday, type CalendarDate } from './calendar-date';
import type { CalendarEvent, DistrictCalendar } from './district-calendar';

/** The Nth (1-based) given weekday of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, day: number, n: number): CalendarDate {
  if (n > 0) {
    const first = toDayNumber(`${year}-${String(month).padStart(2, '0')}-01`);
    const offset = (day - weekday(first) + 7) % 7;
    return fromDayNumber(first + offset + (n - 1) * 7);
  }
  const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const last = toDayNumber(nextMonth) - 1;
  return fromDayNumber(last - ((weekday(last) - day + 7) % 7));
}

const MON = 1;
const WED = 3;
const THU = 4;
const FRI = 5;

/**
 * A typical US school-year calendar for any year [design], shipped so the embedded run counts deadlines with no
 * configuration: the district publishes its own (PUT or .ics import) to replace it.
 */
export function sampleCalendar(district: string, schoolYear: string, timeZone: string): DistrictCalendar {
  const y = Number(schoolYear.slice(0, 4));
  const first = nthWeekday(y, 8, WED, 3);
  const memorialDay = nthWeekday(y + 1, 5, MON, -1);
  const last = addDays(memorialDay, 3);
  const thanksgiving = nthWeekday(y, 11, THU, 4);
  const mlk = nthWeekday(y + 1, 1, MON, 3);
  const springBreak = nthWeekday(y + 1, 3, MON, 3);
  const event = (id: string, kind: CalendarEvent['kind'], name: string, start: CalendarDate, end?: CalendarDate): CalendarEvent => ({
    id,
    kind,
    name,
    start,
    ...(end ? { end } : {}),
  });
  const veterans = `${y}-11-11`;
  const events: CalendarEvent[] = [
    event('prep', 'staff-day', 'Teacher preparation days', addDays(first, -2), addDays(first, -1)),
    event('labor-day', 'holiday', 'Labor Day', nthWeekday(y, 9, MON, 1)),
    event('pd-october', 'staff-day', 'Professional development (no school for students)', nthWeekday(y, 10, FRI, 2)),
    ...(weekday(toDayNumber(veterans)) % 6 !== 0 ? [event('veterans-day', 'holiday', 'Veterans Day', veterans)] : []),
    event('thanksgiving', 'break', 'Thanksgiving break', addDays(thanksgiving, -1), addDays(thanksgiving, 1)),
    event('winter', 'break', 'Winter break', `${y}-12-22`, `${y + 1}-01-02`),
    event('mlk', 'holiday', 'Martin Luther King Jr. Day', mlk),
    event('presidents', 'holiday', "Presidents' Day", nthWeekday(y + 1, 2, MON, 3)),
    event('spring', 'break', 'Spring break', springBreak, addDays(springBreak, 4)),
    event('memorial-day', 'holiday', 'Memorial Day', memorialDay),
    event('records', 'staff-day', 'Records day', addDays(last, 1)),
  ];
  return {
    district,
    schoolYear,
    timeZone,
    firstInstructionalDay: first,
    lastInstructionalDay: last,
    semesters: [
      { name: 'Semester 1', start: first, end: addDays(mlk, -3) },
      { name: 'Semester 2', start: addDays(mlk, 1), end: last },
    ],
    events,
  };
}
