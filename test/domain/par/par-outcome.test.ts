import { describe, expect, it } from 'vitest';
import type { MemberVote, Motion, ParCase } from '../../../src/domain/par/par-case';
import { transition } from '../../../src/domain/par/par-process';
import { GOALS, LEGACY_PAR_POLICY, application, assisted, ctKim, ctOrtiz, ctx, dana, finalReport, finalReported, hr, notesOf, panel, referral, run, system, twoYears, volunteering, votes } from './par-fixtures';
import { DEFAULT_PAR_POLICY } from '../../../src/domain/par/par-policy';
import { startIntervention } from '../../../src/domain/par/par-process';

/**
 * The panel's votes (par-outcome.ts) on the Riverside calendars: a Referred case assisted from 2027-05-27 (ct-kim),
 * semesters Fall 2027 (to 2028-01-14), Spring 2028 (to 2028-06-02) and Fall 2028 (to 2029-01-12), under the
 * full-semester rules of the default policy.
 */

/** The final report of 2028-05-30 filed (final conference 2028-05-25): the participant may respond until 2028-06-06. */
const filed = (state?: ParCase, ct = ctKim) => finalReported(state, ct);

/** The same, the participant's time to respond over. */
const reported = (state?: ParCase, ct = ctKim) => run(filed(state, ct), [[{ type: 'deadline-passed', deadline: 'final-response' }, '2028-06-07', system]]);

const vote = (state: ParCase, motion: Motion, on: string, cast: readonly MemberVote[] = votes(4)) =>
  transition(state, { type: 'panel-vote', motion, votes: cast }, ctx(state, on, panel));

describe('PAR-OUTCOME / PAR-RESULT-EVAL / PAR-PANEL-CONF: the panel reports after the final report', () => {
  it.each([
    ['the participant', 'dana'],
    ['the evaluator', 'eval-park'],
    ['the principal', 'principal-ng'],
    ['the consulting teacher', 'ct-kim'],
  ])('PAR-PANEL-CONF: %s does not vote on the case', (_name, member) => {
    const state = reported();
    expect(vote(state, { kind: 'return-to-regular-evaluation' }, '2028-06-08', [...votes(3), { member, vote: 'yes' }])).toEqual({
      ok: false,
      kind: 'forbidden',
      rule: 'PAR-PANEL-CONF',
      message: `${member} is a party to this case and does not vote on it`,
    });
  });

  it('PAR-OUTCOME: a former consulting teacher, reassigned away, may vote as a panel member', () => {
    const state = reported(run(assisted(), [[{ type: 'reassign-consulting-teacher', consultingTeacher: 'ct-ortiz', cause: 'panel', reason: 'caseload' }, '2027-10-20', panel]]), ctOrtiz);
    expect(vote(state, { kind: 'return-to-regular-evaluation' }, '2028-06-08', [...votes(3), { member: 'ct-kim', vote: 'yes' }])).toMatchObject({ ok: true });
  });

  it.each([
    ['in assistance', () => assisted(), 'the panel reports after the final report, not at this stage (in-assistance)'],
    ['once reported', () => run(reported(), [[{ type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(4) }, '2028-06-08', panel]]), 'the case is closed (returned-to-regular-evaluation): no further action is possible'],
  ] as const)('PAR-OUTCOME: no outcome is reported %s', (_name, make, message) => {
    const state = make();
    expect(vote(state, { kind: 'extend-one-semester' }, '2028-06-09')).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-OUTCOME', message });
  });

  it('PAR-VOL-CONF: a Volunteer\'s assistance has no performance outcome', () => {
    const volunteer = volunteering();
    expect(vote(volunteer, { kind: 'return-to-regular-evaluation' }, '2027-06-01')).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-VOL-CONF',
      message: "a Volunteer's assistance is peer assistance only: there is no performance outcome",
    });
    expect(vote(volunteer, { kind: 'approve-volunteer' }, '2027-06-01')).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-VOL-ELIG',
      message: "no volunteer application awaits the panel's vote (in-assistance)",
    });
  });

  it('PAR-FINAL-CONF: the panel reports once the participant\'s time to respond is over, even before the timer fired', () => {
    const state = filed();
    expect(vote(state, { kind: 'return-to-regular-evaluation' }, '2028-06-06')).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'PAR-FINAL-CONF',
      message: 'the participant may respond to the final report until 2028-06-06: the panel reports after that',
    });
    // The due date unknown to the caller: the refusal gives none.
    expect(transition(state, { type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(4) }, ctx(state, '2028-06-06', panel, { dueOf: () => undefined }))).toMatchObject({
      ok: false,
      message: 'the participant may respond to the final report: the panel reports after that',
    });
    expect(vote(state, { kind: 'return-to-regular-evaluation' }, '2028-06-07')).toMatchObject({ ok: true, state: { status: 'closed' } });
  });

  it('PAR-OUTCOME: insufficient progress needs every documented reason stated', () => {
    const third = run(reported(), [
      [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel],
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2029-01-05', ctKim],
      [{ type: 'file-final-report', report: finalReport('2029-01-05') }, '2029-01-05', ctKim],
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2029-01-13', system],
    ]);
    expect(vote(third, { kind: 'insufficient-progress', documentedReasons: ['Goal 2 unmet', ' '] }, '2029-01-12')).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'PAR-OUTCOME',
      message: 'insufficient progress is reported with documented reasons',
    });
    const step = [{ type: 'panel-vote', motion: { kind: 'insufficient-progress', documentedReasons: [' Goal 2 unmet '] }, votes: votes(3, 2) }, '2029-01-12', panel] as const;
    expect(notesOf(third, step)).toEqual([
      'PAR-OUTCOME: insufficient-progress reported to the participant, the superintendent and the board',
      "PAR-RESULT-EVAL: the results (final-report-3) become part of the participant's annual evaluation",
      'PAR-OUTCOME: the district may start dismissal proceedings, continue employment, or issue a notice of unsatisfactory performance',
      'PAR-OUTCOME: carried 3 yes, 2 no, 0 abstaining',
    ]);
    const decided = run(third, [step]);
    expect(decided.status).toBe('awaiting-district-decision');
    // Semester 3 ends on the day of the vote: three full semesters, the third closed by the final report.
    expect(decided.outcomes[1]).toEqual({
      outcome: 'insufficient-progress',
      on: '2029-01-12',
      afterSemesters: 3,
      documentedReasons: ['Goal 2 unmet'],
      reportedTo: ['participant', 'superintendent', 'board'],
      forAnnualEvaluation: { finalReportId: 'final-report-3', semesters: 3 },
    });
    expect(notesOf(decided, [{ type: 'record-district-decision', decision: 'dismissal-proceedings' }, '2029-01-15', hr])).toEqual(['PAR-OUTCOME: the district decided: dismissal-proceedings']);
    expect(run(decided, [[{ type: 'record-district-decision', decision: 'notice-of-unsatisfactory-performance' }, '2029-01-15', hr]]).closed).toEqual({ reason: 'district-decision', on: '2029-01-15', rule: 'PAR-OUTCOME' });
  });

  it('PAR-OUTCOME: a failed motion is recorded with its count and leaves the panel to report', () => {
    expect(notesOf(reported(), [{ type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(2, 2, 1) }, '2028-06-08', panel])).toEqual([
      'PAR-OUTCOME: the motion return-to-regular-evaluation failed (2 yes, 2 no, 1 abstaining); the panel has still to report',
    ]);
  });

  it('PAR-OUTCOME / PAR-RESULT-EVAL: a return to regular evaluation closes the case after two semesters, reported to all three', () => {
    const step = [{ type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(4, 0, 1) }, '2028-06-08', panel] as const;
    expect(notesOf(reported(), step)).toEqual([
      'PAR-OUTCOME: return-to-regular-evaluation reported to the participant, the superintendent and the board',
      "PAR-RESULT-EVAL: the results (final-report-2) become part of the participant's annual evaluation",
      'PAR-OUTCOME: carried 4 yes, 0 no, 1 abstaining',
    ]);
    const closed = run(reported(), [step]);
    expect(closed.closed).toEqual({ reason: 'returned-to-regular-evaluation', on: '2028-06-08', rule: 'PAR-OUTCOME' });
    expect(closed.outcomes).toEqual([
      {
        outcome: 'return-to-regular-evaluation',
        on: '2028-06-08',
        afterSemesters: 2,
        documentedReasons: undefined,
        reportedTo: ['participant', 'superintendent', 'board'],
        forAnnualEvaluation: { finalReportId: 'final-report-2', semesters: 2 },
      },
    ]);
    // PAR-SEMESTER: the outcome is the review of the plan's last semester.
    expect(closed.reviews).toEqual([{ ordinal: 2, reviewedOn: '2028-06-08', via: 'outcome' }]);
    expect(closed.votes[0]).toEqual({ motion: { kind: 'return-to-regular-evaluation' }, votes: votes(4, 0, 1), tally: { yes: 4, no: 0, abstain: 1 }, carried: true, on: '2028-06-08', recordedBy: 'panel-chair' });
  });

  it('PAR-SEMESTER: a missed review of the last semester is replaced by the outcome; one the panel held stays', () => {
    const reviewedFirst = run(assisted(), [[{ type: 'review-semester', ordinal: 1 }, '2028-01-20', panel]]);
    // Semester 2 ends 2028-06-02; 10 work days later (5 in June, the staff year ending June 9, 5 from August 14) is 2028-08-18.
    const missed = run(reported(reviewedFirst), [[{ type: 'deadline-passed', deadline: 'semester-review' }, '2028-08-21', system]]);
    expect(missed.reviews).toEqual([
      { ordinal: 1, reviewedOn: '2028-01-20', via: 'review' },
      { ordinal: 2, missedOn: '2028-08-18' },
    ]);
    const extended = run(missed, [[{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-08-21', panel]]);
    expect(extended.reviews).toEqual([
      { ordinal: 1, reviewedOn: '2028-01-20', via: 'review' },
      { ordinal: 2, reviewedOn: '2028-08-21', via: 'outcome' },
    ]);
    const reviewedBoth = run(reported(reviewedFirst), [[{ type: 'review-semester', ordinal: 2 }, '2028-06-09', panel]]);
    const returned = run(reviewedBoth, [[{ type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(4) }, '2028-06-12', panel]]);
    expect(returned.reviews).toEqual([
      { ordinal: 1, reviewedOn: '2028-01-20', via: 'review' },
      { ordinal: 2, reviewedOn: '2028-06-09', via: 'review' },
    ]);
  });

  it('PAR-OUTCOME / PAR-MAX-18: extended to a third semester that ends after the 18 months: the panel is told PAR ends first', () => {
    const step = [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel] as const;
    expect(notesOf(reported(), step)).toEqual([
      'PAR-OUTCOME: extend-one-semester reported to the participant, the superintendent and the board',
      "PAR-RESULT-EVAL: the results (final-report-2) become part of the participant's annual evaluation",
      // Assigned 2027-05-27: 18 months end 2028-11-27, before Fall 2028 ends on 2029-01-12.
      'PAR-MAX-18: the 18-month limit (2028-11-27) comes before the end of the third semester (2029-01-12): PAR ends then',
      'PAR-OUTCOME: carried 4 yes, 1 no, 0 abstaining',
    ]);
    const extended = run(reported(), [step]);
    expect(extended).toMatchObject({ status: 'in-assistance', plannedSemesters: 3, passed: {}, monthly: { missed: [], restartedOn: '2028-06-08' } });
    expect(extended.outcomes[0]).toMatchObject({ afterSemesters: 2, forAnnualEvaluation: { finalReportId: 'final-report-2', semesters: 2 } });
  });

  it('PAR-OUTCOME: extended before the next year\'s calendar is published, the third semester\'s dates wait for it', () => {
    const early = { calendars: twoYears };
    const present = { participant: true, consultingTeacher: true, evaluator: true };
    const onTwoYears = run(referral(), [
      [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel, early],
      [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-20', dana, early],
      [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-27', panel, early],
      [{ type: 'hold-ipg-conference', present, goals: GOALS }, '2027-08-25', ctKim, early],
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim, early],
      [{ type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ctKim, early],
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2028-06-07', system, early],
    ]);
    expect(onTwoYears.schedule?.semesters.map((s) => s.name)).toEqual(['Fall 2027', 'Spring 2028']);
    expect(notesOf(onTwoYears, [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel, early])).toEqual([
      'PAR-OUTCOME: extend-one-semester reported to the participant, the superintendent and the board',
      "PAR-RESULT-EVAL: the results (final-report-2) become part of the participant's annual evaluation",
      "PAR-OUTCOME: the third semester's dates await the next school year's calendar",
      'PAR-OUTCOME: carried 4 yes, 1 no, 0 abstaining',
    ]);
    // PAR-FINAL-CONF: the final conference closes the third semester, whose dates are not known yet.
    const extended = run(onTwoYears, [[{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel, early]]);
    expect(transition(extended, { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, ctx(extended, '2028-09-01', ctKim, early))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-FINAL-CONF',
      message: 'semester 3 is not on a published district calendar yet: the final conference closes it',
    });
  });

  it.each([
    ['not carried: the application closes', votes(2, 3), false, 'closed', 'PAR-VOL-ELIG: the volunteer is not approved (2 yes, 3 no, 0 abstaining)'],
    ['carried with a place free: accepted', votes(3, 2), true, 'awaiting-acceptance-notice', 'PAR-VOL-ELIG: approved by majority (3 yes, 2 no, 0 abstaining); accepted'],
    ['carried without a place: the waiting list', votes(4, 1), false, 'waiting-for-place', 'PAR-VOL-ELIG: approved by majority (4 yes, 1 no, 0 abstaining); no place free: on the waiting list (PAR-PRIORITY)'],
  ] as const)('PAR-VOL-ELIG / PAR-PRIORITY: the panel\'s vote on a volunteer application, %s', (_name, cast, programHasPlace, status, note) => {
    const step = [{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: cast }, '2027-01-12', panel, { programHasPlace }] as const;
    expect(notesOf(application(), step)).toEqual([note]);
    expect(run(application(), [step]).status).toBe(status);
  });

  it('PAR-VOL-ELIG / PAR-PANEL-CONF: a volunteer who applied without an evaluator or principal on file is voted on all the same', () => {
    const alone = startIntervention({ kind: 'volunteer', id: 'PAR-2027-V02', district: 'riverside', policy: DEFAULT_PAR_POLICY, participant: { id: dana.id, name: 'Dana Reyes' }, appliedOn: '2027-01-06' });
    expect(vote(alone, { kind: 'approve-volunteer' }, '2027-01-12')).toMatchObject({ ok: true, state: { status: 'waiting-for-place' } });
  });

  it('PAR-OUTCOME: PAR is extended once only (the refusal names PAR-OUTCOME)', () => {
    const extended = run(reported(), [[{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel]]);
    const third = run(extended, [
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2029-01-05', ctKim],
      [{ type: 'file-final-report', report: finalReport('2029-01-05') }, '2029-01-05', ctKim],
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2029-01-13', system],
    ]);
    expect(vote(third, { kind: 'extend-one-semester' }, '2029-01-15')).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'PAR-OUTCOME',
      message: 'PAR lasts two semesters and may be extended once, to three: it was already extended',
    });
  });

  it('PAR-OUTCOME / PAR-SEMESTER: a case opened before the full-semester rules reports after the plan\'s two semesters, even from an early final report', () => {
    // No final window then: the conference and report of 2027-12-01 come before Fall 2027 ends (2028-01-14).
    const early = run(assisted(LEGACY_PAR_POLICY), [
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2027-12-01', ctKim],
      [{ type: 'file-final-report', report: finalReport('2027-12-01') }, '2027-12-01', ctKim],
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2027-12-09', system],
    ]);
    const extended = run(early, [[{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2027-12-10', panel]]);
    expect(extended.outcomes[0]).toMatchObject({ afterSemesters: 2, forAnnualEvaluation: { finalReportId: 'final-report-2', semesters: 2 } });
    // The extension is the second semester's review, as it always was.
    expect(extended.reviews).toEqual([{ ordinal: 2, reviewedOn: '2027-12-10', via: 'outcome' }]);
  });

  it.each([
    // In the first weeks of Fall 2027: 18 months end 2029-02-20, after Fall 2028 (2029-01-12).
    ['2027-08-20'],
    // In the summer: 18 months end 2029-01-12, the day Fall 2028 ends: not before it.
    ['2027-07-12'],
  ])('PAR-OUTCOME / PAR-MAX-18: assigned on %s, the third semester ends within the 18 months: no limit is announced', (assignedOn) => {
    const present = { participant: true, consultingTeacher: true, evaluator: true };
    const late = run(referral(), [
      [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel],
      [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-20', dana],
      [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, assignedOn, panel],
      [{ type: 'hold-ipg-conference', present, goals: GOALS }, '2027-08-25', ctKim],
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim],
      [{ type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ctKim],
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2028-06-07', system],
    ]);
    expect(notesOf(late, [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel])).toEqual([
      'PAR-OUTCOME: extend-one-semester reported to the participant, the superintendent and the board',
      "PAR-RESULT-EVAL: the results (final-report-2) become part of the participant's annual evaluation",
      'PAR-OUTCOME: carried 4 yes, 1 no, 0 abstaining',
    ]);
  });
});
