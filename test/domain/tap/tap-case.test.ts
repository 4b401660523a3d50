import { describe, expect, it } from 'vitest';
import { currentLevel, openTap, TAP_LEVEL_NAMES, TAP_LEVELS, TAP_RESOLUTIONS, TAP_REVIEW_OUTCOMES } from '../../../src/domain/tap/tap-case';
import { anOpening, hr, planAt } from './tap-fixtures';

describe('a Teacher Assistance Plan as it opens (TAP-LEVELS, TAP-TIMELINE)', () => {
  it('TAP-LEVELS: three levels, Support, Remediation and Final Resolution', () => {
    expect(TAP_LEVELS).toEqual([1, 2, 3]);
    expect(TAP_LEVEL_NAMES).toEqual({ 1: 'Level 1 (Support)', 2: 'Level 2 (Remediation)', 3: 'Level 3 (Final Resolution)' });
  });

  it('TAP-TIMELINE: a review moves up, down, exits, or (level 3) resolves by termination, leave, reassignment or career transition', () => {
    expect(TAP_RESOLUTIONS).toEqual(['termination', 'leave', 'reassignment', 'career-transition']);
    expect(TAP_REVIEW_OUTCOMES).toEqual(['move-up', 'move-down', 'exit', 'termination', 'leave', 'reassignment', 'career-transition']);
  });

  it('TAP-LEVELS: a plan opens in plan at its level, plan 1 started on the opening day, by whoever opened it', () => {
    const state = openTap(anOpening(2, '2026-10-05'));
    expect(state).toStrictEqual({
      id: 'TAP-1',
      district: 'district-a',
      school: 'lincoln-elementary',
      teacher: { id: 'dana.reyes', name: 'Dana Reyes', email: 'dana@example.org' },
      administrator: { id: 'principal-ng', name: 'Lin Ng', email: 'principal@example.org' },
      status: 'in-plan',
      plans: [{ n: 1, level: 2, plan: planAt(2), startedOn: '2026-10-05', by: hr.id }],
      meetings: [],
      openedOn: '2026-10-05',
    });
    expect(currentLevel(state)).toBe(2);
    expect(currentLevel({ plans: [...state.plans, { ...state.plans[0]!, n: 2, level: 3 }] })).toBe(3);
  });
});
