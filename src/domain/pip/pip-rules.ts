import type { CalendarDate } from '../calendar';
import { blankText as blank } from '../case/stored-text';
import type { RuleId } from '../case/rule-ids';
import { ARTIFACT_LIMITS, PIP_LIMITS, PIP_STANDARDS, type DocumentRef, type Goal, type PipStart, type PipState, type PlanInput, type StepInput } from './pip-case';

/**
 * The content rules of an improvement plan, pure and table-tested: what a plan, a step or an artifact must be.
 * Each problem names the field (a JSON pointer into the request) and the rule, so the API answers 422 naming both.
 */
export interface PipProblem {
  readonly rule: RuleId;
  readonly field: string;
  readonly message: string;
}

const normalized = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** PIP-GOAL: one specific goal stated, with how it is measured; not the goal of another plan of the case. */
export function goalProblem(goal: Goal, others: readonly Goal[], at: string): PipProblem | undefined {
  if (blank(goal.statement)) return { rule: 'PIP-GOAL', field: `${at}/statement`, message: 'a plan states one specific growth goal' };
  if (blank(goal.measure)) return { rule: 'PIP-GOAL', field: `${at}/measure`, message: 'the goal must be measurable: say how it is measured' };
  if (others.some((o) => normalized(o.statement) === normalized(goal.statement))) {
    return { rule: 'PIP-GOAL', field: `${at}/statement`, message: 'one goal per plan: another plan of this case already has this goal' };
  }
  return undefined;
}

/** PIP-ALIGN: aligned to at least one of 1a-1d, 2a-2d, PR1-PR7, each named once. */
export function alignmentProblem(alignment: readonly string[], at: string): PipProblem | undefined {
  if (alignment.length === 0) return { rule: 'PIP-ALIGN', field: at, message: 'the goal aligns to at least one standard: 1a-1d, 2a-2d or PR1-PR7' };
  const unknown = alignment.findIndex((s) => !(PIP_STANDARDS as readonly string[]).includes(s));
  if (unknown >= 0) return { rule: 'PIP-ALIGN', field: `${at}/${unknown}`, message: `${alignment[unknown]} is not one of 1a-1d, 2a-2d, PR1-PR7` };
  const repeated = alignment.findIndex((s, i) => alignment.indexOf(s) !== i);
  if (repeated >= 0) return { rule: 'PIP-ALIGN', field: `${at}/${repeated}`, message: `${alignment[repeated]} is named twice` };
  return undefined;
}

/**
 * PIP-STEPS: what will be done, an anticipated completion date and a check-in date, neither in the past; the
 * check-in comes on or before the completion [design]. A step may run past the year's end: its plan's status is
 * then "In Progress" (PIP-STATUS).
 */
export function stepProblem(step: StepInput, today: CalendarDate, at: string): PipProblem | undefined {
  if (blank(step.description)) return { rule: 'PIP-STEPS', field: `${at}/description`, message: 'an action step says what will be done' };
  if (step.completeBy < today) return { rule: 'PIP-STEPS', field: `${at}/completeBy`, message: `the anticipated completion date ${step.completeBy} is in the past` };
  if (step.checkInOn < today) return { rule: 'PIP-STEPS', field: `${at}/checkInOn`, message: `the check-in date ${step.checkInOn} is in the past` };
  if (step.checkInOn > step.completeBy) return { rule: 'PIP-STEPS', field: `${at}/checkInOn`, message: `the check-in (${step.checkInOn}) comes on or before the anticipated completion (${step.completeBy})` };
  return undefined;
}

/** A whole plan as assigned: goal, alignment, at least one and at most PIP_LIMITS.stepsPerPlan steps. */
export function planProblem(plan: PlanInput, others: readonly Goal[], today: CalendarDate, at = ''): PipProblem | undefined {
  const goal = goalProblem(plan.goal, others, `${at}/goal`);
  if (goal) return goal;
  const alignment = alignmentProblem(plan.alignment, `${at}/alignment`);
  if (alignment) return alignment;
  if (plan.steps.length === 0 || plan.steps.length > PIP_LIMITS.stepsPerPlan) {
    return { rule: 'PIP-STEPS', field: `${at}/steps`, message: `a plan has 1 to ${PIP_LIMITS.stepsPerPlan} action steps` };
  }
  for (const [i, step] of plan.steps.entries()) {
    const problem = stepProblem(step, today, `${at}/steps/${i}`);
    if (problem) return problem;
  }
  return undefined;
}

/** PIP-TEAM: a primary evaluator who is not the employee; team members other than the employee and the evaluator. */
export function teamProblem(start: Pick<PipStart, 'employee' | 'evaluator' | 'team'>): PipProblem | undefined {
  if (start.evaluator.id === start.employee.id) return { rule: 'PIP-TEAM', field: '/evaluator/id', message: 'the primary evaluator is not the employee' };
  if (start.team.length > PIP_LIMITS.team) return { rule: 'PIP-TEAM', field: '/team', message: `at most ${PIP_LIMITS.team} other team members` };
  // A member without an account id (undefined) equals neither: the employee and the evaluator always have one.
  const i = start.team.findIndex((m) => m.id === start.employee.id || m.id === start.evaluator.id);
  if (i >= 0) return { rule: 'PIP-TEAM', field: `/team/${i}/id`, message: 'a team member is someone other than the employee and the primary evaluator' };
  return undefined;
}

/** Everything a new case is checked for before it opens (the API answers 422 naming the field and rule). */
export function startProblem(start: PipStart, today: CalendarDate): PipProblem | undefined {
  return teamProblem(start) ?? planProblem(start.plan, [], today, '/plan');
}

/** PIP-EVIDENCE: an artifact is an uploaded document within the size and type limits, named by its SHA-256. */
export function documentProblem(kind: 'evidence' | 'artifact', document: DocumentRef | undefined, at: string): PipProblem | undefined {
  if (kind === 'artifact' && !document) return { rule: 'PIP-EVIDENCE', field: `${at}/document`, message: 'an artifact is an uploaded document' };
  if (!document) return undefined;
  if (!/^[0-9a-f]{64}$/.test(document.sha256)) return { rule: 'PIP-EVIDENCE', field: `${at}/document/sha256`, message: 'the SHA-256 of the document, 64 lower-case hex digits' };
  if (!Number.isInteger(document.size) || document.size <= 0 || document.size > ARTIFACT_LIMITS.maxBytes) {
    return { rule: 'PIP-EVIDENCE', field: `${at}/document/size`, message: `a document of 1 byte to ${ARTIFACT_LIMITS.maxBytes} bytes` };
  }
  // The media type without its parameters (`text/plain; charset=utf-8` is plain text).
  if (!(ARTIFACT_LIMITS.contentTypes as readonly string[]).includes(document.contentType.split(';')[0]!.trim().toLowerCase())) {
    return { rule: 'PIP-EVIDENCE', field: `${at}/document/contentType`, message: `${document.contentType} is not a type the plan takes (${ARTIFACT_LIMITS.contentTypes.join(', ')})` };
  }
  return undefined;
}

/** The plan's goals, for PIP-GOAL's one-goal-per-plan check. */
export const goalsOf = (state: Pick<PipState, 'plans'>) => state.plans.map((p) => p.goal);
