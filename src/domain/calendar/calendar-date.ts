/**
 * Calendar dates (`YYYY-MM-DD`, a day in the district's time zone) and their arithmetic. Dates are counted as whole
 * day numbers (days since 1970-01-01), never as milliseconds of an instant, so no time zone or DST change can shift
 * a count. Pure: usable inside workflows.
 */
export type CalendarDate = string;

/** Days since 1970-01-01 of a calendar date. */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends Error {
  constructor(readonly value: string) {
    super(`"${value}" is not a calendar date (YYYY-MM-DD)`);
    this.name = 'InvalidDateError';
  }
}

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function toDayNumber(date: CalendarDate): DayNumber {
  const match = DATE_PATTERN.exec(date);
  if (!match || !isCalendarDate(date)) throw new InvalidDateError(date);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

export function fromDayNumber(day: DayNumber): CalendarDate {
  // The UTC fields of a day number's midnight are exactly that calendar date: no local time zone involved.
  const d = new Date(day * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: DayNumber): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: DayNumber): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Adds calendar months; a day that the target month lacks becomes its last day (Jan 31 + 1 month = Feb 28/29),
 * the usual reading of "within one month".
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(d, daysInMonth(year, month)), 2)}`;
}

export function parts(date: CalendarDate): [year: number, month: number, day: number] {
  const d = new Date(toDayNumber(date) * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
