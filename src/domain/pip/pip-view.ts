import type { Actor } from '../actor';
import type { LongText } from '../case/stored-text';
import { PIP_ACCESS, PIP_PARTS, pipRelation, type PipPart, type PipRelation } from './pip-access';
import type { PipState, Plan } from './pip-case';

/** A plan as one reader may see it: parts they may not see are left out. */
// Type aliases, not interfaces: the API's response schema is a loose object and needs their implicit index signature.
export type PlanView = {
  readonly id: string;
  readonly assignedOn: string;
  readonly goal?: Plan['goal'] | undefined;
  readonly alignment?: Plan['alignment'] | undefined;
  readonly evidencePlanned?: LongText | undefined;
  readonly steps?: Plan['steps'] | undefined;
  readonly evidence?: Plan['evidence'] | undefined;
  readonly supports?: Plan['supports'] | undefined;
  readonly comments?: Plan['comments'] | undefined;
  readonly status?: { readonly status: string; readonly on: string; readonly comments?: LongText | undefined } | undefined;
  readonly statusOverdue?: boolean | undefined;
};

/** The case as one reader may see it; `withheld` names the parts left out, `relation` how the reader stands to it. */
export type PipCaseView = {
  readonly id: string;
  readonly district: string;
  readonly schoolYear: string;
  readonly school?: string | undefined;
  readonly status: PipState['status'];
  readonly closed?: PipState['closed'];
  readonly employee: PipState['employee'];
  readonly evaluator: PipState['evaluator'];
  readonly team: PipState['team'];
  readonly openedOn: string;
  readonly yearEndsOn?: string | undefined;
  readonly plans: readonly PlanView[];
  readonly relation: PipRelation;
  readonly withheld: readonly PipPart[];
};

function planView(plan: Plan, sees: (part: PipPart) => boolean): PlanView {
  const { status } = plan;
  return {
    id: plan.id,
    assignedOn: plan.assignedOn,
    ...(sees('plans') ? { goal: plan.goal, alignment: plan.alignment, evidencePlanned: plan.evidencePlanned, steps: plan.steps } : {}),
    ...(sees('evidence') ? { evidence: plan.evidence, supports: plan.supports } : {}),
    ...(sees('comments') ? { comments: plan.comments } : {}),
    ...(sees('status') && status ? { status: { status: status.status, on: status.on, ...(sees('comments') && status.comments ? { comments: status.comments } : {}) } } : {}),
    ...(plan.statusOverdue ? { statusOverdue: true } : {}),
  };
}

/** The case as `actor` may see it (PIP_ACCESS), or undefined when for them it does not exist (404). */
export function visiblePipView(state: PipState, actor: Actor): PipCaseView | undefined {
  const relation = pipRelation(state, actor);
  const access = PIP_ACCESS[relation];
  if (!access.summary) return undefined;
  const sees = (part: PipPart) => access[part];
  return {
    id: state.id,
    district: state.district,
    schoolYear: state.schoolYear,
    school: state.school,
    status: state.status,
    closed: state.closed,
    employee: state.employee,
    evaluator: state.evaluator,
    team: state.team,
    openedOn: state.openedOn,
    yearEndsOn: state.yearEndsOn,
    plans: state.plans.map((plan) => planView(plan, sees)),
    relation,
    withheld: PIP_PARTS.filter((part) => !sees(part)),
  };
}
