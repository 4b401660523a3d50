import { daysInMonth, fromDayNumber, parts, toDayNumber, weekday } from '../../../src/domain/calendar';
import type { NoticeDeadline } from '../../../src/domain/notices/notice';

/**
 * "Picture the deadline": the month calendars of a deadline's count, made from the explanation the case clock
 * recorded (day X, the days skipped and why, the due day). Nothing is counted anew against a calendar: a day between
 * day X and the due day counts unless the explanation lists it as skipped, which is exactly how the deadline engine
 * walked (CAL-1). Pure, so a test can check every day of a picture.
 */
export type DayMark =
  | { readonly kind: 'outside' }
  | { readonly kind: 'trigger' }
  | { readonly kind: 'counted'; readonly ordinal: number; readonly due: boolean }
  | { readonly kind: 'skipped'; readonly reason: string; readonly code: string };

export interface CalendarDay {
  readonly date: string;
  readonly day: number;
  readonly mark: DayMark;
}

export interface MonthPicture {
  /** "October 2026". */
  readonly title: string;
  /** Weeks from Sunday to Saturday; null where the month has no day. */
  readonly weeks: readonly (readonly (CalendarDay | null)[])[];
}

export interface DeadlinePicture {
  readonly months: readonly MonthPicture[];
  /** Months between the first and the last that are not drawn (a count of many months). */
  readonly monthsLeftOut: number;
  /** The letter each kind of skipped day is marked with, and the reasons it stands for, in order of appearance. */
  readonly legend: readonly { readonly code: string; readonly reasons: readonly string[] }[];
  /** Days counted (the deadline's count, when nothing paused it). */
  readonly counted: number;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** The letter a skipped day shows: W weekend, H holiday, B break, C closure, S staff day, P pause, O otherwise. */
export function reasonCode(reason: string): string {
  if (reason === 'weekend') return 'W';
  if (reason.startsWith('holiday')) return 'H';
  if (reason.startsWith('break')) return 'B';
  if (reason.startsWith('closure')) return 'C';
  if (reason.startsWith('staff day')) return 'S';
  if (reason.startsWith('paused')) return 'P';
  return 'O';
}

/** The pictures of a deadline's months, at most `maxMonths` (then the first and the last, with those between left out). */
export function deadlinePicture(deadline: Pick<NoticeDeadline, 'trigger' | 'due' | 'skipped'>, maxMonths = 3): DeadlinePicture {
  const start = toDayNumber(deadline.trigger);
  const due = toDayNumber(deadline.due);
  const skipped = new Map<number, string>();
  for (const run of deadline.skipped) {
    for (let day = toDayNumber(run.from); day <= toDayNumber(run.to); day += 1) skipped.set(day, run.reason);
  }
  const marks = new Map<number, DayMark>();
  let ordinal = 0;
  for (let day = start + 1; day <= due; day += 1) {
    const reason = skipped.get(day);
    if (reason !== undefined) marks.set(day, { kind: 'skipped', reason, code: reasonCode(reason) });
    else marks.set(day, { kind: 'counted', ordinal: (ordinal += 1), due: day === due });
  }
  // A count of nothing (due the same day, "by the end of the semester") is due on day X itself.
  marks.set(start, due === start ? { kind: 'counted', ordinal: 0, due: true } : { kind: 'trigger' });

  const months = monthsBetween(deadline.trigger, deadline.due);
  const drawn = months.length > maxMonths ? [months[0]!, months.at(-1)!] : months;
  const legend = new Map<string, string[]>();
  for (const mark of marks.values()) {
    if (mark.kind !== 'skipped') continue;
    const reasons = legend.get(mark.code) ?? [];
    if (!reasons.includes(mark.reason)) reasons.push(mark.reason);
    legend.set(mark.code, reasons);
  }
  return {
    months: drawn.map(([year, month]) => monthPicture(year, month, marks)),
    monthsLeftOut: months.length - drawn.length,
    legend: [...legend].map(([code, reasons]) => ({ code, reasons })),
    counted: ordinal,
  };
}

function monthsBetween(from: string, to: string): [number, number][] {
  const [y1, m1] = parts(from);
  const [y2, m2] = parts(to);
  const months: [number, number][] = [];
  for (let index = y1 * 12 + m1 - 1; index <= y2 * 12 + m2 - 1; index += 1) months.push([Math.floor(index / 12), (index % 12) + 1]);
  return months;
}

function monthPicture(year: number, month: number, marks: ReadonlyMap<number, DayMark>): MonthPicture {
  const first = toDayNumber(`${year}-${String(month).padStart(2, '0')}-01`);
  const length = daysInMonth(year, month);
  const cells: (CalendarDay | null)[] = Array.from({ length: weekday(first) }, () => null);
  for (let day = first; day < first + length; day += 1) {
    cells.push({ date: fromDayNumber(day), day: day - first + 1, mark: marks.get(day) ?? { kind: 'outside' } });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return { title: `${MONTH_NAMES[month - 1]} ${year}`, weeks };
}
