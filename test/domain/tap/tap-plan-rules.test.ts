import { describe, expect, it } from 'vitest';
import type { TapLevel, TapPlan } from '../../../src/domain/tap/tap-case';
import { planRefusal } from '../../../src/domain/tap/tap-plan-rules';
import { planAt } from './tap-fixtures';

describe('what a level plan documents (TAP-DOC) and who takes part (TAP-LEVELS)', () => {
  it.each([1, 2, 3] as const)('TAP-DOC: a level %i plan documented in full is accepted', (level) => {
    expect(planRefusal(planAt(level), level)).toBeUndefined();
  });

  const cases: readonly [string, TapLevel, Partial<TapPlan>, string, string][] = [
    ['no issue named', 1, { issues: [] }, 'TAP-DOC', '/issues'],
    ['a blank issue', 2, { issues: ['  '] }, 'TAP-DOC', '/issues'],
    ['no description of improvement', 1, { improvement: ' ' }, 'TAP-DOC', '/improvement'],
    ['no assessment', 2, { assessment: '' }, 'TAP-DOC', '/assessment'],
    ['no resource offered', 1, { resources: [] }, 'TAP-DOC', '/resources'],
    ['the resource sheet not given', 1, { resourceSheetGiven: false }, 'TAP-DOC', '/resourceSheetGiven'],
    ['the resource sheet not given at level 3', 3, { resourceSheetGiven: false }, 'TAP-DOC', '/resourceSheetGiven'],
    ['a level 3 plan without interventions', 3, { interventions: [] }, 'TAP-DOC', '/interventions'],
    ['interventions below level 3', 2, { interventions: ['Superintendent review'] }, 'TAP-DOC', '/interventions'],
    ['a timeline of 0 weeks', 1, { timeline: { count: 0, unit: 'week' } }, 'TAP-TIMELINE', '/timeline/count'],
    ['a timeline of 13 months', 3, { timeline: { count: 13, unit: 'month' } }, 'TAP-TIMELINE', '/timeline/count'],
    ['a timeline of 181 school days', 2, { timeline: { count: 181, unit: 'school-day' } }, 'TAP-TIMELINE', '/timeline/count'],
    ['association staff at level 1', 1, { associationStaff: [{ id: 'union-rep', name: 'Chris Vale' }] }, 'TAP-LEVELS', '/associationStaff'],
    ['district personnel at level 1', 1, { districtPersonnel: [{ name: 'Morgan Diaz' }] }, 'TAP-LEVELS', '/districtPersonnel'],
    ['no district personnel at level 2', 2, { districtPersonnel: [] }, 'TAP-LEVELS', '/districtPersonnel'],
    ['no district personnel at level 3', 3, { districtPersonnel: undefined }, 'TAP-LEVELS', '/districtPersonnel'],
    ['no association staff at level 2', 2, { associationStaff: [] }, 'TAP-LEVELS', '/associationStaff'],
  ];
  it.each(cases)('TAP-DOC / TAP-LEVELS: %s is refused (level %i) naming %s and %s', (_what, level, over, rule, field) => {
    expect(planRefusal(planAt(level, over), level)).toMatchObject({ rule, field, message: expect.stringContaining(`level ${level} plan`.slice(0, 5)) });
  });

  it('TAP-LEVELS: association staff may take part at level 3 too, and need not', () => {
    expect(planRefusal(planAt(3, { associationStaff: [{ id: 'union-rep', name: 'Chris Vale' }] }), 3)).toBeUndefined();
    expect(planRefusal(planAt(3, { associationStaff: [] }), 3)).toBeUndefined();
  });

  it.each([
    [180, 'school-day'],
    [40, 'week'],
    [12, 'month'],
  ] as const)('TAP-TIMELINE: a timeline of %i %ss to the review is the longest accepted', (count, unit) => {
    expect(planRefusal(planAt(1, { timeline: { count, unit } }), 1)).toBeUndefined();
    expect(planRefusal(planAt(1, { timeline: { count: count + 1, unit } }), 1)).toMatchObject({ rule: 'TAP-TIMELINE' });
  });
});

describe('what a refused plan is told, and the edges of each check (TAP-DOC, TAP-TIMELINE)', () => {
  it.each([
    ['one blank issue among named ones', 1, { issues: ['Classroom routines', ' '] }, '/issues', 'the plan names the issue(s) (level 1 plan)'],
    ['a blank improvement', 2, { improvement: '\t' }, '/improvement', 'the plan describes what improvement / progress will look like (level 2 plan)'],
    ['a blank assessment', 1, { assessment: ' ' }, '/assessment', 'the plan describes how improvement / progress will be assessed / measured (level 1 plan)'],
    ['one blank resource among offered ones', 2, { resources: ['Instructional coach', ''] }, '/resources', 'the plan suggests resource(s) for improvement / progress (level 2 plan)'],
    ['one blank intervention among level 3 ones', 3, { interventions: ['Superintendent review', ' '] }, '/interventions', "level 3 records the district's top-level interventions (level 3 plan)"],
    ['interventions at level 1', 1, { interventions: ['Superintendent review'] }, '/interventions', "the district's top-level interventions are recorded at level 3 (level 1 plan)"],
    ['the resource sheet not given', 2, { resourceSheetGiven: false }, '/resourceSheetGiven', 'the resource sheet for assistance plans is given to the teacher and checked off (level 2 plan)'],
  ] as const)('TAP-DOC: %s is refused with its reason', (_what, level, over, field, message) => {
    expect(planRefusal(planAt(level, over as Partial<TapPlan>), level)).toEqual({ rule: 'TAP-DOC', field, message });
  });

  it('TAP-TIMELINE: a timeline of one unit is accepted; none, a fraction or more than a year is refused with the range', () => {
    expect(planRefusal(planAt(1, { timeline: { count: 1, unit: 'week' } }), 1)).toBeUndefined();
    expect(planRefusal(planAt(2, { timeline: { count: 1, unit: 'school-day' } }), 2)).toBeUndefined();
    expect(planRefusal(planAt(2, { timeline: { count: 2.5, unit: 'week' } }), 2)).toEqual({ rule: 'TAP-TIMELINE', field: '/timeline/count', message: 'the timeline runs 1 to 40 weeks to its review (level 2 plan)' });
    expect(planRefusal(planAt(3, { timeline: { count: 0, unit: 'month' } }), 3)).toEqual({ rule: 'TAP-TIMELINE', field: '/timeline/count', message: 'the timeline runs 1 to 12 months to its review (level 3 plan)' });
  });

  it('TAP-LEVELS: who takes part, with the reason given', () => {
    expect(planRefusal(planAt(1, { districtPersonnel: [{ name: 'Morgan Diaz' }] }), 1)).toEqual({
      rule: 'TAP-LEVELS',
      field: '/districtPersonnel',
      message: 'level 1 (Support) is between the administrator and the teacher: district personnel and association staff take part from level 2',
    });
    expect(planRefusal(planAt(3, { districtPersonnel: [] }), 3)).toEqual({ rule: 'TAP-LEVELS', field: '/districtPersonnel', message: 'district personnel take part from level 2 (level 3 plan)' });
    expect(planRefusal(planAt(2, { associationStaff: undefined }), 2)).toEqual({ rule: 'TAP-LEVELS', field: '/associationStaff', message: 'association staff take part at level 2 (Remediation)' });
  });
});
