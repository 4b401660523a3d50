import type { Actor } from '../actor';
import type { LongText } from '../case/stored-text';
import type { CalendarDate } from '../calendar';
import type { RuleId } from '../case/rule-ids';
import type { EducatorCategory, License, PriorRatings, ResolvedTrack } from './observation-policy';
import type { Certification } from './observation-year';

/**
 * One educator's observation cycle for one school year (RULES.md OBS-*), `observation-cycle:<district>:<year>:
 * <educator>`: the observations the track requires, each with its conferences and feedback, the process violations
 * found on the way, and at the year's end the report of what was met. Scores are recorded as given, never computed
 * or judged (GRV-DEF). The educator is an opaque employee id: nothing personal in the case's id.
 */
export interface Contact {
  readonly name: string;
  readonly email?: string | undefined;
}

export interface AssignedEvaluator {
  /** The evaluator's employee id, as their token carries it (`sub` or employee id). */
  readonly id: string;
  readonly name?: string | undefined;
  readonly email?: string | undefined;
}

export type ObservationKind = 'formal' | 'walkthrough';

/** A step taken by an evaluator on a day, with their certification as the year's list had it then (OBS-CERTIFIED). */
export interface EvaluatorStep {
  readonly on: CalendarDate;
  readonly by: string;
  readonly certification?: Certification | undefined;
}

export interface Observation {
  readonly number: number;
  readonly kind: ObservationKind;
  readonly announced: boolean;
  /** OBS-PRECONF: time set with the educator, lesson plan reviewed. */
  readonly preConference?: (EvaluatorStep & { readonly plannedFor?: CalendarDate | undefined; readonly lessonPlanReviewed: boolean }) | undefined;
  readonly observed?: (EvaluatorStep & { readonly minutes?: number | undefined }) | undefined;
  /** OBS-SELF-SCORE: the educator's self-score form, as submitted. */
  readonly selfScore?: { readonly on: CalendarDate; readonly scores: readonly IndicatorScore[]; readonly note?: LongText | undefined } | undefined;
  /** OBS-FEEDBACK-7: written feedback; `late` when it came after its week. */
  readonly feedback?: (EvaluatorStep & { readonly text: LongText; readonly late: boolean }) | undefined;
  /** OBS-POSTCONF: reinforcement, refinement, specific feedback, ratings shared. */
  readonly postConference?: (EvaluatorStep & { readonly reinforcement: LongText; readonly refinement: LongText; readonly ratingsShared: boolean }) | undefined;
  /** The week for written feedback passed without it (OBS-FEEDBACK-7): recorded, not enforced. */
  readonly feedbackMissedOn?: CalendarDate | undefined;
}

export interface IndicatorScore {
  readonly indicator: string;
  readonly score: 1 | 2 | 3 | 4 | 5;
}

/** A missed or wrong-person step (OBS-FEEDBACK-7): grievable as a process violation (GRV-DEF). */
export interface ProcessViolation {
  /** `V1`, `V2` ... in the order found. */
  readonly id: string;
  readonly rule: RuleId;
  readonly observation?: number | undefined;
  /** The day the step was missed: the day the educator knew or should have known (GRV-FILE-40). */
  readonly missedOn: CalendarDate;
  /** What happened, with the dates: the grievance's statement of facts. */
  readonly facts: string;
  readonly recordedOn: CalendarDate;
  /** The grievance filed about it, once filed (the link both ways). */
  readonly grievance?: { readonly id: string; readonly workflowId: string; readonly filedOn: CalendarDate } | undefined;
}

export type CycleStatus = 'in-progress' | 'minimum-met' | 'completed' | 'ended';

/** One rule's outcome in the year-end report. */
export interface RuleOutcome {
  readonly rule: RuleId;
  readonly met: boolean;
  readonly detail: string;
}

/** What the cycle met, at the end of the year (or when HR ended it). */
export interface CycleReport {
  readonly on: CalendarDate;
  readonly formal: { readonly required: number; readonly held: number; readonly scored: readonly number[] };
  readonly walkthroughs: { readonly required: number; readonly held: number };
  readonly unannounced: { readonly held: number; readonly of: number };
  readonly contactMinutes?: { readonly required: number; readonly held: number } | undefined;
  readonly selfScores: { readonly submitted: number; readonly of: number };
  readonly rules: readonly RuleOutcome[];
  readonly violations: number;
}

export interface ObservationCycle {
  readonly caseType: 'observation-cycle';
  /** `<schoolYear>:<educator>`: the case number inside the district. */
  readonly id: string;
  readonly district: string;
  readonly schoolYear: string;
  readonly educator: string;
  readonly school?: string | undefined;
  readonly category: EducatorCategory;
  readonly license: License;
  readonly prior: PriorRatings;
  readonly track: ResolvedTrack;
  readonly coachingRequired: boolean;
  readonly evaluators: readonly AssignedEvaluator[];
  readonly contacts: { readonly educator?: Contact | undefined; readonly hr?: Contact | undefined };
  readonly openedOn: CalendarDate;
  readonly openedBy: Actor;
  /** The year's last instructional day on the district calendar, once published: the cycle ends with it. */
  readonly endsOn?: CalendarDate | undefined;
  readonly coaching?: (EvaluatorStep & { readonly supports: readonly LongText[] }) | undefined;
  readonly observations: readonly Observation[];
  readonly violations: readonly ProcessViolation[];
  readonly status: CycleStatus;
  readonly report?: CycleReport | undefined;
  readonly closed?: { readonly reason: 'year-ended' | 'ended'; readonly on: CalendarDate; readonly rule: RuleId; readonly note?: string | undefined } | undefined;
  /**
   * GRV-FILE-40: a closed cycle with process violations stays reachable until the last of them can no longer be
   * grieved (40 school days after it was missed), so that a grievance filed about one records its link here.
   */
  readonly grievanceWindowEnded?: boolean | undefined;
}

/** What the API hands the workflow to open a cycle (the track already resolved from the district's policy). */
export type CycleStart = Pick<
  ObservationCycle,
  'district' | 'schoolYear' | 'educator' | 'school' | 'category' | 'license' | 'prior' | 'track' | 'evaluators' | 'openedOn' | 'openedBy'
> & { readonly contacts?: ObservationCycle['contacts'] | undefined };

/** The steps of a cycle. `on` is the day the step took place (today when left out; never later than today). */
export type ObservationAction =
  | { readonly type: 'assign-evaluator'; readonly evaluator: AssignedEvaluator }
  | { readonly type: 'hold-coaching-conversation'; readonly on?: CalendarDate | undefined; readonly supports: readonly LongText[]; readonly certification?: Certification | undefined }
  | {
      readonly type: 'hold-pre-conference';
      readonly on?: CalendarDate | undefined;
      readonly kind?: ObservationKind | undefined;
      readonly plannedFor?: CalendarDate | undefined;
      readonly lessonPlanReviewed: boolean;
      readonly certification?: Certification | undefined;
    }
  | {
      readonly type: 'observe';
      /** The announced observation a pre-conference planned; left out: a new one. */
      readonly observation?: number | undefined;
      readonly kind: ObservationKind;
      readonly announced: boolean;
      readonly on?: CalendarDate | undefined;
      readonly minutes?: number | undefined;
      readonly certification?: Certification | undefined;
    }
  | { readonly type: 'submit-self-score'; readonly observation: number; readonly on?: CalendarDate | undefined; readonly scores: readonly IndicatorScore[]; readonly note?: LongText | undefined }
  | { readonly type: 'give-written-feedback'; readonly observation: number; readonly on?: CalendarDate | undefined; readonly text: LongText }
  | {
      readonly type: 'hold-post-conference';
      readonly observation: number;
      readonly on?: CalendarDate | undefined;
      readonly reinforcement: LongText;
      readonly refinement: LongText;
      readonly ratingsShared: boolean;
      readonly certification?: Certification | undefined;
    }
  | { readonly type: 'record-grievance'; readonly violation: string; readonly grievance: { readonly id: string; readonly workflowId: string }; readonly on?: CalendarDate | undefined }
  | { readonly type: 'end-cycle'; readonly reason: string };

export type ObservationDeadline = 'feedback' | 'year-end' | 'grievance-window';

export type ObservationEvent = ObservationAction | { readonly type: 'deadline-passed'; readonly deadline: ObservationDeadline };

/** The actions whose step an evaluator takes as an observer: the API attaches their certification (OBS-CERTIFIED). */
export const CERTIFIED_STEPS: readonly ObservationAction['type'][] = ['hold-coaching-conversation', 'hold-pre-conference', 'observe', 'hold-post-conference'];
