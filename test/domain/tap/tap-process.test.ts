import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { currentPlan, type TapAction, type TapCase, type TapLevel, type TapReviewOutcome } from '../../../src/domain/tap/tap-case';
import { pendingDeadlines, resolutionWords } from '../../../src/domain/tap/tap-process';
import { administrator, association, attempt, auditor, districtLead, hr, opened, otherPrincipal, planAt, run, system, teacher } from './tap-fixtures';

const review = (outcome: TapReviewOutcome, level?: TapLevel, withPlan = true): TapAction => ({
  type: 'review',
  outcome,
  ...(level ? { level } : {}),
  ...(withPlan && (outcome === 'move-up' || outcome === 'move-down') ? { plan: planAt(level ?? 2) } : {}),
  summary: 'Progress reviewed against the plan',
});

describe('opening a plan (TAP-LEVELS)', () => {
  it.each([1, 2, 3] as const)('TAP-LEVELS: a plan may open at level %i, its review counted from its start (TAP-TIMELINE)', (level) => {
    const state = opened(level, '2026-10-05');
    expect(state).toMatchObject({ status: 'in-plan', openedOn: '2026-10-05', plans: [{ n: 1, level, startedOn: '2026-10-05' }] });
    expect(pendingDeadlines(state)).toEqual([
      expect.objectContaining({ key: 'review:1', rule: 'TAP-TIMELINE', trigger: '2026-10-05', unit: 'week', count: 6, onNonWorkDay: 'previous-work-day' }),
    ]);
  });

  it('TAP-TIMELINE: a timeline in school days counts school days, with no move off days not worked', () => {
    const state = run(opened(1), [[{ type: 'revise-plan', plan: planAt(1, { timeline: { count: 30, unit: 'school-day' } }), reason: 'Longer time to practise' }, '2026-10-20', administrator]]);
    expect(pendingDeadlines(state)).toEqual([{ key: 'review:2', label: expect.stringContaining('Level 1'), rule: 'TAP-TIMELINE', trigger: '2026-10-20', unit: 'school-day', count: 30 }]);
  });
});

describe('the review (TAP-TIMELINE): up, down, exit, or at level 3 resolve; levels need not be passed in order (TAP-LEVELS)', () => {
  const moves: readonly [TapLevel, TapReviewOutcome, TapLevel | undefined, TapLevel][] = [
    [1, 'move-up', undefined, 2],
    [1, 'move-up', 3, 3],
    [2, 'move-up', undefined, 3],
    [2, 'move-down', undefined, 1],
    [3, 'move-down', undefined, 2],
    [3, 'move-down', 1, 1],
  ];
  it.each(moves)('TAP-TIMELINE: the level %i review with %s (level %s) moves the plan to level %i with its new plan and review date', (from, outcome, level, to) => {
    const state = run(opened(from), [[{ ...review(outcome, level ?? to), ...(level ? {} : { level: undefined }) } as TapAction, '2026-11-16', hr]]);
    expect(state.status).toBe('in-plan');
    expect(state.plans).toHaveLength(2);
    expect(state.plans[0]).toMatchObject({ level: from, review: { outcome, toLevel: to, on: '2026-11-16', by: 'hr-clerk-1' } });
    expect(currentPlan(state)).toMatchObject({ n: 2, level: to, startedOn: '2026-11-16' });
    expect(pendingDeadlines(state)).toEqual([expect.objectContaining({ key: 'review:2', trigger: '2026-11-16' })]);
  });

  it('TAP-LEVELS: a move past a level says that levels need not be passed in order', () => {
    const result = attempt(opened(1), review('move-up', 3), hr);
    expect(result).toMatchObject({ ok: true, notes: expect.arrayContaining([expect.stringMatching(/^TAP-LEVELS: levels need not be passed in order: from level 1 straight to level 3/)]) });
  });

  const endings: readonly [TapLevel, TapReviewOutcome, string][] = [
    [1, 'exit', 'exited'],
    [2, 'exit', 'exited'],
    [3, 'exit', 'exited'],
    [3, 'termination', 'termination'],
    [3, 'leave', 'leave'],
    [3, 'reassignment', 'reassignment'],
    [3, 'career-transition', 'career-transition'],
  ];
  it.each(endings)('TAP-TIMELINE: the level %i review with %s closes the plan (%s)', (level, outcome, closed) => {
    const state = run(opened(level), [[review(outcome), '2026-11-16', hr]]);
    expect(state).toMatchObject({ status: 'closed', closed: { outcome: closed, on: '2026-11-16', rule: 'TAP-TIMELINE' } });
    expect(pendingDeadlines(state)).toEqual([]);
  });

  const refused: readonly [string, TapLevel, TapAction, string, string][] = [
    ['moving down from level 1', 1, review('move-down', 1), 'TAP-TIMELINE', 'level 1 is the lowest'],
    ['moving up from level 3', 3, review('move-up', 3), 'TAP-TIMELINE', 'level 3 is the highest'],
    ['moving "up" to the same level', 2, review('move-up', 2), 'TAP-TIMELINE', 'cannot move up to level 2'],
    ['moving "down" to a higher level', 2, review('move-down', 3), 'TAP-TIMELINE', 'cannot move down to level 3'],
    ['termination at level 1', 1, review('termination'), 'TAP-TIMELINE', 'level 3 (Final Resolution) outcome'],
    ['career transition at level 2', 2, review('career-transition'), 'TAP-TIMELINE', 'level 3 (Final Resolution) outcome'],
    ['an exit that names a level', 2, { type: 'review', outcome: 'exit', level: 1, summary: 'x' }, 'TAP-TIMELINE', 'names no level and no new plan'],
    ['a move without the new plan', 1, review('move-up', 2, false), 'TAP-DOC', 'needs the level 2 plan'],
    ['a move to level 3 without interventions', 1, { ...review('move-up', 3), plan: planAt(3, { interventions: [] }) } as TapAction, 'TAP-DOC', 'top-level interventions'],
    ['a move to level 2 without association staff', 1, { ...review('move-up', 2), plan: planAt(2, { associationStaff: [] }) } as TapAction, 'TAP-LEVELS', 'association staff'],
    ['a revision without the resource sheet', 1, { type: 'revise-plan', plan: planAt(1, { resourceSheetGiven: false }), reason: 'x' }, 'TAP-DOC', 'resource sheet'],
    ['a meeting recorded before it is held', 1, { type: 'record-meeting', on: '2026-11-17', notes: 'x' }, 'TAP-LEVELS', 'recorded once held'],
    ['a meeting before the plan started', 1, { type: 'record-meeting', on: '2026-10-01', notes: 'x' }, 'TAP-LEVELS', 'before the current plan started'],
  ];
  it.each(refused)('%s is refused (422) naming %s', (_what, level, action, rule, message) => {
    expect(attempt(opened(level), action, hr)).toMatchObject({ ok: false, kind: 'rule', rule: expect.stringMatching(/^TAP-/), message: expect.stringContaining(message) });
    expect(attempt(opened(level), action, hr)).toMatchObject({ rule });
  });
});

describe('who may do what (tap-parties.ts TAP_ACTIONS), from the token', () => {
  const acts: readonly [string, TapAction, Actor, TapLevel, boolean][] = [
    ['the teacher acknowledges', { type: 'acknowledge' }, teacher, 1, true],
    ['HR acknowledges for the teacher', { type: 'acknowledge' }, hr, 1, false],
    ['the administrator reviews level 1', review('exit'), administrator, 1, true],
    ['the administrator reviews level 2', review('exit'), administrator, 2, true],
    ['district personnel review level 2', review('exit'), districtLead, 2, true],
    ['district personnel review level 3', review('termination'), districtLead, 3, true],
    ['HR reviews level 3', review('leave'), hr, 3, true],
    ['the teacher reviews', review('exit'), teacher, 1, false],
    ['association staff review level 2', review('exit'), association, 2, false],
    ['association staff record a meeting', { type: 'record-meeting', on: '2026-11-16', notes: 'x' }, association, 2, false],
    ['the administrator records a meeting', { type: 'record-meeting', on: '2026-11-16', notes: 'x' }, administrator, 3, true],
    ['the auditor revises the plan', { type: 'revise-plan', plan: planAt(1), reason: 'x' }, auditor, 1, false],
    ['another principal reviews', review('exit'), otherPrincipal, 1, false],
  ];
  it.each(acts)('TAP-LEVELS: %s (level %#): allowed %s', (_what, action, actor, level, allowed) => {
    const result = attempt(opened(level), action, actor);
    if (allowed) expect(result).toMatchObject({ ok: true });
    else expect(result).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('TAP-LEVELS: level 3 is district-led: the administrator may not review it (403)', () => {
    expect(attempt(opened(3), review('termination'), administrator)).toMatchObject({ ok: false, kind: 'forbidden', rule: 'TAP-LEVELS', message: expect.stringContaining('district-led') });
    expect(attempt(opened(3), review('move-down', 2), administrator)).toMatchObject({ ok: false, kind: 'forbidden', rule: 'TAP-LEVELS' });
  });
});

describe('who may take each action (TAP_ACTIONS), written out', () => {
  // From the README's table "Teacher Assistance Plan: who may take each action", never read from TAP_ACTIONS: a wrong
  // entry in the code's table fails this test. Columns: teacher, association, administrator, district, hr, auditor, other.
  const people: readonly Actor[] = [teacher, association, administrator, districtLead, hr, auditor, otherPrincipal];
  const MAY: readonly [TapAction, string, readonly boolean[]][] = [
    [{ type: 'acknowledge' }, 'TAP-DOC', [true, false, false, false, false, false, false]],
    [{ type: 'revise-plan', plan: planAt(2), reason: 'Coach changed' }, 'TAP-DOC', [false, false, true, true, true, false, false]],
    [{ type: 'record-meeting', on: '2026-11-16', notes: 'Progress' }, 'TAP-LEVELS', [false, false, true, true, true, false, false]],
    [review('exit'), 'TAP-TIMELINE', [false, false, true, true, true, false, false]],
  ];
  const rows = MAY.flatMap(([action, rule, allowed]) => people.map((actor, i) => [action.type, actor.id, allowed[i]!, action, actor, rule] as const));
  it.each(rows)('TAP-LEVELS: %s by %s at level 2: allowed %s', (_type, _id, allowed, action, actor, rule) => {
    const result = attempt(opened(2), action, actor);
    if (allowed) expect(result).toMatchObject({ ok: true });
    else expect(result).toMatchObject({ ok: false, kind: 'forbidden', rule });
  });
});

describe('the plan between opening and review', () => {
  it('TAP-DOC: the teacher acknowledges the plan and the resource sheet once per plan', () => {
    const state = run(opened(1), [[{ type: 'acknowledge' }, '2026-10-06', teacher]]);
    expect(currentPlan(state).acknowledgedOn).toBe('2026-10-06');
    expect(attempt(state, { type: 'acknowledge' }, teacher)).toMatchObject({ ok: false, kind: 'conflict', rule: 'TAP-DOC' });
    // A new plan (a new level) is acknowledged anew.
    const moved = run(state, [[review('move-up', 2), '2026-11-16', administrator]]);
    expect(attempt(moved, { type: 'acknowledge' }, teacher)).toMatchObject({ ok: true });
  });

  it('TAP-DOC: a revision documents the plan anew at the same level and restarts the count to its review', () => {
    const state = run(opened(2), [[{ type: 'revise-plan', plan: planAt(2, { timeline: { count: 3, unit: 'month' } }), reason: 'Coach changed' }, '2026-10-20', districtLead]]);
    expect(state.plans).toMatchObject([
      { n: 1, level: 2, revisedOn: '2026-10-20', revisionReason: 'Coach changed' },
      { n: 2, level: 2, startedOn: '2026-10-20', plan: { timeline: { count: 3, unit: 'month' } } },
    ]);
    expect(pendingDeadlines(state)).toEqual([expect.objectContaining({ key: 'review:2', unit: 'month', count: 3 })]);
  });

  it('TAP-TIMELINE: a review date that passes without a review leaves the plan at its level, review overdue, reviewable still', () => {
    const state = run(opened(2), [[{ type: 'deadline-passed', deadline: 'review' }, '2026-11-17', system]]);
    expect(state).toMatchObject({ status: 'review-overdue', plans: [{ level: 2, reviewMissedOn: '2026-11-17' }] });
    expect(pendingDeadlines(state)).toEqual([]);
    expect(run(state, [[review('move-down', 1), '2026-11-20', hr]])).toMatchObject({ status: 'in-plan', plans: [{}, { level: 1 }] });
  });

  it('TAP-LEVELS: meetings are recorded with the level they were held at', () => {
    const state = run(opened(3), [[{ type: 'record-meeting', on: '2026-10-12', notes: 'Progress and future directions' }, '2026-10-13', districtLead]]);
    expect(state.meetings).toEqual([{ on: '2026-10-12', level: 3, notes: 'Progress and future directions', by: districtLead.id }]);
  });

  it('TAP-TIMELINE: a closed plan takes no further action (409)', () => {
    const closed: TapCase = run(opened(1), [[review('exit'), '2026-11-16', hr]]);
    expect(attempt(closed, { type: 'acknowledge' }, teacher)).toMatchObject({ ok: false, kind: 'conflict', rule: 'TAP-TIMELINE' });
    expect(attempt(closed, review('move-up', 2), hr)).toMatchObject({ ok: false, kind: 'conflict' });
  });
});

// The notes are what the case log and the notices say happened: each names its rule and states the facts in words.
describe('what each step records and why a refusal refuses, word for word (TAP-*)', () => {
  const ok = (result: ReturnType<typeof attempt>) => {
    if (!result.ok) throw new Error(`refused: ${result.message}`);
    return result;
  };

  it('TAP-DOC: the acknowledgement is noted, and only the current plan records it', () => {
    const result = ok(attempt(opened(1), { type: 'acknowledge' }, teacher, '2026-10-06'));
    expect(result.notes).toEqual(['TAP-DOC: the teacher took part in the discussion and received the level 1 plan and the resource sheet']);
    expect(result.state.plans).toHaveLength(1);
    expect(result.state.plans[0]).toMatchObject({ n: 1, acknowledgedOn: '2026-10-06' });
    expect(attempt(result.state, { type: 'acknowledge' }, teacher)).toEqual({ ok: false, kind: 'conflict', rule: 'TAP-DOC', message: 'the level 1 plan was acknowledged on 2026-10-06' });
  });

  it('TAP-DOC / TAP-TIMELINE: a revision is noted with its new timeline in words', () => {
    const result = ok(attempt(opened(2), { type: 'revise-plan', plan: planAt(2, { timeline: { count: 3, unit: 'month' } }), reason: 'Coach changed' }, districtLead, '2026-10-20'));
    expect(result.notes).toEqual(['TAP-DOC: the level 2 plan documented anew', 'TAP-TIMELINE: the timeline runs 3 months from 2026-10-20 to its review']);
  });

  it('TAP-LEVELS: a meeting on the day the plan started is recorded (only a meeting before it is refused), and noted', () => {
    const result = ok(attempt(opened(3, '2026-10-05'), { type: 'record-meeting', on: '2026-10-05', notes: 'Kick-off' }, districtLead, '2026-10-06'));
    expect(result.notes).toEqual(['TAP-LEVELS: level 3 meeting of 2026-10-05 recorded']);
    expect(attempt(opened(3, '2026-10-05'), { type: 'record-meeting', on: '2026-10-04', notes: 'x' }, districtLead, '2026-10-06')).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'TAP-LEVELS',
      message: 'the meeting of 2026-10-04 is before the current plan started (2026-10-05)',
    });
  });

  it('TAP-TIMELINE: a review date passed unreviewed is noted, the plan staying at its level', () => {
    const result = ok(attempt(opened(2), { type: 'deadline-passed', deadline: 'review' }, system, '2026-11-17'));
    expect(result.notes).toEqual(['TAP-TIMELINE: the level 2 review was not held by the end of the timeline; the plan stays at level 2 until reviewed']);
    expect(result.state.plans).toHaveLength(1);
  });

  it('TAP-TIMELINE / TAP-DOC: a move to the next level is noted without the out-of-order note', () => {
    const up = ok(attempt(opened(1), review('move-up', 2), hr, '2026-11-16'));
    expect(up.notes).toEqual(['TAP-TIMELINE: the level 1 review moves the plan up to level 2', 'TAP-DOC: the level 2 plan documented; its review is counted 6 weeks from 2026-11-16']);
    const down = ok(attempt(opened(2), review('move-down', 1), hr, '2026-11-16'));
    expect(down.notes).toEqual(['TAP-TIMELINE: the level 2 review moves the plan down to level 1', 'TAP-DOC: the level 1 plan documented; its review is counted 6 weeks from 2026-11-16']);
  });

  it('TAP-LEVELS: a move past a level is noted as out of order, down as well as up', () => {
    const down = ok(attempt(opened(3), review('move-down', 1), hr, '2026-11-16'));
    expect(down.notes).toEqual([
      'TAP-TIMELINE: the level 3 review moves the plan down to level 1',
      'TAP-LEVELS: levels need not be passed in order: from level 3 straight to level 1',
      'TAP-DOC: the level 1 plan documented; its review is counted 6 weeks from 2026-11-16',
    ]);
  });

  it.each([
    [1, 'exit', 'TAP-TIMELINE: the level 1 review exits the teacher from the plan'],
    [2, 'exit', 'TAP-TIMELINE: the level 2 review exits the teacher from the plan'],
    [3, 'termination', 'TAP-TIMELINE: level 3 resolved by termination'],
    [3, 'leave', 'TAP-TIMELINE: level 3 resolved by leave'],
    [3, 'reassignment', 'TAP-TIMELINE: level 3 resolved by reassignment'],
    [3, 'career-transition', 'TAP-TIMELINE: level 3 resolved by career transition'],
  ] as const)('TAP-TIMELINE: the level %i review with %s is noted "%s", the reviewed plan kept once', (level, outcome, note) => {
    const result = ok(attempt(opened(level), review(outcome), hr, '2026-11-16'));
    expect(result.notes).toEqual([note]);
    expect(result.state.plans).toEqual([expect.objectContaining({ n: 1, level, review: expect.objectContaining({ outcome, on: '2026-11-16' }) })]);
  });

  it('TAP-TIMELINE: the words for how a plan ended', () => {
    expect(['exited', 'termination', 'leave', 'reassignment', 'career-transition'].map((o) => resolutionWords(o as Parameters<typeof resolutionWords>[0]))).toEqual([
      'exit from the plan',
      'termination',
      'leave',
      'reassignment',
      'career transition',
    ]);
  });

  it.each([
    ['moving up from level 3 without naming a level', 3, review('move-up'), 'a plan at level 3 cannot move up: level 3 is the highest'],
    ['moving down from level 1 without naming a level', 1, { type: 'review', outcome: 'move-down', plan: planAt(1), summary: 'x' }, 'a plan at level 1 cannot move down: level 1 is the lowest'],
    ['moving "up" to the same level', 2, review('move-up', 2), 'a plan at level 2 cannot move up to level 2: level 3 is the highest'],
    ['an exit that brings a new plan', 2, { type: 'review', outcome: 'exit', plan: planAt(1), summary: 'x' }, 'a review that ends the plan (exit) names no level and no new plan'],
    ['a resolution at level 2', 2, review('leave'), 'resolution by leave is a level 3 (Final Resolution) outcome; at level 2 the review moves the plan up or down, or exits it'],
  ] as const)('TAP-TIMELINE: %s is refused (422), saying why', (_what, level, action, message) => {
    expect(attempt(opened(level), action as TapAction, hr)).toEqual({ ok: false, kind: 'rule', rule: 'TAP-TIMELINE', message });
  });

  it('TAP-DOC: a move without its plan is refused naming the level it needs', () => {
    expect(attempt(opened(1), review('move-up', 2, false), hr)).toEqual({ ok: false, kind: 'rule', rule: 'TAP-DOC', message: 'moving to level 2 needs the level 2 plan, documented' });
  });

  it('TAP-TIMELINE / TAP-DOC: a refusal says whose step it is, and why a closed plan takes none', () => {
    expect(attempt(opened(1), { type: 'acknowledge' }, hr)).toEqual({ ok: false, kind: 'forbidden', rule: 'TAP-DOC', message: 'acknowledge is for the teacher of the plan' });
    expect(attempt(opened(1), review('exit'), teacher)).toEqual({ ok: false, kind: 'forbidden', rule: 'TAP-TIMELINE', message: 'review is for the administrator, district, hr of the plan' });
    const closed = run(opened(3), [[review('reassignment'), '2026-11-16', hr]]);
    expect(attempt(closed, { type: 'record-meeting', on: '2026-11-16', notes: 'x' }, hr)).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'TAP-TIMELINE',
      message: 'the plan is closed (reassignment): no further action is possible',
    });
  });
});
