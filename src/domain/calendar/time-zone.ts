import { parts, type CalendarDate } from './calendar-date';

/**
 * Instants for calendar dates in a district's IANA time zone, through Intl (available in Temporal's workflow
 * sandbox). Formatters are costly to build, so one is kept per zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in milliseconds (e.g. -5 h for Chicago in summer). */
export function zoneOffsetMs(timeZone: string, epochMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
  return asUtc - (epochMs - (epochMs % 1000));
}

/** The UTC instant of a wall-clock time on a calendar date in a time zone. */
export function zonedInstant(date: CalendarDate, time: { hour: number; minute: number; second: number }, timeZone: string): Date {
  const [y, m, d] = parts(date);
  const wall = Date.UTC(y, m - 1, d, time.hour, time.minute, time.second);
  // Two passes settle the offset even when the wall time sits next to a DST change.
  let instant = wall - zoneOffsetMs(timeZone, wall);
  instant = wall - zoneOffsetMs(timeZone, instant);
  return new Date(instant);
}

/**
 * Ends of days already computed, per zone. The instant depends only on the zone's rules and the date, and a
 * district's deadlines fall on a few hundred dates a year; Intl costs about 10 microseconds a call.
 */
const endOfDayCache = new Map<string, Map<CalendarDate, number>>();
const END_OF_DAY_CACHE_LIMIT = 4_096;

/** CAL-1: a deadline ends at 23:59:59 local time of its due date. */
export function endOfDay(date: CalendarDate, timeZone: string): Date {
  let zone = endOfDayCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    endOfDayCache.set(timeZone, zone);
  }
  let instant = zone.get(date);
  if (instant === undefined) {
    instant = zonedInstant(date, { hour: 23, minute: 59, second: 59 }, timeZone).getTime();
    if (zone.size >= END_OF_DAY_CACHE_LIMIT) zone.clear();
    zone.set(date, instant);
  }
  return new Date(instant);
}

/** The calendar date an instant falls on in a time zone ("today" for the district). */
export function dateInZone(instant: Date, timeZone: string): CalendarDate {
  const local = instant.getTime() + zoneOffsetMs(timeZone, instant.getTime());
  const d = new Date(local);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}
