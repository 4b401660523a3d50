import { addMonths, daysBetween, fromDayNumber, toDayNumber, type CalendarDate, type DayNumber } from './calendar-date';
import type { DayReason, DistrictCalendars } from './district-calendar';
import { endOfDay } from './time-zone';

/** The units contracts count in (RULES.md "Time units"). */
export type DeadlineUnit = 'school-day' | 'work-day' | 'calendar-day' | 'week' | 'month';

/** "within `count` `unit`s after `trigger`", under a rule. */
export interface DeadlineSpec {
  /** Rule ID from RULES.md, e.g. GRV-DECIDE-10. */
  readonly rule: string;
  readonly trigger: CalendarDate;
  readonly unit: DeadlineUnit;
  readonly count: number;
  /**
   * A due date counted in calendar units (a month) that lands on a day the district does not work moves to the last
   * work day before it, the reason recorded (PAR-MONTHLY [design]). Absent: the day as counted.
   */
  readonly onNonWorkDay?: 'previous-work-day' | undefined;
}

/** A span during which a case's clocks stop (abeyance, a participant's leave). `to` absent: still paused. */
export interface Pause {
  readonly from: CalendarDate;
  readonly to?: CalendarDate | undefined;
  readonly reason: string;
}

/** Consecutive days that did not count, and why: the part of a deadline a person checks by hand. */
export interface SkippedDays {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly reason: DayReason;
}

export interface RunningDeadline extends DeadlineSpec {
  readonly state: 'running';
  /** CAL-1: the last day, and the instant it ends (23:59:59 in the district's time zone). */
  readonly due: CalendarDate;
  readonly dueAt: string;
  readonly timeZone: string;
  readonly skipped: readonly SkippedDays[];
  /** Where the count ended before `onNonWorkDay` moved it, and why that day does not count. */
  readonly movedFrom?: { readonly due: CalendarDate; readonly reason: DayReason } | undefined;
}

export interface PausedDeadline extends DeadlineSpec {
  readonly state: 'paused';
  readonly pausedSince: CalendarDate;
  /** Units still to count when the clock resumes. */
  readonly remaining: number;
  readonly skipped: readonly SkippedDays[];
}

export type Deadline = RunningDeadline | PausedDeadline;

/**
 * CAL-1: computes a deadline on the district calendars. Day X (the trigger) does not count; the deadline ends at
 * 23:59:59 local on its last day. Days inside a pause do not count either; an open pause suspends the deadline.
 */
export function computeDeadline(calendars: DistrictCalendars, spec: DeadlineSpec, pauses: readonly Pause[] = []): Deadline {
  if (!Number.isInteger(spec.count) || spec.count < 0) {
    throw new RangeError(`${spec.rule}: a deadline counts a whole number of units, not ${spec.count}`);
  }
  const start = toDayNumber(spec.trigger);
  const counts = dayCounter(calendars, spec.unit);
  const countsCalendarDays = spec.unit !== 'school-day' && spec.unit !== 'work-day';
  const days = countsCalendarDays ? calendarSpan(spec) : spec.count;

  const skipped = new SkipCollector();
  const paused = new PauseCursor(pauses);
  let day = start;
  let left = days;
  if (countsCalendarDays && !paused.touches(start + 1, start + days)) {
    // Nothing stops a calendar-day clock here: jump instead of walking (an 18-month cap is 548 days).
    day += left;
    left = 0;
  }
  while (left > 0) {
    day += 1;
    const notCounted = counts(day);
    if (notCounted !== undefined) {
      skipped.add(day, notCounted);
      continue;
    }
    const pause = paused.at(day);
    if (pause === 'open') {
      const suspended: PausedDeadline = {
        rule: spec.rule,
        trigger: spec.trigger,
        unit: spec.unit,
        count: spec.count,
        ...(spec.onNonWorkDay ? { onNonWorkDay: spec.onNonWorkDay } : {}),
        state: 'paused',
        pausedSince: paused.openSince!,
        remaining: left,
        skipped: skipped.result(),
      };
      return suspended;
    }
    if (pause !== undefined) {
      skipped.add(day, `paused: ${pause}`);
      continue;
    }
    left -= 1;
  }
  let movedFrom: RunningDeadline['movedFrom'];
  if (spec.onNonWorkDay === 'previous-work-day') {
    const notWorked = dayCounter(calendars, 'work-day');
    const reason = notWorked(day);
    if (reason !== undefined) {
      movedFrom = { due: fromDayNumber(day), reason };
      while (notWorked(day) !== undefined && day > start + 1) day -= 1;
    }
  }
  const due = fromDayNumber(day);
  // Calendar units need no school calendar of the due year (an 18-month cap ends in a year not yet published):
  // the district's time zone is the trigger's.
  const timeZone = calendars.at(countsCalendarDays ? start : day).source.timeZone;
  // Fields copied by name, not spread: a spread of the caller's object is slow in V8 and copies stray fields.
  const deadline: RunningDeadline = {
    rule: spec.rule,
    trigger: spec.trigger,
    unit: spec.unit,
    count: spec.count,
    state: 'running',
    due,
    dueAt: endOfDay(due, timeZone).toISOString(),
    timeZone,
    skipped: skipped.result(),
    ...(spec.onNonWorkDay ? { onNonWorkDay: spec.onNonWorkDay } : {}),
    ...(movedFrom ? { movedFrom } : {}),
  };
  return deadline;
}

/**
 * The date `count` units before (negative) or after (positive) a date, on the calendar: for reminders such as
 * "2 school days before the due day". Day X does not count, as in CAL-1.
 */
export function shiftDate(calendars: DistrictCalendars, date: CalendarDate, unit: 'school-day' | 'work-day', count: number): CalendarDate {
  const counts = dayCounter(calendars, unit);
  const step = count < 0 ? -1 : 1;
  let day = toDayNumber(date);
  for (let left = Math.abs(count); left > 0; ) {
    day += step;
    if (counts(day) === undefined) left -= 1;
  }
  return fromDayNumber(day);
}

/** Months and weeks are calendar days in the end: the span from the trigger to the same day N months later. */
function calendarSpan(spec: DeadlineSpec): number {
  switch (spec.unit) {
    case 'month':
      return daysBetween(spec.trigger, addMonths(spec.trigger, spec.count));
    case 'week':
      return spec.count * 7;
    default:
      return spec.count;
  }
}

/** For a unit, a function telling why a day does not count (undefined: it counts). */
function dayCounter(calendars: DistrictCalendars, unit: DeadlineUnit): (day: DayNumber) => DayReason | undefined {
  switch (unit) {
    case 'school-day':
      return (day) => {
        const calendar = calendars.at(day);
        return calendar.isSchoolDay(day) ? undefined : calendar.reason(day);
      };
    case 'work-day':
      return (day) => calendars.at(day).workReason(day);
    case 'calendar-day':
    case 'week':
    case 'month':
      return () => undefined;
    default: {
      const unknown: never = unit;
      throw new Error(`unknown deadline unit ${String(unknown)}`);
    }
  }
}

/** Groups skipped days into runs of one reason; day numbers until the end, so a long walk allocates little. */
class SkipCollector {
  private readonly runs: { from: DayNumber; to: DayNumber; reason: DayReason }[] = [];
  private last: { from: DayNumber; to: DayNumber; reason: DayReason } | undefined;

  add(day: DayNumber, reason: DayReason): void {
    if (this.last && day === this.last.to + 1 && reason === this.last.reason) {
      this.last.to = day;
    } else {
      this.last = { from: day, to: day, reason };
      this.runs.push(this.last);
    }
  }

  result(): SkippedDays[] {
    return this.runs.map((run) => ({ from: fromDayNumber(run.from), to: fromDayNumber(run.to), reason: run.reason }));
  }
}

class PauseCursor {
  private readonly spans: { from: DayNumber; to: DayNumber; reason: string }[];
  openSince: CalendarDate | undefined;

  constructor(pauses: readonly Pause[]) {
    this.spans = pauses
      .map((p) => ({ from: toDayNumber(p.from), to: p.to ? toDayNumber(p.to) : Number.POSITIVE_INFINITY, reason: p.reason }))
      .sort((a, b) => a.from - b.from);
  }

  /** Whether any pause covers a day between `from` and `to` (inclusive). */
  touches(from: DayNumber, to: DayNumber): boolean {
    return this.spans.some((span) => span.from <= to && span.to >= from);
  }

  /**
   * The pause reason on a day, 'open' inside a pause that has not ended, or undefined. Pauses may overlap (leave
   * during an abeyance): an open one suspends the clock whatever else covers the day.
   */
  at(day: DayNumber): string | 'open' | undefined {
    let reason: string | undefined;
    for (const span of this.spans) {
      if (day < span.from) break;
      if (day > span.to) continue;
      if (span.to === Number.POSITIVE_INFINITY) {
        this.openSince = fromDayNumber(span.from);
        return 'open';
      }
      reason ??= span.reason;
    }
    return reason;
  }
}
