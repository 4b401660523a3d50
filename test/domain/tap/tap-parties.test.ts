import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { tapFamily } from '../../../src/domain/tap/tap-family';
import { TAP_ACCESS, tapRelation, type TapRelation } from '../../../src/domain/tap/tap-parties';
import { tapVisibleView } from '../../../src/domain/tap/tap-visibility';
import { administrator, association, auditor, districtLead, hr, hrOfAnotherDistrict, opened, otherPrincipal, otherTeacher, planAt, run, teacher } from './tap-fixtures';

const SECRET_ISSUE = 'ISSUE-MARKER-31c7';
const SECRET_MEETING = 'MEETING-MARKER-a9e0';

/** A level 2 plan with a confidential issue and a meeting. */
function level2() {
  return run(opened(1), [
    [{ type: 'review', outcome: 'move-up', level: 2, plan: planAt(2, { issues: [SECRET_ISSUE] }), summary: 'Concerns persist' }, '2026-11-16', administrator],
    [{ type: 'record-meeting', on: '2026-11-20', notes: SECRET_MEETING }, '2026-11-20', districtLead],
  ]);
}

describe('how a person stands to a plan (tap-parties.ts), from the token', () => {
  const relations: readonly [string, Actor, TapRelation][] = [
    ['the teacher', teacher, 'teacher'],
    ['association staff named at level 2', association, 'association'],
    ['the administrator', administrator, 'administrator'],
    ['district personnel named at level 2', districtLead, 'district'],
    ['HR', hr, 'hr'],
    ['an auditor', auditor, 'auditor'],
    ['another teacher', otherTeacher, 'other'],
    ['another principal', otherPrincipal, 'other'],
    ['HR of another district', hrOfAnotherDistrict, 'other'],
  ];
  it.each(relations)('TAP-LEVELS: %s is %s', (_who, actor, relation) => {
    expect(tapRelation(level2(), actor)).toBe(relation);
  });

  it('TAP-LEVELS: association staff and district personnel are parties from level 2, and no longer once the plan moves back to level 1', () => {
    expect(tapRelation(opened(1), association)).toBe('other');
    expect(tapRelation(opened(1), districtLead)).toBe('other');
    const down = run(level2(), [[{ type: 'review', outcome: 'move-down', level: 1, plan: planAt(1), summary: 'Better' }, '2026-12-14', hr]]);
    expect(tapRelation(down, association)).toBe('other');
    expect(tapFamily.sees(down, association)).toBe(false);
  });

  it('TAP-LEVELS: a person is known by the employee id the token carries as well as by its sub', () => {
    const state = opened(1);
    expect(tapRelation(state, { id: 'idp-123', employeeId: 'dana.reyes', roles: ['participant'], district: 'district-a' })).toBe('teacher');
  });
});

describe('who sees what of a plan (TAP_ACCESS), in the view each reader gets', () => {
  const readers: readonly [TapRelation, Actor][] = [
    ['teacher', teacher],
    ['association', association],
    ['administrator', administrator],
    ['district', districtLead],
    ['hr', hr],
    ['auditor', auditor],
  ];
  it.each(readers)('TAP-DOC: the %s sees the plan content and meeting notes exactly as the table says', (relation, actor) => {
    const view = tapVisibleView(level2(), actor)!;
    const text = JSON.stringify(view);
    expect(view.relation).toBe(relation);
    expect(text.includes(SECRET_ISSUE)).toBe(TAP_ACCESS[relation].plan);
    expect(text.includes(SECRET_MEETING)).toBe(TAP_ACCESS[relation].meetings);
    expect(view.plans[0]!.review !== undefined).toBe(TAP_ACCESS[relation].reviews);
    expect(view).toMatchObject({ level: 2, status: 'in-plan', teacher: { name: 'Dana Reyes' } });
    expect(text).not.toContain('dana@example.org');
  });

  it.each([otherTeacher, otherPrincipal, hrOfAnotherDistrict])('TAP-DOC: %o does not learn the plan exists', (actor) => {
    expect(tapVisibleView(level2(), actor)).toBeUndefined();
    expect(tapFamily.sees(level2(), actor)).toBe(false);
  });

  it('TAP-DOC: the auditor sees levels, dates and review outcomes, the content withheld; only HR has the raw record', () => {
    expect(tapVisibleView(level2(), auditor)).toMatchObject({ withheld: ['plan', 'meetings'], plans: [{ level: 1, review: { outcome: 'move-up' } }, { level: 2 }] });
    expect([teacher, association, administrator, districtLead, hr, auditor].map((a) => tapFamily.seesWholeRecord(level2(), a))).toEqual([false, false, false, false, true, false]);
    expect(tapFamily.seesAction(level2(), auditor, 'record-meeting')).toBe(false);
    expect(tapFamily.seesAction(level2(), auditor, 'revise-plan')).toBe(false);
    expect(tapFamily.seesAction(level2(), auditor, 'review')).toBe(true);
    expect(tapFamily.seesAction(level2(), teacher, 'record-meeting')).toBe(true);
  });
});
