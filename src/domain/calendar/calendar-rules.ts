import { isCalendarDate, parts, type CalendarDate } from './calendar-date';
import type { CalendarEvent, DistrictCalendar } from './district-calendar';
import { isValidTimeZone } from './time-zone';

/** A reason a calendar is refused: the offending field as a JSON pointer, and the rule. */
export interface CalendarProblem {
  readonly field: string;
  readonly message: string;
  readonly rule: 'CAL-1';
}

/**
 * CAL-1: the checks a calendar must pass before any deadline is counted on it. Structure (types, date syntax) is
 * checked at the API edge; these are the rules between fields.
 */
export function calendarProblems(calendar: DistrictCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message, rule: 'CAL-1' });

  const year = /^(\d{4})-(\d{4})$/.exec(calendar.schoolYear);
  if (!year || Number(year[2]) !== Number(year[1]) + 1) {
    problem('/schoolYear', 'must be two consecutive years, e.g. 2026-2027');
    return problems;
  }
  if (!isValidTimeZone(calendar.timeZone)) problem('/timeZone', `"${calendar.timeZone}" is not an IANA time zone`);
  const from = `${year[1]}-07-01`;
  const to = `${year[2]}-06-30`;
  const within = (field: string, date: CalendarDate) => {
    if (!isCalendarDate(date)) problem(field, `"${date}" is not a calendar date`);
    else if (date < from || date > to) problem(field, `${date} is outside the school year ${calendar.schoolYear} (${from} to ${to})`);
  };
  within('/firstInstructionalDay', calendar.firstInstructionalDay);
  within('/lastInstructionalDay', calendar.lastInstructionalDay);
  if (calendar.firstInstructionalDay > calendar.lastInstructionalDay) {
    problem('/lastInstructionalDay', 'must not be before the first instructional day');
  }
  if (calendar.staffYear) {
    within('/staffYear/firstDay', calendar.staffYear.firstDay);
    within('/staffYear/lastDay', calendar.staffYear.lastDay);
    if (calendar.staffYear.firstDay > calendar.staffYear.lastDay) problem('/staffYear/lastDay', 'must not be before the first day');
  }
  calendar.semesters.forEach((semester, i) => {
    within(`/semesters/${i}/start`, semester.start);
    within(`/semesters/${i}/end`, semester.end);
    if (semester.start > semester.end) problem(`/semesters/${i}/end`, 'must not be before the start');
    const previous = calendar.semesters[i - 1];
    if (previous && semester.start <= previous.end) problem(`/semesters/${i}/start`, `overlaps or precedes semester "${previous.name}"`);
  });
  const ids = new Set<string>();
  calendar.events.forEach((event, i) => {
    within(`/events/${i}/start`, event.start);
    if (event.end !== undefined) {
      within(`/events/${i}/end`, event.end);
      if (event.end < event.start) problem(`/events/${i}/end`, 'must not be before the start');
    }
    if (event.id !== undefined) {
      if (ids.has(event.id)) problem(`/events/${i}/id`, `duplicate event id "${event.id}"`);
      ids.add(event.id);
    }
  });
  return problems;
}

/** What an amendment changed (CAL-2), for the calendar's history and every case it reaches. */
export interface CalendarChanges {
  readonly added: readonly CalendarEvent[];
  readonly removed: readonly CalendarEvent[];
  /** Changes to the year's frame, e.g. `lastInstructionalDay: 2027-06-03 -> 2027-06-04`. */
  readonly frame: readonly string[];
}

export function calendarChanges(before: DistrictCalendar | undefined, after: DistrictCalendar): CalendarChanges {
  const key = (e: CalendarEvent) => JSON.stringify([e.id ?? null, e.kind, e.name, e.start, e.end ?? e.start]);
  const beforeKeys = new Set((before?.events ?? []).map(key));
  const afterKeys = new Set(after.events.map(key));
  const frame: string[] = [];
  if (before) {
    for (const field of ['timeZone', 'firstInstructionalDay', 'lastInstructionalDay'] as const) {
      if (before[field] !== after[field]) frame.push(`${field}: ${before[field]} -> ${after[field]}`);
    }
    if (JSON.stringify(before.staffYear ?? null) !== JSON.stringify(after.staffYear ?? null)) frame.push('staffYear changed');
    if (JSON.stringify(before.semesters) !== JSON.stringify(after.semesters)) frame.push('semesters changed');
  }
  return {
    added: after.events.filter((e) => !beforeKeys.has(key(e))),
    removed: (before?.events ?? []).filter((e) => !afterKeys.has(key(e))),
    frame,
  };
}

/** One line a person reads in a case history: "added closure Snow day (2026-12-01); removed ...". */
export function describeChanges(changes: CalendarChanges): string {
  const event = (e: CalendarEvent) => `${e.kind} ${e.name} (${e.start}${e.end && e.end !== e.start ? ` to ${e.end}` : ''})`;
  const parts_ = [
    ...changes.added.map((e) => `added ${event(e)}`),
    ...changes.removed.map((e) => `removed ${event(e)}`),
    ...changes.frame,
  ];
  return parts_.length > 0 ? parts_.join('; ') : 'no change';
}

/** The school year (`2026-2027`) a date belongs to: July 1 to June 30. */
export function schoolYearOf(date: CalendarDate): string {
  const [y, m] = parts(date);
  const start = m >= 7 ? y : y - 1;
  return `${start}-${start + 1}`;
}

/** The school years a case opened on a date may count in: the one before (near July 1), its own, the next. */
export function schoolYearsAround(date: CalendarDate): string[] {
  const [y, m] = parts(date);
  const start = m >= 7 ? y : y - 1;
  return [start - 1, start, start + 1].map((s) => `${s}-${s + 1}`);
}
