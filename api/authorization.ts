import { ROLES, type Role } from '../src/domain/actor';

/**
 * Who may call what: the authorization matrix, route by role, enforced in one place (the authentication plugin
 * attaches it to every `/v1` route as it is registered, and refuses to start if a route is missing here).
 * Auditors read and change nothing; a replay they ask for only reads histories. A role is only the first half:
 * on a case, the caller must also stand in a relation to it (grievant, representative, decider of that level,
 * panel member, consulting teacher ...), which the case family decides (grievance-parties.ts, par-relation.ts);
 * without one the case does not exist for them (404), and what they may do in it is the family's action table.
 */
export const ROUTE_ROLES = {
  'PUT /v1/calendars/:district/:schoolYear': ['hr'],
  'POST /v1/calendars/:district/:schoolYear/import': ['hr'],
  'GET /v1/calendars/:district/:schoolYear': ROLES,
  'POST /v1/calendars/:district/:schoolYear/amendments': ['hr'],
  'POST /v1/grievances': ['hr'],
  'GET /v1/grievances': ['hr', 'decider', 'auditor'],
  'GET /v1/grievances/:id': ['hr', 'decider', 'participant', 'auditor'],
  // Which action each party may take is the case's (grievance-parties.ts GRIEVANCE_ACTIONS); this row lets in every role that can be one.
  'POST /v1/grievances/:id/actions': ['hr', 'decider', 'participant'],
  'POST /v1/grievances/:id/clock/pause': ['hr'],
  'POST /v1/grievances/:id/clock/resume': ['hr'],
  // Issue 16: HR sets the district's procedure and migrates running cases; everyone of the district reads the contract.
  'PUT /v1/grievance-procedures/:district/:unit': ['hr'],
  'GET /v1/grievance-procedures/:district/:unit': ROLES,
  'POST /v1/grievance-procedures/:district/:unit/migrations': ['hr'],
  // PAR interventions: the route lets in every role that may have a part in a case; what each may do and see is the
  // case's relation to them (par-process.ts PAR_ACTIONS, par-visibility.ts PAR_ACCESS), and 404 where they have none.
  'POST /v1/par/referrals': ['hr'],
  'POST /v1/par/volunteers': ['hr', 'participant'],
  'GET /v1/par': ['hr', 'panel', 'auditor'],
  'GET /v1/par/:id': ROLES,
  'POST /v1/par/:id/actions': ['hr', 'decider', 'panel', 'consulting-teacher', 'participant'],
  'POST /v1/par/:id/clock/pause': ['hr'],
  'POST /v1/par/:id/clock/resume': ['hr'],
  'PUT /v1/par/programs/:district/:schoolYear': ['hr'],
  // PAR-VOL-CONF: auditors read the program with Volunteers counted, not named (api/routes/par/program.ts).
  'GET /v1/par/programs/:district/:schoolYear': ['hr', 'panel', 'auditor'],
  // A document goes into the caller's district store; an action of a case then names it by its claim check, and that
  // action's own row and the case's relation decide whether it counts. Everyone who may act in some case may upload.
  'POST /v1/documents': ['hr', 'decider', 'panel', 'consulting-teacher', 'participant'],
  // Improvement plans: HR or the primary evaluator opens one; inside it, the caller's relation decides (pip-process.ts
  // PIP_ACTIONS, pip-access.ts PIP_ACCESS; 404 without one). Team members may hold any role.
  'POST /v1/pip': ['hr', 'decider'],
  'GET /v1/pip': ['hr', 'auditor'],
  'GET /v1/pip/:id': ROLES,
  'POST /v1/pip/:id/actions': ['hr', 'decider', 'panel', 'consulting-teacher', 'participant'],
  'POST /v1/pip/:id/clock/pause': ['hr'],
  'POST /v1/pip/:id/clock/resume': ['hr'],
  // Teacher Assistance Plans: HR or the administrator who leads the plan opens it; who may act and see inside one is
  // the plan's relation to the caller (tap-parties.ts TAP_ACTIONS, TAP_ACCESS), 404 where they have none. Listings
  // name no one, but they reveal that a school has plans: HR and auditors only.
  'POST /v1/tap': ['hr', 'decider'],
  'GET /v1/tap': ['hr', 'auditor'],
  'GET /v1/tap/:id': ['hr', 'decider', 'participant', 'auditor'],
  'POST /v1/tap/:id/actions': ['hr', 'decider', 'participant'],
  'POST /v1/tap/:id/clock/pause': ['hr'],
  'POST /v1/tap/:id/clock/resume': ['hr'],
  // Observation cycles: the educator (participant) and the evaluators (administrators: decider) act by their relation to
  // the cycle (observation-parties.ts OBS_ACTIONS, OBS_ACCESS); anyone else of the district gets 404.
  'POST /v1/observations': ['hr'],
  'GET /v1/observations': ['hr', 'auditor'],
  'GET /v1/observations/:id': ['hr', 'decider', 'participant', 'auditor'],
  'POST /v1/observations/:id/actions': ['hr', 'decider', 'participant'],
  'POST /v1/observations/:id/clock/pause': ['hr'],
  'POST /v1/observations/:id/clock/resume': ['hr'],
  // OBS-CERTIFIED: HR keeps the year's certified evaluators and track policy; auditors read them.
  'PUT /v1/observations/years/:district/:schoolYear': ['hr'],
  'GET /v1/observations/years/:district/:schoolYear': ['hr', 'auditor'],
  // Issue 15 item 5: HR sets how long the district keeps closed cases; HR and auditors read it (a tombstone names its version).
  'PUT /v1/retention-policies/:district': ['hr'],
  'GET /v1/retention-policies/:district': ['hr', 'auditor'],
  'GET /v1/cases/:id/timeline': ['hr', 'auditor'],
  'GET /v1/cases/:id/history': ['hr', 'auditor'],
  'GET /v1/cases/:id/packet': ['hr', 'auditor'],
  'POST /v1/audit/replays': ['auditor'],
  // Issue 15 item 5: the tombstones of destroyed cases (ids, dates, policy version), for auditors only.
  'GET /v1/audit/destructions': ['auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type RouteKey = keyof typeof ROUTE_ROLES;

/** The roles of a route, or undefined when the matrix does not name it. */
export function rolesOfRoute(method: string, url: string): readonly Role[] | undefined {
  return (ROUTE_ROLES as Record<string, readonly Role[]>)[`${method.toUpperCase()} ${url}`];
}
