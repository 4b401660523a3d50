import type { Actor } from '../actor';
import type { CalendarDate } from '../calendar';
import type { RuleId } from '../case/rule-ids';
import type { LongText } from '../case/stored-text';

/**
 * A Teacher Assistance Plan (RULES.md TAP-*, seed 000): a plan opened at level 1 (Support), 2 (Remediation) or
 * 3 (Final Resolution), documented per level (TAP-DOC), with a timeline that ends in a review (TAP-TIMELINE).
 * Levels need not be passed in order (TAP-LEVELS). Pure data: no I/O, no Temporal.
 */
export type TapLevel = 1 | 2 | 3;
export const TAP_LEVELS: readonly TapLevel[] = [1, 2, 3];

export const TAP_LEVEL_NAMES: Readonly<Record<TapLevel, string>> = { 1: 'Level 1 (Support)', 2: 'Level 2 (Remediation)', 3: 'Level 3 (Final Resolution)' };

/** Someone named by the case: `id` is the token `sub` (or employee id) with which they act on it, when they do. */
export interface TapPerson {
  readonly id?: string | undefined;
  readonly name: string;
  readonly title?: string | undefined;
  readonly email?: string | undefined;
  readonly postalAddress?: readonly string[] | undefined;
}

/** TAP-TIMELINE: how long the plan runs before its review, counted on the district calendar from the plan's start. */
export interface TapTimeline {
  readonly count: number;
  readonly unit: 'school-day' | 'week' | 'month';
  /** Check-ins and milestones in words ("weekly check-in with the instructional coach"). */
  readonly description?: LongText | undefined;
}

/** TAP-DOC: what a level's plan documents (the same at levels 1 and 2; level 3 adds the district's interventions). */
export interface TapPlan {
  /** The issue(s) named. */
  readonly issues: readonly LongText[];
  /** What improvement / progress will look like. */
  readonly improvement: LongText;
  /** How improvement / progress will be assessed / measured. */
  readonly assessment: LongText;
  /** The resource(s) offered for improvement / progress. */
  readonly resources: readonly LongText[];
  readonly timeline: TapTimeline;
  /** The resource sheet for assistance plans was given to the teacher (checked off). */
  readonly resourceSheetGiven: boolean;
  /** Level 3: the district's high-level involvement and top-level interventions. */
  readonly interventions?: readonly LongText[] | undefined;
  /** Levels 2 and 3 (TAP-LEVELS): the district personnel who take part. */
  readonly districtPersonnel?: readonly TapPerson[] | undefined;
  /** Levels 2 and 3 (TAP-LEVELS): the association staff who take part: parties of the case while the plan is at those levels. */
  readonly associationStaff?: readonly TapPerson[] | undefined;
}

/** What a review decides (TAP-TIMELINE): move up or down a level, exit the plan, or at level 3 resolve. */
export const TAP_RESOLUTIONS = ['termination', 'leave', 'reassignment', 'career-transition'] as const;
export type TapResolution = (typeof TAP_RESOLUTIONS)[number];
export type TapReviewOutcome = 'move-up' | 'move-down' | 'exit' | TapResolution;
export const TAP_REVIEW_OUTCOMES: readonly TapReviewOutcome[] = ['move-up', 'move-down', 'exit', ...TAP_RESOLUTIONS];

export interface TapReview {
  readonly outcome: TapReviewOutcome;
  /** The level moved to (move-up, move-down). */
  readonly toLevel?: TapLevel | undefined;
  readonly summary: LongText;
  readonly on: CalendarDate;
  readonly by: string;
}

/** One plan of the case: a level's documented plan from its start to its review (or its revision). */
export interface TapLevelPlan {
  /** 1, 2, 3 ... in the order the plans were made: the review deadline of plan n is `review:<n>`. */
  readonly n: number;
  readonly level: TapLevel;
  readonly plan: TapPlan;
  readonly startedOn: CalendarDate;
  readonly by: string;
  /** The teacher took part in the discussion and received the plan and the resource sheet. */
  readonly acknowledgedOn?: CalendarDate | undefined;
  /** How the plan ended: its review, or a revision that replaced it at the same level. */
  readonly review?: TapReview | undefined;
  readonly revisedOn?: CalendarDate | undefined;
  readonly revisionReason?: LongText | undefined;
  /** The review date passed without a review (TAP-TIMELINE). */
  readonly reviewMissedOn?: CalendarDate | undefined;
}

export interface TapMeeting {
  readonly on: CalendarDate;
  readonly level: TapLevel;
  readonly notes: LongText;
  readonly by: string;
}

export type TapStatus = 'in-plan' | 'review-overdue' | 'closed';
/** How a plan ends: exited, or (level 3) resolved. */
export type TapClosedOutcome = 'exited' | TapResolution;

export interface TapCase {
  readonly id: string;
  readonly district: string;
  readonly school?: string | undefined;
  readonly teacher: TapPerson;
  /** The administrator who leads the plan at levels 1 and 2 (the principal, as a rule). */
  readonly administrator: TapPerson;
  readonly status: TapStatus;
  /** Every plan of the case, oldest first; the last is the current one. */
  readonly plans: readonly TapLevelPlan[];
  readonly meetings: readonly TapMeeting[];
  readonly openedOn: CalendarDate;
  readonly closed?: { readonly outcome: TapClosedOutcome; readonly on: CalendarDate; readonly rule: RuleId } | undefined;
}

export type TapAction =
  /** The teacher's part: took part in the discussion, received the plan and the resource sheet. */
  | { readonly type: 'acknowledge' }
  /** The plan documented anew at the same level (a new timeline restarts the count to the review). */
  | { readonly type: 'revise-plan'; readonly plan: TapPlan; readonly reason: LongText }
  /** A meeting on progress and future directions (regular at level 3). */
  | { readonly type: 'record-meeting'; readonly on: CalendarDate; readonly notes: LongText }
  /** TAP-TIMELINE: the review at the end of the timeline; moving to a level needs that level's plan (TAP-DOC). */
  | { readonly type: 'review'; readonly outcome: TapReviewOutcome; readonly level?: TapLevel | undefined; readonly plan?: TapPlan | undefined; readonly summary: LongText };

export type TapDeadlineKey = 'review';
export type TapEvent = TapAction | { readonly type: 'deadline-passed'; readonly deadline: TapDeadlineKey };

/** How a plan opens: HR or the administrator opens it at the level its concerns call for (TAP-LEVELS). */
export interface TapOpening {
  readonly id: string;
  readonly district: string;
  readonly school?: string | undefined;
  readonly teacher: TapPerson;
  readonly administrator: TapPerson;
  readonly level: TapLevel;
  readonly plan: TapPlan;
  readonly startedOn: CalendarDate;
  readonly openedBy: Actor;
}

export function currentPlan(state: Pick<TapCase, 'plans'>): TapLevelPlan {
  return state.plans[state.plans.length - 1]!;
}

export function currentLevel(state: Pick<TapCase, 'plans'>): TapLevel {
  return currentPlan(state).level;
}

export function openTap(opening: TapOpening): TapCase {
  return {
    id: opening.id,
    district: opening.district,
    school: opening.school,
    teacher: opening.teacher,
    administrator: opening.administrator,
    status: 'in-plan',
    plans: [{ n: 1, level: opening.level, plan: opening.plan, startedOn: opening.startedOn, by: opening.openedBy.id }],
    meetings: [],
    openedOn: opening.startedOn,
  };
}
