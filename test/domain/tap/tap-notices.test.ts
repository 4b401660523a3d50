import { describe, expect, it } from 'vitest';
import { computeDeadline, DistrictCalendars } from '../../../src/domain/calendar';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import type { TapCase } from '../../../src/domain/tap/tap-case';
import { tapFamily } from '../../../src/domain/tap/tap-family';
import { TAP_REMINDER_POLICY, tapNoticesForEvent, tapOpened, tapPersonName, tapRecipients, tapReminder, type TapNoticeContext } from '../../../src/domain/tap/tap-notices';
import { pendingDeadlines } from '../../../src/domain/tap/tap-process';
import { lakeview2026 } from '../notices/notice-fixtures';
import { administrator, association, auditor, districtLead, hr, opened, otherTeacher, planAt, run, system, teacher } from './tap-fixtures';

// The Lakeview calendar of the notice tests (written out by hand there), as district-a's: a 6-week review counted
// from Monday October 5, 2026 is due Monday November 16, 2026 (a school day), America/Chicago.
const calendars = new DistrictCalendars('district-a', [{ ...lakeview2026, district: 'district-a' }]);
const WF = 'tap:district-a:TAP-1';
const HR = { name: 'HR Office', email: 'hr@example.org' };
const clockOf = (state: TapCase): CaseDeadline[] =>
  pendingDeadlines(state).map(({ key, label, ...spec }) => ({ key, label, spec, status: 'pending', current: computeDeadline(calendars, spec), changes: [] }));
const ctx = (state: TapCase, today = '2026-10-05', withClock = true): TapNoticeContext => ({ state, workflowId: WF, today, hr: HR, ...(withClock ? { deadlines: clockOf(state) } : {}) });
const level2 = () => run(opened(1), [[{ type: 'review', outcome: 'move-up', level: 2, plan: planAt(2), summary: 'Concerns persist' }, '2026-10-05', administrator]]);

const DUE = 'Monday, November 16, 2026, until 11:59 p.m. (America/Chicago time)';
const COUNTED = '6 weeks after Monday, October 5, 2026 (that day not counted)';

describe('the notices of a Teacher Assistance Plan (TAP-*)', () => {
  it('TAP-LEVELS: the teacher\'s side is the teacher and the association staff; the district\'s the administrator, district personnel and HR', () => {
    expect(tapRecipients(ctx(level2()), ['grievant-side']).map((r) => [r.role, r.name, r.audience])).toEqual([
      ['teacher', 'Dana Reyes', 'grievant-side'],
      ['association', 'Chris Vale', 'grievant-side'],
    ]);
    expect(tapRecipients(ctx(level2()), ['district-side']).map((r) => [r.role, r.name, r.email, r.audience])).toEqual([
      ['administrator', 'Lin Ng', 'principal@example.org', 'district-side'],
      ['district', 'Morgan Diaz', undefined, 'district-side'],
      ['hr', 'HR Office', 'hr@example.org', 'district-side'],
    ]);
    expect(tapRecipients({ ...ctx(opened(1)), hr: undefined }, ['district-side', 'grievant-side']).map((r) => r.role)).toEqual(['teacher', 'administrator']);
  });

  it('TAP-DOC: a person is named as the case names them, never by the login of their token', () => {
    expect([teacher, administrator, association, districtLead, hr, auditor, otherTeacher, system].map((a) => tapPersonName(level2(), a))).toEqual([
      'Dana Reyes',
      'Lin Ng',
      'Chris Vale',
      'Morgan Diaz',
      'Human Resources',
      'the district',
      'the district',
      'the case clock',
    ]);
  });

  it('TAP-TIMELINE: the plan opened: to both sides in writing, with its review date as the clock counted it', () => {
    const notice = tapOpened(ctx(opened(1)), hr);
    expect(notice).toMatchObject({ deliveryId: `${WF}:opened`, kind: 'filing-receipt', caseType: 'tap', caseId: 'TAP-1', workflowId: WF, district: 'district-a', template: 'tap/filing-receipt', channels: ['email', 'webhook', 'letter'] });
    expect(notice.facts).toEqual({
      caseId: 'TAP-1',
      district: 'district-a',
      teacher: 'Dana Reyes',
      administrator: 'Lin Ng',
      school: 'lincoln-elementary',
      level: '1',
      levelName: 'Level 1 (Support)',
      status: 'in plan',
      today: '2026-10-05',
      caseUrl: '/v1/tap/TAP-1',
      nextDeadline: '',
      openedOn: 'Monday, October 5, 2026',
      openedBy: 'Human Resources',
      reviewBy: DUE,
      reviewCounting: COUNTED,
    });
    expect(notice.recipients.map((r) => r.role)).toEqual(['teacher', 'administrator', 'hr']);
    expect(notice.deadline).toMatchObject({ label: "Level 1 (Support) review (end of the plan's timeline)", rule: 'TAP-TIMELINE', due: '2026-11-16', timeZone: 'America/Chicago' });
  });

  it('TAP-TIMELINE: before the calendar is known, the notice says how the review is counted and that the date follows', () => {
    const notice = tapOpened(ctx({ ...opened(1), school: undefined }, '2026-10-05', false), hr);
    expect(notice.facts).toMatchObject({ school: '', reviewBy: '6 weeks after Monday, October 5, 2026; the date is set as soon as the district publishes the calendar that covers it', reviewCounting: '' });
    expect(notice).not.toHaveProperty('deadline');
  });

  it('TAP-TIMELINE: a reminder of the review goes to the sides the policy names, by email and webhook', () => {
    const state = opened(1);
    const [deadline] = clockOf(state);
    const notice = tapReminder(ctx(state, '2026-11-09'), { id: 'review:1:remind-5', deadlineKey: 'review:1', due: '2026-11-16', on: '2026-11-09', atMs: 0, schoolDaysBefore: 5, to: ['grievant-side'] }, { label: deadline!.label, current: deadline!.current as never });
    expect(notice).toMatchObject({ deliveryId: `${WF}:review:1:remind-5`, kind: 'deadline-reminder', template: 'tap/deadline-reminder', channels: ['email', 'webhook'] });
    expect(notice.facts).toMatchObject({ deadlineLabel: "Level 1 (Support) review (end of the plan's timeline)", due: DUE, rule: 'TAP-TIMELINE', schoolDaysLeft: '5' });
    expect(notice.recipients.map((r) => r.role)).toEqual(['teacher']);
    expect(TAP_REMINDER_POLICY.overdueTo).toEqual(['district-side', 'grievant-side']);
  });

  it('TAP-TIMELINE: a review date passed unreviewed is told to both sides, with the consequence', () => {
    const before = opened(1);
    const after = run(before, [[{ type: 'deadline-passed', deadline: 'review' }, '2026-11-17', system]]);
    const notes = ['TAP-TIMELINE: the level 1 review was not held', 'the plan stays at level 1'];
    const missed = { key: 'review:1', label: 'Level 1 (Support) review', due: '2026-11-16' };
    const [notice, ...rest] = tapNoticesForEvent(ctx(after, '2026-11-17'), { type: 'deadline-passed', deadline: 'review' }, before, notes, system, 4, missed);
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ deliveryId: `${WF}:review:1:2026-11-16:missed`, kind: 'deadline-missed', channels: ['email', 'webhook'] });
    expect(notice!.facts).toMatchObject({ deadlineLabel: 'Level 1 (Support) review', due: 'Monday, November 16, 2026', rule: 'TAP-TIMELINE', consequence: 'TAP-TIMELINE: the level 1 review was not held; the plan stays at level 1', status: 'review overdue' });
    expect(notice!.recipients.map((r) => r.audience)).toEqual(['grievant-side', 'district-side', 'district-side']);
    expect(tapNoticesForEvent(ctx(after), { type: 'deadline-passed', deadline: 'review' }, before, notes, system, 4)).toEqual([]);
  });

  it('TAP-TIMELINE: a review that moves the plan is a decision naming the new level and its review date', () => {
    const before = opened(1);
    const after = level2();
    const list = tapNoticesForEvent(ctx(after), { type: 'review', outcome: 'move-up', level: 2, plan: planAt(2), summary: 'Concerns persist' }, before, ['n1', 'n2'], administrator, 3);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ deliveryId: `${WF}:3:review`, kind: 'decision', template: 'tap/decision', channels: ['email', 'webhook', 'letter'], deadline: { due: '2026-11-16' } });
    expect(list[0]!.facts).toMatchObject({
      reviewedLevel: 'Level 1 (Support)',
      outcome: 'move up to Level 2 (Remediation)',
      decidedBy: 'Lin Ng',
      decidedOn: 'Monday, October 5, 2026',
      rule: 'TAP-TIMELINE',
      nextReview: `the Level 2 (Remediation) plan is reviewed by ${DUE}`,
      reviewCounting: COUNTED,
      nextDeadline: '',
      level: '2',
    });
    const unclocked = tapNoticesForEvent(ctx(after, '2026-10-05', false), { type: 'review', outcome: 'move-up', level: 2, plan: planAt(2), summary: 'x' }, before, [], administrator, 3);
    expect(unclocked[0]).not.toHaveProperty('deadline');
  });

  it('TAP-DOC: association staff and district personnel are named as the plan lists them, by their account or employee id', () => {
    // Listed first: a person the plan names without an account; the one acting comes second.
    const staff = [{ name: 'Pat Unlisted', title: 'Association staff' }, { id: 'union-officer', name: 'Jo Officer' }, { id: association.id, name: 'Chris Vale' }];
    const personnel = [{ name: 'Kim Board' }, { id: 'district-cfo', name: 'Ari Cole' }, { id: districtLead.id, name: 'Morgan Diaz' }];
    const state = opened(2);
    const named = { ...state, plans: [{ ...state.plans[0]!, plan: planAt(2, { associationStaff: staff, districtPersonnel: personnel }) }] };
    expect(tapPersonName(named, association)).toBe('Chris Vale');
    expect(tapPersonName(named, districtLead)).toBe('Morgan Diaz');
    // A token whose subject is another login, carrying the employee id the plan names.
    expect(tapPersonName(named, { id: 'idp-7', employeeId: association.id, roles: ['participant'], district: 'district-a' })).toBe('Chris Vale');
    expect(tapPersonName(named, { id: 'idp-8', employeeId: districtLead.id, roles: ['decider'], district: 'district-a' })).toBe('Morgan Diaz');
  });

  it('TAP-TIMELINE: the decision pictures the review of the plan moved to, among the case\'s other deadlines', () => {
    const before = opened(1);
    const event = { type: 'review', outcome: 'move-up', level: 2, plan: planAt(2), summary: 'Concerns persist' } as const;
    const after = run(before, [[event, '2026-10-19', administrator]]);
    // The level 1 review, met, stays in the clock's list before the level 2 one.
    const [first] = clockOf(before);
    const deadlines = [{ ...first!, status: 'met' as const }, ...clockOf(after)];
    const [decision] = tapNoticesForEvent({ state: after, workflowId: WF, today: '2026-10-19', hr: HR, deadlines }, event, before, [], administrator, 3);
    // Six weeks after Monday October 19, 2026: Monday November 30, 2026, a school day after the Thanksgiving break.
    expect(decision!.facts).toMatchObject({
      nextReview: 'the Level 2 (Remediation) plan is reviewed by Monday, November 30, 2026, until 11:59 p.m. (America/Chicago time)',
      reviewCounting: '6 weeks after Monday, October 19, 2026 (that day not counted)',
    });
    expect(decision!.deadline).toMatchObject({ label: "Level 2 (Remediation) review (end of the plan's timeline)", due: '2026-11-30' });
  });

  it('TAP-TIMELINE: a second review names the level it reviewed and the one it moves to', () => {
    const atLevel2 = level2();
    const event = { type: 'review', outcome: 'move-up', level: 3, plan: planAt(3), summary: 'No progress' } as const;
    const after = run(atLevel2, [[event, '2026-11-16', districtLead]]);
    const [decision] = tapNoticesForEvent(ctx(after, '2026-11-16'), event, atLevel2, [], districtLead, 5);
    expect(decision!.facts).toMatchObject({ reviewedLevel: 'Level 2 (Remediation)', outcome: 'move up to Level 3 (Final Resolution)', decidedBy: 'Morgan Diaz', decidedOn: 'Monday, November 16, 2026', level: '3' });
  });

  it.each([
    [1, 'exit', 'exit from the plan', 'exit from the plan'],
    [3, 'career-transition', 'resolved by career transition', 'career transition'],
    [3, 'termination', 'resolved by termination', 'termination'],
  ] as const)('TAP-TIMELINE: a level %i review with %s: the decision (%s) and the close, with no next review', (level, outcome, decided, closedAs) => {
    const before = opened(level);
    const after = run(before, [[{ type: 'review', outcome, summary: 'Done' }, '2026-11-16', hr]]);
    const list = tapNoticesForEvent(ctx(after, '2026-11-16'), { type: 'review', outcome, summary: 'Done' }, before, ['first', 'second'], hr, 7);
    expect(list.map((n) => [n.deliveryId, n.kind])).toEqual([
      [`${WF}:7:review`, 'decision'],
      [`${WF}:7:case-closed`, 'case-closed'],
    ]);
    expect(list[0]!.facts).toMatchObject({ outcome: decided, nextReview: '', reviewCounting: '', decidedBy: 'Human Resources', status: `closed (${closedAs})` });
    expect(list[1]!.facts).toMatchObject({ outcome: closedAs, rule: 'TAP-TIMELINE', closedOn: 'Monday, November 16, 2026', reason: 'first; second' });
    expect(list[1]!.channels).toEqual(['email', 'webhook', 'letter']);
    // Told once: a change on a plan closed before sends no second close.
    expect(tapNoticesForEvent(ctx(after, '2026-11-17'), { type: 'deadline-passed', deadline: 'review' }, after, [], system, 8)).toEqual([]);
  });

  it.each([
    ['acknowledge', { type: 'acknowledge' }, teacher, 'acknowledged the plan and the resource sheet', 'Dana Reyes'],
    ['revise-plan', { type: 'revise-plan', plan: planAt(1), reason: 'x' }, administrator, 'documented the plan anew', 'Lin Ng'],
    ['record-meeting', { type: 'record-meeting', on: '2026-10-09', notes: 'SECRET' }, hr, 'recorded a meeting', 'Human Resources'],
  ] as const)('TAP-DOC: %s is told to both sides as a recorded action, without what the plan or meeting says', (type, event, actor, text, by) => {
    const before = opened(1);
    const list = tapNoticesForEvent(ctx(before, '2026-10-09'), event, before, ['TAP-DOC: a', 'TAP-DOC: b'], actor, 2);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ deliveryId: `${WF}:2:${type}`, kind: 'action-recorded', channels: ['email', 'webhook'] });
    expect(list[0]!.facts).toMatchObject({ action: type, actionText: text, actor: by, at: 'Friday, October 9, 2026', notes: 'TAP-DOC: a; TAP-DOC: b' });
    expect(JSON.stringify(list)).not.toContain('SECRET');
    expect(list[0]!.recipients.map((r) => r.role)).toEqual(['teacher', 'administrator', 'hr']);
  });

  it('TAP-DOC: the kernel builds the opening notice and each change\'s notices from the case facts, with HR from the profile', () => {
    const state = opened(1);
    const facts = { state, profile: { hr: HR }, workflowId: WF, today: '2026-10-05', deadlines: clockOf(state) };
    expect(tapFamily.caseType).toBe('tap');
    expect(tapFamily.openingNotices(facts as never, hr)).toEqual([tapOpened(ctx(state), hr)]);
    const [deadline] = clockOf(state);
    const reminder = { id: 'review:1:remind-0', deadlineKey: 'review:1', due: '2026-11-16', on: '2026-11-16', atMs: 0, schoolDaysBefore: 0, to: ['district-side'] } as const;
    expect(tapFamily.reminder(facts as never, reminder, { label: deadline!.label, current: deadline!.current as never })).toEqual(tapReminder(ctx(state), reminder, { label: deadline!.label, current: deadline!.current as never }));
    const after = run(state, [[{ type: 'acknowledge' }, '2026-10-06', teacher]]);
    expect(tapFamily.noticesFor({ ...facts, state: after } as never, { event: { type: 'acknowledge' }, before: state, notes: ['n'], actor: teacher, actions: 1 })).toEqual(
      tapNoticesForEvent({ ...ctx(after), today: '2026-10-05' }, { type: 'acknowledge' }, state, ['n'], teacher, 1),
    );
  });
});
