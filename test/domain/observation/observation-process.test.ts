import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import type { ObservationCycle, ObservationEvent } from '../../../src/domain/observation/observation-cycle';
import { cycleDone, pendingDeadlines, startCycle, transition } from '../../../src/domain/observation/observation-process';
import { certified, cycleStart, educator, fullObservation, hr, lee, ng, notCertified, otherTeacher, run, stranger } from './observation-fixtures';

const open = (profile?: Parameters<typeof cycleStart>[0]) => startCycle(cycleStart(profile));
const step = (cycle: ObservationCycle, today: string, event: ObservationEvent, actor: Actor) => transition(cycle, event, { today, actor, dueOfKey: () => undefined });
const rules = (cycle: ObservationCycle) => cycle.violations.map((v) => v.rule);

describe('observation cycle rules (pure)', () => {
  it('OBS-TRACK: a cycle opens on its track with the id <schoolYear>:<educator>, in progress until the minimum is held', () => {
    const cycle = open();
    expect(cycle).toMatchObject({ id: '2027-2028:E1001', status: 'in-progress', track: { id: 'professional', observations: 2 }, coachingRequired: false, violations: [] });
    const once = run(cycle, fullObservation(1, '2027-09-14', false));
    expect(once.status).toBe('in-progress');
    const twice = run(once, fullObservation(2, '2027-10-12', true));
    expect(twice.status).toBe('minimum-met');
  });

  it.each([
    ['an uncertified evaluator observing', { type: 'observe', kind: 'formal', announced: false, certification: notCertified }, lee],
    ['an observation with no certification checked', { type: 'observe', kind: 'formal', announced: false }, lee],
    ['an uncertified pre-conference', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: notCertified }, lee],
    ['an uncertified coaching conversation', { type: 'hold-coaching-conversation', supports: ['mentor'], certification: notCertified }, lee],
  ] as const)('OBS-CERTIFIED: %s is refused (422) and nothing is recorded', (_name, event, actor) => {
    const refused = step(open(), '2027-09-14', event as ObservationEvent, actor);
    expect(refused).toMatchObject({ ok: false, kind: 'rule', rule: 'OBS-CERTIFIED' });
    if (!refused.ok) expect(refused.message).toContain('may not observe or hold the conferences');
  });

  it('OBS-CERTIFIED: an uncertified post-conference is refused; a certified one by the observer is recorded', () => {
    const observed = run(open(), [['2027-09-14', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee]]);
    expect(step(observed, '2027-09-15', { type: 'hold-post-conference', observation: 1, reinforcement: 'a', refinement: 'b', ratingsShared: true, certification: notCertified }, lee)).toMatchObject({ ok: false, rule: 'OBS-CERTIFIED' });
    const held = step(observed, '2027-09-15', { type: 'hold-post-conference', observation: 1, reinforcement: 'a', refinement: 'b', ratingsShared: true, certification: certified }, lee);
    expect(held.ok && held.state.observations[0]!.postConference).toMatchObject({ on: '2027-09-15', by: 'ev-lee', ratingsShared: true });
  });

  it.each([
    ['HR observing', hr, 'observe'],
    ['the educator observing', educator, 'observe'],
    ['an evaluator submitting a self-score', lee, 'submit-self-score'],
    ['an evaluator assigning an evaluator', lee, 'assign-evaluator'],
    ['an evaluator not assigned to the cycle', stranger, 'observe'],
    ['another teacher', otherTeacher, 'submit-self-score'],
  ] as const)('OBS-CERTIFIED / OBS-SELF-SCORE: %s is refused (403): each step is its own party\'s', (_name, actor, type) => {
    const events: Record<string, ObservationEvent> = {
      observe: { type: 'observe', kind: 'formal', announced: false, certification: certified },
      'submit-self-score': { type: 'submit-self-score', observation: 1, scores: [] },
      'assign-evaluator': { type: 'assign-evaluator', evaluator: { id: 'ev-x' } },
    };
    expect(step(open(), '2027-09-14', events[type]!, actor)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('OBS-UNANNOUNCED: school services personnel are observed announced only; an unannounced observation is a process violation', () => {
    const cycle = open({ category: 'school-services', license: 'professional', prior: { loe: 3 } });
    const after = run(cycle, [['2027-09-14', { type: 'observe', kind: 'formal', announced: false, minutes: 20, certification: certified }, lee]]);
    expect(after.violations).toEqual([
      expect.objectContaining({ id: 'V1', rule: 'OBS-UNANNOUNCED', observation: 1, missedOn: '2027-09-14', facts: expect.stringContaining('every observation is announced') }),
    ]);
  });

  it('OBS-UNANNOUNCED: at year end fewer than half unannounced is not met and recorded once', () => {
    const cycle = run(open(), [...fullObservation(1, '2027-09-14', true), ...fullObservation(2, '2027-10-12', true), ['2028-06-02', { type: 'end-cycle', reason: 'year closed early' }, hr]]);
    expect(cycle.report?.rules.find((r) => r.rule === 'OBS-UNANNOUNCED')).toEqual({ rule: 'OBS-UNANNOUNCED', met: false, detail: '0 of 2 observation(s) unannounced; at least half are' });
    expect(rules(cycle)).toEqual(['OBS-UNANNOUNCED']);
  });

  it('OBS-PRECONF: an announced observation without a pre-conference is recorded with a violation dated that day', () => {
    const after = run(open(), [['2027-09-14', { type: 'observe', kind: 'formal', announced: true, certification: certified }, lee]]);
    expect(after.observations[0]).toMatchObject({ number: 1, announced: true, observed: { on: '2027-09-14', by: 'ev-lee' } });
    expect(after.violations).toEqual([expect.objectContaining({ rule: 'OBS-PRECONF', missedOn: '2027-09-14', recordedOn: '2027-09-14' })]);
  });

  it('OBS-PRECONF: a pre-conference plans announced observation 1; the observation fills it; unannounced needs none', () => {
    const after = run(open(), [
      ['2027-09-10', { type: 'hold-pre-conference', plannedFor: '2027-09-14', lessonPlanReviewed: true, certification: certified }, lee],
      ['2027-09-14', { type: 'observe', observation: 1, kind: 'formal', announced: true, certification: certified }, lee],
      ['2027-10-05', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee],
    ]);
    expect(after.observations.map((o) => [o.number, o.announced, o.preConference?.on])).toEqual([[1, true, '2027-09-10'], [2, false, undefined]]);
    expect(after.violations).toEqual([]);
    expect(step(after, '2027-10-06', { type: 'observe', observation: 1, kind: 'formal', announced: true, certification: certified }, lee)).toMatchObject({ ok: false, kind: 'conflict', rule: 'OBS-PRECONF' });
  });

  it('OBS-POSTCONF: the same evaluator holds pre-conference, observation and post-conference; another is a wrong-person violation', () => {
    const after = run(open(), [
      ['2027-09-10', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee],
      ['2027-09-14', { type: 'observe', observation: 1, kind: 'formal', announced: true, certification: certified }, ng],
      ['2027-09-16', { type: 'hold-post-conference', observation: 1, reinforcement: 'a', refinement: 'b', ratingsShared: true, certification: certified }, lee],
    ]);
    expect(after.violations.map((v) => [v.id, v.rule, v.missedOn])).toEqual([
      ['V1', 'OBS-POSTCONF', '2027-09-14'],
      ['V2', 'OBS-POSTCONF', '2027-09-16'],
    ]);
    expect(after.violations[1]!.facts).toContain('by evaluator ev-lee');
  });

  it('OBS-POSTCONF: an observation never followed by a post-conference is a violation at the year end', () => {
    const after = run(open(), [
      ['2027-09-14', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee],
      ['2028-06-02', { type: 'end-cycle', reason: 'test' }, hr],
    ]);
    expect(after.violations.find((v) => v.rule === 'OBS-POSTCONF')).toMatchObject({ observation: 1, missedOn: '2028-06-02', facts: 'Observation 1 (2027-09-14) was never followed by a post-conference.' });
  });

  it('OBS-COACHING: with a prior rating of 1 the coaching conversation comes first; skipped, the first observation records a violation', () => {
    const rated1 = { category: 'teacher', license: 'professional', prior: { loe: 1 } } as const;
    const skipped = run(open(rated1), [['2027-09-14', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee]]);
    expect(skipped.violations).toEqual([expect.objectContaining({ rule: 'OBS-COACHING', missedOn: '2027-09-14' })]);
    const coached = run(open(rated1), [
      ['2027-08-30', { type: 'hold-coaching-conversation', supports: ['instructional coach', 'peer visits'], certification: certified }, lee],
      ['2027-09-14', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee],
    ]);
    expect(coached.violations).toEqual([]);
    expect(coached.coaching).toMatchObject({ on: '2027-08-30', by: 'ev-lee', supports: ['instructional coach', 'peer visits'] });
  });

  it('OBS-SELF-SCORE: the educator self-scores after the observation, once; the scores are kept as given', () => {
    const observed = run(open(), [['2027-09-14', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee]]);
    expect(step(open(), '2027-09-14', { type: 'submit-self-score', observation: 1, scores: [] }, educator)).toMatchObject({ ok: false, rule: 'OBS-SELF-SCORE' });
    const scored = run(observed, [['2027-09-15', { type: 'submit-self-score', observation: 1, scores: [{ indicator: 'questioning', score: 2 }], note: 'rushed the close' }, educator]]);
    expect(scored.observations[0]!.selfScore).toEqual({ on: '2027-09-15', scores: [{ indicator: 'questioning', score: 2 }], note: 'rushed the close' });
    expect(step(scored, '2027-09-16', { type: 'submit-self-score', observation: 1, scores: [] }, educator)).toMatchObject({ ok: false, kind: 'conflict', rule: 'OBS-SELF-SCORE' });
  });

  it('OBS-FEEDBACK-7: each observation runs a 7-calendar-day feedback week; feedback ends it; a passed week is a violation dated its due day', () => {
    const observed = run(open(), [['2027-09-14', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee]]);
    expect(pendingDeadlines(observed)).toEqual([{ key: 'feedback:1', label: 'Written feedback on observation 1', spec: { rule: 'OBS-FEEDBACK-7', trigger: '2027-09-14', unit: 'calendar-day', count: 7 } }]);
    const given = run(observed, [['2027-09-20', { type: 'give-written-feedback', observation: 1, text: 'ok' }, lee]]);
    expect(given.observations[0]!.feedback).toMatchObject({ on: '2027-09-20', late: false });
    expect(pendingDeadlines(given)).toEqual([]);
    const missed = transition(observed, { type: 'deadline-passed', deadline: 'feedback' }, { today: '2027-09-22', actor: hr, dueOfKey: (key) => (key === 'feedback:1' ? '2027-09-21' : undefined) });
    expect(missed.ok && missed.state.violations).toEqual([expect.objectContaining({ rule: 'OBS-FEEDBACK-7', observation: 1, missedOn: '2027-09-21', recordedOn: '2027-09-22' })]);
    // Recorded, not enforced: the feedback may still come, marked late.
    const late = missed.ok ? run(missed.state, [['2027-09-24', { type: 'give-written-feedback', observation: 1, text: 'late' }, lee]]) : undefined;
    expect(late?.observations[0]!.feedback).toMatchObject({ late: true });
  });

  it('OBS-TRACK: the year end reports what was met, scores only the minimum, and records a shortfall as a violation', () => {
    const cycle = { ...open(), endsOn: '2028-06-02' };
    expect(pendingDeadlines(cycle).at(-1)).toEqual({ key: 'year-end', label: 'End of the observation cycle', spec: { rule: 'OBS-TRACK', trigger: '2028-06-01', unit: 'calendar-day', count: 1 } });
    const one = run(cycle, fullObservation(1, '2027-09-14', false));
    const ended = transition(one, { type: 'deadline-passed', deadline: 'year-end' }, { today: '2028-06-03', actor: hr, dueOfKey: () => undefined });
    expect(ended.ok && ended.state).toMatchObject({ status: 'completed', closed: { reason: 'year-ended', on: '2028-06-02', rule: 'OBS-TRACK' } });
    const report = ended.ok ? ended.state.report! : undefined;
    expect(report).toMatchObject({ on: '2028-06-02', formal: { required: 2, held: 1, scored: [1] }, unannounced: { held: 1, of: 1 }, selfScores: { submitted: 1, of: 1 }, violations: 1 });
    expect(report?.rules.map((r) => [r.rule, r.met])).toEqual([
      ['OBS-TRACK', false],
      ['OBS-UNANNOUNCED', true],
      ['OBS-PRECONF', true],
      ['OBS-SELF-SCORE', true],
      ['OBS-POSTCONF', true],
      ['OBS-FEEDBACK-7', true],
      ['OBS-CERTIFIED', true],
    ]);
    expect(ended.ok && ended.state.violations).toEqual([expect.objectContaining({ rule: 'OBS-TRACK', missedOn: '2028-06-02', facts: 'By the end of the cycle (2028-06-02): 1 of 2 formal observations held.' })]);
    expect(ended.ok && pendingDeadlines(ended.state).map((d) => [d.key, d.spec.trigger])).toEqual([['grievance-window', '2028-06-02']]);
  });

  it('OBS-TRACK: evaluators may observe more than the minimum; only the first ones of the minimum are scored', () => {
    const three = run(open(), [...fullObservation(1, '2027-09-14', false), ...fullObservation(2, '2027-10-12', true), ...fullObservation(3, '2027-11-09', false), ['2028-06-01', { type: 'end-cycle', reason: 'r' }, hr]]);
    expect(three.report?.formal).toEqual({ required: 2, held: 3, scored: [1, 2] });
    expect(three.violations).toEqual([]);
  });

  it.each([
    ['a step dated after today', '2027-09-14', { type: 'give-written-feedback', observation: 1, text: 'x', on: '2027-09-20' }, lee, 'rule'],
    ['feedback on an observation not held', '2027-09-14', { type: 'give-written-feedback', observation: 2, text: 'x' }, lee, 'rule'],
    ['feedback twice', '2027-09-16', { type: 'give-written-feedback', observation: 1, text: 'x' }, lee, 'conflict'],
  ] as const)('OBS-FEEDBACK-7: %s is refused', (_name, today, event, actor, kind) => {
    const base = run(open(), [
      ['2027-09-14', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee],
      ['2027-09-15', { type: 'give-written-feedback', observation: 1, text: 'first' }, lee],
    ]);
    expect(step(base, today, event as ObservationEvent, actor)).toMatchObject({ ok: false, kind });
  });

  it('OBS-FEEDBACK-7 / GRV-DEF: a grievance filed about a violation is linked to it, once; a closed cycle refuses steps but not the link', () => {
    const withViolation = run(open(), [['2027-09-14', { type: 'observe', kind: 'formal', announced: true, certification: certified }, lee]]);
    const linked = run(withViolation, [['2027-09-20', { type: 'record-grievance', violation: 'V1', grievance: { id: 'G-1', workflowId: 'grievance:riverside:G-1' } }, hr]]);
    expect(linked.violations[0]!.grievance).toEqual({ id: 'G-1', workflowId: 'grievance:riverside:G-1', filedOn: '2027-09-20' });
    expect(step(linked, '2027-09-21', { type: 'record-grievance', violation: 'V1', grievance: { id: 'G-2', workflowId: 'grievance:riverside:G-2' } }, hr)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(step(linked, '2027-09-21', { type: 'record-grievance', violation: 'V9', grievance: { id: 'G-2', workflowId: 'grievance:riverside:G-2' } }, hr)).toMatchObject({ ok: false, kind: 'rule' });
    const closed = run(withViolation, [['2027-09-22', { type: 'end-cycle', reason: 'left the district' }, hr]]);
    expect(closed).toMatchObject({ status: 'ended', closed: { reason: 'ended', note: 'left the district' } });
    expect(step(closed, '2027-09-23', { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee)).toMatchObject({ ok: false, kind: 'conflict' });
    // GRV-FILE-40: the closed cycle waits 40 school days after its last violation for a grievance's link, then ends.
    expect(cycleDone(closed)).toBe(false);
    expect(pendingDeadlines(closed)).toEqual([{ key: 'grievance-window', label: 'Last day to grieve a process violation of the cycle', spec: { rule: 'GRV-FILE-40', trigger: '2027-09-22', unit: 'school-day', count: 40 } }]);
    const linkedLate = run(closed, [['2027-10-20', { type: 'record-grievance', violation: 'V1', grievance: { id: 'G-1', workflowId: 'grievance:riverside:G-1' } }, hr]]);
    expect(linkedLate.violations[0]!.grievance?.id).toBe('G-1');
    const done = transition(linkedLate, { type: 'deadline-passed', deadline: 'grievance-window' }, { today: '2027-11-20', actor: hr, dueOfKey: () => undefined });
    expect(done.ok && cycleDone(done.state)).toBe(true);
  });
});
