import type { CalendarDate } from '../calendar';
import { zonedInstant } from '../calendar/time-zone';
import type { NoticeAudience } from './notice';

/** Who is reminded of which deadline, and how many school days before it (0: on the due day). */
export interface ReminderRule {
  /** The deadline's name in its process, e.g. `decision`, `appeal`. */
  readonly deadline: string;
  readonly schoolDaysBefore: readonly number[];
  readonly to: readonly NoticeAudience[];
}

export interface ReminderPolicy {
  readonly rules: readonly ReminderRule[];
  /** Who is told when a deadline passes unmet. */
  readonly overdueTo: readonly NoticeAudience[];
  /** Local time reminders go out on their day. */
  readonly sendAt: { readonly hour: number; readonly minute: number };
}

/**
 * The default grievance policy: 2 school days before each deadline and on the due day, to the side that must act
 * (the decider for a decision, the grievant for an appeal or the written filing, both for a conference); both sides
 * hear of a missed deadline.
 */
export const DEFAULT_GRIEVANCE_REMINDER_POLICY: ReminderPolicy = {
  rules: [
    { deadline: 'decision', schoolDaysBefore: [2, 0], to: ['district-side'] },
    { deadline: 'conference', schoolDaysBefore: [2, 0], to: ['district-side', 'grievant-side'] },
    { deadline: 'appeal', schoolDaysBefore: [2, 0], to: ['grievant-side'] },
    { deadline: 'filing', schoolDaysBefore: [2, 0], to: ['grievant-side'] },
  ],
  overdueTo: ['district-side', 'grievant-side'],
  sendAt: { hour: 7, minute: 0 },
};

/** One reminder of one deadline's due date. A moved deadline gets new reminders (its id carries the due date). */
export interface ScheduledReminder {
  readonly id: string;
  readonly deadlineKey: string;
  readonly due: CalendarDate;
  readonly on: CalendarDate;
  readonly atMs: number;
  readonly schoolDaysBefore: number;
  readonly to: readonly NoticeAudience[];
}

/** The reminders of a running deadline under a rule; `shift` counts school days back on the district calendar. */
export function reminderSchedule(
  deadline: { readonly key: string; readonly due: CalendarDate; readonly timeZone: string },
  rule: ReminderRule,
  sendAt: ReminderPolicy['sendAt'],
  shiftSchoolDays: (date: CalendarDate, count: number) => CalendarDate,
): ScheduledReminder[] {
  return [...new Set(rule.schoolDaysBefore)]
    .sort((a, b) => b - a)
    .map((before) => {
      const on = before === 0 ? deadline.due : shiftSchoolDays(deadline.due, -before);
      return {
        id: `${deadline.key}:${deadline.due}:remind-${before}`,
        deadlineKey: deadline.key,
        due: deadline.due,
        on,
        atMs: zonedInstant(on, { ...sendAt, second: 0 }, deadline.timeZone).getTime(),
        schoolDaysBefore: before,
        to: rule.to,
      };
    });
}

/**
 * What to do with a schedule now: send the latest reminder whose time has come (one message, not a backlog: the
 * earlier ones it supersedes are marked done unsent), and when to look again. Nothing once the deadline has passed.
 */
export function remindersDue(
  schedule: readonly ScheduledReminder[],
  nowMs: number,
  dueAtMs: number,
  done: ReadonlySet<string>,
): { readonly send?: ScheduledReminder | undefined; readonly superseded: readonly string[]; readonly nextAtMs?: number | undefined } {
  const open = schedule.filter((r) => !done.has(r.id));
  if (nowMs >= dueAtMs) return { superseded: open.map((r) => r.id) };
  const come = open.filter((r) => r.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
  const send = come.at(-1);
  const future = open.filter((r) => r.atMs > nowMs).map((r) => r.atMs);
  return {
    send,
    superseded: come.slice(0, -1).map((r) => r.id),
    nextAtMs: future.length > 0 ? Math.min(...future) : undefined,
  };
}
