import { hasAnyRole, type Actor } from '../actor';
import type { ParCase } from './par-case';

/**
 * How a person stands to one PAR case: what they may do (par-process) and see (par-visibility) follows from it.
 * 'evaluator' and 'principal' are the participant's own; 'consulting-teacher' is the one assigned now.
 */
export type CaseRelation =
  | 'participant'
  | 'representative'
  | 'consulting-teacher'
  | 'assistant'
  | 'evaluator'
  | 'principal'
  | 'panel'
  | 'hr'
  | 'auditor'
  | 'other';

export const CASE_RELATIONS: readonly CaseRelation[] = ['participant', 'representative', 'consulting-teacher', 'assistant', 'evaluator', 'principal', 'panel', 'hr', 'auditor', 'other'];

export function currentConsultingTeacher(state: Pick<ParCase, 'assignments'>): string | undefined {
  return state.assignments[state.assignments.length - 1]?.consultingTeacher;
}

/**
 * The most specific relation wins. [design] A panel member who is also the participant's principal or evaluator
 * stands to the case as principal or evaluator: they do not vote on it, see its deliberations, or learn of a
 * Volunteer's case (PAR-VOL-CONF, PAR-PANEL-CONF). Outside the case's district everyone is 'other'.
 */
export function relationTo(state: ParCase, actor: Actor): CaseRelation {
  if (actor.district !== state.district) return 'other';
  if (actor.id === state.participant.id) return 'participant';
  if (state.representative?.id !== undefined && actor.id === state.representative.id) return 'representative';
  if (actor.id === currentConsultingTeacher(state) && hasAnyRole(actor, ['consulting-teacher'])) return 'consulting-teacher';
  if (state.assistants.some((a) => a.person === actor.id)) return 'assistant';
  if (actor.id === state.evaluator?.id) return 'evaluator';
  if (actor.id === state.principal?.id) return 'principal';
  if (hasAnyRole(actor, ['panel'])) return 'panel';
  if (hasAnyRole(actor, ['hr'])) return 'hr';
  if (hasAnyRole(actor, ['auditor'])) return 'auditor';
  return 'other';
}
