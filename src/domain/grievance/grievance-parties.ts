import { hasAnyRole, identitiesOf, type Actor } from '../actor';
import type { RuleId } from '../case/rule-ids';
import type { GrievanceCaseFile } from './grievance-case';
import type { GrievanceAction, Level, Party } from './grievance-process';

/**
 * How a person stands to one grievance: what they may do and see follows from it, never from the request body.
 * Grievants and their representative are known by the subject HR recorded at filing (the token's `sub`, or the
 * employee id the district's tokens carry); a level's decider by the subject recorded for that level, or, where the
 * case names none, by the decider token's `levels` claim; HR and auditors of the district by their roles.
 */
export type GrievanceRelation = 'grievant' | 'representative' | 'decider' | 'hr' | 'auditor' | 'other';

export const GRIEVANCE_RELATIONS: readonly GrievanceRelation[] = ['grievant', 'representative', 'decider', 'hr', 'auditor', 'other'];

/** Whether `actor` decides at `level` of this case (GRV-DECIDE-10). */
export function decidesAt(file: GrievanceCaseFile, actor: Actor, level: Level): boolean {
  if (actor.district !== file.district || !hasAnyRole(actor, ['decider'])) return false;
  const named = (file.filing.contacts ?? []).filter((c) => c.role === 'decider' && c.subject !== undefined && (c.level === undefined || c.level === level));
  if (named.length > 0) return named.some((c) => identitiesOf(actor).includes(c.subject!));
  return actor.levels?.includes(level) ?? false;
}

export function grievanceRelation(file: GrievanceCaseFile, actor: Actor): GrievanceRelation {
  if (actor.district !== file.district) return 'other';
  const ids = identitiesOf(actor);
  const is = (subject: string | undefined) => subject !== undefined && ids.includes(subject);
  if (file.filing.grievants.some((g) => is(g.subject))) return 'grievant';
  if ((file.filing.contacts ?? []).some((c) => c.role === 'representative' && is(c.subject))) return 'representative';
  if (([1, 2, 3] as const).some((level) => decidesAt(file, actor, level))) return 'decider';
  if (hasAnyRole(actor, ['hr'])) return 'hr';
  if (hasAnyRole(actor, ['auditor'])) return 'auditor';
  return 'other';
}

/** GRV-EXTEND: the side a relation acts for. HR records for the district; a grievant's side is theirs and their representative's. */
export function sideOf(relation: GrievanceRelation): Party | undefined {
  switch (relation) {
    case 'grievant':
    case 'representative':
      return 'grievant';
    case 'decider':
    case 'hr':
      return 'district';
    case 'auditor':
    case 'other':
      return undefined;
    default: {
      const unknown: never = relation;
      throw new Error(`unknown relation ${String(unknown)}`);
    }
  }
}

/**
 * Who may take each action, by relation to the case, and the rule it falls under. HR records the grievant's
 * acts for a grievant who has no account (a paper filing); deciders act for the district; auditors only read.
 */
export const GRIEVANCE_ACTIONS: { readonly [K in GrievanceAction['type']]: { readonly rule: RuleId; readonly by: readonly GrievanceRelation[] } } = {
  'declare-formal': { rule: 'GRV-INFORMAL', by: ['grievant', 'representative', 'hr'] },
  'resolve-informally': { rule: 'GRV-INFORMAL', by: ['decider', 'hr'] },
  'schedule-conference': { rule: 'GRV-CONF-5', by: ['decider', 'hr'] },
  'representative-unavailable': { rule: 'GRV-REP', by: ['grievant', 'representative', 'hr'] },
  decide: { rule: 'GRV-DECIDE-10', by: ['decider'] },
  appeal: { rule: 'GRV-APPEAL-5', by: ['grievant', 'representative', 'hr'] },
  'demand-arbitration': { rule: 'GRV-FINAL', by: ['grievant', 'representative', 'hr'] },
  'propose-extension': { rule: 'GRV-EXTEND', by: ['grievant', 'representative', 'decider', 'hr'] },
  'accept-extension': { rule: 'GRV-EXTEND', by: ['grievant', 'representative', 'decider', 'hr'] },
  withdraw: { rule: 'GRV-WITHDRAW', by: ['grievant', 'representative', 'hr'] },
};

/** What of a grievance a reader may see. `record`: the raw history, which holds everything (history export, packet). */
export type GrievancePart = 'summary' | 'filing' | 'decisions' | 'record';
export const GRIEVANCE_PARTS: readonly GrievancePart[] = ['summary', 'filing', 'decisions', 'record'];

/**
 * The grievance access table. [design] The parties see their case whole; the raw history (which also holds every
 * notice's recipients and every party's account) goes to HR and auditors, who see everything of the district's
 * grievances. Anyone else does not learn the case exists (404).
 */
export const GRIEVANCE_ACCESS: Record<GrievanceRelation, Record<GrievancePart, boolean>> = {
  grievant: { summary: true, filing: true, decisions: true, record: false },
  representative: { summary: true, filing: true, decisions: true, record: false },
  decider: { summary: true, filing: true, decisions: true, record: false },
  hr: { summary: true, filing: true, decisions: true, record: true },
  auditor: { summary: true, filing: true, decisions: true, record: true },
  other: { summary: false, filing: false, decisions: false, record: false },
};
