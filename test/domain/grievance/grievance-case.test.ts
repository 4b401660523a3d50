import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { grievanceWorkflowId, openGrievance, type GrievanceFiling } from '../../../src/domain/grievance/grievance-case';
import { FIXED_FILING } from '../../helpers/grievance-fixtures';

const hr: Actor = { id: 'hr-clerk-1', roles: ['hr'], district: 'lakeview' };
const filing: GrievanceFiling = FIXED_FILING;

describe('grievance case file (pure)', () => {
  it('GRV-CONTENT: a case opens from its written filing, in the district of the HR system that files it, with the filing as its first action', () => {
    expect(openGrievance({ filing, filedBy: hr }, new Date('2026-10-05T15:00:00Z'))).toStrictEqual({
      caseType: 'grievance',
      id: 'G-2026-001',
      district: 'lakeview',
      filing,
      filedBy: hr,
      filedAt: '2026-10-05T15:00:00.000Z',
      actions: [{ action: 'filed', actor: hr, at: '2026-10-05T15:00:00.000Z' }],
    });
  });

  it('GRV-CONTENT: the workflow id is scoped by district, so two districts may use the same case number', () => {
    expect(grievanceWorkflowId('lakeview', 'G-2026-001')).toBe('grievance:lakeview:G-2026-001');
    expect(grievanceWorkflowId('harbor', 'G-2026-001')).toBe('grievance:harbor:G-2026-001');
  });
});
