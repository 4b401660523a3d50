import { hasAnyRole, identitiesOf, type Actor } from '../actor';
import type { PipState } from './pip-case';

/**
 * How a person stands to one improvement plan case, from the verified token: the employee, the primary evaluator
 * and team members by the ids the case records (PIP-TEAM), HR and auditors by their roles. What each may do is
 * PIP_ACTIONS (pip-process.ts), what each may see PIP_ACCESS. Outside the case's district everyone is 'other'.
 */
export type PipRelation = 'employee' | 'evaluator' | 'team-member' | 'hr' | 'auditor' | 'other';
export const PIP_RELATIONS: readonly PipRelation[] = ['employee', 'evaluator', 'team-member', 'hr', 'auditor', 'other'];

export function pipRelation(state: Pick<PipState, 'district' | 'employee' | 'evaluator' | 'team'>, actor: Actor): PipRelation {
  if (actor.district !== state.district) return 'other';
  const ids = identitiesOf(actor);
  if (ids.includes(state.employee.id)) return 'employee';
  if (ids.includes(state.evaluator.id)) return 'evaluator';
  if (state.team.some((m) => m.id !== undefined && ids.includes(m.id))) return 'team-member';
  if (hasAnyRole(actor, ['hr'])) return 'hr';
  if (hasAnyRole(actor, ['auditor'])) return 'auditor';
  return 'other';
}

/**
 * What of a case a reader may see. `summary`: existence, status, team, dates and deadlines; `plans`: goals,
 * alignment, action steps and check-ins; `evidence`: evidence, artifacts (their claim checks) and supports;
 * `comments`: the evaluator's comments, the status's additional comments included; `status`: each plan's
 * end-of-year status; `record`: the raw history (history export, the packet's history.json), which holds it all.
 */
export type PipPart = 'summary' | 'plans' | 'evidence' | 'comments' | 'status' | 'record';
export const PIP_PARTS: readonly PipPart[] = ['summary', 'plans', 'evidence', 'comments', 'status', 'record'];

/**
 * The access table [design]. The employee and the evaluator see the whole plan; team members work on the goal and
 * see the plan, evidence and status, not the evaluator's comments (evaluative, between evaluator and employee); HR
 * keeps the personnel record and auditors check it, so both see everything; anyone else does not learn the case
 * exists (404).
 */
export const PIP_ACCESS: Record<PipRelation, Record<PipPart, boolean>> = {
  employee: { summary: true, plans: true, evidence: true, comments: true, status: true, record: false },
  evaluator: { summary: true, plans: true, evidence: true, comments: true, status: true, record: false },
  'team-member': { summary: true, plans: true, evidence: true, comments: false, status: true, record: false },
  hr: { summary: true, plans: true, evidence: true, comments: true, status: true, record: true },
  auditor: { summary: true, plans: true, evidence: true, comments: true, status: true, record: true },
  other: { summary: false, plans: false, evidence: false, comments: false, status: false, record: false },
};

/** The part an action writes to: its notes show in a reader's timeline only where the reader sees that part. */
export const PIP_ACTION_PARTS: Readonly<Partial<Record<string, PipPart>>> = {
  'assign-plan': 'plans',
  'add-step': 'plans',
  'reschedule-step': 'plans',
  'check-in': 'plans',
  'complete-step': 'plans',
  'add-evidence': 'evidence',
  'record-support': 'evidence',
  comment: 'comments',
  'record-status': 'comments',
};

export const pipSees = (state: Parameters<typeof pipRelation>[0], actor: Actor, part: PipPart): boolean => PIP_ACCESS[pipRelation(state, actor)][part];
