import type { RuleId } from '../case/rule-ids';
import { blankText as blank } from '../case/stored-text';
import type { TapLevel, TapPlan } from './tap-case';

/** A plan the rules refuse: the rule, the field (a JSON pointer inside the plan) and why. */
export interface PlanRefusal {
  readonly rule: RuleId;
  readonly field: string;
  readonly message: string;
}

/** How long a timeline may run before its review, per unit [design]: at most a school year. */
export const TIMELINE_MAXIMUM: Readonly<Record<TapPlan['timeline']['unit'], number>> = { 'school-day': 180, week: 40, month: 12 };


/**
 * TAP-DOC and TAP-LEVELS: what a plan at `level` must document, and who takes part. At levels 1 and 2: the issues,
 * what improvement looks like, how it is assessed, the resources offered, the timeline, the resource sheet given;
 * level 3 the same plus the district's top-level interventions. Association staff and district personnel take part
 * from level 2 (TAP-LEVELS); level 1 is between the administrator and the teacher [design]. Undefined: documented.
 */
export function planRefusal(plan: TapPlan, level: TapLevel): PlanRefusal | undefined {
  const doc = (field: string, message: string): PlanRefusal => ({ rule: 'TAP-DOC', field, message: `${message} (level ${level} plan)` });
  if (plan.issues.length === 0 || plan.issues.some(blank)) return doc('/issues', 'the plan names the issue(s)');
  if (blank(plan.improvement)) return doc('/improvement', 'the plan describes what improvement / progress will look like');
  if (blank(plan.assessment)) return doc('/assessment', 'the plan describes how improvement / progress will be assessed / measured');
  if (plan.resources.length === 0 || plan.resources.some(blank)) return doc('/resources', 'the plan suggests resource(s) for improvement / progress');
  const { count, unit } = plan.timeline;
  if (!Number.isInteger(count) || count < 1 || count > TIMELINE_MAXIMUM[unit]) {
    return { rule: 'TAP-TIMELINE', field: '/timeline/count', message: `the timeline runs 1 to ${TIMELINE_MAXIMUM[unit]} ${unit}s to its review (level ${level} plan)` };
  }
  if (!plan.resourceSheetGiven) return doc('/resourceSheetGiven', 'the resource sheet for assistance plans is given to the teacher and checked off');
  const interventions = plan.interventions ?? [];
  if (level === 3 && (interventions.length === 0 || interventions.some(blank))) return doc('/interventions', "level 3 records the district's top-level interventions");
  if (level !== 3 && interventions.length > 0) return doc('/interventions', "the district's top-level interventions are recorded at level 3");
  const association = plan.associationStaff ?? [];
  const district = plan.districtPersonnel ?? [];
  if (level === 1 && association.length + district.length > 0) {
    return { rule: 'TAP-LEVELS', field: association.length > 0 ? '/associationStaff' : '/districtPersonnel', message: 'level 1 (Support) is between the administrator and the teacher: district personnel and association staff take part from level 2' };
  }
  if (level >= 2 && district.length === 0) return { rule: 'TAP-LEVELS', field: '/districtPersonnel', message: `district personnel take part from level 2 (level ${level} plan)` };
  if (level === 2 && association.length === 0) return { rule: 'TAP-LEVELS', field: '/associationStaff', message: 'association staff take part at level 2 (Remediation)' };
  return undefined;
}
