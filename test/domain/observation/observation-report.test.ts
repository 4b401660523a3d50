import { describe, expect, it } from 'vitest';
import type { Observation, ObservationCycle } from '../../../src/domain/observation/observation-cycle';
import { minimumMet, yearEndReport } from '../../../src/domain/observation/observation-report';
import { startCycle } from '../../../src/domain/observation/observation-process';
import { certified, cycleStart, notCertified } from './observation-fixtures';

// Cycles written out by hand: what was recorded, and what the report must count from it (OBS-*).
const rated5 = { category: 'teacher', license: 'professional', prior: { loe: 5 } } as const;
const rated1 = { category: 'teacher', license: 'professional', prior: { loe: 4, growth: 1 } } as const;
const services = { category: 'school-services', license: 'professional', prior: { loe: 3 } } as const;
const held = (number: number, on: string, over: Partial<Observation> = {}, by = 'ev-lee', minutes?: number): Observation => ({
  number,
  kind: 'formal',
  announced: false,
  observed: { on, by, certification: certified, ...(minutes ? { minutes } : {}) },
  ...over,
});
const full = (o: Observation): Observation => ({
  ...o,
  selfScore: { on: o.observed!.on, scores: [] },
  postConference: { on: o.observed!.on, by: o.observed!.by, reinforcement: 'a', refinement: 'b', ratingsShared: true },
  feedback: { on: o.observed!.on, by: o.observed!.by, text: 't', late: false },
});
const cycleOf = (profile: Parameters<typeof cycleStart>[0], observations: Observation[], over: Partial<ObservationCycle> = {}): ObservationCycle => ({ ...startCycle(cycleStart(profile)), observations, ...over });

describe('the year-end report of a cycle (OBS-*), counted from what was recorded', () => {
  it('OBS-TRACK: a prior 5 needs 1 formal observation and 2 walkthroughs; a planned observation not held counts for nothing', () => {
    const planned: Observation = { number: 4, kind: 'formal', announced: true, preConference: { on: '2027-11-01', by: 'ev-lee', lessonPlanReviewed: true } };
    const walk = (n: number, on: string) => full(held(n, on, { kind: 'walkthrough' }));
    const one = cycleOf(rated5, [full(held(1, '2027-09-14')), walk(2, '2027-10-01'), planned]);
    expect(minimumMet(one)).toBe(false);
    const report = yearEndReport(one, '2028-06-02');
    expect(report.formal).toEqual({ required: 1, held: 1, scored: [1] });
    expect(report.walkthroughs).toEqual({ required: 2, held: 1 });
    expect(report.rules[0]).toEqual({ rule: 'OBS-TRACK', met: false, detail: '1 of 2 walkthroughs held' });
    const two = cycleOf(rated5, [full(held(1, '2027-09-14')), walk(2, '2027-10-01'), walk(3, '2027-10-02'), planned]);
    expect(minimumMet(two)).toBe(true);
    expect(yearEndReport(two, '2028-06-02').rules[0]).toEqual({ rule: 'OBS-TRACK', met: true, detail: '1 formal observation(s) and 2 walkthrough(s) held; track prior-rating-5 requires 1 and 2' });
    expect(minimumMet(cycleOf(rated5, [walk(2, '2027-10-01'), walk(3, '2027-10-02')]))).toBe(false);
    // Professional, prior 2-4: 2 formal. One held and one only planned (its pre-conference held) is not the minimum.
    const plannedSecond: Observation = { ...planned, number: 2 };
    expect(minimumMet(cycleOf(undefined, [full(held(1, '2027-09-14')), plannedSecond]))).toBe(false);
    expect(minimumMet(cycleOf(undefined, [full(held(1, '2027-09-14')), full(held(2, '2027-10-14'))]))).toBe(true);
  });

  it('OBS-TRACK: school services count their minutes of contact; a shortfall of each kind is named', () => {
    const cycle = cycleOf(services, [full(held(1, '2027-09-14', { announced: true, preConference: { on: '2027-09-10', by: 'ev-lee', lessonPlanReviewed: true } }, 'ev-lee', 40))]);
    const report = yearEndReport(cycle, '2028-06-02');
    expect(report.contactMinutes).toEqual({ required: 60, held: 40 });
    expect(report.rules[0]).toEqual({ rule: 'OBS-TRACK', met: false, detail: '1 of 4 formal observations held; 40 of 60 minutes of contact' });
    expect(report.rules[1]).toEqual({ rule: 'OBS-UNANNOUNCED', met: true, detail: '0 of 1 observation(s) unannounced; every observation is announced on this track' });
    const enough = cycleOf(services, [1, 2, 3, 4].map((n) => full(held(n, `2027-09-1${n}`, { announced: true, preConference: { on: '2027-09-10', by: 'ev-lee', lessonPlanReviewed: true } }, 'ev-lee', 15))));
    expect(yearEndReport(enough, '2028-06-02').rules[0]).toMatchObject({ rule: 'OBS-TRACK', met: true });
    const unannounced = cycleOf(services, [full(held(1, '2027-09-14'))]);
    expect(yearEndReport(unannounced, '2028-06-02').rules[1]).toEqual({ rule: 'OBS-UNANNOUNCED', met: false, detail: '1 of 1 observation(s) unannounced; every observation is announced on this track' });
    expect(yearEndReport(cycleOf(undefined, []), '2028-06-02')).not.toHaveProperty('contactMinutes');
  });

  it('OBS-UNANNOUNCED: exactly half unannounced is met; less is not', () => {
    const pre = { preConference: { on: '2027-09-01', by: 'ev-lee', lessonPlanReviewed: true } };
    const half = cycleOf(undefined, [full(held(1, '2027-09-14')), full(held(2, '2027-10-14', { announced: true, ...pre }))]);
    expect(yearEndReport(half, '2028-06-02').rules[1]).toEqual({ rule: 'OBS-UNANNOUNCED', met: true, detail: '1 of 2 observation(s) unannounced; at least half are' });
    const third = cycleOf(undefined, [full(held(1, '2027-09-14')), full(held(2, '2027-10-14', { announced: true, ...pre })), full(held(3, '2027-11-14', { announced: true, ...pre }))]);
    expect(yearEndReport(third, '2028-06-02').rules[1]).toMatchObject({ met: false, detail: '1 of 3 observation(s) unannounced; at least half are' });
  });

  it('OBS-PRECONF / OBS-POSTCONF: a conference counts only when the evaluator who observed held it', () => {
    const byOther = held(1, '2027-09-14', { announced: true, preConference: { on: '2027-09-10', by: 'ev-ng', lessonPlanReviewed: true } });
    const cycle = cycleOf(undefined, [{ ...full(byOther), postConference: { on: '2027-09-15', by: 'ev-ng', reinforcement: 'a', refinement: 'b', ratingsShared: false } }, full(held(2, '2027-10-14'))]);
    const rules = yearEndReport(cycle, '2028-06-02').rules;
    expect(rules.find((r) => r.rule === 'OBS-PRECONF')).toEqual({ rule: 'OBS-PRECONF', met: false, detail: "0 of 1 announced observation(s) preceded by the observer's pre-conference" });
    expect(rules.find((r) => r.rule === 'OBS-POSTCONF')).toEqual({ rule: 'OBS-POSTCONF', met: false, detail: '1 of 2 observation(s) followed by a post-conference with the observer' });
    const byObserver = held(1, '2027-09-14', { announced: true, preConference: { on: '2027-09-10', by: 'ev-lee', lessonPlanReviewed: true } });
    const same = yearEndReport(cycleOf(undefined, [full(byObserver), full(held(2, '2027-10-14'))]), '2028-06-02').rules;
    expect(same.find((r) => r.rule === 'OBS-PRECONF')).toEqual({ rule: 'OBS-PRECONF', met: true, detail: "1 of 1 announced observation(s) preceded by the observer's pre-conference" });
  });

  it('OBS-COACHING: reported only where required: held on or before the first observation is met, after it is not', () => {
    const obs = [full(held(2, '2027-10-14')), full(held(1, '2027-09-14'))];
    const coaching = (on: string) => ({ coaching: { on, by: 'ev-lee', supports: [] } });
    const rule = (c: ObservationCycle) => yearEndReport(c, '2028-06-02').rules.find((r) => r.rule === 'OBS-COACHING');
    expect(rule(cycleOf(rated1, obs, coaching('2027-09-14')))).toEqual({ rule: 'OBS-COACHING', met: true, detail: 'coaching conversation on 2027-09-14, first observation on 2027-09-14' });
    expect(rule(cycleOf(rated1, obs, coaching('2027-09-15')))).toEqual({ rule: 'OBS-COACHING', met: false, detail: 'coaching conversation on 2027-09-15, first observation on 2027-09-14' });
    expect(rule(cycleOf(rated1, [], coaching('2027-09-15')))).toEqual({ rule: 'OBS-COACHING', met: true, detail: 'coaching conversation on 2027-09-15' });
    expect(rule(cycleOf(rated1, obs))).toEqual({ rule: 'OBS-COACHING', met: false, detail: 'no coaching conversation was held' });
    expect(rule(cycleOf(undefined, obs))).toBeUndefined();
  });

  it('OBS-SELF-SCORE / OBS-FEEDBACK-7 / OBS-CERTIFIED: what is missing, late or uncertified is counted', () => {
    const late = { ...full(held(1, '2027-09-14')), feedback: { on: '2027-09-30', by: 'ev-lee', text: 't', late: true } };
    const { selfScore: _s, feedback: _f, ...bare } = full(held(2, '2027-10-14', {}, 'ev-lee'));
    const uncertified = { ...bare, observed: { ...bare.observed!, certification: notCertified } };
    const report = yearEndReport(cycleOf(undefined, [late, uncertified]), '2028-06-02');
    expect(report.selfScores).toEqual({ submitted: 1, of: 2 });
    expect(report.unannounced).toEqual({ held: 2, of: 2 });
    expect(report.rules.slice(-4)).toEqual([
      { rule: 'OBS-SELF-SCORE', met: false, detail: '1 of 2 self-score form(s) submitted' },
      { rule: 'OBS-POSTCONF', met: true, detail: '2 of 2 observation(s) followed by a post-conference with the observer' },
      { rule: 'OBS-FEEDBACK-7', met: false, detail: '0 of 2 written feedback(s) within the week' },
      { rule: 'OBS-CERTIFIED', met: false, detail: '2 observation(s), each by an evaluator certified for 2027-2028' },
    ]);
    expect(report.on).toBe('2028-06-02');
    // A step recorded without a certification check (the field is optional in the record) is not certified.
    const unchecked = { ...full(held(1, '2027-09-14')), observed: { on: '2027-09-14', by: 'ev-lee' } };
    expect(yearEndReport(cycleOf(undefined, [unchecked]), '2028-06-02').rules.at(-1)).toEqual({ rule: 'OBS-CERTIFIED', met: false, detail: '1 observation(s), each by an evaluator certified for 2027-2028' });
    expect(report.violations).toBe(0);
  });

  it('OBS-TRACK: only the minimum is scored: the first formal observations held, by date then number', () => {
    const cycle = cycleOf(undefined, [full(held(3, '2027-09-01')), full(held(1, '2027-10-01')), full(held(2, '2027-10-01')), full(held(4, '2027-08-20', { kind: 'walkthrough' }))]);
    expect(yearEndReport(cycle, '2028-06-02').formal).toEqual({ required: 2, held: 3, scored: [3, 1] });
  });
});
