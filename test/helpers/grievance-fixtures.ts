import { addDays, dateInZone } from '../../src/domain/calendar';
import type { GrievanceFiling } from '../../src/domain/grievance/grievance-case';

let counter = 0;

/** A complete GRV-CONTENT filing with a fresh id. */
export function aFiling(overrides: Partial<GrievanceFiling> = {}): GrievanceFiling {
  counter += 1;
  return {
    id: `G-${Date.now().toString(36)}-${counter}`,
    grievants: [{ name: 'Dana Reyes', position: 'Grade 4 teacher', subject: 'dana.reyes', email: 'dana.reyes@example.org' }],
    school: 'lincoln-elementary',
    statement: 'The post-observation conference after the 2026-10-02 observation was never held.',
    policyProvisions: ['Evaluation handbook 4.2: post-conference after every observation'],
    correctiveAction: 'Hold the post-conference and remove the observation until it is held.',
    // Relative to now: the filing limit (GRV-FILE-40) is counted from it whatever day the tests run.
    knewOn: addDays(dateInZone(new Date(), 'America/Chicago'), -3),
    signedBy: 'Dana Reyes',
    level: 1,
    conferenceRequested: false,
    disputes: ['evaluation-procedure'],
    ...overrides,
  };
}

/** A filing with every value fixed (id, dates, text), for tests that state their expected values outright. */
export const FIXED_FILING: GrievanceFiling = {
  id: 'G-2026-001',
  grievants: [{ name: 'Dana Reyes', position: 'Grade 4 teacher', subject: 'dana.reyes' }],
  statement: 'No post-observation conference was held.',
  policyProvisions: ['Evaluation handbook 4.2'],
  correctiveAction: 'Hold the conference.',
  knewOn: '2026-10-01',
  signedBy: 'Dana Reyes',
  level: 1,
  conferenceRequested: false,
  disputes: ['evaluation-procedure'],
};

/**
 * GRV-FINAL over HTTP: the actions that take a level 1 filing to a final level 3 decision (denied, appeal, denied,
 * appeal, granted), each with the token that takes it and what the answer shows after it.
 */
export function throughThreeLevels<H>(decider: H, grievant: H): [action: object, token: H, expected: object][] {
  return [
    [{ type: 'decide', outcome: 'denied', text: 'Level 1: no violation.' }, decider, { status: 'appeal-window', level: 1 }],
    [{ type: 'appeal' }, grievant, { status: 'awaiting-decision', level: 2 }],
    [{ type: 'decide', outcome: 'denied', text: 'Level 2: upheld.' }, decider, { status: 'appeal-window', level: 2 }],
    [{ type: 'appeal' }, grievant, { status: 'awaiting-decision', level: 3 }],
    [{ type: 'decide', outcome: 'granted', text: 'Level 3: the observation is removed.' }, decider, { status: 'closed', outcome: 'final', level: 3 }],
  ];
}
