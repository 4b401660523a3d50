import { describe, expect, it } from 'vitest';
import { DEFAULT_PAR_POLICY } from '../../../src/domain/par/par-policy';
import type { ParEvent } from '../../../src/domain/par/par-case';
import { startIntervention, transition } from '../../../src/domain/par/par-process';
import { refreshSchedule } from '../../../src/domain/par/par-schedule';
import { DistrictCalendars } from '../../../src/domain/calendar';
import { GOALS, LEGACY_PAR_POLICY, application, assisted, ctKim, ctOrtiz, ctx, dana, finalReport, finalReported, hr, monthlyLog, notesOf, panel, referral, rep, riverside2026, riverside2027, riverside2028, run, system, twoYears, volunteering, votes } from './par-fixtures';

/**
 * The guards of par-process.ts, one rule at a time: each action taken at the wrong stage, by the wrong person or
 * twice is refused and changes nothing, and an action on one report touches that report only. Expected values are
 * written out from RULES.md and the Riverside calendars (par-fixtures.ts).
 */

const present = { participant: true, consultingTeacher: true, evaluator: true };

/** The assisted case with two monthly logs, monthly-log-1 (2027-09-20) and monthly-log-2 (2027-10-19). */
const twoLogs = () =>
  run(assisted(), [
    [{ type: 'file-monthly-log', log: monthlyLog('2027-09-20') }, '2027-09-20', ctKim],
    [{ type: 'file-monthly-log', log: monthlyLog('2027-10-19') }, '2027-10-19', ctKim],
  ]);

/** The assisted case after its final conference of 2028-05-25 and the final report of 2028-05-30. */
const reported = () => finalReported();

describe('PAR intervention guards (pure)', () => {
  describe('PAR-SIGN / PAR-RESULT-EVAL: an action on one report touches that report only', () => {
    it('PAR-SIGN: signing the second log leaves the first unsigned', () => {
      const signed = run(twoLogs(), [[{ type: 'sign-report', reportId: 'monthly-log-2' }, '2027-10-20', dana]]);
      expect(signed.reports.map((r) => [r.id, r.filedOn, r.signedOn])).toEqual([
        ['monthly-log-1', '2027-09-20', undefined],
        ['monthly-log-2', '2027-10-19', '2027-10-20'],
      ]);
      // The first can still be signed, on its own day.
      const both = run(signed, [[{ type: 'sign-report', reportId: 'monthly-log-1' }, '2027-10-21', dana]]);
      expect(both.reports.map((r) => r.signedOn)).toEqual(['2027-10-21', '2027-10-20']);
    });

    it('PAR-SIGN: a response to the first log is attached to it alone', () => {
      const responded = run(twoLogs(), [[{ type: 'respond-to-report', reportId: 'monthly-log-1', text: '  The 9/20 visit was a fire drill.  ' }, '2027-10-20', dana]]);
      expect(responded.reports.map((r) => [r.id, r.responses])).toEqual([
        ['monthly-log-1', [{ on: '2027-10-20', by: 'dana', text: 'The 9/20 visit was a fire drill.' }]],
        ['monthly-log-2', []],
      ]);
    });

    it('PAR-RESULT-EVAL: a response to the final report leaves the monthly logs as they were', () => {
      const logged = run(twoLogs(), [
        [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim],
        [{ type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ctKim],
        [{ type: 'sign-report', reportId: 'final-report-2' }, '2028-05-31', dana],
        [{ type: 'respond-to-report', reportId: 'final-report-2', text: 'I disagree with the summary.' }, '2028-06-01', dana],
      ]);
      expect(logged.reports.map((r) => [r.id, r.signedOn, r.responses.length])).toEqual([
        ['monthly-log-1', undefined, 0],
        ['monthly-log-2', undefined, 0],
        ['final-report-2', '2028-05-31', 1],
      ]);
    });
  });

  describe('PAR-OUTCOME: the district decides only after the panel reports insufficient progress', () => {
    it.each([
      ['in assistance', () => assisted()],
      ['awaiting the panel\'s outcome', () => reported()],
      ['awaiting the acceptance notice', () => referral()],
    ] as const)('PAR-OUTCOME: HR cannot record a district decision %s', (_name, make) => {
      const state = make();
      expect(transition(state, { type: 'record-district-decision', decision: 'dismissal-proceedings' }, ctx(state, '2028-06-20', hr))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-OUTCOME',
        message: 'the district decides only after the panel reports insufficient progress after three semesters',
      });
    });
  });

  describe('PAR-MAX-18 / PAR-REF-ELIG / PAR-VOL-TERM: who records how a participant leaves', () => {
    it.each([
      ['withdraws their own referral', dana, 'referral-withdrawn', 'PAR-REF-ELIG', 'HR withdraws a referral'],
      ['records their own separation', dana, 'separated', 'PAR-MAX-18', 'HR records a separation'],
      ['records their own satisfactory evaluation', dana, 'satisfactory-evaluation', 'PAR-MAX-18', 'HR records the evaluation'],
    ] as const)('PAR-MAX-18: the participant cannot end PAR: the participant %s', (_name, by, reason, rule, message) => {
      const state = assisted();
      expect(transition(state, { type: 'withdraw', reason }, ctx(state, '2027-10-01', by))).toEqual({ ok: false, kind: 'forbidden', rule, message });
    });

    it('PAR-REP: the representative does not end participation, even by withdrawing the referral', () => {
      const state = run(assisted(), [[{ type: 'appoint-representative', representative: { id: 'rep-lee', name: 'Pat Lee' } }, '2027-09-01', dana]]);
      expect(transition(state, { type: 'withdraw', reason: 'referral-withdrawn' }, ctx(state, '2027-10-01', rep))).toEqual({
        ok: false,
        kind: 'forbidden',
        rule: 'PAR-MAX-18',
        message: 'withdraw is for the participant or hr of the case',
      });
    });

    it('PAR-VOL-TERM: HR cannot withdraw a volunteer\'s application; only the volunteer does, before assistance', () => {
      const state = application();
      expect(transition(state, { type: 'withdraw', reason: 'application-withdrawn' }, ctx(state, '2027-01-08', hr))).toEqual({
        ok: false,
        kind: 'forbidden',
        rule: 'PAR-VOL-TERM',
        message: 'only the volunteer withdraws an application',
      });
      expect(run(state, [[{ type: 'withdraw', reason: 'application-withdrawn' }, '2027-01-08', dana]]).closed).toEqual({ reason: 'application-withdrawn', on: '2027-01-08', rule: 'PAR-VOL-TERM' });
      const assistedVolunteer = volunteering();
      expect(transition(assistedVolunteer, { type: 'withdraw', reason: 'application-withdrawn' }, ctx(assistedVolunteer, '2027-02-01', dana))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-VOL-TERM',
        message: 'assistance has started: the volunteer ends it by written notice',
      });
    });

    it('PAR-MAX-18: HR cannot close a Volunteer case, or a referral not yet in assistance, as "satisfactory evaluation"', () => {
      const refusal = { ok: false, kind: 'conflict', rule: 'PAR-MAX-18', message: 'only a Referred participant in assistance leaves PAR on a satisfactory evaluation' };
      const volunteer = volunteering();
      expect(transition(volunteer, { type: 'withdraw', reason: 'satisfactory-evaluation' }, ctx(volunteer, '2027-02-01', hr))).toEqual(refusal);
      const referred = referral();
      expect(transition(referred, { type: 'withdraw', reason: 'satisfactory-evaluation' }, ctx(referred, '2027-05-11', hr))).toEqual(refusal);
      // Awaiting the outcome is still assistance: the evaluation ends PAR there too.
      expect(run(reported(), [[{ type: 'withdraw', reason: 'satisfactory-evaluation' }, '2028-06-01', hr]]).closed).toEqual({ reason: 'satisfactory-evaluation', on: '2028-06-01', rule: 'PAR-MAX-18' });
    });

    it('PAR-REF-ELIG / PAR-VOL-TERM: a Volunteer case has no referral to withdraw; a Volunteer\'s separation closes under PAR-VOL-TERM', () => {
      const volunteer = volunteering();
      expect(transition(volunteer, { type: 'withdraw', reason: 'referral-withdrawn' }, ctx(volunteer, '2027-02-01', hr))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-REF-ELIG',
        message: 'a Volunteer case has no referral',
      });
      const separated = run(volunteer, [[{ type: 'withdraw', reason: 'separated' }, '2027-02-01', hr]]);
      expect(separated.closed).toEqual({ reason: 'separated', on: '2027-02-01', rule: 'PAR-VOL-TERM' });
    });
  });

  describe('PAR-ACCEPT-NOTICE / PAR-REASSIGN: what happens once, stays done', () => {
    it('PAR-ACCEPT-NOTICE: a second acceptance notice is refused and the selection goes on as it was', () => {
      const noticed = run(referral(), [
        [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'] }, '2027-05-12', panel],
        [{ type: 'request-consulting-teacher', preferences: ['ct-ortiz'] }, '2027-05-13', dana],
      ]);
      expect(transition(noticed, { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, ctx(noticed, '2027-05-14', panel))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-ACCEPT-NOTICE',
        message: 'no acceptance notice is due at this stage (selecting-consulting-teacher)',
      });
      const state = assisted();
      expect(transition(state, { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, ctx(state, '2027-09-01', hr))).toMatchObject({
        ok: false,
        kind: 'conflict',
        message: 'no acceptance notice is due at this stage (in-assistance)',
      });
    });

    it('PAR-ACCEPT-NOTICE: the list is trimmed, blanks dropped and each consulting teacher named once', () => {
      const noticed = run(referral(), [[{ type: 'send-acceptance-notice', consultingTeachers: [' ct-kim ', '', 'ct-ortiz', 'ct-kim'], trackingNumber: 'RM-7' }, '2027-05-12', panel]]);
      expect(noticed.acceptanceNotice).toEqual({ sentOn: '2027-05-12', consultingTeachers: ['ct-kim', 'ct-ortiz'], trackingNumber: 'RM-7' });
    });

    it('PAR-REASSIGN: reassignment and added help wait for assistance to start', () => {
      const noticed = run(referral(), [[{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel]]);
      expect(transition(noticed, { type: 'reassign-consulting-teacher', consultingTeacher: 'ct-ortiz', cause: 'panel', reason: 'workload' }, ctx(noticed, '2027-05-13', panel))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-REASSIGN',
        message: 'no consulting teacher is assigned yet',
      });
      expect(transition(noticed, { type: 'add-assistant', person: 'spec-math', role: 'second-opinion' }, ctx(noticed, '2027-05-13', panel))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-REASSIGN',
        message: 'assistance has not started',
      });
      const state = assisted();
      expect(transition(state, { type: 'add-assistant', person: '  ', role: 'second-opinion' }, ctx(state, '2027-09-01', panel))).toEqual({ ok: false, kind: 'rule', rule: 'PAR-REASSIGN', message: 'name the person added' });
    });

    it('PAR-REASSIGN: the reassignment records who, when, why; the reason is trimmed', () => {
      const after = run(assisted(), [[{ type: 'reassign-consulting-teacher', consultingTeacher: ' ct-ortiz ', cause: 'consulting-teacher-request', reason: ' moving schools ' }, '2027-10-20', panel]]);
      expect(after.assignments[1]).toEqual({ consultingTeacher: 'ct-ortiz', on: '2027-10-20', by: 'panel-chair', how: 'reassigned', cause: 'consulting-teacher-request', reason: 'moving schools' });
    });
  });

  describe('PAR-SEMESTER / PAR-FINAL-CONF / PAR-IPG: each semester reviewed once, one final conference, the goals in force', () => {
    it('PAR-SEMESTER: a semester already reviewed is not reviewed again', () => {
      const reviewed = run(assisted(), [[{ type: 'review-semester', ordinal: 1 }, '2028-01-20', panel]]);
      expect(transition(reviewed, { type: 'review-semester', ordinal: 1 }, ctx(reviewed, '2028-01-21', panel))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-SEMESTER',
        message: 'semester 1 is already reviewed',
      });
    });

    it('PAR-SEMESTER: only a semester of the plan is reviewed, once assistance started', () => {
      const state = assisted();
      expect(transition(state, { type: 'review-semester', ordinal: 4 }, ctx(state, '2029-06-20', panel))).toEqual({
        ok: false,
        kind: 'rule',
        rule: 'PAR-SEMESTER',
        message: "semester 4 is not one of the participant's known semesters",
      });
      const noticed = run(referral(), [[{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel]]);
      expect(transition(noticed, { type: 'review-semester', ordinal: 1 }, ctx(noticed, '2028-01-20', panel))).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-SEMESTER', message: 'assistance has not started' });
      // On the semester's last day it has ended: the review is accepted.
      expect(run(state, [[{ type: 'review-semester', ordinal: 1 }, '2028-01-14', panel]]).reviews).toEqual([{ ordinal: 1, reviewedOn: '2028-01-14', via: 'review' }]);
    });

    it('PAR-FINAL-CONF: a second final conference in the same round is refused', () => {
      const held = run(assisted(), [[{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim]]);
      expect(transition(held, { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, ctx(held, '2028-05-26', ctKim))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-FINAL-CONF',
        message: 'the final conference is already held',
      });
    });

    it('PAR-FINAL-CONF: the conference is recorded once held, not ahead; its reason for absence is trimmed', () => {
      const state = assisted();
      expect(transition(state, { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true, on: '2028-05-26' }, ctx(state, '2028-05-25', ctKim))).toEqual({
        ok: false,
        kind: 'rule',
        rule: 'PAR-FINAL-CONF',
        message: '2028-05-26 is in the future: record the conference once held',
      });
      const held = run(state, [[{ type: 'hold-final-conference', participantPresent: false, absenceReason: ' on leave ', evaluatorPresent: true, on: '2028-05-24' }, '2028-05-25', ctKim]]);
      expect(held.finalConferences).toEqual([{ round: 2, on: '2028-05-24', participantPresent: false, absenceReason: 'on leave' }]);
    });

    it('PAR-IPG: a final report listing goals other than those in force is refused', () => {
      const held = run(assisted(), [[{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim]]);
      const other = { ...finalReport('2028-05-25'), goals: [GOALS[0]!, 'A goal set outside the meeting'] };
      expect(transition(held, { type: 'file-final-report', report: other }, ctx(held, '2028-05-30', ctKim))).toEqual({
        ok: false,
        kind: 'rule',
        rule: 'PAR-IPG',
        message: `the report lists goals other than those in force (${GOALS.join('; ')})`,
      });
    });

    it('PAR-FINAL-CONF: the final report is filed once, in assistance, by the consulting teacher of a Referred case', () => {
      const state = reported();
      expect(transition(state, { type: 'file-final-report', report: finalReport('2028-05-25') }, ctx(state, '2028-05-31', ctKim))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-FINAL-CONF',
        message: 'no final report is due at this stage (awaiting-outcome)',
      });
      expect(transition(state, { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, ctx(state, '2028-05-31', ctKim))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-FINAL-CONF',
        message: 'no final conference is due at this stage (awaiting-outcome)',
      });
      const volunteer = volunteering();
      expect(transition(volunteer, { type: 'file-final-report', report: finalReport('2027-05-25') }, ctx(volunteer, '2027-05-30', ctOrtiz))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-VOL-CONF',
        message: "a Volunteer's assistance ends without a report to the panel",
      });
      expect(transition(volunteer, { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, ctx(volunteer, '2027-05-30', ctOrtiz))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-VOL-CONF',
        message: "a Volunteer's assistance ends without a review conference",
      });
      expect(transition(volunteer, { type: 'review-semester', ordinal: 1 }, ctx(volunteer, '2027-06-10', panel))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-VOL-CONF' });
    });

    it('PAR-IPG: revising goals needs goals set first and all three present; a future meeting is refused', () => {
      const assigned = run(referral(), [
        [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel],
        [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-13', dana],
        [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-14', panel],
      ]);
      expect(transition(assigned, { type: 'revise-goals', present, goals: GOALS }, ctx(assigned, '2027-08-25', ctKim))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-IPG',
        message: 'no goals are set yet: hold the IPG conference',
      });
      expect(transition(assigned, { type: 'hold-ipg-conference', present, goals: [' ', ''] }, ctx(assigned, '2027-08-25', ctKim))).toEqual({
        ok: false,
        kind: 'rule',
        rule: 'PAR-IPG',
        message: 'state the Individual Performance Goals',
      });
      expect(transition(assigned, { type: 'hold-ipg-conference', present, goals: GOALS, on: '2027-08-26' }, ctx(assigned, '2027-08-25', ctKim))).toEqual({
        ok: false,
        kind: 'rule',
        rule: 'PAR-IPG',
        message: '2027-08-26 is in the future: record the meeting once held',
      });
      const set = run(assigned, [[{ type: 'hold-ipg-conference', present, goals: [' Goal A ', ''], specialistsRequested: [' ', 'reading coach'], on: '2027-08-24' }, '2027-08-25', ctKim]]);
      expect(set.goals).toEqual([{ on: '2027-08-24', goals: ['Goal A'], present, specialistsRequested: ['reading coach'], representationRequested: false }]);
    });
  });
});

describe('PAR: opening a case, and the rules a case opened before the full-semester rules keeps', () => {
  it('PAR-REP / PAR-VOL-ELIG: a case opens on the day of the referral or application, with the representative named on it', () => {
    const opened = startIntervention({
      kind: 'referred',
      id: 'PAR-2027-002',
      district: 'riverside',
      policy: DEFAULT_PAR_POLICY,
      participant: { id: 'dana', name: 'Dana Reyes' },
      evaluator: { id: 'eval-park', name: 'Sam Park' },
      representative: { id: 'rep-lee', name: 'Pat Lee' },
      referredOn: '2027-05-10',
      basis: '3 of the 6 standards unsatisfactory (1, 2, 3)',
    });
    expect(opened).toMatchObject({
      status: 'awaiting-acceptance-notice',
      startedOn: '2027-05-10',
      acceptedOn: '2027-05-10',
      representative: { id: 'rep-lee', name: 'Pat Lee', appointedOn: '2027-05-10' },
      participation: { kind: 'referred', basis: '3 of the 6 standards unsatisfactory (1, 2, 3)' },
    });
    expect(application()).toMatchObject({ status: 'awaiting-panel-vote', startedOn: '2027-01-06', representative: undefined, participation: { kind: 'volunteer', consents: [] } });
    expect(application().acceptedOn).toBeUndefined();
  });

  it('PAR-SEMESTER: a semester is reviewed at its own end, not at the end of an earlier one', () => {
    const state = assisted();
    expect(transition(state, { type: 'review-semester', ordinal: 2 }, ctx(state, '2028-01-20', panel))).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'PAR-SEMESTER',
      message: 'semester 2 (Spring 2028) ends on 2028-06-02: the panel reviews it at its end',
    });
  });

  it('PAR-FINAL-CONF: a case opened before the full-semester rules has no final window: the conference may come early, as it could', () => {
    const legacy = assisted(LEGACY_PAR_POLICY);
    expect(run(legacy, [[{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2027-12-01', ctKim]]).finalConferences).toEqual([
      { round: 2, on: '2027-12-01', participantPresent: true, absenceReason: undefined },
    ]);
    // Under the full-semester rules the same conference waits for the last 20 school days of Spring 2028.
    const state = assisted();
    expect(transition(state, { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, ctx(state, '2027-12-01', ctKim))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-FINAL-CONF' });
  });
});

describe('PAR: every refusal names its rule and says why', () => {
  const present = { participant: true, consultingTeacher: true, evaluator: true };
  const noticed = () => run(referral(), [[{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'] }, '2027-05-12', panel]]);
  const requested = () => run(noticed(), [[{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-13', dana]]);
  const signed = () => run(twoLogs(), [[{ type: 'sign-report', reportId: 'monthly-log-1' }, '2027-10-20', dana]]);
  const conferenced = () => run(assisted(), [[{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim]]);

  it.each([
    ['a request before the acceptance notice', referral, { type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-11', dana, 'conflict', 'PAR-CT-SELECT-10', 'no consulting teacher is being selected at this stage (awaiting-acceptance-notice)'],
    ['an acceptance notice listing nobody', referral, { type: 'send-acceptance-notice', consultingTeachers: [''] }, '2027-05-12', panel, 'rule', 'PAR-ACCEPT-NOTICE', 'the notice lists the consulting teachers available to the participant'],
    ['a request off the list', noticed, { type: 'request-consulting-teacher', preferences: ['ct-kim', 'ct-lee', 'ct-moss'] }, '2027-05-13', dana, 'rule', 'PAR-CT-SELECT-10', 'request one or more consulting teachers, each once, from the list sent: ct-kim, ct-ortiz (not on it: ct-lee, ct-moss)'],
    ['a request naming one twice', noticed, { type: 'request-consulting-teacher', preferences: ['ct-kim', 'ct-kim'] }, '2027-05-13', dana, 'rule', 'PAR-CT-SELECT-10', 'request one or more consulting teachers, each once, from the list sent: ct-kim, ct-ortiz'],
    ['an assignment other than the first choice without a reason', requested, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, '2027-05-14', panel, 'rule', 'PAR-CT-SELECT-10', "the panel weighs both sides' preferences: state why the participant's first choice (ct-kim) is not assigned"],
    ['a reassignment to the same consulting teacher', assisted, { type: 'reassign-consulting-teacher', consultingTeacher: 'ct-kim', cause: 'panel', reason: 'x' }, '2027-10-01', panel, 'conflict', 'PAR-REASSIGN', 'ct-kim is already the consulting teacher'],
    ['a reassignment without a reason', assisted, { type: 'reassign-consulting-teacher', consultingTeacher: 'ct-ortiz', cause: 'panel', reason: ' ' }, '2027-10-01', panel, 'rule', 'PAR-REASSIGN', 'state why the consulting teacher is reassigned'],
    ['a second goals conference', assisted, { type: 'hold-ipg-conference', present, goals: ['x'] }, '2027-09-01', ctKim, 'conflict', 'PAR-IPG', 'the IPG conference was held: goals change only by revising them in a meeting of all three'],
    ['goals revised without the participant and evaluator', assisted, { type: 'revise-goals', present: { participant: false, consultingTeacher: true, evaluator: false }, goals: ['x'] }, '2027-09-01', ctKim, 'rule', 'PAR-IPG', 'goals are set and changed only in a meeting of participant, consulting teacher and evaluator; absent: participant, evaluator'],
    ['a log listing other goals', assisted, { type: 'file-monthly-log', log: monthlyLog('2027-09-20', ['Other']) }, '2027-09-20', ctKim, 'rule', 'PAR-IPG', 'the log lists goals other than those in force (Plan lessons aligned to standards; Manage transitions without lost instruction time): goals change only in a meeting of participant, consulting teacher and evaluator'],
    ['a report signed twice', signed, { type: 'sign-report', reportId: 'monthly-log-1' }, '2027-10-21', dana, 'conflict', 'PAR-SIGN', 'monthly-log-1 was already signed on 2027-10-20'],
    ['a response to no report', twoLogs, { type: 'respond-to-report', reportId: 'final-report-2', text: 'x' }, '2027-10-21', dana, 'conflict', 'PAR-SIGN', 'there is no report final-report-2'],
    ['an empty response', twoLogs, { type: 'respond-to-report', reportId: 'monthly-log-1', text: ' ' }, '2027-10-21', dana, 'rule', 'PAR-SIGN', 'a written response has text'],
    ['a meeting held that no one asked for', referral, { type: 'panel-meeting-held' }, '2027-05-12', panel, 'conflict', 'PAR-SIGN', 'no meeting with the panel is requested'],
    ['a final conference without the evaluator', assisted, { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: false }, '2028-05-25', ctKim, 'rule', 'PAR-FINAL-CONF', 'the final conference is held with the evaluating administrator'],
    ['a final conference without the participant, unexplained', assisted, { type: 'hold-final-conference', participantPresent: false, evaluatorPresent: true, absenceReason: ' ' }, '2028-05-25', ctKim, 'rule', 'PAR-FINAL-CONF', 'the final conference is held with the participant: state why they were absent'],
    ['a final report before the conference', assisted, { type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ctKim, 'conflict', 'PAR-FINAL-CONF', 'the consulting teacher holds the final conference with participant and evaluating administrator before filing the final report'],
    ['an incomplete final report', conferenced, { type: 'file-final-report', report: { ...finalReport('2028-05-25'), otherResources: [' '] } }, '2028-05-30', ctKim, 'rule', 'PAR-FINAL-CONF', 'the final report is incomplete: /report/otherResources: list the other resources used (an empty list when none)'],
    ['removing a representative never named', referral, { type: 'remove-representative' }, '2027-05-12', dana, 'conflict', 'PAR-REP', 'the participant has no representative'],
    ['an empty deliberation', referral, { type: 'record-deliberation', text: '' }, '2027-05-12', panel, 'rule', 'PAR-PANEL-CONF', 'a deliberation note has text'],
    ['a referral withdrawn as an application by the participant', referral, { type: 'withdraw', reason: 'application-withdrawn' }, '2027-05-12', dana, 'conflict', 'PAR-VOL-TERM', 'a referral is not an application: HR withdraws a referral'],
    ['a place offered to a case not waiting', referral, { type: 'place-offered' }, '2027-05-12', system, 'conflict', 'PAR-PRIORITY', 'the case is not waiting for a place'],
    ['an assignment before the notice', referral, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-12', panel, 'conflict', 'PAR-CT-SELECT-10', 'no consulting teacher is being selected at this stage (awaiting-acceptance-notice)'],
    ['a goals conference in a Volunteer case', volunteering, { type: 'hold-ipg-conference', present, goals: ['x'] }, '2027-02-01', ctOrtiz, 'conflict', 'PAR-VOL-CONF', "a Volunteer's assistance is confidential from the evaluator: there is no IPG conference"],
    ['a semester review in a Volunteer case', volunteering, { type: 'review-semester', ordinal: 1 }, '2027-06-10', panel, 'conflict', 'PAR-VOL-CONF', "a Volunteer's assistance is peer assistance only: the panel does not review its progress"],
  ] as const)('%s is refused', (_name, make, event, today, by, kind, rule, message) => {
    const state = make();
    expect(transition(state, event as ParEvent, ctx(state, today, by))).toEqual({ ok: false, kind, rule, message });
  });

  it('PAR-CT-SELECT-10: once the 10 work days are over the panel designates, even before the timer fired', () => {
    // Noticed 2027-05-12: the window ended 2027-05-26.
    expect(run(noticed(), [[{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, '2027-05-27', panel]]).assignments.map((a) => [a.consultingTeacher, a.how])).toEqual([['ct-ortiz', 'designated']]);
  });

  it('PAR-SEMESTER: a referral assigned with both semesters of the plan published has nothing to wait for', () => {
    expect(notesOf(requested(), [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-14', panel, { calendars: twoYears }])).toEqual([
      'PAR-CT-SELECT-10: ct-kim approved as requested',
      'assistance starts on 2027-08-18',
    ]);
  });

  it('PAR-FINAL-CONF: extended to a third semester, the final report needs the third semester\'s own conference', () => {
    const extended = run(reported(), [
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2028-06-07', system],
      [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel],
    ]);
    expect(transition(extended, { type: 'file-final-report', report: finalReport('2029-01-05') }, ctx(extended, '2029-01-05', ctKim))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-FINAL-CONF',
      message: 'the consulting teacher holds the final conference with participant and evaluating administrator before filing the final report',
    });
  });

  it('PAR-CT-SELECT-10: the panel designates only after the request window; with its due date unknown, the refusal gives none', () => {
    const state = noticed();
    expect(transition(state, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, ctx(state, '2027-05-13', panel, { dueOf: () => undefined }))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-CT-SELECT-10',
      message: 'the participant may request a consulting teacher: the panel designates one only after',
    });
  });

  it('PAR-IPG / PAR-REASSIGN: the specialists the participant asks for are named in the note, each', () => {
    const assigned = run(requested(), [[{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-27', panel]]);
    const present = { participant: true, consultingTeacher: true, evaluator: true };
    expect(notesOf(assigned, [{ type: 'hold-ipg-conference', present, goals: GOALS, specialistsRequested: ['reading coach', 'math specialist'] }, '2027-08-25', ctKim])).toEqual([
      'PAR-IPG: 2 goal(s) set on 2027-08-25',
      'PAR-IPG: the participant asks for subject-area specialists (reading coach, math specialist): the panel may add them (PAR-REASSIGN)',
    ]);
  });

  it('PAR-FINAL-CONF / CAL-2: when an amended calendar moves the last semester\'s end, the final report waits for the new window, even after the conference', () => {
    // Spring 2028 extended to June 30 after the conference of May 25: the last 20 school days now start on June 5.
    const amended = new DistrictCalendars('riverside', [
      riverside2026,
      {
        ...riverside2027,
        version: 2,
        lastInstructionalDay: '2028-06-30',
        staffYear: { firstDay: '2027-08-16', lastDay: '2028-07-07' },
        semesters: [riverside2027.semesters[0]!, { name: 'Spring 2028', start: '2028-01-18', end: '2028-06-30' }],
      },
      riverside2028,
    ]);
    const state = refreshSchedule(conferenced(), amended);
    expect(transition(state, { type: 'file-final-report', report: finalReport('2028-05-25') }, ctx(state, '2028-05-30', ctKim, { calendars: amended }))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-FINAL-CONF',
      message: 'the final conference and report close semester 2 (Spring 2028, ending 2028-06-30): they are held in its last 20 school days, from 2028-06-05',
    });
  });
});
