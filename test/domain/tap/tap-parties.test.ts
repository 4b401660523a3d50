import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { tapFamily } from '../../../src/domain/tap/tap-family';
import { TAP_PARTS, TAP_RELATIONS, tapRelation, tapSees, type TapRelation } from '../../../src/domain/tap/tap-parties';
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

// Written out by hand from the README's table "Teacher Assistance Plan: who may see what", never read from TAP_ACCESS:
// a wrong entry in the code's table fails these tests. Columns: summary, plan, meetings, reviews, record.
const SEES: Record<TapRelation, readonly [boolean, boolean, boolean, boolean, boolean]> = {
  teacher: [true, true, true, true, false],
  association: [true, true, true, true, false],
  administrator: [true, true, true, true, false],
  district: [true, true, true, true, false],
  hr: [true, true, true, true, true],
  auditor: [true, false, false, true, false],
  other: [false, false, false, false, false],
};

describe('who sees what of a plan (TAP_ACCESS), in the view each reader gets', () => {
  const everyone: readonly [TapRelation, Actor][] = [
    ['teacher', teacher],
    ['association', association],
    ['administrator', administrator],
    ['district', districtLead],
    ['hr', hr],
    ['auditor', auditor],
    ['other', otherTeacher],
  ];
  it.each(everyone)('TAP-DOC: the %s sees exactly the parts of the table', (relation, actor) => {
    expect(TAP_PARTS.map((part) => tapSees(level2(), actor, part))).toEqual(SEES[relation]);
    expect(tapFamily.sees(level2(), actor)).toBe(SEES[relation][0]);
    expect(tapFamily.seesWholeRecord(level2(), actor)).toBe(SEES[relation][4]);
  });

  it('TAP-DOC: what each reader is told is withheld, and the view of the whole plan', () => {
    expect(tapVisibleView(level2(), auditor)!.withheld).toEqual(['plan', 'meetings']);
    expect(tapVisibleView(level2(), hr)!.withheld).toEqual([]);
    expect(tapVisibleView(level2(), teacher)).toEqual({
      id: 'TAP-1',
      district: 'district-a',
      school: 'lincoln-elementary',
      relation: 'teacher',
      teacher: { name: 'Dana Reyes' },
      administrator: { name: 'Lin Ng' },
      level: 2,
      status: 'in-plan',
      openedOn: '2026-10-05',
      closed: undefined,
      plans: [
        { n: 1, level: 1, startedOn: '2026-10-05', acknowledgedOn: undefined, revisedOn: undefined, reviewMissedOn: undefined, plan: planAt(1), revisionReason: undefined, review: { outcome: 'move-up', toLevel: 2, summary: 'Concerns persist', on: '2026-11-16', by: administrator.id } },
        { n: 2, level: 2, startedOn: '2026-11-16', acknowledgedOn: undefined, revisedOn: undefined, reviewMissedOn: undefined, plan: planAt(2, { issues: [SECRET_ISSUE] }), revisionReason: undefined },
      ],
      meetings: [{ on: '2026-11-20', level: 2, notes: SECRET_MEETING, by: districtLead.id }],
      withheld: [],
    });
  });

  it('TAP-DOC: the auditor gets no meetings and no plan content, the levels and reviews kept', () => {
    const view = tapVisibleView(level2(), auditor)!;
    expect('meetings' in view).toBe(false);
    expect(view.plans.map((p) => ['plan' in p, 'revisionReason' in p, p.review?.outcome])).toEqual([
      [false, false, 'move-up'],
      [false, false, undefined],
    ]);
    // A plan not reviewed yet has no review at all, for any reader (not one set to undefined).
    expect([auditor, teacher, hr].map((a) => 'review' in tapVisibleView(level2(), a)!.plans[1]!)).toEqual([false, false, false]);
  });

  const readers = everyone.filter(([relation]) => relation !== 'other');
  it.each(readers)('TAP-DOC: the %s sees the plan content and meeting notes exactly as the table says', (relation, actor) => {
    const view = tapVisibleView(level2(), actor)!;
    const text = JSON.stringify(view);
    const [, plan, meetings, reviews] = SEES[relation];
    expect(view.relation).toBe(relation);
    expect(text.includes(SECRET_ISSUE)).toBe(plan);
    expect(text.includes(SECRET_MEETING)).toBe(meetings);
    expect(view.plans[0]!.review !== undefined).toBe(reviews);
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

describe('the columns of the published tables, and what each action writes (tap-parties.ts)', () => {
  it('TAP-LEVELS / TAP-DOC: the relations and parts, in the order of the README\'s columns', () => {
    expect(TAP_RELATIONS).toEqual(['teacher', 'association', 'administrator', 'district', 'hr', 'auditor', 'other']);
    expect(TAP_PARTS).toEqual(['summary', 'plan', 'meetings', 'reviews', 'record']);
  });

  it.each([
    ['acknowledge', [true, true, false]],
    ['revise-plan', [true, false, false]],
    ['record-meeting', [true, false, false]],
    ['review', [true, true, false]],
    ['review-deadline-passed', [true, true, false]],
  ] as const)('TAP-DOC: what %s wrote is shown to the teacher, the auditor, another teacher: %j', (action, shown) => {
    expect([teacher, auditor, otherTeacher].map((a) => tapFamily.seesAction(level2(), a, action))).toEqual(shown);
  });
});
