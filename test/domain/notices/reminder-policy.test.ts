import { describe, expect, it } from 'vitest';
import { shiftDate } from '../../../src/domain/calendar';
import { DEFAULT_GRIEVANCE_REMINDER_POLICY, reminderSchedule, remindersDue, type ScheduledReminder } from '../../../src/domain/notices/reminder-policy';
import { calendars } from './notice-fixtures';

/**
 * Deadline reminders [design]: when each goes out and which one is sent. The days and instants are counted by hand on
 * the Lakeview calendar of notice-fixtures.ts (Veterans Day on Wednesday November 11, 2026; America/Chicago, on
 * daylight time until Sunday November 1, UTC-5, then standard time, UTC-6).
 */
const backBySchoolDays = (date: string, count: number) => shiftDate(calendars, date, 'school-day', count);

describe('the default grievance reminders', () => {
  it('GRV-DECIDE-10 / GRV-CONF-5 / GRV-APPEAL-5 / GRV-FILE-40 / GRV-DECISION-LATE: 2 school days before and on the due day, to the side that must act; both sides hear of a miss', () => {
    expect(DEFAULT_GRIEVANCE_REMINDER_POLICY).toStrictEqual({
      rules: [
        { deadline: 'decision', schoolDaysBefore: [2, 0], to: ['district-side'] },
        { deadline: 'conference', schoolDaysBefore: [2, 0], to: ['district-side', 'grievant-side'] },
        { deadline: 'appeal', schoolDaysBefore: [2, 0], to: ['grievant-side'] },
        { deadline: 'filing', schoolDaysBefore: [2, 0], to: ['grievant-side'] },
      ],
      overdueTo: ['district-side', 'grievant-side'],
      sendAt: { hour: 7, minute: 0 },
    });
  });
});

describe('a deadline reminder schedule', () => {
  it('CAL-1: counts school days back on the district calendar (a holiday is not one), earliest first, once per distinct day, at the local send time', () => {
    const schedule = reminderSchedule(
      { key: '1:decision', due: '2026-11-12', timeZone: 'America/Chicago' },
      { deadline: 'decision', schoolDaysBefore: [0, 2, 0, 1], to: ['district-side'] },
      { hour: 7, minute: 0 },
      backBySchoolDays,
    );
    expect(schedule).toStrictEqual([
      // Thursday November 12: 1 school day before is Tuesday November 10 (Wednesday is Veterans Day), 2 before Monday the 9th.
      { id: '1:decision:2026-11-12:remind-2', deadlineKey: '1:decision', due: '2026-11-12', on: '2026-11-09', atMs: Date.parse('2026-11-09T13:00:00Z'), schoolDaysBefore: 2, to: ['district-side'] },
      { id: '1:decision:2026-11-12:remind-1', deadlineKey: '1:decision', due: '2026-11-12', on: '2026-11-10', atMs: Date.parse('2026-11-10T13:00:00Z'), schoolDaysBefore: 1, to: ['district-side'] },
      { id: '1:decision:2026-11-12:remind-0', deadlineKey: '1:decision', due: '2026-11-12', on: '2026-11-12', atMs: Date.parse('2026-11-12T13:00:00Z'), schoolDaysBefore: 0, to: ['district-side'] },
    ]);
  });

  it('CAL-1: the send time is wall-clock time in the district time zone (daylight time in October)', () => {
    const [twoBefore, onTheDay] = reminderSchedule(
      { key: '2:appeal', due: '2026-10-28', timeZone: 'America/Chicago' },
      { deadline: 'appeal', schoolDaysBefore: [2, 0], to: ['grievant-side'] },
      { hour: 7, minute: 30 },
      backBySchoolDays,
    );
    expect(twoBefore).toMatchObject({ id: '2:appeal:2026-10-28:remind-2', on: '2026-10-26', atMs: Date.parse('2026-10-26T12:30:00Z'), to: ['grievant-side'] });
    expect(onTheDay).toMatchObject({ id: '2:appeal:2026-10-28:remind-0', on: '2026-10-28', atMs: Date.parse('2026-10-28T12:30:00Z') });
  });
});

/** Three reminders of one deadline due at 400, listed out of order. */
const r = (id: string, atMs: number): ScheduledReminder => ({ id, deadlineKey: '1:decision', due: '2026-11-12', on: '2026-11-12', atMs, schoolDaysBefore: 0, to: ['district-side'] });
const first = r('remind-3', 100);
const second = r('remind-2', 200);
const third = r('remind-1', 300);
const schedule = [third, second, first];
const DUE_AT = 400;

describe('which reminder is sent now', () => {
  it('GRV-DECIDE-10: before the first reminder\'s time nothing is sent, and the case looks again at the earliest one', () => {
    expect(remindersDue(schedule, 50, DUE_AT, new Set())).toStrictEqual({ send: undefined, superseded: [], nextAtMs: 100 });
  });

  it('GRV-DECIDE-10: a reminder goes out at its very time; the next look is at the next one', () => {
    expect(remindersDue(schedule, 100, DUE_AT, new Set())).toStrictEqual({ send: first, superseded: [], nextAtMs: 200 });
  });

  it('GRV-DECIDE-10: after a gap only the latest reminder due is sent; the earlier ones are marked done unsent', () => {
    expect(remindersDue(schedule, 250, DUE_AT, new Set())).toStrictEqual({ send: second, superseded: ['remind-3'], nextAtMs: 300 });
    expect(remindersDue(schedule, 350, DUE_AT, new Set())).toStrictEqual({ send: third, superseded: ['remind-3', 'remind-2'], nextAtMs: undefined });
  });

  it('GRV-DECIDE-10: a reminder already done is neither sent again nor superseded', () => {
    expect(remindersDue(schedule, 250, DUE_AT, new Set(['remind-3']))).toStrictEqual({ send: second, superseded: [], nextAtMs: 300 });
    expect(remindersDue(schedule, 350, DUE_AT, new Set(['remind-3', 'remind-1']))).toStrictEqual({ send: second, superseded: [], nextAtMs: undefined });
  });

  it('GRV-DECISION-LATE: once the deadline has passed no reminder is sent: every one not done is closed unsent', () => {
    expect(remindersDue(schedule, DUE_AT, DUE_AT, new Set(['remind-2']))).toStrictEqual({ superseded: ['remind-1', 'remind-3'] });
    expect(remindersDue(schedule, DUE_AT + 1, DUE_AT, new Set())).toStrictEqual({ superseded: ['remind-1', 'remind-2', 'remind-3'] });
  });
});
