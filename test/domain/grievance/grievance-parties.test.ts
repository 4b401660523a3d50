import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { addDays } from '../../../src/domain/calendar';
import { openGrievance, type GrievanceCaseFile } from '../../../src/domain/grievance/grievance-case';
import { decidesAt, grievanceRelation, sideOf, type GrievanceRelation } from '../../../src/domain/grievance/grievance-parties';
import { startProcess, transition, type GrievanceAction, type GrievanceProcess, type TransitionContext } from '../../../src/domain/grievance/grievance-process';
import { aFiling } from '../../helpers/grievance-fixtures';

const d = 'district-a';
const people = {
  grievant: { id: 'dana.reyes', roles: ['participant'], district: d },
  grievantByEmployeeId: { id: 'idp|8812', employeeId: 'E-1001', roles: ['participant'], district: d },
  representative: { id: 'rep-okafor', roles: ['participant'], district: d },
  namedDecider: { id: 'principal-lincoln', roles: ['decider'], district: d, levels: [1] },
  levelTwoDecider: { id: 'chief-officer', roles: ['decider'], district: d, levels: [2] },
  unnamedLevelOneDecider: { id: 'assistant-principal', roles: ['decider'], district: d, levels: [1] },
  hr: { id: 'hr-clerk', roles: ['hr'], district: d },
  auditor: { id: 'auditor-1', roles: ['auditor'], district: d },
  stranger: { id: 'someone-else', roles: ['participant'], district: d },
  panel: { id: 'panel-chair', roles: ['panel'], district: d },
  otherDistrictHr: { id: 'hr-clerk', roles: ['hr'], district: 'district-b' },
  grievantElsewhere: { id: 'dana.reyes', roles: ['participant'], district: 'district-b' },
} satisfies Record<string, Actor>;

const { actions: _log, ...file } = openGrievance(
  {
    filing: aFiling({
      grievants: [
        { name: 'Dana Reyes', position: 'Grade 4 teacher', subject: 'dana.reyes' },
        { name: 'Kim Lo', position: 'Grade 5 teacher', subject: 'E-1001' },
      ],
      contacts: [
        { name: 'Ade Okafor', role: 'representative', subject: 'rep-okafor' },
        { name: 'Pat Lee', role: 'decider', level: 1, subject: 'principal-lincoln' },
        { name: 'HR office', role: 'hr' },
      ],
    }),
    filedBy: people.hr,
  },
  new Date('2026-10-05T15:00:00Z'),
);
const caseFile: GrievanceCaseFile = file;

describe('grievance parties (pure): who stands how to a case', () => {
  it.each([
    ['grievant', people.grievant, 'grievant'],
    ['grievant known by the employee id claim', people.grievantByEmployeeId, 'grievant'],
    ['representative', people.representative, 'representative'],
    ['the named level-1 decider', people.namedDecider, 'decider'],
    ['a level-2 decider (no level-2 decider named)', people.levelTwoDecider, 'decider'],
    ['another level-1 decider (level 1 has a named decider)', people.unnamedLevelOneDecider, 'other'],
    ['HR', people.hr, 'hr'],
    ['an auditor', people.auditor, 'auditor'],
    ['a teacher with no part in it', people.stranger, 'other'],
    ['the PAR panel', people.panel, 'other'],
    ["another district's HR", people.otherDistrictHr, 'other'],
    ['the grievant token of another district', people.grievantElsewhere, 'other'],
  ] as const)('GRV-CONTENT: %s is %s', (_who, actor, relation) => {
    expect(grievanceRelation(caseFile, actor)).toBe(relation);
  });

  it('GRV-DECIDE-10: a named decider alone decides their level; unnamed levels go by the token levels', () => {
    expect(decidesAt(caseFile, people.namedDecider, 1)).toBe(true);
    expect(decidesAt(caseFile, people.unnamedLevelOneDecider, 1)).toBe(false);
    expect(decidesAt(caseFile, people.levelTwoDecider, 2)).toBe(true);
    expect(decidesAt(caseFile, people.levelTwoDecider, 3)).toBe(false);
    expect(decidesAt(caseFile, { ...people.namedDecider, district: 'district-b' }, 1)).toBe(false);
    expect(decidesAt(caseFile, { ...people.hr, levels: [1] }, 1)).toBe(false);
  });

  it('GRV-EXTEND: grievants and their representative are one side, deciders and HR the other; auditors and strangers none', () => {
    expect((['grievant', 'representative', 'decider', 'hr', 'auditor', 'other'] as GrievanceRelation[]).map(sideOf)).toEqual(['grievant', 'grievant', 'district', 'district', undefined, undefined]);
  });
});

describe('grievance actions by relation (pure transition with parties checked)', () => {
  const ctx = (actor: Actor, today = '2026-10-08'): TransitionContext => ({
    today,
    actor,
    shift: (date, limit) => addDays(date, limit.count),
    dueOf: () => undefined,
    parties: { relation: grievanceRelation(caseFile, actor), decidesAt: (level) => decidesAt(caseFile, actor, level) },
  });
  const informal = startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 0, conferenceRequested: false });
  const awaitingConference = startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 1, conferenceRequested: true });
  const awaitingDecision = startProcess({ knewOn: '2026-10-01', receivedOn: '2026-10-05', level: 1, conferenceRequested: false });
  const withConference: GrievanceProcess = { ...awaitingDecision, conference: { on: '2026-10-09', outsideAssignedDuties: true, representativeDelayed: false } };
  const decided: GrievanceProcess = { ...awaitingDecision, status: 'appeal-window', decisions: [{ level: 1, outcome: 'denied', on: '2026-10-07' }] };

  // Each action in a stage where it applies, and the relations the procedure lets take it.
  const table: [GrievanceAction, GrievanceProcess, readonly GrievanceRelation[]][] = [
    [{ type: 'declare-formal', conferenceRequested: false }, informal, ['grievant', 'representative', 'hr']],
    [{ type: 'resolve-informally' }, informal, ['decider', 'hr']],
    [{ type: 'schedule-conference', on: '2026-10-09' }, awaitingConference, ['decider', 'hr']],
    [{ type: 'representative-unavailable' }, withConference, ['grievant', 'representative', 'hr']],
    [{ type: 'decide', outcome: 'denied', text: 'No.' }, awaitingDecision, ['decider']],
    [{ type: 'appeal', conferenceRequested: false }, decided, ['grievant', 'representative', 'hr']],
    [{ type: 'propose-extension', deadline: 'decision', count: 2 }, awaitingDecision, ['grievant', 'representative', 'decider', 'hr']],
    [{ type: 'withdraw' }, awaitingDecision, ['grievant', 'representative', 'hr']],
  ];
  const actors: [GrievanceRelation, Actor][] = [
    ['grievant', people.grievant],
    ['representative', people.representative],
    ['decider', people.namedDecider],
    ['hr', people.hr],
    ['auditor', people.auditor],
    ['other', people.stranger],
  ];

  it.each(table.flatMap(([action, state, allowed]) => actors.map(([relation, actor]) => [action.type, relation, allowed.includes(relation), action, state, actor] as const)))(
    'GRV-WITHDRAW and the rest: %s by the %s is allowed: %s',
    (_type, _relation, allowed, action, state, actor) => {
      const result = transition(state, action, ctx(actor));
      if (allowed) expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
      else expect(result).toMatchObject({ ok: false, kind: 'forbidden' });
    },
  );

  it('GRV-EXTEND: the proposal records the proposer\'s own side whatever the action says; only the other side accepts, never the proposer', () => {
    const proposed = transition(awaitingDecision, { type: 'propose-extension', deadline: 'decision', count: 5, party: 'grievant' }, ctx(people.namedDecider));
    expect(proposed).toMatchObject({ ok: true, state: { proposal: { party: 'district', by: { id: 'principal-lincoln' } } } });
    const state = (proposed as { state: GrievanceProcess }).state;
    expect(transition(state, { type: 'accept-extension', party: 'grievant' }, ctx(people.namedDecider))).toMatchObject({ ok: false, kind: 'conflict', rule: 'GRV-EXTEND' });
    expect(transition(state, { type: 'accept-extension', party: 'grievant' }, ctx(people.hr))).toMatchObject({ ok: false, kind: 'conflict', rule: 'GRV-EXTEND' });
    expect(transition(state, { type: 'accept-extension' }, ctx(people.auditor))).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(transition(state, { type: 'accept-extension' }, ctx(people.grievant))).toMatchObject({
      ok: true,
      state: { proposal: undefined, extensions: [{ deadline: 'decision', count: 5, proposedBy: { id: 'principal-lincoln' }, acceptedBy: { id: 'dana.reyes' } }] },
    });

    const byGrievant = (transition(awaitingDecision, { type: 'propose-extension', deadline: 'decision', count: 2, party: 'district' }, ctx(people.grievant)) as { state: GrievanceProcess }).state;
    expect(byGrievant.proposal).toMatchObject({ party: 'grievant' });
    expect(transition(byGrievant, { type: 'accept-extension' }, ctx(people.representative))).toMatchObject({ ok: false, kind: 'conflict', rule: 'GRV-EXTEND' });
    expect(transition(byGrievant, { type: 'accept-extension' }, ctx(people.hr))).toMatchObject({ ok: true });
  });

  it('GRV-DECIDE-10: a decider of the district who is not this level\'s decider is refused, atomically with the stage', () => {
    const atLevelTwo: GrievanceProcess = { ...awaitingDecision, level: 2 };
    expect(transition(atLevelTwo, { type: 'decide', outcome: 'granted', text: 'Yes.' }, ctx(people.namedDecider))).toMatchObject({ ok: false, kind: 'forbidden', rule: 'GRV-DECIDE-10' });
    expect(transition(atLevelTwo, { type: 'decide', outcome: 'granted', text: 'Yes.' }, ctx(people.levelTwoDecider))).toMatchObject({ ok: true });
  });

  it('GRV-EXTEND: an action recorded before the case knew its parties replays as recorded (legacy: the side from the action)', () => {
    const legacy = (actor: Actor): TransitionContext => ({ ...ctx(actor), parties: 'legacy' });
    const proposed = transition(awaitingDecision, { type: 'propose-extension', deadline: 'decision', count: 5, party: 'grievant' }, legacy(people.stranger));
    expect(proposed).toMatchObject({ ok: true, state: { proposal: { party: 'grievant' } } });
  });
});
