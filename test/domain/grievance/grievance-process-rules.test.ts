import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { DistrictCalendars, shiftDate } from '../../../src/domain/calendar';
import type { GrievanceRelation } from '../../../src/domain/grievance/grievance-parties';
import {
  pendingDeadlines,
  startProcess,
  transition,
  type DeadlineKey,
  type GrievanceEvent,
  type GrievanceProcess,
  type Level,
  type TransitionContext,
} from '../../../src/domain/grievance/grievance-process';
import { lakeview2026 } from '../../helpers/calendars';

/**
 * The grievance procedure, rule by rule (RULES.md GRV-*), with every expected value written out: states, deadlines
 * (rule, trigger, count, label), refusals (kind, rule, message) and the notes each step records for the timeline.
 * Dates are on the Lakeview calendar; work days come from it (GRV-REP).
 */
const lakeview = new DistrictCalendars('lakeview', [lakeview2026]);
const hr: Actor = { id: 'hr-1', roles: ['hr'], district: 'lakeview' };
const principal: Actor = { id: 'principal-1', roles: ['decider'], district: 'lakeview', levels: [1] };
const chief: Actor = { id: 'chief-1', roles: ['decider'], district: 'lakeview', levels: [2] };
const superintendent: Actor = { id: 'superintendent-1', roles: ['decider'], district: 'lakeview', levels: [3] };
const dana: Actor = { id: 'dana.reyes', roles: ['participant'], district: 'lakeview' };

type Dues = Partial<Record<DeadlineKey, string>>;

/** An action recorded before cases knew their parties: replayed as decided then. */
function legacy(today: string, dues: Dues = {}, actor: Actor = hr): TransitionContext {
  return { today, actor, shift: (date, limit) => shiftDate(lakeview, date, limit.unit as 'work-day', limit.count), dueOf: (key) => dues[key], parties: 'legacy' };
}

/** A new action: the actor stands to the case in `relation`, and decides at the levels `decides` lists. */
function as(relation: GrievanceRelation, actor: Actor, today: string, options: { dues?: Dues; decides?: readonly Level[] } = {}): TransitionContext {
  return {
    today,
    actor,
    shift: (date, limit) => shiftDate(lakeview, date, limit.unit as 'work-day', limit.count),
    dueOf: (key) => options.dues?.[key],
    parties: { relation, decidesAt: (level) => (options.decides ?? []).includes(level) },
  };
}

function accepted(state: GrievanceProcess, event: GrievanceEvent, ctx: TransitionContext) {
  const result = transition(state, event, ctx);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.message}`);
  return result;
}

/** Applies events in order, failing the test on any refusal. */
function run(state: GrievanceProcess, steps: [GrievanceEvent, TransitionContext][]): GrievanceProcess {
  return steps.reduce((s, [event, ctx]) => accepted(s, event, ctx).state, state);
}

const informal = () => startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 0, conferenceRequested: false });
const atLevel = (level: Level, conferenceRequested = false) => startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level, conferenceRequested });
const denied = { type: 'decide', outcome: 'denied', text: 'No violation found.' } as const;
const appeal = { type: 'appeal', conferenceRequested: false } as const;
const passed = (deadline: DeadlineKey) => ({ type: 'deadline-passed', deadline }) as const;

describe('GRV: where a filing starts', () => {
  it('GRV-INFORMAL / GRV-CONF-5: the informal step runs no conference (it is asked for when the grievance is declared formal)', () => {
    expect(startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 0, conferenceRequested: true })).toStrictEqual({
      knewOn: '2026-10-01',
      decisions: [],
      extensions: [],
      conferenceRequested: false,
      status: 'informal',
      level: 0,
    });
  });

  it.each([
    [1, true, 'awaiting-conference'],
    [1, false, 'awaiting-decision'],
    [2, true, 'awaiting-conference'],
    [3, false, 'awaiting-decision'],
  ] as const)('GRV-CONF-5 / GRV-COLLECTIVE: a written grievance at level %i with a conference requested: %s waits for %s', (level, conferenceRequested, status) => {
    expect(startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level, conferenceRequested })).toStrictEqual({
      knewOn: '2026-10-01',
      decisions: [],
      extensions: [],
      conferenceRequested,
      status,
      level,
      receivedOn: '2026-10-05',
    });
  });
});

describe('GRV: the deadline each stage runs, with its rule, trigger, count and label', () => {
  it('GRV-FILE-40: the informal step runs the 40-school-day filing limit from the day the teacher knew', () => {
    expect(pendingDeadlines(informal())).toStrictEqual({
      filing: { rule: 'GRV-FILE-40', trigger: '2026-10-01', unit: 'school-day', count: 40, label: 'written grievance due (40 school days after the teacher knew)' },
    });
  });

  it('GRV-CONF-5: a requested conference is scheduled within 5 school days after receipt', () => {
    expect(pendingDeadlines(atLevel(2, true))).toStrictEqual({
      conference: { rule: 'GRV-CONF-5', trigger: '2026-10-05', unit: 'school-day', count: 5, label: 'level 2 conference to be held' },
    });
  });

  it('GRV-DECIDE-10: the decision is due 10 school days after receipt', () => {
    expect(pendingDeadlines(atLevel(1))).toStrictEqual({
      decision: { rule: 'GRV-DECIDE-10', trigger: '2026-10-05', unit: 'school-day', count: 10, label: 'level 1 written decision due' },
    });
  });

  it.each([
    [1, 'appeal to level 2 due'],
    [2, 'appeal to level 3 due'],
  ] as const)('GRV-APPEAL-5: after a level %i decision the appeal is due 5 school days after it (%s)', (level, label) => {
    const decided = run(atLevel(level), [[denied, legacy('2026-10-14', {}, level === 1 ? principal : chief)]]);
    expect(pendingDeadlines(decided)).toStrictEqual({ appeal: { rule: 'GRV-APPEAL-5', trigger: '2026-10-14', unit: 'school-day', count: 5, label } });
  });

  it('GRV-WITHDRAW: a closed case runs no deadline', () => {
    expect(pendingDeadlines(run(atLevel(1), [[{ type: 'withdraw' }, legacy('2026-10-06')]]))).toStrictEqual({});
  });
});

describe('GRV-WITHDRAW / GRV-ACCEPT / GRV-FINAL: a closed case takes no further action', () => {
  const decidedAtOne = () => run(atLevel(1), [[denied, legacy('2026-10-14', {}, principal)]]);
  const closed: [string, () => GrievanceProcess, { reason: string; on: string; rule: string }][] = [
    ['withdrawn in the appeal window', () => run(decidedAtOne(), [[{ type: 'withdraw' }, legacy('2026-10-15')]]), { reason: 'withdrawn', on: '2026-10-15', rule: 'GRV-WITHDRAW' }],
    ['accepted', () => run(decidedAtOne(), [[passed('appeal'), legacy('2026-10-22', { appeal: '2026-10-21' })]]), { reason: 'accepted', on: '2026-10-21', rule: 'GRV-ACCEPT' }],
    ['final', () => run(atLevel(3), [[denied, legacy('2026-10-14', {}, superintendent)]]), { reason: 'final', on: '2026-10-14', rule: 'GRV-FINAL' }],
    ['waived', () => run(informal(), [[passed('filing'), legacy('2026-12-04', { filing: '2026-12-03' })]]), { reason: 'waived', on: '2026-12-03', rule: 'GRV-FILE-40' }],
    ['resolved informally', () => run(informal(), [[{ type: 'resolve-informally' }, legacy('2026-10-08')]]), { reason: 'resolved-informally', on: '2026-10-08', rule: 'GRV-INFORMAL' }],
  ];
  const events: GrievanceEvent[] = [
    { type: 'declare-formal', conferenceRequested: false },
    { type: 'resolve-informally' },
    { type: 'schedule-conference', on: '2026-10-28' },
    { type: 'representative-unavailable' },
    { type: 'decide', outcome: 'granted', text: 'Granted after all.' },
    appeal,
    { type: 'propose-extension', deadline: 'appeal', count: 5, party: 'grievant' },
    { type: 'accept-extension', party: 'district' },
    { type: 'withdraw' },
    passed('filing'),
    passed('conference'),
    passed('decision'),
    passed('appeal'),
  ];

  it.each(closed.flatMap(([name, state, closedAs]) => events.map((event) => [name, event.type === 'deadline-passed' ? `${event.deadline} deadline passing` : event.type, state, closedAs, event] as const)))(
    'GRV-WITHDRAW: a case %s refuses %s as a conflict naming the rule that closed it',
    (_name, _event, state, closedAs, event) => {
      const before = state();
      expect(before.closed).toEqual(closedAs);
      const message = `the case is closed (${closedAs.reason}): no further action is possible`;
      expect(transition(before, event, legacy('2026-10-27', { appeal: '2026-10-21', decision: '2026-10-19', filing: '2026-12-03', conference: '2026-10-12' }, principal))).toStrictEqual({
        ok: false,
        kind: 'conflict',
        rule: closedAs.rule,
        message,
      });
      expect(transition(before, event, as('hr', hr, '2026-10-27', { decides: [1, 2, 3] }))).toStrictEqual({ ok: false, kind: 'conflict', rule: closedAs.rule, message });
    },
  );

  it('GRV-WITHDRAW / GRV-ACCEPT: the appeal window passing after a withdrawal leaves the case withdrawn, never re-closed as accepted', () => {
    const withdrawn = run(decidedAtOne(), [[{ type: 'withdraw' }, legacy('2026-10-15')]]);
    expect(transition(withdrawn, passed('appeal'), legacy('2026-10-22', { appeal: '2026-10-21' }))).toMatchObject({ ok: false, rule: 'GRV-WITHDRAW' });
    expect(withdrawn).toMatchObject({ status: 'closed', closed: { reason: 'withdrawn', on: '2026-10-15', rule: 'GRV-WITHDRAW' } });
  });
});

describe('GRV-INFORMAL / GRV-FILE-40: the informal step', () => {
  it('GRV-INFORMAL: declaring formal starts level 1 on the day it is declared, keeping the extensions agreed meanwhile', () => {
    const extended = run(informal(), [
      [{ type: 'propose-extension', deadline: 'filing', count: 3, party: 'grievant' }, legacy('2026-10-05', {}, dana)],
      [{ type: 'accept-extension', party: 'district' }, legacy('2026-10-06')],
    ]);
    expect(pendingDeadlines(extended).filing?.count).toBe(43);
    const result = accepted(extended, { type: 'declare-formal', conferenceRequested: true }, legacy('2026-10-20', { filing: '2026-12-08' }, dana));
    expect(result.notes).toEqual(['GRV-INFORMAL: declared formal at level 1']);
    expect(result.state).toEqual({
      knewOn: '2026-10-01',
      decisions: [],
      extensions: [{ level: 0, deadline: 'filing', count: 3, proposedBy: dana, acceptedBy: hr }],
      conferenceRequested: true,
      status: 'awaiting-conference',
      level: 1,
      receivedOn: '2026-10-20',
    });
    // The filing extension was the informal step's: level 1 counts its own 5 school days.
    expect(pendingDeadlines(result.state).conference?.count).toBe(5);
  });

  it('GRV-FILE-40: declaring formal on the last day of the limit is in time; the day after it is waived', () => {
    expect(accepted(informal(), { type: 'declare-formal', conferenceRequested: false }, legacy('2026-12-03', { filing: '2026-12-03' })).state).toMatchObject({ status: 'awaiting-decision', level: 1 });
    expect(transition(informal(), { type: 'declare-formal', conferenceRequested: false }, legacy('2026-12-04', { filing: '2026-12-03' }))).toStrictEqual({
      ok: false,
      kind: 'rule',
      rule: 'GRV-FILE-40',
      message: 'the 40-school-day limit ended on 2026-12-03: the grievance is waived',
    });
  });

  it('GRV-INFORMAL: a formal grievance cannot be declared formal or resolved informally again', () => {
    expect(transition(atLevel(1), { type: 'declare-formal', conferenceRequested: false }, legacy('2026-10-06'))).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-INFORMAL',
      message: 'the grievance is already formal',
    });
    expect(transition(atLevel(1), { type: 'resolve-informally' }, legacy('2026-10-06'))).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-INFORMAL',
      message: 'only the informal step can be resolved informally',
    });
  });

  it('GRV-INFORMAL: an informal resolution closes the case on its day', () => {
    const result = accepted(informal(), { type: 'resolve-informally' }, legacy('2026-10-08'));
    expect(result.notes).toEqual(['GRV-INFORMAL: resolved informally']);
    expect(result.state).toMatchObject({ status: 'closed', closed: { reason: 'resolved-informally', on: '2026-10-08', rule: 'GRV-INFORMAL' } });
  });

  it('GRV-FILE-40: the limit passing waives the grievance on its due date', () => {
    const result = accepted(informal(), passed('filing'), legacy('2026-12-04', { filing: '2026-12-03' }));
    expect(result.notes).toEqual(['GRV-FILE-40: not presented in writing within 40 school days: waived']);
    expect(result.state.closed).toEqual({ reason: 'waived', on: '2026-12-03', rule: 'GRV-FILE-40' });
  });
});

describe('GRV-CONF-5 / GRV-PRIVATE / GRV-REP: the conference', () => {
  const dues = { conference: '2026-10-12' };

  it('GRV-CONF-5: a conference may be set for today, and for the last day of the 5 school days', () => {
    expect(accepted(atLevel(1, true), { type: 'schedule-conference', on: '2026-10-06' }, legacy('2026-10-06', dues)).state.conference?.on).toBe('2026-10-06');
    expect(accepted(atLevel(1, true), { type: 'schedule-conference', on: '2026-10-12' }, legacy('2026-10-06', dues)).state.conference?.on).toBe('2026-10-12');
  });

  it.each([
    ['in the past', '2026-10-05', 'the conference date 2026-10-05 is in the past'],
    ['after the 5 school days', '2026-10-13', 'the conference must be held within 5 school days after receipt, by 2026-10-12'],
  ])('GRV-CONF-5: a conference date %s is refused', (_name, on, message) => {
    expect(transition(atLevel(1, true), { type: 'schedule-conference', on }, legacy('2026-10-06', dues))).toStrictEqual({ ok: false, kind: 'rule', rule: 'GRV-CONF-5', message });
  });

  it('GRV-CONF-5: no conference can be scheduled where none waits', () => {
    expect(transition(atLevel(1), { type: 'schedule-conference', on: '2026-10-08' }, legacy('2026-10-06', dues))).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-CONF-5',
      message: 'no conference is waiting to be scheduled at this stage',
    });
  });

  it('GRV-CONF-5 / GRV-PRIVATE: scheduling records the date and time and says the conference is private', () => {
    const result = accepted(atLevel(1, true), { type: 'schedule-conference', on: '2026-10-09', at: '15:45' }, legacy('2026-10-06', dues));
    expect(result.notes).toEqual(['GRV-CONF-5: conference on 2026-10-09 at 15:45', 'GRV-PRIVATE: private conference (grievant, one representative, the decider)']);
    expect(result.state).toEqual({
      ...atLevel(1, true),
      status: 'awaiting-decision',
      conference: { on: '2026-10-09', at: '15:45', outsideAssignedDuties: true, representativeDelayed: false },
    });
    const untimed = accepted(atLevel(1, true), { type: 'schedule-conference', on: '2026-10-09', dutyConflictReason: '  ' }, legacy('2026-10-06', dues));
    expect(untimed.notes).toEqual(['GRV-CONF-5: conference on 2026-10-09', 'GRV-PRIVATE: private conference (grievant, one representative, the decider)']);
    expect(untimed.state.conference).toEqual({ on: '2026-10-09', outsideAssignedDuties: true, representativeDelayed: false });
  });

  it('GRV-PRIVATE: a conference during assigned duties records why, trimmed; without a reason it is refused', () => {
    const result = accepted(
      atLevel(1, true),
      { type: 'schedule-conference', on: '2026-10-09', outsideAssignedDuties: false, dutyConflictReason: ' the grievant coaches every afternoon ' },
      legacy('2026-10-06', dues),
    );
    expect(result.notes).toEqual([
      'GRV-CONF-5: conference on 2026-10-09',
      'GRV-PRIVATE: private conference (grievant, one representative, the decider)',
      'GRV-PRIVATE: during assigned duties because the grievant coaches every afternoon',
    ]);
    expect(result.state.conference).toEqual({
      on: '2026-10-09',
      outsideAssignedDuties: false,
      dutyConflictReason: 'the grievant coaches every afternoon',
      representativeDelayed: false,
    });
    expect(transition(atLevel(1, true), { type: 'schedule-conference', on: '2026-10-09', outsideAssignedDuties: false }, legacy('2026-10-06', dues))).toStrictEqual({
      ok: false,
      kind: 'rule',
      rule: 'GRV-PRIVATE',
      message: 'conferences are scheduled outside assigned duties where possible: state why this one cannot be',
    });
  });

  it('GRV-CONF-5: a conference not scheduled in time lets the decision clock run from the conference deadline', () => {
    const result = accepted(atLevel(1, true), passed('conference'), legacy('2026-10-13', dues));
    expect(result.notes).toEqual(['GRV-CONF-5: the conference was not held in time; the decision clock runs from its deadline']);
    expect(result.state).toEqual({ ...atLevel(1, true), status: 'awaiting-decision', conferenceMissedOn: '2026-10-12' });
    expect(pendingDeadlines(result.state).decision).toMatchObject({ trigger: '2026-10-12', count: 10 });
  });

  it('GRV-REP: the representative unavailable on Friday 2026-10-09 moves the conference one work day, to Monday 2026-10-12', () => {
    const scheduled = run(atLevel(1, true), [[{ type: 'schedule-conference', on: '2026-10-09', at: '15:45' }, legacy('2026-10-06', dues)]]);
    const result = accepted(scheduled, { type: 'representative-unavailable' }, legacy('2026-10-09'));
    expect(result.notes).toEqual(['GRV-REP: conference delayed one work day to 2026-10-12']);
    expect(result.state.conference).toEqual({ on: '2026-10-12', at: '15:45', outsideAssignedDuties: true, representativeDelayed: true });
    expect(transition(result.state, { type: 'representative-unavailable' }, legacy('2026-10-12'))).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-REP',
      message: 'the conference was already delayed once for the representative: it goes ahead without',
    });
  });

  it('GRV-REP: without a scheduled conference, or once the level has decided, there is no conference to delay', () => {
    const refusal = { ok: false, kind: 'conflict', rule: 'GRV-REP', message: 'no conference is scheduled' };
    expect(transition(atLevel(1), { type: 'representative-unavailable' }, legacy('2026-10-06'))).toStrictEqual(refusal);
    const decidedAfterConference = run(atLevel(1, true), [
      [{ type: 'schedule-conference', on: '2026-10-09' }, legacy('2026-10-06', dues)],
      [denied, legacy('2026-10-14', {}, principal)],
    ]);
    expect(decidedAfterConference.conference).toBeDefined();
    expect(transition(decidedAfterConference, { type: 'representative-unavailable' }, legacy('2026-10-15'))).toStrictEqual(refusal);
  });
});

describe('GRV-DECIDE-10 / GRV-DECISION-LATE / GRV-APPEAL-5 / GRV-FINAL: decisions level by level', () => {
  it('GRV-DECIDE-10: a decision opens the appeal window and records who decided, when and what', () => {
    const result = accepted(atLevel(1), denied, legacy('2026-10-14', {}, principal));
    expect(result.notes).toEqual(['GRV-APPEAL-5: level 1 decided, appeal window open']);
    expect(result.state).toEqual({
      ...atLevel(1),
      status: 'appeal-window',
      decisions: [{ level: 1, outcome: 'denied', text: 'No violation found.', on: '2026-10-14', by: principal }],
    });
  });

  it('GRV-DECIDE-10: no decision is due before the grievance is formal, during the conference wait, or in the appeal window', () => {
    for (const [state, status] of [
      [informal(), 'informal'],
      [atLevel(1, true), 'awaiting-conference'],
      [run(atLevel(1), [[denied, legacy('2026-10-14', {}, principal)]]), 'appeal-window'],
    ] as const) {
      expect(transition(state, denied, legacy('2026-10-15', {}, principal))).toStrictEqual({
        ok: false,
        kind: 'conflict',
        rule: 'GRV-DECIDE-10',
        message: `no decision is due at this stage (${status})`,
      });
    }
  });

  it("GRV-DECIDE-10: a decision recorded before cases knew their parties is refused when the decider's levels leave out the level", () => {
    const superintendentAndChief: Actor = { ...chief, levels: [2, 3] };
    expect(transition(atLevel(1), denied, legacy('2026-10-14', {}, superintendentAndChief))).toStrictEqual({
      ok: false,
      kind: 'forbidden',
      rule: 'GRV-DECIDE-10',
      message: 'the level 1 decision is for its own decider; this decider decides at level 2, 3',
    });
    expect(accepted(atLevel(2), denied, legacy('2026-10-14', {}, superintendentAndChief)).state.status).toBe('appeal-window');
    // A legacy decider token without levels decided any level.
    expect(accepted(atLevel(1), denied, legacy('2026-10-14', {}, { ...principal, levels: undefined })).state.status).toBe('appeal-window');
  });

  it("GRV-DECIDE-10: for a new decision the case's own decider decides, whatever levels the token claims", () => {
    // Named in the case as the level-1 decider, with a token that claims level 2 only.
    const named: Actor = { ...principal, levels: [2] };
    expect(accepted(atLevel(1), denied, as('decider', named, '2026-10-14', { decides: [1] })).state.decisions).toEqual([
      { level: 1, outcome: 'denied', text: 'No violation found.', on: '2026-10-14', by: named },
    ]);
    expect(transition(atLevel(2), denied, as('decider', principal, '2026-10-14', { decides: [1] }))).toStrictEqual({
      ok: false,
      kind: 'forbidden',
      rule: 'GRV-DECIDE-10',
      message: 'the level 2 decision is for its own decider',
    });
  });

  it('GRV-DECIDE-10: a decision ends an extension still being proposed', () => {
    const proposed = run(atLevel(1), [[{ type: 'propose-extension', deadline: 'decision', count: 5, party: 'district' }, legacy('2026-10-08', {}, principal)]]);
    expect(proposed.proposal).toBeDefined();
    expect(accepted(proposed, denied, legacy('2026-10-14', {}, principal)).state.proposal).toBeUndefined();
  });

  it('GRV-DECISION-LATE: a missed level-1 decision is appealable as if denied, from the missed deadline', () => {
    const proposed = run(atLevel(1), [[{ type: 'propose-extension', deadline: 'decision', count: 5, party: 'grievant' }, legacy('2026-10-08', {}, dana)]]);
    const result = accepted(proposed, passed('decision'), legacy('2026-10-20', { decision: '2026-10-19' }));
    expect(result.notes).toEqual(['GRV-DECISION-LATE: no level 1 decision by 2026-10-19; appealable as if denied']);
    expect(result.state).toEqual({ ...atLevel(1), status: 'appeal-window', decisions: [{ level: 1, outcome: 'missed', on: '2026-10-19' }] });
  });

  it('GRV-DECIDE-10: after a missed level-1 decision and an appeal, level 2 runs its own 10-school-day decision deadline', () => {
    const atTwo = run(atLevel(1), [
      [passed('decision'), legacy('2026-10-20', { decision: '2026-10-19' })],
      [appeal, legacy('2026-10-22', {}, dana)],
    ]);
    expect(atTwo).toMatchObject({ level: 2, status: 'awaiting-decision', receivedOn: '2026-10-22' });
    expect(pendingDeadlines(atTwo)).toStrictEqual({
      decision: { rule: 'GRV-DECIDE-10', trigger: '2026-10-22', unit: 'school-day', count: 10, label: 'level 2 written decision due' },
    });
  });

  it('GRV-DECISION-LATE: at level 3 the late decision is recorded, nothing more runs, and the decision is still awaited', () => {
    const result = accepted(atLevel(3), passed('decision'), legacy('2026-10-20', { decision: '2026-10-19' }));
    expect(result.notes).toEqual(['GRV-DECISION-LATE: the level 3 decision is late']);
    expect(result.state).toEqual({ ...atLevel(3), decisions: [{ level: 3, outcome: 'missed', on: '2026-10-19' }] });
    expect(pendingDeadlines(result.state)).toStrictEqual({});
  });

  it("GRV-DECISION-LATE: a passed deadline the clock no longer knows is dated today", () => {
    expect(accepted(atLevel(1), passed('decision'), legacy('2026-10-20')).state.decisions).toEqual([{ level: 1, outcome: 'missed', on: '2026-10-20' }]);
  });

  it("GRV-FINAL: a new decision never erases earlier levels' decisions; a late level-3 decision replaces only its own 'missed'", () => {
    const final = run(atLevel(1), [
      [denied, legacy('2026-10-14', {}, principal)],
      [appeal, legacy('2026-10-16', {}, dana)],
      [passed('decision'), legacy('2026-10-31', { decision: '2026-10-30' })],
      [appeal, legacy('2026-11-02', {}, dana)],
      [passed('decision'), legacy('2026-11-17', { decision: '2026-11-16' })],
    ]);
    expect(final.decisions.map((d) => [d.level, d.outcome])).toEqual([
      [1, 'denied'],
      [2, 'missed'],
      [3, 'missed'],
    ]);
    const result = accepted(final, { type: 'decide', outcome: 'partially-granted', text: 'Hold the conference; the rating stands.' }, legacy('2026-11-18', {}, superintendent));
    expect(result.notes).toEqual(['GRV-FINAL: the level 3 decision is final']);
    expect(result.state.decisions).toEqual([
      { level: 1, outcome: 'denied', text: 'No violation found.', on: '2026-10-14', by: principal },
      { level: 2, outcome: 'missed', on: '2026-10-30' },
      { level: 3, outcome: 'partially-granted', text: 'Hold the conference; the rating stands.', on: '2026-11-18', by: superintendent },
    ]);
    expect(result.state.closed).toEqual({ reason: 'final', on: '2026-11-18', rule: 'GRV-FINAL' });
  });

  it('GRV-APPEAL-5: a level-2 decision is added to the level-1 decision', () => {
    const decided = run(atLevel(1), [
      [denied, legacy('2026-10-14', {}, principal)],
      [appeal, legacy('2026-10-16', {}, dana)],
      [{ type: 'decide', outcome: 'granted', text: 'Granted.' }, legacy('2026-10-23', {}, chief)],
    ]);
    expect(decided.decisions.map((d) => [d.level, d.outcome, d.on])).toEqual([
      [1, 'denied', '2026-10-14'],
      [2, 'granted', '2026-10-23'],
    ]);
  });

  it('GRV-APPEAL-5: an appeal receives the grievance at the next level today, leaving the last level\'s conference and proposal behind', () => {
    const beforeAppeal = run(atLevel(1, true), [
      [{ type: 'schedule-conference', on: '2026-10-09' }, legacy('2026-10-06', { conference: '2026-10-12' })],
      [denied, legacy('2026-10-14', {}, principal)],
      [{ type: 'propose-extension', deadline: 'appeal', count: 3, party: 'grievant' }, legacy('2026-10-15', {}, dana)],
    ]);
    const result = accepted(beforeAppeal, { type: 'appeal', conferenceRequested: true }, legacy('2026-10-16', {}, dana));
    expect(result.notes).toEqual(['GRV-APPEAL-5: appealed to level 2']);
    expect(result.state).toEqual({
      knewOn: '2026-10-01',
      decisions: beforeAppeal.decisions,
      extensions: [],
      conferenceRequested: true,
      status: 'awaiting-conference',
      level: 2,
      receivedOn: '2026-10-16',
    });
  });

  it('GRV-APPEAL-5: there is nothing to appeal before a decision', () => {
    expect(transition(atLevel(1), appeal, legacy('2026-10-06'))).toStrictEqual({ ok: false, kind: 'conflict', rule: 'GRV-APPEAL-5', message: 'there is no decision to appeal at this stage' });
  });

  it('GRV-ACCEPT: not appealing within the window accepts the decision at that level', () => {
    const decided = run(atLevel(2), [[denied, legacy('2026-10-14', {}, chief)]]);
    const result = accepted(decided, passed('appeal'), legacy('2026-10-22', { appeal: '2026-10-21' }));
    expect(result.notes).toEqual(['GRV-ACCEPT: not appealed in time: the level 2 decision is accepted']);
    expect(result.state).toMatchObject({ status: 'closed', closed: { reason: 'accepted', on: '2026-10-21', rule: 'GRV-ACCEPT' } });
  });
});

describe('GRV-EXTEND: time limits extended by mutual agreement, for the level and deadline agreed', () => {
  const extend = (state: GrievanceProcess, deadline: DeadlineKey, count: number, today: string) =>
    run(state, [
      [{ type: 'propose-extension', deadline, count, party: 'district' }, legacy(today, {}, principal)],
      [{ type: 'accept-extension', party: 'grievant' }, legacy(today, {}, dana)],
    ]);

  it('GRV-EXTEND: a level-1 decision extension does not lengthen the appeal window nor level 2', () => {
    const extended = extend(atLevel(1), 'decision', 5, '2026-10-08');
    expect(pendingDeadlines(extended).decision?.count).toBe(15);
    const decided = run(extended, [[denied, legacy('2026-10-20', {}, principal)]]);
    expect(pendingDeadlines(decided).appeal?.count).toBe(5);
    const atTwo = run(decided, [[appeal, legacy('2026-10-22', {}, dana)]]);
    expect(pendingDeadlines(atTwo).decision).toMatchObject({ trigger: '2026-10-22', count: 10 });
  });

  it('GRV-EXTEND: a conference extension does not lengthen the decision that follows the conference', () => {
    const extended = extend(atLevel(1, true), 'conference', 2, '2026-10-06');
    expect(pendingDeadlines(extended).conference?.count).toBe(7);
    const scheduled = run(extended, [[{ type: 'schedule-conference', on: '2026-10-14' }, legacy('2026-10-07', { conference: '2026-10-14' })]]);
    expect(pendingDeadlines(scheduled).decision).toMatchObject({ trigger: '2026-10-14', count: 10 });
  });

  it('GRV-EXTEND: an appeal window extended by agreement gains the days; the next level\'s window does not', () => {
    const decided = run(atLevel(1), [[denied, legacy('2026-10-14', {}, principal)]]);
    const extended = extend(decided, 'appeal', 3, '2026-10-15');
    expect(pendingDeadlines(extended)).toStrictEqual({ appeal: { rule: 'GRV-APPEAL-5', trigger: '2026-10-14', unit: 'school-day', count: 8, label: 'appeal to level 2 due' } });
    const decidedAtTwo = run(extended, [
      [appeal, legacy('2026-10-16', {}, dana)],
      [denied, legacy('2026-10-23', {}, chief)],
    ]);
    expect(pendingDeadlines(decidedAtTwo).appeal?.count).toBe(5);
  });

  it('GRV-EXTEND: two extensions of one deadline add up', () => {
    const twice = extend(extend(atLevel(1), 'decision', 5, '2026-10-08'), 'decision', 3, '2026-10-09');
    expect(pendingDeadlines(twice).decision?.count).toBe(18);
  });

  it('GRV-EXTEND: proposing records the side, the days and the proposer; accepting records both', () => {
    const proposal = accepted(atLevel(1), { type: 'propose-extension', deadline: 'decision', count: 5, party: 'grievant' }, legacy('2026-10-08', {}, dana));
    expect(proposal.notes).toEqual(['GRV-EXTEND: grievant proposes 5 more school days']);
    expect(proposal.state.proposal).toEqual({ deadline: 'decision', count: 5, party: 'grievant', by: dana });
    const agreement = accepted(proposal.state, { type: 'accept-extension', party: 'district' }, legacy('2026-10-09', {}, principal));
    expect(agreement.notes).toEqual(['GRV-EXTEND: decision extended by 5 school days by mutual agreement']);
    expect(agreement.state.extensions).toEqual([{ level: 1, deadline: 'decision', count: 5, proposedBy: dana, acceptedBy: principal }]);
    expect(agreement.state.proposal).toBeUndefined();
  });

  it('GRV-EXTEND: a proposal recorded without its side, before cases knew their parties, was the district\'s', () => {
    const proposal = accepted(atLevel(1), { type: 'propose-extension', deadline: 'decision', count: 2 }, legacy('2026-10-08', {}, principal));
    expect(proposal.state.proposal).toEqual({ deadline: 'decision', count: 2, party: 'district', by: principal });
    expect(proposal.notes).toEqual(['GRV-EXTEND: district proposes 2 more school days']);
  });

  it('GRV-EXTEND: only a deadline that is running can be extended', () => {
    expect(transition(atLevel(1), { type: 'propose-extension', deadline: 'appeal', count: 3 }, as('grievant', dana, '2026-10-08'))).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-EXTEND',
      message: 'no appeal deadline is running',
    });
  });

  it('GRV-EXTEND: nothing can be accepted when nothing is proposed, and one side alone cannot extend', () => {
    expect(transition(atLevel(1), { type: 'accept-extension' }, as('grievant', dana, '2026-10-08'))).toStrictEqual({ ok: false, kind: 'conflict', rule: 'GRV-EXTEND', message: 'no extension is proposed' });
    const proposed = run(atLevel(1), [[{ type: 'propose-extension', deadline: 'decision', count: 5 }, as('decider', principal, '2026-10-08', { decides: [1] })]]);
    expect(transition(proposed, { type: 'accept-extension' }, as('hr', hr, '2026-10-09'))).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-EXTEND',
      message: 'the other side must accept the proposal: one side alone cannot extend a time limit',
    });
  });

  it('GRV-EXTEND: the proposer never accepts their own proposal, even from the other side', () => {
    // Recorded before cases knew their parties: HR proposed for the grievant's side.
    const proposed = run(atLevel(1), [[{ type: 'propose-extension', deadline: 'decision', count: 5, party: 'grievant' }, legacy('2026-10-08', {}, hr)]]);
    expect(transition(proposed, { type: 'accept-extension' }, as('hr', hr, '2026-10-09'))).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-EXTEND',
      message: 'the proposer cannot accept their own proposal: the other side must',
    });
    // Replayed as recorded then, the same acceptance stood.
    expect(accepted(proposed, { type: 'accept-extension', party: 'district' }, legacy('2026-10-09', {}, hr)).state.extensions).toHaveLength(1);
  });
});

describe('GRV-WITHDRAW: withdrawal', () => {
  it('GRV-WITHDRAW: withdrawn without prejudice, on its day, with any proposal dropped', () => {
    const proposed = run(atLevel(1), [[{ type: 'propose-extension', deadline: 'decision', count: 5, party: 'grievant' }, legacy('2026-10-08', {}, dana)]]);
    const result = accepted(proposed, { type: 'withdraw' }, as('grievant', dana, '2026-10-09'));
    expect(result.notes).toEqual(['GRV-WITHDRAW: withdrawn without prejudice']);
    expect(result.state).toEqual({ ...atLevel(1), status: 'closed', closed: { reason: 'withdrawn', on: '2026-10-09', rule: 'GRV-WITHDRAW' } });
  });
});

describe('GRV: who may act, with the rule and the parties named in the refusal', () => {
  it.each([
    [{ type: 'decide', outcome: 'denied', text: 'x' }, 'grievant', 'GRV-DECIDE-10', 'decide is for the decider of the case'],
    [appeal, 'decider', 'GRV-APPEAL-5', 'appeal is for the grievant, representative, hr of the case'],
    [{ type: 'schedule-conference', on: '2026-10-08' }, 'grievant', 'GRV-CONF-5', 'schedule-conference is for the decider, hr of the case'],
    [{ type: 'withdraw' }, 'auditor', 'GRV-WITHDRAW', 'withdraw is for the grievant, representative, hr of the case'],
    [{ type: 'propose-extension', deadline: 'decision', count: 1 }, 'other', 'GRV-EXTEND', 'propose-extension is for the grievant, representative, decider, hr of the case'],
    [{ type: 'declare-formal', conferenceRequested: false }, 'decider', 'GRV-INFORMAL', 'declare-formal is for the grievant, representative, hr of the case'],
    [{ type: 'resolve-informally' }, 'grievant', 'GRV-INFORMAL', 'resolve-informally is for the decider, hr of the case'],
    [{ type: 'representative-unavailable' }, 'decider', 'GRV-REP', 'representative-unavailable is for the grievant, representative, hr of the case'],
    [{ type: 'accept-extension' }, 'auditor', 'GRV-EXTEND', 'accept-extension is for the grievant, representative, decider, hr of the case'],
  ] as const)('GRV-WITHDRAW and the rest: %j by the %s is refused under %s', (event, relation, rule, message) => {
    expect(transition(atLevel(1), event as GrievanceEvent, as(relation, dana, '2026-10-06', { decides: [1] }))).toStrictEqual({ ok: false, kind: 'forbidden', rule, message });
  });

  it.each(['auditor', 'other', 'grievant'] as const)('GRV-DECISION-LATE: a passed deadline is the case\'s own event, whoever the clock runs for (%s)', (relation) => {
    expect(accepted(atLevel(1), passed('decision'), as(relation, dana, '2026-10-20', { dues: { decision: '2026-10-19' } })).state.status).toBe('appeal-window');
  });
});
