import { describe, expect, it } from 'vitest';
import { defaultTemplatesDir, renderNotice } from '../../../activities/notices/templates';
import { computeDeadline, DistrictCalendars, shiftDate, type RunningDeadline } from '../../../src/domain/calendar';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import type { Notice } from '../../../src/domain/notices/notice';
import { reminderSchedule } from '../../../src/domain/notices/reminder-policy';
import type { TapCase } from '../../../src/domain/tap/tap-case';
import { TAP_REMINDER_POLICY, tapNoticesForEvent, tapOpened, tapReminder, type TapNoticeContext } from '../../../src/domain/tap/tap-notices';
import { pendingDeadlines } from '../../../src/domain/tap/tap-process';
import { administrator, hr, opened, planAt, run, system, teacher } from '../../domain/tap/tap-fixtures';
import { calendarsAround } from '../../helpers/synthetic-calendars';

/** Every TAP notice kind as the domain builds it from a plan and its clock, rendered with the shipped templates. */
describe('Teacher Assistance Plan notices rendered with templates/tap/', () => {
  const { calendars } = calendarsAround(Date.parse('2026-10-05T12:00:00Z'), 'district-a');
  const district = new DistrictCalendars('district-a', calendars);
  /** The clock as the case would hold it: the current plan's review counted on the district calendar. */
  const clockOf = (state: TapCase): CaseDeadline[] =>
    pendingDeadlines(state).map(({ key, label, ...spec }) => ({ key, label, spec, status: 'pending', current: computeDeadline(district, spec), changes: [] }));
  const ctx = (state: TapCase, today: string): TapNoticeContext => ({ state, workflowId: 'tap:district-a:TAP-1', today, hr: { name: 'HR office', email: 'hr@example.org' }, deadlines: clockOf(state) });
  const render = async (notice: Notice) => {
    const { subject, text } = await renderNotice(defaultTemplatesDir(), notice);
    return `${subject}\n${text}`;
  };

  it('TAP-TIMELINE: the opening states the level, who opened it, and the review date the clock counted, never the plan content', async () => {
    const state = opened(1, '2026-10-05');
    const notice = tapOpened(ctx(state, '2026-10-05'), hr);
    expect(notice).toMatchObject({ template: 'tap/filing-receipt', caseType: 'tap', channels: ['email', 'webhook', 'letter'], deadline: { rule: 'TAP-TIMELINE', due: '2026-11-16' } });
    expect(notice.recipients.map((r) => [r.role, r.audience])).toEqual([['teacher', 'grievant-side'], ['administrator', 'district-side'], ['hr', 'district-side']]);
    const text = await render(notice);
    expect(text).toContain('opened for Dana Reyes at Level 1 (Support) on Monday, October 5, 2026 by Human Resources');
    expect(text).toContain('review (TAP-TIMELINE) by Monday, November 16, 2026, until 11:59 p.m. (America/Chicago time)');
    expect(text).toContain('6 weeks after Monday, October 5, 2026');
    expect(text).not.toContain('Classroom routines');
  });

  it('TAP-TIMELINE: a reminder of the review and the review date passed unmet', async () => {
    const state = opened(2, '2026-10-05');
    const deadline = clockOf(state)[0]!;
    const current = deadline.current as RunningDeadline;
    const [five] = reminderSchedule({ key: deadline.key, due: current.due, timeZone: current.timeZone }, TAP_REMINDER_POLICY.rules[0]!, TAP_REMINDER_POLICY.sendAt, (d, n) => shiftDate(district, d, 'school-day', n));
    const reminder = tapReminder(ctx(state, five!.on), five!, { label: deadline.label, current });
    expect(reminder.recipients.map((r) => r.role)).toEqual(['teacher', 'association', 'administrator', 'district', 'hr']);
    expect(await render(reminder)).toMatch(/Reminder for Monday, November 16, 2026: Level 2 \(Remediation\) review[\s\S]*School days left: 5/);

    const missed = run(state, [[{ type: 'deadline-passed', deadline: 'review' }, '2026-11-17', system]]);
    const [notice] = tapNoticesForEvent(ctx(missed, '2026-11-17'), { type: 'deadline-passed', deadline: 'review' }, state, ['TAP-TIMELINE: not held'], system, 2, { key: 'review:1', label: deadline.label, due: current.due });
    expect(notice).toMatchObject({ kind: 'deadline-missed', template: 'tap/deadline-missed' });
    expect(await render(notice!)).toContain('was due on Monday, November 16, 2026 and was not held');
  });

  it('TAP-LEVELS: a review moving up tells the new level and its review date; a resolution closes the plan by letter', async () => {
    const before = opened(1, '2026-10-05');
    const moved = run(before, [[{ type: 'review', outcome: 'move-up', level: 3, plan: planAt(3), summary: 'x' }, '2026-11-02', administrator]]);
    const [decision] = tapNoticesForEvent(ctx(moved, '2026-11-02'), { type: 'review', outcome: 'move-up', level: 3, plan: planAt(3), summary: 'x' }, before, [], administrator, 2);
    const text = await render(decision!);
    expect(text).toContain('review of Level 1 (Support): move up to Level 3 (Final Resolution)');
    expect(text).toContain('reviewed on Monday, November 2, 2026 by Lin Ng');
    expect(text).toContain('Next review: the Level 3 (Final Resolution) plan is reviewed by Monday, December 14, 2026');

    const resolved = run(moved, [[{ type: 'review', outcome: 'career-transition', summary: 'x' }, '2026-12-01', hr]]);
    const notices = tapNoticesForEvent(ctx(resolved, '2026-12-01'), { type: 'review', outcome: 'career-transition', summary: 'x' }, moved, ['TAP-TIMELINE: level 3 resolved by career transition'], hr, 3);
    expect(notices.map((n) => [n.kind, n.channels.includes('letter')])).toEqual([['decision', true], ['case-closed', true]]);
    const [review, closed] = await Promise.all(notices.map(render));
    expect(review).not.toContain('Next review');
    expect(closed).toContain('closed on Tuesday, December 1, 2026');
    expect(closed).toContain('Outcome: career transition');
  });

  it('TAP-DOC: an acknowledgement is recorded for both sides without the plan content', async () => {
    const before = opened(1, '2026-10-05');
    const after = run(before, [[{ type: 'acknowledge' }, '2026-10-06', teacher]]);
    const [notice] = tapNoticesForEvent(ctx(after, '2026-10-06'), { type: 'acknowledge' }, before, ['TAP-DOC: acknowledged'], teacher, 2);
    const text = await render(notice!);
    expect(text).toContain('Dana Reyes acknowledged the plan and the resource sheet');
    expect(text).not.toContain('Classroom routines');
  });
});
