import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import type { ParCase } from '../../../src/domain/par/par-case';
import { relationTo } from '../../../src/domain/par/par-relation';
import { ACTION_PARTS, PAR_ACCESS, audienceOf, partsOf, viewerOf, visibleView, type CasePart } from '../../../src/domain/par/par-visibility';
import {
  application,
  assisted,
  auditor,
  ctKim,
  ctOrtiz,
  dana,
  evaluator,
  finalReport,
  GOALS,
  hr,
  monthlyLog,
  panel,
  principal,
  referral,
  rep,
  run,
  system,
  votes,
} from './par-fixtures';

const view = (state: ParCase, actor: Actor) => visibleView(state, viewerOf(state, actor));

/** A referred case with a log, a deliberation, a final report and the panel's outcome. */
function decided(): ParCase {
  return run(assisted(), [
    [{ type: 'appoint-representative', representative: { id: rep.id, name: 'Pat Lee' } }, '2027-09-01', dana],
    [{ type: 'file-monthly-log', log: monthlyLog('2027-09-20') }, '2027-09-20', ctKim],
    [{ type: 'record-deliberation', text: 'The principal\'s account conflicts with the logs.' }, '2027-10-01', panel],
    [{ type: 'hold-final-conference', participantPresent: true, evaluatorPresent: true }, '2028-05-25', ctKim],
    [{ type: 'file-final-report', report: finalReport('2028-05-25') }, '2028-05-30', ctKim],
    [{ type: 'deadline-passed', deadline: 'final-response' }, '2028-06-07', system],
    [{ type: 'panel-vote', motion: { kind: 'extend-one-semester' }, votes: votes(4) }, '2028-06-08', panel],
  ]);
}

/** A volunteer with ct-ortiz, a confidential log and a panel deliberation. */
function volunteer(): ParCase {
  return run(application(), [
    [{ type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(3) }, '2027-01-12', panel, { programHasPlace: true }],
    [{ type: 'send-acceptance-notice', consultingTeachers: ['ct-ortiz'] }, '2027-01-13', panel],
    [{ type: 'request-consulting-teacher', preferences: ['ct-ortiz'] }, '2027-01-15', dana],
    [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, '2027-01-20', panel],
    [{ type: 'file-monthly-log', log: monthlyLog('2027-02-18', ['Classroom routines']) }, '2027-02-18', ctOrtiz],
    [{ type: 'record-deliberation', text: 'Capacity allows this volunteer through June.' }, '2027-02-20', panel],
  ]);
}

const otherTeacher: Actor = { id: 'someone', roles: ['participant'], district: 'riverside' };
const otherDistrictPanel: Actor = { id: 'panel-x', roles: ['panel'], district: 'elsewhere' };

describe('PAR visibility: who may see what of a case (pure)', () => {
  it.each([
    ['the participant', dana, ['vote-detail', 'deliberations', 'consents']],
    ['the representative', rep, ['vote-detail', 'deliberations', 'consents']],
    ['the consulting teacher', ctKim, ['vote-detail', 'deliberations', 'consents']],
    ['the evaluator', evaluator, ['vote-detail', 'deliberations', 'consents']],
    ['the principal', principal, ['vote-detail', 'deliberations', 'consents']],
    ['the panel', panel, ['consents']],
    ['HR', hr, ['goals', 'reports', 'vote-detail', 'deliberations', 'consents']],
    ['an auditor', auditor, ['goals', 'reports', 'vote-detail', 'deliberations', 'consents']],
  ] as const)('PAR-PANEL-CONF / PAR-RESULT-EVAL: on a Referred case %s is shown all but %j', (_name, actor, withheld) => {
    const seen = view(decided(), actor)!;
    expect(seen.withheld).toEqual(withheld);
    expect(seen).toMatchObject({ id: 'PAR-2027-001', kind: 'referred', status: 'in-assistance', policyVersion: 1, consultingTeacher: 'ct-kim' });
    expect(seen.deliberations === undefined).toBe(withheld.includes('deliberations' as never));
    // The outcome, to go into the annual evaluation, reaches everyone on the case (PAR-RESULT-EVAL).
    expect(seen.outcomes?.[0]?.forAnnualEvaluation).toEqual({ finalReportId: 'final-report-2', semesters: 2 });
  });

  it('PAR-PANEL-CONF: the panel sees its deliberations and how each member voted; the participant sees only the decision', () => {
    const state = decided();
    expect(view(state, panel)?.deliberations).toEqual([{ on: '2027-10-01', by: 'panel-chair', text: "The principal's account conflicts with the logs." }]);
    expect(view(state, panel)?.votes?.[0]?.votes).toEqual(votes(4));
    expect(view(state, dana)?.votes).toEqual([{ motion: 'extend-one-semester', on: '2028-06-08', tally: { yes: 4, no: 1, abstain: 0 }, carried: true, votes: undefined }]);
  });

  it('PAR-PANEL-CONF: a panel member who is the participant\'s evaluator sees the case as evaluator, without the deliberations', () => {
    const evaluatorOnPanel: Actor = { ...evaluator, roles: ['decider', 'panel'] };
    expect(relationTo(decided(), evaluatorOnPanel)).toBe('evaluator');
    expect(view(decided(), evaluatorOnPanel)?.deliberations).toBeUndefined();
  });

  it.each([
    ['the principal', principal],
    ['the evaluator', evaluator],
    ['a panel member who is the principal', { ...principal, roles: ['decider', 'panel'] } as Actor],
    ['another teacher', otherTeacher],
    ['another consulting teacher', ctKim],
    ['a panel member of another district', otherDistrictPanel],
  ] as const)('PAR-VOL-CONF: %s never learns that a Volunteer case exists', (_name, actor) => {
    expect(view(volunteer(), actor)).toBeUndefined();
  });

  it.each([
    ['the volunteer', dana, ['vote-detail', 'deliberations']],
    ['the consulting teacher', ctOrtiz, ['votes', 'vote-detail', 'deliberations', 'consents']],
    ['the panel (no consent)', panel, ['goals', 'reports']],
    ['HR', hr, ['goals', 'reports', 'vote-detail', 'deliberations', 'consents']],
    ['an auditor', auditor, ['goals', 'reports', 'vote-detail', 'deliberations']],
  ] as const)('PAR-VOL-CONF: on a Volunteer case %s is shown all but %j', (_name, actor, withheld) => {
    const seen = view(volunteer(), actor)!;
    expect(seen.withheld).toEqual(withheld);
    expect(seen.reports === undefined).toBe(withheld.includes('reports' as never));
  });

  it('PAR-VOL-CONF: written consent opens the record to the audience named, until revoked; deliberations stay the panel\'s', () => {
    const consented = run(volunteer(), [[{ type: 'give-consent', to: ['principal'] }, '2027-03-01', dana]]);
    const seen = view(consented, principal)!;
    expect(seen.reports?.map((r) => r.id)).toEqual(['monthly-log-1']);
    expect(seen.withheld).toEqual(['votes', 'vote-detail', 'deliberations', 'outcome']);
    expect(view(consented, evaluator)).toBeUndefined();
    expect(view(consented, panel)?.reports).toBeUndefined();
    const revoked = run(consented, [[{ type: 'revoke-consent', to: ['principal'] }, '2027-04-01', dana]]);
    expect(view(revoked, principal)).toBeUndefined();
  });

  it('PAR-VOL-CONF: the access table never lets consent reach deliberations or members\' votes', () => {
    for (const kind of ['referred', 'volunteer'] as const) {
      for (const [relation, parts] of Object.entries(PAR_ACCESS[kind])) {
        for (const part of ['deliberations', 'vote-detail'] as CasePart[]) {
          expect(parts[part], `${kind} ${relation} ${part}`).toBe(relation === 'panel' ? 'yes' : 'no');
        }
      }
    }
    expect(audienceOf(volunteer(), 'summary')).toEqual(['participant', 'representative', 'consulting-teacher', 'assistant', 'panel', 'hr', 'auditor']);
  });

  it('PAR-REP / PAR-REASSIGN: relations follow the case: the representative sees what the participant sees; a reassigned consulting teacher no longer sees the case', () => {
    const state = decided();
    expect(view(state, rep)).toEqual(view(state, dana));
    const reassigned = run(state, [[{ type: 'reassign-consulting-teacher', consultingTeacher: 'ct-ortiz', cause: 'panel', reason: 'caseload' }, '2028-08-20', panel]]);
    expect(view(reassigned, ctKim)).toBeUndefined();
    expect(view(reassigned, ctOrtiz)?.consultingTeacher).toBe('ct-ortiz');
  });
});

// The access tables written out by hand from the README ("PAR, Referred: who may see what", "PAR, Volunteer: who may
// see what"), never read from PAR_ACCESS: a wrong entry in the code's table fails this test. One letter per part, in
// the order summary, goals, reports, votes, vote-detail, deliberations, outcome, consents: Y yes, C with consent, - no.
const README_ACCESS = {
  referred: {
    participant: 'YYYY--Y-',
    representative: 'YYYY--Y-',
    'consulting-teacher': 'YYYY--Y-',
    assistant: 'YY------',
    evaluator: 'YYYY--Y-',
    principal: 'YYYY--Y-',
    panel: 'YYYYYYY-',
    hr: 'Y--Y--Y-',
    auditor: 'Y--Y--Y-',
    other: '--------',
  },
  volunteer: {
    participant: 'YYYY--YY',
    representative: 'YYYY--YY',
    'consulting-teacher': 'YYY---Y-',
    assistant: 'YY------',
    evaluator: 'CCC----C',
    principal: 'CCC----C',
    panel: 'YCCYYYYY',
    hr: 'Y--Y--Y-',
    auditor: 'Y--Y--YY',
    other: '--------',
  },
} as const;

describe('PAR visibility: consent, goals, the district\'s decision (pure)', () => {
  it('PAR-VOL-CONF: consent to the panel opens the goals and reports to it; consent to the evaluator opens the case to them', () => {
    const toPanel = run(volunteer(), [[{ type: 'give-consent', to: ['panel'] }, '2027-03-01', dana]]);
    expect(view(toPanel, panel)?.withheld).toEqual([]);
    expect(view(toPanel, panel)?.reports?.map((r) => r.id)).toEqual(['monthly-log-1']);
    expect(view(toPanel, evaluator)).toBeUndefined();
    const toEvaluator = run(volunteer(), [[{ type: 'give-consent', to: ['evaluator'] }, '2027-03-01', dana]]);
    expect(view(toEvaluator, evaluator)?.withheld).toEqual(['votes', 'vote-detail', 'deliberations', 'outcome']);
    expect(view(toEvaluator, principal)).toBeUndefined();
  });

  it('PAR-VOL-CONF: the consents themselves are shown to the volunteer, never to HR', () => {
    const consented = run(volunteer(), [[{ type: 'give-consent', to: ['principal'] }, '2027-03-01', dana]]);
    expect(view(consented, dana)?.consents).toEqual([{ to: 'principal', signedOn: '2027-03-01' }]);
    expect(view(consented, hr)?.consents).toBeUndefined();
  });

  it('PAR-IPG / PAR-RESULT-EVAL: the participant sees the goals in force; HR sees neither goals nor reports', () => {
    const state = decided();
    expect(view(state, dana)?.goals).toEqual([{ on: '2027-08-25', goals: GOALS, present: { participant: true, consultingTeacher: true, evaluator: true }, representationRequested: false, specialistsRequested: [] }]);
    expect(view(state, hr)?.goals).toBeUndefined();
  });

  it('PAR-OUTCOME / PAR-RESULT-EVAL: the district\'s decision reaches who sees the outcome, not an assistant', () => {
    const decision = { decision: 'continue-employment', on: '2029-01-20', by: 'hr-1' } as const;
    const state: ParCase = { ...decided(), districtDecision: decision, assistants: [{ person: 'spec-math', role: 'subject-area-specialist', on: '2027-09-02' }] };
    expect(view(state, dana)?.districtDecision).toEqual(decision);
    expect(view(state, hr)?.districtDecision).toEqual(decision);
    expect(view(state, { id: 'spec-math', roles: ['consulting-teacher'], district: 'riverside' })?.districtDecision).toBeUndefined();
  });

  it('PAR-PANEL-CONF: a viewer of another district sees nothing, whatever relation is claimed for them', () => {
    expect(visibleView(decided(), { ...otherDistrictPanel, relation: 'panel' })).toBeUndefined();
  });
});

describe('PAR access table (PAR-VOL-CONF, PAR-PANEL-CONF, PAR-RESULT-EVAL), as the README states it', () => {
  const LETTER = { yes: 'Y', 'with-consent': 'C', no: '-' } as const;
  it.each(['referred', 'volunteer'] as const)('PAR-VOL-CONF / PAR-PANEL-CONF: the %s table, relation by relation', (kind) => {
    const parts: CasePart[] = ['summary', 'goals', 'reports', 'votes', 'vote-detail', 'deliberations', 'outcome', 'consents'];
    const written = Object.fromEntries(Object.entries(PAR_ACCESS[kind]).map(([relation, access]) => [relation, parts.map((part) => LETTER[access[part]]).join('')]));
    expect(written).toEqual(README_ACCESS[kind]);
  });

  it('PAR-VOL-CONF: the parts a case holds: a Referred case has no consents', () => {
    expect(partsOf(referral())).toEqual(['summary', 'goals', 'reports', 'votes', 'vote-detail', 'deliberations', 'outcome']);
    expect(partsOf(application())).toEqual(['summary', 'goals', 'reports', 'votes', 'vote-detail', 'deliberations', 'outcome', 'consents']);
  });

  it('PAR-PANEL-CONF / PAR-VOL-CONF: the part each action writes to; other steps write to the summary', () => {
    const written: Record<string, readonly string[]> = {
      votes: ['panel-vote'],
      deliberations: ['record-deliberation'],
      goals: ['hold-ipg-conference', 'revise-goals'],
      reports: ['file-monthly-log', 'file-final-report', 'sign-report', 'respond-to-report'],
      consents: ['give-consent', 'revoke-consent'],
      outcome: ['record-district-decision'],
    };
    expect(Object.fromEntries(Object.entries(written).flatMap(([part, actions]) => actions.map((action) => [action, part])))).toEqual(ACTION_PARTS);
  });
});
