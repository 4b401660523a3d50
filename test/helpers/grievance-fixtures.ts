import type { GrievanceFiling } from '../../src/domain/grievance/grievance-case';

let counter = 0;

/** A complete GRV-CONTENT filing with a fresh id. */
export function aFiling(overrides: Partial<GrievanceFiling> = {}): GrievanceFiling {
  counter += 1;
  return {
    id: `G-${Date.now().toString(36)}-${counter}`,
    grievants: [{ name: 'Dana Reyes', position: 'Grade 4 teacher', email: 'dana.reyes@example.org' }],
    school: 'lincoln-elementary',
    statement: 'The post-observation conference after the 2026-10-02 observation was never held.',
    policyProvisions: ['Evaluation handbook 4.2: post-conference after every observation'],
    correctiveAction: 'Hold the post-conference and remove the observation until it is held.',
    knewOn: '2026-10-09',
    signedBy: 'Dana Reyes',
    ...overrides,
  };
}
