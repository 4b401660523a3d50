import { describe, expect, it } from 'vitest';
import { ARTIFACT_LIMITS, PIP_STANDARDS } from '../../../src/domain/pip/pip-case';
import { alignmentProblem, documentProblem, goalProblem, planProblem, startProblem, stepProblem, teamProblem } from '../../../src/domain/pip/pip-rules';
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
