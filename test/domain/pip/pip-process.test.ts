import { describe, expect, it } from 'vitest';
import { shiftDate } from '../../../src/domain/calendar';
import type { Actor } from '../../../src/domain/actor';
import type { PipEvent, PipState } from '../../../src/domain/pip/pip-case';
import { meets, pendingDeadlines } from '../../../src/domain/pip/pip-deadlines';
import { yearEndOf } from '../../../src/domain/pip/pip-family';
import { PIP_ACTIONS, startPip, transition } from '../../../src/domain/pip/pip-process';
import { calendars, coach, employee, evaluator, hr, PLAN, START, stranger, auditor } from './pip-fixtures';

const opened = yearEndOf(startPip(START), calendars);
const ctx = (actor: Actor, today = '2026-09-20') => ({ today, actor, shiftSchoolDays: (date: string, count: number) => shiftDate(calendars, date, 'school-day', count) });

function apply(state: PipState, ...steps: [PipEvent, Actor, string?][]): PipState {
  return steps.reduce((s, [event, actor, today]) => {
    const result = transition(s, event, ctx(actor, today));
    if (!result.ok) throw new Error(result.message);
    return result.state;
  }, state);
}
const refusal = (state: PipState, event: PipEvent, actor: Actor, today?: string) => {
  const result = transition(state, event, ctx(actor, today));
  return result.ok ? undefined : { kind: result.kind, rule: result.rule, message: result.message };
};

describe('PIP case transitions', () => {
  it('PIP-TEAM / PIP-STATUS: the year end comes from the district calendar (last instructional day)', () => {
    expect(opened.yearEndsOn).toBe('2027-06-04');
    expect(opened.plans[0]!.steps.map((s) => [s.id, s.completeBy, s.nextCheckIn])).toEqual([
      ['S1', '2026-10-30', '2026-10-16'],
      ['S2', '2027-04-16', '2027-01-22'],
    ]);
  });

  // Who may take each action is the table; a relation outside it is refused 403, naming the action's rule.
  const sample: Record<string, PipEvent> = {
    'assign-plan': { type: 'assign-plan', ...PLAN, goal: { statement: 'Another goal', measure: 'a count' } },
    'add-team-member': { type: 'add-team-member', member: { name: 'Jo', role: 'program lead' } },
    'add-step': { type: 'add-step', plan: 'P1', step: { description: 'Read', completeBy: '2026-12-01', checkInOn: '2026-11-20' } },
    'reschedule-step': { type: 'reschedule-step', plan: 'P1', step: 'S1', completeBy: '2026-11-13', reason: 'training moved' },
    'check-in': { type: 'check-in', plan: 'P1', step: 'S1', progress: 'Draft shared' },
    'complete-step': { type: 'complete-step', plan: 'P1', step: 'S1' },
    'add-evidence': { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: 'Conference log, October' },
    'record-support': { type: 'record-support', plan: 'P1', description: 'Two coaching sessions' },
    comment: { type: 'comment', plan: 'P1', text: 'Good start.' },
    'record-status': { type: 'record-status', plan: 'P1', status: 'achieved' },
    withdraw: { type: 'withdraw', reason: 'left the district' },
  };
  const people: Record<string, Actor> = { employee, evaluator, 'team-member': coach, hr, auditor, other: stranger };
  const rows = Object.entries(PIP_ACTIONS).flatMap(([action, { by }]) => Object.entries(people).map(([relation, actor]) => [action, relation, by.includes(relation as never), actor] as const));
  it.each(rows)('PIP-TEAM: %s by the %s: allowed %s', (action, _relation, allowed, actor) => {
    const result = refusal(opened, sample[action]!, actor, '2027-05-20');
    if (allowed) expect(result?.kind).not.toBe('forbidden');
    else expect(result).toMatchObject({ kind: 'forbidden', rule: PIP_ACTIONS[action as keyof typeof PIP_ACTIONS].rule });
  });

  it('PIP-GOAL: another goal is another plan, P2; the same goal twice is refused', () => {
    const two = apply(opened, [sample['assign-plan']!, evaluator]);
    expect(two.plans.map((p) => p.id)).toEqual(['P1', 'P2']);
    expect(refusal(two, { type: 'assign-plan', ...PLAN }, hr)).toMatchObject({ kind: 'rule', rule: 'PIP-GOAL' });
  });

  it('PIP-ALIGN: a plan assigned later is aligned to the standards of the form', () => {
    expect(refusal(opened, { type: 'assign-plan', ...PLAN, goal: { statement: 'New', measure: 'm' }, alignment: ['3c'] }, evaluator)).toMatchObject({ kind: 'rule', rule: 'PIP-ALIGN' });
  });

  it('PIP-STEPS: each step runs its completion and check-in as deadlines; a check-in meets its own, sets the next', () => {
    expect(pendingDeadlines(opened).map((d) => [d.key, d.spec.rule, d.spec.trigger])).toEqual([
      ['completion:P1:S1:2026-10-30', 'PIP-STEPS', '2026-10-30'],
      ['check-in:P1:S1:2026-10-16', 'PIP-STEPS', '2026-10-16'],
      ['completion:P1:S2:2027-04-16', 'PIP-STEPS', '2027-04-16'],
      ['check-in:P1:S2:2027-01-22', 'PIP-STEPS', '2027-01-22'],
      ['year-end-status:P1:2027-06-04', 'PIP-STATUS', '2027-06-04'],
    ]);
    const checkIn: PipEvent = { type: 'check-in', plan: 'P1', step: 'S1', progress: 'Draft shared', nextCheckInOn: '2026-10-23' };
    expect(meets(checkIn, 'check-in:P1:S1:2026-10-16')).toBe(true);
    expect(meets(checkIn, 'check-in:P1:S2:2027-01-22')).toBe(false);
    const after = apply(opened, [checkIn, evaluator, '2026-10-15']);
    expect(pendingDeadlines(after).map((d) => d.key)).toContain('check-in:P1:S1:2026-10-23');
    expect(refusal(opened, { ...checkIn, nextCheckInOn: '2026-11-02' }, evaluator, '2026-10-15')).toMatchObject({ rule: 'PIP-STEPS' });
    const completed = apply(after, [{ type: 'complete-step', plan: 'P1', step: 'S1' }, employee, '2026-10-28']);
    expect(pendingDeadlines(completed).some((d) => d.key.includes(':S1:'))).toBe(false);
    expect(refusal(completed, checkIn, evaluator, '2026-10-29')).toMatchObject({ kind: 'conflict', rule: 'PIP-STEPS' });
  });

  it('PIP-STEPS: a missed check-in is recorded on its step and not run again; a rescheduled completion is a new deadline', () => {
    const missed = apply(opened, [{ type: 'deadline-passed', deadline: 'check-in:P1:S1:2026-10-16' }, { id: 'system:deadline', roles: [], district: 'riverside' }]);
    expect(missed.plans[0]!.steps[0]!.missed).toEqual(['check-in 2026-10-16']);
    expect(pendingDeadlines(missed).map((d) => d.key)).not.toContain('check-in:P1:S1:2026-10-16');
    const moved = apply(missed, [{ type: 'reschedule-step', plan: 'P1', step: 'S1', completeBy: '2026-11-20', checkInOn: '2026-11-06', reason: 'training moved' }, evaluator, '2026-10-19']);
    expect(pendingDeadlines(moved).map((d) => d.key).filter((k) => k.includes(':S1:'))).toEqual(['completion:P1:S1:2026-11-20', 'check-in:P1:S1:2026-11-06']);
  });

  it('PIP-EVIDENCE: evidence, artifacts by claim check, supports and evaluator comments are kept on their plan', () => {
    const doc = { sha256: 'b'.repeat(64), size: 52_000, contentType: 'application/pdf' };
    const s = apply(
      opened,
      [{ type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'Protocol draft', document: doc }, employee],
      [{ type: 'record-support', plan: 'P1', description: 'Coaching session' }, coach],
      [{ type: 'comment', plan: 'P1', text: 'On track.' }, evaluator],
    );
    const plan = s.plans[0]!;
    expect(plan.evidence).toEqual([{ id: 'E1', kind: 'artifact', description: 'Protocol draft', document: doc, addedOn: '2026-09-20', addedBy: employee.id }]);
    expect(plan.supports).toEqual([{ on: '2026-09-20', description: 'Coaching session', by: coach.id }]);
    expect(plan.comments).toEqual([{ on: '2026-09-20', text: 'On track.' }]);
    expect(refusal(opened, { type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'x' }, employee)).toMatchObject({ kind: 'rule', rule: 'PIP-EVIDENCE' });
    expect(refusal(opened, { type: 'add-evidence', plan: 'P9', kind: 'evidence', description: 'x' }, employee)).toMatchObject({ kind: 'rule', rule: 'PIP-EVIDENCE' });
  });

  it('PIP-STATUS: recorded in the last 20 school days or once every step is done; the case closes when every plan has one', () => {
    const status: PipEvent = { type: 'record-status', plan: 'P1', status: 'in-progress', comments: 'Half the conferences held.' };
    const early = refusal(opened, status, evaluator, '2027-04-01');
    expect(early).toMatchObject({ kind: 'conflict', rule: 'PIP-STATUS' });
    expect(early?.message).toContain('from 2027-05-07');
    const closed = apply(opened, [status, evaluator, '2027-05-07']);
    expect(closed.plans[0]!.status).toEqual({ status: 'in-progress', on: '2027-05-07', comments: 'Half the conferences held.' });
    expect(closed.closed).toEqual({ reason: 'year-end-status-recorded', on: '2027-05-07', rule: 'PIP-STATUS' });
    expect(pendingDeadlines(closed)).toEqual([]);
    expect(refusal(closed, { type: 'comment', plan: 'P1', text: 'late' }, evaluator, '2027-05-08')).toMatchObject({ kind: 'conflict', rule: 'PIP-STATUS' });
    // Every step done: the status may come early (achieved), and a second plan keeps the case open.
    const two = apply(opened, [sample['assign-plan']!, evaluator]);
    const stepsDone = apply(two, [{ type: 'complete-step', plan: 'P1', step: 'S1' }, employee, '2026-10-20'], [{ type: 'complete-step', plan: 'P1', step: 'S2' }, employee, '2026-12-01']);
    const achieved = apply(stepsDone, [{ type: 'record-status', plan: 'P1', status: 'achieved' }, evaluator, '2026-12-02']);
    expect(achieved.status).toBe('active');
    expect(refusal(achieved, { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: 'x' }, employee, '2026-12-03')).toMatchObject({ kind: 'conflict', rule: 'PIP-STATUS' });
  });

  it('PIP-STATUS: a year-end status not recorded is marked overdue and no longer reminded', () => {
    const overdue = apply(opened, [{ type: 'deadline-passed', deadline: 'year-end-status:P1:2027-06-04' }, { id: 'system:deadline', roles: [], district: 'riverside' }]);
    expect(overdue.plans[0]!.statusOverdue).toBe(true);
    expect(pendingDeadlines(overdue).map((d) => d.key)).not.toContain('year-end-status:P1:2027-06-04');
  });
});
