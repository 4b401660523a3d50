import { fromDayNumber, isWeekend, parts, toDayNumber, type CalendarDate, type DayNumber } from './calendar-date';

/**
 * A district's calendar for one school year: the data every deadline is counted on (CAL-1). Calendars are data,
 * validated at the API edge; this module only reads them.
 */
export type CalendarEventKind = 'holiday' | 'break' | 'staff-day' | 'closure' | 'make-up-day';

export interface CalendarEvent {
  /** Stable id, so an amendment can name the event it moves or removes. */
  readonly id?: string | undefined;
  readonly kind: CalendarEventKind;
  readonly name: string;
  readonly start: CalendarDate;
  /** Last day, inclusive; a one-day event leaves it out. */
  readonly end?: CalendarDate | undefined;
}

export interface Semester {
  readonly name: string;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

export interface DistrictCalendar {
  readonly district: string;
  /** `2026-2027`. */
  readonly schoolYear: string;
  /** IANA time zone of the district, e.g. `America/Chicago`. */
  readonly timeZone: string;
  readonly firstInstructionalDay: CalendarDate;
  readonly lastInstructionalDay: CalendarDate;
  /**
   * The staff work year [design]: work days outside it are not counted. Absent, every weekday that is not a
   * holiday, break or closure is a work day, summer included.
   */
  readonly staffYear?: { readonly firstDay: CalendarDate; readonly lastDay: CalendarDate } | undefined;
  readonly semesters: readonly Semester[];
  readonly events: readonly CalendarEvent[];
  /** Bumped by every amendment (CAL-2), recorded with the deadlines computed on it. */
  readonly version?: number | undefined;
}

/** Why a day is not a school day (or not a work day), in the district's words. */
export type DayReason = string;

const SCHOOL = 1;
const WORK = 2;

/**
 * A calendar compiled for counting: one flag byte and two reasons per day of the period it governs (July 1 to
 * June 30 of its school year), so counting N days costs N array reads.
 */
export class CompiledCalendar {
  readonly from: DayNumber;
  readonly to: DayNumber;
  private readonly flags: Uint8Array;
  /** Why a day is not a school day / not a work day; undefined where it is one. */
  private readonly schoolReasons: (DayReason | undefined)[];
  private readonly workReasons: (DayReason | undefined)[];

  constructor(readonly source: DistrictCalendar) {
    const [firstYear, firstMonth] = parts(source.firstInstructionalDay);
    // The school year governs July 1 .. June 30 around its instructional days.
    const startYear = firstMonth >= 7 ? firstYear : firstYear - 1;
    this.from = toDayNumber(`${startYear}-07-01`);
    this.to = toDayNumber(`${startYear + 1}-06-30`);
    const size = this.to - this.from + 1;
    this.flags = new Uint8Array(size);
    this.schoolReasons = new Array<DayReason | undefined>(size);
    this.workReasons = new Array<DayReason | undefined>(size);

    const firstSchool = toDayNumber(source.firstInstructionalDay);
    const lastSchool = toDayNumber(source.lastInstructionalDay);
    const staffFirst = source.staffYear ? toDayNumber(source.staffYear.firstDay) : this.from;
    const staffLast = source.staffYear ? toDayNumber(source.staffYear.lastDay) : this.to;
    for (let day = this.from; day <= this.to; day += 1) {
      const i = day - this.from;
      const weekend = isWeekend(day);
      const inSession = day >= firstSchool && day <= lastSchool;
      if (!inSession) {
        this.schoolReasons[i] = day < firstSchool ? 'summer (before the first instructional day)' : 'summer (after the last instructional day)';
      } else if (weekend) {
        this.schoolReasons[i] = 'weekend';
      } else {
        this.flags[i]! |= SCHOOL;
      }
      if (weekend) this.workReasons[i] = 'weekend';
      else if (day < staffFirst || day > staffLast) this.workReasons[i] = 'outside the staff year';
      else this.flags[i]! |= WORK;
    }
    // Events in order of precedence, weakest first, so a stronger one overrides: a closure on a staff day closes
    // it, a make-up day turns a break day or a Saturday into a school day.
    const order: CalendarEventKind[] = ['break', 'holiday', 'staff-day', 'closure', 'make-up-day'];
    for (const kind of order) {
      for (const event of source.events) {
        if (event.kind !== kind) continue;
        const start = Math.max(toDayNumber(event.start), this.from);
        const end = Math.min(toDayNumber(event.end ?? event.start), this.to);
        for (let day = start; day <= end; day += 1) this.apply(day - this.from, event);
      }
    }
  }

  private apply(i: number, event: CalendarEvent): void {
    switch (event.kind) {
      case 'break':
        return this.set(i, 0, `break: ${event.name}`, `break: ${event.name}`);
      case 'holiday':
        return this.set(i, 0, `holiday: ${event.name}`, `holiday: ${event.name}`);
      case 'staff-day':
        return this.set(i, WORK, `staff day without students: ${event.name}`, undefined);
      case 'closure':
        return this.set(i, 0, `closure: ${event.name}`, `closure: ${event.name}`);
      case 'make-up-day':
        return this.set(i, SCHOOL | WORK, undefined, undefined);
      default: {
        const unknown: never = event.kind;
        throw new Error(`unknown calendar event kind ${String(unknown)}`);
      }
    }
  }

  private set(i: number, flags: number, schoolReason: DayReason | undefined, workReason: DayReason | undefined): void {
    this.flags[i] = flags;
    this.schoolReasons[i] = schoolReason;
    this.workReasons[i] = workReason;
  }

  covers(day: DayNumber): boolean {
    return day >= this.from && day <= this.to;
  }

  isSchoolDay(day: DayNumber): boolean {
    return (this.flags[day - this.from]! & SCHOOL) !== 0;
  }

  isWorkDay(day: DayNumber): boolean {
    return (this.flags[day - this.from]! & WORK) !== 0;
  }

  /** Why the day is not a school day (for a school day: undefined). */
  reason(day: DayNumber): DayReason | undefined {
    return this.schoolReasons[day - this.from];
  }

  /** Why the day is not a work day (for a work day: undefined). */
  workReason(day: DayNumber): DayReason | undefined {
    return this.workReasons[day - this.from];
  }
}

export class CalendarNotLoadedError extends Error {
  constructor(
    readonly district: string,
    readonly date: CalendarDate,
  ) {
    super(
      `No calendar of district ${district} covers ${date}: load the calendar of that school year before counting ` +
        'deadlines into it (a deadline is never guessed).',
    );
    this.name = 'CalendarNotLoadedError';
  }
}

/** All loaded calendars of one district, by school year; counting moves from one year's calendar to the next. */
export class DistrictCalendars {
  private readonly compiled: CompiledCalendar[];
  private last: CompiledCalendar | undefined;

  constructor(
    readonly district: string,
    calendars: readonly DistrictCalendar[],
  ) {
    this.compiled = calendars
      .filter((c) => c.district === district)
      .map((c) => new CompiledCalendar(c))
      .sort((a, b) => a.from - b.from);
  }

  /** The compiled calendar governing a day, or CalendarNotLoadedError. */
  at(day: DayNumber): CompiledCalendar {
    if (this.last?.covers(day)) return this.last;
    const found = this.compiled.find((c) => c.covers(day));
    if (!found) throw new CalendarNotLoadedError(this.district, fromDayNumber(day));
    this.last = found;
    return found;
  }

  forDate(date: CalendarDate): CompiledCalendar {
    return this.at(toDayNumber(date));
  }

  isSchoolDay(date: CalendarDate): boolean {
    const day = toDayNumber(date);
    return this.at(day).isSchoolDay(day);
  }

  isWorkDay(date: CalendarDate): boolean {
    const day = toDayNumber(date);
    return this.at(day).isWorkDay(day);
  }

  timeZoneOn(date: CalendarDate): string {
    return this.forDate(date).source.timeZone;
  }
}
