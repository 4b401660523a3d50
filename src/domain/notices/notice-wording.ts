import { parts, toDayNumber, weekday, type CalendarDate, type DeadlineSpec, type DeadlineUnit, type RunningDeadline, type SkippedDays } from '../calendar';
import type { CaseDeadline } from '../calendar/case-clock-types';
import type { NoticeDeadline } from './notice';
import type { ScheduledReminder } from './reminder-policy';

/**
 * How notices word dates and deadlines for people: "Wednesday, October 28, 2026", "5 school days", the days that
 * did not count. Every date comes from the case clock (the deadline engine counted it on the district calendar);
 * nothing here computes a date. Pure and written out by hand (no Intl): notices are built inside workflows.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** "October 28, 2026". */
export function dateText(date: CalendarDate): string {
  const [year, month, day] = parts(date);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** "Wednesday, October 28, 2026". */
export function longDate(date: CalendarDate): string {
  return `${WEEKDAYS[weekday(toDayNumber(date))]}, ${dateText(date)}`;
}

/** "October 24 to 25, 2026", "December 21, 2026 to January 1, 2027": a run of days. */
export function spanText(from: CalendarDate, to: CalendarDate): string {
  if (from === to) return dateText(from);
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  if (y1 === y2 && m1 === m2) return `${MONTHS[m1 - 1]} ${d1} to ${d2}, ${y1}`;
  if (y1 === y2) return `${MONTHS[m1 - 1]} ${d1} to ${MONTHS[m2 - 1]} ${d2}, ${y1}`;
  return `${dateText(from)} to ${dateText(to)}`;
}

const UNIT_WORDS: Readonly<Record<DeadlineUnit, readonly [string, string]>> = {
  'school-day': ['school day', 'school days'],
  'work-day': ['work day', 'work days'],
  'calendar-day': ['calendar day', 'calendar days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
};

/** "5 school days", "1 month". */
export function countText(count: number, unit: DeadlineUnit): string {
  return `${count} ${UNIT_WORDS[unit][count === 1 ? 0 : 1]}`;
}

/** The days a count skipped, with their reasons: "October 24 to 25, 2026 (weekend); November 11, 2026 (holiday: Veterans Day)". */
export function skippedText(skipped: readonly SkippedDays[]): string {
  return skipped.map((s) => `${spanText(s.from, s.to)} (${s.reason})`).join('; ');
}

/** CAL-1 in words: the instant a deadline ends. "Wednesday, October 28, 2026, until 11:59 p.m. (America/Chicago time)". */
export function dueText(deadline: Pick<NoticeDeadline, 'due' | 'timeZone'>): string {
  return `${longDate(deadline.due)}, until 11:59 p.m. (${deadline.timeZone} time)`;
}

/**
 * How a deadline was counted, for a person to check by hand: "5 school days after Wednesday, October 21, 2026 (that
 * day not counted); not counted: October 24 to 25, 2026 (weekend)".
 */
export function countingText(deadline: Pick<NoticeDeadline, 'trigger' | 'unit' | 'count' | 'skipped'>): string {
  const skipped = skippedText(deadline.skipped);
  return `${countText(deadline.count, deadline.unit)} after ${longDate(deadline.trigger)} (that day not counted)${skipped ? `; not counted: ${skipped}` : ''}`;
}

/** A clock deadline as a notice carries it, when the clock has computed its due date (not paused, calendar known). */
export function noticeDeadline(deadline: CaseDeadline | undefined): NoticeDeadline | undefined {
  const current = deadline?.current;
  if (!deadline || current?.state !== 'running') return undefined;
  // Fields copied by name: the notice is an activity input, recorded in the history; it carries nothing else.
  return {
    label: deadline.label,
    rule: current.rule,
    trigger: current.trigger,
    unit: current.unit,
    count: current.count,
    due: current.due,
    dueAt: current.dueAt,
    timeZone: current.timeZone,
    skipped: current.skipped.map((s) => ({ from: s.from, to: s.to, reason: s.reason })),
  };
}

/**
 * When a deadline falls, in words: its due day when the clock has it; otherwise why there is no date yet (the count
 * is paused, or the district has not published the calendar that covers it). Never a guess.
 */
export function whenText(deadline: CaseDeadline | undefined, spec: Pick<DeadlineSpec, 'trigger' | 'unit' | 'count'>): string {
  const current = deadline?.current;
  if (current?.state === 'running') return dueText(current);
  const counted = `${countText(spec.count, spec.unit)} after ${longDate(spec.trigger)}`;
  if (current?.state === 'paused') return `${counted}; the count is paused since ${longDate(current.pausedSince)} with ${countText(current.remaining, current.unit)} left`;
  return `${counted}; the date is set as soon as the district publishes the calendar that covers it`;
}

/** The deadline the case runs next (the earliest due), in words: "level 1 written decision due: Wednesday, ... (GRV-DECIDE-10)". */
export function nextDeadlineText(deadlines: readonly CaseDeadline[] | undefined): string {
  const running = (deadlines ?? []).flatMap((d) => (d.status === 'pending' && d.current?.state === 'running' ? [{ label: d.label, current: d.current }] : []));
  const next = running.sort((a, b) => a.current.due.localeCompare(b.current.due))[0];
  return next ? `${next.label}: ${dueText(next.current)} (${next.current.rule})` : '';
}

/**
 * A text of the rules (a note, a violation's facts: the case record keeps login ids) as a notice states it: each
 * login id the case knows a display name for is that name. Notices name people, never by their login.
 */
export function withDisplayNames(text: string, people: Readonly<Record<string, string>> | undefined): string {
  const ids = Object.keys(people ?? {}).filter((id) => id.length > 0).sort((a, b) => b.length - a.length);
  if (ids.length === 0) return text;
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.replace(new RegExp(`(?<![\\w.@-])(?:${escaped.join('|')})(?![\\w@-])`, 'g'), (id) => people?.[id] ?? id);
}

/** "partially-granted" as "partially granted". */
export function words(code: string): string {
  return code.replaceAll('-', ' ');
}

/** The facts every family's deadline reminder states: the deadline, its day and instant, its rule, how it was counted. */
export function reminderFacts(reminder: ScheduledReminder, deadline: { readonly label: string; readonly current: RunningDeadline }): Record<string, string> {
  return {
    deadlineLabel: deadline.label,
    dueOn: longDate(reminder.due),
    due: dueText(deadline.current),
    rule: deadline.current.rule,
    schoolDaysLeft: String(reminder.schoolDaysBefore),
    explanation: countingText(deadline.current),
  };
}
