import { describe, expect, it } from 'vitest';
import { computeDeadline, type RunningDeadline } from '../../../src/domain/calendar';
import type { ParCase } from '../../../src/domain/par/par-case';
import { pendingDeadlines } from '../../../src/domain/par/par-deadlines';
import { transition } from '../../../src/domain/par/par-process';
import { calendars, ctKim, ctx, dana, dues, finalReport, GOALS, hr, monthlyLog, panel, referral, run, system, votes } from './par-fixtures';

/**
 * RULES.md PAR-OUTCOME [design]: "full" semesters: the first semester counted is the first one assistance covers
 * from its start; a semester already under way counts only if assistance starts within its first weeks (policy,
 * default 3). Monthly logs and semester reviews run in every semester of assistance, the extension's too.
 * PAR-MAX-18 [design]: the 18 months run from the consulting teacher's assignment. Riverside calendars
 * (par-fixtures.ts): Fall 2026 2026-08-19..2027-01-15, Spring 2027 2027-01-19..2027-06-04, Fall 2027
 * 2027-08-18..2028-01-14, Spring 2028 2028-01-18..2028-06-02, Fall 2028 2028-08-16..2029-01-12.
 */
const present = { participant: true, consultingTeacher: true, evaluator: true };

/** Referred in the spring of 2026 (for the next school year); the consulting teacher assigned on `assignedOn`. */
function assignedOn(assignedOn: string, notice = '2026-11-16'): ParCase {
  return run(referral(undefined, '2026-06-01'), [
    [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, notice, panel],
    [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, notice, dana],
    [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, assignedOn, panel],
  ]);
}

describe('PAR through the whole intervention: full semesters (pure)', () => {
  it('PAR-OUTCOME: assistance starting three months into Fall 2026 does not count it; two full semesters end with Fall 2027', () => {
    const state = assignedOn('2026-11-30');
    expect(state.schedule).toEqual({
      assignedOn: '2026-11-30',
      countsFrom: '2026-11-30',
      startsOn: '2026-11-30',
      semesters: [
        { ordinal: 1, schoolYear: '2026-2027', name: 'Spring 2027', start: '2027-01-19', end: '2027-06-04' },
        { ordinal: 2, schoolYear: '2027-2028', name: 'Fall 2027', start: '2027-08-18', end: '2028-01-14' },
        { ordinal: 3, schoolYear: '2027-2028', name: 'Spring 2028', start: '2028-01-18', end: '2028-06-02' },
      ],
      notCounted: {
        schoolYear: '2026-2027',
        name: 'Fall 2026',
        start: '2026-08-19',
        end: '2027-01-15',
        reason: 'PAR-OUTCOME: assistance started on 2026-11-30, after the first 3 week(s) of Fall 2026 (from 2026-08-19): not a full semester, not counted',
      },
    });
    expect(dues(state)).toEqual({
      // 15 school days after the assignment: winter break 2026-12-21..2027-01-01 skipped.
      'ipg-conference': '2027-01-04',
      // Semester 1 is Spring 2027: reviewed within 10 work days after 2027-06-04 (the staff year runs to 2027-06-11).
      'semester-review': '2027-08-20',
      'final-conference': '2028-01-14',
      'final-report': '2028-01-14',
      // PAR-MAX-18: 18 months from the assignment.
      'max-duration': '2028-05-30',
    });
  });

  it.each([
    ['2027-01-25', 'Spring 2027', undefined],
    // Spring 2027 starts 2027-01-19: its first 3 weeks end on 2027-02-09, which still counts; a day later does not.
    ['2027-02-09', 'Spring 2027', undefined],
    ['2027-02-10', 'Fall 2027', 'Spring 2027'],
  ])('PAR-OUTCOME: assigned on %s, the first semester counted is %s (not counted: %s)', (on, first, notCounted) => {
    const state = assignedOn(on, '2027-01-20');
    expect(state.schedule!.semesters[0]!.name).toBe(first);
    expect(state.schedule!.notCounted?.name).toBe(notCounted);
  });

  it('PAR-MONTHLY: logs run in the semester not counted too: the first is due a month after the goals conference', () => {
    const goals = run(assignedOn('2026-11-30'), [[{ type: 'hold-ipg-conference', present, goals: GOALS }, '2026-12-07', ctKim]]);
    expect(pendingDeadlines(goals)['monthly-log']).toMatchObject({ trigger: '2026-12-07', unit: 'month', count: 1, occurrence: 'monthly-log:2026-12-07' });
    // 2027-01-07 is a school day of Fall 2026 (the winter break ended 2027-01-01).
    expect(dues(goals)['monthly-log']).toBe('2027-01-07');
  });

  it('PAR-MONTHLY: a log due in the spring break is due on the last work day before it, the reason explained', () => {
    const state = run(assignedOn('2027-01-25', '2027-01-20'), [
      [{ type: 'hold-ipg-conference', present, goals: GOALS }, '2027-02-01', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-03-01') }, '2027-03-01', ctKim],
    ]);
    const spec = pendingDeadlines(state)['monthly-log']!;
    expect(spec).toMatchObject({ trigger: '2027-03-01', unit: 'month', count: 1, onNonWorkDay: 'previous-work-day' });
    const due = computeDeadline(calendars, spec) as RunningDeadline;
    // A month after 2027-03-01 is Thursday 2027-04-01, in the spring break (2027-03-29..04-02): Friday 2027-03-26.
    expect(due.due).toBe('2027-03-26');
    expect(due.movedFrom).toEqual({ due: '2027-04-01', reason: expect.stringContaining('Spring break') });
  });

  it('PAR-FINAL-CONF: the final conference and report are refused before the last 20 school days of the last semester (409), accepted in them', () => {
    const state = run(assignedOn('2027-01-25', '2027-01-20'), [[{ type: 'hold-ipg-conference', present, goals: GOALS }, '2027-02-01', ctKim]]);
    const early = { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true } as const;
    // Fall 2027 ends 2028-01-14; its last 20 school days start on Monday 2027-12-06 (winter break 12-20..12-31 skipped).
    expect(transition(state, early, ctx(state, '2027-12-03', ctKim))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-FINAL-CONF',
      message: 'the final conference and report close semester 2 (Fall 2027, ending 2028-01-14): they are held in its last 20 school days, from 2027-12-06',
    });
    expect(transition(state, { type: 'file-final-report', report: finalReport('2027-03-01') }, ctx(state, '2027-03-02', ctKim))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-FINAL-CONF' });
    expect(transition(state, early, ctx(state, '2027-12-06', ctKim))).toMatchObject({ ok: true });
  });

  it('PAR-MONTHLY / PAR-SEMESTER / PAR-FINAL-CONF / PAR-OUTCOME / PAR-MAX-18: two full semesters, extended to a third with its own logs and review, then the outcome after three', () => {
    const first = run(assignedOn('2027-01-25', '2027-01-20'), [
      [{ type: 'hold-ipg-conference', present, goals: GOALS }, '2027-02-01', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-03-01') }, '2027-03-01', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-03-25') }, '2027-03-25', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-04-22') }, '2027-04-22', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-05-20') }, '2027-05-20', ctKim],
      [{ type: 'review-semester', ordinal: 1 }, '2027-06-07', panel],
    ]);
    // The next log would fall after Spring 2027 ends: due on its last day. PAR-MAX-18 from the assignment
    // (2027-01-25): three semesters fit before 2028-07-25.
    expect(dues(first)).toEqual({ 'monthly-log': '2027-06-04', 'semester-review': '2028-01-31', 'final-conference': '2028-01-14', 'final-report': '2028-01-14', 'max-duration': '2028-07-25' });

    const reported = run(first, [
      [{ type: 'file-monthly-log', log: monthlyLog('2027-09-16') }, '2027-09-16', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-10-14') }, '2027-10-14', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2027-11-12') }, '2027-11-12', ctKim],
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2027-12-06', ctKim],
      [{ type: 'file-final-report', report: finalReport('2027-12-07') }, '2027-12-07', ctKim],
    ]);
    // Awaiting the outcome, the second semester's review still runs (the outcome vote will be it).
    expect(dues(reported)).toMatchObject({ 'semester-review': '2028-01-31', 'final-response': '2027-12-14' });

    const extended = run(reported, [
      [{ type: 'sign-report', reportId: 'final-report-2' }, '2027-12-08', dana],
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2027-12-15', system],
      [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2027-12-16', panel],
    ]);
    expect(extended).toMatchObject({ status: 'in-assistance', plannedSemesters: 3 });
    // Semester 1 ended, semester 2 closed by its final report: two semesters.
    expect(extended.outcomes[0]).toMatchObject({ outcome: 'extend-one-semester', afterSemesters: 2, forAnnualEvaluation: { semesters: 2 } });
    expect(extended.reviews).toEqual([
      { ordinal: 1, reviewedOn: '2027-06-07', via: 'review' },
      { ordinal: 2, reviewedOn: '2027-12-16', via: 'outcome' },
    ]);
    // The rest of Fall 2027 and then Spring 2028 run monthly logs; Spring 2028 has its review and its final steps.
    expect(dues(extended)).toEqual({
      'monthly-log': '2028-01-14',
      // 10 work days after 2028-06-02: five to the staff year's end (06-09), five from its next start (2028-08-14).
      'semester-review': '2028-08-18',
      'final-conference': '2028-06-02',
      'final-report': '2028-06-02',
      'max-duration': '2028-07-25',
    });
    const third = run(extended, [[{ type: 'file-monthly-log', log: monthlyLog('2028-01-14') }, '2028-01-14', ctKim]]);
    expect(dues(third)['monthly-log']).toBe('2028-02-18');
    // Spring 2028's last 20 school days start on Friday 2028-05-05 (Memorial Day 05-29 skipped).
    expect(transition(third, { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, ctx(third, '2028-05-04', ctKim))).toMatchObject({ ok: false, rule: 'PAR-FINAL-CONF' });

    const reasons = ['Goal 2 unmet in 9 of 11 observations'];
    const decided = run(third, [
      [{ type: 'file-monthly-log', log: monthlyLog('2028-02-16') }, '2028-02-16', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2028-03-15') }, '2028-03-15', ctKim],
      [{ type: 'file-monthly-log', log: monthlyLog('2028-04-13') }, '2028-04-13', ctKim],
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-05', ctKim],
      [{ type: 'file-final-report', report: finalReport('2028-05-10') }, '2028-05-10', ctKim],
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2028-05-18', system],
      [{ type: 'panel-vote', motion: { kind: 'insufficient-progress', documentedReasons: reasons }, votes: votes(4) }, '2028-06-05', panel],
    ]);
    expect(decided.outcomes[1]).toMatchObject({ outcome: 'insufficient-progress', afterSemesters: 3, forAnnualEvaluation: { finalReportId: 'final-report-3', semesters: 3 } });
    expect(decided.reviews.at(-1)).toEqual({ ordinal: 3, reviewedOn: '2028-06-05', via: 'outcome' });
    expect(decided.status).toBe('awaiting-district-decision');
    const closed = run(decided, [[{ type: 'record-district-decision', decision: 'notice-of-unsatisfactory-performance' }, '2028-06-07', hr]]);
    expect(closed.closed).toEqual({ reason: 'district-decision', on: '2028-06-07', rule: 'PAR-OUTCOME' });
  });
});
