import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import type { ObservationCycle, ObservationEvent } from '../../../src/domain/observation/observation-cycle';
import { cycleDone, FEEDBACK_DAYS, feedbackKey, lastMissedOn, nextFeedbackDue, pendingDeadlines, startCycle, transition } from '../../../src/domain/observation/observation-process';
import { certified, cycleStart, educator, fullObservation, hr, lee, ng, run } from './observation-fixtures';

// What each step of a cycle records and says (the notes are the case log's and the notices' account), and the edges
// of each check, written out from RULES.md OBS-*.
const open = (profile?: Parameters<typeof cycleStart>[0]) => startCycle(cycleStart(profile));
const rated1 = { category: 'teacher', license: 'professional', prior: { loe: 1 } } as const;
const services = { category: 'school-services', license: 'professional', prior: { loe: 3 } } as const;
const step = (cycle: ObservationCycle, today: string, event: ObservationEvent, actor: Actor, due?: string) =>
  transition(cycle, event, { today, actor, dueOfKey: (key) => (key === 'feedback:1' ? due : undefined) });
const ok = (result: ReturnType<typeof step>) => {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result;
};
const observe = (extra: Partial<Extract<ObservationEvent, { type: 'observe' }>> = {}): ObservationEvent => ({ type: 'observe', kind: 'formal', announced: false, certification: certified, ...extra });
const observed = (on = '2027-09-14', by: Actor = lee) => run(open(), [[on, observe(), by]]);

describe('opening and the steps every cycle takes (OBS-*)', () => {
  it('OBS-TRACK: a cycle opens with its track and contacts, no observation, no violation', () => {
    const { contacts: _c, ...start } = cycleStart();
    expect(startCycle(start)).toMatchObject({ caseType: 'observation-cycle', id: '2027-2028:E1001', contacts: {}, observations: [], violations: [], status: 'in-progress', openedOn: '2027-08-20', coachingRequired: false });
    expect(open(rated1).coachingRequired).toBe(true);
    expect(FEEDBACK_DAYS).toBe(7);
    expect(feedbackKey(3)).toBe('feedback:3');
  });

  it('OBS-CERTIFIED: a step is dated on or before today, and in the school year (from July 1)', () => {
    expect(step(open(), '2027-09-14', observe({ on: '2027-09-15' }), lee)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-CERTIFIED', message: 'a step is recorded when it has taken place: 2027-09-15 is after today (2027-09-14)' });
    expect(step(open(), '2027-09-14', observe({ on: '2027-06-30' }), lee)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-CERTIFIED', message: '2027-06-30 is before the school year 2027-2028' });
    expect(ok(step(open(), '2027-09-14', observe({ on: '2027-07-01' }), lee)).state.observations[0]!.observed!.on).toBe('2027-07-01');
    expect(ok(step(open(), '2027-09-14', observe({ on: '2027-09-14' }), lee)).state.observations[0]!.observed!.on).toBe('2027-09-14');
  });

  it('OBS-CERTIFIED: whose step it is, and a closed cycle, are said in the refusal', () => {
    expect(step(open(), '2027-09-14', observe(), educator)).toEqual({ ok: false, kind: 'forbidden', rule: 'OBS-CERTIFIED', message: 'observe is for the evaluator of the cycle' });
    const ended = run(open(), [['2027-09-14', { type: 'end-cycle', reason: 'moved' }, hr]]);
    expect(step(ended, '2027-09-15', observe(), lee)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-TRACK', message: 'the cycle is closed (ended)' });
    expect(step(open(), '2027-09-14', observe({ certification: { certified: false, reason: 'lapsed', listVersion: 3 } }), lee)).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'OBS-CERTIFIED',
      message: 'evaluator ev-lee may not observe or hold the conferences: lapsed',
    });
    expect(step(open(), '2027-09-14', observe({ certification: undefined }), lee)).toMatchObject({ message: 'evaluator ev-lee may not observe or hold the conferences: no certification was checked' });
  });

  it('OBS-CERTIFIED: HR assigns an evaluator once, at most 10', () => {
    const result = ok(step(open(), '2027-09-14', { type: 'assign-evaluator', evaluator: { id: 'ev-new' } }, hr));
    expect(result.notes).toEqual(['OBS-CERTIFIED: evaluator assigned; each step is checked against the certification list']);
    expect(result.state.evaluators.map((e) => e.id)).toEqual(['ev-lee', 'ev-ng', 'ev-new']);
    expect(step(open(), '2027-09-14', { type: 'assign-evaluator', evaluator: { id: 'ev-ng' } }, hr)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-CERTIFIED', message: 'ev-ng already evaluates this cycle' });
    const nine = { ...open(), evaluators: Array.from({ length: 9 }, (_, i) => ({ id: `ev-${i}` })) };
    const ten = ok(step(nine, '2027-09-14', { type: 'assign-evaluator', evaluator: { id: 'ev-9' } }, hr)).state;
    expect(step(ten, '2027-09-14', { type: 'assign-evaluator', evaluator: { id: 'ev-10' } }, hr)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-CERTIFIED', message: 'a cycle has at most 10 evaluators' });
  });

  it('OBS-COACHING: the conversation is noted with what the track requires and the supports; once', () => {
    const required = ok(step(open(rated1), '2027-08-30', { type: 'hold-coaching-conversation', supports: ['coach', 'peer visits'], certification: certified }, lee));
    expect(required.notes).toEqual(['OBS-COACHING: initial coaching conversation held (4 observation(s) required, supports: 2)']);
    expect(required.state.coaching).toEqual({ on: '2027-08-30', by: 'ev-lee', certification: certified, supports: ['coach', 'peer visits'] });
    expect(ok(step(open(), '2027-08-30', { type: 'hold-coaching-conversation', supports: [], certification: certified }, lee)).notes).toEqual(['OBS-COACHING: coaching conversation held (not required on this track)']);
    expect(step(required.state, '2027-09-01', { type: 'hold-coaching-conversation', supports: [], certification: certified }, lee)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-COACHING', message: 'the coaching conversation was held on 2027-08-30' });
  });

  it('OBS-PRECONF: a pre-conference plans the next announced observation, noted with the lesson plan review', () => {
    const result = ok(step(open(), '2027-09-10', { type: 'hold-pre-conference', plannedFor: '2027-09-14', lessonPlanReviewed: false, certification: certified }, lee));
    expect(result.notes).toEqual(['OBS-PRECONF: pre-conference for announced observation 1, lesson plan not reviewed']);
    expect(result.state.observations).toEqual([{ number: 1, kind: 'formal', announced: true, preConference: { on: '2027-09-10', by: 'ev-lee', certification: certified, plannedFor: '2027-09-14', lessonPlanReviewed: false } }]);
    const walk = ok(step(result.state, '2027-09-11', { type: 'hold-pre-conference', kind: 'walkthrough', lessonPlanReviewed: true, certification: certified }, lee));
    expect(walk.notes).toEqual(['OBS-PRECONF: pre-conference for announced observation 2, lesson plan reviewed']);
    expect(walk.state.observations[1]).toMatchObject({ number: 2, kind: 'walkthrough' });
  });

  it('OBS-TRACK: a cycle records at most 40 observations, planned or not', () => {
    const many = (n: number) => ({ ...open(), observations: Array.from({ length: n }, (_, i) => ({ number: i + 1, kind: 'formal' as const, announced: false, observed: { on: '2027-09-01', by: 'ev-lee' }, feedback: { on: '2027-09-01', by: 'ev-lee', text: 'x', late: false } })) });
    const full = { ok: false, kind: 'rule', rule: 'OBS-TRACK', message: 'a cycle records at most 40 observations' };
    expect(step(many(40), '2027-09-14', observe(), lee)).toEqual(full);
    expect(step(many(40), '2027-09-14', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee)).toEqual(full);
    expect(ok(step(many(39), '2027-09-14', observe(), lee)).state.observations).toHaveLength(40);
    expect(ok(step(many(39), '2027-09-14', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee)).state.observations).toHaveLength(40);
  });
});

describe('the observation (OBS-CERTIFIED, OBS-PRECONF, OBS-COACHING, OBS-UNANNOUNCED)', () => {
  it('OBS-CERTIFIED: an observation is noted with its kind and announcement, and the feedback week it opens', () => {
    const result = ok(step(open(), '2027-09-14', observe({ kind: 'walkthrough', minutes: 25 }), lee));
    expect(result.notes).toEqual(['OBS-CERTIFIED: observation 1 (walkthrough, unannounced) by a certified evaluator', 'OBS-FEEDBACK-7: written feedback due within 7 days']);
    expect(result.state.observations).toEqual([{ number: 1, kind: 'walkthrough', announced: false, observed: { on: '2027-09-14', by: 'ev-lee', certification: certified, minutes: 25 } }]);
  });

  it.each([
    [1, true],
    [600, true],
    [0, false],
    [601, false],
    [12.5, false],
  ])('OBS-TRACK: %i minutes of contact accepted: %s', (minutes, accepted) => {
    const result = step(open(services), '2027-09-14', observe({ announced: true, minutes }), lee);
    if (accepted) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, kind: 'rule', rule: 'OBS-TRACK', message: 'minutes of contact: a whole number from 1 to 600' });
  });

  it('OBS-PRECONF: the planned observation: known, not yet held, announced, on or after its pre-conference', () => {
    const planned = run(open(), [['2027-09-10', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee]]);
    expect(step(planned, '2027-09-14', observe({ observation: 2, announced: true }), lee)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-PRECONF', message: 'the cycle has no observation 2' });
    expect(step(planned, '2027-09-14', observe({ observation: 1, announced: false }), lee)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-PRECONF', message: 'observation 1 was announced at its pre-conference' });
    expect(step(planned, '2027-09-14', observe({ observation: 1, announced: true, on: '2027-09-09' }), lee)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-PRECONF', message: 'the pre-conference precedes the observation' });
    const same = ok(step(planned, '2027-09-10', observe({ observation: 1, announced: true }), lee));
    expect(same.notes).toEqual(['OBS-CERTIFIED: observation 1 (formal, announced) by a certified evaluator', 'OBS-FEEDBACK-7: written feedback due within 7 days']);
    expect(same.state.violations).toEqual([]);
    expect(same.state.observations).toHaveLength(1);
    expect(step(same.state, '2027-09-14', observe({ observation: 1, announced: true }), lee)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-PRECONF', message: 'observation 1 took place on 2027-09-10' });
  });

  it('OBS-PRECONF / OBS-POSTCONF: each violation an observation finds is recorded with its facts, noted, and numbered on', () => {
    const noPre = ok(step(open(), '2027-09-14', observe({ announced: true }), lee));
    expect(noPre.notes.at(-1)).toBe('OBS-PRECONF: process violation recorded');
    expect(noPre.state.violations).toEqual([{ id: 'V1', rule: 'OBS-PRECONF', observation: 1, missedOn: '2027-09-14', facts: 'Announced observation 1 on 2027-09-14 was not preceded by a pre-conference.', recordedOn: '2027-09-14' }]);
    const planned = run(noPre.state, [['2027-09-20', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee]]);
    const other = ok(step(planned, '2027-09-21', observe({ observation: 2, announced: true }), ng));
    expect(other.state.violations[1]).toEqual({
      id: 'V2',
      rule: 'OBS-POSTCONF',
      observation: 2,
      missedOn: '2027-09-21',
      facts: 'Observation 2 on 2027-09-21 was conducted by evaluator ev-ng, but its pre-conference (2027-09-20) by evaluator ev-lee: the same evaluator holds both.',
      recordedOn: '2027-09-21',
    });
  });

  it('OBS-COACHING: only the first observation of the year without the conversation is a violation', () => {
    const first = ok(step(open(rated1), '2027-09-14', observe(), lee));
    expect(first.state.violations).toEqual([
      { id: 'V1', rule: 'OBS-COACHING', observation: 1, missedOn: '2027-09-14', recordedOn: '2027-09-14', facts: 'The first observation of the year (observation 1, 2027-09-14) took place without the initial coaching conversation that a prior rating of 1 requires.' },
    ]);
    expect(first.notes).toEqual(['OBS-CERTIFIED: observation 1 (formal, unannounced) by a certified evaluator', 'OBS-FEEDBACK-7: written feedback due within 7 days', 'OBS-COACHING: process violation recorded']);
    const second = ok(step(first.state, '2027-10-14', observe(), lee));
    expect(second.state.violations).toHaveLength(1);
    // A planned observation not yet held does not count as the first held.
    const planned = run(open(rated1), [['2027-09-10', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee]]);
    expect(ok(step(planned, '2027-09-14', observe({ observation: 1, announced: true }), lee)).state.violations.map((v) => v.rule)).toEqual(['OBS-COACHING']);
  });

  it('OBS-UNANNOUNCED: on the school services track an unannounced observation is a violation; announced, none', () => {
    const result = ok(step(open(services), '2027-09-14', observe({ minutes: 30 }), lee));
    expect(result.state.violations).toEqual([
      { id: 'V1', rule: 'OBS-UNANNOUNCED', observation: 1, missedOn: '2027-09-14', recordedOn: '2027-09-14', facts: 'Observation 1 on 2027-09-14 was unannounced; on the School services personnel, professional license track every observation is announced.' },
    ]);
    const planned = run(open(services), [['2027-09-10', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee]]);
    expect(ok(step(planned, '2027-09-14', observe({ observation: 1, announced: true, minutes: 30 }), lee)).state.violations).toEqual([]);
  });
});

describe('after the observation: self-score, feedback, post-conference (OBS-SELF-SCORE, OBS-FEEDBACK-7, OBS-POSTCONF)', () => {
  it('OBS-SELF-SCORE: noted, once, not before the observation; an observation not held yet takes none', () => {
    const result = ok(step(observed(), '2027-09-15', { type: 'submit-self-score', observation: 1, scores: [{ indicator: 'pacing', score: 4 }] }, educator));
    expect(result.notes).toEqual(['OBS-SELF-SCORE: self-score of observation 1 submitted to the evaluator']);
    expect(step(result.state, '2027-09-16', { type: 'submit-self-score', observation: 1, scores: [] }, educator)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-SELF-SCORE', message: 'the self-score of observation 1 was submitted on 2027-09-15' });
    expect(step(observed(), '2027-09-15', { type: 'submit-self-score', observation: 1, scores: [], on: '2027-09-13' }, educator)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-SELF-SCORE', message: 'the self-score follows the observation' });
    expect(ok(step(observed(), '2027-09-14', { type: 'submit-self-score', observation: 1, scores: [] }, educator)).state.observations[0]!.selfScore).toEqual({ on: '2027-09-14', scores: [], note: undefined });
    const planned = run(open(), [['2027-09-10', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee]]);
    expect(step(planned, '2027-09-11', { type: 'submit-self-score', observation: 1, scores: [] }, educator)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-SELF-SCORE', message: 'observation 1 has not taken place yet' });
    expect(step(planned, '2027-09-11', { type: 'submit-self-score', observation: 4, scores: [] }, educator)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-SELF-SCORE', message: 'the cycle has no observation 4' });
  });

  it('OBS-FEEDBACK-7: feedback on the 7th calendar day is within the week; on the 8th it is late; never before the observation', () => {
    const inTime = ok(step(observed('2027-09-14'), '2027-09-21', { type: 'give-written-feedback', observation: 1, text: 'Good' }, lee));
    expect(inTime.notes).toEqual(['OBS-FEEDBACK-7: written feedback on observation 1 within the week']);
    expect(inTime.state.observations[0]!.feedback).toEqual({ on: '2027-09-21', by: 'ev-lee', text: 'Good', late: false });
    const late = ok(step(observed('2027-09-14'), '2027-09-22', { type: 'give-written-feedback', observation: 1, text: 'Good' }, lee));
    expect(late.notes).toEqual(['OBS-FEEDBACK-7: written feedback on observation 1 given late']);
    expect(late.state.observations[0]!.feedback!.late).toBe(true);
    expect(step(observed('2027-09-14'), '2027-09-22', { type: 'give-written-feedback', observation: 1, text: 'x', on: '2027-09-13' }, lee)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-FEEDBACK-7', message: 'written feedback follows the observation' });
    expect(step(inTime.state, '2027-09-22', { type: 'give-written-feedback', observation: 1, text: 'x' }, lee)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-FEEDBACK-7', message: 'written feedback on observation 1 was given on 2027-09-21' });
  });

  it('OBS-POSTCONF: noted with the ratings shared or not; once; not before the observation; by another evaluator a violation', () => {
    const conference = (ratingsShared: boolean, on?: string): ObservationEvent => ({ type: 'hold-post-conference', observation: 1, reinforcement: 'a', refinement: 'b', ratingsShared, certification: certified, ...(on ? { on } : {}) });
    const shared = ok(step(observed('2027-09-14'), '2027-09-14', conference(true), lee));
    expect(shared.notes).toEqual(['OBS-POSTCONF: post-conference of observation 1 held, ratings shared']);
    expect(shared.state.violations).toEqual([]);
    expect(ok(step(observed('2027-09-14'), '2027-09-15', conference(false), lee)).notes).toEqual(['OBS-POSTCONF: post-conference of observation 1 held']);
    expect(step(shared.state, '2027-09-16', conference(true), lee)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-POSTCONF', message: 'the post-conference of observation 1 was held on 2027-09-14' });
    expect(step(observed('2027-09-14'), '2027-09-16', conference(true, '2027-09-13'), lee)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-POSTCONF', message: 'the post-conference follows the observation' });
    const other = ok(step(observed('2027-09-14', ng), '2027-09-16', conference(true), lee));
    expect(other.notes).toEqual(['OBS-POSTCONF: post-conference of observation 1 held, ratings shared', 'OBS-POSTCONF: process violation recorded']);
    expect(other.state.violations).toEqual([
      {
        id: 'V1',
        rule: 'OBS-POSTCONF',
        observation: 1,
        missedOn: '2027-09-16',
        recordedOn: '2027-09-16',
        facts: 'The post-conference of observation 1 (observed 2027-09-14 by evaluator ev-ng) was held on 2027-09-16 by evaluator ev-lee: the evaluator who observes holds the post-conference.',
      },
    ]);
    expect(other.state.observations[0]!.postConference).toEqual({ on: '2027-09-16', by: 'ev-lee', certification: certified, reinforcement: 'a', refinement: 'b', ratingsShared: true });
  });

  it('GRV-DEF: a grievance linked to a violation is noted; unknown or already linked violations are refused', () => {
    const withViolation = run(open(), [['2027-09-14', observe({ announced: true }), lee]]);
    const linked = ok(step(withViolation, '2027-09-20', { type: 'record-grievance', violation: 'V1', grievance: { id: 'G-7', workflowId: 'grievance:riverside:G-7' } }, hr));
    expect(linked.notes).toEqual(['GRV-DEF: violation V1 (OBS-PRECONF) is grieved in G-7']);
    expect(step(linked.state, '2027-09-21', { type: 'record-grievance', violation: 'V1', grievance: { id: 'G-8', workflowId: 'w' } }, hr)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-FEEDBACK-7', message: 'violation V1 is grieved in G-7' });
    expect(step(linked.state, '2027-09-21', { type: 'record-grievance', violation: 'V2', grievance: { id: 'G-8', workflowId: 'w' } }, hr)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-FEEDBACK-7', message: 'the cycle has no violation V2' });
  });
});

describe('deadlines and the end of the cycle (OBS-FEEDBACK-7, OBS-TRACK, GRV-FILE-40)', () => {
  it('OBS-FEEDBACK-7: the feedback waiting longest is the one a passed week is; on the same day, the lower number', () => {
    const cycle = run(open(), [
      ['2027-09-20', observe(), lee],
      ['2027-09-14', observe({ on: '2027-09-14' }), ng],
      ['2027-09-20', observe({ on: '2027-09-14' }), lee],
    ]);
    expect(cycle.observations.map((o) => [o.number, o.observed!.on])).toEqual([[1, '2027-09-20'], [2, '2027-09-14'], [3, '2027-09-14']]);
    expect(nextFeedbackDue(cycle)?.number).toBe(2);
    const after = ok(step(cycle, '2027-09-22', { type: 'deadline-passed', deadline: 'feedback' }, hr));
    expect(after.notes).toEqual(['OBS-FEEDBACK-7: written feedback on observation 2 missed its week (2027-09-21); process violation recorded']);
    expect(after.state.violations).toEqual([
      { id: 'V1', rule: 'OBS-FEEDBACK-7', observation: 2, missedOn: '2027-09-21', recordedOn: '2027-09-22', facts: 'No written feedback was given within one week of observation 2 (observed 2027-09-14; due by 2027-09-21).' },
    ]);
    expect(after.state.observations[1]!.feedbackMissedOn).toBe('2027-09-21');
    expect(nextFeedbackDue(after.state)?.number).toBe(3);
    expect(pendingDeadlines(after.state).map((d) => d.key)).toEqual(['feedback:1', 'feedback:3']);
  });

  it('OBS-FEEDBACK-7: feedback after its week was recorded missed is late, even when dated within the week', () => {
    const missed = ok(step(observed('2027-09-14'), '2027-09-22', { type: 'deadline-passed', deadline: 'feedback' }, hr)).state;
    const backdated = ok(step(missed, '2027-09-23', { type: 'give-written-feedback', observation: 1, text: 'x', on: '2027-09-20' }, lee));
    expect(backdated.state.observations[0]!.feedback).toEqual({ on: '2027-09-20', by: 'ev-lee', text: 'x', late: true });
    expect(backdated.notes).toEqual(['OBS-FEEDBACK-7: written feedback on observation 1 given late']);
  });

  it('OBS-CERTIFIED: a step whose date is left out is recorded on today', () => {
    const result = ok(step(open(), '2027-09-14', observe({ on: undefined }), lee));
    expect(result.state.observations[0]!.observed!.on).toBe('2027-09-14');
  });

  it('OBS-FEEDBACK-7: the clock\'s due date is the missed date when it has one; no feedback waiting is refused', () => {
    const after = ok(step(observed('2027-09-14'), '2027-09-23', { type: 'deadline-passed', deadline: 'feedback' }, hr, '2027-09-22'));
    expect(after.state.violations[0]!.missedOn).toBe('2027-09-22');
    expect(step(open(), '2027-09-23', { type: 'deadline-passed', deadline: 'feedback' }, hr)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-FEEDBACK-7', message: 'no written feedback is waiting' });
    const given = run(observed('2027-09-14'), [['2027-09-15', { type: 'give-written-feedback', observation: 1, text: 'x' }, lee]]);
    expect(nextFeedbackDue(given)).toBeUndefined();
  });

  it('OBS-TRACK: HR ends a cycle: the report, what was never done recorded, and a note of the rules met', () => {
    const result = ok(step(open(rated1), '2027-09-22', { type: 'end-cycle', reason: 'left the district' }, hr));
    expect(result.notes).toEqual(['OBS-TRACK: cycle ended by HR (left the district); 6 of 8 rules met']);
    expect(result.state).toMatchObject({ status: 'ended', closed: { reason: 'ended', on: '2027-09-22', rule: 'OBS-TRACK', note: 'left the district' }, report: { on: '2027-09-22', violations: 2 } });
    expect(result.state.violations).toEqual([
      { id: 'V1', rule: 'OBS-TRACK', missedOn: '2027-09-22', recordedOn: '2027-09-22', facts: 'By the end of the cycle (2027-09-22): 0 of 4 formal observations held.' },
      { id: 'V2', rule: 'OBS-COACHING', missedOn: '2027-09-22', recordedOn: '2027-09-22', facts: 'By the end of the cycle (2027-09-22): no coaching conversation was held.' },
    ]);
  });

  it('OBS-TRACK: the year end closes on the last instructional day; steps missed when they happened are not recorded twice', () => {
    const cycle = { ...run(open(rated1), [
      ['2027-09-14', observe({ announced: true }), lee],
      ['2027-09-15', observe({ announced: true }), lee],
    ]), endsOn: '2028-06-02' };
    expect(cycle.violations.map((v) => v.rule)).toEqual(['OBS-COACHING', 'OBS-PRECONF', 'OBS-PRECONF']);
    const result = ok(step(cycle, '2028-06-03', { type: 'deadline-passed', deadline: 'year-end' }, hr));
    expect(result.state).toMatchObject({ status: 'completed', closed: { reason: 'year-ended', on: '2028-06-02', rule: 'OBS-TRACK' } });
    expect(result.state.violations.slice(3).map((v) => [v.rule, v.observation, v.missedOn])).toEqual([
      ['OBS-TRACK', undefined, '2028-06-02'],
      ['OBS-UNANNOUNCED', undefined, '2028-06-02'],
      ['OBS-POSTCONF', 1, '2028-06-02'],
      ['OBS-POSTCONF', 2, '2028-06-02'],
    ]);
    expect(result.notes).toEqual(['OBS-TRACK: the cycle ended with the school year; 1 of 8 rules met']);
    const noEnd = ok(step(open(), '2028-06-03', { type: 'deadline-passed', deadline: 'year-end' }, hr));
    expect(noEnd.state.closed!.on).toBe('2028-06-03');
  });

  it('OBS-UNANNOUNCED: recorded once: a school services cycle with an unannounced observation adds none at the end', () => {
    const cycle = run(open(services), [['2027-09-14', observe({ minutes: 60 }), lee]]);
    const ended = ok(step(cycle, '2027-09-30', { type: 'end-cycle', reason: 'r' }, hr)).state;
    expect(ended.violations.filter((v) => v.rule === 'OBS-UNANNOUNCED')).toHaveLength(1);
  });

  it('GRV-FILE-40: a closed cycle waits for the grievance window of its latest violation, then is done', () => {
    const ended = run(open(), [
      ['2027-09-20', observe({ announced: true }), lee],
      ['2027-09-14', observe({ announced: true, on: '2027-09-10' }), lee],
    ]);
    expect(lastMissedOn(ended)).toBe('2027-09-20');
    expect(lastMissedOn(open())).toBeUndefined();
    const closed = run(ended, [['2027-09-21', { type: 'end-cycle', reason: 'r' }, hr]]);
    expect(pendingDeadlines(closed)).toEqual([{ key: 'grievance-window', label: 'Last day to grieve a process violation of the cycle', spec: { rule: 'GRV-FILE-40', trigger: '2027-09-21', unit: 'school-day', count: 40 } }]);
    expect(cycleDone(closed)).toBe(false);
    const done = ok(step(closed, '2027-11-20', { type: 'deadline-passed', deadline: 'grievance-window' }, hr));
    expect(done.notes).toEqual(['GRV-FILE-40: the last process violation of the cycle can no longer be grieved; the record closes']);
    expect(pendingDeadlines(done.state)).toEqual([]);
    expect(cycleDone(done.state)).toBe(true);
    const clean = run(open(), [['2027-09-21', { type: 'end-cycle', reason: 'r' }, hr]]);
    expect(clean.violations.map((v) => v.rule)).toEqual(['OBS-TRACK']);
    const none = { ...clean, violations: [] };
    expect(pendingDeadlines(none)).toEqual([]);
    expect(cycleDone(none)).toBe(true);
    expect(cycleDone(open())).toBe(false);
  });
});

describe('the edges found by mutation testing (OBS-*)', () => {
  it('OBS-FEEDBACK-7 / OBS-POSTCONF: feedback or a post-conference on an observation the cycle does not have, or not held yet, is refused under its rule', () => {
    const planned = run(open(), [['2027-09-10', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee]]);
    expect(step(planned, '2027-09-11', { type: 'give-written-feedback', observation: 2, text: 'x' }, lee)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-FEEDBACK-7', message: 'the cycle has no observation 2' });
    expect(step(planned, '2027-09-11', { type: 'give-written-feedback', observation: 1, text: 'x' }, lee)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-FEEDBACK-7', message: 'observation 1 has not taken place yet' });
    const conference = (observation: number): ObservationEvent => ({ type: 'hold-post-conference', observation, reinforcement: 'a', refinement: 'b', ratingsShared: true, certification: certified });
    expect(step(planned, '2027-09-11', conference(2), lee)).toEqual({ ok: false, kind: 'rule', rule: 'OBS-POSTCONF', message: 'the cycle has no observation 2' });
    expect(step(planned, '2027-09-11', conference(1), lee)).toEqual({ ok: false, kind: 'conflict', rule: 'OBS-POSTCONF', message: 'observation 1 has not taken place yet' });
  });

  it('GRV-DEF: linking a grievance to one violation leaves the others as they were', () => {
    const two = run(open(), [
      ['2027-09-14', observe({ announced: true }), lee],
      ['2027-09-15', observe({ announced: true }), lee],
    ]);
    const linked = ok(step(two, '2027-09-20', { type: 'record-grievance', violation: 'V2', grievance: { id: 'G-9', workflowId: 'w' } }, hr)).state;
    expect(linked.violations.map((v) => [v.id, v.grievance?.id])).toEqual([
      ['V1', undefined],
      ['V2', 'G-9'],
    ]);
  });

  it('OBS-COACHING: a missed coaching conversation recorded at the first observation is not recorded again at the year end', () => {
    const cycle = run(open(rated1), fullObservation(1, '2027-09-14', false));
    expect(cycle.violations.map((v) => v.rule)).toEqual(['OBS-COACHING']);
    const ended = ok(step(cycle, '2027-09-30', { type: 'end-cycle', reason: 'r' }, hr)).state;
    expect(ended.violations.map((v) => v.rule)).toEqual(['OBS-COACHING', 'OBS-TRACK']);
  });

  it('OBS-POSTCONF: at the year end only observations held and never followed by a post-conference are violations', () => {
    const cycle = run(open(), [
      ...fullObservation(1, '2027-09-14', false),
      ['2027-10-05', observe(), lee],
      ['2027-10-10', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee],
    ]);
    const ended = ok(step(cycle, '2027-10-20', { type: 'end-cycle', reason: 'r' }, hr)).state;
    expect(ended.violations.filter((v) => v.rule === 'OBS-POSTCONF').map((v) => v.observation)).toEqual([2]);
  });

  it('OBS-UNANNOUNCED / OBS-TRACK: an unannounced violation recorded before does not hide the other shortfalls at the year end', () => {
    const cycle = run(open(services), [['2027-09-14', observe({ minutes: 60 }), lee]]);
    const ended = ok(step(cycle, '2027-09-30', { type: 'end-cycle', reason: 'r' }, hr)).state;
    expect(ended.violations.map((v) => v.rule)).toEqual(['OBS-UNANNOUNCED', 'OBS-TRACK', 'OBS-POSTCONF']);
  });
});
