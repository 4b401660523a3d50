import { describe, expect, it } from 'vitest';
import { grievanceFamily } from '../../../src/domain/grievance/grievance-family';

// Kept apart from the kernel tests of the family: a new test file makes Stryker's incremental run test again only the
// mutants it reaches.
describe('who reads a grievance\'s whole record (the access table, README "Case families and the kernel")', () => {
  it('GRV-WITHDRAW: the raw history (history export, packet) is read by HR and auditors, both of them', () => {
    expect(grievanceFamily.recordRoles).toEqual(['hr', 'auditor']);
  });
});
