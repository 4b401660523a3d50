import { describe, expect, it } from 'vitest';
import { contentProblems, currentGoals, describeProblems, finalReportProblems, monthlyLogProblems, sameGoals } from '../../../src/domain/par/par-reports';
import { GOALS, finalReport, monthlyLog } from './par-fixtures';

const TODAY = '2027-10-04';

describe('PAR-MONTHLY / PAR-FINAL-CONF: what every written report lists', () => {
  it('PAR-MONTHLY: a complete log has no problem; an empty list is a month without observations', () => {
    expect(monthlyLogProblems(monthlyLog(TODAY), TODAY)).toEqual([]);
    expect(monthlyLogProblems({ ...monthlyLog(TODAY), observationDates: [], preObservationConferences: [], postObservationConferences: [], otherResources: [] }, TODAY)).toEqual([]);
  });

  it.each([
    ['goals that are not a list', { goals: 'Plan lessons' }, [['/log/goals', 'list the performance goals']]],
    ['a blank goal among others', { goals: [GOALS[0], ' '] }, [['/log/goals', 'list the performance goals']]],
    ['no assistance plan at all', { assistancePlan: undefined }, [['/log/assistancePlan', 'describe the assistance plan']]],
    ['post-observation conferences that are not a list', { postObservationConferences: '2027-10-01' }, [['/log/postObservationConferences', 'list the dates (an empty list when there were none)']]],
    ['a post-observation conference tomorrow', { postObservationConferences: ['2027-10-04', '2027-10-05'] }, [['/log/postObservationConferences/1', '2027-10-05 is in the future']]],
    ['an observation today', { observationDates: ['2027-10-04'] }, []],
    ['other resources left out', { otherResources: undefined }, [['/log/otherResources', 'list the other resources used (an empty list when none)']]],
    ['a blank other resource', { otherResources: ['coach', ''] }, [['/log/otherResources', 'list the other resources used (an empty list when none)']]],
    ['reports from others left out', { reportsFromOthers: undefined }, [['/log/reportsFromOthers', 'list the reports from others who assisted (an empty list when none)']]],
    ['a report from others without a summary', { reportsFromOthers: [{ by: 'spec-math', summary: 'ok' }, { by: 'coach', summary: ' ' }] }, [['/log/reportsFromOthers/1', 'name who assisted and summarize their report']]],
    ['progress shared tomorrow', { progressSharedOn: '2027-10-05' }, [['/log/progressSharedOn', '2027-10-05 is in the future']]],
    ['progress shared on a day that is not a date', { progressSharedOn: '2027-02-30' }, [['/log/progressSharedOn', 'give the day progress was shared with the participant']]],
  ] as const)('PAR-MONTHLY: a log with %s', (_name, change, expected) => {
    const log = { ...monthlyLog(TODAY), ...change } as never;
    expect(monthlyLogProblems(log, TODAY).map((p) => [p.field, p.message])).toEqual(expected);
  });

  it('PAR-MONTHLY: every problem is named, in the order of the log, each date list checked on its own', () => {
    const log = {
      goals: [],
      assistancePlan: '',
      observationDates: undefined,
      preObservationConferences: ['not a date', '2027-10-09'],
      postObservationConferences: ['2027-10-01'],
      otherResources: [' '],
      reportsFromOthers: [{ by: '', summary: '' }],
      progressSharedOn: undefined,
    } as never;
    expect(monthlyLogProblems(log, TODAY)).toEqual([
      { field: '/log/goals', message: 'list the performance goals' },
      { field: '/log/assistancePlan', message: 'describe the assistance plan' },
      { field: '/log/observationDates', message: 'list the dates (an empty list when there were none)' },
      { field: '/log/preObservationConferences/0', message: '"not a date" is not a date' },
      { field: '/log/preObservationConferences/1', message: '2027-10-09 is in the future' },
      { field: '/log/otherResources', message: 'list the other resources used (an empty list when none)' },
      { field: '/log/reportsFromOthers/0', message: 'name who assisted and summarize their report' },
      { field: '/log/progressSharedOn', message: 'give the day progress was shared with the participant' },
    ]);
  });

  it('PAR-FINAL-CONF: the final report lists the same content under /report, and a summary', () => {
    expect(finalReportProblems(finalReport(TODAY), TODAY)).toEqual([]);
    expect(finalReportProblems({ ...finalReport(TODAY), assistancePlan: ' ', summary: '  ' }, TODAY)).toEqual([
      { field: '/report/assistancePlan', message: 'describe the assistance plan' },
      { field: '/report/summary', message: "summarize the participant's progress on the goals" },
    ]);
    expect(contentProblems({ ...monthlyLog(TODAY), goals: [] }, TODAY, '/x')).toEqual([{ field: '/x/goals', message: 'list the performance goals' }]);
  });

  it('describeProblems joins field and message, one problem after another', () => {
    expect(describeProblems([{ field: '/log/goals', message: 'list the performance goals' }, { field: '/log/assistancePlan', message: 'describe the assistance plan' }])).toBe(
      '/log/goals: list the performance goals; /log/assistancePlan: describe the assistance plan',
    );
    expect(describeProblems([])).toBe('');
  });
});

describe('PAR-IPG: the goals in force', () => {
  const record = (on: string, goals: string[]) => ({ on, goals, present: { participant: true, consultingTeacher: true, evaluator: true }, specialistsRequested: [], representationRequested: false });

  it('PAR-IPG: the goals in force are the last ones set in a meeting of all three; none before the conference', () => {
    expect(currentGoals({ goals: [] })).toBeUndefined();
    expect(currentGoals({ goals: [record('2027-08-25', ['A', 'B']), record('2027-10-01', ['C'])] })).toEqual(['C']);
  });

  it.each([
    ['the same goals in another order', ['B', 'A'], true],
    ['the same goals with spaces around them', [' A', 'B '], true],
    ['a goal listed twice', ['A', 'B', 'A'], true],
    ['one goal left out', ['A'], false],
    ['a goal added', ['A', 'B', 'C'], false],
    ['a goal reworded', ['A', 'B.'], false],
    ['no goals', [], false],
  ] as const)('PAR-IPG: a report listing %s lists the goals in force: %s', (_name, listed, same) => {
    expect(sameGoals(listed, ['A', 'B'])).toBe(same);
    expect(sameGoals(['A', 'B'], listed)).toBe(same);
  });
});
