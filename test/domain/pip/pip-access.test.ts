import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { pipRelation, pipSees, PIP_PARTS, PIP_RELATIONS, type PipPart, type PipRelation } from '../../../src/domain/pip/pip-access';
import type { PipState } from '../../../src/domain/pip/pip-case';
import { pipFamily } from '../../../src/domain/pip/pip-family';
import { startPip } from '../../../src/domain/pip/pip-process';
import { visiblePipView } from '../../../src/domain/pip/pip-view';
import { auditor, coach, DISTRICT, employee, evaluator, hr, START, stranger } from './pip-fixtures';

// The tables below are written out by hand from the README's access tables ("Improvement plan (PIP)"), never read
// from PIP_ACCESS: a wrong entry in the code's table fails these tests.
// A function, not a module constant: code run while a test module loads is a static mutant, which the vitest runner
// cannot activate (stryker-js#6144), so each test opens its own case.
const state = (): PipState => ({
  ...startPip(START),
  plans: [
    {
      ...startPip(START).plans[0]!,
      evidence: [{ id: 'E1', kind: 'evidence', description: 'EVIDENCE-MARKER', addedOn: '2026-09-20', addedBy: employee.id }],
      supports: [{ on: '2026-09-21', description: 'SUPPORT-MARKER', by: coach.id }],
      comments: [{ on: '2026-09-22', text: 'COMMENT-MARKER' }],
      status: { status: 'in-progress', on: '2027-05-20', comments: 'STATUS-COMMENT-MARKER' },
      statusOverdue: true,
    },
  ],
});

const readers: readonly [string, Actor, PipRelation][] = [
  ['the employee', employee, 'employee'],
  ['the primary evaluator', evaluator, 'evaluator'],
  ['a team member', coach, 'team-member'],
  ['HR of the district', hr, 'hr'],
  ['an auditor of the district', auditor, 'auditor'],
  ['a principal not on the team', stranger, 'other'],
  ['HR of another district', { id: 'hr-9', roles: ['hr'], district: 'elsewhere' }, 'other'],
  ['the employee signed in to another district', { ...employee, district: 'elsewhere' }, 'other'],
  ['someone with no role', { id: 'nobody', roles: [], district: DISTRICT }, 'other'],
];

//                      summary plans evidence comments status record
const SEES: Record<PipRelation, readonly [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  employee: [true, true, true, true, true, false],
  evaluator: [true, true, true, true, true, false],
  'team-member': [true, true, true, false, true, false],
  hr: [true, true, true, true, true, true],
  auditor: [true, true, true, true, true, true],
  other: [false, false, false, false, false, false],
};

describe('how a person stands to an improvement plan case (PIP-TEAM), from the token', () => {
  it.each(readers)('PIP-TEAM: %s is %s', (_who, actor, relation) => {
    expect(pipRelation(state(), actor)).toBe(relation);
  });

  it('PIP-TEAM: a person is known by the employee id the token carries as well as by its sub', () => {
    expect(pipRelation(state(), { id: 'idp-77', employeeId: employee.id, roles: ['participant'], district: DISTRICT })).toBe('employee');
    expect(pipRelation(state(), { id: 'idp-78', employeeId: coach.id, roles: [], district: DISTRICT })).toBe('team-member');
  });

  it('PIP-TEAM: any member of a larger team is a team member', () => {
    const team = { ...state(), team: [{ id: 'lead-1', name: 'Jo Lead', role: 'program lead' }, ...START.team] };
    expect(pipRelation(team, coach)).toBe('team-member');
  });

  it('PIP-TEAM: a team member without an account id is nobody\'s relation; the employee comes before HR', () => {
    const s = { ...state(), team: [{ name: 'No Account', role: 'program lead' }] };
    expect(pipRelation(s, { id: 'x', roles: ['hr'], district: DISTRICT })).toBe('hr');
    expect(pipRelation(s, coach)).toBe('other');
    expect(pipRelation(state(), { ...employee, roles: ['hr', 'participant'] })).toBe('employee');
    expect(pipRelation(state(), { ...evaluator, roles: ['auditor'] })).toBe('evaluator');
  });
});

describe('who sees what of a case (PIP_ACCESS), written out', () => {
  it.each(readers)('PIP-TEAM: %s (%s) sees exactly the parts of the table', (_who, actor, relation) => {
    expect(PIP_PARTS.map((part: PipPart) => pipSees(state(), actor, part))).toEqual(SEES[relation]);
    expect(pipFamily.sees(state(), actor)).toBe(SEES[relation][0]);
    expect(pipFamily.seesWholeRecord(state(), actor)).toBe(SEES[relation][5]);
  });

  it('PIP-EVIDENCE: an action shows in a timeline where its part is seen: comments and the status to the evaluator, not to a team member', () => {
    const actions = ['assign-plan', 'add-step', 'reschedule-step', 'check-in', 'complete-step', 'add-evidence', 'record-support', 'comment', 'record-status', 'withdraw', 'add-team-member'];
    expect(actions.map((a) => pipFamily.seesAction(state(), coach, a))).toEqual([true, true, true, true, true, true, true, false, false, true, true]);
    expect(actions.map((a) => pipFamily.seesAction(state(), evaluator, a))).toEqual(actions.map(() => true));
    expect(actions.map((a) => pipFamily.seesAction(state(), stranger, a))).toEqual(actions.map(() => false));
  });

  it('PIP-EVIDENCE: the view of a team member leaves out the evaluator\'s comments and the status\'s comments, naming them withheld', () => {
    const view = visiblePipView(state(), coach)!;
    const text = JSON.stringify(view);
    expect(view.relation).toBe('team-member');
    expect(view.withheld).toEqual(['comments', 'record']);
    for (const marker of ['EVIDENCE-MARKER', 'SUPPORT-MARKER']) expect(text).toContain(marker);
    for (const marker of ['COMMENT-MARKER', 'STATUS-COMMENT-MARKER']) expect(text).not.toContain(marker);
    expect(view.plans).toEqual([
      {
        id: 'P1',
        assignedOn: '2026-09-14',
        goal: START.plan.goal,
        alignment: ['1a', 'PR2'],
        evidencePlanned: 'Conference logs and family survey results',
        steps: state().plans[0]!.steps,
        evidence: state().plans[0]!.evidence,
        supports: state().plans[0]!.supports,
        status: { status: 'in-progress', on: '2027-05-20' },
        statusOverdue: true,
      },
    ]);
  });

  it('PIP-STATUS: the employee sees the whole plan, the status with its comments; the record stays with HR and auditors', () => {
    const view = visiblePipView(state(), employee)!;
    expect(view).toMatchObject({
      id: 'PIP-2026-001',
      district: DISTRICT,
      schoolYear: '2026-2027',
      school: 'lincoln-elementary',
      status: 'active',
      openedOn: '2026-09-14',
      relation: 'employee',
      withheld: ['record'],
      employee: START.employee,
      evaluator: START.evaluator,
      team: START.team,
    });
    expect(view.plans[0]).toMatchObject({ comments: [{ on: '2026-09-22', text: 'COMMENT-MARKER' }], status: { status: 'in-progress', on: '2027-05-20', comments: 'STATUS-COMMENT-MARKER' } });
    expect(visiblePipView(state(), hr)!.withheld).toEqual([]);
  });

  it('PIP-STATUS: a plan without a status or an overdue mark shows neither', () => {
    const fresh = startPip(START);
    const plan = visiblePipView(fresh, evaluator)!.plans[0]!;
    expect('status' in plan).toBe(false);
    expect('statusOverdue' in plan).toBe(false);
    expect(plan.comments).toEqual([]);
  });

  it.each([stranger, { id: 'hr-9', roles: ['hr'], district: 'elsewhere' } as Actor])('PIP-TEAM: %o does not learn the case exists (404)', (actor) => {
    expect(visiblePipView(state(), actor)).toBeUndefined();
  });
});

describe('the columns of the published tables (pip-access.ts)', () => {
  it('PIP-TEAM: the relations and parts, in the order of the README\'s columns', () => {
    expect(PIP_RELATIONS).toEqual(['employee', 'evaluator', 'team-member', 'hr', 'auditor', 'other']);
    expect(PIP_PARTS).toEqual(['summary', 'plans', 'evidence', 'comments', 'status', 'record']);
  });
});
