import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { computeDeadline, shiftDate, type RunningDeadline } from '../../../src/domain/calendar';
import type { KernelContext } from '../../../src/domain/case/case-family';
import type { ParCase, ParEvent } from '../../../src/domain/par/par-case';
import { pendingDeadlines } from '../../../src/domain/par/par-deadlines';
import { parFamily } from '../../../src/domain/par/par-family';
import { PAR_REMINDER_POLICY } from '../../../src/domain/par/par-notices';
import { application, assisted, auditor, calendars, ctKim, dana, hr, panel, principal, referral, run, system, votes } from './par-fixtures';

/**
 * PAR on the case kernel (par-family.ts): what the kernel asks of the family, on the Riverside calendars. Expected
 * values are written out; fixtures are built inside the tests (stryker-js#6144).
 */

const WORKFLOW = 'par:riverside:PAR-2027-001';

/** The referral of 2027-05-10, the participant with an address. */
const referred = (): ParCase => ({ ...referral(), participant: { id: 'dana', name: 'Dana Reyes', email: 'dana@riverside.example' } });
const noticed = () => run(referred(), [[{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel]]);

/** The case clock of a case: its pending deadlines counted on the Riverside calendars. */
const clockOf = (state: ParCase) =>
  Object.values(pendingDeadlines(state)).map(({ label, occurrence, ...spec }) => ({ key: occurrence, label, spec, status: 'pending' as const, current: computeDeadline(calendars, spec), changes: [] }));

const factsOf = (state: ParCase, today: string) => ({
  state,
  profile: { schoolYear: '2026-2027', contacts: { panel: { name: 'PAR panel', email: 'panel@riverside.example' }, hr: { name: 'HR office', email: 'hr@riverside.example' } }, openedBy: hr },
  workflowId: WORKFLOW,
  today,
  deadlines: clockOf(state),
});

const kernel = (actor: Actor, today: string, dueOfKey: KernelContext['dueOfKey'] = () => undefined): KernelContext => ({
  today,
  actor,
  calendars,
  shift: (date, unit, count) => shiftDate(calendars, date, unit, count),
  dueOfKey,
  parties: 'checked',
});

describe('PAR on the case kernel (par-family.ts)', () => {
  it.each([
    ['a referral', referred, hr, 'referred', 'PAR-REF-ELIG: referred on the final evaluation', 'awaiting-acceptance-notice'],
    ['an application', application, dana, 'applied', 'PAR-VOL-ELIG: applied as a Volunteer; the panel votes on it', 'awaiting-panel-vote'],
  ] as const)('PAR-REF-ELIG / PAR-VOL-ELIG: the opening entry of %s says how the case came', (_name, open, by, action, note, status) => {
    expect(parFamily.caseType).toBe('par');
    expect(parFamily.opening(open(), factsOf(open(), '2027-05-10').profile, by, '2027-05-10T16:00:00.000Z')).toEqual({ action, actor: by, at: '2027-05-10T16:00:00.000Z', notes: [note], stage: { status, level: 0 } });
  });

  it('PAR-CT-SELECT-10: the kernel\'s transition reads a deadline\'s due date from the clock by its key', () => {
    const dueOfKey = (key: string) => (key === 'consulting-teacher-request' ? '2027-05-26' : undefined);
    expect(parFamily.transition(noticed(), { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, kernel(panel, '2027-05-13', dueOfKey))).toEqual({
      ok: false,
      kind: 'conflict',
      rule: 'PAR-CT-SELECT-10',
      message: 'the participant may request a consulting teacher until 2027-05-26: the panel designates one only after',
    });
    // The request deadline past by the clock (not yet fired): the panel may designate.
    expect(parFamily.transition(noticed(), { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, kernel(panel, '2027-05-27', dueOfKey))).toMatchObject({ ok: true, state: { status: 'in-assistance' } });
  });

  it('PAR-VOL-ELIG / PAR-PRIORITY: through the kernel an approved volunteer waits for a place, which the roster offers', () => {
    expect(parFamily.transition(application(), { type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(3) }, kernel(panel, '2027-01-12'))).toMatchObject({ ok: true, state: { status: 'waiting-for-place' } });
  });

  it('a passed deadline is the deadline-passed event; the log names the step, never what was written', () => {
    expect(parFamily.deadlinePassed('final-response')).toEqual({ type: 'deadline-passed', deadline: 'final-response' });
    expect(parFamily.passedDeadlineOf({ type: 'deadline-passed', deadline: 'outcome' })).toBe('outcome');
    expect(parFamily.passedDeadlineOf({ type: 'place-offered' })).toBeUndefined();
    expect(parFamily.systemEvents).toEqual(['deadline-passed', 'place-offered']);
    expect(parFamily.logEntry({ type: 'deadline-passed', deadline: 'monthly-log' })).toEqual({ action: 'monthly-log-deadline-passed' });
    expect(parFamily.logEntry({ type: 'record-deliberation', text: 'SECRET' })).toEqual({ action: 'record-deliberation' });
  });

  it('PAR-OUTCOME: stage, status and closing follow the case; a closed case shows why it closed', () => {
    expect(parFamily.stage(noticed())).toEqual({ status: 'selecting-consulting-teacher', level: 0 });
    expect(parFamily.status(noticed())).toEqual({ status: 'selecting-consulting-teacher' });
    expect(parFamily.isClosed(noticed())).toBe(false);
    const closed = run(application(), [[{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(1) }, '2027-01-12', panel]]);
    expect(parFamily.status(closed)).toEqual({ status: 'not-approved' });
    expect(parFamily.stage(closed)).toEqual({ status: 'closed', level: 0 });
    expect(parFamily.isClosed(closed)).toBe(true);
  });

  it('PAR-ACCEPT-NOTICE / PAR-MONTHLY: the deadlines the kernel runs, each month\'s log under its own clock key', () => {
    expect(parFamily.pendingDeadlines(referred())).toEqual([
      { key: 'acceptance-notice', label: 'acceptance notice by registered mail, with the list of available consulting teachers', spec: { rule: 'PAR-ACCEPT-NOTICE', trigger: '2027-05-10', unit: 'week', count: 2 } },
    ]);
    expect(parFamily.pendingDeadlines(assisted()).map((d) => d.key)).toEqual(['monthly-log:2027-08-25', 'semester-review:1', 'final-conference:2', 'final-report:2', 'max-duration']);
    expect(parFamily.clockKeyOf(assisted(), 'monthly-log')).toBe('monthly-log:2027-08-25');
    expect(parFamily.clockKeyOf(referred(), 'monthly-log')).toBeUndefined();
    expect(parFamily.deadlineOfKey('monthly-log:2027-09-20')).toBe('monthly-log');
    expect(parFamily.deadlineOfKey('max-duration')).toBe('max-duration');
    expect(parFamily.restartsSettled).toBe(false);
  });

  it.each([
    [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, 'acceptance-notice', true],
    [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, 'consulting-teacher-request', true],
    [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, 'consulting-teacher-assignment', true],
    [{ type: 'hold-ipg-conference', present: { participant: true, consultingTeacher: true, evaluator: true }, goals: ['g'] }, 'ipg-conference', true],
    [{ type: 'file-monthly-log', log: {} }, 'monthly-log:2027-09-20', true],
    [{ type: 'review-semester', ordinal: 1 }, 'semester-review:1', true],
    [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, 'final-conference:2', true],
    [{ type: 'file-final-report', report: {} }, 'final-report:2', true],
    [{ type: 'respond-to-report', reportId: 'final-report-2', text: 'x' }, 'final-response', true],
    [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: [] }, 'outcome', true],
    // PAR-SEMESTER: the outcome vote is also the review of the plan's last semester.
    [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: [] }, 'semester-review:2', true],
    [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: [] }, 'final-response', false],
    [{ type: 'file-monthly-log', log: {} }, 'final-report:2', false],
    [{ type: 'record-deliberation', text: 'x' }, 'outcome', false],
    [{ type: 'deadline-passed', deadline: 'monthly-log' }, 'monthly-log:2027-09-20', false],
    [{ type: 'place-offered' }, 'acceptance-notice', false],
  ] as const)('PAR deadlines: %o meets %s: %s', (event, key, meets) => {
    expect(parFamily.meets(event as unknown as ParEvent, key, assisted())).toBe(meets);
  });

  it('CAL-2 / PAR-SEMESTER: the calendars it needs (around the opening and today, once each), re-read when one changes', () => {
    expect(parFamily.calendarYears(referred(), '2028-09-01')).toEqual(['2025-2026', '2026-2027', '2027-2028', '2028-2029', '2029-2030']);
    expect(parFamily.calendarYears(referred(), '2027-05-11')).toEqual(['2025-2026', '2026-2027', '2027-2028']);
    const state = assisted();
    expect(parFamily.onCalendar!(state, calendars)).toEqual(state);
    expect(parFamily.onCalendar!(referred(), calendars)).toEqual(referred());
  });

  it('PAR-REF-ELIG: the receipt goes out at the opening, naming the next deadline from the clock', () => {
    const notices = parFamily.openingNotices(factsOf(referred(), '2027-05-10'), hr);
    expect(notices.map((n) => n.deliveryId)).toEqual(['par:riverside:PAR-2027-001:receipt']);
    expect(notices[0]?.facts).toMatchObject({
      openedBy: 'Human Resources',
      nextDeadline: 'acceptance notice by registered mail, with the list of available consulting teachers: Monday, May 24, 2027, until 11:59 p.m. (America/Los_Angeles time) (PAR-ACCEPT-NOTICE)',
    });
  });

  it('PAR-ACCEPT-NOTICE: a missed deadline is announced with the rule of its kind', () => {
    const before = referred();
    const after = run(before, [[{ type: 'deadline-passed', deadline: 'acceptance-notice' }, '2027-05-25', system]]);
    const notices = parFamily.noticesFor(factsOf(after, '2027-05-25'), {
      event: { type: 'deadline-passed', deadline: 'acceptance-notice' },
      before,
      notes: [],
      actor: system,
      actions: 2,
      missed: { key: 'acceptance-notice', label: 'acceptance notice', due: '2027-05-24' },
    });
    expect(notices.map((n) => [n.deliveryId, n.kind])).toEqual([['par:riverside:PAR-2027-001:acceptance-notice:2027-05-24:missed', 'deadline-missed']]);
    expect(notices[0]?.facts).toMatchObject({ deadlineLabel: 'acceptance notice', due: 'Monday, May 24, 2027', rule: 'PAR-ACCEPT-NOTICE' });
  });

  it('PAR-ACCEPT-NOTICE / PAR-CT-SELECT-10: the acceptance notice states the request\'s due date as the clock counted it', () => {
    const before = referred();
    const after = noticed();
    // The clock lists the acceptance notice's own deadline, met, before the request's.
    const clock = [...clockOf(before), ...clockOf(after)];
    const notices = parFamily.noticesFor({ ...factsOf(after, '2027-05-12'), deadlines: clock }, { event: { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, before, notes: [], actor: panel, actions: 2 });
    expect(JSON.stringify(notices.map((n) => n.facts))).toContain('Request one by Wednesday, May 26, 2027');
    // Without the clock's deadlines the notice says how long, not until when.
    const unknown = parFamily.noticesFor({ ...factsOf(after, '2027-05-12'), deadlines: undefined }, { event: { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, before, notes: [], actor: panel, actions: 2 });
    expect(JSON.stringify(unknown.map((n) => n.facts))).toContain('Request one within 10 work days (PAR-CT-SELECT-10)');
  });

  it('PAR-CT-SELECT-10: reminders follow the PAR reminder policy and go out under the reminder\'s id', () => {
    expect(parFamily.reminderPolicy(factsOf(referred(), '2027-05-10').profile)).toBe(PAR_REMINDER_POLICY);
    const state = noticed();
    const request = clockOf(state).find((d) => d.key === 'consulting-teacher-request')!;
    const reminder = { id: 'consulting-teacher-request:2027-05-26:remind-2', deadlineKey: 'consulting-teacher-request', due: '2027-05-26', on: '2027-05-24', atMs: 0, schoolDaysBefore: 2, to: ['grievant-side'] as const };
    const notice = parFamily.reminder(factsOf(state, '2027-05-24'), { ...reminder, to: [...reminder.to] }, { label: request.label, current: request.current as RunningDeadline });
    expect(notice).toMatchObject({ deliveryId: 'par:riverside:PAR-2027-001:consulting-teacher-request:2027-05-26:remind-2', kind: 'deadline-reminder', facts: { dueOn: 'Wednesday, May 26, 2027', rule: 'PAR-CT-SELECT-10' } });
  });

  it.each([
    ['the participant', dana, true, false],
    ['the panel', panel, true, true],
    ['HR', hr, true, false],
    ['an auditor', auditor, true, false],
    ['a principal of another case', { ...principal, id: 'principal-other' }, false, false],
    ['the panel of another district', { ...panel, district: 'lakeview' }, false, false],
  ] as const)('PAR-PANEL-CONF / PAR-VOL-CONF: on a Referred case %s sees it: %s; the whole record: %s', (_name, actor, sees, whole) => {
    expect(parFamily.sees(assisted(), actor)).toBe(sees);
    expect(parFamily.seesWholeRecord!(assisted(), actor)).toBe(whole);
  });

  it('PAR-VOL-CONF: on a Volunteer case the principal does not learn it exists; the volunteer sees the whole record but the panel\'s parts', () => {
    expect(parFamily.sees(application(), principal)).toBe(false);
    expect(parFamily.sees(application(), dana)).toBe(true);
    expect(parFamily.seesWholeRecord!(application(), dana)).toBe(false);
  });

  it.each([
    ['the participant', dana, 'sign-report', true],
    ['the participant', dana, 'record-deliberation', false],
    ['the participant', dana, 'assign-consulting-teacher', true],
    ['HR', hr, 'sign-report', false],
    ['HR', hr, 'panel-vote', true],
    ['HR', hr, 'add-assistant', true],
    ['the consulting teacher', ctKim, 'file-monthly-log', true],
    ['the panel of another district', { ...panel, district: 'lakeview' }, 'panel-vote', false],
  ] as const)('PAR-PANEL-CONF / PAR-RESULT-EVAL: %s sees what %s wrote: %s', (_name, actor, action, sees) => {
    expect(parFamily.seesAction!(assisted(), actor, action)).toBe(sees);
  });
});
