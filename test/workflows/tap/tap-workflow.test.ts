import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { computeDeadline, shiftDate, type RunningDeadline } from '../../../src/domain/calendar';
import { expectOnlyDeliveriesThatHappened } from '../../helpers/deliveries';
import { administrator, districtLead, hr, planAt, teacher } from '../../helpers/tap-fixtures';
import { useTapCases } from '../../helpers/tap-cases';
import { advanceTo } from '../../helpers/temporal';

describe('Teacher Assistance Plan workflow (time-skipping server)', () => {
  const tap = useTapCases('tap-workflow-test');

  it('TAP-TIMELINE: the review date is a deadline on the district calendar, reminded 5 school days before and on the day to both sides; passed without a review, the plan is review-overdue and still reviewable', async () => {
    const handle = await tap.open('TAP-WF-1', 1, { plan: planAt(1, { timeline: { count: 15, unit: 'school-day' } }) });
    const opened = await tap.today();
    const review = (await tap.deadline(handle, 'review:1')).current as RunningDeadline;
    expect(review).toMatchObject({ state: 'running', rule: 'TAP-TIMELINE', trigger: opened, unit: 'school-day', count: 15, due: shiftDate(tap.district(), opened, 'school-day', 15) });

    // Up to the day before the due day: the 5-school-day reminder has gone out, the due-day one not yet.
    const dueDayMorning = Date.parse(`${review.due}T12:00:00Z`);
    await advanceTo(tap.env(), dueDayMorning - 24 * 3600 * 1000);
    await expect.poll(async () => (await tap.state(handle)).notices.filter((n) => n.kind === 'deadline-reminder' && n.channel === 'email').map((n) => n.deliveryId)).toEqual([
      expect.stringMatching(new RegExp(`review:1:${review.due}:remind-5:email$`)),
    ]);
    await advanceTo(tap.env(), Date.parse(review.dueAt) + 60_000);
    await expect.poll(async () => (await tap.state(handle)).case.status).toBe('review-overdue');
    const overdue = await tap.state(handle);
    expect(overdue.clock.deadlines.map((d) => [d.key, d.status])).toEqual([['review:1', 'missed']]);
    expect(overdue.notices.filter((n) => n.channel === 'email').map((n) => n.kind)).toEqual(expect.arrayContaining(['filing-receipt', 'deadline-reminder', 'deadline-reminder', 'deadline-missed']));
    expect(overdue.case.plans[0]).toMatchObject({ level: 1, reviewMissedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

    // The reminders went to the teacher and the administrator (and HR), by name and address.
    const files = (await readdir(tap.outboxDir())).filter((f) => f.startsWith(encodeURIComponent('tap:district-a:TAP-WF-1')) && f.includes('remind-0'));
    expect(files).toHaveLength(1);
    const email = JSON.parse(await readFile(path.join(tap.outboxDir(), files[0]!), 'utf8')) as { to: string[]; subject: string; body: string };
    expect(email.to).toEqual(expect.arrayContaining(['dana@example.org', 'principal@example.org', 'hr@example.org']));
    expect(email.subject).toContain('TAP-WF-1');
    expect(email.body).toContain('TAP-TIMELINE');

    // Reviewed late all the same: exit.
    const exited = await tap.act(handle, { type: 'review', outcome: 'exit', summary: 'Routines restored' }, administrator);
    expect(exited.case).toMatchObject({ status: 'closed', closed: { outcome: 'exited', rule: 'TAP-TIMELINE' } });
    await tap.closed(handle);
  });

  it('TAP-LEVELS: a plan opened at level 1 moves straight to level 3 and is resolved by career transition; each review date met, a new one counted per plan', async () => {
    const handle = await tap.open('TAP-WF-2', 1);
    const first = (await tap.deadline(handle, 'review:1')).current as RunningDeadline;
    expect(first).toMatchObject({ unit: 'week', count: 6 });
    await advanceTo(tap.env(), Date.parse(first.dueAt) - 2 * 24 * 3600 * 1000);
    const up = await tap.act(handle, { type: 'review', outcome: 'move-up', level: 3, plan: planAt(3, { timeline: { count: 2, unit: 'month' } }), summary: 'Serious incident' }, administrator);
    expect(up.case.plans.map((p) => p.level)).toEqual([1, 3]);
    expect(up.actions.at(-1)).toMatchObject({ action: 'review', notes: expect.arrayContaining([expect.stringContaining('TAP-LEVELS: levels need not be passed in order')]), stage: { status: 'in-plan', level: 3 } });
    expect(up.clock.deadlines.map((d) => [d.key, d.status])).toEqual([
      ['review:1', 'met'],
      ['review:2', 'pending'],
    ]);
    expect(up.clock.deadlines[1]!.spec).toMatchObject({ rule: 'TAP-TIMELINE', unit: 'month', count: 2 });

    // Level 3 is district-led: the administrator's review is refused, district personnel resolve it.
    await expect(tap.act(handle, { type: 'review', outcome: 'termination', summary: 'x' }, administrator)).rejects.toThrow(WorkflowUpdateFailedError);
    await tap.act(handle, { type: 'record-meeting', on: await tap.today(), notes: 'Career options discussed' }, districtLead);
    const resolved = await tap.act(handle, { type: 'review', outcome: 'career-transition', summary: 'Moves to a curriculum role outside teaching' }, districtLead);
    expect(resolved.case.closed).toMatchObject({ outcome: 'career-transition', rule: 'TAP-TIMELINE' });
    expect(resolved.clock.deadlines.map((d) => d.status)).toEqual(['met', 'met']);
    const closed = await tap.closed(handle);
    expect(closed.notices.filter((n) => n.channel === 'letter').map((n) => n.kind)).toEqual(expect.arrayContaining(['filing-receipt', 'decision', 'decision', 'case-closed']));
    // No WEBHOOK_URL on the test worker: the webhook records say so, the timeline lists no webhook delivery.
    await expectOnlyDeliveriesThatHappened(tap.env().client, handle.workflowId, closed.notices, ['email', 'webhook', 'letter']);
  });

  it('TAP-DOC: a revised plan cancels the old review date and counts the new timeline from the revision; the teacher acknowledges it', async () => {
    const handle = await tap.open('TAP-WF-3', 2);
    // The server's clock runs on between two steps and may pass midnight: each step's day is read around it.
    const beforeAcknowledged = await tap.today();
    const acknowledged = await tap.act(handle, { type: 'acknowledge' }, teacher);
    const acknowledgedOn = acknowledged.case.plans[0]!.acknowledgedOn;
    expect([beforeAcknowledged, await tap.today()]).toContain(acknowledgedOn);
    const beforeRevised = await tap.today();
    const revised = await tap.act(handle, { type: 'revise-plan', plan: planAt(2, { timeline: { count: 20, unit: 'school-day' } }), reason: 'More time with the coach' }, hr);
    const today = revised.case.plans[0]!.revisedOn!;
    expect([beforeRevised, await tap.today()]).toContain(today);
    expect(revised.clock.deadlines.map((d) => [d.key, d.status])).toEqual([
      ['review:1', 'cancelled'],
      ['review:2', 'pending'],
    ]);
    const second = revised.clock.deadlines[1]!.current as RunningDeadline;
    expect(second.due).toBe((computeDeadline(tap.district(), { rule: 'TAP-TIMELINE', trigger: today, unit: 'school-day', count: 20 }) as RunningDeadline).due);
    // The teacher's acknowledgement of the plan stays with the revised plan.
    expect(revised.case.plans[0]).toMatchObject({ acknowledgedOn, revisedOn: today });
    await tap.act(handle, { type: 'review', outcome: 'exit', summary: 'Met the plan' }, hr);
    await tap.closed(handle);
  });
});
