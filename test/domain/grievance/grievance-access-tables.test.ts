import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import type { CaseContact, GrievanceCaseFile } from '../../../src/domain/grievance/grievance-case';
import {
  GRIEVANCE_ACCESS,
  GRIEVANCE_ACTIONS,
  GRIEVANCE_PARTS,
  GRIEVANCE_RELATIONS,
  decidesAt,
  grievanceRelation,
} from '../../../src/domain/grievance/grievance-parties';

/**
 * The grievance access tables, written out from the README ("Case families and the kernel": who may take each action,
 * who may see what) and RULES.md: deciders decide and schedule, the grievant's side files, appeals and withdraws, HR
 * records for a grievant without an account, auditors only read. A wrong entry in the code's tables fails here.
 */
const Y = true;
const N = false;

describe('GRV: the access tables, as the README states them', () => {
  it('GRV-CONTENT: the relations a person may have to a grievance, and the parts of it there are to see', () => {
    expect(GRIEVANCE_RELATIONS).toEqual(['grievant', 'representative', 'decider', 'hr', 'auditor', 'other']);
    expect(GRIEVANCE_PARTS).toEqual(['summary', 'filing', 'decisions', 'record']);
  });

  it('GRV-WITHDRAW and the rest: who may take each action, under which rule', () => {
    //                                                    grievant, representative, decider, hr, auditor, other
    const table: Record<string, [string, boolean, boolean, boolean, boolean, boolean, boolean]> = {
      'declare-formal': ['GRV-INFORMAL', Y, Y, N, Y, N, N],
      'resolve-informally': ['GRV-INFORMAL', N, N, Y, Y, N, N],
      'schedule-conference': ['GRV-CONF-5', N, N, Y, Y, N, N],
      'representative-unavailable': ['GRV-REP', Y, Y, N, Y, N, N],
      decide: ['GRV-DECIDE-10', N, N, Y, N, N, N],
      appeal: ['GRV-APPEAL-5', Y, Y, N, Y, N, N],
      'demand-arbitration': ['GRV-FINAL', Y, Y, N, Y, N, N],
      'propose-extension': ['GRV-EXTEND', Y, Y, Y, Y, N, N],
      'accept-extension': ['GRV-EXTEND', Y, Y, Y, Y, N, N],
      withdraw: ['GRV-WITHDRAW', Y, Y, N, Y, N, N],
    };
    const relations = ['grievant', 'representative', 'decider', 'hr', 'auditor', 'other'] as const;
    const expected = Object.fromEntries(
      Object.entries(table).map(([action, [rule, ...allowed]]) => [action, { rule, by: relations.filter((_, i) => allowed[i]) }]),
    );
    expect(GRIEVANCE_ACTIONS).toEqual(expected);
  });

  it('GRV-WITHDRAW: who may see what; the raw record goes to HR and auditors only, and anyone else learns nothing', () => {
    expect(GRIEVANCE_ACCESS).toEqual({
      grievant: { summary: Y, filing: Y, decisions: Y, record: N },
      representative: { summary: Y, filing: Y, decisions: Y, record: N },
      decider: { summary: Y, filing: Y, decisions: Y, record: N },
      hr: { summary: Y, filing: Y, decisions: Y, record: Y },
      auditor: { summary: Y, filing: Y, decisions: Y, record: Y },
      other: { summary: N, filing: N, decisions: N, record: N },
    });
  });
});

describe('GRV-DECIDE-10: who decides a level', () => {
  const caseWith = (contacts: CaseContact[] | undefined): GrievanceCaseFile => ({
    caseType: 'grievance',
    id: 'G-1',
    district: 'lakeview',
    filing: {
      id: 'G-1',
      grievants: [{ name: 'Dana Reyes', position: 'Grade 4 teacher', subject: 'dana.reyes' }],
      statement: 'x',
      policyProvisions: ['y'],
      correctiveAction: 'z',
      knewOn: '2026-10-01',
      signedBy: 'Dana Reyes',
      level: 1,
      conferenceRequested: false,
      disputes: ['policy'],
      ...(contacts ? { contacts } : {}),
    },
    filedBy: { id: 'hr-1', roles: ['hr'], district: 'lakeview' },
    filedAt: '2026-10-05T15:00:00.000Z',
  });
  const decider = (id: string, levels?: (1 | 2 | 3)[]): Actor => ({ id, roles: ['decider'], district: 'lakeview', ...(levels ? { levels } : {}) });

  it('GRV-DECIDE-10: with no decider named in the case, a decider token decides the levels it claims, and none without a claim', () => {
    const file = caseWith(undefined);
    expect(decidesAt(file, decider('principal-1', [1]), 1)).toBe(true);
    expect(decidesAt(file, decider('principal-1', [1]), 2)).toBe(false);
    expect(decidesAt(file, decider('principal-1'), 1)).toBe(false);
    expect(grievanceRelation(file, decider('principal-1'))).toBe('other');
  });

  it('GRV-DECIDE-10: a decider contact without a subject (a name for notices) names no one: the token levels decide', () => {
    const file = caseWith([{ name: 'Pat Lee', role: 'decider', level: 1 }]);
    expect(decidesAt(file, decider('assistant-principal', [1]), 1)).toBe(true);
  });

  it('GRV-DECIDE-10: a named decider without a level decides every level; no one else does', () => {
    const file = caseWith([{ name: 'Designee', role: 'decider', subject: 'designee-1' }]);
    for (const level of [1, 2, 3] as const) {
      expect(decidesAt(file, decider('designee-1'), level)).toBe(true);
      expect(decidesAt(file, decider('chief-1', [1, 2, 3]), level)).toBe(false);
    }
  });

  it('GRV-DECIDE-10: of two deciders named for a level, either decides', () => {
    const file = caseWith([
      { name: 'Pat Lee', role: 'decider', level: 1, subject: 'principal-1' },
      { name: 'Sam Roe', role: 'decider', level: 1, subject: 'vice-principal-1' },
    ]);
    expect(decidesAt(file, decider('principal-1'), 1)).toBe(true);
    expect(decidesAt(file, decider('vice-principal-1'), 1)).toBe(true);
    expect(decidesAt(file, decider('counselor-1', [1]), 1)).toBe(false);
  });

  it('GRV-DECIDE-10: a named decider acts with the employee id the district issues, and only with the decider role', () => {
    const file = caseWith([{ name: 'Pat Lee', role: 'decider', level: 1, subject: 'E-2002' }]);
    expect(decidesAt(file, { id: 'idp|77', employeeId: 'E-2002', roles: ['decider'], district: 'lakeview' }, 1)).toBe(true);
    expect(decidesAt(file, { id: 'idp|77', employeeId: 'E-2002', roles: ['hr'], district: 'lakeview' }, 1)).toBe(false);
  });

  it('GRV-REP: a representative named without a subject is no one; with one, the person with that subject', () => {
    const file = caseWith([
      { name: 'Union office', role: 'representative' },
      { name: 'Ade Okafor', role: 'representative', subject: 'rep-okafor' },
    ]);
    expect(grievanceRelation(file, { id: 'rep-okafor', roles: ['participant'], district: 'lakeview' })).toBe('representative');
    expect(grievanceRelation(file, { id: 'union-office', roles: ['participant'], district: 'lakeview' })).toBe('other');
    expect(grievanceRelation(caseWith(undefined), { id: 'rep-okafor', roles: ['participant'], district: 'lakeview' })).toBe('other');
  });
});
