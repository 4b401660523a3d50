import { hasAnyRole, identitiesOf, type Actor } from '../actor';
import type { RuleId } from '../case/rule-ids';
import type { ObservationAction, ObservationCycle } from './observation-cycle';

/**
 * How a person stands to one observation cycle, what each may do (OBS_ACTIONS) and see (OBS_ACCESS). The educator
 * and the evaluators are known by their employee ids (token `sub` or employee id claim); HR and auditors by role.
 * Anyone else, another district included, is 'other': for them the cycle does not exist (404).
 */
export const OBS_RELATIONS = ['educator', 'evaluator', 'hr', 'auditor', 'other'] as const;
export type ObservationRelation = (typeof OBS_RELATIONS)[number];

export function observationRelation(cycle: Pick<ObservationCycle, 'district' | 'educator' | 'evaluators'>, actor: Actor): ObservationRelation {
  if (actor.district !== cycle.district) return 'other';
  const ids = identitiesOf(actor);
  if (ids.includes(cycle.educator)) return 'educator';
  if (cycle.evaluators.some((e) => ids.includes(e.id))) return 'evaluator';
  if (hasAnyRole(actor, ['hr'])) return 'hr';
  if (hasAnyRole(actor, ['auditor'])) return 'auditor';
  return 'other';
}

/** The evaluator id an actor acts as on this cycle (the identity the cycle lists), else their token `sub`. */
export function evaluatorIdOf(cycle: Pick<ObservationCycle, 'evaluators'>, actor: Actor): string {
  const ids = identitiesOf(actor);
  return cycle.evaluators.find((e) => ids.includes(e.id))?.id ?? actor.id;
}

/** Who may take each step, and the rule it falls under (the README's table is printed from here). */
export const OBS_ACTIONS: Record<ObservationAction['type'], { readonly rule: RuleId; readonly by: readonly ObservationRelation[] }> = {
  'assign-evaluator': { rule: 'OBS-CERTIFIED', by: ['hr'] },
  'hold-coaching-conversation': { rule: 'OBS-COACHING', by: ['evaluator'] },
  'hold-pre-conference': { rule: 'OBS-PRECONF', by: ['evaluator'] },
  observe: { rule: 'OBS-CERTIFIED', by: ['evaluator'] },
  'submit-self-score': { rule: 'OBS-SELF-SCORE', by: ['educator'] },
  'give-written-feedback': { rule: 'OBS-FEEDBACK-7', by: ['evaluator'] },
  'hold-post-conference': { rule: 'OBS-POSTCONF', by: ['evaluator'] },
  'record-grievance': { rule: 'OBS-FEEDBACK-7', by: ['hr'] },
  'end-cycle': { rule: 'OBS-TRACK', by: ['hr'] },
};

/**
 * The parts of a cycle a reader may see. `summary`: track, status, dates, deadlines, report; `observations`: each
 * observation's kind, dates and who took each step; `feedback`: the written feedback and the conference notes
 * (coaching supports, reinforcement, refinement); `self-scores`: the educator's self-score forms (given to the
 * evaluator, OBS-SELF-SCORE); `violations`: the process violations with their facts; `record`: the raw history.
 */
export const OBS_PARTS = ['summary', 'observations', 'feedback', 'self-scores', 'violations', 'record'] as const;
export type ObservationPart = (typeof OBS_PARTS)[number];

const row = (...parts: readonly ObservationPart[]): Record<ObservationPart, boolean> =>
  Object.fromEntries(OBS_PARTS.map((p) => [p, parts.includes(p)])) as Record<ObservationPart, boolean>;

/**
 * [design] The educator and the evaluators see the whole cycle; HR sees what was done and when, the violations and
 * the report, not the feedback texts or the self-scores; auditors see everything, the raw history included.
 */
export const OBS_ACCESS: Record<ObservationRelation, Record<ObservationPart, boolean>> = {
  educator: row('summary', 'observations', 'feedback', 'self-scores', 'violations'),
  evaluator: row('summary', 'observations', 'feedback', 'self-scores', 'violations'),
  hr: row('summary', 'observations', 'violations'),
  auditor: row(...OBS_PARTS),
  other: row(),
};

/** The part of the case an action writes (the timeline shows its details to readers of that part only). */
export const ACTION_PARTS: Record<string, ObservationPart> = {
  'assign-evaluator': 'observations',
  'hold-coaching-conversation': 'feedback',
  'hold-pre-conference': 'observations',
  observe: 'observations',
  'submit-self-score': 'self-scores',
  'give-written-feedback': 'feedback',
  'hold-post-conference': 'feedback',
  'record-grievance': 'violations',
  'end-cycle': 'summary',
};
