import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import type { ObservationCycle, ObservationEvent } from '../../../src/domain/observation/observation-cycle';
import { observationFamily } from '../../../src/domain/observation/observation-family';
import { evaluatorIdOf, OBS_ACTIONS, OBS_PARTS, OBS_RELATIONS, observationRelation, type ObservationRelation } from '../../../src/domain/observation/observation-parties';
import { startCycle, transition } from '../../../src/domain/observation/observation-process';
import { visibleCycle } from '../../../src/domain/observation/observation-visibility';
import { auditor, certified, cycleStart, DISTRICT, educator, fullObservation, hr, lee, ng, otherTeacher, run, stranger } from './observation-fixtures';

const open = () => startCycle(cycleStart());
/** A cycle with one whole observation (feedback, post-conference, self-score) and a violation, and a coaching conversation. */
const FEEDBACK = 'FEEDBACK-MARKER';
const SELF = 'SELF-SCORE-MARKER';
function busy(): ObservationCycle {
  const cycle = run(open(), [
    ['2027-08-30', { type: 'hold-coaching-conversation', supports: ['COACHING-MARKER'], certification: certified }, lee],
    ...fullObservation(1, '2027-09-14', false).map(([d, e, a]) =>
      e.type === 'give-written-feedback' ? ([d, { ...e, text: FEEDBACK }, a] as const) : e.type === 'submit-self-score' ? ([d, { ...e, note: SELF }, a] as const) : ([d, e, a] as const),
    ),
    ['2027-10-05', { type: 'observe', kind: 'formal', announced: true, certification: certified }, lee],
  ]);
  return cycle;
}

const people: readonly [string, Actor, ObservationRelation][] = [
  ['the educator', educator, 'educator'],
  ['an evaluator of the cycle', lee, 'evaluator'],
  ['the other evaluator', ng, 'evaluator'],
  ['HR of the district', hr, 'hr'],
  ['an auditor of the district', auditor, 'auditor'],
  ['an evaluator not on the cycle', stranger, 'other'],
  ['another teacher', otherTeacher, 'other'],
  ['HR of another district', { ...hr, district: 'elsewhere' }, 'other'],
  ['the educator signed in to another district', { ...educator, district: 'elsewhere' }, 'other'],
];

describe('how a person stands to an observation cycle, from the token', () => {
  it.each(people)('OBS-CERTIFIED: %s is %s', (_who, actor, relation) => {
    expect(observationRelation(open(), actor)).toBe(relation);
  });

  it('OBS-CERTIFIED: identity by the employee id of the token too; the educator comes before a role', () => {
    expect(observationRelation(open(), { id: 'idp-1', employeeId: 'ev-ng', roles: ['decider'], district: DISTRICT })).toBe('evaluator');
    expect(observationRelation(open(), { ...educator, roles: ['hr'] })).toBe('educator');
    expect(observationRelation(open(), { ...lee, roles: ['auditor'] })).toBe('evaluator');
    expect(observationRelation(open(), { id: 'x', roles: ['hr', 'auditor'], district: DISTRICT })).toBe('hr');
  });

  it('OBS-POSTCONF: an evaluator acts under the id the cycle lists (their employee id), else their token subject', () => {
    expect(evaluatorIdOf(open(), { id: 'idp-1', employeeId: 'ev-ng', roles: ['decider'], district: DISTRICT })).toBe('ev-ng');
    expect(evaluatorIdOf(open(), lee)).toBe('ev-lee');
    expect(evaluatorIdOf(open(), stranger)).toBe('ev-other');
  });
});

describe('who may take each step (OBS_ACTIONS), written out', () => {
  // From the README's table "Observation cycle: who may take each step", never read from OBS_ACTIONS: a wrong entry
  // in the code's table fails this test. Columns: educator, evaluator, hr, auditor, other.
  const MAY: Record<keyof typeof OBS_ACTIONS, readonly [string, readonly boolean[]]> = {
    'assign-evaluator': ['OBS-CERTIFIED', [false, false, true, false, false]],
    'hold-coaching-conversation': ['OBS-COACHING', [false, true, false, false, false]],
    'hold-pre-conference': ['OBS-PRECONF', [false, true, false, false, false]],
    observe: ['OBS-CERTIFIED', [false, true, false, false, false]],
    'submit-self-score': ['OBS-SELF-SCORE', [true, false, false, false, false]],
    'give-written-feedback': ['OBS-FEEDBACK-7', [false, true, false, false, false]],
    'hold-post-conference': ['OBS-POSTCONF', [false, true, false, false, false]],
    'record-grievance': ['OBS-FEEDBACK-7', [false, false, true, false, false]],
    'end-cycle': ['OBS-TRACK', [false, false, true, false, false]],
  };
  const actors = [educator, lee, hr, auditor, stranger];
  const sample: Record<keyof typeof OBS_ACTIONS, ObservationEvent> = {
    'assign-evaluator': { type: 'assign-evaluator', evaluator: { id: 'ev-new' } },
    'hold-coaching-conversation': { type: 'hold-coaching-conversation', supports: [], certification: certified },
    'hold-pre-conference': { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified },
    observe: { type: 'observe', kind: 'formal', announced: false, certification: certified },
    'submit-self-score': { type: 'submit-self-score', observation: 2, scores: [] },
    'give-written-feedback': { type: 'give-written-feedback', observation: 2, text: 'ok' },
    'hold-post-conference': { type: 'hold-post-conference', observation: 2, reinforcement: 'a', refinement: 'b', ratingsShared: false, certification: certified },
    'record-grievance': { type: 'record-grievance', violation: 'V1', grievance: { id: 'G-1', workflowId: 'grievance:riverside:G-1' } },
    'end-cycle': { type: 'end-cycle', reason: 'r' },
  };
  it('OBS-CERTIFIED: the table below covers every step', () => {
    expect(Object.keys(OBS_ACTIONS).sort()).toEqual(Object.keys(MAY).sort());
  });
  const rows = Object.entries(MAY).flatMap(([type, [rule, allowed]]) => actors.map((actor, i) => [type, actor.id, allowed[i]!, rule, actor] as const));
  it.each(rows)('OBS-CERTIFIED: %s by %s: allowed %s', (type, _id, allowed, rule, actor) => {
    const result = transition(busy(), sample[type as keyof typeof OBS_ACTIONS], { today: '2027-10-06', actor, dueOfKey: () => undefined });
    // Allowed: taken, or refused for another reason than whose step it is (the coaching conversation was held already).
    if (allowed) expect(result.ok ? 'taken' : result.kind).not.toBe('forbidden');
    else expect(result).toMatchObject({ ok: false, kind: 'forbidden', rule, message: `${type} is for the ${MAY[type as keyof typeof OBS_ACTIONS][1].flatMap((may, i) => (may ? [['educator', 'evaluator', 'hr', 'auditor', 'other'][i]] : [])).join(' or ')} of the cycle` });
  });
});

describe('who sees what of a cycle (OBS_ACCESS), written out', () => {
  // From the README's table "Observation cycle: who may see what". Columns: summary, observations, feedback,
  // self-scores, violations, record.
  const SEES: Record<ObservationRelation, readonly boolean[]> = {
    educator: [true, true, true, true, true, false],
    evaluator: [true, true, true, true, true, false],
    hr: [true, true, false, false, true, false],
    auditor: [true, true, true, true, true, true],
    other: [false, false, false, false, false, false],
  };
  const ACTION_PART: Record<string, number> = {
    'assign-evaluator': 1,
    'hold-coaching-conversation': 2,
    'hold-pre-conference': 1,
    observe: 1,
    'submit-self-score': 3,
    'give-written-feedback': 2,
    'hold-post-conference': 2,
    'record-grievance': 4,
    'end-cycle': 0,
    'feedback-deadline-passed': 0,
  };

  it.each(people)('OBS-FEEDBACK-7: %s (%s) sees exactly the parts of the table, and the actions that write them', (_who, actor, relation) => {
    const cycle = busy();
    expect(observationFamily.sees(cycle, actor)).toBe(SEES[relation][0]);
    expect(observationFamily.seesWholeRecord(cycle, actor)).toBe(SEES[relation][5]);
    for (const [action, part] of Object.entries(ACTION_PART)) expect([action, observationFamily.seesAction(cycle, actor, action)]).toEqual([action, SEES[relation][part]]);
    const view = visibleCycle(cycle, relation);
    if (!SEES[relation][0]) return expect(view).toBeUndefined();
    expect(view!.withheld).toEqual(OBS_PARTS.filter((p, i) => p !== 'record' && !SEES[relation][i]));
    const text = JSON.stringify(view);
    expect(text.includes(FEEDBACK)).toBe(SEES[relation][2]);
    expect(text.includes('COACHING-MARKER')).toBe(SEES[relation][2]);
    expect(text.includes(SELF)).toBe(SEES[relation][3]);
    expect('violations' in view!).toBe(SEES[relation][4]);
    expect(text).not.toContain('dana@example.org');
    expect(text).not.toContain('"openedBy"');
  });

  it('OBS-FEEDBACK-7: HR sees that feedback, conferences and self-scores took place and when, not what they said', () => {
    const view = visibleCycle(busy(), 'hr')!;
    expect(view.withheld).toEqual(['feedback', 'self-scores']);
    expect(view.coaching).toEqual({ on: '2027-08-30', by: 'ev-lee' });
    const [first, second] = view.observations!;
    expect(first).toMatchObject({
      number: 1,
      feedback: { on: '2027-09-14', by: 'ev-lee', late: false, text: '' },
      postConference: { on: '2027-09-14', by: 'ev-lee', ratingsShared: true, reinforcement: '', refinement: '' },
      selfScore: { on: '2027-09-14', scores: [] },
    });
    expect(first!.postConference).not.toHaveProperty('certification');
    expect(first!.selfScore).not.toHaveProperty('note');
    expect(second).not.toHaveProperty('feedback');
    expect(second).not.toHaveProperty('postConference');
    expect(second).not.toHaveProperty('selfScore');
    expect(view.violations).toEqual([expect.objectContaining({ id: 'V1', rule: 'OBS-PRECONF' })]);
  });

  it('OBS-FEEDBACK-7: the educator sees the feedback, the conference notes and the self-score as given', () => {
    const view = visibleCycle(busy(), 'educator')!;
    expect(view.withheld).toEqual([]);
    expect(view.coaching).toMatchObject({ on: '2027-08-30', supports: ['COACHING-MARKER'] });
    expect(view.observations![0]).toMatchObject({ feedback: { text: FEEDBACK }, postConference: { reinforcement: 'Pacing', refinement: 'Questioning' }, selfScore: { note: SELF, scores: [{ indicator: 'questioning', score: 3 }] } });
    expect(view).toMatchObject({ id: '2027-2028:E1001', educator: 'E1001', track: { id: 'professional' } });
  });

  it('OBS-COACHING: a cycle without a coaching conversation shows none', () => {
    expect(visibleCycle(open(), 'hr')).not.toHaveProperty('coaching');
    expect(visibleCycle(open(), 'educator')).not.toHaveProperty('coaching');
  });
});

describe('the columns of the published tables (observation-parties.ts)', () => {
  it('OBS-CERTIFIED: the relations and parts, in the order of the README\'s columns', () => {
    expect(OBS_RELATIONS).toEqual(['educator', 'evaluator', 'hr', 'auditor', 'other']);
    expect(OBS_PARTS).toEqual(['summary', 'observations', 'feedback', 'self-scores', 'violations', 'record']);
  });
});
