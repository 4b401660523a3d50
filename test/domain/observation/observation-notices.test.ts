import { describe, expect, it } from 'vitest';
import type { ObservationCycle } from '../../../src/domain/observation/observation-cycle';
import { observationFamily } from '../../../src/domain/observation/observation-family';
import { cycleNoticesForEvent, cycleReceipt, cycleReminder, cycleUrl, violationNotice, type ObservationNoticeContext } from '../../../src/domain/observation/observation-notices';
import { startCycle } from '../../../src/domain/observation/observation-process';
import { auditor, certified, cycleStart, educator, hr, lee, ng, run } from './observation-fixtures';

const WF = 'observation-cycle:riverside:2027-2028:E1001';
const open = (profile?: Parameters<typeof cycleStart>[0]) => startCycle(cycleStart(profile));
const ctx = (cycle: ObservationCycle, today = '2027-08-20'): ObservationNoticeContext => ({ cycle, workflowId: WF, today });
const rated1 = { category: 'teacher', license: 'professional', prior: { loe: 1 } } as const;
const rated5 = { category: 'teacher', license: 'professional', prior: { growth: 5 } } as const;
const services = { category: 'school-services', license: 'professional', prior: { loe: 3 } } as const;

describe('the notices of an observation cycle (OBS-*, GRV-DEF)', () => {
  it('OBS-TRACK: the receipt names the track and, where they apply, the coaching conversation and the announcement rule', () => {
    const notice = cycleReceipt(ctx(open()), hr);
    expect(notice).toMatchObject({ deliveryId: `${WF}:receipt`, kind: 'filing-receipt', caseType: 'observation-cycle', caseId: '2027-2028:E1001', district: 'riverside', template: 'observation-cycle/filing-receipt', channels: ['email', 'webhook'] });
    expect(notice.facts).toEqual({
      caseId: '2027-2028:E1001',
      district: 'riverside',
      schoolYear: '2027-2028',
      educator: 'Dana Reyes',
      track: 'Professional license, prior 2-4 (2 formal observation(s))',
      status: 'in progress',
      today: '2027-08-20',
      caseUrl: '/v1/observations/2027-2028:E1001',
      nextDeadline: '',
      receivedOn: 'Friday, August 20, 2027',
      openedBy: 'Human Resources',
      coaching: '',
      announcement: 'At least half of the observations are unannounced (OBS-UNANNOUNCED).',
    });
    expect(notice.recipients).toEqual([
      { name: 'Dana Reyes', role: 'educator', audience: 'grievant-side', email: 'dana@example.org' },
      { name: 'Pat Lee', role: 'evaluator', audience: 'district-side', email: 'lee@example.org' },
      { name: 'HR office', role: 'hr', audience: 'district-side', email: 'hr@example.org' },
    ]);
    expect(cycleReceipt(ctx(open(rated1)), hr).facts.coaching).toBe('An initial coaching conversation comes before the first observation (OBS-COACHING).');
    expect(cycleReceipt(ctx(open(services)), hr).facts.announcement).toBe('Every observation is announced (OBS-UNANNOUNCED).');
    expect(cycleReceipt(ctx(open(rated5)), hr).facts.track).toBe('Prior LOE or individual growth of 5 (1 formal observation(s) and 2 walkthrough(s))');
    expect(cycleUrl({ id: '2027-2028:E1001' })).toBe('/v1/observations/2027-2028:E1001');
  });

  it('OBS-TRACK: without contacts, people are named by their part', () => {
    const bare: ObservationCycle = { ...open(), contacts: {}, evaluators: [{ id: 'ev-lee', email: 'lee@example.org' }] };
    const notice = cycleReceipt(ctx(bare), lee);
    expect(notice.facts).toMatchObject({ educator: 'the educator', openedBy: 'the evaluator' });
    expect(notice.recipients.map((r) => r.name)).toEqual(['the educator', 'the evaluator', 'Human Resources']);
    expect(cycleReceipt(ctx(open()), auditor).facts.openedBy).toBe('the district');
    expect(cycleReceipt(ctx(open()), { id: 'system:deadline', roles: [], district: 'riverside' }).facts.openedBy).toBe('the case clock');
    expect(cycleReceipt(ctx(open()), educator).facts.openedBy).toBe('Dana Reyes');
    expect(cycleReceipt(ctx(open()), { id: 'idp-1', employeeId: 'ev-lee', roles: ['decider'], district: 'riverside' }).facts.openedBy).toBe('Pat Lee');
  });

  it('OBS-TRACK: the educator without a contact name is "the educator"; an evaluator named in the cycle by their name', () => {
    const bare: ObservationCycle = { ...open(), contacts: {} };
    expect(cycleReceipt(ctx(bare), educator).facts.openedBy).toBe('the educator');
    expect(cycleReceipt(ctx(open()), lee).facts.openedBy).toBe('Pat Lee');
    expect(cycleReceipt(ctx(open()), ng).facts.openedBy).toBe('the evaluator');
  });

  it('OBS-POSTCONF: a violation naming evaluators by login id names them in the notice by the name the cycle has (ev-ng has none)', () => {
    const cycle = run(open(), [
      ['2027-09-13', { type: 'hold-pre-conference', lessonPlanReviewed: true, certification: certified }, lee],
      ['2027-09-14', { type: 'observe', kind: 'formal', announced: true, observation: 1, certification: certified }, ng],
    ]);
    expect(cycle.violations.map((v) => v.rule)).toEqual(['OBS-POSTCONF']);
    expect(violationNotice(ctx(cycle, '2027-09-14'), cycle.violations[0]!).facts.facts).toBe(
      'Observation 1 on 2027-09-14 was conducted by evaluator ev-ng, but its pre-conference (2027-09-13) by evaluator Pat Lee: the same evaluator holds both.',
    );
    const step = cycleNoticesForEvent(ctx(cycle, '2027-09-14'), { type: 'observe', kind: 'formal', announced: true, observation: 1, certification: certified }, open(), ['seen by ev-lee', 'and ev-ng'], ng, 2);
    expect(step[0]!.facts.notes).toBe('seen by Pat Lee; and ev-ng');
  });

  it('OBS-FEEDBACK-7: a reminder of the feedback week goes to the evaluators with an address and HR', () => {
    const current = { state: 'running', rule: 'OBS-FEEDBACK-7', trigger: '2027-09-14', unit: 'calendar-day', count: 7, due: '2027-09-21', dueAt: '2027-09-22T06:59:59.999Z', timeZone: 'America/Los_Angeles', skipped: [] } as const;
    const notice = cycleReminder(ctx(open(), '2027-09-17'), { id: 'feedback:1:remind-2', deadlineKey: 'feedback:1', due: '2027-09-21', on: '2027-09-17', atMs: 0, schoolDaysBefore: 2, to: ['district-side'] }, { label: 'Written feedback on observation 1', current });
    expect(notice).toMatchObject({ deliveryId: `${WF}:feedback:1:remind-2`, kind: 'deadline-reminder', channels: ['email', 'webhook'] });
    expect(notice.facts).toMatchObject({
      deadlineLabel: 'Written feedback on observation 1',
      dueOn: 'Tuesday, September 21, 2027',
      due: 'Tuesday, September 21, 2027, until 11:59 p.m. (America/Los_Angeles time)',
      rule: 'OBS-FEEDBACK-7',
      schoolDaysLeft: '2',
      explanation: '7 calendar days after Tuesday, September 14, 2027 (that day not counted)',
    });
    expect(notice.recipients.map((r) => r.role)).toEqual(['evaluator', 'hr']);
  });

  it('GRV-DEF / GRV-FILE-40: a process violation is told to both sides with how to grieve it and from when', () => {
    const cycle = run(open(), [['2027-09-14', { type: 'observe', kind: 'formal', announced: true, certification: certified }, lee]]);
    const notice = violationNotice(ctx(cycle, '2027-09-14'), cycle.violations[0]!);
    expect(notice).toMatchObject({ deliveryId: `${WF}:violation:V1`, kind: 'process-violation', template: 'observation-cycle/process-violation', channels: ['email', 'webhook'] });
    expect(notice.facts).toMatchObject({
      violation: 'V1',
      rule: 'OBS-PRECONF',
      facts: 'Announced observation 1 on 2027-09-14 was not preceded by a pre-conference.',
      missedOn: 'Tuesday, September 14, 2027',
      grievance:
        'The evaluation process is grievable (GRV-DEF). A grievance about it is presented within 40 school days after Tuesday, September 14, 2027 (GRV-FILE-40); Human Resources files it from this violation with POST /v1/grievances {"fromViolation": {"cycle": "2027-2028:E1001", "violation": "V1"}}.',
    });
    expect(notice.recipients.map((r) => r.role)).toEqual(['educator', 'evaluator', 'hr']);
  });

  it('OBS-PRECONF: a step is told to the educator by email, with each violation it found', () => {
    const before = open();
    const after = run(before, [['2027-09-14', { type: 'observe', kind: 'formal', announced: true, certification: certified }, ng]]);
    const list = cycleNoticesForEvent(ctx(after, '2027-09-14'), { type: 'observe', kind: 'formal', announced: true, certification: certified }, before, ['a', 'b'], ng, 4);
    expect(list.map((n) => [n.deliveryId, n.kind, n.channels])).toEqual([
      [`${WF}:4:observe`, 'action-recorded', ['email']],
      [`${WF}:violation:V1`, 'process-violation', ['email', 'webhook']],
    ]);
    expect(list[0]!.facts).toMatchObject({ action: 'observe', actionText: 'observe', actor: 'the evaluator', at: 'Tuesday, September 14, 2027', notes: 'a; b', status: 'in progress' });
    expect(list[0]!.recipients.map((r) => r.role)).toEqual(['educator']);
  });

  it('GRV-DEF / OBS-TRACK: a linked grievance and HR ending the cycle send no step notice; the close sends the report to both', () => {
    const withViolation = run(open(), [['2027-09-14', { type: 'observe', kind: 'formal', announced: true, certification: certified }, lee]]);
    const linked = run(withViolation, [['2027-09-20', { type: 'record-grievance', violation: 'V1', grievance: { id: 'G-1', workflowId: 'w' } }, hr]]);
    expect(cycleNoticesForEvent(ctx(linked), { type: 'record-grievance', violation: 'V1', grievance: { id: 'G-1', workflowId: 'w' } }, withViolation, [], hr, 5)).toEqual([]);
    const ended = run(linked, [['2027-09-22', { type: 'end-cycle', reason: 'moved' }, hr]]);
    const list = cycleNoticesForEvent(ctx(ended, '2027-09-22'), { type: 'end-cycle', reason: 'moved' }, linked, ['closing'], hr, 6);
    expect(list.map((n) => [n.deliveryId, n.kind])).toEqual([
      [`${WF}:violation:V2`, 'process-violation'],
      [`${WF}:violation:V3`, 'process-violation'],
      [`${WF}:violation:V4`, 'process-violation'],
      [`${WF}:6:case-closed`, 'case-closed'],
    ]);
    expect(list[3]!.channels).toEqual(['email', 'webhook']);
    // V2 the formal observations short, V3 none unannounced, V4 observation 1 without its post-conference (the
    // missed pre-conference, self-score and feedback are not recorded twice).
    expect(ended.violations.map((v) => v.rule)).toEqual(['OBS-PRECONF', 'OBS-TRACK', 'OBS-UNANNOUNCED', 'OBS-POSTCONF']);
    expect(list[3]!.facts).toMatchObject({
      outcome: 'ended',
      rule: 'OBS-TRACK',
      closedOn: 'Wednesday, September 22, 2027',
      violations: '4',
      status: 'ended',
      report: [
        'OBS-TRACK: not met (1 of 2 formal observations held)',
        'OBS-UNANNOUNCED: not met (0 of 1 observation(s) unannounced; at least half are)',
        "OBS-PRECONF: not met (0 of 1 announced observation(s) preceded by the observer's pre-conference)",
        'OBS-SELF-SCORE: not met (0 of 1 self-score form(s) submitted)',
        'OBS-POSTCONF: not met (0 of 1 observation(s) followed by a post-conference with the observer)',
        'OBS-FEEDBACK-7: not met (0 of 1 written feedback(s) within the week)',
        'OBS-CERTIFIED: met (1 observation(s), each by an evaluator certified for 2027-2028)',
      ].join('\n'),
    });
    expect(list[3]!.recipients.map((r) => r.role)).toEqual(['educator', 'evaluator', 'hr']);
    const passed = cycleNoticesForEvent(ctx(linked), { type: 'deadline-passed', deadline: 'grievance-window' }, linked, [], hr, 7);
    expect(passed).toEqual([]);
    // A grievance linked after the close: the cycle was closed before, so no second close.
    const linkedAfter = run(ended, [['2027-09-30', { type: 'record-grievance', violation: 'V2', grievance: { id: 'G-2', workflowId: 'w2' } }, hr]]);
    expect(cycleNoticesForEvent(ctx(linkedAfter), { type: 'record-grievance', violation: 'V2', grievance: { id: 'G-2', workflowId: 'w2' } }, ended, [], hr, 8)).toEqual([]);
  });

  it('OBS-TRACK: the kernel builds the receipt and each change\'s notices from the cycle', () => {
    const cycle = open();
    const facts = { state: cycle, profile: {}, workflowId: WF, today: '2027-08-20' };
    expect(observationFamily.caseType).toBe('observation-cycle');
    const current = { state: 'running', rule: 'OBS-TRACK', trigger: '2028-06-01', unit: 'calendar-day', count: 1, due: '2028-06-02', dueAt: '2028-06-03T06:59:59.999Z', timeZone: 'America/Los_Angeles', skipped: [] } as const;
    const reminder = { id: 'year-end:remind-20', deadlineKey: 'year-end', due: '2028-06-02', on: '2028-05-04', atMs: 0, schoolDaysBefore: 20, to: ['district-side'] } as const;
    expect(observationFamily.reminder(facts as never, reminder, { label: 'End of the observation cycle', current })).toEqual(cycleReminder(ctx(cycle), reminder, { label: 'End of the observation cycle', current }));
    expect(observationFamily.openingNotices(facts as never, hr)).toEqual([cycleReceipt(ctx(cycle), hr)]);
    const after = run(cycle, [['2027-08-20', { type: 'assign-evaluator', evaluator: { id: 'ev-x' } }, hr]]);
    expect(observationFamily.noticesFor({ ...facts, state: after } as never, { event: { type: 'assign-evaluator', evaluator: { id: 'ev-x' } }, before: cycle, notes: ['n'], actor: hr, actions: 1 })).toEqual(
      cycleNoticesForEvent(ctx(after), { type: 'assign-evaluator', evaluator: { id: 'ev-x' } }, cycle, ['n'], hr, 1),
    );
  });
});
