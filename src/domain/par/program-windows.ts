import { firstWeeksOfMonth, lastSchoolDays, schoolYearOf, shiftDate, type CalendarDate, type DistrictCalendar, type DistrictCalendars } from '../calendar';
import type { ParPolicy, ReferralWindowPolicy, VolunteerWindowMonth } from './par-policy';
import { ruleViolation, type ParRefusal } from './refusal';

/** A span of days in which the program takes a request, both ends inclusive, with the rule that sets it. */
export interface ProgramWindow {
  readonly rule: 'PAR-SPRING-WINDOW' | 'PAR-VOL-WINDOW';
  /** What the window is for, in words, e.g. "the first two weeks of January 2027". */
  readonly label: string;
  readonly opens: CalendarDate;
  readonly closes: CalendarDate;
}

const MONTHS: Record<VolunteerWindowMonth, { readonly number: number; readonly name: string }> = {
  january: { number: 1, name: 'January' },
  may: { number: 5, name: 'May' },
};

/** The published calendar of a school year (`2026-2027`), or CalendarNotLoadedError: a window is never guessed. */
function calendarOf(calendars: DistrictCalendars, schoolYear: string): DistrictCalendar {
  return calendars.forDate(`${schoolYear.slice(5, 9)}-01-01`).source;
}

/**
 * PAR-SPRING-WINDOW: when the referrals of a school year are made. Base rule: within the last N school days of the
 * year, opening on the Nth-last school day and closing on the last instructional day (day counts on the district
 * calendar, holidays skipped). Variant: the written notice of referral is mailed within N work days after May 1;
 * [design] the window opens on May 1 itself, since a notice mailed that day is within the limit.
 */
export function referralWindow(calendars: DistrictCalendars, schoolYear: string, policy: ReferralWindowPolicy): ProgramWindow {
  switch (policy.kind) {
    case 'last-school-days': {
      const { opens, closes } = lastSchoolDays(calendarOf(calendars, schoolYear), policy.schoolDays);
      return { rule: 'PAR-SPRING-WINDOW', label: `the last ${policy.schoolDays} school days of the ${schoolYear} school year`, opens, closes };
    }
    case 'notice-after-may-1': {
      const mayFirst = `${schoolYear.slice(5, 9)}-05-01`;
      const closes = shiftDate(calendars, mayFirst, 'work-day', policy.workDays);
      return { rule: 'PAR-SPRING-WINDOW', label: `the notice of referral, mailed within ${policy.workDays} work days after May 1`, opens: mayFirst, closes };
    }
    default: {
      const unknown: never = policy;
      throw new Error(`unknown referral window ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * PAR-VOL-WINDOW: the volunteer application windows of a school year, the first two weeks of January and/or May as
 * the policy chooses, each from the month's first school day (school-year.ts: a winter break does not eat it).
 */
export function volunteerWindows(calendars: DistrictCalendars, schoolYear: string, months: readonly VolunteerWindowMonth[]): ProgramWindow[] {
  const calendar = calendarOf(calendars, schoolYear);
  return months.map((month) => {
    const { opens, closes } = firstWeeksOfMonth(calendar, MONTHS[month].number, 2);
    return { rule: 'PAR-VOL-WINDOW', label: `the first two weeks of ${MONTHS[month].name} ${opens.slice(0, 4)}`, opens, closes };
  });
}

/** The refusal of a request made on `date` outside its window(s), naming every window's dates; undefined inside one. */
export function refusalOutsideWindow(date: CalendarDate, window: ProgramWindow | readonly ProgramWindow[]): ParRefusal | undefined {
  const windows: readonly ProgramWindow[] = Array.isArray(window) ? window : [window as ProgramWindow];
  if (windows.length === 0) throw new RangeError('a request needs at least one window to be checked against');
  if (windows.some((w) => w.opens <= date && date <= w.closes)) return undefined;
  const listed = windows.map((w) => `${w.label}, from ${w.opens} to ${w.closes}`).join('; or ');
  const what = windows[0]!.rule === 'PAR-SPRING-WINDOW' ? 'referrals are made' : 'volunteers apply';
  return ruleViolation(windows[0]!.rule, `${date} is outside the window: ${what} in ${listed}`);
}

/** PAR-SPRING-WINDOW: the refusal of a referral made on `date`, checked against its own school year's window. */
export function referralRefusal(calendars: DistrictCalendars, date: CalendarDate, policy: ParPolicy): ParRefusal | undefined {
  return refusalOutsideWindow(date, referralWindow(calendars, schoolYearOf(date), policy.referralWindow));
}

/** PAR-VOL-WINDOW: the refusal of a volunteer application made on `date`. */
export function volunteerApplicationRefusal(calendars: DistrictCalendars, date: CalendarDate, policy: ParPolicy): ParRefusal | undefined {
  return refusalOutsideWindow(date, volunteerWindows(calendars, schoolYearOf(date), policy.volunteerWindows));
}
