import { describe, expect, it } from 'vitest';
import { shiftDate } from '../../../src/domain/calendar';
import type { Actor } from '../../../src/domain/actor';
import type { PipEvent, PipState } from '../../../src/domain/pip/pip-case';
import { meets, pendingDeadlines } from '../../../src/domain/pip/pip-deadlines';
import { yearEndOf } from '../../../src/domain/pip/pip-family';
import { PIP_ACTIONS, startPip, transition } from '../../../src/domain/pip/pip-process';
import { calendars, coach, employee, evaluator, hr, PLAN, START, stranger, auditor } from './pip-fixtures';

// A function, not a module constant: code run while a test module loads is a static mutant, which the vitest runner
// cannot activate (stryker-js#6144), so each test opens its own case.
const opened = () => yearEndOf(startPip(START), calendars);
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
    expect(opened().yearEndsOn).toBe('2027-06-04');
    expect(opened().plans[0]!.steps.map((s) => [s.id, s.completeBy, s.nextCheckIn])).toEqual([
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
  // Written out by hand from the README's table "Improvement plan (PIP): who may take each action", never read from
  // PIP_ACTIONS: a wrong entry there fails this test. Columns: employee, evaluator, team-member, hr, auditor, other.
  const MAY: Record<string, readonly [string, readonly [boolean, boolean, boolean, boolean, boolean, boolean]]> = {
    'assign-plan': ['PIP-GOAL', [false, true, false, true, false, false]],
    'add-team-member': ['PIP-TEAM', [false, true, false, true, false, false]],
    'add-step': ['PIP-STEPS', [true, true, false, false, false, false]],
    'reschedule-step': ['PIP-STEPS', [false, true, false, false, false, false]],
    'check-in': ['PIP-STEPS', [false, true, false, false, false, false]],
    'complete-step': ['PIP-STEPS', [true, true, false, false, false, false]],
    'add-evidence': ['PIP-EVIDENCE', [true, true, true, false, false, false]],
    'record-support': ['PIP-EVIDENCE', [false, true, true, false, false, false]],
    comment: ['PIP-EVIDENCE', [false, true, false, false, false, false]],
    'record-status': ['PIP-STATUS', [false, true, false, false, false, false]],
    withdraw: ['PIP-STATUS', [false, false, false, true, false, false]],
  };
  it('PIP-TEAM: the table below covers every action of the case', () => {
    expect(Object.keys(PIP_ACTIONS).sort()).toEqual(Object.keys(MAY).sort());
  });
  const rows = Object.entries(MAY).flatMap(([action, [rule, allowed]]) => Object.entries(people).map(([relation, actor], i) => [action, relation, allowed[i]!, actor, rule] as const));
  it.each(rows)('PIP-TEAM: %s by the %s: allowed %s', (action, relation, allowed, actor, rule) => {
    const result = refusal(opened(), sample[action]!, actor, '2027-05-20');
    if (allowed) expect(result?.kind).not.toBe('forbidden');
    else expect(result).toEqual({ kind: 'forbidden', rule, message: `${action} is not for the ${relation} of this plan to take (${rule})` });
  });

  it('PIP-GOAL: another goal is another plan, P2; the same goal twice is refused', () => {
    const two = apply(opened(), [sample['assign-plan']!, evaluator]);
    expect(two.plans.map((p) => p.id)).toEqual(['P1', 'P2']);
    expect(refusal(two, { type: 'assign-plan', ...PLAN }, hr)).toMatchObject({ kind: 'rule', rule: 'PIP-GOAL' });
  });

  it('PIP-ALIGN: a plan assigned later is aligned to the standards of the form', () => {
    expect(refusal(opened(), { type: 'assign-plan', ...PLAN, goal: { statement: 'New', measure: 'm' }, alignment: ['3c'] }, evaluator)).toMatchObject({ kind: 'rule', rule: 'PIP-ALIGN' });
  });

  it('PIP-STEPS: each step runs its completion and check-in as deadlines; a check-in meets its own, sets the next', () => {
    expect(pendingDeadlines(opened()).map((d) => [d.key, d.spec.rule, d.spec.trigger])).toEqual([
      ['completion:P1:S1:2026-10-30', 'PIP-STEPS', '2026-10-30'],
      ['check-in:P1:S1:2026-10-16', 'PIP-STEPS', '2026-10-16'],
      ['completion:P1:S2:2027-04-16', 'PIP-STEPS', '2027-04-16'],
      ['check-in:P1:S2:2027-01-22', 'PIP-STEPS', '2027-01-22'],
      ['year-end-status:P1:2027-06-04', 'PIP-STATUS', '2027-06-04'],
    ]);
    const checkIn: PipEvent = { type: 'check-in', plan: 'P1', step: 'S1', progress: 'Draft shared', nextCheckInOn: '2026-10-23' };
    expect(meets(checkIn, 'check-in:P1:S1:2026-10-16')).toBe(true);
    expect(meets(checkIn, 'check-in:P1:S2:2027-01-22')).toBe(false);
    const after = apply(opened(), [checkIn, evaluator, '2026-10-15']);
    expect(pendingDeadlines(after).map((d) => d.key)).toContain('check-in:P1:S1:2026-10-23');
    expect(refusal(opened(), { ...checkIn, nextCheckInOn: '2026-11-02' }, evaluator, '2026-10-15')).toMatchObject({ rule: 'PIP-STEPS' });
    const completed = apply(after, [{ type: 'complete-step', plan: 'P1', step: 'S1' }, employee, '2026-10-28']);
    expect(pendingDeadlines(completed).some((d) => d.key.includes(':S1:'))).toBe(false);
    expect(refusal(completed, checkIn, evaluator, '2026-10-29')).toMatchObject({ kind: 'conflict', rule: 'PIP-STEPS' });
  });

  it('PIP-STEPS: a missed check-in is recorded on its step and not run again; a rescheduled completion is a new deadline', () => {
    const missed = apply(opened(), [{ type: 'deadline-passed', deadline: 'check-in:P1:S1:2026-10-16' }, { id: 'system:deadline', roles: [], district: 'riverside' }]);
    expect(missed.plans[0]!.steps[0]!.missed).toEqual(['check-in 2026-10-16']);
    expect(pendingDeadlines(missed).map((d) => d.key)).not.toContain('check-in:P1:S1:2026-10-16');
    const moved = apply(missed, [{ type: 'reschedule-step', plan: 'P1', step: 'S1', completeBy: '2026-11-20', checkInOn: '2026-11-06', reason: 'training moved' }, evaluator, '2026-10-19']);
    expect(pendingDeadlines(moved).map((d) => d.key).filter((k) => k.includes(':S1:'))).toEqual(['completion:P1:S1:2026-11-20', 'check-in:P1:S1:2026-11-06']);
  });

  it('PIP-EVIDENCE: evidence, artifacts by claim check, supports and evaluator comments are kept on their plan', () => {
    const doc = { sha256: 'b'.repeat(64), size: 52_000, contentType: 'application/pdf' };
    const s = apply(
      opened(),
      [{ type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'Protocol draft', document: doc }, employee],
      [{ type: 'record-support', plan: 'P1', description: 'Coaching session' }, coach],
      [{ type: 'comment', plan: 'P1', text: 'On track.' }, evaluator],
    );
    const plan = s.plans[0]!;
    expect(plan.evidence).toEqual([{ id: 'E1', kind: 'artifact', description: 'Protocol draft', document: doc, addedOn: '2026-09-20', addedBy: employee.id }]);
    expect(plan.supports).toEqual([{ on: '2026-09-20', description: 'Coaching session', by: coach.id }]);
    expect(plan.comments).toEqual([{ on: '2026-09-20', text: 'On track.' }]);
    expect(refusal(opened(), { type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'x' }, employee)).toMatchObject({ kind: 'rule', rule: 'PIP-EVIDENCE' });
    expect(refusal(opened(), { type: 'add-evidence', plan: 'P9', kind: 'evidence', description: 'x' }, employee)).toMatchObject({ kind: 'rule', rule: 'PIP-EVIDENCE' });
  });

  it('PIP-STATUS: recorded in the last 20 school days or once every step is done; the case closes when every plan has one', () => {
    const status: PipEvent = { type: 'record-status', plan: 'P1', status: 'in-progress', comments: 'Half the conferences held.' };
    const early = refusal(opened(), status, evaluator, '2027-04-01');
    expect(early).toMatchObject({ kind: 'conflict', rule: 'PIP-STATUS' });
    expect(early?.message).toContain('from 2027-05-07');
    const closed = apply(opened(), [status, evaluator, '2027-05-07']);
    expect(closed.plans[0]!.status).toEqual({ status: 'in-progress', on: '2027-05-07', comments: 'Half the conferences held.' });
    expect(closed.closed).toEqual({ reason: 'year-end-status-recorded', on: '2027-05-07', rule: 'PIP-STATUS' });
    expect(pendingDeadlines(closed)).toEqual([]);
    expect(refusal(closed, { type: 'comment', plan: 'P1', text: 'late' }, evaluator, '2027-05-08')).toMatchObject({ kind: 'conflict', rule: 'PIP-STATUS' });
    // Every step done: the status may come early (achieved), and a second plan keeps the case open.
    const two = apply(opened(), [sample['assign-plan']!, evaluator]);
    const stepsDone = apply(two, [{ type: 'complete-step', plan: 'P1', step: 'S1' }, employee, '2026-10-20'], [{ type: 'complete-step', plan: 'P1', step: 'S2' }, employee, '2026-12-01']);
    const achieved = apply(stepsDone, [{ type: 'record-status', plan: 'P1', status: 'achieved' }, evaluator, '2026-12-02']);
    expect(achieved.status).toBe('active');
    expect(refusal(achieved, { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: 'x' }, employee, '2026-12-03')).toMatchObject({ kind: 'conflict', rule: 'PIP-STATUS' });
  });

  it('PIP-STATUS: a year-end status not recorded is marked overdue and no longer reminded', () => {
    const overdue = apply(opened(), [{ type: 'deadline-passed', deadline: 'year-end-status:P1:2027-06-04' }, { id: 'system:deadline', roles: [], district: 'riverside' }]);
    expect(overdue.plans[0]!.statusOverdue).toBe(true);
    expect(pendingDeadlines(overdue).map((d) => d.key)).not.toContain('year-end-status:P1:2027-06-04');
  });
});

// Expected notes and refusals written out: the notes are the case log's and the notices' account of each step.
describe('PIP steps word for word, and the edges of each check', () => {
  const act = (state: PipState, event: PipEvent, actor: Actor, today = '2026-09-20') => {
    const result = transition(state, event, ctx(actor, today));
    if (!result.ok) throw new Error(`refused: ${result.message}`);
    return result;
  };
  const plan1 = (s: PipState) => s.plans[0]!;
  const step = (s: PipState, id: string) => plan1(s).steps.find((x) => x.id === id)!;
  const times = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

  it('PIP-GOAL / PIP-ALIGN: a second plan is P2, its goal trimmed, its steps S1.., each with its first check-in', () => {
    const result = act(opened(), { type: 'assign-plan', goal: { statement: '  Log every family call  ', measure: ' 40 calls logged ' }, alignment: ['2b', 'PR7'], steps: [{ description: ' Set up the log ', completeBy: '2026-11-30', checkInOn: '2026-11-02' }] }, hr);
    expect(result.notes).toEqual(['PIP-GOAL: plan P2 assigned for another growth goal', 'PIP-ALIGN: aligned to 2b, PR7']);
    expect(result.state.plans[1]).toStrictEqual({
      id: 'P2',
      assignedOn: '2026-09-20',
      goal: { statement: 'Log every family call', measure: '40 calls logged' },
      alignment: ['2b', 'PR7'],
      steps: [{ id: 'S1', description: 'Set up the log', completeBy: '2026-11-30', nextCheckIn: '2026-11-02', checkIns: [], missed: [] }],
      evidence: [],
      supports: [],
      comments: [],
    });
  });

  it('PIP-GOAL: at most 10 plans in a case; a refused plan names its field', () => {
    const ten: PipState = { ...opened(), plans: times(10, (i) => ({ ...plan1(opened()), id: `P${i + 1}`, goal: { statement: `Goal ${i}`, measure: 'm' } })) };
    expect(refusal(ten, { type: 'assign-plan', ...PLAN, goal: { statement: 'Another', measure: 'm' } }, hr)).toEqual({ kind: 'rule', rule: 'PIP-GOAL', message: 'at most 10 plans in one case' });
    const nine: PipState = { ...ten, plans: ten.plans.slice(0, 9) };
    expect(act(nine, { type: 'assign-plan', ...PLAN, goal: { statement: 'Another', measure: 'm' } }, hr).state.plans.at(-1)!.id).toBe('P10');
    expect(refusal(opened(), { type: 'assign-plan', ...PLAN }, hr)).toEqual({ kind: 'rule', rule: 'PIP-GOAL', message: '/goal/statement: one goal per plan: another plan of this case already has this goal (PIP-GOAL)' });
  });

  it('PIP-TEAM: a member joins once; not the employee, the evaluator or a member already on it; at most 20', () => {
    const result = act(opened(), { type: 'add-team-member', member: { id: 'lead-1', name: 'Jo Lead', role: 'program lead' } }, evaluator);
    expect(result.notes).toEqual(['PIP-TEAM: program lead joined the improvement plan team']);
    expect(result.state.team.map((m) => m.id)).toEqual([coach.id, 'lead-1']);
    const again = 'PIP-TEAM';
    const two = act(opened(), { type: 'add-team-member', member: { id: 'lead-1', name: 'Jo Lead', role: 'program lead' } }, hr).state;
    expect(refusal(two, { type: 'add-team-member', member: { id: 'lead-1', name: 'Jo again', role: 'coach' } }, hr)).toMatchObject({ kind: 'rule', rule: 'PIP-TEAM' });
    for (const id of [employee.id, evaluator.id, coach.id]) {
      expect(refusal(opened(), { type: 'add-team-member', member: { id, name: 'x', role: 'coach' } }, hr)).toEqual({ kind: 'rule', rule: again, message: '/member/id: already on the team, or the employee (PIP-TEAM)' });
    }
    const noAccount = act(opened(), { type: 'add-team-member', member: { name: 'No Account', role: 'mentor' } }, hr).state;
    expect(noAccount.team).toHaveLength(2);
    // Two members without an account are two people, not one listed twice.
    expect(act(noAccount, { type: 'add-team-member', member: { name: 'Also No Account', role: 'mentor' } }, hr).state.team).toHaveLength(3);
    const full: PipState = { ...opened(), team: times(20, (i) => ({ id: `m${i}`, name: `M ${i}`, role: 'coach' })) };
    expect(refusal(full, { type: 'add-team-member', member: { name: 'One more', role: 'coach' } }, hr)).toEqual({ kind: 'rule', rule: 'PIP-TEAM', message: 'at most 20 other team members' });
    expect(act({ ...full, team: full.team.slice(0, 19) }, { type: 'add-team-member', member: { name: 'One more', role: 'coach' } }, hr).state.team).toHaveLength(20);
  });

  it('PIP-STATUS: HR withdraws the case: closed without a status, no deadline left', () => {
    const result = act(opened(), { type: 'withdraw', reason: 'left the district' }, hr, '2026-12-01');
    expect(result.notes).toEqual(['PIP-STATUS: the plans end without an end-of-year status']);
    expect(result.state).toMatchObject({ status: 'closed', closed: { reason: 'withdrawn', on: '2026-12-01', rule: 'PIP-STATUS' } });
    expect(refusal(result.state, { type: 'comment', plan: 'P1', text: 'x' }, evaluator)).toEqual({ kind: 'conflict', rule: 'PIP-STATUS', message: 'the case is closed (withdrawn)' });
  });

  it('PIP-STEPS / PIP-EVIDENCE: a plan the case does not have is refused under the action\'s rule', () => {
    expect(refusal(opened(), { type: 'comment', plan: 'P2', text: 'x' }, evaluator)).toEqual({ kind: 'rule', rule: 'PIP-EVIDENCE', message: '/plan: this case has no plan P2' });
    expect(refusal(opened(), { type: 'complete-step', plan: 'P2', step: 'S1' }, evaluator)).toEqual({ kind: 'rule', rule: 'PIP-STEPS', message: '/plan: this case has no plan P2' });
  });

  it('PIP-STEPS: an added step is S3 with its dates; at most 10 per plan; a refused step names its field', () => {
    const result = act(opened(), { type: 'add-step', plan: 'P1', step: { description: ' Read the guide ', completeBy: '2026-12-01', checkInOn: '2026-11-20' } }, employee);
    expect(result.notes).toEqual(['PIP-STEPS: step S3 of plan P1, completion by 2026-12-01, check-in on 2026-11-20']);
    expect(step(result.state, 'S3')).toEqual({ id: 'S3', description: 'Read the guide', completeBy: '2026-12-01', nextCheckIn: '2026-11-20', checkIns: [], missed: [] });
    const full = { ...opened(), plans: [{ ...plan1(opened()), steps: times(10, (i) => ({ ...plan1(opened()).steps[0]!, id: `S${i + 1}` })) }] };
    expect(refusal(full, { type: 'add-step', plan: 'P1', step: { description: 'x', completeBy: '2026-12-01', checkInOn: '2026-11-20' } }, evaluator)).toEqual({ kind: 'rule', rule: 'PIP-STEPS', message: '/step: at most 10 action steps per plan' });
    const nine = { ...full, plans: [{ ...plan1(full), steps: plan1(full).steps.slice(0, 9) }] };
    expect(step(act(nine, { type: 'add-step', plan: 'P1', step: { description: 'x', completeBy: '2026-12-01', checkInOn: '2026-11-20' } }, evaluator).state, 'S10')).toBeDefined();
    expect(refusal(opened(), { type: 'add-step', plan: 'P1', step: { description: 'x', completeBy: '2026-09-19', checkInOn: '2026-09-19' } }, evaluator)).toEqual({
      kind: 'rule',
      rule: 'PIP-STEPS',
      message: '/step/completeBy: the anticipated completion date 2026-09-19 is in the past (PIP-STEPS)',
    });
  });

  it('PIP-EVIDENCE: evidence is described, numbered E1.. per plan, trimmed; at most 50', () => {
    const result = act(opened(), { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: '  Conference log  ' }, coach);
    expect(result.notes).toEqual(['PIP-EVIDENCE: evidence E1 added to plan P1']);
    expect(plan1(result.state).evidence).toStrictEqual([{ id: 'E1', kind: 'evidence', description: 'Conference log', addedOn: '2026-09-20', addedBy: coach.id }]);
    expect(act(result.state, { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: 'Survey' }, employee).notes).toEqual(['PIP-EVIDENCE: evidence E2 added to plan P1']);
    expect(refusal(opened(), { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: '  ' }, employee)).toEqual({ kind: 'rule', rule: 'PIP-EVIDENCE', message: '/description: say what the evidence shows (PIP-EVIDENCE)' });
    expect(refusal(opened(), { type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'x' }, employee)).toEqual({ kind: 'rule', rule: 'PIP-EVIDENCE', message: '/document: an artifact is an uploaded document (PIP-EVIDENCE)' });
    const item = { id: 'E', kind: 'evidence' as const, description: 'x', addedOn: '2026-09-20', addedBy: employee.id };
    const full = { ...opened(), plans: [{ ...plan1(opened()), evidence: times(50, () => item) }] };
    expect(refusal(full, { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: 'x' }, employee)).toEqual({ kind: 'rule', rule: 'PIP-EVIDENCE', message: 'at most 50 items of evidence per plan' });
    expect(act({ ...full, plans: [{ ...plan1(full), evidence: times(49, () => item) }] }, { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: 'x' }, employee).notes).toEqual(['PIP-EVIDENCE: evidence E50 added to plan P1']);
  });

  it('PIP-EVIDENCE: supports and comments are said, trimmed, dated; at most 50 each', () => {
    const support = act(opened(), { type: 'record-support', plan: 'P1', description: ' Coaching ' }, coach, '2026-09-21');
    expect(support.notes).toEqual(['PIP-EVIDENCE: support provided for plan P1']);
    expect(plan1(support.state).supports).toEqual([{ on: '2026-09-21', description: 'Coaching', by: coach.id }]);
    const comment = act(opened(), { type: 'comment', plan: 'P1', text: ' On track. ' }, evaluator, '2026-09-22');
    expect(comment.notes).toEqual(['PIP-EVIDENCE: evaluator comment on plan P1']);
    expect(plan1(comment.state).comments).toEqual([{ on: '2026-09-22', text: 'On track.' }]);
    expect(refusal(opened(), { type: 'record-support', plan: 'P1', description: ' ' }, coach)).toEqual({ kind: 'rule', rule: 'PIP-EVIDENCE', message: '/description: say what support was provided (PIP-EVIDENCE)' });
    expect(refusal(opened(), { type: 'comment', plan: 'P1', text: ' \n ' }, evaluator)).toEqual({ kind: 'rule', rule: 'PIP-EVIDENCE', message: '/text: an evaluator comment says something (PIP-EVIDENCE)' });
    const full = { ...opened(), plans: [{ ...plan1(opened()), supports: times(50, () => ({ on: '2026-09-20', description: 'x', by: coach.id })), comments: times(50, () => ({ on: '2026-09-20', text: 'x' })) }] };
    expect(refusal(full, { type: 'record-support', plan: 'P1', description: 'x' }, coach)).toEqual({ kind: 'rule', rule: 'PIP-EVIDENCE', message: 'at most 50 supports per plan' });
    expect(refusal(full, { type: 'comment', plan: 'P1', text: 'x' }, evaluator)).toEqual({ kind: 'rule', rule: 'PIP-EVIDENCE', message: 'at most 50 comments per plan' });
    const fortyNine = { ...opened(), plans: [{ ...plan1(full), supports: plan1(full).supports.slice(1), comments: plan1(full).comments.slice(1) }] };
    expect(plan1(act(fortyNine, { type: 'record-support', plan: 'P1', description: 'x' }, coach).state).supports).toHaveLength(50);
    expect(plan1(act(fortyNine, { type: 'comment', plan: 'P1', text: 'x' }, evaluator).state).comments).toHaveLength(50);
  });

  it('PIP-STATUS: the window opens on the 20th school day before the year ends (2027-05-07), not the day before', () => {
    const status: PipEvent = { type: 'record-status', plan: 'P1', status: 'not-achieved' };
    expect(refusal(opened(), status, evaluator, '2027-05-06')).toEqual({
      kind: 'conflict',
      rule: 'PIP-STATUS',
      message: 'the end-of-year status of plan P1 is recorded from 2027-05-07 (the last 20 school days), or once every action step is done',
    });
    const result = act(opened(), status, evaluator, '2027-05-07');
    expect(result.notes).toEqual(['PIP-STATUS: plan P1 not achieved', 'PIP-STATUS: every plan has its end-of-year status; the case closes']);
    expect(plan1(result.state).status).toStrictEqual({ status: 'not-achieved', on: '2027-05-07' });
  });

  it('PIP-STATUS: without the year\'s calendar the status waits for it, or for every step to be done', () => {
    const noCalendar: PipState = { ...startPip(START) };
    expect(refusal(noCalendar, { type: 'record-status', plan: 'P1', status: 'achieved' }, evaluator, '2027-06-01')).toEqual({
      kind: 'conflict',
      rule: 'PIP-STATUS',
      message: "the end-of-year status of plan P1 waits for the school year's calendar, or for every action step to be done",
    });
    const oneDone = apply(noCalendar, [{ type: 'complete-step', plan: 'P1', step: 'S1' }, employee, '2026-10-01']);
    expect(refusal(oneDone, { type: 'record-status', plan: 'P1', status: 'achieved' }, evaluator, '2026-10-02')?.kind).toBe('conflict');
    const allDone = apply(oneDone, [{ type: 'complete-step', plan: 'P1', step: 'S2' }, employee, '2026-10-02']);
    const result = act(allDone, { type: 'record-status', plan: 'P1', status: 'achieved', comments: 'Done early' }, evaluator, '2026-10-03');
    expect(result.notes).toEqual(['PIP-STATUS: plan P1 achieved', 'PIP-STATUS: every plan has its end-of-year status; the case closes']);
    expect(result.state.closed).toEqual({ reason: 'year-end-status-recorded', on: '2026-10-03', rule: 'PIP-STATUS' });
    expect(result.state.status).toBe('closed');
  });

  it('PIP-STATUS: a plan with its status takes nothing more; with two plans the first status leaves the case open', () => {
    const two = apply(opened(), [{ type: 'assign-plan', ...PLAN, goal: { statement: 'Another goal', measure: 'a count' } }, evaluator]);
    const result = act(two, { type: 'record-status', plan: 'P2', status: 'in-progress' }, evaluator, '2027-05-20');
    expect(result.notes).toEqual(['PIP-STATUS: plan P2 in progress']);
    expect(result.state.status).toBe('active');
    expect(result.state.closed).toBeUndefined();
    expect(refusal(result.state, { type: 'comment', plan: 'P2', text: 'x' }, evaluator, '2027-05-21')).toEqual({ kind: 'conflict', rule: 'PIP-STATUS', message: 'plan P2 has its end-of-year status (in-progress): it takes nothing more' });
  });

  it('PIP-STEPS: a step moves with a reason: a new completion keeps the check-in, a new check-in keeps the completion', () => {
    const moved = act(opened(), { type: 'reschedule-step', plan: 'P1', step: 'S1', completeBy: '2026-11-13', reason: 'training moved' }, evaluator);
    expect(moved.notes).toEqual(['PIP-STEPS: step S1 of plan P1 now due 2026-11-13, check-in on 2026-10-16']);
    expect(step(moved.state, 'S1')).toMatchObject({ completeBy: '2026-11-13', nextCheckIn: '2026-10-16' });
    const checkIn = act(opened(), { type: 'reschedule-step', plan: 'P1', step: 'S1', checkInOn: '2026-10-23', reason: 'sick day' }, evaluator);
    expect(step(checkIn.state, 'S1')).toMatchObject({ completeBy: '2026-10-30', nextCheckIn: '2026-10-23' });
    const noCheckIn = { ...opened(), plans: [{ ...plan1(opened()), steps: [{ ...plan1(opened()).steps[0]!, nextCheckIn: undefined }] }] };
    expect(step(act(noCheckIn, { type: 'reschedule-step', plan: 'P1', step: 'S1', completeBy: '2026-11-13', reason: 'moved' }, evaluator).state, 'S1')).toMatchObject({ completeBy: '2026-11-13', nextCheckIn: '2026-11-13' });
    expect(refusal(opened(), { type: 'reschedule-step', plan: 'P1', step: 'S1', reason: 'x' }, evaluator)).toEqual({ kind: 'rule', rule: 'PIP-STEPS', message: '/completeBy: give a new completion date, a new check-in date, or both (PIP-STEPS)' });
    expect(refusal(opened(), { type: 'reschedule-step', plan: 'P1', step: 'S1', completeBy: '2026-11-13', reason: ' ' }, evaluator)).toEqual({ kind: 'rule', rule: 'PIP-STEPS', message: '/reason: say why the step moves (PIP-STEPS)' });
    expect(refusal(opened(), { type: 'reschedule-step', plan: 'P1', step: 'S1', completeBy: '2026-10-10', reason: 'sooner' }, evaluator)).toEqual({
      kind: 'rule',
      rule: 'PIP-STEPS',
      message: '/checkInOn: the check-in (2026-10-16) comes on or before the anticipated completion (2026-10-10) (PIP-STEPS)',
    });
    expect(refusal(opened(), { type: 'reschedule-step', plan: 'P1', step: 'S9', completeBy: '2026-11-13', reason: 'x' }, evaluator)).toEqual({ kind: 'rule', rule: 'PIP-STEPS', message: '/step: plan P1 has no action step S9' });
  });

  it('PIP-STEPS: a check-in records progress; the next one comes after today and by the completion, or none is set', () => {
    const result = act(opened(), { type: 'check-in', plan: 'P1', step: 'S1', progress: ' Draft shared ', nextCheckInOn: '2026-10-30' }, evaluator, '2026-10-16');
    expect(result.notes).toEqual(['PIP-STEPS: check-in on step S1 of plan P1; next check-in on 2026-10-30']);
    expect(step(result.state, 'S1')).toMatchObject({ checkIns: [{ on: '2026-10-16', progress: 'Draft shared', by: evaluator.id }], nextCheckIn: '2026-10-30' });
    const none = act(opened(), { type: 'check-in', plan: 'P1', step: 'S1', progress: 'Draft shared' }, evaluator, '2026-10-16');
    expect(none.notes).toEqual(['PIP-STEPS: check-in on step S1 of plan P1']);
    expect(step(none.state, 'S1').nextCheckIn).toBeUndefined();
    const bad = { kind: 'rule', rule: 'PIP-STEPS', message: '/nextCheckInOn: the next check-in comes after today and by the anticipated completion (2026-10-30) (PIP-STEPS)' };
    expect(refusal(opened(), { type: 'check-in', plan: 'P1', step: 'S1', progress: 'x', nextCheckInOn: '2026-10-16' }, evaluator, '2026-10-16')).toEqual(bad);
    expect(refusal(opened(), { type: 'check-in', plan: 'P1', step: 'S1', progress: 'x', nextCheckInOn: '2026-10-31' }, evaluator, '2026-10-16')).toEqual(bad);
    expect(refusal(opened(), { type: 'check-in', plan: 'P1', step: 'S1', progress: ' ' }, evaluator, '2026-10-16')).toEqual({ kind: 'rule', rule: 'PIP-STEPS', message: '/progress: a check-in records the progress made (PIP-STEPS)' });
    const full = { ...opened(), plans: [{ ...plan1(opened()), steps: [{ ...plan1(opened()).steps[0]!, checkIns: times(20, () => ({ on: '2026-10-01', progress: 'x', by: evaluator.id })) }] }] };
    expect(refusal(full, { type: 'check-in', plan: 'P1', step: 'S1', progress: 'x' }, evaluator, '2026-10-16')).toEqual({ kind: 'rule', rule: 'PIP-STEPS', message: 'at most 20 check-ins per step' });
    const nineteen = { ...full, plans: [{ ...plan1(full), steps: [{ ...plan1(full).steps[0]!, checkIns: plan1(full).steps[0]!.checkIns.slice(1) }] }] };
    expect(step(act(nineteen, { type: 'check-in', plan: 'P1', step: 'S1', progress: 'x' }, evaluator, '2026-10-16').state, 'S1').checkIns).toHaveLength(20);
  });

  it('PIP-STEPS: a completed step is dated, runs no check-in, and takes nothing more', () => {
    const result = act(opened(), { type: 'complete-step', plan: 'P1', step: 'S1' }, employee, '2026-10-20');
    expect(result.notes).toEqual(['PIP-STEPS: step S1 of plan P1 completed']);
    expect(step(result.state, 'S1')).toMatchObject({ completedOn: '2026-10-20', nextCheckIn: undefined });
    expect([step(result.state, 'S2').completedOn, step(result.state, 'S2').nextCheckIn]).toEqual([undefined, '2027-01-22']);
    expect(refusal(result.state, { type: 'complete-step', plan: 'P1', step: 'S1' }, employee, '2026-10-21')).toEqual({ kind: 'conflict', rule: 'PIP-STEPS', message: 'action step S1 of plan P1 was completed on 2026-10-20' });
  });

  it('PIP-STEPS / PIP-STATUS: a passed deadline is recorded on its step or plan, with the date it was due', () => {
    const passed = (s: PipState, deadline: string) => act(s, { type: 'deadline-passed', deadline }, { id: 'system:deadline', roles: [], district: 'riverside' });
    const completion = passed(opened(), 'completion:P1:S1:2026-10-30');
    expect(completion.notes).toEqual(['PIP-STEPS: the completion of step S1 of plan P1 was due 2026-10-30']);
    expect(step(completion.state, 'S1')).toMatchObject({ missed: ['completion 2026-10-30'], nextCheckIn: '2026-10-16' });
    // A missed completion leaves the check-in alone, even one set for the same day.
    const sameDay = { ...opened(), plans: [{ ...plan1(opened()), steps: [{ ...plan1(opened()).steps[0]!, nextCheckIn: '2026-10-30' }] }] };
    expect(step(passed(sameDay, 'completion:P1:S1:2026-10-30').state, 'S1')).toMatchObject({ missed: ['completion 2026-10-30'], nextCheckIn: '2026-10-30' });
    const oldCheckIn = passed(opened(), 'check-in:P1:S1:2026-10-09');
    expect(step(oldCheckIn.state, 'S1')).toMatchObject({ missed: ['check-in 2026-10-09'], nextCheckIn: '2026-10-16' });
    const checkIn = passed(opened(), 'check-in:P1:S1:2026-10-16');
    expect(step(checkIn.state, 'S1')).toMatchObject({ missed: ['check-in 2026-10-16'], nextCheckIn: undefined });
    expect(checkIn.notes).toEqual(['PIP-STEPS: the check-in of step S1 of plan P1 was due 2026-10-16']);
    expect(passed(opened(), 'year-end-status:P1:2027-06-04').notes).toEqual(['PIP-STATUS: the end-of-year status of plan P1 was due 2027-06-04']);
    for (const unknown of ['check-in:P1:S9:2026-10-16', 'check-in:P7:S1:2026-10-16', 'review:P1', 'year-end-status:P1']) {
      const before = opened();
      const result = passed(before, unknown);
      expect(result.notes).toEqual([]);
      expect(result.state).toBe(before);
    }
  });
});

describe('a case as it opens (PIP-TEAM, PIP-GOAL)', () => {
  it('PIP-TEAM / PIP-GOAL: the start as given, plan P1 assigned on the opening day; no school named, none kept', () => {
    expect(startPip(START)).toStrictEqual({
      id: 'PIP-2026-001',
      district: 'riverside',
      schoolYear: '2026-2027',
      school: 'lincoln-elementary',
      employee: START.employee,
      evaluator: START.evaluator,
      team: START.team,
      plans: [
        {
          id: 'P1',
          assignedOn: '2026-09-14',
          goal: START.plan.goal,
          alignment: ['1a', 'PR2'],
          evidencePlanned: 'Conference logs and family survey results',
          steps: [
            { id: 'S1', description: 'Draft a conference protocol with the program lead', completeBy: '2026-10-30', nextCheckIn: '2026-10-16', checkIns: [], missed: [] },
            { id: 'S2', description: 'Hold and log the conferences', completeBy: '2027-04-16', nextCheckIn: '2027-01-22', checkIns: [], missed: [] },
          ],
          evidence: [],
          supports: [],
          comments: [],
        },
      ],
      openedOn: '2026-09-14',
      status: 'active',
    });
    expect(startPip({ ...START, school: undefined })).not.toHaveProperty('school');
  });
});
