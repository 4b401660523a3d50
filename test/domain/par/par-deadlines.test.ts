import { describe, expect, it } from 'vitest';
import { DistrictCalendars } from '../../../src/domain/calendar';
import { capStart, finalReportOf, finalSemester, pendingDeadlines, semesterToReview } from '../../../src/domain/par/par-deadlines';
import { DEFAULT_PAR_POLICY, type ParPolicy } from '../../../src/domain/par/par-policy';
import {
  GOALS,
  LEGACY_PAR_POLICY,
  application,
  assisted,
  ctKim,
  ctOrtiz,
  dana,
  finalReport,
  finalReported,
  monthlyLog,
  panel,
  referral,
  riverside2026,
  run,
  system,
  volunteering,
  votes,
} from './par-fixtures';

/**
 * What each stage of a case runs (par-deadlines.ts), spec by spec: the rule, what the engine counts from and how
 * far, the label people read, and the occurrence that tells a new deadline from a moved one.
 */

const MONTHLY_LABEL = 'monthly log to the panel: goals, assistance plan, observation and conference dates, resources';
const MAX = { rule: 'PAR-MAX-18', trigger: '2027-05-27', unit: 'month', count: 18, label: 'PAR ends: never longer than 18 months', occurrence: 'max-duration' };
const FINAL_CONFERENCE = {
  rule: 'PAR-FINAL-CONF',
  trigger: '2028-06-02',
  unit: 'school-day',
  count: 0,
  label: 'final conference of consulting teacher, participant and evaluating administrator by the end of semester 2 (Spring 2028)',
  occurrence: 'final-conference:2',
};
const FINAL_REPORT = {
  rule: 'PAR-FINAL-CONF',
  trigger: '2028-06-02',
  unit: 'school-day',
  count: 0,
  label: 'final report to the panel (its results become part of the annual evaluation) by the end of semester 2 (Spring 2028)',
  occurrence: 'final-report:2',
};
const review = (ordinal: number, name: string, end: string) => ({
  rule: 'PAR-SEMESTER',
  trigger: end,
  unit: 'work-day',
  count: 10,
  label: `panel reviews progress at the end of semester ${ordinal} (${name})`,
  occurrence: `semester-review:${ordinal}`,
});

const noticed = () => run(referral(), [[{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'] }, '2027-05-12', panel]]);
const reported = () => finalReported();

describe('PAR deadlines: what each stage runs', () => {
  it('PAR-ACCEPT-NOTICE: a referral runs the two weeks of the acceptance notice from the day it was accepted', () => {
    expect(pendingDeadlines(referral())).toEqual({
      'acceptance-notice': {
        rule: 'PAR-ACCEPT-NOTICE',
        trigger: '2027-05-10',
        unit: 'week',
        count: 2,
        label: 'acceptance notice by registered mail, with the list of available consulting teachers',
        occurrence: 'acceptance-notice',
      },
    });
  });

  it('PAR-CT-SELECT-10: the notice runs 10 work days for the request; a request, or the window closing, runs the panel\'s limit', () => {
    expect(pendingDeadlines(noticed())).toEqual({
      'consulting-teacher-request': {
        rule: 'PAR-CT-SELECT-10',
        trigger: '2027-05-12',
        unit: 'work-day',
        count: 10,
        label: 'participant requests a consulting teacher from the list (else the panel designates one)',
        occurrence: 'consulting-teacher-request',
      },
    });
    const assignment = { rule: 'PAR-CT-SELECT-10', unit: 'work-day', count: 10, occurrence: 'consulting-teacher-assignment' };
    expect(pendingDeadlines(run(noticed(), [[{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-20', dana]]))).toEqual({
      'consulting-teacher-assignment': { ...assignment, trigger: '2027-05-20', label: 'panel approves the requested consulting teacher or assigns another' },
    });
    expect(pendingDeadlines(run(noticed(), [[{ type: 'deadline-passed', deadline: 'consulting-teacher-request' }, '2027-05-27', system]]))).toEqual({
      'consulting-teacher-assignment': { ...assignment, trigger: '2027-05-26', label: 'panel designates a consulting teacher' },
    });
    // The panel's own limit passed too: nothing runs until the panel assigns.
    const late = run(noticed(), [
      [{ type: 'deadline-passed', deadline: 'consulting-teacher-request' }, '2027-05-27', system],
      [{ type: 'deadline-passed', deadline: 'consulting-teacher-assignment' }, '2027-06-10', system],
    ]);
    expect(pendingDeadlines(late)).toEqual({});
  });

  it('PAR-IPG / PAR-SEMESTER / PAR-FINAL-CONF / PAR-MAX-18: assistance starts with the goals conference, the reviews, the final steps and the cap', () => {
    const assigned = run(noticed(), [
      [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-20', dana],
      [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-27', panel],
    ]);
    expect(pendingDeadlines(assigned)).toEqual({
      'ipg-conference': {
        rule: 'PAR-IPG',
        trigger: '2027-08-18',
        unit: 'school-day',
        count: 15,
        label: 'IPG conference of participant, consulting teacher and evaluator sets the goals',
        occurrence: 'ipg-conference',
      },
      'semester-review': review(1, 'Fall 2027', '2028-01-14'),
      'final-conference': FINAL_CONFERENCE,
      'final-report': FINAL_REPORT,
      'max-duration': MAX,
    });
    // A missed goals conference is not run again; the monthly logs wait for the goals.
    const missed = run(assigned, [[{ type: 'deadline-passed', deadline: 'ipg-conference' }, '2027-09-10', system]]);
    expect(Object.keys(pendingDeadlines(missed))).toEqual(['semester-review', 'final-conference', 'final-report', 'max-duration']);
  });

  it('PAR-MONTHLY: after the goals a log is due a month on, moved to the last work day before a day off', () => {
    expect(pendingDeadlines(assisted())['monthly-log']).toEqual({
      rule: 'PAR-MONTHLY',
      trigger: '2027-08-25',
      unit: 'month',
      count: 1,
      label: MONTHLY_LABEL,
      occurrence: 'monthly-log:2027-08-25',
      onNonWorkDay: 'previous-work-day',
    });
    // A case opened before the full-semester rules counts as it did, and the district may keep the date as counted.
    expect(pendingDeadlines(assisted(LEGACY_PAR_POLICY))['monthly-log']).toEqual({ rule: 'PAR-MONTHLY', trigger: '2027-08-25', unit: 'month', count: 1, label: MONTHLY_LABEL, occurrence: 'monthly-log:2027-08-25' });
    const asCounted: ParPolicy = { ...DEFAULT_PAR_POLICY, assistance: { ...DEFAULT_PAR_POLICY.assistance!, dueOnNonWorkDay: 'as-counted' } };
    expect(pendingDeadlines(assisted(asCounted))['monthly-log']).not.toHaveProperty('onNonWorkDay');
  });

  it('PAR-MONTHLY [design]: a log that would fall due after the semester is due on its last day; after the plan\'s last semester none is due', () => {
    const december = run(assisted(), [[{ type: 'file-monthly-log', log: monthlyLog('2027-12-17') }, '2027-12-17', ctKim]]);
    expect(pendingDeadlines(december)['monthly-log']).toEqual({
      rule: 'PAR-MONTHLY',
      trigger: '2028-01-14',
      unit: 'school-day',
      count: 0,
      label: `${MONTHLY_LABEL} (due by the end of Fall 2027)`,
      occurrence: 'monthly-log:2028-01-14',
    });
    // A log on the last day of Fall 2027: the next counts from the first day of Spring 2028.
    const lastDay = run(assisted(), [[{ type: 'file-monthly-log', log: monthlyLog('2028-01-14') }, '2028-01-14', ctKim]]);
    expect(pendingDeadlines(lastDay)['monthly-log']).toMatchObject({ trigger: '2028-01-18', unit: 'month', occurrence: 'monthly-log:2028-01-18' });
    // A log on the last day of Spring 2028, the plan's last semester: nothing more is due.
    const end = run(assisted(), [[{ type: 'file-monthly-log', log: monthlyLog('2028-06-02') }, '2028-06-02', ctKim]]);
    expect(pendingDeadlines(end)['monthly-log']).toBeUndefined();
  });

  it('PAR-MONTHLY [design]: a log due exactly on the semester\'s last day is counted a month on, not moved to that day', () => {
    // A log on December 14 2027: a month later is January 14 2028, the last day of Fall 2027 itself.
    const december = run(assisted(), [[{ type: 'file-monthly-log', log: monthlyLog('2027-12-14') }, '2027-12-14', ctKim]]);
    expect(pendingDeadlines(december)['monthly-log']).toEqual({
      rule: 'PAR-MONTHLY',
      trigger: '2027-12-14',
      unit: 'month',
      count: 1,
      label: MONTHLY_LABEL,
      occurrence: 'monthly-log:2027-12-14',
      onNonWorkDay: 'previous-work-day',
    });
  });

  it('PAR-SEMESTER: under the full-semester rules the plan\'s semesters are reviewed, not a third one the calendar already shows', () => {
    const both = run(reported(), [
      [{ type: 'review-semester', ordinal: 1 }, '2028-05-31', panel],
      [{ type: 'review-semester', ordinal: 2 }, '2028-06-05', panel],
    ]);
    // Fall 2028 is published (it would be the third semester of an extension) but is not part of a two-semester plan.
    expect(both.schedule?.semesters.map((s) => s.name)).toEqual(['Fall 2027', 'Spring 2028', 'Fall 2028']);
    expect(semesterToReview(both)).toBeUndefined();
    expect(Object.keys(pendingDeadlines(both))).toEqual(['final-response', 'outcome', 'max-duration']);
    // Before assistance there is no semester to review.
    expect(semesterToReview(referral())).toBeUndefined();
  });

  it('PAR-SEMESTER: a case opened before the full-semester rules runs no review deadline once its final report is filed, even with a semester unreviewed', () => {
    const legacy = run(assisted(LEGACY_PAR_POLICY), [
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim],
      [{ type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ctKim],
    ]);
    expect(legacy.reviews).toEqual([]);
    expect(Object.keys(pendingDeadlines(legacy))).toEqual(['final-response', 'outcome', 'max-duration']);
  });

  it('PAR-SEMESTER / PAR-FINAL-CONF: while the next school year\'s calendar is not published, no semester deadline runs; the goals conference and the cap do', () => {
    const thisYearOnly = { calendars: new DistrictCalendars('riverside', [riverside2026]) };
    const assigned = run(referral(), [
      [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel, thisYearOnly],
      [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-20', dana, thisYearOnly],
      [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-27', panel, thisYearOnly],
    ]);
    expect(assigned.schedule).toEqual({ assignedOn: '2027-05-27', countsFrom: '2027-07-01', startsOn: '2027-07-01', semesters: [] });
    expect(pendingDeadlines(assigned)).toEqual({
      'ipg-conference': {
        rule: 'PAR-IPG',
        trigger: '2027-07-01',
        unit: 'school-day',
        count: 15,
        label: 'IPG conference of participant, consulting teacher and evaluator sets the goals',
        occurrence: 'ipg-conference',
      },
      'max-duration': MAX,
    });
  });

  it('PAR-FINAL-CONF / PAR-OUTCOME: after the final report, the response window, the review of the last semester, the outcome and the cap', () => {
    expect(pendingDeadlines(reported())).toEqual({
      'final-response': {
        rule: 'PAR-FINAL-CONF',
        trigger: '2028-05-30',
        unit: 'work-day',
        count: 5,
        label: 'participant may respond in writing to the final report or appear before the panel',
        occurrence: 'final-response:2',
      },
      // Fall 2027 was never reviewed: it is still the one due.
      'semester-review': review(1, 'Fall 2027', '2028-01-14'),
      outcome: {
        rule: 'PAR-OUTCOME',
        trigger: '2028-05-30',
        unit: 'work-day',
        count: 15,
        label: 'panel reports the outcome to the participant, the superintendent and the board',
        occurrence: 'outcome:2',
      },
      'max-duration': MAX,
    });
    const responded = run(reported(), [
      [{ type: 'respond-to-report', reportId: 'final-report-2', text: 'I disagree.' }, '2028-05-31', dana],
      [{ type: 'review-semester', ordinal: 1 }, '2028-05-31', panel],
    ]);
    expect(Object.keys(pendingDeadlines(responded))).toEqual(['semester-review', 'outcome', 'max-duration']);
    expect(pendingDeadlines(responded)['semester-review']).toEqual(review(2, 'Spring 2028', '2028-06-02'));
  });

  it('PAR-SEMESTER: a case opened before the full-semester rules reviews every semester but the plan\'s last; the outcome reviews that one', () => {
    const legacy = assisted(LEGACY_PAR_POLICY);
    expect(semesterToReview(legacy)).toEqual({ ordinal: 1, schoolYear: '2027-2028', name: 'Fall 2027', start: '2027-08-18', end: '2028-01-14' });
    const reviewed = run(legacy, [[{ type: 'review-semester', ordinal: 1 }, '2028-01-20', panel]]);
    expect(semesterToReview(reviewed)).toBeUndefined();
    expect(semesterToReview(run(assisted(), [[{ type: 'review-semester', ordinal: 1 }, '2028-01-20', panel]]))?.ordinal).toBe(2);
    const legacyReported = run(reviewed, [
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim],
      [{ type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ctKim],
    ]);
    expect(Object.keys(pendingDeadlines(legacyReported))).toEqual(['final-response', 'outcome', 'max-duration']);
    // Its 18 months run from the first day of assistance.
    expect(capStart(legacy)).toBe('2027-08-18');
    expect(capStart(assisted())).toBe('2027-05-27');
  });

  it('PAR-FINAL-CONF: the final report and semester of the current plan', () => {
    expect(finalSemester(referral())).toBeUndefined();
    expect(finalSemester(assisted())).toEqual({ ordinal: 2, schoolYear: '2027-2028', name: 'Spring 2028', start: '2028-01-18', end: '2028-06-02' });
    expect(finalReportOf(assisted())).toBeUndefined();
    expect(finalReportOf(reported())?.id).toBe('final-report-2');
    // Once extended, the plan is three semesters: the second's report is no longer the current one.
    const extended = run(reported(), [
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2028-06-07', system],
      [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel],
    ]);
    expect(finalReportOf(extended)).toBeUndefined();
    expect(finalSemester(extended)?.name).toBe('Fall 2028');
    expect(pendingDeadlines(extended)['final-report']).toMatchObject({ trigger: '2029-01-12', occurrence: 'final-report:3', label: 'final report to the panel (its results become part of the annual evaluation) by the end of semester 3 (Fall 2028)' });
  });

  it.each([
    ['awaiting the panel\'s vote on a volunteer', () => application()],
    ['waiting for a place', () => run(application(), [[{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(4) }, '2027-01-12', panel, { programHasPlace: false }]])],
    ['closed', () => run(referral(), [[{ type: 'withdraw', reason: 'referral-withdrawn' }, '2027-05-11', { id: 'hr-1', roles: ['hr'], district: 'riverside' }]])],
    ['a Volunteer in assistance under the base rule (no maximum term)', () => volunteering()],
  ] as const)('no deadline runs %s', (_name, make) => {
    expect(pendingDeadlines(make())).toEqual({});
  });

  it('PAR-VOL-TERM: under the variant a Volunteer\'s assistance runs at most 12 months; a notice under the minimum takes effect on its day', () => {
    const variant: ParPolicy = { ...DEFAULT_PAR_POLICY, volunteerTerm: { minimumMonths: 3, maximumMonths: 12 } };
    const state = volunteering(variant);
    const term = { rule: 'PAR-VOL-TERM', trigger: '2027-01-20', unit: 'month', count: 12, label: 'assistance ends after at most 12 months', occurrence: 'volunteer-term' };
    expect(pendingDeadlines(state)).toEqual({ 'volunteer-term': term });
    const notice = run(state, [[{ type: 'volunteer-notice' }, '2027-02-01', dana]]);
    expect(pendingDeadlines(notice)).toEqual({
      'volunteer-term': term,
      'volunteer-notice': {
        rule: 'PAR-VOL-TERM',
        trigger: '2027-04-20',
        unit: 'calendar-day',
        count: 0,
        label: "the volunteer's notice of 2027-02-01 takes effect after the minimum term",
        occurrence: 'volunteer-notice',
      },
    });
    // Goals, logs and the panel's reviews are not a Volunteer's: no other deadline runs.
    expect(pendingDeadlines(run(state, [[{ type: 'file-monthly-log', log: monthlyLog('2027-02-10', GOALS) }, '2027-02-10', ctOrtiz]]))).toEqual({ 'volunteer-term': term });
  });
});
