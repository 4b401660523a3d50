import { describe, expect, it } from 'vitest';
import { computeDeadline, DistrictCalendars, shiftDate } from '../../../src/domain/calendar';
import type { CaseDeadline } from '../../../src/domain/calendar/case-clock-types';
import { deadlineReminder, deciderName, filingReceipt, noticesForEvent, personName } from '../../../src/domain/grievance/grievance-notices';
import type { GrievanceProcess } from '../../../src/domain/grievance/grievance-process';
import type { Notice } from '../../../src/domain/notices/notice';
import { DEFAULT_GRIEVANCE_REMINDER_POLICY, reminderSchedule } from '../../../src/domain/notices/reminder-policy';
import {
  appealWindow,
  awaitingDecision,
  calendars,
  clockDeadline,
  contextOf,
  file,
  hrClerk,
  lakeview2026,
  minh,
  principal,
  superintendent,
  system,
} from '../notices/notice-fixtures';

/** No fact of a notice names anyone by the login of their token. */
const logins = ['principal-lincoln', 'hr-clerk-1', 'minh.nguyen', 'supt-office', 'system:deadline'];
const expectNoLogin = (notice: Notice) => {
  for (const login of logins) expect(Object.values(notice.facts).join('\n')).not.toContain(login);
};

describe('grievance notices state the dates of the case clock', () => {
  const decide = { type: 'decide', outcome: 'denied', text: 'The handbook timeline was followed.' } as const;

  it('GRV-APPEAL-5: a decision states the appeal-by date the clock counted, its rule and counting, the next decider and what follows if nothing is done', () => {
    const appeal = clockDeadline(appealWindow, 'appeal');
    const [notice, ...more] = noticesForEvent(contextOf(appealWindow, '2026-11-10', [clockDeadline(awaitingDecision, 'decision', 'met'), appeal]), decide, awaitingDecision, [], principal, 3);

    expect(more).toEqual([]);
    expect(notice!.facts).toMatchObject({
      outcome: 'denied',
      decidedBy: 'Pat Lee',
      decidedOn: 'Tuesday, November 10, 2026',
      appealBy: 'Wednesday, November 18, 2026, until 11:59 p.m. (America/Chicago time)',
      appealRule: 'GRV-APPEAL-5',
      appealCounting: '5 school days after Tuesday, November 10, 2026 (that day not counted); not counted: November 11, 2026 (holiday: Veterans Day); November 14 to 15, 2026 (weekend)',
      nextLevelName: 'level 2',
      nextDecider: 'Chris Chief',
      ifNoAppeal: 'the level 1 decision is accepted and the grievance closes (GRV-ACCEPT).',
      finality: '',
      nextDeadline: '',
    });
    expect(notice!.channels).toEqual(['email', 'webhook', 'letter']);
    // The letter pictures the count the clock made, day by day.
    expect(notice!.deadline).toEqual({
      label: 'appeal to level 2 due',
      rule: 'GRV-APPEAL-5',
      trigger: '2026-11-10',
      unit: 'school-day',
      count: 5,
      due: '2026-11-18',
      dueAt: '2026-11-19T05:59:59.000Z',
      timeZone: 'America/Chicago',
      skipped: [
        { from: '2026-11-11', to: '2026-11-11', reason: 'holiday: Veterans Day' },
        { from: '2026-11-14', to: '2026-11-15', reason: 'weekend' },
      ],
    });
    expectNoLogin(notice!);
  });

  it('CAL-2: the appeal-by date is the one the clock holds, not counted anew: a snow day the calendar added moves it', () => {
    const snowed = new DistrictCalendars('lakeview', [{ ...lakeview2026, version: 2, events: [...lakeview2026.events, { id: 'snow', kind: 'closure', name: 'Snow day', start: '2026-11-16' }] }]);
    const appeal = clockDeadline(appealWindow, 'appeal');
    const moved: CaseDeadline = { ...appeal, current: computeDeadline(snowed, appeal.spec) };

    const [notice] = noticesForEvent(contextOf(appealWindow, '2026-11-10', [moved]), decide, awaitingDecision, [], principal, 3);

    expect(notice!.facts.appealBy).toBe('Thursday, November 19, 2026, until 11:59 p.m. (America/Chicago time)');
    expect(notice!.facts.appealCounting).toContain('November 16, 2026 (closure: Snow day)');
    expect(notice!.deadline?.due).toBe('2026-11-19');
  });

  it('says why there is no date yet when the district has not published the calendar the appeal window falls in', () => {
    const waiting: CaseDeadline = { ...clockDeadline(appealWindow, 'appeal'), current: undefined };

    const [notice] = noticesForEvent(contextOf(appealWindow, '2026-11-10', [waiting]), decide, awaitingDecision, [], principal, 3);

    expect(notice!.facts.appealBy).toBe('5 school days after Tuesday, November 10, 2026; the date is set as soon as the district publishes the calendar that covers it');
    expect(notice!.facts.appealCounting).toBe('');
    expect(notice!.deadline).toBeUndefined();
  });

  it('GRV-FINAL: a level 3 decision says it is final, with no appeal lines, and pictures the decision deadline it met', () => {
    const level3: GrievanceProcess = { ...awaitingDecision, level: 3, receivedOn: '2026-12-01' };
    const closed: GrievanceProcess = {
      ...level3,
      status: 'closed',
      decisions: [{ level: 3, outcome: 'granted', text: 'Granted.', on: '2026-12-14', by: superintendent }],
      closed: { reason: 'final', on: '2026-12-14', rule: 'GRV-FINAL' },
    };
    const decision = { ...clockDeadline(level3, 'decision'), status: 'met' as const };

    const [notice] = noticesForEvent(contextOf(closed, '2026-12-14', [decision]), { type: 'decide', outcome: 'granted', text: 'Granted.' }, level3, [], superintendent, 9);

    expect(notice!.facts).toMatchObject({
      decidedBy: 'the superintendent or designee',
      finality: 'the level 3 decision is final: the grievance procedure has no further step (GRV-FINAL).',
      appealBy: '',
      nextDecider: '',
      ifNoAppeal: '',
    });
    expect(notice!.deadline).toMatchObject({ rule: 'GRV-DECIDE-10', trigger: '2026-12-01', due: '2026-12-15' });
  });

  it('GRV-DECISION-LATE: a missed decision is told in writing with the appeal-by date that now runs from the missed deadline', () => {
    const missed: GrievanceProcess = { ...appealWindow, decisions: [{ level: 1, outcome: 'missed', on: '2026-11-10' }] };
    const appeal = clockDeadline(missed, 'appeal');
    const notes = ['GRV-DECISION-LATE: no level 1 decision by 2026-11-10; appealable as if denied'];

    const [notice] = noticesForEvent(contextOf(missed, '2026-11-11', [clockDeadline(awaitingDecision, 'decision', 'missed'), appeal]), { type: 'deadline-passed', deadline: 'decision' }, awaitingDecision, notes, system, 4, {
      key: '1:decision',
      label: 'level 1 written decision due',
      due: '2026-11-10',
      overdueTo: ['district-side', 'grievant-side'],
    });

    expect(notice!.kind).toBe('deadline-missed');
    expect(notice!.channels).toContain('letter');
    expect(notice!.facts).toMatchObject({
      deadlineLabel: 'level 1 written decision due',
      due: 'Tuesday, November 10, 2026',
      rule: 'GRV-DECIDE-10',
      consequence: notes[0],
      appealBy: 'Wednesday, November 18, 2026, until 11:59 p.m. (America/Chicago time)',
      nextDecider: 'Chris Chief',
      nextDeadline: '',
    });
    expect(notice!.deadline?.rule).toBe('GRV-APPEAL-5');
  });

  it('GRV-CONTENT: the receipt names the filer by what they are to the case and states the date received and the next deadline', () => {
    const notice = filingReceipt(contextOf(awaitingDecision, '2026-10-27', [clockDeadline(awaitingDecision, 'decision')]), hrClerk);

    expect(notice.facts).toMatchObject({
      receivedOn: 'Tuesday, October 27, 2026',
      filedBy: 'Human Resources',
      status: 'awaiting decision',
      nextDeadline: 'level 1 written decision due: Tuesday, November 10, 2026, until 11:59 p.m. (America/Chicago time) (GRV-DECIDE-10)',
    });
    expectNoLogin(notice);
  });

  it('GRV-DECIDE-10: a reminder states the due instant, how it was counted and what follows a miss', () => {
    const decision = clockDeadline(awaitingDecision, 'decision');
    const [twoBefore] = reminderSchedule(
      { key: decision.key, due: '2026-11-10', timeZone: 'America/Chicago' },
      DEFAULT_GRIEVANCE_REMINDER_POLICY.rules[0]!,
      DEFAULT_GRIEVANCE_REMINDER_POLICY.sendAt,
      (date, n) => shiftDate(calendars, date, 'school-day', n),
    );
    const current = decision.current!;
    if (current.state !== 'running') throw new Error('the decision deadline runs');

    const notice = deadlineReminder(contextOf(awaitingDecision, '2026-11-06', [decision]), twoBefore!, { label: decision.label, current }, 'decision');

    expect(notice.facts).toMatchObject({
      dueOn: 'Tuesday, November 10, 2026',
      due: 'Tuesday, November 10, 2026, until 11:59 p.m. (America/Chicago time)',
      schoolDaysLeft: '2',
      explanation: '10 school days after Tuesday, October 27, 2026 (that day not counted); not counted: October 31 to November 1, 2026 (weekend); November 7 to 8, 2026 (weekend)',
      ifMissed: 'both sides are told, and the grievant may appeal to level 2 as if the grievance had been denied (GRV-DECISION-LATE).',
    });
  });

  it('GRV-APPEAL-5: an action is told with the actor by name, what they did, and the next deadline', () => {
    const level2: GrievanceProcess = { ...awaitingDecision, level: 2, receivedOn: '2026-11-12' };
    const [notice] = noticesForEvent(contextOf(level2, '2026-11-12', [clockDeadline(level2, 'decision')]), { type: 'appeal', conferenceRequested: false }, appealWindow, ['GRV-APPEAL-5: appealed to level 2'], minh, 5);

    expect(notice!.facts).toMatchObject({
      action: 'appeal',
      actionText: 'appealed',
      actor: 'Nguyễn Thị Minh',
      at: 'Thursday, November 12, 2026',
      levelName: 'level 2',
      // 10 school days after Thursday November 12, Thanksgiving break and weekends not counted.
      nextDeadline: 'level 2 written decision due: Tuesday, December 1, 2026, until 11:59 p.m. (America/Chicago time) (GRV-DECIDE-10)',
    });
    expectNoLogin(notice!);
  });
});

describe('who a notice names', () => {
  it.each([
    ['a grievant, by the subject HR recorded', minh, 1, 'Nguyễn Thị Minh'],
    ["a level's decider named in the case", principal, 1, 'Pat Lee'],
    ['a decider the case does not name, by the office of the level', { ...superintendent, levels: [3] as const }, 3, 'the superintendent or designee'],
    ['HR', hrClerk, 1, 'Human Resources'],
    ['the case itself (a deadline passing)', system, 1, 'the case clock'],
  ] as const)('%s', (_who, actor, level, name) => {
    expect(personName(file, actor, level)).toBe(name);
  });

  it('GRV-DECIDE-10: the next level is decided by the decider named for it, else by its office', () => {
    expect(deciderName(file, 2)).toBe('Chris Chief');
    expect(deciderName(file, 3)).toBe('the superintendent or designee');
  });
});
