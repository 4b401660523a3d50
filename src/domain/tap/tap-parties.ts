import { hasAnyRole, identitiesOf, type Actor } from '../actor';
import type { RuleId } from '../case/rule-ids';
import { currentPlan, type TapAction, type TapCase } from './tap-case';

/**
 * How a person stands to one Teacher Assistance Plan: what they may do and see follows from it, never from the
 * request body. The teacher and the administrator by the subjects HR recorded at opening; district personnel and
 * association staff by the subjects the current level's plan names (TAP-LEVELS: they take part from level 2, and
 * cease to be parties when the plan moves back to level 1 [design]); HR and auditors of the district by their roles.
 */
export type TapRelation = 'teacher' | 'association' | 'administrator' | 'district' | 'hr' | 'auditor' | 'other';

export const TAP_RELATIONS: readonly TapRelation[] = ['teacher', 'association', 'administrator', 'district', 'hr', 'auditor', 'other'];

export function tapRelation(state: TapCase, actor: Actor): TapRelation {
  if (actor.district !== state.district) return 'other';
  const ids = identitiesOf(actor);
  const is = (subject: string | undefined) => subject !== undefined && ids.includes(subject);
  const { plan } = currentPlan(state);
  if (is(state.teacher.id)) return 'teacher';
  if ((plan.associationStaff ?? []).some((p) => is(p.id))) return 'association';
  if (is(state.administrator.id)) return 'administrator';
  if ((plan.districtPersonnel ?? []).some((p) => is(p.id))) return 'district';
  if (hasAnyRole(actor, ['hr'])) return 'hr';
  if (hasAnyRole(actor, ['auditor'])) return 'auditor';
  return 'other';
}

/**
 * Who may take each action, by relation to the case, and the rule it falls under. The administrator (levels 1 and
 * 2) and district personnel lead the plan; HR records for the district; level 3 is district-led, so its review is
 * not the administrator's alone (checked in the transition, TAP-LEVELS). The teacher acknowledges the plan.
 */
export const TAP_ACTIONS: { readonly [K in TapAction['type']]: { readonly rule: RuleId; readonly by: readonly TapRelation[] } } = {
  acknowledge: { rule: 'TAP-DOC', by: ['teacher'] },
  'revise-plan': { rule: 'TAP-DOC', by: ['administrator', 'district', 'hr'] },
  'record-meeting': { rule: 'TAP-LEVELS', by: ['administrator', 'district', 'hr'] },
  review: { rule: 'TAP-TIMELINE', by: ['administrator', 'district', 'hr'] },
};

/**
 * What of a plan a reader may see. `summary`: that it exists, its level, status, dates and deadlines; `plan`: the
 * documented content (TAP-DOC); `meetings`: the notes of meetings; `reviews`: each review's outcome and summary;
 * `record`: the raw history (history export, the packet's history.json), which holds all of it.
 */
export type TapPart = 'summary' | 'plan' | 'meetings' | 'reviews' | 'record';
export const TAP_PARTS: readonly TapPart[] = ['summary', 'plan', 'meetings', 'reviews', 'record'];

/**
 * The access table. [design] A performance plan is a personnel matter: its parties (the teacher, the association
 * staff taking part, the administrator, district personnel) and HR see it whole; the raw history goes to HR alone;
 * auditors see that plans ran, their levels, deadlines and review outcomes, never what a plan documents or what a
 * meeting said. Anyone else does not learn the plan exists (404).
 */
export const TAP_ACCESS: Record<TapRelation, Record<TapPart, boolean>> = {
  teacher: { summary: true, plan: true, meetings: true, reviews: true, record: false },
  association: { summary: true, plan: true, meetings: true, reviews: true, record: false },
  administrator: { summary: true, plan: true, meetings: true, reviews: true, record: false },
  district: { summary: true, plan: true, meetings: true, reviews: true, record: false },
  hr: { summary: true, plan: true, meetings: true, reviews: true, record: true },
  auditor: { summary: true, plan: false, meetings: false, reviews: true, record: false },
  other: { summary: false, plan: false, meetings: false, reviews: false, record: false },
};

/** The part an action writes to: its notes and details show in a reader's timeline only where they may see it. */
export const TAP_ACTION_PARTS: Readonly<Record<string, TapPart>> = {
  acknowledge: 'summary',
  'revise-plan': 'plan',
  'record-meeting': 'meetings',
  review: 'reviews',
};

export function tapSees(state: TapCase, actor: Actor, part: TapPart): boolean {
  return TAP_ACCESS[tapRelation(state, actor)][part];
}
