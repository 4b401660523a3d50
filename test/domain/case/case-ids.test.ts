import { describe, expect, it } from 'vitest';
import { CASE_NUMBER, caseTypeOf, caseWorkflowId, caseWorkflowIds, parseCaseWorkflowId } from '../../../src/domain/case/case-ids';
import { REFUSAL_FAILURE_TYPES, conflict, forbidden, ruleViolation } from '../../../src/domain/case/refusal';

describe('case ids (pure): `<family>:<district>:<id>`', () => {
  it('a case number is scoped by district (two districts may use the same number), and an old case keeps its global id', () => {
    expect(caseWorkflowId('grievance', 'lakeview', 'G-2026-001')).toBe('grievance:lakeview:G-2026-001');
    expect(caseWorkflowIds('par', 'lakeview', 'PAR-001')).toEqual(['par:lakeview:PAR-001', 'par:PAR-001']);
  });

  it.each([
    ['grievance:lakeview:G-2026-001', { caseType: 'grievance', district: 'lakeview', id: 'G-2026-001' }],
    ['par:PAR-001', { caseType: 'par', id: 'PAR-001' }],
    ['grievance', undefined],
    ['grievance:', undefined],
    [':G-1', undefined],
    ['grievance::G-1', undefined],
    [':lakeview:G-1', undefined],
    ['grievance:lakeview:', undefined],
    ['grievance:lakeview:G-1:extra', undefined],
    ['', undefined],
  ] as const)('a workflow id %j reads back as %j', (workflowId, expected) => {
    expect(parseCaseWorkflowId(workflowId)).toStrictEqual(expected);
  });

  it.each([
    ['observation-cycle:lakeview:2026-2027:E1001', { caseType: 'observation-cycle', district: 'lakeview', id: '2026-2027:E1001' }],
    ['observation-cycle:2026-2027:E1001', { caseType: 'observation-cycle', id: '2026-2027:E1001' }],
    ['observation-cycle:lakeview:2026-2027:', undefined],
    ['observation-cycle:E1001', undefined],
    ['observation-cycle:a:b:c:d', undefined],
  ] as const)('a workflow id %j whose case number has two parts reads back as %j', (workflowId, expected) => {
    expect(parseCaseWorkflowId(workflowId, 2)).toStrictEqual(expected);
  });

  it.each([
    ['G-2026-001', true],
    ['G', true],
    ['7', true],
    ['a.b_c-D9', true],
    ['G'.repeat(64), true],
    ['G'.repeat(65), false],
    ['', false],
    ['-G-1', false],
    ['.G', false],
    ['G:1', false],
    ['G 1', false],
    ['G/1', false],
    ['G-1\n', false],
    [' G-1', false],
  ] as const)('a case number %j is accepted: %s', (value, accepted) => {
    expect(CASE_NUMBER.test(value)).toBe(accepted);
  });

  it.each([
    ['grievance:lakeview:G-2026-014', 'grievance'],
    ['par:P-7', 'par'],
    ['observation-cycle:lakeview:2026-2027:E1', 'observation-cycle'],
    ['tap', 'tap'],
    ['', ''],
  ])('the case type of %j is %j', (workflowId, caseType) => {
    expect(caseTypeOf(workflowId)).toBe(caseType);
  });
});

describe('refusals (pure): one vocabulary for every family', () => {
  it('a refusal names its kind (409 conflict, 422 rule, 403 forbidden), its rule ID and why, and maps to one failure type each', () => {
    expect(conflict('GRV-APPEAL-5', 'there is no decision to appeal at this stage')).toStrictEqual({
      ok: false,
      kind: 'conflict',
      rule: 'GRV-APPEAL-5',
      message: 'there is no decision to appeal at this stage',
    });
    expect(ruleViolation('GRV-FILE-40', 'late')).toStrictEqual({ ok: false, kind: 'rule', rule: 'GRV-FILE-40', message: 'late' });
    expect(forbidden('GRV-DECIDE-10', 'not yours')).toStrictEqual({ ok: false, kind: 'forbidden', rule: 'GRV-DECIDE-10', message: 'not yours' });
    expect(REFUSAL_FAILURE_TYPES).toStrictEqual({ conflict: 'CaseConflict', rule: 'CaseRuleViolation', forbidden: 'CaseForbidden' });
  });
});
