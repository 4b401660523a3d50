import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { computeDeadline, type RunningDeadline } from '../../../src/domain/calendar';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import type { ScheduledReminder } from '../../../src/domain/notices/reminder-policy';
import type { ParCase, ParDeadlineKey } from '../../../src/domain/par/par-case';
import { pendingDeadlines } from '../../../src/domain/par/par-deadlines';
import { PAR_REMINDER_POLICY, displayName, parNoticesForEvent, parPersonName, parReceipt, parRecipients, parReminder, type ParNoticeContext } from '../../../src/domain/par/par-notices';
import { application, assisted, auditor, calendars, ctKim, dana, evaluator, finalReported, hr, notesOf, panel, principal, referral, run, system, votes, type Step } from './par-fixtures';

/**
 * The notices of a PAR intervention as data (par-notices.ts): who they go to, by which channels, under which
 * delivery id, with which facts. Their rendered texts are checked in test/activities/notices. PAR-VOL-CONF: a
 * Volunteer's notices go to the participant's side only, never to the HR webhook. Fixtures are built inside the
 * tests (stryker-js#6144).
 */

const WORKFLOW = 'par:riverside:PAR-2027-001';
const PEOPLE = { 'ct-kim': 'Kim Lee', 'ct-ortiz': 'Ana Ortiz' };
const CONTACTS = { panel: { name: 'PAR panel', email: 'panel@riverside.example' }, hr: { name: 'HR office', email: 'hr@riverside.example' } };

const PARTICIPANT = { name: 'Dana Reyes', role: 'participant', audience: 'grievant-side', email: 'dana@riverside.example' };
const PANEL = { name: 'PAR panel', role: 'panel', audience: 'district-side', email: 'panel@riverside.example' };
const HR = { name: 'HR office', role: 'hr', audience: 'district-side', email: 'hr@riverside.example' };

/** The participant with an address, as the referral names her. */
const withEmail = (state: ParCase): ParCase => ({ ...state, participant: { ...state.participant, email: 'dana@riverside.example' } });

/** The case clock of a case: its pending deadlines counted on the Riverside calendars. */
function clockOf(state: ParCase): CaseDeadline[] {
  return Object.values(pendingDeadlines(state)).map(({ label, occurrence, ...spec }) => ({ key: occurrence, label, spec, status: 'pending', current: computeDeadline(calendars, spec), changes: [] }));
}

function contextOf(state: ParCase, today: string, extra: Partial<ParNoticeContext> = {}): ParNoticeContext {
  const deadlines = clockOf(state);
  return {
    state,
    workflowId: WORKFLOW,
    today,
    contacts: CONTACTS,
    people: PEOPLE,
    deadlines,
    deadlineOf: (key: ParDeadlineKey) => deadlines.find((d) => d.key === pendingDeadlines(state)[key]?.occurrence),
    ...extra,
  };
}

/** The notices of one step on a case, as the workflow asks for them after the step is accepted. */
function noticesOf(before: ParCase, step: Step, sequence = 3, extra: Partial<ParNoticeContext> = {}, missed?: Parameters<typeof parNoticesForEvent>[6]) {
  const after = run(before, [step]);
  return parNoticesForEvent(contextOf(after, step[1], extra), step[0], before, notesOf(before, step), step[2], sequence, missed);
}

const noticed = () => run(withEmail(referral()), [[{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'], trackingNumber: 'RM-1' }, '2027-05-12', panel]]);

describe('PAR notices: people and recipients', () => {
  it.each([
    [undefined, 'ct-kim', 'ct-kim'],
    [PEOPLE, 'ct-kim', 'Kim Lee'],
    [PEOPLE, 'ct-lund', 'ct-lund'],
  ])('a person is named by their display name where the program knows it (%j, %s: %s)', (people, id, name) => {
    expect(displayName(people, id)).toBe(name);
  });

  it('[design] reminders 2 school days before and on the due day, to the side that must act; a missed deadline is the panel\'s to follow up', () => {
    expect(PAR_REMINDER_POLICY).toStrictEqual({
      rules: [
        { deadline: 'acceptance-notice', schoolDaysBefore: [2, 0], to: ['district-side'] },
        { deadline: 'consulting-teacher-request', schoolDaysBefore: [2, 0], to: ['grievant-side'] },
        { deadline: 'consulting-teacher-assignment', schoolDaysBefore: [2, 0], to: ['district-side'] },
        { deadline: 'semester-review', schoolDaysBefore: [2, 0], to: ['district-side'] },
        { deadline: 'final-response', schoolDaysBefore: [2, 0], to: ['grievant-side'] },
        { deadline: 'outcome', schoolDaysBefore: [2, 0], to: ['district-side'] },
      ],
      overdueTo: ['district-side'],
      sendAt: { hour: 7, minute: 0 },
    });
  });

  it('PAR-REP: the participant\'s side is the participant and their representative; the program\'s side the panel and HR contacts', () => {
    const state = { ...withEmail(referral()), representative: { name: 'Rep Lee', email: 'rep@union.example', appointedOn: '2027-05-10' } };
    const REP = { name: 'Rep Lee', role: 'representative', audience: 'grievant-side', email: 'rep@union.example' };
    expect(parRecipients(contextOf(state, '2027-05-10'), ['grievant-side'])).toEqual([PARTICIPANT, REP]);
    expect(parRecipients(contextOf(state, '2027-05-10'), ['district-side'])).toEqual([PANEL, HR]);
    expect(parRecipients(contextOf(state, '2027-05-10'), ['grievant-side', 'district-side'])).toEqual([PARTICIPANT, REP, PANEL, HR]);
    expect(parRecipients(contextOf(state, '2027-05-10'), [])).toEqual([]);
  });

  it('the program\'s side is whoever the program names: no contact, the panel only, HR only', () => {
    const state = withEmail(referral());
    expect(parRecipients(contextOf(state, '2027-05-10'), ['grievant-side', 'district-side'])).toEqual([PARTICIPANT, PANEL, HR]);
    expect(parRecipients(contextOf(state, '2027-05-10', { contacts: undefined }), ['district-side'])).toEqual([]);
    expect(parRecipients(contextOf(state, '2027-05-10', { contacts: { panel: CONTACTS.panel } }), ['district-side'])).toEqual([PANEL]);
    expect(parRecipients(contextOf(state, '2027-05-10', { contacts: { hr: { name: 'HR office' } } }), ['district-side'])).toEqual([{ name: 'HR office', role: 'hr', audience: 'district-side', email: undefined }]);
  });

  it.each([
    ['the participant', dana, PEOPLE, 'Dana Reyes'],
    ['the representative', { id: 'rep-lee', roles: ['participant'], district: 'riverside' }, PEOPLE, 'Rep Lee'],
    ['the evaluator', evaluator, PEOPLE, 'Sam Park'],
    ['the principal', principal, PEOPLE, 'Lin Ng'],
    ['the consulting teacher, by roster name', ctKim, PEOPLE, 'Kim Lee, the consulting teacher'],
    ['the consulting teacher, by the roster name of their employee id', { ...ctKim, employeeId: 'E-77' }, { 'E-77': 'K. Lee' }, 'K. Lee, the consulting teacher'],
    ['the consulting teacher, the login id\'s name before the employee id\'s', { ...ctKim, employeeId: 'E-77' }, { 'E-77': 'K. Lee', 'ct-kim': 'Kim Lee' }, 'Kim Lee, the consulting teacher'],
    ['the consulting teacher, not on the roster', ctKim, undefined, 'the consulting teacher'],
    // A token without an employee id matches no roster entry, not even one whose id reads "undefined".
    ['the consulting teacher, without an employee id', ctKim, { undefined: 'Nobody' }, 'the consulting teacher'],
    ['an assistant, by roster name', { id: 'sp-chen', roles: ['consulting-teacher'], district: 'riverside' }, { 'sp-chen': 'Wei Chen' }, 'Wei Chen, the assistant consulting teacher'],
    ['an assistant, not on the roster', { id: 'sp-chen', roles: ['consulting-teacher'], district: 'riverside' }, PEOPLE, 'the assistant consulting teacher'],
    ['a panel member', panel, PEOPLE, 'the PAR panel'],
    ['HR', hr, PEOPLE, 'Human Resources'],
    ['an auditor', auditor, PEOPLE, 'the district'],
    ['the case clock', system, PEOPLE, 'the case clock'],
    ['someone of another district', { id: 'hr-9', roles: ['hr'], district: 'lakeview' }, PEOPLE, 'the district'],
  ] as const)('a person is named by the case, never by login id: %s', (_name, actor, people, name) => {
    const state: ParCase = {
      ...assisted(),
      representative: { id: 'rep-lee', name: 'Rep Lee', appointedOn: '2027-05-10' },
      assistants: [{ person: 'sp-chen', role: 'subject-area-specialist', on: '2027-09-01' }],
    };
    expect(parPersonName(state, actor as Actor, people)).toBe(name);
  });
});

describe('PAR notices: the receipt and reminders', () => {
  it('the receipt of a referral goes to both sides by email and webhook, with the case\'s facts and its next deadline', () => {
    expect(parReceipt(contextOf(withEmail(referral()), '2027-05-10'), hr)).toStrictEqual({
      deliveryId: 'par:riverside:PAR-2027-001:receipt',
      kind: 'filing-receipt',
      caseType: 'par',
      caseId: 'PAR-2027-001',
      workflowId: WORKFLOW,
      district: 'riverside',
      template: 'par/filing-receipt',
      facts: {
        caseId: 'PAR-2027-001',
        district: 'riverside',
        participant: 'Dana Reyes',
        participation: 'Referred',
        status: 'awaiting acceptance notice',
        today: '2027-05-10',
        caseUrl: '/v1/par/PAR-2027-001',
        nextDeadline: 'acceptance notice by registered mail, with the list of available consulting teachers: Monday, May 24, 2027, until 11:59 p.m. (America/Los_Angeles time) (PAR-ACCEPT-NOTICE)',
        receivedOn: 'Monday, May 10, 2027',
        openedBy: 'Human Resources',
      },
      recipients: [PARTICIPANT, PANEL, HR],
      channels: ['email', 'webhook'],
    });
  });

  it('PAR-VOL-CONF: a Volunteer\'s receipt goes to the participant\'s side only, by email, never to the HR webhook', () => {
    const notice = parReceipt(contextOf(withEmail(application()), '2027-01-06'), dana);
    expect(notice.recipients).toEqual([PARTICIPANT]);
    expect(notice.channels).toEqual(['email']);
    expect(notice.facts).toMatchObject({ participation: 'Volunteer', status: 'awaiting panel vote', receivedOn: 'Wednesday, January 6, 2027', openedBy: 'Dana Reyes', nextDeadline: '' });
  });

  it('a case id is escaped in the case link', () => {
    const notice = parReceipt(contextOf({ ...referral(), id: 'PAR 2027/001' }, '2027-05-10'), hr);
    expect(notice.facts.caseUrl).toBe('/v1/par/PAR%202027%2F001');
    expect(notice.caseId).toBe('PAR 2027/001');
  });

  it('a reminder goes to the side the reminder names, under the reminder\'s id, stating how the deadline was counted', () => {
    const state = noticed();
    const request = clockOf(state).find((d) => d.key === 'consulting-teacher-request')!;
    const reminder: ScheduledReminder = { id: 'consulting-teacher-request:2027-05-26:remind-2', deadlineKey: 'consulting-teacher-request', due: '2027-05-26', on: '2027-05-24', atMs: 0, schoolDaysBefore: 2, to: ['grievant-side'] };
    const notice = parReminder(contextOf(state, '2027-05-24'), reminder, { label: request.label, current: request.current as RunningDeadline });
    expect(notice).toMatchObject({ deliveryId: 'par:riverside:PAR-2027-001:consulting-teacher-request:2027-05-26:remind-2', kind: 'deadline-reminder', template: 'par/deadline-reminder', channels: ['email', 'webhook'] });
    expect(notice.recipients).toEqual([PARTICIPANT]);
    expect(notice.facts).toMatchObject({
      deadlineLabel: 'participant requests a consulting teacher from the list (else the panel designates one)',
      dueOn: 'Wednesday, May 26, 2027',
      rule: 'PAR-CT-SELECT-10',
      schoolDaysLeft: '2',
      explanation: '10 work days after Wednesday, May 12, 2027 (that day not counted); not counted: May 15 to 16, 2027 (weekend); May 22 to 23, 2027 (weekend)',
    });
    expect(notice).not.toHaveProperty('deadline');
  });
});

describe('PAR notices: what an accepted step sends', () => {
  it('PAR-ACCEPT-NOTICE: the acceptance notice goes to both sides by email and letter, naming the consulting teachers and the date to request one by', () => {
    const [notice, ...more] = noticesOf(withEmail(referral()), [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'], trackingNumber: 'RM-1' }, '2027-05-12', panel], 2);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ deliveryId: 'par:riverside:PAR-2027-001:2:acceptance-notice', kind: 'decision', template: 'par/decision', recipients: [PARTICIPANT, PANEL, HR], channels: ['email', 'letter'] });
    expect(notice!.facts).toMatchObject({
      decision: 'accepted into Peer Assistance and Review',
      details:
        'Consulting teachers available to you: Kim Lee, Ana Ortiz. Request one by Wednesday, May 26, 2027, until 11:59 p.m. (America/Los_Angeles time): 10 work days after Wednesday, May 12, 2027 (that day not counted); not counted: May 15 to 16, 2027 (weekend); May 22 to 23, 2027 (weekend) (PAR-CT-SELECT-10). Otherwise the panel designates one. Registered mail RM-1.',
      decidedBy: 'the PAR panel',
      decidedOn: 'Wednesday, May 12, 2027',
      rule: 'PAR-ACCEPT-NOTICE',
      // The details state the deadline that runs next.
      nextDeadline: '',
    });
    expect(notice!.deadline).toMatchObject({ label: 'participant requests a consulting teacher from the list (else the panel designates one)', rule: 'PAR-CT-SELECT-10', trigger: '2027-05-12', unit: 'work-day', count: 10, due: '2027-05-26' });
  });

  it('PAR-ACCEPT-NOTICE: without the clock\'s count (calendar not loaded) the notice states the rule, and without a tracking number no registered mail line', () => {
    const step: Step = [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, '2027-05-12', panel];
    const [notice] = noticesOf(referral(), step, 2, { deadlineOf: undefined, people: undefined });
    expect(notice!.facts.details).toBe('Consulting teachers available to you: ct-kim. Request one within 10 work days (PAR-CT-SELECT-10); otherwise the panel designates one.');
    expect(notice!.facts.nextDeadline).toBe('participant requests a consulting teacher from the list (else the panel designates one): Wednesday, May 26, 2027, until 11:59 p.m. (America/Los_Angeles time) (PAR-CT-SELECT-10)');
    expect(notice).not.toHaveProperty('deadline');
    // The clock knows no running request deadline: the same.
    const [unknown] = noticesOf(referral(), step, 2, { deadlineOf: () => undefined });
    expect(unknown!.facts.details).toBe('Consulting teachers available to you: Kim Lee. Request one within 10 work days (PAR-CT-SELECT-10); otherwise the panel designates one.');
  });

  it('PAR-VOL-ELIG: the panel\'s vote on a volunteer is told to the participant only (PAR-VOL-CONF), by email and letter', () => {
    const notices = noticesOf(withEmail(application()), [{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(3, 1, 1) }, '2027-01-12', panel, { programHasPlace: true }], 2);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ deliveryId: 'par:riverside:PAR-2027-001:2:panel-vote', kind: 'decision', recipients: [PARTICIPANT], channels: ['email', 'letter'] });
    expect(notices[0]!.facts).toMatchObject({
      decision: 'approve-volunteer: carried (3 yes, 1 no, 1 abstaining)',
      details: 'PAR-VOL-ELIG: approved by majority (3 yes, 1 no, 1 abstaining); accepted',
      decidedBy: 'the PAR panel',
      decidedOn: 'Tuesday, January 12, 2027',
      rule: 'PAR-VOL-ELIG',
    });
  });

  it('PAR-VOL-ELIG: a volunteer not approved hears of the vote and of the case closing', () => {
    const notices = noticesOf(withEmail(application()), [{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(2) }, '2027-01-12', panel, { programHasPlace: true }], 2);
    expect(notices.map((n) => [n.deliveryId, n.kind])).toEqual([
      ['par:riverside:PAR-2027-001:2:panel-vote', 'decision'],
      ['par:riverside:PAR-2027-001:2:case-closed', 'case-closed'],
    ]);
    expect(notices[0]!.facts.decision).toBe('approve-volunteer: not carried (2 yes, 3 no, 0 abstaining)');
    expect(notices[1]!.facts).toMatchObject({ status: 'closed (not approved)', outcome: 'not approved', rule: 'PAR-VOL-ELIG', closedOn: 'Tuesday, January 12, 2027' });
  });

  it('PAR-OUTCOME: the panel\'s outcome goes to both sides by email, webhook and letter, under rule PAR-OUTCOME', () => {
    const reported = run(finalReported(withEmail(assisted())), [[{ type: 'deadline-passed', deadline: 'final-response' }, '2028-06-07', system]]);
    const notices = noticesOf(reported, [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(1) }, '2028-06-08', panel], 9);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ deliveryId: 'par:riverside:PAR-2027-001:9:panel-vote', recipients: [PARTICIPANT, PANEL, HR], channels: ['email', 'webhook', 'letter'] });
    expect(notices[0]!.facts).toMatchObject({ decision: 'extend-one-semester: not carried (1 yes, 4 no, 0 abstaining)', rule: 'PAR-OUTCOME' });
  });

  it('PAR-CT-SELECT-10: another step is told to the participant\'s side by email, naming who took it and people by name', () => {
    const notices = noticesOf(noticed(), [{ type: 'request-consulting-teacher', preferences: ['ct-kim', 'ct-ortiz'] }, '2027-05-20', dana]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ deliveryId: 'par:riverside:PAR-2027-001:3:request-consulting-teacher', kind: 'action-recorded', template: 'par/action-recorded', recipients: [PARTICIPANT], channels: ['email'] });
    expect(notices[0]!.facts).toMatchObject({
      action: 'request-consulting-teacher',
      actionText: 'request consulting teacher',
      actor: 'Dana Reyes',
      at: 'Thursday, May 20, 2027',
      notes: 'PAR-CT-SELECT-10: the participant requests Kim Lee, then Ana Ortiz; the panel approves the choice',
    });
  });

  it('PAR-MONTHLY: a missed deadline is told to the panel\'s side, once per occurrence and due day, with what follows', () => {
    const step: Step = [{ type: 'deadline-passed', deadline: 'consulting-teacher-request' }, '2027-05-27', system];
    const missed = { occurrence: 'consulting-teacher-request', label: 'participant requests a consulting teacher from the list (else the panel designates one)', due: '2027-05-26', rule: 'PAR-CT-SELECT-10' };
    const notices = noticesOf(noticed(), step, 3, {}, missed);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ deliveryId: 'par:riverside:PAR-2027-001:consulting-teacher-request:2027-05-26:missed', kind: 'deadline-missed', template: 'par/deadline-missed', recipients: [PANEL, HR], channels: ['email', 'webhook'] });
    expect(notices[0]!.facts).toMatchObject({ deadlineLabel: missed.label, due: 'Wednesday, May 26, 2027', rule: 'PAR-CT-SELECT-10', consequence: notesOf(noticed(), step).join('; ') });
    // Without what was missed (a deadline the clock no longer runs) nothing is told.
    expect(noticesOf(noticed(), step)).toEqual([]);
  });

  it('the notes of a step are joined and name people by their display names', () => {
    const step: Step = [{ type: 'deadline-passed', deadline: 'consulting-teacher-request' }, '2027-05-27', system];
    const after = run(noticed(), [step]);
    const missed = { occurrence: 'consulting-teacher-request', label: 'request', due: '2027-05-26', rule: 'PAR-CT-SELECT-10' };
    const [notice] = parNoticesForEvent(contextOf(after, '2027-05-27'), step[0], noticed(), ['ct-kim was on the list', 'ct-ortiz too'], system, 3, missed);
    expect(notice!.facts.consequence).toBe('Kim Lee was on the list; Ana Ortiz too');
  });

  it('PAR-PRIORITY / PAR-PANEL-CONF: a place offered and the panel\'s deliberation are never announced as steps', () => {
    const waiting = run(application(), [[{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(4) }, '2027-01-12', panel, { programHasPlace: false }]]);
    expect(noticesOf(waiting, [{ type: 'place-offered' }, '2027-02-01', system])).toEqual([]);
    expect(noticesOf(referral(), [{ type: 'record-deliberation', text: 'The panel discussed the referral.' }, '2027-05-11', panel])).toEqual([]);
  });

  it('a step that closes the case is told by the closing notice alone, to both sides by email, webhook and letter', () => {
    const notices = noticesOf(withEmail(noticed()), [{ type: 'withdraw', reason: 'separated' }, '2027-05-21', hr]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ deliveryId: 'par:riverside:PAR-2027-001:3:case-closed', kind: 'case-closed', template: 'par/case-closed', recipients: [PARTICIPANT, PANEL, HR], channels: ['email', 'webhook', 'letter'] });
    expect(notices[0]!.facts).toMatchObject({ status: 'closed (separated)', outcome: 'separated', rule: 'PAR-MAX-18', closedOn: 'Friday, May 21, 2027' });
    expect(notices[0]!.facts.reason).toBe(notesOf(noticed(), [{ type: 'withdraw', reason: 'separated' }, '2027-05-21', hr]).join('; '));
  });

  it('a case closed before the step is not told closed again', () => {
    const closed = run(noticed(), [[{ type: 'withdraw', reason: 'separated' }, '2027-05-21', hr]]);
    const missed = { occurrence: 'max-duration', label: 'PAR ends', due: '2027-05-26', rule: 'PAR-MAX-18' };
    const notices = parNoticesForEvent(contextOf(closed, '2027-05-27'), { type: 'deadline-passed', deadline: 'max-duration' }, closed, [], system, 4, missed);
    expect(notices.map((n) => n.kind)).toEqual(['deadline-missed']);
  });
});
