import { describe, expect, it } from 'vitest';
import { DistrictCalendars, computeDeadline } from '../../../src/domain/calendar';
import { pendingDeadlines } from '../../../src/domain/par/par-deadlines';
import { PAR_ACTIONS, transition } from '../../../src/domain/par/par-process';
import { refreshSchedule } from '../../../src/domain/par/par-schedule';
import {
  assisted,
  calendars,
  ctKim,
  ctOrtiz,
  ctx,
  dana,
  dues,
  evaluator,
  hr,
  monthlyLog,
  notesOf,
  panel,
  referral,
  rep,
  riverside2026,
  riverside2027,
  riverside2028,
  run,
  system,
} from './par-fixtures';

describe('PAR intervention: reassignment, reports, representation, the panel (pure)', () => {
  describe('PAR-REASSIGN: the panel may reassign the consulting teacher or add help; timelines stay exactly as they were', () => {
    const logged = () => run(assisted(), [[{ type: 'file-monthly-log', log: monthlyLog('2027-10-04') }, '2027-10-04', ctKim]]);

    it('PAR-REASSIGN: a reassignment leaves every pending deadline and due date unchanged', () => {
      const before = logged();
      const after = run(before, [[{ type: 'reassign-consulting-teacher', consultingTeacher: 'ct-ortiz', cause: 'conflict', reason: 'personality conflict reported by the participant' }, '2027-10-20', panel]]);
      expect(pendingDeadlines(after)).toEqual(pendingDeadlines(before));
      expect(dues(after)).toEqual({ 'monthly-log': '2027-11-04', 'semester-review': '2028-01-31', 'final-conference': '2028-06-02', 'final-report': '2028-06-02', 'max-duration': '2028-11-27' });
      expect(dues(after)).toEqual(dues(before));
      expect(after.schedule).toBe(before.schedule);
      expect(after.assignments.map((a) => [a.consultingTeacher, a.how])).toEqual([
        ['ct-kim', 'requested'],
        ['ct-ortiz', 'reassigned'],
      ]);
    });

    it('PAR-REASSIGN: the new consulting teacher files the reports; the former one no longer can', () => {
      const after = run(logged(), [[{ type: 'reassign-consulting-teacher', consultingTeacher: 'ct-ortiz', cause: 'participant-request', reason: 'asked for a secondary specialist' }, '2027-10-20', panel]]);
      const log = { type: 'file-monthly-log', log: monthlyLog('2027-11-01') } as const;
      expect(transition(after, log, ctx(after, '2027-11-01', ctKim))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'PAR-MONTHLY' });
      expect(run(after, [[log, '2027-11-01', ctOrtiz]]).reports.map((r) => [r.id, r.by])).toEqual([
        ['monthly-log-1', 'ct-kim'],
        ['monthly-log-2', 'ct-ortiz'],
      ]);
    });

    it('PAR-REASSIGN: a second opinion or a subject-area specialist adds help without moving any deadline', () => {
      const before = logged();
      const after = run(before, [[{ type: 'add-assistant', person: 'spec-math', role: 'subject-area-specialist' }, '2027-10-20', panel]]);
      expect(after.assistants).toEqual([{ person: 'spec-math', role: 'subject-area-specialist', on: '2027-10-20' }]);
      expect(dues(after)).toEqual(dues(before));
    });

    it.each([
      ['the same consulting teacher', { consultingTeacher: 'ct-kim', reason: 'x' }, 'conflict'],
      ['no reason', { consultingTeacher: 'ct-ortiz', reason: ' ' }, 'rule'],
    ] as const)('PAR-REASSIGN: a reassignment to %s is refused', (_name, change, kind) => {
      const state = logged();
      expect(transition(state, { type: 'reassign-consulting-teacher', cause: 'panel', ...change }, ctx(state, '2027-10-20', panel))).toMatchObject({ ok: false, kind, rule: 'PAR-REASSIGN' });
    });

    it('PAR-REASSIGN / PAR-SEMESTER: a calendar amendment, not a reassignment, is what moves a semester date (CAL-2)', () => {
      const state = assisted();
      // The district moves the end of Fall 2027 a week later (snow days made up).
      const moved = { ...riverside2027, version: 2, semesters: [{ ...riverside2027.semesters[0]!, end: '2028-01-21' }, riverside2027.semesters[1]!] };
      const refreshed = refreshSchedule(state, new DistrictCalendars('riverside', [riverside2026, moved, riverside2028]));
      expect(refreshed.schedule?.semesters[0]?.end).toBe('2028-01-21');
      expect(refreshed.schedule?.startsOn).toBe('2027-08-18');
      const spec = pendingDeadlines(refreshed)['semester-review']!;
      expect(computeDeadline(calendars, spec)).toMatchObject({ due: '2028-02-04' });
      // An amendment that does not touch semesters changes nothing in the schedule.
      const unchanged = refreshSchedule(state, new DistrictCalendars('riverside', [riverside2026, { ...riverside2027, version: 2, events: [...riverside2027.events, { kind: 'closure', name: 'Snow day', start: '2027-12-01' }] }, riverside2028]));
      expect(unchanged.schedule).toEqual(state.schedule);
    });
  });

  describe('PAR-SIGN: the participant signs every report for receipt and may respond in writing', () => {
    const logged = () => run(assisted(), [[{ type: 'file-monthly-log', log: monthlyLog('2027-09-20') }, '2027-09-20', ctKim]]);

    it('PAR-SIGN: filing a report sends a copy to sign; signing records receipt, not agreement', () => {
      expect(notesOf(assisted(), [{ type: 'file-monthly-log', log: monthlyLog('2027-09-20') }, '2027-09-20', ctKim])).toContain('PAR-SIGN: a copy goes to the participant to sign for receipt');
      const step = [{ type: 'sign-report', reportId: 'monthly-log-1' }, '2027-09-22', dana] as const;
      expect(notesOf(logged(), step)).toEqual(['PAR-SIGN: monthly-log-1 signed for receipt (signing is not agreement)']);
      const signed = run(logged(), [step]);
      expect(signed.reports[0]?.signedOn).toBe('2027-09-22');
      expect(transition(signed, step[0], ctx(signed, '2027-09-23', dana))).toMatchObject({ ok: false, kind: 'conflict', message: 'monthly-log-1 was already signed on 2027-09-22' });
    });

    it.each([
      ['the consulting teacher', ctKim],
      ['the representative', rep],
      ['the evaluator', evaluator],
    ] as const)('PAR-SIGN: %s cannot sign for the participant', (_name, by) => {
      const state = run(logged(), [[{ type: 'appoint-representative', representative: { id: 'rep-lee', name: 'Pat Lee' } }, '2027-09-21', dana]]);
      expect(transition(state, { type: 'sign-report', reportId: 'monthly-log-1' }, ctx(state, '2027-09-22', by))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'PAR-SIGN' });
    });

    it('PAR-SIGN: written responses attach to the report; an empty one or an unknown report is refused', () => {
      const state = logged();
      const responded = run(state, [
        [{ type: 'respond-to-report', reportId: 'monthly-log-1', text: 'The observation of 9/20 was during a fire drill.' }, '2027-09-23', dana],
        [{ type: 'respond-to-report', reportId: 'monthly-log-1', text: 'Addendum.' }, '2027-09-24', dana],
      ]);
      expect(responded.reports[0]?.responses).toEqual([
        { on: '2027-09-23', by: 'dana', text: 'The observation of 9/20 was during a fire drill.' },
        { on: '2027-09-24', by: 'dana', text: 'Addendum.' },
      ]);
      expect(transition(state, { type: 'respond-to-report', reportId: 'monthly-log-1', text: '  ' }, ctx(state, '2027-09-23', dana))).toMatchObject({ ok: false, kind: 'rule' });
      expect(transition(state, { type: 'respond-to-report', reportId: 'nope', text: 'x' }, ctx(state, '2027-09-23', dana))).toMatchObject({ ok: false, kind: 'conflict' });
    });

    it('PAR-SIGN: the participant may ask to meet the panel at any stage; the panel records the meeting', () => {
      const asked = run(referral(), [[{ type: 'request-panel-meeting', reason: 'about the consulting-teacher list' }, '2027-05-13', dana]]);
      expect(asked.panelMeetings).toEqual([{ requestedOn: '2027-05-13', requestedBy: 'dana', reason: 'about the consulting-teacher list' }]);
      const met = run(asked, [[{ type: 'panel-meeting-held', on: '2027-05-14' }, '2027-05-17', panel]]);
      expect(met.panelMeetings[0]?.heldOn).toBe('2027-05-14');
      expect(transition(met, { type: 'panel-meeting-held' }, ctx(met, '2027-05-18', panel))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-SIGN' });
    });
  });

  describe('PAR-REP: a Referred participant may be represented throughout', () => {
    it('PAR-REP: the representative is named at any stage and acts for the participant: requests, responses, meetings', () => {
      const state = run(referral(), [
        [{ type: 'appoint-representative', representative: { id: 'rep-lee', name: 'Pat Lee', email: 'pat@union.example' } }, '2027-05-11', dana],
        [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel],
        [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-13', rep],
        [{ type: 'request-panel-meeting' }, '2027-05-13', rep],
      ]);
      expect(state.representative).toEqual({ id: 'rep-lee', name: 'Pat Lee', email: 'pat@union.example', appointedOn: '2027-05-11' });
      expect(state.request).toEqual({ on: '2027-05-13', preferences: ['ct-kim'], by: 'rep-lee' });
      expect(state.panelMeetings[0]?.requestedBy).toBe('rep-lee');
    });

    it('PAR-REP: HR records the representative named on the referral; removing one that is not there is refused', () => {
      const state = run(referral(), [[{ type: 'appoint-representative', representative: { name: 'Pat Lee' } }, '2027-05-11', hr]]);
      expect(state.representative?.name).toBe('Pat Lee');
      const removed = run(state, [[{ type: 'remove-representative' }, '2027-06-01', dana]]);
      expect(removed.representative).toBeUndefined();
      expect(transition(removed, { type: 'remove-representative' }, ctx(removed, '2027-06-02', dana))).toMatchObject({ ok: false, kind: 'conflict', rule: 'PAR-REP' });
      expect(transition(state, { type: 'appoint-representative', representative: { name: 'X' } }, ctx(state, '2027-06-02', panel))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'PAR-REP' });
    });
  });

  it('PAR-PANEL-CONF: only the panel records its deliberations', () => {
    const state = assisted();
    const noted = run(state, [[{ type: 'record-deliberation', text: 'Progress on goal 1 is slow.' }, '2027-10-01', panel]]);
    expect(noted.deliberations).toEqual([{ on: '2027-10-01', by: 'panel-chair', text: 'Progress on goal 1 is slow.' }]);
    expect(transition(state, { type: 'record-deliberation', text: 'x' }, ctx(state, '2027-10-01', hr))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'PAR-PANEL-CONF' });
    expect(transition(state, { type: 'record-deliberation', text: ' ' }, ctx(state, '2027-10-01', panel))).toMatchObject({ ok: false, kind: 'rule', rule: 'PAR-PANEL-CONF' });
  });

  it('a closed case refuses every action, naming the rule that closed it; a deadline that is not running cannot pass', () => {
    const closed = run(assisted(), [[{ type: 'withdraw', reason: 'separated' }, '2027-10-01', hr]]);
    expect(transition(closed, { type: 'record-deliberation', text: 'x' }, ctx(closed, '2027-10-02', panel))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-MAX-18',
      message: 'the case is closed (separated): no further action is possible',
    });
    const state = assisted();
    expect(transition(state, { type: 'deadline-passed', deadline: 'acceptance-notice' }, ctx(state, '2027-10-02', system))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-ACCEPT-NOTICE',
      message: 'no acceptance-notice deadline is running',
    });
  });

  it('every action names the rule it falls under and who may take it', () => {
    for (const [action, { rule, by }] of Object.entries(PAR_ACTIONS)) {
      expect(rule, action).toMatch(/^PAR-[A-Z0-9-]+$/);
      expect(by.length, action).toBeGreaterThan(0);
    }
  });
});
