import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { addDays } from '../../../src/domain/calendar';
import {
  pendingDeadlines,
  startProcess,
  transition,
  type DeadlineKey,
  type GrievanceEvent,
  type GrievanceProcess,
  type TransitionContext,
} from '../../../src/domain/grievance/grievance-process';

const hr: Actor = { id: 'hr-1', roles: ['hr'], district: 'd' };
const principal: Actor = { id: 'principal-1', roles: ['decider'], district: 'd' };

function ctx(today: string, dues: Partial<Record<DeadlineKey, string>> = {}, actor: Actor = hr): TransitionContext {
  return { today, actor, shift: (date, limit) => addDays(date, limit.count), dueOf: (key) => dues[key], parties: 'legacy' };
}

/** Applies events in order, failing the test on any refusal. */
function run(state: GrievanceProcess, steps: [GrievanceEvent, TransitionContext][]): GrievanceProcess {
  return steps.reduce((s, [event, c]) => {
    const result = transition(s, event, c);
    if (!result.ok) throw new Error(`${event.type} refused: ${result.message}`);
    return result.state;
  }, state);
}

const formal = (conferenceRequested = false, level: 0 | 1 | 2 | 3 = 1) =>
  startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level, conferenceRequested });

describe('grievance process (pure)', () => {
  it('GRV-INFORMAL: the informal step runs the 40-school-day filing limit; declaring formal starts level 1; resolving closes', () => {
    const informal = formal(false, 0);
    expect(informal).toMatchObject({ status: 'informal', level: 0 });
    expect(pendingDeadlines(informal).filing).toMatchObject({ rule: 'GRV-FILE-40', trigger: '2026-10-01', count: 40 });

    const declared = run(informal, [[{ type: 'declare-formal', conferenceRequested: true }, ctx('2026-10-20', { filing: '2026-11-30' })]]);
    expect(declared).toMatchObject({ status: 'awaiting-conference', level: 1, receivedOn: '2026-10-20' });
    expect(pendingDeadlines(declared).filing).toBeUndefined();

    const resolved = run(informal, [[{ type: 'resolve-informally' }, ctx('2026-10-20')]]);
    expect(resolved.closed).toEqual({ reason: 'resolved-informally', on: '2026-10-20', rule: 'GRV-INFORMAL' });
  });

  it('GRV-FILE-40: the informal step does not stop the clock: declaring formal after the limit is refused, and the limit passing waives the grievance', () => {
    const informal = formal(false, 0);
    const late = transition(informal, { type: 'declare-formal', conferenceRequested: false }, ctx('2026-12-01', { filing: '2026-11-30' }));
    expect(late).toEqual({ ok: false, kind: 'rule', rule: 'GRV-FILE-40', message: 'the 40-school-day limit ended on 2026-11-30: the grievance is waived' });

    const waived = run(informal, [[{ type: 'deadline-passed', deadline: 'filing' }, ctx('2026-12-01', { filing: '2026-11-30' })]]);
    expect(waived.closed).toEqual({ reason: 'waived', on: '2026-11-30', rule: 'GRV-FILE-40' });
  });

  it('GRV-CONF-5: a requested conference is due within 5 school days after receipt; a later date is refused', () => {
    const state = formal(true);
    expect(pendingDeadlines(state).conference).toMatchObject({ rule: 'GRV-CONF-5', trigger: '2026-10-05', count: 5 });
    expect(transition(state, { type: 'schedule-conference', on: '2026-10-13' }, ctx('2026-10-06', { conference: '2026-10-12' }))).toMatchObject({
      ok: false,
      kind: 'rule',
      rule: 'GRV-CONF-5',
    });
    const scheduled = run(state, [[{ type: 'schedule-conference', on: '2026-10-09' }, ctx('2026-10-06', { conference: '2026-10-12' })]]);
    expect(scheduled).toMatchObject({ status: 'awaiting-decision', conference: { on: '2026-10-09', representativeDelayed: false } });
  });

  it('GRV-DECIDE-10: the decision is due 10 school days after receipt, or after the conference when one was requested', () => {
    expect(pendingDeadlines(formal(false)).decision).toMatchObject({ rule: 'GRV-DECIDE-10', trigger: '2026-10-05', count: 10 });
    const conferred = run(formal(true), [[{ type: 'schedule-conference', on: '2026-10-09' }, ctx('2026-10-06', { conference: '2026-10-12' })]]);
    expect(pendingDeadlines(conferred).decision).toMatchObject({ rule: 'GRV-DECIDE-10', trigger: '2026-10-09', count: 10 });
    // A conference never scheduled in time: the decision clock runs from the conference deadline [design].
    const missed = run(formal(true), [[{ type: 'deadline-passed', deadline: 'conference' }, ctx('2026-10-13', { conference: '2026-10-12' })]]);
    expect(pendingDeadlines(missed).decision).toMatchObject({ trigger: '2026-10-12' });
  });

  it.each([
    [1, 'appeal-window', undefined],
    [2, 'appeal-window', undefined],
    [3, 'closed', { reason: 'final', on: '2026-10-10', rule: 'GRV-FINAL' }],
  ] as const)('GRV-APPEAL-5 / GRV-FINAL: a level %i decision leads to %s', (level, status, closed) => {
    const decided = run(formal(false, level), [[{ type: 'decide', outcome: 'denied', text: 'No violation found.' }, ctx('2026-10-10', {}, principal)]]);
    expect(decided.status).toBe(status);
    expect(decided.closed).toEqual(closed);
    expect(decided.decisions).toEqual([{ level, outcome: 'denied', text: 'No violation found.', on: '2026-10-10', by: principal }]);
    if (level < 3) expect(pendingDeadlines(decided).appeal).toMatchObject({ rule: 'GRV-APPEAL-5', trigger: '2026-10-10', count: 5 });
  });

  it('GRV-APPEAL-5: an appeal moves the case to the next level with a new receipt date', () => {
    const appealed = run(formal(false), [
      [{ type: 'decide', outcome: 'denied', text: 'No.' }, ctx('2026-10-10', {}, principal)],
      [{ type: 'appeal', conferenceRequested: true }, ctx('2026-10-14')],
    ]);
    expect(appealed).toMatchObject({ level: 2, status: 'awaiting-conference', receivedOn: '2026-10-14' });
  });

  it('GRV-ACCEPT: no appeal within the window accepts the decision and closes the case; nothing more is allowed', () => {
    const accepted = run(formal(false), [
      [{ type: 'decide', outcome: 'partially-granted', text: 'Part.' }, ctx('2026-10-10', {}, principal)],
      [{ type: 'deadline-passed', deadline: 'appeal' }, ctx('2026-10-18', { appeal: '2026-10-16' })],
    ]);
    expect(accepted.closed).toEqual({ reason: 'accepted', on: '2026-10-16', rule: 'GRV-ACCEPT' });
    expect(transition(accepted, { type: 'appeal', conferenceRequested: false }, ctx('2026-10-19'))).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it('GRV-DECISION-LATE: a missed decision opens the appeal window from the missed deadline, as if denied', () => {
    const late = run(formal(false), [[{ type: 'deadline-passed', deadline: 'decision' }, ctx('2026-10-20', { decision: '2026-10-19' })]]);
    expect(late.status).toBe('appeal-window');
    expect(late.decisions).toEqual([{ level: 1, outcome: 'missed', on: '2026-10-19' }]);
    expect(pendingDeadlines(late).appeal).toMatchObject({ trigger: '2026-10-19' });
    const appealed = run(late, [[{ type: 'appeal', conferenceRequested: false }, ctx('2026-10-21')]]);
    expect(appealed).toMatchObject({ level: 2, status: 'awaiting-decision' });
  });

  it('GRV-DECISION-LATE: at level 3 the late decision is recorded and still awaited', () => {
    const late = run(formal(false, 3), [[{ type: 'deadline-passed', deadline: 'decision' }, ctx('2026-10-20', { decision: '2026-10-19' })]]);
    expect(late.status).toBe('awaiting-decision');
    expect(pendingDeadlines(late)).toEqual({});
    const decided = run(late, [[{ type: 'decide', outcome: 'granted', text: 'Granted.' }, ctx('2026-10-22', {}, principal)]]);
    expect(decided.closed?.rule).toBe('GRV-FINAL');
    expect(decided.decisions.map((d) => d.outcome)).toEqual(['granted']);
  });

  it('GRV-EXTEND: a proposal moves nothing until the other side accepts; then the deadline gains the days', () => {
    const proposed = run(formal(false), [[{ type: 'propose-extension', deadline: 'decision', count: 5, party: 'district' }, ctx('2026-10-08', {}, principal)]]);
    expect(pendingDeadlines(proposed).decision?.count).toBe(10);
    expect(transition(proposed, { type: 'accept-extension', party: 'district' }, ctx('2026-10-08'))).toMatchObject({ ok: false, kind: 'conflict', rule: 'GRV-EXTEND' });
    const agreed = run(proposed, [[{ type: 'accept-extension', party: 'grievant' }, ctx('2026-10-09')]]);
    expect(pendingDeadlines(agreed).decision?.count).toBe(15);
    expect(agreed.extensions).toEqual([{ level: 1, deadline: 'decision', count: 5, proposedBy: principal, acceptedBy: hr }]);
    expect(transition(formal(false), { type: 'propose-extension', deadline: 'appeal', count: 3, party: 'grievant' }, ctx('2026-10-08'))).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it.each(['informal', 'awaiting-conference', 'awaiting-decision', 'appeal-window'] as const)('GRV-WITHDRAW: withdrawal closes the case from %s', (status) => {
    const start: Record<typeof status, GrievanceProcess> = {
      informal: formal(false, 0),
      'awaiting-conference': formal(true),
      'awaiting-decision': formal(false),
      'appeal-window': run(formal(false), [[{ type: 'decide', outcome: 'denied', text: 'No.' }, ctx('2026-10-10', {}, principal)]]),
    };
    const withdrawn = run(start[status], [[{ type: 'withdraw' }, ctx('2026-10-12')]]);
    expect(withdrawn.closed).toEqual({ reason: 'withdrawn', on: '2026-10-12', rule: 'GRV-WITHDRAW' });
    expect(pendingDeadlines(withdrawn)).toEqual({});
  });

  it('GRV-REP: an unavailable representative delays the conference one work day, once; then it goes ahead without', () => {
    const scheduled = run(formal(true), [[{ type: 'schedule-conference', on: '2026-10-09' }, ctx('2026-10-06', { conference: '2026-10-12' })]]);
    const delayed = run(scheduled, [[{ type: 'representative-unavailable' }, ctx('2026-10-09')]]);
    expect(delayed.conference).toMatchObject({ on: '2026-10-10', representativeDelayed: true });
    expect(pendingDeadlines(delayed).decision?.trigger).toBe('2026-10-10');
    expect(transition(delayed, { type: 'representative-unavailable' }, ctx('2026-10-10'))).toMatchObject({ ok: false, kind: 'conflict', rule: 'GRV-REP' });
  });

  it.each([
    ['outside assigned duties by default', {}, { ok: true }],
    ['during duties with the reason it cannot be otherwise', { outsideAssignedDuties: false, dutyConflictReason: 'the grievant coaches every afternoon' }, { ok: true }],
    ['during duties without a reason', { outsideAssignedDuties: false }, { ok: false, kind: 'rule', rule: 'GRV-PRIVATE' }],
    ['during duties with a blank reason', { outsideAssignedDuties: false, dutyConflictReason: '  ' }, { ok: false, kind: 'rule', rule: 'GRV-PRIVATE' }],
  ] as const)('GRV-PRIVATE: a private conference is scheduled %s', (_name, extra, expected) => {
    const result = transition(formal(true), { type: 'schedule-conference', on: '2026-10-09', at: '15:45', ...extra }, ctx('2026-10-06', { conference: '2026-10-12' }));
    expect(result).toMatchObject(expected);
    if (result.ok) {
      expect(result.state.conference).toMatchObject({ on: '2026-10-09', at: '15:45', outsideAssignedDuties: !('outsideAssignedDuties' in extra) });
      expect(result.notes).toContain('GRV-PRIVATE: private conference (grievant, one representative, the decider)');
    }
  });

  it('GRV-COLLECTIVE: a collective grievance may start above level 1', () => {
    const collective = startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 2, conferenceRequested: false });
    expect(collective).toMatchObject({ status: 'awaiting-decision', level: 2 });
    expect(pendingDeadlines(collective).decision).toMatchObject({ rule: 'GRV-DECIDE-10' });
  });

  it.each([
    [{ type: 'decide', outcome: 'denied', text: 'x' }, 'informal'],
    [{ type: 'appeal', conferenceRequested: false }, 'awaiting-decision'],
    [{ type: 'schedule-conference', on: '2026-10-08' }, 'awaiting-decision'],
    [{ type: 'resolve-informally' }, 'awaiting-decision'],
  ] as const)('refuses %j in state %s as a conflict, changing nothing', (event, status) => {
    const state = status === 'informal' ? formal(false, 0) : formal(false);
    const result = transition(state, event as GrievanceEvent, ctx('2026-10-07'));
    expect(result).toMatchObject({ ok: false, kind: 'conflict' });
  });
});
