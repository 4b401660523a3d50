import type { CalendarDate } from '../calendar';
import type { LongText } from '../case/stored-text';
import type { RuleId } from '../case/rule-ids';

/**
 * A Performance Improvement Plan for a support professional (RULES.md PIP-*, source 002): one case per person and
 * school year, `pip:<district>:<id>`, holding one plan per growth goal (PIP-GOAL: more plans for more goals), each
 * with its action steps, evidence, supports, the evaluator's comments and its end-of-year status.
 */

/** PIP-ALIGN: the practice standards 1a-1d, 2a-2d and the professional responsibilities PR1-PR7 of the form. */
export const PRACTICE_STANDARDS = ['1a', '1b', '1c', '1d', '2a', '2b', '2c', '2d'] as const;
export const PROFESSIONAL_RESPONSIBILITIES = ['PR1', 'PR2', 'PR3', 'PR4', 'PR5', 'PR6', 'PR7'] as const;
export const PIP_STANDARDS = [...PRACTICE_STANDARDS, ...PROFESSIONAL_RESPONSIBILITIES] as const;
export type PipStandard = (typeof PIP_STANDARDS)[number];

/** PIP-STATUS: the end-of-year status of a plan's goal. */
export const GOAL_STATUSES = ['achieved', 'not-achieved', 'in-progress'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface PipPerson {
  /** The person's account id (the token's `sub`, or the employee id the district's tokens carry). */
  readonly id: string;
  readonly name: string;
  readonly email?: string | undefined;
}

/** PIP-TEAM: another member of the improvement plan team (a coach, a program lead), with their part in it. */
export interface TeamMember {
  readonly id?: string | undefined;
  readonly name: string;
  readonly role: string;
  readonly email?: string | undefined;
}

/** PIP-GOAL: one specific growth goal, and how it is measured. */
export interface Goal {
  /** Written out, never stored: PIP-GOAL compares it with the other plans' goals. */
  readonly statement: string;
  readonly measure: LongText;
}

/** PIP-STEPS: an action step as written: what will be done, by when, and when to check in with the evaluator. */
export interface StepInput {
  readonly description: LongText;
  readonly completeBy: CalendarDate;
  readonly checkInOn: CalendarDate;
}

export interface CheckIn {
  readonly on: CalendarDate;
  readonly progress: LongText;
  readonly by: string;
}

export interface ActionStep {
  /** `S1`, `S2` ... within its plan. */
  readonly id: string;
  readonly description: LongText;
  /** The anticipated completion date (a deadline with reminders, PIP-STEPS). */
  readonly completeBy: CalendarDate;
  /** The next check-in with the evaluator (a deadline with reminders); absent when none is set. */
  readonly nextCheckIn?: CalendarDate | undefined;
  readonly checkIns: readonly CheckIn[];
  readonly completedOn?: CalendarDate | undefined;
  /** Deadlines of this step that passed unmet (`check-in 2027-01-15`, `completion 2027-02-01`). */
  readonly missed: readonly string[];
}

/**
 * PIP-EVIDENCE: an uploaded document as the case keeps it: its SHA-256, size and media type (a claim check); the
 * content stays in the case document store, never in the history.
 */
export interface DocumentRef {
  readonly sha256: string;
  readonly size: number;
  readonly contentType: string;
}

export interface EvidenceItem {
  /** `E1`, `E2` ... within its plan. */
  readonly id: string;
  /** `evidence`: evidence of achievement described; `artifact`: an uploaded document (PIP-EVIDENCE). */
  readonly kind: 'evidence' | 'artifact';
  readonly description: LongText;
  readonly document?: DocumentRef | undefined;
  readonly addedOn: CalendarDate;
  readonly addedBy: string;
}

export interface Support {
  readonly on: CalendarDate;
  readonly description: LongText;
  readonly by: string;
}

export interface EvaluatorComment {
  readonly on: CalendarDate;
  readonly text: LongText;
}

export interface PlanStatus {
  readonly status: GoalStatus;
  readonly on: CalendarDate;
  /** The form's "additional comments": the evaluator's, as confidential as their other comments. */
  readonly comments?: LongText | undefined;
}

export interface Plan {
  /** `P1`, `P2` ... within the case. */
  readonly id: string;
  readonly assignedOn: CalendarDate;
  readonly goal: Goal;
  readonly alignment: readonly PipStandard[];
  /** "What evidence will you use to demonstrate that your goal was met?" */
  readonly evidencePlanned?: LongText | undefined;
  readonly steps: readonly ActionStep[];
  readonly evidence: readonly EvidenceItem[];
  readonly supports: readonly Support[];
  readonly comments: readonly EvaluatorComment[];
  readonly status?: PlanStatus | undefined;
  /** The end-of-year status was due and not recorded (PIP-STATUS): the evaluator was told. */
  readonly statusOverdue?: boolean | undefined;
}

export type PipClosedReason = 'year-end-status-recorded' | 'withdrawn';

export interface PipState {
  readonly id: string;
  readonly district: string;
  /** `2026-2027`: the year whose end the statuses are due at. */
  readonly schoolYear: string;
  readonly school?: string | undefined;
  readonly employee: PipPerson & { readonly position?: string | undefined };
  /** PIP-TEAM: the primary evaluator. */
  readonly evaluator: PipPerson;
  readonly team: readonly TeamMember[];
  readonly plans: readonly Plan[];
  readonly openedOn: CalendarDate;
  /** The last instructional day of the school year, from the district calendar once it is loaded. */
  readonly yearEndsOn?: CalendarDate | undefined;
  readonly status: 'active' | 'closed';
  readonly closed?: { readonly reason: PipClosedReason; readonly on: CalendarDate; readonly rule: RuleId } | undefined;
}

/** A plan as assigned: its goal, alignment, first action steps and planned evidence. */
export interface PlanInput {
  readonly goal: Goal;
  /** As asked: checked against PIP_STANDARDS (PIP-ALIGN) before a plan holds it. */
  readonly alignment: readonly string[];
  readonly steps: readonly StepInput[];
  readonly evidencePlanned?: LongText | undefined;
}

/** How a case opens: HR (or the evaluator) assigns the first plan to the employee. */
export interface PipStart {
  readonly id: string;
  readonly district: string;
  readonly schoolYear: string;
  readonly school?: string | undefined;
  readonly employee: PipState['employee'];
  readonly evaluator: PipPerson;
  readonly team: readonly TeamMember[];
  readonly plan: PlanInput;
  readonly openedOn: CalendarDate;
}

export type PipAction =
  | ({ readonly type: 'assign-plan' } & PlanInput)
  | { readonly type: 'add-team-member'; readonly member: TeamMember }
  | { readonly type: 'add-step'; readonly plan: string; readonly step: StepInput }
  | { readonly type: 'reschedule-step'; readonly plan: string; readonly step: string; readonly completeBy?: CalendarDate | undefined; readonly checkInOn?: CalendarDate | undefined; readonly reason: LongText }
  | { readonly type: 'check-in'; readonly plan: string; readonly step: string; readonly progress: LongText; readonly nextCheckInOn?: CalendarDate | undefined }
  | { readonly type: 'complete-step'; readonly plan: string; readonly step: string }
  | { readonly type: 'add-evidence'; readonly plan: string; readonly kind: EvidenceItem['kind']; readonly description: LongText; readonly document?: DocumentRef | undefined }
  | { readonly type: 'record-support'; readonly plan: string; readonly description: LongText }
  | { readonly type: 'comment'; readonly plan: string; readonly text: LongText }
  | { readonly type: 'record-status'; readonly plan: string; readonly status: GoalStatus; readonly comments?: LongText | undefined }
  | { readonly type: 'withdraw'; readonly reason: LongText };

/** A deadline passed unmet, named by its clock key (`check-in:P1:S2:2027-01-15`). */
export type PipEvent = PipAction | { readonly type: 'deadline-passed'; readonly deadline: string };

/** What bounds a case (bounded input [design]): plans, steps, evidence, supports, comments, team. */
export const PIP_LIMITS = { plans: 10, stepsPerPlan: 10, evidencePerPlan: 50, supportsPerPlan: 50, commentsPerPlan: 50, checkInsPerStep: 20, team: 20 } as const;

/**
 * PIP-EVIDENCE: what an artifact may be: a document of the case document store (at most 10 MiB, of the types it
 * takes: PDF, PNG, JPEG, plain text, Word).
 */
export const ARTIFACT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  contentTypes: ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
} as const;

/** PIP-STATUS [design]: the end-of-year status is recorded in the last 20 school days of the year, or once every step of the plan is done. */
export const STATUS_WINDOW_SCHOOL_DAYS = 20;
