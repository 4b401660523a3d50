import { describe, expect, it } from 'vitest';
import type { Motion } from '../../../src/domain/par/par-case';
import { pendingDeadlines } from '../../../src/domain/par/par-deadlines';
import { transition } from '../../../src/domain/par/par-process';
import {
  GOALS,
  LEGACY_PAR_POLICY,
  assisted,
  ctKim,
  ctx,
  dana,
  dues,
  evaluator,
  finalReport,
  hr,
  monthlyLog,
  notesOf,
  panel,
  referral,
  run,
  system,
  twoYears,
  votes,
} from './par-fixtures';

const present = { participant: true, consultingTeacher: true, evaluator: true };

describe('a Referred intervention, start to finish (pure)', () => {
  it('PAR-ACCEPT-NOTICE / PAR-CT-SELECT-10 / PAR-OUTCOME / PAR-RESULT-EVAL / PAR-MAX-18: two semesters, extended to a third, then the district decides (a case opened before the full-semester rules)', () => {
    // Referred in the spring window; the panel has two weeks to send the acceptance notice.
    const referred = referral(LEGACY_PAR_POLICY);
    expect(referred).toMatchObject({ status: 'awaiting-acceptance-notice', acceptedOn: '2027-05-10', policy: { version: 1 } });
    expect(referred.policy.assistance).toBeUndefined();
    expect(dues(referred)).toEqual({ 'acceptance-notice': '2027-05-24' });

    const noticed = run(referred, [[{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'], trackingNumber: 'RM-1' }, '2027-05-12', panel]]);
    expect(dues(noticed)).toEqual({ 'consulting-teacher-request': '2027-05-26' });

    const requested = run(noticed, [[{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-20', dana]]);
    // Memorial Day (May 31) does not count: 10 work days after May 20 end on June 4.
    expect(dues(requested)).toEqual({ 'consulting-teacher-assignment': '2027-06-04' });

    // Assigned in May, assistance starts with the next school year (PAR-SPRING-WINDOW: "for the next school year").
    const assigned = run(requested, [[{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-27', panel]]);
    expect(assigned.schedule).toEqual({
      assignedOn: '2027-05-27',
      countsFrom: '2027-07-01',
      startsOn: '2027-08-18',
      semesters: [
        { ordinal: 1, schoolYear: '2027-2028', name: 'Fall 2027', start: '2027-08-18', end: '2028-01-14' },
        { ordinal: 2, schoolYear: '2027-2028', name: 'Spring 2028', start: '2028-01-18', end: '2028-06-02' },
        { ordinal: 3, schoolYear: '2028-2029', name: 'Fall 2028', start: '2028-08-16', end: '2029-01-12' },
      ],
    });
    expect(dues(assigned)).toEqual({
      // 15 school days after the first day, Labor Day skipped.
      'ipg-conference': '2027-09-09',
      // 10 work days after Friday January 14: MLK Day (17th) skipped.
      'semester-review': '2028-01-31',
      'final-conference': '2028-06-02',
      'final-report': '2028-06-02',
      // 18 months from the first day of assistance.
      'max-duration': '2029-02-18',
    });

    // First semester: goals, monthly logs, the semester review.
    const firstSemester = run(assigned, [
      [{ type: 'hold-ipg-conference', present, goals: GOALS }, '2027-08-25', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-09-20') }, '2027-09-20', ctKim],
      [{ type: 'sign-report', reportId: 'monthly-log-1' }, '2027-09-21', dana],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-10-19') }, '2027-10-19', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-11-18') }, '2027-11-18', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-12-17') }, '2027-12-17', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2028-01-14') }, '2028-01-14', ctKim],
      [{ type: 'review-semester', ordinal: 1 }, '2028-01-20', panel],
    ]);
    expect(firstSemester.reviews).toEqual([{ ordinal: 1, reviewedOn: '2028-01-20', via: 'review' }]);
    expect(dues(firstSemester)).toEqual({ 'monthly-log': '2028-02-18', 'final-conference': '2028-06-02', 'final-report': '2028-06-02', 'max-duration': '2029-02-18' });

    // Second semester ends with the final conference and report; the participant signs and responds.
    const reported = run(firstSemester, [
      [{ type: 'file-monthly-log', log: monthlyLog('2028-02-15') }, '2028-02-15', ctKim],
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim],
      [{ type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ctKim],
    ]);
    expect(reported.status).toBe('awaiting-outcome');
    expect(dues(reported)).toEqual({ 'final-response': '2028-06-06', outcome: '2028-08-22', 'max-duration': '2029-02-18' });
    expect(transition(reported, { type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, ctx(reported, '2028-06-05', panel))).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'PAR-FINAL-CONF',
      message: 'the participant may respond to the final report until 2028-06-06: the panel reports after that',
    });

    const extended = run(reported, [
      [{ type: 'sign-report', reportId: 'final-report-2' }, '2028-06-01', dana],
      [{ type: 'respond-to-report', reportId: 'final-report-2', text: 'I have met goal 1; goal 2 needs the fall.' }, '2028-06-05', dana],
      [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-07', panel],
    ]);
    expect(extended).toMatchObject({ status: 'in-assistance', plannedSemesters: 3 });
    expect(extended.outcomes).toEqual([
      {
        outcome: 'extend-one-semester',
        on: '2028-06-07',
        afterSemesters: 2,
        documentedReasons: undefined,
        reportedTo: ['participant', 'superintendent', 'board'],
        forAnnualEvaluation: { finalReportId: 'final-report-2', semesters: 2 },
      },
    ]);
    // The monthly clock restarts with the third semester: no overdue notice over the summer.
    expect(dues(extended)).toEqual({ 'monthly-log': '2028-09-16', 'final-conference': '2029-01-12', 'final-report': '2029-01-12', 'max-duration': '2029-02-18' });

    // Third semester: the participant does not respond to the final report; the window closes.
    const thirdReported = run(extended, [
      [{ type: 'file-monthly-log', log: monthlyLog('2028-09-14') }, '2028-09-14', ctKim],
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2029-01-08', ctKim],
      [{ type: 'file-final-report', report: finalReport('2029-01-08') }, '2029-01-09', ctKim],
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2029-01-18', system],
    ]);
    expect(thirdReported.passed).toEqual({ 'final-response': '2029-01-17' });

    const reasons = ['Goal 2 unmet in 9 of 11 observations', 'No change after two specialists'];
    const decided = run(thirdReported, [
      [{ type: 'record-deliberation', text: 'Members doubt further assistance would help.' }, '2029-01-19', panel],
      [{ type: 'panel-vote', motion: { kind: 'insufficient-progress', documentedReasons: reasons }, votes: votes(3, 1, 1) }, '2029-01-19', panel],
    ]);
    expect(decided.status).toBe('awaiting-district-decision');
    expect(decided.outcomes[1]).toMatchObject({ outcome: 'insufficient-progress', afterSemesters: 3, documentedReasons: reasons, forAnnualEvaluation: { finalReportId: 'final-report-3', semesters: 3 } });
    expect(pendingDeadlines(decided)).toEqual({});

    const closed = run(decided, [[{ type: 'record-district-decision', decision: 'continue-employment' }, '2029-01-25', hr]]);
    expect(closed.closed).toEqual({ reason: 'district-decision', on: '2029-01-25', rule: 'PAR-OUTCOME' });
    expect(closed.districtDecision).toEqual({ decision: 'continue-employment', on: '2029-01-25', by: 'hr-1' });
    expect(transition(closed, { type: 'request-panel-meeting' }, ctx(closed, '2029-01-26', dana))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-OUTCOME' });
  });

  it('PAR-ACCEPT-NOTICE: the notice lists the consulting teachers; a late notice is still sent, once the panel is told it is overdue', () => {
    const referred = referral();
    expect(transition(referred, { type: 'send-acceptance-notice', consultingTeachers: [' '] }, ctx(referred, '2027-05-12', panel))).toMatchObject({ ok: false, kind: 'rule', rule: 'PAR-ACCEPT-NOTICE' });
    const late = run(referred, [[{ type: 'deadline-passed', deadline: 'acceptance-notice' }, '2027-05-25', system]]);
    expect(late.passed).toEqual({ 'acceptance-notice': '2027-05-24' });
    expect(pendingDeadlines(late)).toEqual({});
    const sent = run(late, [[{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-26', hr]]);
    expect(sent).toMatchObject({ status: 'selecting-consulting-teacher', acceptanceNotice: { sentOn: '2027-05-26', consultingTeachers: ['ct-kim'] } });
    expect(transition(sent, { type: 'deadline-passed', deadline: 'acceptance-notice' }, ctx(sent, '2027-05-27', system))).toMatchObject({ ok: false, kind: 'conflict' });
  });

  describe('PAR-CT-SELECT-10: 10 work days to request a consulting teacher, else the panel designates', () => {
    const noticed = (on = '2027-05-12') => run(referral(), [[{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'] }, on, panel]]);

    it('PAR-CT-SELECT-10: the window counts work days: a notice of June 4 waits out the summer outside the staff year', () => {
      expect(dues(noticed('2027-06-04'))).toEqual({ 'consulting-teacher-request': '2027-08-20' });
    });

    it('PAR-CT-SELECT-10: the panel may not designate while the window is open', () => {
      const state = noticed();
      expect(transition(state, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, ctx(state, '2027-05-20', panel))).toEqual({
        ok: false,
        kind: 'conflict',
        rule: 'PAR-CT-SELECT-10',
        message: 'the participant may request a consulting teacher until 2027-05-26: the panel designates one only after',
      });
    });

    it('PAR-CT-SELECT-10: a request after the window is refused; the window closing lets the panel designate', () => {
      const state = noticed();
      expect(transition(state, { type: 'request-consulting-teacher', preferences: ['ct-kim'] }, ctx(state, '2027-05-27', dana))).toMatchObject({
        ok: false,
        kind: 'rule',
        message: 'the 10 work days to request a consulting teacher ended on 2027-05-26: the panel designates one',
      });
      const closed = run(state, [[{ type: 'deadline-passed', deadline: 'consulting-teacher-request' }, '2027-05-27', system]]);
      // [design] The panel's own limit runs from the day the window closed.
      expect(dues(closed)).toEqual({ 'consulting-teacher-assignment': '2027-06-10' });
      const designated = run(closed, [[{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, '2027-05-28', panel]]);
      expect(designated.assignments).toEqual([{ consultingTeacher: 'ct-ortiz', on: '2027-05-28', by: 'panel-chair', how: 'designated', reason: undefined }]);
    });

    it.each([
      ['not on the list', ['ct-nobody']],
      ['twice', ['ct-kim', 'ct-kim']],
      ['nobody', []],
    ] as const)('PAR-CT-SELECT-10: a request naming %s is refused', (_name, preferences) => {
      const state = noticed();
      expect(transition(state, { type: 'request-consulting-teacher', preferences }, ctx(state, '2027-05-13', dana))).toMatchObject({ ok: false, kind: 'rule', rule: 'PAR-CT-SELECT-10' });
    });

    it('PAR-CT-SELECT-10: the panel weighs both sides: assigning other than the first choice needs a reason', () => {
      const state = run(noticed(), [[{ type: 'request-consulting-teacher', preferences: ['ct-kim', 'ct-ortiz'] }, '2027-05-13', dana]]);
      expect(transition(state, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, ctx(state, '2027-05-14', panel))).toMatchObject({
        ok: false,
        kind: 'rule',
        message: "the panel weighs both sides' preferences: state why the participant's first choice (ct-kim) is not assigned",
      });
      const second = run(state, [[{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz', reason: 'ct-kim teaches at the same school' }, '2027-05-14', panel]]);
      expect(second.assignments[0]).toMatchObject({ consultingTeacher: 'ct-ortiz', how: 'requested', reason: 'ct-kim teaches at the same school' });
    });

    it('PAR-CT-SELECT-10: only the participant (or representative) requests; only the panel assigns', () => {
      const state = noticed();
      expect(transition(state, { type: 'request-consulting-teacher', preferences: ['ct-kim'] }, ctx(state, '2027-05-13', hr))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'PAR-CT-SELECT-10' });
      const requested = run(state, [[{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-13', dana]]);
      expect(transition(requested, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, ctx(requested, '2027-05-14', hr))).toMatchObject({ ok: false, kind: 'forbidden' });
    });
  });

  it('PAR-SEMESTER: the next year\'s calendar not yet published, the third semester waits for it; the known ones are scheduled', () => {
    const state = run(referral(), [
      [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel],
      [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-13', dana],
    ]);
    const result = transition(state, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, ctx(state, '2027-05-14', panel, { calendars: twoYears }));
    expect(result.ok && result.state.schedule?.semesters.map((s) => s.name)).toEqual(['Fall 2027', 'Spring 2028']);
  });

  it('PAR-SEMESTER: the panel reviews a semester at its end; a missed review is recorded and the next one runs', () => {
    const state = assisted();
    expect(transition(state, { type: 'review-semester', ordinal: 1 }, ctx(state, '2028-01-13', panel))).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'PAR-SEMESTER',
      message: 'semester 1 (Fall 2027) ends on 2028-01-14: the panel reviews it at its end',
    });
    const missed = run(state, [[{ type: 'deadline-passed', deadline: 'semester-review' }, '2028-02-01', system]]);
    expect(missed.reviews).toEqual([{ ordinal: 1, missedOn: '2028-01-31' }]);
    // Every semester of the plan is reviewed: the second (the last) runs next.
    expect(pendingDeadlines(missed)['semester-review']).toMatchObject({ trigger: '2028-06-02', occurrence: 'semester-review:2' });
    // A late review is still recorded, replacing the miss.
    const late = run(missed, [[{ type: 'review-semester', ordinal: 1 }, '2028-02-03', panel]]);
    expect(late.reviews).toEqual([{ ordinal: 1, reviewedOn: '2028-02-03', via: 'review' }]);
  });

  describe('PAR-MONTHLY: a log at least once a month, with the required content, or an overdue notice to the panel', () => {
    it('PAR-MONTHLY: the first log is due a month after the goals conference; each log moves the next due date', () => {
      const state = assisted();
      expect(pendingDeadlines(state)['monthly-log']).toMatchObject({ rule: 'PAR-MONTHLY', trigger: '2027-08-25', unit: 'month', count: 1 });
      expect(dues(run(state, [[{ type: 'file-monthly-log', log: monthlyLog('2027-09-20') }, '2027-09-20', ctKim]]))['monthly-log']).toBe('2027-10-20');
    });

    it('PAR-MONTHLY: a missed log is reported to the panel once, and the next month counts from the missed due date', () => {
      const state = assisted();
      // A month after the goals conference of 2027-08-25 is Saturday 2027-09-25: due on Friday 2027-09-24.
      const step = [{ type: 'deadline-passed', deadline: 'monthly-log' }, '2027-09-25', system] as const;
      expect(notesOf(state, step)).toEqual(['PAR-MONTHLY: no monthly log by 2027-09-24: overdue notice to the panel']);
      const missed = run(state, [step]);
      expect(missed.monthly.missed).toEqual(['2027-09-24']);
      // A month after the missed due date is Sunday 2027-10-24: due on Friday 2027-10-22.
      expect(dues(missed)['monthly-log']).toBe('2027-10-22');
    });

    it.each([
      // last log, next due: inside the semester (Saturday 2027-12-18: the Friday before) / capped at the semester's
      // last day / after it, from the next semester's start
      ['2027-11-18', '2027-12-17'],
      ['2027-12-17', '2028-01-14'],
      ['2028-01-14', '2028-02-18'],
    ])('PAR-MONTHLY [design]: after a log on %s the next is due %s (logs fall due inside the semesters)', (on, due) => {
      expect(dues(run(assisted(), [[{ type: 'file-monthly-log', log: monthlyLog(on) }, on, ctKim]]))['monthly-log']).toBe(due);
    });

    it.each([
      ['no goals', { goals: [] }, '/log/goals: list the performance goals'],
      ['no assistance plan', { assistancePlan: ' ' }, '/log/assistancePlan: describe the assistance plan'],
      ['observation dates left out', { observationDates: undefined }, '/log/observationDates: list the dates (an empty list when there were none)'],
      ['a future observation', { observationDates: ['2027-10-01'] }, '/log/observationDates/0: 2027-10-01 is in the future'],
      ['a bad conference date', { preObservationConferences: ['2027-13-01'] }, '/log/preObservationConferences/0: "2027-13-01" is not a date'],
      ['a nameless report from others', { reportsFromOthers: [{ by: '', summary: 'x' }] }, '/log/reportsFromOthers/0: name who assisted and summarize their report'],
      ['no day progress was shared', { progressSharedOn: undefined }, '/log/progressSharedOn: give the day progress was shared with the participant'],
    ] as const)('PAR-MONTHLY: a log with %s is refused, naming the field', (_name, change, message) => {
      const state = assisted();
      const log = { ...monthlyLog('2027-09-20'), goals: GOALS, ...change } as never;
      const result = transition(state, { type: 'file-monthly-log', log }, ctx(state, '2027-09-20', ctKim));
      expect(result).toMatchObject({ ok: false, kind: 'rule', rule: 'PAR-MONTHLY' });
      if (!result.ok) expect(result.message).toBe(`the monthly log is incomplete: ${message}`);
    });
  });

  describe('PAR-IPG: goals are set and changed only in a meeting of participant, consulting teacher and evaluator', () => {
    const assigned = () =>
      run(referral(), [
        [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel],
        [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-13', dana],
        [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-14', panel],
      ]);

    it.each(['participant', 'consultingTeacher', 'evaluator'] as const)('PAR-IPG: without the %s the goals are not set', (absent) => {
      const state = assigned();
      const result = transition(state, { type: 'hold-ipg-conference', present: { ...present, [absent]: false }, goals: GOALS }, ctx(state, '2027-08-25', ctKim));
      expect(result).toMatchObject({ ok: false, kind: 'rule', rule: 'PAR-IPG' });
      if (!result.ok) expect(result.message).toContain(`absent: ${absent}`);
    });

    it('PAR-IPG: the participant may ask for specialists and union representation at the conference', () => {
      const step = [{ type: 'hold-ipg-conference', present, goals: GOALS, specialistsRequested: ['math specialist'], representationRequested: true }, '2027-08-25', ctKim] as const;
      expect(notesOf(assigned(), step)).toEqual([
        `PAR-IPG: ${GOALS.length} goal(s) set on 2027-08-25`,
        'PAR-IPG: the participant asks for subject-area specialists (math specialist): the panel may add them (PAR-REASSIGN)',
        'PAR-REP: the participant asks for union representation',
      ]);
    });

    it('PAR-IPG: a log or report listing other goals is refused; revising them in a meeting of all three changes what logs list', () => {
      const state = assisted();
      const other = ['A new goal'];
      expect(transition(state, { type: 'file-monthly-log', log: monthlyLog('2027-09-20', other) }, ctx(state, '2027-09-20', ctKim))).toMatchObject({ ok: false, kind: 'rule', rule: 'PAR-IPG' });
      expect(transition(state, { type: 'revise-goals', present: { ...present, evaluator: false }, goals: other }, ctx(state, '2027-09-20', ctKim))).toMatchObject({ ok: false, rule: 'PAR-IPG' });
      expect(transition(state, { type: 'hold-ipg-conference', present, goals: other }, ctx(state, '2027-09-20', ctKim))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-IPG' });
      const revised = run(state, [
        [{ type: 'revise-goals', present, goals: other }, '2027-09-20', ctKim],
        [{ type: 'file-monthly-log', log: monthlyLog('2027-09-21', other) }, '2027-09-21', ctKim],
      ]);
      expect(revised.goals.map((g) => g.goals)).toEqual([GOALS, other]);
    });

    it('PAR-IPG: the conference is due 15 school days [design] after assistance starts; the evaluator cannot hold it for the consulting teacher', () => {
      const state = assigned();
      expect(pendingDeadlines(state)['ipg-conference']).toMatchObject({ rule: 'PAR-IPG', trigger: '2027-08-18', unit: 'school-day', count: 15 });
      expect(transition(state, { type: 'hold-ipg-conference', present, goals: GOALS }, ctx(state, '2027-08-25', evaluator))).toMatchObject({ ok: false, kind: 'forbidden' });
    });
  });

  describe('PAR-FINAL-CONF / PAR-OUTCOME: the final conference, the report, the panel\'s outcome', () => {
    const reported = () =>
      run(assisted(), [
        [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim],
        [{ type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ctKim],
        [{ type: 'deadline-passed', deadline: 'final-response' }, '2028-06-07', system],
      ]);

    it('PAR-FINAL-CONF: the report follows a conference held with the evaluating administrator; an absent participant is explained', () => {
      const state = assisted();
      expect(transition(state, { type: 'file-final-report', report: finalReport('2028-05-25') }, ctx(state, '2028-05-30', ctKim))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-FINAL-CONF' });
      expect(transition(state, { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: false }, ctx(state, '2028-05-25', ctKim))).toMatchObject({ ok: false, kind: 'rule' });
      expect(transition(state, { type: 'hold-final-conference', participantPresent: false, evaluatorPresent: true }, ctx(state, '2028-05-25', ctKim))).toMatchObject({ ok: false, kind: 'rule' });
      const absent = run(state, [[{ type: 'hold-final-conference', participantPresent: false, evaluatorPresent: true, absenceReason: 'on medical leave' }, '2028-05-25', ctKim]]);
      expect(absent.finalConferences).toEqual([{ round: 2, on: '2028-05-25', participantPresent: false, absenceReason: 'on medical leave' }]);
      expect(pendingDeadlines(absent)['final-conference']).toBeUndefined();
      expect(transition(absent, { type: 'file-final-report', report: { ...finalReport('2028-05-25'), summary: '' } }, ctx(absent, '2028-05-30', ctKim))).toMatchObject({
        ok: false,
        message: "the final report is incomplete: /report/summary: summarize the participant's progress on the goals",
      });
    });

    it('PAR-FINAL-CONF / PAR-SIGN: a participant who asked to appear before the panel is met before the outcome', () => {
      const asked = run(reported(), [[{ type: 'request-panel-meeting', reason: 'to answer the report' }, '2028-06-07', dana]]);
      expect(transition(asked, { type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(5) }, ctx(asked, '2028-06-08', panel))).toEqual({
        ok: false,
        kind: 'rule',
        rule: 'PAR-SIGN',
        message: 'the participant asked on 2028-06-07 to meet the panel: meet before reporting',
      });
      const met = run(asked, [
        [{ type: 'panel-meeting-held' }, '2028-06-08', panel],
        [{ type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(5) }, '2028-06-08', panel],
      ]);
      expect(met.closed).toEqual({ reason: 'returned-to-regular-evaluation', on: '2028-06-08', rule: 'PAR-OUTCOME' });
    });

    it.each([
      ['insufficient progress after two semesters', { kind: 'insufficient-progress', documentedReasons: ['x'] }, 'insufficient progress is reported only after three full semesters: extend one semester first'],
    ] as const)('PAR-OUTCOME: the panel may not report %s', (_name, motion, message) => {
      const state = reported();
      expect(transition(state, { type: 'panel-vote', motion, votes: votes(5) }, ctx(state, '2028-06-08', panel))).toEqual({ ok: false, kind: 'rule', rule: 'PAR-OUTCOME', message });
    });

    it('PAR-OUTCOME: extended once only; insufficient progress needs the third semester over and documented reasons', () => {
      const third = run(reported(), [
        [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(3) }, '2028-06-08', panel],
        [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2029-01-05', ctKim],
        [{ type: 'file-final-report', report: finalReport('2029-01-05') }, '2029-01-05', ctKim],
        [{ type: 'respond-to-report', reportId: 'final-report-3', text: 'I disagree.' }, '2029-01-08', dana],
      ]);
      const vote = (motion: Motion, on: string) => transition(third, { type: 'panel-vote', motion, votes: votes(5) }, ctx(third, on, panel));
      expect(vote({ kind: 'extend-one-semester' }, '2029-01-15')).toMatchObject({ ok: false, message: 'PAR lasts two semesters and may be extended once, to three: it was already extended' });
      expect(vote({ kind: 'insufficient-progress', documentedReasons: ['x'] }, '2029-01-11')).toMatchObject({
        ok: false,
        message: 'insufficient progress is reported only after three full semesters (the third ends on 2029-01-12)',
      });
      expect(vote({ kind: 'insufficient-progress', documentedReasons: [] }, '2029-01-15')).toMatchObject({ ok: false, message: 'insufficient progress is reported with documented reasons' });
      expect(vote({ kind: 'return-to-regular-evaluation' }, '2029-01-15')).toMatchObject({ ok: true, state: { status: 'closed' } });
    });

    it('PAR-OUTCOME: a motion that fails is recorded and changes nothing else; a tie fails', () => {
      const state = reported();
      const failed = run(state, [[{ type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(2, 2, 1) }, '2028-06-08', panel]]);
      expect(failed.status).toBe('awaiting-outcome');
      expect(failed.votes).toHaveLength(1);
      expect(failed.votes[0]).toMatchObject({ carried: false, tally: { yes: 2, no: 2, abstain: 1 } });
      expect(failed.outcomes).toEqual([]);
    });

    it('PAR-RESULT-EVAL: each outcome names the final report that becomes part of the annual evaluation', () => {
      const returned = run(reported(), [[{ type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(4) }, '2028-06-08', panel]]);
      expect(returned.outcomes[0]?.forAnnualEvaluation).toEqual({ finalReportId: 'final-report-2', semesters: 2 });
      expect(notesOf(reported(), [{ type: 'panel-vote', motion: { kind: 'return-to-regular-evaluation' }, votes: votes(4) }, '2028-06-08', panel])).toContain(
        "PAR-RESULT-EVAL: the results (final-report-2) become part of the participant's annual evaluation",
      );
    });
  });

  describe('PAR-MAX-18: never longer than 18 months', () => {
    it('PAR-MAX-18: 18 months after assistance starts with the consulting teacher\'s assignment, PAR ends whatever stage it is in', () => {
      const state = assisted();
      expect(pendingDeadlines(state)['max-duration']).toEqual({ rule: 'PAR-MAX-18', trigger: '2027-05-27', unit: 'month', count: 18, label: 'PAR ends: never longer than 18 months', occurrence: 'max-duration' });
      const capped = run(state, [[{ type: 'deadline-passed', deadline: 'max-duration' }, '2028-11-28', system]]);
      expect(capped.closed).toEqual({ reason: 'time-limit', on: '2028-11-27', rule: 'PAR-MAX-18' });
    });

    it('PAR-MAX-18: a case opened before that reading counts the 18 months from its first day of assistance, as it did', () => {
      expect(pendingDeadlines(assisted(LEGACY_PAR_POLICY))['max-duration']).toMatchObject({ trigger: '2027-08-18', count: 18 });
    });

    it.each([
      ['satisfactory-evaluation', 'satisfactory-evaluation', 'PAR-MAX-18'],
      ['separated', 'separated', 'PAR-MAX-18'],
      ['referral-withdrawn', 'referral-withdrawn', 'PAR-REF-ELIG'],
    ] as const)('PAR-MAX-18: PAR also ends when HR records %s', (reason, closedReason, rule) => {
      const ended = run(assisted(), [[{ type: 'withdraw', reason }, '2027-10-01', hr]]);
      expect(ended.closed).toEqual({ reason: closedReason, on: '2027-10-01', rule });
      expect(pendingDeadlines(ended)).toEqual({});
    });

    it('PAR-MAX-18: only HR records how a Referred participant leaves; the participant cannot withdraw from a referral', () => {
      const state = assisted();
      expect(transition(state, { type: 'withdraw', reason: 'satisfactory-evaluation' }, ctx(state, '2027-10-01', dana))).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(transition(state, { type: 'withdraw', reason: 'application-withdrawn' }, ctx(state, '2027-10-01', dana))).toMatchObject({ ok: false, kind: 'conflict' });
      expect(transition(state, { type: 'volunteer-notice' }, ctx(state, '2027-10-01', dana))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-VOL-TERM' });
    });
  });
});
