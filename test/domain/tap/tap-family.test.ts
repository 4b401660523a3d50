import { describe, expect, it } from 'vitest';
import { DistrictCalendars } from '../../../src/domain/calendar';
import type { KernelContext } from '../../../src/domain/case/case-family';
import { tapFamily } from '../../../src/domain/tap/tap-family';
import { administrator, hr, opened, planAt, run, teacher } from './tap-fixtures';

const kernel = (actor: KernelContext['actor'], today = '2026-11-16'): KernelContext => ({
  today,
  actor,
  calendars: new DistrictCalendars('district-a', []),
  shift: () => {
    throw new Error('TAP counts no school days in its transition');
  },
  dueOfKey: () => undefined,
  parties: 'checked',
});

describe('the Teacher Assistance Plan on the case kernel (tap-family.ts)', () => {
  it('TAP-LEVELS / TAP-DOC: the opening entry names the level the plan opened at', () => {
    expect(tapFamily.opening(opened(2), {}, hr, '2026-10-05T14:00:00.000Z')).toEqual({
      action: 'opened',
      actor: hr,
      at: '2026-10-05T14:00:00.000Z',
      notes: ['TAP-LEVELS: plan opened at level 2', 'TAP-DOC: the level 2 plan documented'],
      stage: { status: 'in-plan', level: 2 },
    });
  });

  it('TAP-LEVELS: the kernel\'s transition takes the relation from the token, not from the request', () => {
    expect(tapFamily.transition(opened(1), { type: 'acknowledge' }, kernel(teacher))).toMatchObject({ ok: true });
    expect(tapFamily.transition(opened(1), { type: 'acknowledge' }, kernel(administrator))).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('TAP-TIMELINE: the passed review date is the only system event, and reads back', () => {
    expect(tapFamily.deadlinePassed('review')).toEqual({ type: 'deadline-passed', deadline: 'review' });
    expect(tapFamily.passedDeadlineOf({ type: 'deadline-passed', deadline: 'review' })).toBe('review');
    expect(tapFamily.passedDeadlineOf({ type: 'acknowledge' })).toBeUndefined();
    expect(tapFamily.systemEvents).toEqual(['deadline-passed']);
  });

  it('TAP-TIMELINE: the log keeps the step and a review\'s outcome and level, never what a plan documents', () => {
    expect(tapFamily.logEntry({ type: 'deadline-passed', deadline: 'review' })).toEqual({ action: 'review-deadline-passed' });
    expect(tapFamily.logEntry({ type: 'review', outcome: 'move-up', level: 3, plan: planAt(3), summary: 'Concerns persist' })).toEqual({ action: 'review', details: { outcome: 'move-up', level: 3 } });
    expect(tapFamily.logEntry({ type: 'review', outcome: 'exit', summary: 'Done' })).toEqual({ action: 'review', details: { outcome: 'exit' } });
    expect(tapFamily.logEntry({ type: 'revise-plan', plan: planAt(1), reason: 'SECRET' })).toEqual({ action: 'revise-plan' });
    expect(tapFamily.logEntry({ type: 'record-meeting', on: '2026-11-16', notes: 'SECRET' })).toEqual({ action: 'record-meeting' });
  });

  it('TAP-TIMELINE: the stage and the listing status are the closing outcome once closed, with the current level', () => {
    const open = opened(2);
    expect(tapFamily.stage(open)).toEqual({ status: 'in-plan', level: 2 });
    expect(tapFamily.status(open)).toEqual({ status: 'in-plan', level: 2 });
    expect(tapFamily.isClosed(open)).toBe(false);
    const closed = run(opened(3), [[{ type: 'review', outcome: 'career-transition', summary: 'Agreed' }, '2026-11-16', hr]]);
    expect(tapFamily.stage(closed)).toEqual({ status: 'career-transition', level: 3 });
    expect(tapFamily.status(closed)).toEqual({ status: 'career-transition', level: 3 });
    expect(tapFamily.isClosed(closed)).toBe(true);
    const overdue = run(opened(1), [[{ type: 'deadline-passed', deadline: 'review' }, '2026-11-17', hr]]);
    expect(tapFamily.isClosed(overdue)).toBe(false);
    expect(tapFamily.status(overdue)).toEqual({ status: 'review-overdue', level: 1 });
  });

  it('TAP-TIMELINE: each plan\'s review is its own clock key, met by a review only', () => {
    const moved = run(opened(1), [[{ type: 'review', outcome: 'move-up', level: 2, plan: planAt(2), summary: 'Up' }, '2026-11-16', hr]]);
    expect(tapFamily.pendingDeadlines(moved)).toEqual([
      { key: 'review:2', label: 'Level 2 (Remediation) review (end of the plan\'s timeline)', spec: { rule: 'TAP-TIMELINE', trigger: '2026-11-16', unit: 'week', count: 6, onNonWorkDay: 'previous-work-day' } },
    ]);
    expect(tapFamily.clockKeyOf(moved, 'review')).toBe('review:2');
    expect(tapFamily.clockKeyOf(moved, 'other' as 'review')).toBeUndefined();
    expect(tapFamily.deadlineOfKey('review:2')).toBe('review');
    expect(tapFamily.meets({ type: 'review', outcome: 'exit', summary: 'x' }, 'review:2', moved)).toBe(true);
    expect(tapFamily.meets({ type: 'review', outcome: 'exit', summary: 'x' }, 'other:2', moved)).toBe(false);
    expect(tapFamily.meets({ type: 'revise-plan', plan: planAt(2), reason: 'x' }, 'review:2', moved)).toBe(false);
    expect(tapFamily.restartsSettled).toBe(false);
  });

  it('TAP-TIMELINE: the calendars loaded are the school years around the opening and around today, once each', () => {
    expect(tapFamily.calendarYears(opened(1, '2026-10-05'), '2026-11-16')).toEqual(['2025-2026', '2026-2027', '2027-2028']);
    expect(tapFamily.calendarYears(opened(1, '2026-10-05'), '2027-08-16')).toEqual(['2025-2026', '2026-2027', '2027-2028', '2028-2029']);
  });

  it('TAP-TIMELINE: reviews are reminded 5 school days before and on the day, to both sides', () => {
    expect(tapFamily.reminderPolicy({})).toEqual({
      rules: [{ deadline: 'review', schoolDaysBefore: [5, 0], to: ['district-side', 'grievant-side'] }],
      overdueTo: ['district-side', 'grievant-side'],
      sendAt: { hour: 7, minute: 0 },
    });
  });
});
