import { describe, expect, it } from 'vitest';
import { DistrictCalendars, InvalidDateError, shiftDate } from '../../../src/domain/calendar';
import type { KernelContext } from '../../../src/domain/case/case-family';
import { pipFamily, yearEndOf } from '../../../src/domain/pip/pip-family';
import { startPip } from '../../../src/domain/pip/pip-process';
import { calendars, DISTRICT, evaluator, hr, START } from './pip-fixtures';

// A function, not a module constant: code run while a test module loads is a static mutant, which the vitest runner
// cannot activate (stryker-js#6144), so each test opens its own case.
const opened = () => yearEndOf(startPip(START), calendars);
const kernel = (actor: KernelContext['actor'], today: string): KernelContext => ({
  today,
  actor,
  calendars,
  shift: (date, unit, count) => shiftDate(calendars, date, unit, count),
  dueOfKey: () => undefined,
  parties: 'checked',
});

describe('improvement plans on the case kernel (pip-family.ts)', () => {
  it('PIP-EVIDENCE: the whole record (history export, packet) is read by HR and auditors, both of them (access table)', () => {
    expect(pipFamily.recordRoles).toEqual(['hr', 'auditor']);
  });

  it('PIP-STATUS: the year ends on the last instructional day of the case\'s school year; unchanged, the same state', () => {
    expect(opened().yearEndsOn).toBe('2027-06-04');
    const once = opened();
    expect(yearEndOf(once, calendars)).toBe(once);
    const none = startPip(START);
    expect(yearEndOf(none, new DistrictCalendars(DISTRICT, []))).toBe(none);
    expect(pipFamily.onCalendar!(none, calendars).yearEndsOn).toBe('2027-06-04');
  });

  it('PIP-STATUS: only a calendar not loaded yet leaves the year end unknown; a school year that is no date is an error', () => {
    expect(() => yearEndOf({ ...startPip(START), schoolYear: '20x6-2027' }, calendars)).toThrow(InvalidDateError);
  });

  it('PIP-TEAM / PIP-GOAL: the opening entry names the evaluator and the first plan', () => {
    expect(pipFamily.opening(opened(), {}, hr, '2026-09-14T13:00:00.000Z')).toEqual({
      action: 'plan-opened',
      actor: hr,
      at: '2026-09-14T13:00:00.000Z',
      notes: ['PIP-TEAM: primary evaluator named', 'PIP-GOAL: plan P1 assigned'],
      stage: { status: 'active', level: 0 },
    });
  });

  it('PIP-STATUS: the kernel\'s transition counts the status window in school days on the district calendar', () => {
    expect(pipFamily.transition(opened(), { type: 'record-status', plan: 'P1', status: 'achieved' }, kernel(evaluator, '2027-05-06'))).toMatchObject({ ok: false, message: expect.stringContaining('from 2027-05-07') });
    expect(pipFamily.transition(opened(), { type: 'record-status', plan: 'P1', status: 'achieved' }, kernel(evaluator, '2027-05-07'))).toMatchObject({ ok: true });
  });

  it('PIP-STEPS: a passed deadline is its own clock key; the log names its kind, never what a plan says', () => {
    expect(pipFamily.deadlinePassed('check-in:P1:S1:2026-10-16')).toEqual({ type: 'deadline-passed', deadline: 'check-in:P1:S1:2026-10-16' });
    expect(pipFamily.passedDeadlineOf({ type: 'deadline-passed', deadline: 'completion:P1:S1:2026-10-30' })).toBe('completion:P1:S1:2026-10-30');
    expect(pipFamily.passedDeadlineOf({ type: 'comment', plan: 'P1', text: 'x' })).toBeUndefined();
    expect(pipFamily.systemEvents).toEqual(['deadline-passed']);
    expect(pipFamily.logEntry({ type: 'deadline-passed', deadline: 'check-in:P1:S1:2026-10-16' })).toEqual({ action: 'check-in-deadline-passed' });
    expect(pipFamily.logEntry({ type: 'comment', plan: 'P1', text: 'SECRET' })).toEqual({ action: 'comment' });
    expect(pipFamily.deadlineOfKey('check-in:P1:S1:2026-10-16')).toBe('check-in:P1:S1:2026-10-16');
    expect(pipFamily.reminderDeadlineOf!('year-end-status:P1:2027-06-04')).toBe('year-end-status');
  });

  it('PIP-STEPS: the case runs a key only while it wants that deadline; an action meets its own', () => {
    expect(pipFamily.clockKeyOf(opened(), 'check-in:P1:S1:2026-10-16')).toBe('check-in:P1:S1:2026-10-16');
    expect(pipFamily.clockKeyOf(opened(), 'check-in:P1:S1:2026-10-17')).toBeUndefined();
    expect(pipFamily.pendingDeadlines(opened()).map((d) => d.key)).toHaveLength(5);
    expect(pipFamily.meets({ type: 'check-in', plan: 'P1', step: 'S1', progress: 'x' }, 'check-in:P1:S1:2026-10-16', opened())).toBe(true);
    expect(pipFamily.meets({ type: 'deadline-passed', deadline: 'check-in:P1:S1:2026-10-16' }, 'check-in:P1:S1:2026-10-16', opened())).toBe(false);
    // Another step's check-in, or another action on the step, does not meet it.
    expect(pipFamily.meets({ type: 'check-in', plan: 'P1', step: 'S2', progress: 'x' }, 'check-in:P1:S1:2026-10-16', opened())).toBe(false);
    expect(pipFamily.meets({ type: 'comment', plan: 'P1', text: 'x' }, 'check-in:P1:S1:2026-10-16', opened())).toBe(false);
    expect(pipFamily.restartsSettled).toBe(false);
  });

  it('PIP-STATUS: stage, status and closing follow the case', () => {
    expect(pipFamily.stage(opened())).toEqual({ status: 'active', level: 0 });
    expect(pipFamily.status(opened())).toEqual({ status: 'active' });
    expect(pipFamily.isClosed(opened())).toBe(false);
    const closed = { ...opened(), status: 'closed' as const, closed: { reason: 'withdrawn' as const, on: '2026-12-01', rule: 'PIP-STATUS' as const } };
    expect(pipFamily.status(closed)).toEqual({ status: 'withdrawn' });
    expect(pipFamily.stage(closed)).toEqual({ status: 'closed', level: 0 });
    expect(pipFamily.isClosed(closed)).toBe(true);
  });

  it('PIP-STATUS: the calendars loaded: the years around the opening and today, and the case\'s own year, once each', () => {
    expect(pipFamily.calendarYears(opened(), '2026-09-14')).toEqual(['2025-2026', '2026-2027', '2027-2028']);
    expect(pipFamily.calendarYears({ ...opened(), schoolYear: '2029-2030' }, '2026-09-14')).toEqual(['2025-2026', '2026-2027', '2027-2028', '2029-2030']);
    expect(pipFamily.calendarYears(opened(), '2028-09-14')).toEqual(['2025-2026', '2026-2027', '2027-2028', '2028-2029', '2029-2030']);
  });

  it('PIP-STEPS / PIP-STATUS: check-ins and completions reminded 2 school days before and on the day; the status 5 before, to the evaluator', () => {
    expect(pipFamily.reminderPolicy({})).toEqual({
      rules: [
        { deadline: 'check-in', schoolDaysBefore: [2, 0], to: ['district-side', 'grievant-side'] },
        { deadline: 'completion', schoolDaysBefore: [2, 0], to: ['district-side', 'grievant-side'] },
        { deadline: 'year-end-status', schoolDaysBefore: [5, 0], to: ['district-side'] },
      ],
      overdueTo: ['district-side', 'grievant-side'],
      sendAt: { hour: 7, minute: 0 },
    });
  });
});
