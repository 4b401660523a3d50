import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { DistrictCalendars, shiftDate } from '../../../src/domain/calendar';
import type { KernelContext } from '../../../src/domain/case/case-family';
import { DEFAULT_GRIEVANCE_REMINDER_POLICY } from '../../../src/domain/notices/reminder-policy';
import { openGrievance, type GrievanceCaseFile } from '../../../src/domain/grievance/grievance-case';
import { DEFAULT_GRIEVANCE_PROFILE, grievanceFamily, type GrievanceState } from '../../../src/domain/grievance/grievance-family';
import { startProcess, type GrievanceEvent, type GrievanceProcess } from '../../../src/domain/grievance/grievance-process';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../../../src/domain/grievance/sample-grievance-policies';
import { lakeview2026 } from '../../helpers/calendars';

/**
 * The grievance family on the case kernel (its parts that are not notices): clock keys per level, which action meets
 * which deadline, the status it publishes, who sees what, and the kernel's context passed through to the procedure.
 */
const lakeview = new DistrictCalendars('lakeview', [lakeview2026]);
const hr: Actor = { id: 'hr-1', roles: ['hr'], district: 'lakeview' };
const dana: Actor = { id: 'dana.reyes', roles: ['participant'], district: 'lakeview' };
const principal: Actor = { id: 'principal-lincoln', roles: ['decider'], district: 'lakeview', levels: [1] };
const otherPrincipal: Actor = { id: 'principal-adams', roles: ['decider'], district: 'lakeview', levels: [1] };
const auditor: Actor = { id: 'auditor-1', roles: ['auditor'], district: 'lakeview' };
const stranger: Actor = { id: 'kim.lo', roles: ['participant'], district: 'lakeview' };
const hrElsewhere: Actor = { id: 'hr-1', roles: ['hr'], district: 'harbor' };

const { actions: _log, ...opened } = openGrievance(
  {
    filing: {
      id: 'G-2026-001',
      grievants: [{ name: 'Dana Reyes', position: 'Grade 4 teacher', subject: 'dana.reyes' }],
      contacts: [
        { name: 'Pat Lee', role: 'decider', level: 1, subject: 'principal-lincoln' },
        { name: 'Ade Okafor', role: 'representative', subject: 'rep-okafor' },
      ],
      statement: 'No post-observation conference was held.',
      policyProvisions: ['Evaluation handbook 4.2'],
      correctiveAction: 'Hold the conference.',
      knewOn: '2026-10-01',
      signedBy: 'Dana Reyes',
      level: 1,
      conferenceRequested: true,
      disputes: ['evaluation-procedure'],
    },
    filedBy: hr,
  },
  new Date('2026-10-05T15:00:00Z'),
);
const file: GrievanceCaseFile = opened;
const stateAt = (process: GrievanceProcess): GrievanceState => ({ file, process });
const informal = stateAt(startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 0, conferenceRequested: false }));
const awaitingConference = stateAt(startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 1, conferenceRequested: true }));
const awaitingDecision = stateAt(startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 1, conferenceRequested: false }));
const atLevelTwo = stateAt({ ...awaitingDecision.process, level: 2 });

function kernel(actor: Actor, today: string, options: { dues?: Record<string, string>; parties?: 'checked' | 'legacy' } = {}): KernelContext & { shifts: unknown[] } {
  const shifts: unknown[] = [];
  return {
    today,
    actor,
    calendars: lakeview,
    shift: (date, unit, count) => {
      shifts.push([date, unit, count]);
      return shiftDate(lakeview, date, unit, count);
    },
    dueOfKey: (key) => options.dues?.[key],
    parties: options.parties ?? 'checked',
    shifts,
  };
}

describe('grievance family on the case kernel', () => {
  it('GRV-CONTENT: the family is `grievance`; its opening entry is the filing, with the stage it opened at', () => {
    expect(grievanceFamily.caseType).toBe('grievance');
    expect(grievanceFamily.opening(awaitingConference, DEFAULT_GRIEVANCE_PROFILE, hr, 'ignored')).toStrictEqual({
      action: 'filed',
      actor: hr,
      at: '2026-10-05T15:00:00.000Z',
      stage: { status: 'awaiting-conference', level: 1 },
    });
  });

  it('GRV-DECIDE-10: an action goes to the procedure with the actor\'s relation to the case; the case file is kept', () => {
    const result = grievanceFamily.transition(awaitingDecision, { type: 'decide', outcome: 'denied', text: 'No.' }, kernel(principal, '2026-10-14'));
    expect(result).toMatchObject({ ok: true, notes: ['GRV-APPEAL-5: level 1 decided, appeal window open'] });
    if (!result.ok) return;
    expect(result.state.file).toBe(file);
    expect(result.state.process).toMatchObject({ status: 'appeal-window', decisions: [{ level: 1, outcome: 'denied', on: '2026-10-14', by: principal }] });
  });

  it('GRV-DECIDE-10: a decider of the district who is not named for the level is no party; the named one decides only their level', () => {
    expect(grievanceFamily.transition(awaitingDecision, { type: 'decide', outcome: 'denied', text: 'No.' }, kernel(otherPrincipal, '2026-10-14'))).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(grievanceFamily.transition(atLevelTwo, { type: 'decide', outcome: 'denied', text: 'No.' }, kernel(principal, '2026-10-14'))).toStrictEqual({
      ok: false,
      kind: 'forbidden',
      rule: 'GRV-DECIDE-10',
      message: 'the level 2 decision is for its own decider',
    });
  });

  it('GRV-EXTEND: the side of a proposal is the actor\'s own; replayed from before parties were known, the recorded one', () => {
    const proposal = { type: 'propose-extension', deadline: 'decision', count: 3, party: 'district' } as const;
    expect(grievanceFamily.transition(awaitingDecision, proposal, kernel(dana, '2026-10-08'))).toMatchObject({ ok: true, state: { process: { proposal: { party: 'grievant', by: dana } } } });
    expect(grievanceFamily.transition(awaitingDecision, proposal, kernel(stranger, '2026-10-08'))).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(grievanceFamily.transition(awaitingDecision, proposal, kernel(stranger, '2026-10-08', { parties: 'legacy' }))).toMatchObject({
      ok: true,
      state: { process: { proposal: { party: 'district', by: stranger } } },
    });
  });

  it('GRV-FILE-40: the procedure reads the due date of its own level\'s deadline from the clock (`0:filing`)', () => {
    const declare = { type: 'declare-formal', conferenceRequested: false } as const;
    expect(grievanceFamily.transition(informal, declare, kernel(dana, '2026-12-04', { dues: { '0:filing': '2026-12-03' } }))).toStrictEqual({
      ok: false,
      kind: 'rule',
      rule: 'GRV-FILE-40',
      message: 'the 40-school-day limit ended on 2026-12-03: the grievance is waived',
    });
    // Another level's deadline under the same name is not this one.
    expect(grievanceFamily.transition(informal, declare, kernel(dana, '2026-12-04', { dues: { '1:filing': '2026-12-03' } }))).toMatchObject({ ok: true });
  });

  it('GRV-REP: the one-work-day delay is counted on the case calendars in work days', () => {
    const scheduled = stateAt({ ...awaitingDecision.process, conference: { on: '2026-10-09', outsideAssignedDuties: true, representativeDelayed: false } });
    const ctx = kernel(dana, '2026-10-09');
    const result = grievanceFamily.transition(scheduled, { type: 'representative-unavailable' }, ctx);
    expect(ctx.shifts).toEqual([['2026-10-09', 'work-day', 1]]);
    expect(result).toMatchObject({ ok: true, state: { process: { conference: { on: '2026-10-12', representativeDelayed: true } } } });
  });

  it('GRV-DECISION-LATE: a passed deadline is an event the case feeds itself, never an action someone may take', () => {
    expect(grievanceFamily.deadlinePassed('decision')).toStrictEqual({ type: 'deadline-passed', deadline: 'decision' });
    expect(grievanceFamily.passedDeadlineOf({ type: 'deadline-passed', deadline: 'appeal' })).toBe('appeal');
    expect(grievanceFamily.passedDeadlineOf({ type: 'withdraw' })).toBeUndefined();
    // A proposal names a deadline too; it is an action, not that deadline passing.
    expect(grievanceFamily.passedDeadlineOf({ type: 'propose-extension', deadline: 'decision', count: 5 })).toBeUndefined();
    // A procedure migration comes from the procedure's workflow (an HR admin ran it), never from a case request.
    expect(grievanceFamily.systemEvents).toEqual(['deadline-passed', 'policy-migrated']);
  });

  it('GRV-WITHDRAW: the action log names each action with what was asked; a passed deadline by its name', () => {
    const decide: GrievanceEvent = { type: 'decide', outcome: 'granted', text: 'Yes.' };
    expect(grievanceFamily.logEntry(decide)).toStrictEqual({ action: 'decide', details: decide });
    expect(grievanceFamily.logEntry({ type: 'deadline-passed', deadline: 'conference' })).toStrictEqual({ action: 'conference-deadline-passed' });
  });

  it('GRV-WITHDRAW: a closed case is closed, and publishes why it closed as its status', () => {
    const withdrawn = stateAt({ ...awaitingDecision.process, status: 'closed', closed: { reason: 'withdrawn', on: '2026-10-09', rule: 'GRV-WITHDRAW' } });
    expect(grievanceFamily.isClosed(withdrawn)).toBe(true);
    expect(grievanceFamily.isClosed(awaitingDecision)).toBe(false);
    expect(grievanceFamily.status(withdrawn)).toStrictEqual({ status: 'withdrawn', level: 1 });
    expect(grievanceFamily.status(atLevelTwo)).toStrictEqual({ status: 'awaiting-decision', level: 2 });
    expect(grievanceFamily.stage(withdrawn)).toStrictEqual({ status: 'closed', level: 1 });
    expect(grievanceFamily.stage(informal)).toStrictEqual({ status: 'informal', level: 0 });
  });

  it('GRV-DECIDE-10: each level runs its own deadlines, keyed by level (`2:decision`)', () => {
    expect(grievanceFamily.pendingDeadlines(atLevelTwo)).toStrictEqual([
      { key: '2:decision', label: 'level 2 written decision due', spec: { rule: 'GRV-DECIDE-10', trigger: '2026-10-05', unit: 'school-day', count: 10 } },
    ]);
    expect(grievanceFamily.pendingDeadlines(informal)).toStrictEqual([
      { key: '0:filing', label: 'written grievance due (40 school days after the teacher knew)', spec: { rule: 'GRV-FILE-40', trigger: '2026-10-01', unit: 'school-day', count: 40 } },
    ]);
    expect(grievanceFamily.clockKeyOf(atLevelTwo, 'appeal')).toBe('2:appeal');
    expect(grievanceFamily.deadlineOfKey('2:appeal')).toBe('appeal');
    expect(grievanceFamily.deadlineOfKey('0:filing')).toBe('filing');
  });

  it.each([
    [{ type: 'declare-formal', conferenceRequested: false }, informal, '0:filing', true],
    [{ type: 'schedule-conference', on: '2026-10-09' }, awaitingConference, '1:conference', true],
    [{ type: 'decide', outcome: 'denied', text: 'No.' }, awaitingDecision, '1:decision', true],
    [{ type: 'decide', outcome: 'denied', text: 'No.' }, atLevelTwo, '1:decision', false],
    [{ type: 'decide', outcome: 'denied', text: 'No.' }, atLevelTwo, '2:decision', true],
    [{ type: 'appeal', conferenceRequested: false }, awaitingDecision, '1:appeal', true],
    [{ type: 'appeal', conferenceRequested: false }, awaitingDecision, '2:appeal', false],
    [{ type: 'withdraw' }, awaitingDecision, '1:decision', false],
    [{ type: 'propose-extension', deadline: 'decision', count: 2 }, awaitingDecision, '1:decision', false],
    [{ type: 'representative-unavailable' }, awaitingDecision, '1:decision', false],
    [{ type: 'deadline-passed', deadline: 'decision' }, awaitingDecision, '1:decision', false],
  ] as const)('GRV-DECIDE-10 and the rest: %j meets the deadline %s of the stage before it: %s', (event, before, key, meets) => {
    expect(grievanceFamily.meets(event as GrievanceEvent, key, before)).toBe(meets);
  });

  it('GRV-APPEAL-5: a deadline settled at a level is counted anew when the case wants it again; a case loads the calendars around its filing', () => {
    expect(grievanceFamily.restartsSettled).toBe(true);
    expect(grievanceFamily.calendarYears(awaitingDecision, '2027-03-01')).toEqual(['2025-2026', '2026-2027', '2027-2028']);
  });

  it('GRV-DECISION-LATE: reminders follow the policy fixed when the case opened', () => {
    expect(DEFAULT_GRIEVANCE_PROFILE).toStrictEqual({ reminderPolicy: DEFAULT_GRIEVANCE_REMINDER_POLICY });
    const policy = { rules: [], overdueTo: ['district-side' as const], sendAt: { hour: 6, minute: 30 } };
    expect(grievanceFamily.reminderPolicy({ reminderPolicy: policy })).toBe(policy);
  });

  it.each([
    ['the grievant', dana, true, false],
    ['the representative', { id: 'rep-okafor', roles: ['participant'], district: 'lakeview' } as Actor, true, false],
    ['the named decider', principal, true, false],
    ['HR', hr, true, true],
    ['an auditor', auditor, true, true],
    ['another principal', otherPrincipal, false, false],
    ['another teacher', stranger, false, false],
    ["another district's HR", hrElsewhere, false, false],
  ] as const)('GRV-WITHDRAW: %s sees the case: %s; its whole record: %s', (_who, actor, sees, wholeRecord) => {
    expect(grievanceFamily.sees(awaitingDecision, actor)).toBe(sees);
    expect(grievanceFamily.seesAction(awaitingDecision, actor, 'decide')).toBe(sees);
    expect(grievanceFamily.seesWholeRecord(awaitingDecision, actor)).toBe(wholeRecord);
  });
});

describe("grievance family under a district's own procedure (issue 16)", () => {
  const underTwoLevels = (process: GrievanceProcess) => stateAt({ ...process, policy: TWO_LEVEL_ARBITRATION_POLICY });

  it('GRV-REP: a delay the procedure counts in calendar days is plain calendar arithmetic, not the case calendars', () => {
    const policy = { ...TWO_LEVEL_ARBITRATION_POLICY, representativeDelay: { count: 2, unit: 'calendar-day' as const } };
    const scheduled = stateAt({ ...awaitingDecision.process, policy, conference: { on: '2026-10-09', outsideAssignedDuties: true, representativeDelayed: false } });
    const ctx = kernel(dana, '2026-10-09');
    // Friday October 9 plus 2 calendar days is Sunday October 11.
    expect(grievanceFamily.transition(scheduled, { type: 'representative-unavailable' }, ctx)).toMatchObject({ ok: true, state: { process: { conference: { on: '2026-10-11' } } } });
    expect(ctx.shifts).toEqual([]);
  });

  it('GRV-FINAL: a demand for arbitration meets the demand deadline of its level; a migration is logged by version and reason', () => {
    const window = underTwoLevels({ ...awaitingDecision.process, level: 2, status: 'appeal-window', decisions: [{ level: 2, outcome: 'denied', on: '2026-10-14' }] });
    expect(grievanceFamily.meets({ type: 'demand-arbitration' }, '2:arbitration', window)).toBe(true);
    expect(grievanceFamily.meets({ type: 'demand-arbitration' }, '1:arbitration', window)).toBe(false);
    expect(grievanceFamily.logEntry({ type: 'policy-migrated', policy: { ...TWO_LEVEL_ARBITRATION_POLICY, version: 3 }, reason: 'typo in article 7' })).toStrictEqual({
      action: 'policy-migrated',
      details: { version: 3, reason: 'typo in article 7' },
    });
  });
});
