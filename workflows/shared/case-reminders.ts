import type { RunningDeadline } from '../../src/domain/calendar';
import { reminderSchedule, remindersDue, type ReminderPolicy, type ScheduledReminder } from '../../src/domain/notices/reminder-policy';
import type { CaseClock } from './case-clock';

/**
 * Sends the reminders of a case's running deadlines whose time has come, under a reminder policy (which deadlines,
 * how many school days before, to whom), and returns when to look again. `deadlineOf` names a clock key's deadline
 * in the policy's terms; `done` holds the reminders sent or superseded (a moved deadline gets new ones).
 */
export function sendDueReminders(
  clock: CaseClock,
  policy: ReminderPolicy,
  done: Set<string>,
  deadlineOf: (key: string) => string,
  send: (reminder: ScheduledReminder, deadline: { readonly label: string; readonly current: RunningDeadline }) => void,
): number | undefined {
  let nextAtMs: number | undefined;
  for (const deadline of clock.running()) {
    const current = deadline.current;
    const rule = policy.rules.find((r) => r.deadline === deadlineOf(deadline.key));
    if (!rule || current?.state !== 'running') continue;
    const schedule = reminderSchedule({ key: deadline.key, due: current.due, timeZone: current.timeZone }, rule, policy.sendAt, (date, n) => clock.shift(date, 'school-day', n));
    const plan = remindersDue(schedule, Date.now(), Date.parse(current.dueAt), done);
    for (const id of plan.superseded) done.add(id);
    if (plan.send) {
      done.add(plan.send.id);
      send(plan.send, { label: deadline.label, current });
    }
    if (plan.nextAtMs !== undefined) nextAtMs = Math.min(nextAtMs ?? Infinity, plan.nextAtMs);
  }
  return nextAtMs;
}
