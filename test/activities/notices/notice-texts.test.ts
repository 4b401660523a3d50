import { describe, expect, it } from 'vitest';
import { defaultTemplatesDir, renderNotice } from '../../../activities/notices/templates';
import { computeDeadline } from '../../../src/domain/calendar';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import { deadlineReminder, filingReceipt, noticesForEvent } from '../../../src/domain/grievance/grievance-notices';
import type { GrievanceProcess } from '../../../src/domain/grievance/grievance-process';
import type { Notice } from '../../../src/domain/notices/notice';
import type { ScheduledReminder } from '../../../src/domain/notices/reminder-policy';
import type { ParCase, ParDeadlineKey } from '../../../src/domain/par/par-case';
import { pendingDeadlines } from '../../../src/domain/par/par-deadlines';
import { parNoticesForEvent, parReceipt, parReminder, type ParNoticeContext } from '../../../src/domain/par/par-notices';
import { placeOfferedNotice, windowNotice } from '../../../src/domain/par/program-notices';
import { initialProgramState, type WindowView } from '../../../src/domain/par/program-year';
import { appealWindow, awaitingDecision, clockDeadline, contextOf, hrClerk, minh, principal, superintendent, system } from '../../domain/notices/notice-fixtures';
import { calendars as riverside, ctKim, dana, GOALS, hr, notesOf, panel, referral, run, system as parSystem, type Step as ParStep } from '../../domain/par/par-fixtures';

/**
 * The text of every notice kind as a person reads it: built by the domain from a case and its clock (the deadline
 * engine counting on a district calendar), rendered with the shipped templates, links made absolute on the
 * service's public URL. Every date a notice states is checked here against a paper calendar.
 */
const PUBLIC_URL = 'https://hr.lakeview.example';

async function textOf(notice: Notice): Promise<string> {
  const rendered = await renderNotice(defaultTemplatesDir(), notice, { publicUrl: PUBLIC_URL });
  return `Subject: ${rendered.subject}\n\n${rendered.text}`;
}

/** The one notice of a list, as text. */
async function only(notices: readonly Notice[]): Promise<string> {
  expect(notices).toHaveLength(1);
  return textOf(notices[0]!);
}

const reminderOn = (deadline: CaseDeadline, on: string, schoolDaysBefore: number, to: ScheduledReminder['to']): [ScheduledReminder, { label: string; current: Extract<CaseDeadline['current'], { state: 'running' }> }] => {
  const current = deadline.current;
  if (current?.state !== 'running') throw new Error(`${deadline.key} has no due date`);
  return [{ id: `${deadline.key}:${current.due}:remind-${schoolDaysBefore}`, deadlineKey: deadline.key, due: current.due, on, atMs: 0, schoolDaysBefore, to }, { label: deadline.label, current }];
};

describe('grievance notices, as sent', () => {
  const decision = clockDeadline(awaitingDecision, 'decision');
  const appeal = clockDeadline(appealWindow, 'appeal');

  it('filing-receipt', async () => {
    expect(await textOf(filingReceipt(contextOf(awaitingDecision, '2026-10-27', [decision]), hrClerk))).toBe(`Subject: Grievance G-2026-014 received

Grievance G-2026-014 was received on Tuesday, October 27, 2026.

Grievant(s): Nguyễn Thị Minh
School: Lincoln Elementary
District: lakeview
Filed by: Human Resources
Step: level 1
Status: awaiting decision

Statement of the grievance:
No post-observation conference was held after the October 2 observation.

Next deadline: level 1 written decision due: Tuesday, November 10, 2026, until 11:59 p.m. (America/Chicago time) (GRV-DECIDE-10)

Every deadline of the grievance procedure is counted on the district calendar, in school or work days as the agreement says. You will receive a notice of each action on the case and a reminder before each deadline falls due.

Case record: https://hr.lakeview.example/v1/grievances/G-2026-014

Sent on 2026-10-27. Please keep this receipt: it records the date the grievance was received.
`);
  });

  it('deadline-reminder', async () => {
    const [reminder, running] = reminderOn(decision, '2026-11-06', 2, ['district-side']);
    expect(await textOf(deadlineReminder(contextOf(awaitingDecision, '2026-11-06', [decision]), reminder, running, 'decision'))).toBe(`Subject: Reminder for Tuesday, November 10, 2026: level 1 written decision due (grievance G-2026-014)

This is a reminder for grievance G-2026-014 of Nguyễn Thị Minh, now at level 1.

Deadline: level 1 written decision due
Due: Tuesday, November 10, 2026, until 11:59 p.m. (America/Chicago time)
School days left: 2
Rule: GRV-DECIDE-10
School: Lincoln Elementary

How the deadline was counted: 10 school days after Tuesday, October 27, 2026 (that day not counted); not counted: October 31 to November 1, 2026 (weekend); November 7 to 8, 2026 (weekend).

If it passes without the required action, both sides are told, and the grievant may appeal to level 2 as if the grievance had been denied (GRV-DECISION-LATE).

Case record: https://hr.lakeview.example/v1/grievances/G-2026-014

Sent on 2026-11-06.
`);
  });

  it('decision, with the appeal-by date, its rule, the next decider and what follows if nothing is done', async () => {
    const notices = noticesForEvent(
      contextOf(appealWindow, '2026-11-10', [{ ...decision, status: 'met' }, appeal]),
      { type: 'decide', outcome: 'denied', text: 'The handbook timeline was followed: the conference was offered on October 6 and declined.' },
      awaitingDecision,
      ['GRV-APPEAL-5: level 1 decided, appeal window open'],
      principal,
      3,
    );
    expect(await only(notices)).toBe(`Subject: Decision on grievance G-2026-014 at level 1: denied

Grievance G-2026-014 of Nguyễn Thị Minh was decided at level 1 on Tuesday, November 10, 2026 by Pat Lee.

Outcome: denied
School: Lincoln Elementary

Decision:
The handbook timeline was followed: the conference was offered on October 6 and declined.

Appeal by: Wednesday, November 18, 2026, until 11:59 p.m. (America/Chicago time)
Appeal to: Chris Chief, who decides at level 2, in writing (GRV-APPEAL-5).
How the date was counted: 5 school days after Tuesday, November 10, 2026 (that day not counted); not counted: November 11, 2026 (holiday: Veterans Day); November 14 to 15, 2026 (weekend).
If nothing is done: the level 1 decision is accepted and the grievance closes (GRV-ACCEPT).

Status of the case: appeal window
Case record: https://hr.lakeview.example/v1/grievances/G-2026-014

Sent on 2026-11-10.
`);
  });

  it('decision at level 3, final', async () => {
    const level3: GrievanceProcess = { ...awaitingDecision, level: 3, receivedOn: '2026-12-01' };
    const closed: GrievanceProcess = { ...level3, status: 'closed', decisions: [{ level: 3, outcome: 'partially-granted', text: 'The conference is to be held; the rating stands.', on: '2026-12-14', by: superintendent }], closed: { reason: 'final', on: '2026-12-14', rule: 'GRV-FINAL' } };
    const notices = noticesForEvent(
      contextOf(closed, '2026-12-14', [{ ...clockDeadline(level3, 'decision'), status: 'met' }]),
      { type: 'decide', outcome: 'partially-granted', text: 'The conference is to be held; the rating stands.' },
      level3,
      ['GRV-FINAL: the level 3 decision is final'],
      superintendent,
      9,
    );
    expect(await only(notices)).toBe(`Subject: Decision on grievance G-2026-014 at level 3: partially granted

Grievance G-2026-014 of Nguyễn Thị Minh was decided at level 3 on Monday, December 14, 2026 by the superintendent or designee.

Outcome: partially granted
School: Lincoln Elementary

Decision:
The conference is to be held; the rating stands.

This decision is final: the level 3 decision is final: the grievance procedure has no further step (GRV-FINAL).

Status of the case: closed (final)
Case record: https://hr.lakeview.example/v1/grievances/G-2026-014

Sent on 2026-12-14.
`);
  });

  it('deadline-missed (a decision), with the appeal-by date it opens', async () => {
    const missed: GrievanceProcess = { ...appealWindow, decisions: [{ level: 1, outcome: 'missed', on: '2026-11-10' }] };
    const notices = noticesForEvent(
      contextOf(missed, '2026-11-11', [{ ...decision, status: 'missed' }, clockDeadline(missed, 'appeal')]),
      { type: 'deadline-passed', deadline: 'decision' },
      awaitingDecision,
      ['GRV-DECISION-LATE: no level 1 decision by 2026-11-10; appealable as if denied'],
      system,
      4,
      { key: '1:decision', label: decision.label, due: '2026-11-10', overdueTo: ['district-side', 'grievant-side'] },
    );
    expect(await only(notices)).toBe(`Subject: Deadline missed: level 1 written decision due (grievance G-2026-014)

The deadline "level 1 written decision due" of grievance G-2026-014 of Nguyễn Thị Minh at level 1 passed at the end of Tuesday, November 10, 2026 without the required action.

Rule: GRV-DECIDE-10
What follows: GRV-DECISION-LATE: no level 1 decision by 2026-11-10; appealable as if denied
School: Lincoln Elementary

Appeal by: Wednesday, November 18, 2026, until 11:59 p.m. (America/Chicago time)
Appeal to: Chris Chief, who decides at level 2, in writing (GRV-APPEAL-5).
How the date was counted: 5 school days after Tuesday, November 10, 2026 (that day not counted); not counted: November 11, 2026 (holiday: Veterans Day); November 14 to 15, 2026 (weekend).
If nothing is done: the level 1 decision is accepted and the grievance closes (GRV-ACCEPT).

Status of the case: appeal window
Case record: https://hr.lakeview.example/v1/grievances/G-2026-014

Sent on 2026-11-11.
`);
  });

  it('action-recorded', async () => {
    const level2: GrievanceProcess = { ...awaitingDecision, level: 2, receivedOn: '2026-11-12' };
    const notices = noticesForEvent(contextOf(level2, '2026-11-12', [clockDeadline(level2, 'decision')]), { type: 'appeal', conferenceRequested: false }, appealWindow, ['GRV-APPEAL-5: appealed to level 2'], minh, 5);
    expect(await only(notices)).toBe(`Subject: Grievance G-2026-014: Nguyễn Thị Minh appealed

On Thursday, November 12, 2026, Nguyễn Thị Minh appealed (grievance G-2026-014 of Nguyễn Thị Minh).

What the rules say: GRV-APPEAL-5: appealed to level 2
Step: level 2
Status: awaiting decision
School: Lincoln Elementary
Next deadline: level 2 written decision due: Tuesday, December 1, 2026, until 11:59 p.m. (America/Chicago time) (GRV-DECIDE-10)

Case record: https://hr.lakeview.example/v1/grievances/G-2026-014

Sent on 2026-11-12.
`);
  });

  it('case-closed', async () => {
    const accepted: GrievanceProcess = { ...appealWindow, status: 'closed', closed: { reason: 'accepted', on: '2026-11-18', rule: 'GRV-ACCEPT' } };
    const notices = noticesForEvent(contextOf(accepted, '2026-11-19', [{ ...appeal, status: 'missed' }]), { type: 'deadline-passed', deadline: 'appeal' }, appealWindow, ['GRV-ACCEPT: not appealed in time: the level 1 decision is accepted'], system, 6);
    expect(await only(notices)).toBe(`Subject: Grievance G-2026-014 closed: accepted

Grievance G-2026-014 of Nguyễn Thị Minh was closed on Wednesday, November 18, 2026 at level 1.

Outcome: accepted
Reason: GRV-ACCEPT: not appealed in time: the level 1 decision is accepted
Rule: GRV-ACCEPT
School: Lincoln Elementary

No further deadlines run on this case. The case record and its history remain available to the parties and to auditors.

Case record: https://hr.lakeview.example/v1/grievances/G-2026-014

Sent on 2026-11-19.
`);
  });
});

describe('PAR notices, as sent', () => {
  /** The case clock of a PAR case: its pending deadlines counted on the Riverside calendars. */
  const clockOf = (state: ParCase): CaseDeadline[] =>
    Object.values(pendingDeadlines(state)).map(({ label, occurrence, ...spec }) => ({ key: occurrence, label, spec, status: 'pending', current: computeDeadline(riverside, spec), changes: [] }));
  const contextOfCase = (state: ParCase, today: string): ParNoticeContext => {
    const deadlines = clockOf(state);
    return {
      state,
      workflowId: 'par:riverside:PAR-2027-001',
      today,
      contacts: { panel: { name: 'PAR panel', email: 'panel@riverside.example' }, hr: { name: 'HR office', email: 'hr@riverside.example' } },
      // The program year's roster names its consulting teachers: notices use the names, never the login ids.
      people: { 'ct-kim': 'Kim Lee', 'ct-ortiz': 'Ana Ortiz' },
      deadlines,
      deadlineOf: (key: ParDeadlineKey) => deadlines.find((d) => d.key === pendingDeadlines(state)[key]?.occurrence),
    };
  };
  const referred = referral();
  const notice = { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'], trackingNumber: 'RM-1' } as const;
  const accepted = run(referred, [[notice, '2027-05-12', panel]]);

  it('filing-receipt', async () => {
    expect(await textOf(parReceipt(contextOfCase(referred, '2027-05-10'), hr))).toBe(`Subject: PAR case PAR-2027-001 received

The Peer Assistance and Review program received case PAR-2027-001 (Referred) of Dana Reyes on Monday, May 10, 2027.

District: riverside
Opened by: Human Resources
Status: awaiting acceptance notice
Next deadline: acceptance notice by registered mail, with the list of available consulting teachers: Monday, May 24, 2027, until 11:59 p.m. (America/Los_Angeles time) (PAR-ACCEPT-NOTICE)

Every deadline of the program is counted on the district calendar. You will hear of each step of the case and be reminded before deadlines that are yours.

Case record: https://hr.lakeview.example/v1/par/PAR-2027-001

Sent on 2027-05-10.
`);
  });

  it('decision (the acceptance notice, PAR-ACCEPT-NOTICE), with the date to request a consulting teacher by', async () => {
    const notices = parNoticesForEvent(contextOfCase(accepted, '2027-05-12'), notice, referred, ['PAR-ACCEPT-NOTICE: sent'], panel, 2);
    expect(await only(notices)).toBe(`Subject: PAR case PAR-2027-001: accepted into Peer Assistance and Review

The Referred PAR case PAR-2027-001 of Dana Reyes was decided on Wednesday, May 12, 2027 by the PAR panel.

Decision: accepted into Peer Assistance and Review
Rule: PAR-ACCEPT-NOTICE

Consulting teachers available to you: Kim Lee, Ana Ortiz. Request one by Wednesday, May 26, 2027, until 11:59 p.m. (America/Los_Angeles time): 10 work days after Wednesday, May 12, 2027 (that day not counted); not counted: May 15 to 16, 2027 (weekend); May 22 to 23, 2027 (weekend) (PAR-CT-SELECT-10). Otherwise the panel designates one. Registered mail RM-1.

Status of the case: selecting consulting teacher
Case record: https://hr.lakeview.example/v1/par/PAR-2027-001

Sent on 2027-05-12.
`);
    expect(notices[0]!.deadline).toMatchObject({ rule: 'PAR-CT-SELECT-10', unit: 'work-day', due: '2027-05-26' });
  });

  it('deadline-reminder', async () => {
    const request = clockOf(accepted).find((d) => d.key === 'consulting-teacher-request')!;
    const [reminder, running] = reminderOn(request, '2027-05-24', 2, ['grievant-side']);
    expect(await textOf(parReminder(contextOfCase(accepted, '2027-05-24'), reminder, running))).toBe(`Subject: Reminder for Wednesday, May 26, 2027: participant requests a consulting teacher from the list (else the panel designates one) (PAR case PAR-2027-001)

This is a reminder for the Referred PAR case PAR-2027-001 of Dana Reyes.

Deadline: participant requests a consulting teacher from the list (else the panel designates one)
Due: Wednesday, May 26, 2027, until 11:59 p.m. (America/Los_Angeles time)
School days left: 2
Rule: PAR-CT-SELECT-10

How the deadline was counted: 10 work days after Wednesday, May 12, 2027 (that day not counted); not counted: May 15 to 16, 2027 (weekend); May 22 to 23, 2027 (weekend).

Case record: https://hr.lakeview.example/v1/par/PAR-2027-001

Sent on 2027-05-24.
`);
  });

  it('deadline-missed', async () => {
    const step = [{ type: 'deadline-passed', deadline: 'consulting-teacher-request' }, '2027-05-27', parSystem] as const;
    const passed = run(accepted, [step]);
    const notices = parNoticesForEvent(contextOfCase(passed, '2027-05-27'), step[0], accepted, notesOf(accepted, step), parSystem, 3, {
      occurrence: 'consulting-teacher-request',
      label: 'participant requests a consulting teacher from the list (else the panel designates one)',
      due: '2027-05-26',
      rule: 'PAR-CT-SELECT-10',
    });
    expect(await textOf(notices.find((n) => n.kind === 'deadline-missed')!)).toBe(`Subject: Overdue: participant requests a consulting teacher from the list (else the panel designates one) (PAR case PAR-2027-001)

The deadline "participant requests a consulting teacher from the list (else the panel designates one)" of the Referred PAR case PAR-2027-001 of Dana Reyes passed at the end of Wednesday, May 26, 2027 without the required step.

Rule: PAR-CT-SELECT-10
What follows: ${notesOf(accepted, step).join('; ')}

Next deadline of the case: panel designates a consulting teacher: Thursday, June 10, 2027, until 11:59 p.m. (America/Los_Angeles time) (PAR-CT-SELECT-10)
Status of the case: selecting consulting teacher
Case record: https://hr.lakeview.example/v1/par/PAR-2027-001

Sent on 2027-05-27.
`);
  });

  it('action-recorded', async () => {
    const requested = run(accepted, [[{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-20', dana]]);
    const notices = parNoticesForEvent(contextOfCase(requested, '2027-05-20'), { type: 'request-consulting-teacher', preferences: ['ct-kim'] }, accepted, ['PAR-CT-SELECT-10: requested ct-kim'], dana, 3);
    expect(await only(notices)).toBe(`Subject: PAR case PAR-2027-001: request consulting teacher

On Thursday, May 20, 2027, Dana Reyes recorded the step "request consulting teacher" on the PAR case PAR-2027-001 of Dana Reyes.

What the rules say: PAR-CT-SELECT-10: requested Kim Lee
Status: selecting consulting teacher
Next deadline: panel approves the requested consulting teacher or assigns another: Friday, June 4, 2027, until 11:59 p.m. (America/Los_Angeles time) (PAR-CT-SELECT-10)

Case record: https://hr.lakeview.example/v1/par/PAR-2027-001

Sent on 2027-05-20.
`);
  });

  it('names consulting teachers by their roster names in every notice of their steps, never by login id', async () => {
    const steps: ParStep[] = [
      [{ type: 'request-consulting-teacher', preferences: ['ct-kim'] }, '2027-05-20', dana],
      [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, '2027-05-27', panel],
      [{ type: 'hold-ipg-conference', present: { participant: true, consultingTeacher: true, evaluator: true }, goals: GOALS }, '2027-08-25', ctKim],
      [{ type: 'reassign-consulting-teacher', consultingTeacher: 'ct-ortiz', cause: 'conflict', reason: 'schedule conflict' }, '2027-09-01', panel],
    ];
    const texts: string[] = [];
    let state = accepted;
    for (const [i, step] of steps.entries()) {
      const next = run(state, [step]);
      const notices = parNoticesForEvent(contextOfCase(next, step[1]), step[0], state, notesOf(state, step), step[2], 3 + i);
      texts.push(...(await Promise.all(notices.map(textOf))));
      state = next;
    }
    const all = texts.join('\n');
    expect(all).not.toMatch(/ct-kim|ct-ortiz/);
    expect(all).toContain('Kim Lee, the consulting teacher recorded the step "hold ipg conference"');
    expect(all).toContain('Kim Lee approved as requested');
    expect(all).toContain('Ana Ortiz reassigned');
  });

  it('case-closed', async () => {
    const step = [{ type: 'withdraw', reason: 'separated' }, '2027-05-21', hr] as const;
    const withdrawn = run(accepted, [step]);
    const notices = parNoticesForEvent(contextOfCase(withdrawn, '2027-05-21'), step[0], accepted, notesOf(accepted, step), hr, 3);
    expect(await textOf(notices.find((n) => n.kind === 'case-closed')!)).toBe(`Subject: PAR case PAR-2027-001 closed: separated

The Referred PAR case PAR-2027-001 of Dana Reyes was closed on Friday, May 21, 2027.

Outcome: separated
Reason: ${notesOf(accepted, step).join('; ')}
Rule: ${withdrawn.closed!.rule}

No further deadlines run on this case. The case record and its history remain available as the program's confidentiality rules allow.

Case record: https://hr.lakeview.example/v1/par/PAR-2027-001

Sent on 2027-05-21.
`);
  });
});

describe('PAR program year notices, as sent', () => {
  const program = { ...initialProgramState('riverside', '2026-2027'), notify: [{ name: 'PAR office', email: 'par@riverside.example' }] };
  const window: WindowView = { kind: 'referral', rule: 'PAR-SPRING-WINDOW', label: 'the last 20 school days of 2026-2027', opens: '2027-05-07', closes: '2027-06-04', opensAt: '', closesAt: '', state: 'open' };
  const workflowId = 'par-program:riverside:2026-2027';

  it('window-opened', async () => {
    expect(await textOf(windowNotice(program, workflowId, '2027-05-07', window, 'opened'))).toBe(`Subject: PAR referral window open: 2027-05-07 to 2027-06-04 (riverside, 2026-2027)

The Peer Assistance and Review referral window of riverside for the 2026-2027 school year is open from today.

Window: the last 20 school days of 2026-2027
Opens: Friday, May 7, 2027
Closes: Friday, June 4, 2027 (end of day)
Rule: PAR-SPRING-WINDOW

Requests made outside this window are refused.

Program: https://hr.lakeview.example/v1/par/programs/riverside/2026-2027

Sent on 2027-05-07.
`);
  });

  it('window-closed', async () => {
    expect(await textOf(windowNotice(program, workflowId, '2027-06-05', window, 'closed'))).toBe(`Subject: PAR referral window closed on 2027-06-04 (riverside, 2026-2027)

The Peer Assistance and Review referral window of riverside for the 2026-2027 school year closed at the end of Friday, June 4, 2027.

Window: the last 20 school days of 2026-2027
It was open from Friday, May 7, 2027 to Friday, June 4, 2027.
Rule: PAR-SPRING-WINDOW

Program: https://hr.lakeview.example/v1/par/programs/riverside/2026-2027

Sent on 2027-06-05.
`);
  });

  it('place-offered', async () => {
    expect(await textOf(placeOfferedNotice(program, workflowId, '2027-05-10', { caseId: 'PAR-2027-001', group: 1, placedOn: '2027-05-10' }))).toBe(`Subject: PAR place given to case PAR-2027-001 (riverside, 2026-2027)

A consulting-teacher place of the 2026-2027 Peer Assistance and Review program of riverside is case PAR-2027-001's from Monday, May 10, 2027 (Group I (Referred)).

Rule: PAR-PRIORITY
Places in use: 0 of 0
Still waiting: 0

Program: https://hr.lakeview.example/v1/par/programs/riverside/2026-2027

Sent on 2027-05-10.
`);
  });
});
