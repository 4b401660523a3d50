import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../../src/domain/calendar';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import type { PipState } from '../../../src/domain/pip/pip-case';
import { pendingDeadlines } from '../../../src/domain/pip/pip-deadlines';
import { pipFamily, yearEndOf } from '../../../src/domain/pip/pip-family';
import { pipNoticesForEvent, pipPersonName, pipReceipt, pipRecipients, pipReminder, type PipNoticeContext } from '../../../src/domain/pip/pip-notices';
import { startPip } from '../../../src/domain/pip/pip-process';
import { auditor, calendars, coach, employee, evaluator, hr, START, stranger, system } from './pip-fixtures';

// Riverside (America/Los_Angeles): S1's check-in on Friday October 16, 2026 is due that day, until 11:59 p.m.
const WF = 'pip:riverside:PIP-2026-001';
// A function, not a module constant: code run while a test module loads is a static mutant, which the vitest runner
// cannot activate (stryker-js#6144), so each test opens its own case.
const opened = () => yearEndOf(startPip(START), calendars);
const clockOf = (state: PipState): CaseDeadline[] => pendingDeadlines(state).map(({ key, label, spec }) => ({ key, label, spec, status: 'pending', current: computeDeadline(calendars, spec), changes: [] }));
const ctx = (state: PipState, today = '2026-09-14'): PipNoticeContext => ({ state, workflowId: WF, today, deadlines: clockOf(state) });
const NEXT = 'Plan P1, action step S1: check-in with the evaluator: Friday, October 16, 2026, until 11:59 p.m. (America/Los_Angeles time) (PIP-STEPS)';

describe('the notices of an improvement plan (PIP-*)', () => {
  it('PIP-TEAM: the employee\'s side is the employee, the district\'s the primary evaluator', () => {
    expect(pipRecipients(opened(), ['grievant-side', 'district-side'])).toEqual([
      { name: 'Lee Kim', role: 'employee', audience: 'grievant-side', email: 'lee.kim@example.org' },
      { name: 'Sam Park', role: 'evaluator', audience: 'district-side', email: 'sam.park@example.org' },
    ]);
    expect(pipRecipients(opened(), ['district-side']).map((r) => r.role)).toEqual(['evaluator']);
    expect(pipRecipients(opened(), [])).toEqual([]);
  });

  it('PIP-TEAM: a person is named as the case names them, never by the login of their token', () => {
    expect([employee, evaluator, coach, hr, auditor, stranger, system].map((a) => pipPersonName(opened(), a))).toEqual(['Lee Kim', 'Sam Park', 'Ana Ortiz', 'Human Resources', 'the district', 'the district', 'the case clock']);
    expect(pipPersonName(opened(), { id: 'idp-9', employeeId: coach.id, roles: [], district: 'riverside' })).toBe('Ana Ortiz');
  });

  it('PIP-TEAM: a team member is named as the team lists them, never as another member listed before them', () => {
    // Listed first: a member without an account (no token is theirs), then another member.
    const team = [{ name: 'Pat Unlisted', role: 'program lead' }, { id: 'lead-ruiz', name: 'Rae Ruiz', role: 'program lead' }, { id: coach.id, name: 'Ana Ortiz', role: 'instructional coach' }];
    const state: PipState = { ...opened(), team };
    expect(pipPersonName(state, coach)).toBe('Ana Ortiz');
    expect(pipPersonName(state, { id: 'idp-9', employeeId: coach.id, roles: [], district: 'riverside' })).toBe('Ana Ortiz');
    expect(pipPersonName(state, { id: 'lead-ruiz', roles: [], district: 'riverside' })).toBe('Rae Ruiz');
  });

  it('PIP-GOAL: the plan as opened goes to both, by letter too, with the next deadline the clock runs', () => {
    const notice = pipReceipt(ctx(opened()), hr);
    expect(notice).toMatchObject({ deliveryId: `${WF}:receipt`, kind: 'filing-receipt', caseType: 'improvement-plan', caseId: 'PIP-2026-001', district: 'riverside', template: 'pip/filing-receipt', channels: ['email', 'webhook', 'letter'] });
    expect(notice.facts).toEqual({
      caseId: 'PIP-2026-001',
      district: 'riverside',
      employee: 'Lee Kim',
      evaluator: 'Sam Park',
      schoolYear: '2026-2027',
      plans: '1',
      status: 'active',
      today: '2026-09-14',
      caseUrl: '/v1/pip/PIP-2026-001',
      nextDeadline: NEXT,
      openedOn: 'Monday, September 14, 2026',
      openedBy: 'Human Resources',
    });
    expect(notice).not.toHaveProperty('deadline');
    expect(notice.recipients.map((r) => [r.role, r.audience])).toEqual([
      ['employee', 'grievant-side'],
      ['evaluator', 'district-side'],
    ]);
  });

  it('PIP-STEPS: a reminder built before the case knows its clock carries no deadline picture', () => {
    const notice = pipReminder({ state: opened(), workflowId: WF, today: '2026-10-14' }, { id: 'check-in:P1:S1:2026-10-16:remind-2', deadlineKey: 'check-in:P1:S1:2026-10-16', due: '2026-10-16', on: '2026-10-14', atMs: 0, schoolDaysBefore: 2, to: ['grievant-side'] }, { label: 'Plan P1, action step S1: check-in with the evaluator', current: clockOf(opened())[0]!.current as never });
    expect(notice).not.toHaveProperty('deadline');
    expect(notice.facts).toMatchObject({ dueOn: 'Friday, October 16, 2026', nextDeadline: '' });
    expect(notice.recipients.map((r) => r.role)).toEqual(['employee']);
  });

  it('PIP-STEPS: a reminder states the deadline and pictures it as the clock counted it', () => {
    const clock = clockOf(opened());
    const checkIn = clock.find((d) => d.key === 'check-in:P1:S1:2026-10-16')!;
    const notice = pipReminder(ctx(opened(), '2026-10-14'), { id: 'check-in:P1:S1:2026-10-16:remind-2', deadlineKey: checkIn.key, due: '2026-10-16', on: '2026-10-14', atMs: 0, schoolDaysBefore: 2, to: ['district-side', 'grievant-side'] }, { label: checkIn.label, current: checkIn.current as never });
    expect(notice).toMatchObject({ deliveryId: `${WF}:check-in:P1:S1:2026-10-16:remind-2`, kind: 'deadline-reminder', channels: ['email', 'webhook'], deadline: { due: '2026-10-16', rule: 'PIP-STEPS', label: 'Plan P1, action step S1: check-in with the evaluator' } });
    expect(notice.facts).toMatchObject({
      deadlineLabel: 'Plan P1, action step S1: check-in with the evaluator',
      dueOn: 'Friday, October 16, 2026',
      due: 'Friday, October 16, 2026, until 11:59 p.m. (America/Los_Angeles time)',
      rule: 'PIP-STEPS',
      schoolDaysLeft: '2',
      explanation: '0 calendar days after Friday, October 16, 2026 (that day not counted)',
    });
    // The employee first, whatever order the policy names the sides in.
    expect(notice.recipients.map((r) => r.role)).toEqual(['employee', 'evaluator']);
  });

  it.each([
    ['check-in:P1:S1:2026-10-16', 'PIP-STEPS'],
    ['year-end-status:P1:2027-06-04', 'PIP-STATUS'],
    ['unknown-key', 'PIP-STEPS'],
  ])('PIP-STEPS / PIP-STATUS: a missed deadline (%s) is told to both, naming %s', (key, rule) => {
    const list = pipNoticesForEvent(ctx(opened(), '2026-10-17'), { type: 'deadline-passed', deadline: key }, opened(), ['missed it', 'the step stays open'], system, 3, { key, label: 'The deadline', due: '2026-10-16' });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ deliveryId: `${WF}:${key}:missed`, kind: 'deadline-missed', channels: ['email', 'webhook'] });
    expect(list[0]!.facts).toMatchObject({ deadlineLabel: 'The deadline', due: 'Friday, October 16, 2026', rule, consequence: 'missed it; the step stays open' });
    expect(list[0]!.recipients.map((r) => r.role)).toEqual(['employee', 'evaluator']);
    expect(pipNoticesForEvent(ctx(opened()), { type: 'deadline-passed', deadline: key }, opened(), [], system, 3)).toEqual([]);
  });

  it('PIP-EVIDENCE: a step is told to both as recorded, never with what it says', () => {
    const list = pipNoticesForEvent(ctx(opened(), '2026-09-21'), { type: 'record-support', plan: 'P1', description: 'SECRET' }, opened(), ['PIP-EVIDENCE: support provided for plan P1', 'second'], coach, 5);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ deliveryId: `${WF}:5:record-support`, kind: 'action-recorded', channels: ['email', 'webhook'] });
    expect(list[0]!.facts).toMatchObject({ action: 'record-support', actionText: 'record support', actor: 'Ana Ortiz', at: 'Monday, September 21, 2026', notes: 'PIP-EVIDENCE: support provided for plan P1; second' });
    expect(JSON.stringify(list)).not.toContain('SECRET');
    expect(list[0]!.recipients.map((r) => [r.role, r.audience])).toEqual([
      ['employee', 'grievant-side'],
      ['evaluator', 'district-side'],
    ]);
  });

  it('PIP-STATUS: the step that closes the case is told as the close, by letter too, with each plan\'s status', () => {
    const two: PipState = { ...opened(), plans: [...opened().plans, { ...opened().plans[0]!, id: 'P2' }] };
    const after: PipState = {
      ...two,
      status: 'closed',
      closed: { reason: 'year-end-status-recorded', on: '2027-05-20', rule: 'PIP-STATUS' },
      plans: [{ ...two.plans[0]!, status: { status: 'not-achieved', on: '2027-05-20' } }, two.plans[1]!],
    };
    const list = pipNoticesForEvent(ctx(after, '2027-05-20'), { type: 'record-status', plan: 'P1', status: 'not-achieved' }, two, ['a', 'b'], evaluator, 9);
    expect(list.map((n) => [n.deliveryId, n.kind])).toEqual([[`${WF}:9:case-closed`, 'case-closed']]);
    expect(list[0]!.channels).toEqual(['email', 'webhook', 'letter']);
    expect(list[0]!.recipients.map((r) => [r.role, r.audience])).toEqual([
      ['employee', 'grievant-side'],
      ['evaluator', 'district-side'],
    ]);
    // A deadline that passes on a case closed before: no second close.
    expect(pipNoticesForEvent(ctx(after), { type: 'deadline-passed', deadline: 'year-end-status:P2:2027-06-04' }, after, [], system, 10)).toEqual([]);
    expect(list[0]!.facts).toMatchObject({ outcome: 'year end status recorded', statuses: 'plan P1: not achieved; plan P2: no status', rule: 'PIP-STATUS', closedOn: 'Thursday, May 20, 2027', reason: 'a; b', status: 'closed (year end status recorded)', plans: '2', nextDeadline: '' });
  });

  it('PIP-STATUS: the kernel builds the receipt and each change\'s notices from the case facts', () => {
    const facts = { state: opened(), profile: {}, workflowId: WF, today: '2026-09-14', deadlines: clockOf(opened()) };
    expect(pipFamily.openingNotices(facts as never, hr)).toEqual([pipReceipt(ctx(opened()), hr)]);
    expect(pipFamily.noticesFor(facts as never, { event: { type: 'comment', plan: 'P1', text: 'x' }, before: opened(), notes: ['n'], actor: evaluator, actions: 2 })).toEqual(
      pipNoticesForEvent(ctx(opened()), { type: 'comment', plan: 'P1', text: 'x' }, opened(), ['n'], evaluator, 2),
    );
    expect(pipFamily.caseType).toBe('pip');
    const checkIn = facts.deadlines.find((d) => d.key === 'check-in:P1:S1:2026-10-16')!;
    const reminder = { id: 'r', deadlineKey: checkIn.key, due: '2026-10-16', on: '2026-10-16', atMs: 0, schoolDaysBefore: 0, to: ['grievant-side'] } as const;
    expect(pipFamily.reminder(facts as never, reminder, { label: checkIn.label, current: checkIn.current as never })).toEqual(pipReminder(ctx(facts.state), reminder, { label: checkIn.label, current: checkIn.current as never }));
  });
});
