import { describe, expect, it } from 'vitest';
import { DistrictCalendars } from '../../../src/domain/calendar';
import type { ParCase, ParDeadlineKey } from '../../../src/domain/par/par-case';
import { DEFAULT_PAR_POLICY, type ParPolicy } from '../../../src/domain/par/par-policy';
import { transition } from '../../../src/domain/par/par-process';
import {
  GOALS,
  application,
  assisted,
  ctKim,
  ctOrtiz,
  ctx,
  dana,
  finalReport,
  finalReported,
  hr,
  monthlyLog,
  notesOf,
  panel,
  referral,
  rep,
  riverside2027,
  run,
  system,
  twoYears,
  volunteering,
  votes,
  type Step,
} from './par-fixtures';

/**
 * What each step announces (the notes the workflow turns into notices and timeline entries) and what it records,
 * text trimmed, written out from RULES.md on the Riverside calendars. A note names the rule it applies.
 */

const present = { participant: true, consultingTeacher: true, evaluator: true };
const noticed = () => run(referral(), [[{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'] }, '2027-05-12', panel]]);
const requested = () => run(noticed(), [[{ type: 'request-consulting-teacher', preferences: ['ct-kim', 'ct-ortiz'] }, '2027-05-20', dana]]);
const assigned = () => run(requested(), [[{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-27', panel]]);
const logged = () => run(assisted(), [[{ type: 'file-monthly-log', log: monthlyLog('2027-09-20') }, '2027-09-20', ctKim]]);
const filed = () => finalReported();
const termVariant: ParPolicy = { ...DEFAULT_PAR_POLICY, volunteerTerm: { minimumMonths: 3, maximumMonths: 12 } };

describe('PAR: what each step announces and records', () => {
  it.each([
    ['the acceptance notice', referral, [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'] }, '2027-05-12', panel], [
      'PAR-ACCEPT-NOTICE: acceptance notice sent by registered mail on 2027-05-12 with 2 consulting teacher(s)',
      'PAR-CT-SELECT-10: the participant has 10 work days to request a consulting teacher from the list',
    ]],
    ['the request', noticed, [{ type: 'request-consulting-teacher', preferences: [' ct-kim', 'ct-ortiz '] }, '2027-05-20', dana], ['PAR-CT-SELECT-10: the participant requests ct-kim, then ct-ortiz; the panel approves the choice']],
    ['the approval of the first choice', requested, [{ type: 'assign-consulting-teacher', consultingTeacher: ' ct-kim ' }, '2027-05-27', panel], ['PAR-CT-SELECT-10: ct-kim approved as requested', 'assistance starts on 2027-08-18']],
    ['a Volunteer\'s assignment (no semesters to wait for)', () => run(application(), [
      [{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(3) }, '2027-01-12', panel, { programHasPlace: true }],
      [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-ortiz'] }, '2027-01-13', panel],
      [{ type: 'request-consulting-teacher', preferences: ['ct-ortiz'] }, '2027-01-15', dana],
    ]), [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, '2027-01-20', panel], ['PAR-CT-SELECT-10: ct-ortiz approved as requested', 'assistance starts on 2027-01-20']],
    ['the goals conference', assigned, [{ type: 'hold-ipg-conference', present, goals: GOALS }, '2027-08-25', ctKim], ['PAR-IPG: 2 goal(s) set on 2027-08-25']],
    ['a revision of the goals', assisted, [{ type: 'revise-goals', present, goals: ['One goal'], on: '2027-09-20' }, '2027-09-21', ctKim], ['PAR-IPG: goals changed on 2027-09-20 in a meeting of all three']],
    ['a monthly log', assisted, [{ type: 'file-monthly-log', log: monthlyLog('2027-09-20') }, '2027-09-20', ctKim], ['PAR-MONTHLY: monthly-log-1 filed with the panel', 'PAR-SIGN: a copy goes to the participant to sign for receipt']],
    ['a response', logged, [{ type: 'respond-to-report', reportId: 'monthly-log-1', text: 'x' }, '2027-09-21', dana], ['PAR-SIGN: written response to monthly-log-1 attached']],
    ['a reassignment', assisted, [{ type: 'reassign-consulting-teacher', consultingTeacher: 'ct-ortiz', cause: 'conflict', reason: 'x' }, '2027-10-01', panel], ['PAR-REASSIGN: ct-ortiz reassigned (conflict); reporting timelines unchanged']],
    ['added help', assisted, [{ type: 'add-assistant', person: ' spec-math ', role: 'subject-area-specialist' }, '2027-10-01', panel], ['PAR-REASSIGN: spec-math added as subject-area-specialist; reporting timelines unchanged']],
    ['a semester review', assisted, [{ type: 'review-semester', ordinal: 1 }, '2028-01-20', panel], ['PAR-SEMESTER: the panel reviewed the progress of semester 1']],
    ['the final conference', assisted, [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim], ['PAR-FINAL-CONF: final conference held on 2028-05-25']],
    ['the final report', () => run(assisted(), [[{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim]]), [{ type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ctKim], [
      'PAR-FINAL-CONF: final-report-2 filed with the panel; the participant may respond and appear before the panel',
      'PAR-SIGN: a copy goes to the participant to sign for receipt',
    ]],
    ['a meeting asked for', referral, [{ type: 'request-panel-meeting' }, '2027-05-13', dana], ['PAR-SIGN: the participant asks to meet the panel (PAR-FINAL-CONF: to appear before it)']],
    ['a meeting held', () => run(referral(), [[{ type: 'request-panel-meeting' }, '2027-05-13', dana]]), [{ type: 'panel-meeting-held' }, '2027-05-14', panel], ['PAR-SIGN: the participant met the panel on 2027-05-14']],
    ['a representative named', referral, [{ type: 'appoint-representative', representative: { name: ' Pat Lee ' } }, '2027-05-11', dana], ['PAR-REP: Pat Lee represents the participant']],
    ['a representative removed', () => run(referral(), [[{ type: 'appoint-representative', representative: { name: 'Pat Lee' } }, '2027-05-11', dana]]), [{ type: 'remove-representative' }, '2027-05-12', hr], ['PAR-REP: Pat Lee no longer represents the participant']],
    ['a deliberation', referral, [{ type: 'record-deliberation', text: 'x' }, '2027-05-11', panel], ['PAR-PANEL-CONF: deliberation recorded (closed: the panel alone sees it)']],
    ['a separation', assisted, [{ type: 'withdraw', reason: 'separated' }, '2027-10-01', hr], ['the participant separated from the district: PAR ends']],
    ['a withdrawn referral', referral, [{ type: 'withdraw', reason: 'referral-withdrawn' }, '2027-05-11', hr], ['PAR-REF-ELIG: the referral was withdrawn']],
    ['a satisfactory evaluation', assisted, [{ type: 'withdraw', reason: 'satisfactory-evaluation' }, '2027-10-01', hr], ['PAR-MAX-18: a satisfactory evaluation ends PAR']],
    ['a withdrawn application', application, [{ type: 'withdraw', reason: 'application-withdrawn' }, '2027-01-08', dana], ['PAR-VOL-TERM: the volunteer withdrew the application']],
    ['a freed place', () => run(application(), [[{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(3) }, '2027-01-12', panel, { programHasPlace: false }]]), [{ type: 'place-offered' }, '2027-02-01', system], ['PAR-PRIORITY: a place freed on 2027-02-01: the volunteer is accepted']],
  ] as const)('%s', (_name, make, step, notes) => {
    expect(notesOf(make(), step as Step)).toEqual(notes);
  });

  it('PAR-SEMESTER: a referral assigned when the calendar shows one semester only says the others await it', () => {
    // Assigned 2028-02-01, within the first 3 weeks of Spring 2028; 2028-2029 is not published.
    const late = run(noticed(), [[{ type: 'deadline-passed', deadline: 'consulting-teacher-request' }, '2027-05-27', system]]);
    expect(notesOf(late, [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, '2028-02-01', panel, { calendars: twoYears }])).toEqual([
      'PAR-CT-SELECT-10: ct-ortiz designated by the panel',
      'assistance starts on 2028-02-01',
      'PAR-SEMESTER: some semesters await the publication of the district calendar',
    ]);
  });

  it('PAR-CT-SELECT-10: the panel names the consulting teacher it assigns', () => {
    const state = requested();
    expect(transition(state, { type: 'assign-consulting-teacher', consultingTeacher: '  ' }, ctx(state, '2027-05-27', panel))).toEqual({ ok: false, kind: 'rule', rule: 'PAR-CT-SELECT-10', message: 'name the consulting teacher' });
    expect(transition(assisted(), { type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, ctx(assisted(), '2027-09-01', panel))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-CT-SELECT-10',
      message: 'no consulting teacher is being selected at this stage (in-assistance)',
    });
    // After the window passed without a request, the request is refused even before the timer fired.
    const lapsed = run(noticed(), [[{ type: 'deadline-passed', deadline: 'consulting-teacher-request' }, '2027-05-27', system]]);
    expect(transition(lapsed, { type: 'request-consulting-teacher', preferences: ['ct-kim'] }, ctx(lapsed, '2027-05-27', dana, { dueOf: () => undefined }))).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'PAR-CT-SELECT-10',
      message: 'the 10 work days to request a consulting teacher ended on 2027-05-26: the panel designates one',
    });
    expect(transition(assisted(), { type: 'request-consulting-teacher', preferences: ['ct-kim'] }, ctx(assisted(), '2027-09-01', dana))).toMatchObject({ ok: false, kind: 'conflict', message: 'no consulting teacher is being selected at this stage (in-assistance)' });
  });

  it('what a step records is trimmed: preferences, the consulting teacher, help added, notes, meetings, representatives', () => {
    const state = run(noticed(), [
      [{ type: 'request-consulting-teacher', preferences: [' ct-ortiz '] }, '2027-05-20', dana],
      [{ type: 'assign-consulting-teacher', consultingTeacher: ' ct-ortiz ' }, '2027-05-27', panel],
      [{ type: 'add-assistant', person: ' spec-math ', role: 'second-opinion' }, '2027-05-28', panel],
      [{ type: 'record-deliberation', text: ' Slow start. ' }, '2027-05-28', panel],
      [{ type: 'request-panel-meeting', reason: ' about the goals ' }, '2027-05-28', dana],
      [{ type: 'request-panel-meeting', reason: '  ' }, '2027-05-29', dana],
      [{ type: 'appoint-representative', representative: { id: 'rep-lee', name: ' Pat Lee ' } }, '2027-05-28', dana],
    ]);
    expect(state.request).toEqual({ on: '2027-05-20', preferences: ['ct-ortiz'], by: 'dana' });
    expect(state.assignments).toEqual([{ consultingTeacher: 'ct-ortiz', on: '2027-05-27', by: 'panel-chair', how: 'requested', reason: undefined }]);
    expect(state.assistants).toEqual([{ person: 'spec-math', role: 'second-opinion', on: '2027-05-28' }]);
    expect(state.deliberations).toEqual([{ on: '2027-05-28', by: 'panel-chair', text: 'Slow start.' }]);
    expect(state.panelMeetings).toEqual([
      { requestedOn: '2027-05-28', requestedBy: 'dana', reason: 'about the goals' },
      { requestedOn: '2027-05-29', requestedBy: 'dana', reason: undefined },
    ]);
    expect(state.representative).toEqual({ id: 'rep-lee', name: 'Pat Lee', appointedOn: '2027-05-28' });
    // A designation other than the first choice keeps its reason, trimmed.
    const other = run(requested(), [[{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz', reason: ' same school ' }, '2027-05-27', panel]]);
    expect(other.assignments[0]).toEqual({ consultingTeacher: 'ct-ortiz', on: '2027-05-27', by: 'panel-chair', how: 'requested', reason: 'same school' });
    expect(transition(state, { type: 'appoint-representative', representative: { name: ' ' } }, ctx(state, '2027-05-30', dana))).toEqual({ ok: false, kind: 'rule', rule: 'PAR-REP', message: 'name the association representative' });
  });

  it('PAR-SIGN: the panel records a meeting once held, not ahead; a later meeting is the next one asked for', () => {
    const asked = run(referral(), [
      [{ type: 'request-panel-meeting' }, '2027-05-13', dana],
      [{ type: 'request-panel-meeting' }, '2027-05-14', dana],
    ]);
    expect(transition(asked, { type: 'panel-meeting-held', on: '2027-05-18' }, ctx(asked, '2027-05-17', panel))).toEqual({
      ok: false,
      kind: 'rule',
      rule: 'PAR-SIGN',
      message: '2027-05-18 is in the future: record the meeting once held',
    });
    const first = run(asked, [[{ type: 'panel-meeting-held' }, '2027-05-17', panel]]);
    expect(first.panelMeetings.map((m) => m.heldOn)).toEqual(['2027-05-17', undefined]);
    expect(run(first, [[{ type: 'panel-meeting-held' }, '2027-05-18', panel]]).panelMeetings.map((m) => m.heldOn)).toEqual(['2027-05-17', '2027-05-18']);
  });

  it('PAR-REP / PAR-SIGN: HR removes a representative; the representative responds to a report for the participant', () => {
    const state = run(logged(), [[{ type: 'appoint-representative', representative: { id: 'rep-lee', name: 'Pat Lee' } }, '2027-09-21', dana]]);
    expect(run(state, [[{ type: 'respond-to-report', reportId: 'monthly-log-1', text: 'For Dana: disputed.' }, '2027-09-22', rep]]).reports[0]?.responses).toEqual([
      { on: '2027-09-22', by: 'rep-lee', text: 'For Dana: disputed.' },
    ]);
    expect(run(state, [[{ type: 'remove-representative' }, '2027-09-22', hr]]).representative).toBeUndefined();
    expect(transition(state, { type: 'sign-report', reportId: 'monthly-log-9' }, ctx(state, '2027-09-22', dana))).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-SIGN', message: 'there is no report monthly-log-9' });
  });

  it('PAR-OUTCOME: an outcome motion by someone not on the panel is refused under PAR-OUTCOME, an approval under PAR-VOL-ELIG', () => {
    const state = filed();
    expect(transition(state, { type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, ctx(state, '2028-06-08', hr))).toEqual({
      ok: false,
      kind: 'forbidden',
      rule: 'PAR-OUTCOME',
      message: 'panel-vote is for the panel of the case',
    });
  });

  it('PAR-MONTHLY: logs are numbered among logs only: after the final report and the extension the next log follows the last log', () => {
    const extended = run(filed(), [
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2028-06-07', system],
      [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel],
      [{ type: 'file-monthly-log', log: monthlyLog('2028-09-14') }, '2028-09-14', ctKim],
    ]);
    expect(extended.reports.map((r) => [r.id, r.round])).toEqual([
      ['final-report-2', 2],
      ['monthly-log-1', 3],
    ]);
  });

  it('PAR-MONTHLY: monthly logs wait for assistance and, in a referral, for the goals; the no-records variant is for Volunteers only', () => {
    const goalsFirst = run(referral(), [
      [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel],
      [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-13', dana],
      [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-14', panel],
    ]);
    const log = { type: 'file-monthly-log', log: monthlyLog('2027-08-20') } as const;
    expect(transition(goalsFirst, log, ctx(goalsFirst, '2027-08-20', ctKim))).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-IPG', message: 'the IPG conference sets the goals before the first monthly log' });
    expect(transition(goalsFirst, { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, ctx(goalsFirst, '2028-05-25', ctKim))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-IPG',
      message: 'the IPG conference sets the goals first',
    });
    const reported = filed();
    expect(transition(reported, log, ctx(reported, '2028-05-31', ctKim))).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-MONTHLY', message: 'monthly logs are filed during assistance, not at this stage (awaiting-outcome)' });
    const noRecords: ParPolicy = { ...DEFAULT_PAR_POLICY, volunteerRecords: 'none' };
    expect(run(assisted(noRecords), [[{ type: 'file-monthly-log', log: monthlyLog('2027-09-20') }, '2027-09-20', ctKim]]).reports.map((r) => r.id)).toEqual(['monthly-log-1']);
    // A Volunteer's log lists whatever the two agreed: there are no IPG goals to match.
    expect(run(volunteering(), [[{ type: 'file-monthly-log', log: monthlyLog('2027-02-18', ['Classroom routines']) }, '2027-02-18', ctOrtiz]]).reports[0]?.content.goals).toEqual(['Classroom routines']);
  });

  it('PAR-IPG / PAR-SEMESTER: once the panel reported insufficient progress, assistance is over: no goals, no reviews', () => {
    const decided = run(filed(), [
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2028-06-07', system],
      [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel],
      [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2029-01-05', ctKim],
      [{ type: 'file-final-report', report: finalReport('2029-01-05') }, '2029-01-05', ctKim],
      [{ type: 'deadline-passed', deadline: 'final-response' }, '2029-01-13', system],
      [{ type: 'panel-vote', motion: { kind: 'insufficient-progress', documentedReasons: ['Goal 2 unmet'] }, votes: votes(4) }, '2029-01-15', panel],
    ]);
    expect(decided.status).toBe('awaiting-district-decision');
    expect(transition(decided, { type: 'revise-goals', present, goals: GOALS }, ctx(decided, '2029-01-16', ctKim))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-IPG',
      message: 'goals are set once a consulting teacher is assigned',
    });
    expect(transition(decided, { type: 'review-semester', ordinal: 3 }, ctx(decided, '2029-01-16', panel))).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-SEMESTER', message: 'assistance has not started' });
    expect(transition(decided, { type: 'add-assistant', person: 'spec-math', role: 'second-opinion' }, ctx(decided, '2029-01-16', panel))).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-REASSIGN', message: 'assistance has not started' });
  });
});

describe('PAR: a deadline passing unmet', () => {
  const volunteerNoticed = () => run(volunteering(termVariant), [[{ type: 'volunteer-notice', receivedOn: '2027-02-26' }, '2027-03-01', dana]]);

  it.each([
    ['acceptance-notice', referral, '2027-05-25', 'PAR-ACCEPT-NOTICE: no acceptance notice by 2027-05-24: overdue, the panel is told', { passed: { 'acceptance-notice': '2027-05-24' } }],
    ['consulting-teacher-request', noticed, '2027-05-27', 'PAR-CT-SELECT-10: no request within 10 work days (by 2027-05-26): the panel designates a consulting teacher', { passed: { 'consulting-teacher-request': '2027-05-26' } }],
    ['consulting-teacher-assignment', requested, '2027-06-07', 'PAR-CT-SELECT-10: no consulting teacher assigned by 2027-06-04: overdue, the panel is told', { passed: { 'consulting-teacher-assignment': '2027-06-04' } }],
    ['ipg-conference', assigned, '2027-09-10', 'PAR-IPG: no IPG conference by 2027-09-09: overdue, the panel is told', { passed: { 'ipg-conference': '2027-09-09' } }],
    ['monthly-log', assisted, '2027-09-27', 'PAR-MONTHLY: no monthly log by 2027-09-24: overdue notice to the panel', { passed: {}, monthly: { missed: ['2027-09-24'] } }],
    ['semester-review', assisted, '2028-02-01', 'PAR-SEMESTER: the panel did not review semester 1 by 2028-01-31: overdue', { reviews: [{ ordinal: 1, missedOn: '2028-01-31' }] }],
    ['final-conference', assisted, '2028-06-05', 'PAR-FINAL-CONF: no final conference by 2028-06-02: overdue, the panel is told', { passed: { 'final-conference': '2028-06-02' } }],
    ['final-report', assisted, '2028-06-05', 'PAR-FINAL-CONF: no final report by 2028-06-02: overdue, the panel is told', { passed: { 'final-report': '2028-06-02' } }],
    ['final-response', filed, '2028-06-07', "PAR-FINAL-CONF: the participant's time to respond to the final report ended on 2028-06-06: the panel may report", { passed: { 'final-response': '2028-06-06' } }],
    ['outcome', filed, '2028-08-23', 'PAR-OUTCOME: the panel has not reported by 2028-08-22: overdue', { passed: { outcome: '2028-08-22' } }],
    ['max-duration', assisted, '2028-11-28', 'PAR-MAX-18: 18 months in PAR reached on 2028-11-27: PAR ends', { closed: { reason: 'time-limit', on: '2028-11-27', rule: 'PAR-MAX-18' } }],
    ['volunteer-term', () => volunteering(termVariant), '2028-01-21', 'PAR-VOL-TERM: the maximum term of assistance ended on 2028-01-20', { closed: { reason: 'term-ended', on: '2028-01-20', rule: 'PAR-VOL-TERM' } }],
    ['volunteer-notice', volunteerNoticed, '2027-04-21', "PAR-VOL-TERM: the volunteer's notice takes effect on 2027-04-20: participation ends", { closed: { reason: 'ended-by-notice', on: '2027-04-20', rule: 'PAR-VOL-TERM' } }],
  ] as const)('%s: the panel is told, and the case records it', (key, make, today, note, recorded) => {
    const state: ParCase = make();
    const step = [{ type: 'deadline-passed', deadline: key as ParDeadlineKey }, today, system] as const;
    expect(notesOf(state, step)).toEqual([note]);
    expect(run(state, [step])).toMatchObject(recorded);
  });

  it('a deadline whose due date the caller cannot give is recorded on the day it is reported', () => {
    const state = referral();
    const result = transition(state, { type: 'deadline-passed', deadline: 'acceptance-notice' }, ctx(state, '2027-05-25', system, { dueOf: () => undefined }));
    expect(result).toMatchObject({ ok: true, state: { passed: { 'acceptance-notice': '2027-05-25' } } });
  });
});

describe('PAR-FINAL-CONF: the final window on a calendar too short to count it', () => {
  it('PAR-FINAL-CONF [design]: a school year with fewer school days than the window opens it on the last semester\'s first day', () => {
    // A district whose 2027-2028 calendar (the only one loaded) has two semesters of two weeks each.
    const tiny = new DistrictCalendars('riverside', [
      {
        ...riverside2027,
        lastInstructionalDay: '2027-09-10',
        staffYear: { firstDay: '2027-08-16', lastDay: '2027-09-17' },
        semesters: [
          { name: 'Short fall', start: '2027-08-18', end: '2027-08-27' },
          { name: 'Short spring', start: '2027-08-30', end: '2027-09-10' },
        ],
        events: [],
      },
    ]);
    const state = run(requested(), [
      [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-27', panel, { calendars: tiny }],
      [{ type: 'hold-ipg-conference', present, goals: GOALS }, '2027-08-19', ctKim],
    ]);
    expect(state.schedule?.semesters.map((s) => s.name)).toEqual(['Short fall', 'Short spring']);
    const conference = { type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true } as const;
    expect(transition(state, conference, ctx(state, '2027-08-27', ctKim, { calendars: tiny }))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-FINAL-CONF',
      message: 'the final conference and report close semester 2 (Short spring, ending 2027-09-10): they are held in its last 20 school days, from 2027-08-30',
    });
    expect(transition(state, conference, ctx(state, '2027-08-30', ctKim, { calendars: tiny }))).toMatchObject({ ok: true });
  });
});
