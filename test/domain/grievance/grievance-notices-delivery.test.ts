import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import type { GrievanceCaseFile } from '../../../src/domain/grievance/grievance-case';
import { deadlineReminder, deciderName, filingReceipt, noticesForEvent, personName, recipientsOf, type NoticeContext } from '../../../src/domain/grievance/grievance-notices';
import { DEFAULT_GRIEVANCE_POLICY, type GrievancePolicy } from '../../../src/domain/grievance/grievance-policy';
import type { DeadlineKey, GrievanceEvent, GrievanceProcess } from '../../../src/domain/grievance/grievance-process';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../../../src/domain/grievance/sample-grievance-policies';
import type { NoticeRecipient } from '../../../src/domain/notices/notice';
import type { ScheduledReminder } from '../../../src/domain/notices/reminder-policy';
import { appealWindow, awaitingDecision, clockDeadline, contextOf, file, hrClerk, minh, principal, system } from '../notices/notice-fixtures';

/**
 * Who a grievance notice goes to, over which channels, under which delivery id and template, and the facts every
 * notice carries, for the Lakeview grievance G-2026-014 of notice-fixtures.ts. Every expected value is written out.
 */
const WF = 'grievance:lakeview:G-2026-014';
const MINH: NoticeRecipient = { name: 'Nguyễn Thị Minh', role: 'grievant', audience: 'grievant-side', email: 'minh@example.org', postalAddress: ['12 Elm St', 'Lakeview, MN 55001'] };
const ROBIN: NoticeRecipient = { name: 'Robin Rep', role: 'representative', audience: 'grievant-side', email: 'rep@union.example.org', postalAddress: undefined };
const PAT: NoticeRecipient = { name: 'Pat Lee', role: 'decider', audience: 'district-side', email: 'principal@lincoln.example.org', postalAddress: undefined };
const CHRIS: NoticeRecipient = { name: 'Chris Chief', role: 'decider', audience: 'district-side', email: 'chief@lakeview.example.org', postalAddress: undefined };

/** The same case with HR and a decider of every level among its contacts. */
const withHr: GrievanceCaseFile = {
  ...file,
  filing: {
    ...file.filing,
    contacts: [...file.filing.contacts!, { name: 'Hana Hill', role: 'hr', email: 'hr@lakeview.example.org', postalAddress: ['1 District Way'] }, { name: 'Dee Any', role: 'decider', subject: 'dee.any' }],
  },
};
/** The same case naming no one but its grievant. */
const bare: GrievanceCaseFile = { ...file, filing: { ...file.filing, contacts: undefined } };

describe('who receives a grievance notice', () => {
  it('GRV-REP: the grievant side is the grievants and their representative', () => {
    expect(recipientsOf(withHr, 1, ['grievant-side'])).toStrictEqual([MINH, ROBIN]);
  });

  it("GRV-DECIDE-10: the district side is the decider of the case's level (or one named for every level) and HR", () => {
    const hana: NoticeRecipient = { name: 'Hana Hill', role: 'hr', audience: 'district-side', email: 'hr@lakeview.example.org', postalAddress: ['1 District Way'] };
    const dee: NoticeRecipient = { name: 'Dee Any', role: 'decider', audience: 'district-side', email: undefined, postalAddress: undefined };
    expect(recipientsOf(withHr, 1, ['district-side'])).toStrictEqual([PAT, hana, dee]);
    expect(recipientsOf(withHr, 2, ['district-side'])).toStrictEqual([CHRIS, hana, dee]);
    expect(recipientsOf(withHr, 3, ['district-side'])).toStrictEqual([hana, dee]);
  });

  it('GRV-DECISION-LATE: both sides, grievant side first, whatever order the audiences are named in; no audience, no one', () => {
    expect(recipientsOf(file, 1, ['district-side', 'grievant-side'])).toStrictEqual([MINH, ROBIN, PAT]);
    expect(recipientsOf(file, 1, [])).toStrictEqual([]);
    expect(recipientsOf(bare, 1, ['grievant-side', 'district-side'])).toStrictEqual([MINH]);
  });
});

describe('the filing receipt', () => {
  it('GRV-CONTENT: the whole notice: delivery id, template, the facts every notice carries, both sides, email and webhook', () => {
    const notice = filingReceipt(contextOf(awaitingDecision, '2026-10-27', [clockDeadline(awaitingDecision, 'decision')]));
    expect(notice).toStrictEqual({
      deliveryId: `${WF}:filing-receipt`,
      kind: 'filing-receipt',
      caseType: 'grievance',
      caseId: 'G-2026-014',
      workflowId: WF,
      district: 'lakeview',
      template: 'grievance/filing-receipt',
      facts: {
        caseId: 'G-2026-014',
        district: 'lakeview',
        grievants: 'Nguyễn Thị Minh',
        school: 'Lincoln Elementary',
        level: '1',
        levelName: 'level 1',
        status: 'awaiting decision',
        today: '2026-10-27',
        caseUrl: '/v1/grievances/G-2026-014',
        nextDeadline: 'level 1 written decision due: Tuesday, November 10, 2026, until 11:59 p.m. (America/Chicago time) (GRV-DECIDE-10)',
        receivedOn: 'Tuesday, October 27, 2026',
        // Nobody said who opened it: the case file's filer, HR.
        filedBy: 'Human Resources',
        statement: 'No post-observation conference was held after the October 2 observation.',
      },
      recipients: [MINH, ROBIN, PAT],
      channels: ['email', 'webhook'],
    });
  });

  it('GRV-INFORMAL / GRV-COLLECTIVE: an informal case of two grievants, no school, no receipt date, its statement in the document store', () => {
    const claim = { sha256: 'c'.repeat(64), size: 12_000, contentType: 'text/plain; charset=utf-8' };
    const grievance: GrievanceCaseFile = {
      ...bare,
      id: 'G 2026/15',
      filing: { ...bare.filing, id: 'G 2026/15', school: undefined, receivedOn: undefined, statement: { stored: claim }, grievants: [file.filing.grievants[0]!, { name: 'Sam Ito', position: 'Grade 5 teacher' }] },
      filedAt: '2026-10-28T16:30:00.000Z',
    };
    // A case whose process predates its own receipt date: the receipt falls back to the filing's timestamp.
    const ctx: NoticeContext = { grievance, process: { ...awaitingDecision, status: 'informal', level: 0, receivedOn: undefined }, workflowId: 'grievance:lakeview:G-15', today: '2026-10-28' };
    const notice = filingReceipt(ctx, minh);
    expect(notice.documents).toStrictEqual({ statement: claim });
    expect(notice.facts).toStrictEqual({
      caseId: 'G 2026/15',
      district: 'lakeview',
      grievants: 'Nguyễn Thị Minh, Sam Ito',
      school: '',
      level: '0',
      levelName: 'the informal step',
      status: 'informal',
      today: '2026-10-28',
      caseUrl: '/v1/grievances/G%202026%2F15',
      nextDeadline: '',
      receivedOn: 'Wednesday, October 28, 2026',
      filedBy: 'Nguyễn Thị Minh',
      statement: '',
    });
    expect(notice.recipients).toStrictEqual([MINH, { name: 'Sam Ito', role: 'grievant', audience: 'grievant-side', email: undefined, postalAddress: undefined }]);
  });

  it('GRV-DECIDE-10: the receipt states the date the case counts from, the district date, not the UTC date of the filing time', () => {
    // Filed at 21:30 in Chicago on Tuesday 27 October: already the 28th in UTC.
    const grievance: GrievanceCaseFile = { ...file, filing: { ...file.filing, receivedOn: undefined }, filedAt: '2026-10-28T02:30:00.000Z' };
    const notice = filingReceipt({ grievance, process: { ...awaitingDecision, receivedOn: '2026-10-27' }, workflowId: WF, today: '2026-10-27' });
    expect(notice.facts.receivedOn).toBe('Tuesday, October 27, 2026');
  });

  it.each([
    [{ ...awaitingDecision, level: 2 }, 'level 2', 'awaiting decision'],
    [{ ...appealWindow, level: 3 }, 'level 3', 'appeal window'],
    [{ ...appealWindow, status: 'closed', closed: { reason: 'sent-to-arbitration', on: '2026-11-12', rule: 'GRV-FINAL' } }, 'level 1', 'closed (sent to arbitration)'],
    [{ ...appealWindow, status: 'closed', closed: { reason: 'resolved-informally', on: '2026-11-12', rule: 'GRV-INFORMAL' } }, 'level 1', 'closed (resolved informally)'],
  ] as [GrievanceProcess, string, string][])('GRV-DECIDE-10: the level and status in words: %#', (process, levelName, status) => {
    expect(filingReceipt(contextOf(process, '2026-11-12', [])).facts).toMatchObject({ levelName, status });
  });
});

describe('a deadline reminder', () => {
  const reminder: ScheduledReminder = { id: '1:decision:2026-11-10:remind-2', deadlineKey: '1:decision', due: '2026-11-10', on: '2026-11-06', atMs: Date.parse('2026-11-06T13:00:00Z'), schoolDaysBefore: 2, to: ['district-side'] };
  const running = () => {
    const decision = clockDeadline(awaitingDecision, 'decision');
    if (decision.current?.state !== 'running') throw new Error('the decision deadline runs');
    return { label: decision.label, current: decision.current };
  };

  it('GRV-DECIDE-10: goes to the side the reminder names, by email and webhook, under the reminder id', () => {
    const notice = deadlineReminder(contextOf(awaitingDecision, '2026-11-06', []), reminder, running());
    expect(notice).toMatchObject({ deliveryId: `${WF}:1:decision:2026-11-10:remind-2`, kind: 'deadline-reminder', template: 'grievance/deadline-reminder', recipients: [PAT], channels: ['email', 'webhook'] });
    expect(notice.facts).toMatchObject({ deadlineLabel: 'level 1 written decision due', rule: 'GRV-DECIDE-10', schoolDaysLeft: '2', ifMissed: '' });
    expect('deadline' in notice).toBe(false);
    expect('documents' in notice).toBe(false);
  });

  const process = (level: 0 | 1 | 2 | 3, policy?: GrievancePolicy): GrievanceProcess => ({ ...awaitingDecision, level, ...(policy ? { policy } : {}) });
  it.each<[string, GrievanceProcess, DeadlineKey, string]>([
    ['GRV-FILE-40', process(0), 'filing', 'the grievance is waived (GRV-FILE-40).'],
    ['GRV-CONF-5', process(1), 'conference', 'the decision clock runs from this deadline without a conference (GRV-CONF-5).'],
    ['GRV-CONF-5', process(1, { ...DEFAULT_GRIEVANCE_POLICY, conferenceNeverScheduled: 'from-receipt' }), 'conference', 'the decision clock runs from receipt without a conference (GRV-CONF-5).'],
    ['GRV-DECISION-LATE', process(2), 'decision', 'both sides are told, and the grievant may appeal to level 3 as if the grievance had been denied (GRV-DECISION-LATE).'],
    ['GRV-DECISION-LATE', process(3), 'decision', 'both sides are told, and the final decision is still awaited (GRV-DECISION-LATE).'],
    ['GRV-DECISION-LATE', process(1, TWO_LEVEL_ARBITRATION_POLICY), 'decision', 'both sides are told, and the grievant may appeal to level 2 as if the grievance had been denied (GRV-DECISION-LATE).'],
    ['GRV-DECISION-LATE', process(2, TWO_LEVEL_ARBITRATION_POLICY), 'decision', 'both sides are told, and the grievant may demand arbitration as if the grievance had been denied (GRV-DECISION-LATE).'],
    ['GRV-ACCEPT', process(1), 'appeal', 'the level 1 decision is accepted and the grievance closes (GRV-ACCEPT).'],
    ['GRV-ACCEPT', process(2, TWO_LEVEL_ARBITRATION_POLICY), 'arbitration', 'the level 2 decision is accepted and the grievance closes (GRV-ACCEPT).'],
  ])('%s: what follows a missed %#', (_rule, state, key, text) => {
    expect(deadlineReminder(contextOf(state, '2026-11-06', []), reminder, running(), key).facts.ifMissed).toBe(text);
  });
});

describe('the notices of an accepted event', () => {
  it('GRV-FINAL: a last-level decision of a procedure ending in arbitration states the demand-by date, to whom, and what follows', () => {
    const before: GrievanceProcess = { ...awaitingDecision, level: 2, receivedOn: '2026-10-27', policy: TWO_LEVEL_ARBITRATION_POLICY };
    const after: GrievanceProcess = { ...before, status: 'appeal-window', decisions: [{ level: 2, outcome: 'denied', text: 'No.', on: '2026-11-10' }] };
    const chief: Actor = { id: 'chief-2', roles: ['decider'], district: 'lakeview', levels: [2] };
    const [notice, ...more] = noticesForEvent(contextOf(after, '2026-11-10', [clockDeadline(after, 'arbitration')]), { type: 'decide', outcome: 'denied', text: 'No.' }, before, [], chief, 7);
    expect(more).toStrictEqual([]);
    expect(notice).toMatchObject({ deliveryId: `${WF}:7:decision`, kind: 'decision', template: 'grievance/decision', recipients: [MINH, ROBIN, CHRIS], channels: ['email', 'webhook', 'letter'] });
    expect(notice!.facts).toMatchObject({
      outcome: 'denied',
      decisionText: 'No.',
      decidedBy: 'Chris Chief',
      levelName: 'level 2',
      // 20 work days after Tuesday November 10: Veterans Day and Thanksgiving break (November 25 to 27) are not work days.
      appealBy: 'Monday, December 14, 2026, until 11:59 p.m. (America/Chicago time)',
      appealRule: 'GRV-FINAL',
      nextLevelName: 'arbitration',
      nextDecider: 'an arbitrator, on a demand for arbitration',
      ifNoAppeal: 'the level 2 decision is accepted and the grievance closes (GRV-ACCEPT).',
      finality: '',
    });
    expect(notice!.deadline).toMatchObject({ rule: 'GRV-FINAL', label: 'demand for arbitration due', trigger: '2026-11-10', count: 20, unit: 'work-day', due: '2026-12-14' });
  });

  it('GRV-ACCEPT: an appeal window that passes tells both sides of the miss, then closes the case in writing', () => {
    const closed: GrievanceProcess = { ...appealWindow, status: 'closed', closed: { reason: 'accepted', on: '2026-11-18', rule: 'GRV-ACCEPT' } };
    const notes = ['GRV-ACCEPT: not appealed by 2026-11-18; the level 1 decision is accepted'];
    const notices = noticesForEvent(contextOf(closed, '2026-11-19', [clockDeadline(appealWindow, 'appeal', 'missed')]), { type: 'deadline-passed', deadline: 'appeal' }, appealWindow, notes, system, 6, {
      key: '1:appeal',
      label: 'appeal to level 2 due',
      due: '2026-11-18',
      overdueTo: ['district-side', 'grievant-side'],
    });
    const pictured = { label: 'appeal to level 2 due', rule: 'GRV-APPEAL-5', trigger: '2026-11-10', unit: 'school-day', count: 5, due: '2026-11-18' };
    expect(notices).toHaveLength(2);
    const [missed, closing] = notices;
    expect(missed).toMatchObject({ deliveryId: `${WF}:1:appeal:2026-11-18:missed`, kind: 'deadline-missed', template: 'grievance/deadline-missed', recipients: [MINH, ROBIN, PAT], channels: ['email', 'webhook'], deadline: pictured });
    expect(missed!.facts).toMatchObject({
      deadlineLabel: 'appeal to level 2 due',
      due: 'Wednesday, November 18, 2026',
      rule: 'GRV-APPEAL-5',
      consequence: notes[0],
      status: 'closed (accepted)',
      appealBy: '',
      appealRule: '',
      appealCounting: '',
      nextLevelName: '',
      nextDecider: '',
      ifNoAppeal: '',
      finality: '',
    });
    expect(closing).toMatchObject({ deliveryId: `${WF}:6:case-closed`, kind: 'case-closed', template: 'grievance/case-closed', recipients: [MINH, ROBIN, PAT], channels: ['email', 'webhook', 'letter'], deadline: pictured });
    expect(closing!.facts).toMatchObject({ outcome: 'accepted', rule: 'GRV-ACCEPT', closedOn: 'Wednesday, November 18, 2026', reason: notes[0] });
  });

  it('GRV-CONF-5: a missed conference deadline is told to those the policy names, and the notice states the next deadline', () => {
    const conference: GrievanceProcess = { ...awaitingDecision, status: 'awaiting-conference', conferenceRequested: true };
    const after: GrievanceProcess = { ...awaitingDecision, conferenceRequested: true, conferenceMissedOn: '2026-11-03' };
    const [notice, ...more] = noticesForEvent(contextOf(after, '2026-11-04', [clockDeadline(conference, 'conference', 'missed'), clockDeadline(after, 'decision')]), { type: 'deadline-passed', deadline: 'conference' }, conference, ['one', 'two'], system, 3, {
      key: '1:conference',
      label: 'level 1 conference to be held',
      due: '2026-11-03',
      overdueTo: ['district-side'],
    });
    expect(more).toStrictEqual([]);
    expect(notice).toMatchObject({ deliveryId: `${WF}:1:conference:2026-11-03:missed`, recipients: [PAT], channels: ['email', 'webhook'] });
    // 10 school days from Tuesday November 3: Veterans Day and two weekends not counted.
    expect(notice!.facts).toMatchObject({ rule: 'GRV-CONF-5', consequence: 'one; two', appealBy: '', nextDeadline: 'level 1 written decision due: Wednesday, November 18, 2026, until 11:59 p.m. (America/Chicago time) (GRV-DECIDE-10)' });
    // A deadline passing unseen by the clock's missed list sends nothing.
    expect(noticesForEvent(contextOf(after, '2026-11-04', []), { type: 'deadline-passed', deadline: 'conference' }, conference, [], system, 3)).toStrictEqual([]);
  });

  it.each<[GrievanceEvent, GrievanceProcess['closed'] & object, string]>([
    [{ type: 'withdraw' } as GrievanceEvent, { reason: 'withdrawn', on: '2026-11-12', rule: 'GRV-WITHDRAW' }, 'withdrawn'],
    [{ type: 'resolve-informally' }, { reason: 'resolved-informally', on: '2026-11-12', rule: 'GRV-INFORMAL' }, 'resolved informally'],
    [{ type: 'demand-arbitration' }, { reason: 'sent-to-arbitration', on: '2026-11-12', rule: 'GRV-FINAL' }, 'sent to arbitration'],
  ])('GRV-WITHDRAW / GRV-INFORMAL / GRV-FINAL: %j closes the case with one letter, once', (event, closed, outcome) => {
    const after: GrievanceProcess = { ...appealWindow, status: 'closed', closed };
    const [notice, ...more] = noticesForEvent(contextOf(after, '2026-11-12', []), event, appealWindow, ['closed by request'], minh, 8);
    expect(more).toStrictEqual([]);
    expect(notice).toMatchObject({ deliveryId: `${WF}:8:case-closed`, kind: 'case-closed', channels: ['email', 'webhook', 'letter'] });
    expect(notice!.facts).toMatchObject({ outcome, rule: closed.rule, closedOn: 'Thursday, November 12, 2026', reason: 'closed by request' });
    expect('deadline' in notice!).toBe(false);
    // Already closed before: nothing more to tell.
    expect(noticesForEvent(contextOf(after, '2026-11-13', []), event, after, [], minh, 9)).toStrictEqual([]);
  });

  it.each([
    ['declare-formal', { type: 'declare-formal', conferenceRequested: false }, 'declared the grievance formal'],
    ['schedule-conference', { type: 'schedule-conference', on: '2026-11-16' }, 'scheduled the conference'],
    ['representative-unavailable', { type: 'representative-unavailable' }, 'reported that the representative is not available'],
    ['appeal', { type: 'appeal', conferenceRequested: false }, 'appealed'],
    ['propose-extension', { type: 'propose-extension', deadline: 'decision', count: 2 }, 'proposed an extension'],
    ['accept-extension', { type: 'accept-extension' }, 'accepted the proposed extension'],
    ['policy-migrated', { type: 'policy-migrated', policy: DEFAULT_GRIEVANCE_POLICY, reason: 'x' }, "applied a correction of the district's grievance procedure"],
  ] as [string, GrievanceEvent, string][])('GRV-EXTEND / GRV-CONF-5 / GRV-APPEAL-5: %s is recorded to both sides by email and webhook', (type, event, actionText) => {
    const [notice, ...more] = noticesForEvent(contextOf(awaitingDecision, '2026-11-12', []), event, awaitingDecision, ['first', 'second'], principal, 5);
    expect(more).toStrictEqual([]);
    expect(notice).toMatchObject({ deliveryId: `${WF}:5:${type}`, kind: 'action-recorded', template: 'grievance/action-recorded', recipients: [MINH, ROBIN, PAT], channels: ['email', 'webhook'] });
    expect(notice!.facts).toMatchObject({ action: type, actionText, actor: 'Pat Lee', at: 'Thursday, November 12, 2026', notes: 'first; second' });
  });
});

describe('who a notice names, beyond the case file', () => {
  const decider = (levels: (1 | 2 | 3)[]): Actor => ({ id: 'someone', roles: ['decider'], district: 'lakeview', levels });

  it.each<[string, GrievanceCaseFile, Actor, number | undefined, GrievancePolicy | undefined, string]>([
    ['a representative the case records by subject', { ...file, filing: { ...file.filing, contacts: [{ name: 'Robin Rep', role: 'representative', subject: 'robin' }] } }, { id: 'robin', roles: ['participant'], district: 'lakeview' }, undefined, undefined, 'Robin Rep'],
    ['a grievant by the employee id of their token', file, { id: 'sub-77', employeeId: 'minh.nguyen', roles: ['participant'], district: 'lakeview' }, undefined, undefined, 'Nguyễn Thị Minh'],
    ['a decider of one level, for that level', file, decider([2]), undefined, undefined, 'Chris Chief'],
    ['a decider of several levels, no level said', file, decider([1, 2]), undefined, undefined, 'the district'],
    ['a decider of several levels, at a level', file, decider([1, 2]), 1, undefined, 'Pat Lee'],
    ["an unnamed level's decider under the case's procedure", bare, decider([2]), undefined, TWO_LEVEL_ARBITRATION_POLICY, 'the superintendent or designee'],
    ['someone of another role', file, { id: 'panel-1', roles: ['panel'], district: 'lakeview' }, 1, undefined, 'the district'],
    ['HR who also decides, by its decider office', bare, { id: 'x', roles: ['hr', 'decider'], district: 'lakeview', levels: [1] }, undefined, undefined, 'the principal or other appropriate administrator'],
  ])('GRV-DECIDE-10: %s', (_who, grievance, actor, level, policy, name) => {
    expect(personName(grievance, actor, level, policy)).toBe(name);
  });

  it('GRV-INFORMAL / GRV-DECIDE-10: the decider of a level: named for it, else named for every level, else the office of the procedure', () => {
    expect(deciderName(withHr, 1)).toBe('Pat Lee');
    expect(deciderName(withHr, 3)).toBe('Dee Any');
    expect(deciderName(bare, 0)).toBe('the principal');
    expect(deciderName(bare, 1)).toBe('the principal or other appropriate administrator');
    expect(deciderName(bare, 2)).toBe('the Chief Officer or designee');
    expect(deciderName(bare, 1, TWO_LEVEL_ARBITRATION_POLICY)).toBe('the principal');
    expect(deciderName(bare, 3, TWO_LEVEL_ARBITRATION_POLICY)).toBe('the level 3 decider');
    expect(personName(bare, hrClerk)).toBe('Human Resources');
  });
});

describe('missed deadlines, each with its rule, its letter and its picture', () => {
  /** A context whose clock is not known to the notice builders (no deadlineOf): nothing is pictured, nothing is guessed. */
  const unclocked = (process: GrievanceProcess, grievance: GrievanceCaseFile = file): NoticeContext => ({ grievance, process, workflowId: WF, today: '2026-12-04' });

  it('GRV-FILE-40: a filing limit that passes is told to the grievant side, then the waived case closes in writing', () => {
    const informal: GrievanceProcess = { ...awaitingDecision, status: 'informal', level: 0 };
    const waived: GrievanceProcess = { ...informal, status: 'closed', closed: { reason: 'waived', on: '2026-12-03', rule: 'GRV-FILE-40' } };
    const notices = noticesForEvent(unclocked(waived), { type: 'deadline-passed', deadline: 'filing' }, informal, ['GRV-FILE-40: not presented in writing', 'waived'], system, 2, {
      key: '0:filing',
      label: 'written grievance due (40 school days after the teacher knew)',
      due: '2026-12-03',
      overdueTo: ['grievant-side'],
    });
    expect(notices.map((n) => [n.deliveryId, n.kind, n.channels, n.recipients, 'deadline' in n])).toStrictEqual([
      [`${WF}:0:filing:2026-12-03:missed`, 'deadline-missed', ['email', 'webhook'], [MINH, ROBIN], false],
      // At the informal step no level's decider is on the case yet: the district side is HR and deciders of every level.
      [`${WF}:2:case-closed`, 'case-closed', ['email', 'webhook', 'letter'], [MINH, ROBIN], false],
    ]);
    expect(notices[0]!.facts).toMatchObject({ rule: 'GRV-FILE-40', due: 'Thursday, December 3, 2026', levelName: 'the informal step', status: 'closed (waived)' });
    expect(notices[1]!.facts).toMatchObject({ outcome: 'waived', rule: 'GRV-FILE-40', reason: 'GRV-FILE-40: not presented in writing; waived' });
  });

  it('GRV-FINAL / GRV-ACCEPT: a demand for arbitration not made in time is told under GRV-FINAL, and the case closes', () => {
    const window: GrievanceProcess = { ...appealWindow, level: 2, decisions: [{ level: 2, outcome: 'denied', on: '2026-11-10' }], policy: TWO_LEVEL_ARBITRATION_POLICY };
    const accepted: GrievanceProcess = { ...window, status: 'closed', closed: { reason: 'accepted', on: '2026-12-14', rule: 'GRV-ACCEPT' } };
    const [missed, closing] = noticesForEvent(unclocked(accepted), { type: 'deadline-passed', deadline: 'arbitration' }, window, [], system, 5, {
      key: '2:arbitration',
      label: 'demand for arbitration due',
      due: '2026-12-14',
      overdueTo: ['grievant-side', 'district-side'],
    });
    expect(missed!.facts).toMatchObject({ rule: 'GRV-FINAL', deadlineLabel: 'demand for arbitration due', due: 'Monday, December 14, 2026' });
    expect(closing!.facts).toMatchObject({ outcome: 'accepted', rule: 'GRV-ACCEPT' });
  });

  it('GRV-DECISION-LATE / GRV-FINAL: a late last-level decision is told in writing; the final decision is still awaited, so no appeal and no finality', () => {
    const level3: GrievanceProcess = { ...awaitingDecision, level: 3, receivedOn: '2026-12-01' };
    const late: GrievanceProcess = { ...level3, decisions: [{ level: 3, outcome: 'missed', on: '2026-12-15' }] };
    const [notice, ...more] = noticesForEvent(contextOf(late, '2026-12-16', [clockDeadline(level3, 'decision', 'missed')]), { type: 'deadline-passed', deadline: 'decision' }, level3, ['GRV-DECISION-LATE: the level 3 decision is late'], system, 4, {
      key: '3:decision',
      label: 'level 3 written decision due',
      due: '2026-12-15',
      overdueTo: ['district-side', 'grievant-side'],
    });
    expect(more).toStrictEqual([]);
    expect(notice!.channels).toStrictEqual(['email', 'webhook', 'letter']);
    expect(notice!.facts).toMatchObject({ rule: 'GRV-DECIDE-10', status: 'awaiting decision', appealBy: '', nextLevelName: '', nextDecider: '', ifNoAppeal: '', finality: '', nextDeadline: '' });
    // The letter pictures the decision deadline that was missed.
    expect(notice!.deadline).toMatchObject({ rule: 'GRV-DECIDE-10', trigger: '2026-12-01', due: '2026-12-15' });
  });

  it('GRV-APPEAL-5: without the clock at hand a decision says the appeal date is not set yet, and pictures nothing', () => {
    const [notice] = noticesForEvent(unclocked(appealWindow), { type: 'decide', outcome: 'denied', text: 'No.' }, awaitingDecision, [], principal, 3);
    expect(notice!.facts.appealBy).toBe('5 school days after Tuesday, November 10, 2026; the date is set as soon as the district publishes the calendar that covers it');
    expect('deadline' in notice!).toBe(false);
    const late: GrievanceProcess = { ...appealWindow, decisions: [{ level: 1, outcome: 'missed', on: '2026-11-10' }] };
    const [missed] = noticesForEvent(unclocked(late), { type: 'deadline-passed', deadline: 'decision' }, awaitingDecision, [], system, 4, { key: '1:decision', label: 'level 1 written decision due', due: '2026-11-10', overdueTo: ['district-side'] });
    expect('deadline' in missed!).toBe(false);
    expect(missed!.facts.nextDecider).toBe('Chris Chief');
  });
});
