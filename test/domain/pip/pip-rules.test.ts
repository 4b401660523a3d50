import { describe, expect, it } from 'vitest';
import { ARTIFACT_LIMITS, GOAL_STATUSES, PIP_LIMITS, PIP_STANDARDS, PRACTICE_STANDARDS, PROFESSIONAL_RESPONSIBILITIES, STATUS_WINDOW_SCHOOL_DAYS } from '../../../src/domain/pip/pip-case';
import { alignmentProblem, documentProblem, goalProblem, goalsOf, planProblem, startProblem, stepProblem, teamProblem } from '../../../src/domain/pip/pip-rules';
import { PLAN, START } from './pip-fixtures';

const goal = PLAN.goal;
const sha = 'a'.repeat(64);

describe('PIP-GOAL: one specific, measurable growth goal per plan', () => {
  it.each([
    ['a goal stated with its measure', goal, [], undefined],
    ['no statement', { ...goal, statement: '  ' }, [], '/goal/statement'],
    ['no measure: not measurable', { ...goal, measure: '' }, [], '/goal/measure'],
    ['the goal of another plan (case and spaces aside)', goal, [{ ...goal, statement: `  ${goal.statement.toUpperCase()} ` }], '/goal/statement'],
  ])('PIP-GOAL: %s', (_name, g, others, field) => {
    const problem = goalProblem(g, others, '/goal');
    expect(problem?.field).toBe(field);
    if (problem) expect(problem.rule).toBe('PIP-GOAL');
  });
});

describe('PIP-ALIGN: aligned to 1a-1d, 2a-2d and PR1-PR7', () => {
  it('PIP-ALIGN: the form lists fifteen standards', () => {
    expect(PIP_STANDARDS).toEqual(['1a', '1b', '1c', '1d', '2a', '2b', '2c', '2d', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5', 'PR6', 'PR7']);
  });
  it.each([
    [['1a'], undefined],
    [['2d', 'PR7'], undefined],
    [[], '/alignment'],
    [['3a'], '/alignment/0'],
    [['1a', 'PR8'], '/alignment/1'],
    [['PR1', 'PR1'], '/alignment/1'],
  ])('PIP-ALIGN: %j -> %s', (alignment, field) => {
    const problem = alignmentProblem(alignment, '/alignment');
    expect(problem?.field).toBe(field);
    if (problem) expect(problem.rule).toBe('PIP-ALIGN');
  });
});

describe('PIP-STEPS: each action step has an anticipated completion date and a check-in date', () => {
  const step = { description: 'Observe a colleague', completeBy: '2026-11-20', checkInOn: '2026-11-06' };
  it.each([
    ['dates ahead, check-in first', step, undefined],
    ['check-in on the completion day', { ...step, checkInOn: step.completeBy }, undefined],
    ['no description', { ...step, description: ' ' }, '/s/description'],
    ['completion in the past', { ...step, completeBy: '2026-09-01' }, '/s/completeBy'],
    ['check-in in the past', { ...step, checkInOn: '2026-09-01' }, '/s/checkInOn'],
    ['check-in after the completion', { ...step, checkInOn: '2026-11-27' }, '/s/checkInOn'],
    ['completion after the school year ends: the plan is then In Progress', { ...step, completeBy: '2027-06-10' }, undefined],
  ])('PIP-STEPS: %s', (_name, s, field) => {
    const problem = stepProblem(s, '2026-09-14', '/s');
    expect(problem?.field).toBe(field);
    if (problem) expect(problem.rule).toBe('PIP-STEPS');
  });

  it('PIP-STEPS: a plan has 1 to 10 action steps', () => {
    expect(planProblem({ ...PLAN, steps: [] }, [], '2026-09-14')?.field).toBe('/steps');
    expect(planProblem({ ...PLAN, steps: Array.from({ length: 11 }, () => PLAN.steps[0]!) }, [], '2026-09-14')?.field).toBe('/steps');
    expect(planProblem(PLAN, [], '2026-09-14')).toBeUndefined();
  });
});

describe('PIP-TEAM: a primary evaluator and other team members', () => {
  it.each([
    ['evaluator and a coach', START, undefined],
    ['the employee as their own evaluator', { ...START, evaluator: { ...START.evaluator, id: START.employee.id } }, '/evaluator/id'],
    ['the employee on the team', { ...START, team: [{ id: START.employee.id, name: 'x', role: 'coach' }] }, '/team/0/id'],
    ['the evaluator twice', { ...START, team: [{ name: 'a', role: 'lead' }, { id: START.evaluator.id, name: 'x', role: 'coach' }] }, '/team/1/id'],
  ])('PIP-TEAM: %s', (_name, start, field) => {
    const problem = teamProblem(start);
    expect(problem?.field).toBe(field);
    if (problem) expect(problem.rule).toBe('PIP-TEAM');
  });

  it('PIP-TEAM / PIP-GOAL: a start is checked for its team, then its plan, fields under /plan', () => {
    expect(startProblem(START, '2026-09-14')).toBeUndefined();
    expect(startProblem({ ...START, plan: { ...PLAN, alignment: ['9z'] } }, '2026-09-14')).toMatchObject({ rule: 'PIP-ALIGN', field: '/plan/alignment/0' });
  });
});

describe('PIP-EVIDENCE: artifacts are uploaded documents within the size and type limits', () => {
  it.each([
    ['evidence described, no document', 'evidence', undefined, undefined],
    ['an artifact with its claim check', 'artifact', { sha256: sha, size: 1000, contentType: 'application/pdf' }, undefined],
    ['an artifact without a document', 'artifact', undefined, '/document'],
    ['a digest that is not SHA-256 hex', 'artifact', { sha256: 'xyz', size: 1000, contentType: 'application/pdf' }, '/document/sha256'],
    ['an empty document', 'artifact', { sha256: sha, size: 0, contentType: 'application/pdf' }, '/document/size'],
    ['a document over the limit', 'artifact', { sha256: sha, size: ARTIFACT_LIMITS.maxBytes + 1, contentType: 'application/pdf' }, '/document/size'],
    ['a type the plan does not take', 'evidence', { sha256: sha, size: 10, contentType: 'application/x-msdownload' }, '/document/contentType'],
    ['plain text with its charset', 'artifact', { sha256: sha, size: 10, contentType: 'text/plain; charset=utf-8' }, undefined],
  ] as const)('PIP-EVIDENCE: %s', (_name, kind, document, field) => {
    const problem = documentProblem(kind, document, '');
    expect(problem?.field).toBe(field);
    if (problem) expect(problem.rule).toBe('PIP-EVIDENCE');
  });
});

describe('what a refused plan, step or document is told, and the edges of each check (PIP-*)', () => {
  it('PIP-GOAL: the same goal with other spacing and case is another plan\'s goal; a different goal is not', () => {
    expect(goalProblem({ statement: 'Hold  a documented\tfamily conference for every student on my caseload', measure: 'm' }, [goal], '/goal')).toEqual({
      rule: 'PIP-GOAL',
      field: '/goal/statement',
      message: 'one goal per plan: another plan of this case already has this goal',
    });
    expect(goalProblem({ statement: 'Hold a documented family conference for every student', measure: 'm' }, [goal], '/goal')).toBeUndefined();
    // Spaces are collapsed, not removed: words run together make another goal.
    expect(goalProblem({ statement: 'Log calls', measure: 'm' }, [{ statement: 'Logcalls', measure: 'm' }], '/goal')).toBeUndefined();
    expect(goalProblem({ statement: ' ', measure: 'm' }, [], '/goal')).toEqual({ rule: 'PIP-GOAL', field: '/goal/statement', message: 'a plan states one specific growth goal' });
    expect(goalProblem({ statement: 'A goal', measure: '\n' }, [], '/goal')).toEqual({ rule: 'PIP-GOAL', field: '/goal/measure', message: 'the goal must be measurable: say how it is measured' });
  });

  it('PIP-ALIGN: each refusal names the standard and why', () => {
    expect(alignmentProblem([], '/alignment')).toEqual({ rule: 'PIP-ALIGN', field: '/alignment', message: 'the goal aligns to at least one standard: 1a-1d, 2a-2d or PR1-PR7' });
    expect(alignmentProblem(['1a', '2e'], '/a')).toEqual({ rule: 'PIP-ALIGN', field: '/a/1', message: '2e is not one of 1a-1d, 2a-2d, PR1-PR7' });
    expect(alignmentProblem(['PR3', '1b', 'PR3'], '/a')).toEqual({ rule: 'PIP-ALIGN', field: '/a/2', message: 'PR3 is named twice' });
    expect(alignmentProblem([...PIP_STANDARDS], '/a')).toBeUndefined();
  });

  it('PIP-STEPS: dates on today are not in the past; each refusal says which date and why', () => {
    const today = '2026-09-14';
    expect(stepProblem({ description: 'Read', completeBy: today, checkInOn: today }, today, '/s')).toBeUndefined();
    expect(stepProblem({ description: ' ', completeBy: today, checkInOn: today }, today, '/s')).toEqual({ rule: 'PIP-STEPS', field: '/s/description', message: 'an action step says what will be done' });
    expect(stepProblem({ description: 'Read', completeBy: '2026-09-13', checkInOn: today }, today, '/s')).toEqual({ rule: 'PIP-STEPS', field: '/s/completeBy', message: 'the anticipated completion date 2026-09-13 is in the past' });
    expect(stepProblem({ description: 'Read', completeBy: '2026-09-20', checkInOn: '2026-09-13' }, today, '/s')).toEqual({ rule: 'PIP-STEPS', field: '/s/checkInOn', message: 'the check-in date 2026-09-13 is in the past' });
    expect(stepProblem({ description: 'Read', completeBy: '2026-09-20', checkInOn: '2026-09-21' }, today, '/s')).toEqual({
      rule: 'PIP-STEPS',
      field: '/s/checkInOn',
      message: 'the check-in (2026-09-21) comes on or before the anticipated completion (2026-09-20)',
    });
  });

  it('PIP-STEPS: a plan has 1 to 10 steps (10 accepted), each step checked under its index; goal and alignment first', () => {
    const step = PLAN.steps[0]!;
    expect(planProblem({ ...PLAN, steps: Array.from({ length: 10 }, () => step) }, [], '2026-09-14')).toBeUndefined();
    expect(planProblem({ ...PLAN, steps: [] }, [], '2026-09-14', '/plan')).toEqual({ rule: 'PIP-STEPS', field: '/plan/steps', message: 'a plan has 1 to 10 action steps' });
    expect(planProblem({ ...PLAN, steps: [step, { ...step, description: '' }] }, [], '2026-09-14', '/plan')).toMatchObject({ field: '/plan/steps/1/description' });
    expect(planProblem({ ...PLAN, alignment: [], steps: [] }, [], '2026-09-14')).toMatchObject({ rule: 'PIP-ALIGN' });
    expect(planProblem({ ...PLAN, goal: { statement: '', measure: 'm' }, alignment: [] }, [], '2026-09-14')).toMatchObject({ rule: 'PIP-GOAL', field: '/goal/statement' });
    expect(planProblem(PLAN, [PLAN.goal], '2026-09-14')).toMatchObject({ rule: 'PIP-GOAL' });
  });

  it('PIP-TEAM: at most 20 other team members; each refusal says why', () => {
    const member = (i: number) => ({ id: `m${i}`, name: `M ${i}`, role: 'coach' });
    expect(teamProblem({ ...START, team: Array.from({ length: 20 }, (_, i) => member(i)) })).toBeUndefined();
    expect(teamProblem({ ...START, team: Array.from({ length: 21 }, (_, i) => member(i)) })).toEqual({ rule: 'PIP-TEAM', field: '/team', message: 'at most 20 other team members' });
    expect(teamProblem({ ...START, evaluator: { ...START.evaluator, id: START.employee.id } })).toEqual({ rule: 'PIP-TEAM', field: '/evaluator/id', message: 'the primary evaluator is not the employee' });
    expect(teamProblem({ ...START, team: [{ name: 'No account', role: 'mentor' }, { id: START.employee.id, name: 'x', role: 'coach' }] })).toEqual({
      rule: 'PIP-TEAM',
      field: '/team/1/id',
      message: 'a team member is someone other than the employee and the primary evaluator',
    });
    expect(startProblem({ ...START, evaluator: { ...START.evaluator, id: START.employee.id }, plan: { ...PLAN, alignment: [] } }, '2026-09-14')).toMatchObject({ rule: 'PIP-TEAM' });
    expect(startProblem({ ...START, plan: { ...PLAN, steps: [] } }, '2026-09-14')).toMatchObject({ field: '/plan/steps' });
  });

  it('PIP-EVIDENCE: the document limits, at their edges, with the reasons', () => {
    const doc = { sha256: sha, size: 1, contentType: 'application/pdf' };
    expect(documentProblem('artifact', doc, '/x')).toBeUndefined();
    expect(documentProblem('artifact', { ...doc, size: 10 * 1024 * 1024 }, '/x')).toBeUndefined();
    expect(documentProblem('artifact', { ...doc, size: 10 * 1024 * 1024 + 1 }, '/x')).toEqual({ rule: 'PIP-EVIDENCE', field: '/x/document/size', message: 'a document of 1 byte to 10485760 bytes' });
    expect(documentProblem('artifact', { ...doc, size: 1.5 }, '/x')).toMatchObject({ field: '/x/document/size' });
    expect(documentProblem('artifact', { ...doc, size: -1 }, '/x')).toMatchObject({ field: '/x/document/size' });
    expect(documentProblem('artifact', undefined, '/x')).toEqual({ rule: 'PIP-EVIDENCE', field: '/x/document', message: 'an artifact is an uploaded document' });
    const digest = { rule: 'PIP-EVIDENCE', field: '/x/document/sha256', message: 'the SHA-256 of the document, 64 lower-case hex digits' };
    expect(documentProblem('evidence', { ...doc, sha256: 'A'.repeat(64) }, '/x')).toEqual(digest);
    expect(documentProblem('evidence', { ...doc, sha256: `${sha}0` }, '/x')).toEqual(digest);
    expect(documentProblem('evidence', { ...doc, sha256: `x${sha}` }, '/x')).toEqual(digest);
    expect(documentProblem('evidence', { ...doc, sha256: sha.slice(1) }, '/x')).toEqual(digest);
    expect(documentProblem('evidence', { ...doc, contentType: 'Image/PNG ; q=1' }, '/x')).toBeUndefined();
    expect(documentProblem('evidence', { ...doc, contentType: 'application/zip' }, '/x')).toEqual({
      rule: 'PIP-EVIDENCE',
      field: '/x/document/contentType',
      message: 'application/zip is not a type the plan takes (application/pdf, image/png, image/jpeg, text/plain, application/vnd.openxmlformats-officedocument.wordprocessingml.document)',
    });
    expect(ARTIFACT_LIMITS.maxBytes).toBe(10_485_760);
  });

  it('PIP-GOAL: the goals of a case are its plans\' goals, in order', () => {
    expect(goalsOf({ plans: [{ goal: { statement: 'a', measure: '1' } }, { goal: { statement: 'b', measure: '2' } }] as never })).toEqual([
      { statement: 'a', measure: '1' },
      { statement: 'b', measure: '2' },
    ]);
  });
});

describe('what bounds a case and when the status is recorded (pip-case.ts)', () => {
  it('PIP-STATUS: a goal ends the year Achieved, Not Achieved or In Progress, recorded in the last 20 school days', () => {
    expect(GOAL_STATUSES).toEqual(['achieved', 'not-achieved', 'in-progress']);
    expect(STATUS_WINDOW_SCHOOL_DAYS).toBe(20);
  });

  it('PIP-ALIGN: practice standards 1a-1d and 2a-2d, professional responsibilities PR1-PR7', () => {
    expect(PRACTICE_STANDARDS).toEqual(['1a', '1b', '1c', '1d', '2a', '2b', '2c', '2d']);
    expect(PROFESSIONAL_RESPONSIBILITIES).toEqual(['PR1', 'PR2', 'PR3', 'PR4', 'PR5', 'PR6', 'PR7']);
  });

  it('PIP-EVIDENCE: the bounds of a case and of an artifact [design]', () => {
    expect(PIP_LIMITS).toEqual({ plans: 10, stepsPerPlan: 10, evidencePerPlan: 50, supportsPerPlan: 50, commentsPerPlan: 50, checkInsPerStep: 20, team: 20 });
    expect(ARTIFACT_LIMITS).toEqual({
      maxBytes: 10_485_760,
      contentTypes: ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    });
  });
});
