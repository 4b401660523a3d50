import type { Actor } from '../../../src/domain/actor';
import type { PipStart, PlanInput } from '../../../src/domain/pip/pip-case';
import { calendars, riverside2026 } from '../par/par-fixtures';

export { calendars, riverside2026 };
export const DISTRICT = 'riverside';

const actor = (id: string, ...roles: Actor['roles'][number][]): Actor => ({ id, roles, district: DISTRICT });
export const employee = actor('lee.kim', 'participant');
export const evaluator = actor('eval-park', 'decider');
export const coach = actor('coach-ortiz', 'consulting-teacher');
export const hr = actor('hr-1', 'hr');
export const auditor = actor('auditor-1', 'auditor');
export const stranger = actor('principal-ng', 'decider');
export const system: Actor = { id: 'system:deadline', roles: [], district: DISTRICT };

export const PLAN: PlanInput = {
  goal: { statement: 'Hold a documented family conference for every student on my caseload', measure: 'conference logs for 100% of 40 students by April' },
  alignment: ['1a', 'PR2'],
  steps: [
    { description: 'Draft a conference protocol with the program lead', completeBy: '2026-10-30', checkInOn: '2026-10-16' },
    { description: 'Hold and log the conferences', completeBy: '2027-04-16', checkInOn: '2027-01-22' },
  ],
  evidencePlanned: 'Conference logs and family survey results',
};

export const START: PipStart = {
  id: 'PIP-2026-001',
  district: DISTRICT,
  schoolYear: '2026-2027',
  school: 'lincoln-elementary',
  employee: { id: employee.id, name: 'Lee Kim', email: 'lee.kim@example.org', position: 'School counselor' },
  evaluator: { id: evaluator.id, name: 'Sam Park', email: 'sam.park@example.org' },
  team: [{ id: coach.id, name: 'Ana Ortiz', role: 'instructional coach' }],
  plan: PLAN,
  openedOn: '2026-09-14',
};
