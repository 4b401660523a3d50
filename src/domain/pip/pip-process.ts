import type { Actor } from '../actor';
import { blankText, trimText } from '../case/stored-text';
import type { CalendarDate } from '../calendar';
import { conflict, forbidden, ruleViolation, type Transition } from '../case/refusal';
import type { RuleId } from '../case/rule-ids';
import { pipRelation, type PipRelation } from './pip-access';
import { PIP_LIMITS, STATUS_WINDOW_SCHOOL_DAYS, type ActionStep, type PipStandard, type PipAction, type PipEvent, type PipStart, type PipState, type Plan, type PlanInput, type StepInput } from './pip-case';
import { parseDeadlineKey } from './pip-deadlines';
import { documentProblem, goalsOf, planProblem, stepProblem, type PipProblem } from './pip-rules';

/** What a transition needs of the kernel: today, who acts, and school days counted on the district calendar. */
export interface PipContext {
  readonly today: CalendarDate;
  readonly actor: Actor;
  readonly shiftSchoolDays: (date: CalendarDate, count: number) => CalendarDate;
}

/** Who may take each action, by relation to the case, and the rule it falls under. */
export const PIP_ACTIONS: { readonly [K in PipAction['type']]: { readonly rule: RuleId; readonly by: readonly PipRelation[] } } = {
  'assign-plan': { rule: 'PIP-GOAL', by: ['evaluator', 'hr'] },
  'add-team-member': { rule: 'PIP-TEAM', by: ['evaluator', 'hr'] },
  'add-step': { rule: 'PIP-STEPS', by: ['employee', 'evaluator'] },
  'reschedule-step': { rule: 'PIP-STEPS', by: ['evaluator'] },
  'check-in': { rule: 'PIP-STEPS', by: ['evaluator'] },
  'complete-step': { rule: 'PIP-STEPS', by: ['employee', 'evaluator'] },
  'add-evidence': { rule: 'PIP-EVIDENCE', by: ['employee', 'evaluator', 'team-member'] },
  'record-support': { rule: 'PIP-EVIDENCE', by: ['evaluator', 'team-member'] },
  comment: { rule: 'PIP-EVIDENCE', by: ['evaluator'] },
  'record-status': { rule: 'PIP-STATUS', by: ['evaluator'] },
  withdraw: { rule: 'PIP-STATUS', by: ['hr'] },
};

const newPlan = (id: string, input: PlanInput, on: CalendarDate): Plan => ({
  id,
  assignedOn: on,
  goal: { statement: input.goal.statement.trim(), measure: trimText(input.goal.measure) },
  // Checked by planProblem before (PIP-ALIGN).
  alignment: input.alignment as readonly PipStandard[],
  ...(input.evidencePlanned ? { evidencePlanned: input.evidencePlanned } : {}),
  steps: input.steps.map((s, i) => newStep(`S${i + 1}`, s)),
  evidence: [],
  supports: [],
  comments: [],
});

const newStep = (id: string, s: StepInput): ActionStep => ({ id, description: trimText(s.description), completeBy: s.completeBy, nextCheckIn: s.checkInOn, checkIns: [], missed: [] });

/** A new case from its start (checked before with startProblem): plan P1 assigned on the opening day. */
export function startPip(start: PipStart): PipState {
  return {
    id: start.id,
    district: start.district,
    schoolYear: start.schoolYear,
    ...(start.school ? { school: start.school } : {}),
    employee: start.employee,
    evaluator: start.evaluator,
    team: start.team,
    plans: [newPlan('P1', start.plan, start.openedOn)],
    openedOn: start.openedOn,
    status: 'active',
  };
}

const done = (state: PipState, ...notes: string[]): Transition<PipState> => ({ ok: true, state, notes });
const refused = (problem: PipProblem) => ruleViolation(problem.rule, `${problem.field}: ${problem.message} (${problem.rule})`);
const withPlan = (state: PipState, plan: Plan): PipState => ({ ...state, plans: state.plans.map((p) => (p.id === plan.id ? plan : p)) });
const withStep = (plan: Plan, step: ActionStep): Plan => ({ ...plan, steps: plan.steps.map((s) => (s.id === step.id ? step : s)) });

/** PIP-STATUS: once every plan has its end-of-year status, the case closes. */
function closeIfAllRecorded(state: PipState, today: CalendarDate): PipState {
  return state.plans.every((p) => p.status) ? { ...state, status: 'closed', closed: { reason: 'year-end-status-recorded', on: today, rule: 'PIP-STATUS' } } : state;
}

/** PIP-STATUS: the first day of the status window, the last STATUS_WINDOW_SCHOOL_DAYS school days of the year. */
export function statusWindowOpens(state: Pick<PipState, 'yearEndsOn'>, shiftSchoolDays: PipContext['shiftSchoolDays']): CalendarDate | undefined {
  return state.yearEndsOn === undefined ? undefined : shiftSchoolDays(state.yearEndsOn, -(STATUS_WINDOW_SCHOOL_DAYS - 1));
}

/** Applies an event to the case, or refuses it naming the rule (nothing changes then). */
export function transition(state: PipState, event: PipEvent, ctx: PipContext): Transition<PipState> {
  if (event.type === 'deadline-passed') return deadlinePassed(state, event.deadline);
  if (state.closed) return conflict('PIP-STATUS', `the case is closed (${state.closed.reason})`);
  const { rule, by } = PIP_ACTIONS[event.type];
  const relation = pipRelation(state, ctx.actor);
  if (!by.includes(relation)) return forbidden(rule, `${event.type} is not for the ${relation} of this plan to take (${rule})`);
  const { today } = ctx;

  switch (event.type) {
    case 'assign-plan': {
      // PIP-GOAL: one goal per plan; another goal is another plan.
      if (state.plans.length >= PIP_LIMITS.plans) return ruleViolation('PIP-GOAL', `at most ${PIP_LIMITS.plans} plans in one case`);
      const problem = planProblem(event, goalsOf(state), today);
      if (problem) return refused(problem);
      const { type: _type, ...input } = event;
      const plan = newPlan(`P${state.plans.length + 1}`, input, today);
      return done({ ...state, plans: [...state.plans, plan] }, `PIP-GOAL: plan ${plan.id} assigned for another growth goal`, `PIP-ALIGN: aligned to ${plan.alignment.join(', ')}`);
    }
    case 'add-team-member': {
      if (state.team.length >= PIP_LIMITS.team) return ruleViolation('PIP-TEAM', `at most ${PIP_LIMITS.team} other team members`);
      const id = event.member.id;
      if (id !== undefined && (id === state.employee.id || id === state.evaluator.id || state.team.some((m) => m.id === id))) {
        return ruleViolation('PIP-TEAM', '/member/id: already on the team, or the employee (PIP-TEAM)');
      }
      return done({ ...state, team: [...state.team, event.member] }, `PIP-TEAM: ${event.member.role} joined the improvement plan team`);
    }
    default:
      return planAction(state, event, ctx);
  }
}

type PlanEvent = Exclude<PipAction, { type: 'assign-plan' | 'add-team-member' }>;

function planAction(state: PipState, event: PlanEvent, ctx: PipContext): Transition<PipState> {
  const { today } = ctx;
  if (event.type === 'withdraw') return done({ ...state, status: 'closed', closed: { reason: 'withdrawn', on: today, rule: 'PIP-STATUS' } }, 'PIP-STATUS: the plans end without an end-of-year status');
  const plan = state.plans.find((p) => p.id === event.plan);
  if (!plan) return ruleViolation(PIP_ACTIONS[event.type].rule, `/plan: this case has no plan ${event.plan}`);
  if (plan.status) return conflict('PIP-STATUS', `plan ${plan.id} has its end-of-year status (${plan.status.status}): it takes nothing more`);

  switch (event.type) {
    case 'add-step': {
      if (plan.steps.length >= PIP_LIMITS.stepsPerPlan) return ruleViolation('PIP-STEPS', `/step: at most ${PIP_LIMITS.stepsPerPlan} action steps per plan`);
      const problem = stepProblem(event.step, today, '/step');
      if (problem) return refused(problem);
      const step = newStep(`S${plan.steps.length + 1}`, event.step);
      return done(withPlan(state, { ...plan, steps: [...plan.steps, step] }), `PIP-STEPS: step ${step.id} of plan ${plan.id}, completion by ${step.completeBy}, check-in on ${event.step.checkInOn}`);
    }
    case 'add-evidence': {
      if (plan.evidence.length >= PIP_LIMITS.evidencePerPlan) return ruleViolation('PIP-EVIDENCE', `at most ${PIP_LIMITS.evidencePerPlan} items of evidence per plan`);
      if (blankText(event.description)) return ruleViolation('PIP-EVIDENCE', '/description: say what the evidence shows (PIP-EVIDENCE)');
      const problem = documentProblem(event.kind, event.document, '');
      if (problem) return refused(problem);
      const id = `E${plan.evidence.length + 1}`;
      const item = { id, kind: event.kind, description: trimText(event.description), ...(event.document ? { document: event.document } : {}), addedOn: today, addedBy: ctx.actor.id };
      return done(withPlan(state, { ...plan, evidence: [...plan.evidence, item] }), `PIP-EVIDENCE: ${event.kind} ${id} added to plan ${plan.id}`);
    }
    case 'record-support': {
      if (plan.supports.length >= PIP_LIMITS.supportsPerPlan) return ruleViolation('PIP-EVIDENCE', `at most ${PIP_LIMITS.supportsPerPlan} supports per plan`);
      if (blankText(event.description)) return ruleViolation('PIP-EVIDENCE', '/description: say what support was provided (PIP-EVIDENCE)');
      return done(withPlan(state, { ...plan, supports: [...plan.supports, { on: today, description: trimText(event.description), by: ctx.actor.id }] }), `PIP-EVIDENCE: support provided for plan ${plan.id}`);
    }
    case 'comment': {
      if (plan.comments.length >= PIP_LIMITS.commentsPerPlan) return ruleViolation('PIP-EVIDENCE', `at most ${PIP_LIMITS.commentsPerPlan} comments per plan`);
      if (blankText(event.text)) return ruleViolation('PIP-EVIDENCE', '/text: an evaluator comment says something (PIP-EVIDENCE)');
      return done(withPlan(state, { ...plan, comments: [...plan.comments, { on: today, text: trimText(event.text) }] }), `PIP-EVIDENCE: evaluator comment on plan ${plan.id}`);
    }
    case 'record-status': {
      // PIP-STATUS: at the end of the year; earlier only once every action step of the plan is done.
      const opens = statusWindowOpens(state, ctx.shiftSchoolDays);
      const allDone = plan.steps.every((s) => s.completedOn !== undefined);
      if (!allDone && (opens === undefined || today < opens)) {
        return conflict(
          'PIP-STATUS',
          opens === undefined
            ? `the end-of-year status of plan ${plan.id} waits for the school year's calendar, or for every action step to be done`
            : `the end-of-year status of plan ${plan.id} is recorded from ${opens} (the last ${STATUS_WINDOW_SCHOOL_DAYS} school days), or once every action step is done`,
        );
      }
      const status = { status: event.status, on: today, ...(event.comments ? { comments: event.comments } : {}) };
      const next = closeIfAllRecorded(withPlan(state, { ...plan, status }), today);
      return done(next, `PIP-STATUS: plan ${plan.id} ${event.status.replace('-', ' ')}`, ...(next.closed ? ['PIP-STATUS: every plan has its end-of-year status; the case closes'] : []));
    }
    default:
      return stepAction(state, plan, event, ctx);
  }
}

function stepAction(state: PipState, plan: Plan, event: Extract<PipAction, { type: 'reschedule-step' | 'check-in' | 'complete-step' }>, ctx: PipContext): Transition<PipState> {
  const { today } = ctx;
  const step = plan.steps.find((s) => s.id === event.step);
  if (!step) return ruleViolation('PIP-STEPS', `/step: plan ${plan.id} has no action step ${event.step}`);
  if (step.completedOn) return conflict('PIP-STEPS', `action step ${step.id} of plan ${plan.id} was completed on ${step.completedOn}`);
  switch (event.type) {
    case 'reschedule-step': {
      const completeBy = event.completeBy ?? step.completeBy;
      const checkInOn = event.checkInOn ?? step.nextCheckIn ?? completeBy;
      if (!event.completeBy && !event.checkInOn) return ruleViolation('PIP-STEPS', '/completeBy: give a new completion date, a new check-in date, or both (PIP-STEPS)');
      if (blankText(event.reason)) return ruleViolation('PIP-STEPS', '/reason: say why the step moves (PIP-STEPS)');
      const problem = stepProblem({ description: step.description, completeBy, checkInOn }, today, '');
      if (problem) return refused(problem);
      return done(withPlan(state, withStep(plan, { ...step, completeBy, nextCheckIn: checkInOn })), `PIP-STEPS: step ${step.id} of plan ${plan.id} now due ${completeBy}, check-in on ${checkInOn}`);
    }
    case 'check-in': {
      if (step.checkIns.length >= PIP_LIMITS.checkInsPerStep) return ruleViolation('PIP-STEPS', `at most ${PIP_LIMITS.checkInsPerStep} check-ins per step`);
      if (blankText(event.progress)) return ruleViolation('PIP-STEPS', '/progress: a check-in records the progress made (PIP-STEPS)');
      const next = event.nextCheckInOn;
      if (next !== undefined && (next <= today || next > step.completeBy)) {
        return ruleViolation('PIP-STEPS', `/nextCheckInOn: the next check-in comes after today and by the anticipated completion (${step.completeBy}) (PIP-STEPS)`);
      }
      const checkIns = [...step.checkIns, { on: today, progress: trimText(event.progress), by: ctx.actor.id }];
      return done(
        withPlan(state, withStep(plan, { ...step, checkIns, nextCheckIn: next })),
        `PIP-STEPS: check-in on step ${step.id} of plan ${plan.id}${next ? `; next check-in on ${next}` : ''}`,
      );
    }
    case 'complete-step':
      return done(withPlan(state, withStep(plan, { ...step, completedOn: today, nextCheckIn: undefined })), `PIP-STEPS: step ${step.id} of plan ${plan.id} completed`);
    default: {
      const unknown: never = event;
      throw new Error(`unknown action ${String(unknown)}`);
    }
  }
}

/** A deadline passed unmet: recorded on its step or plan (the reminders stop; the notices go to both). */
function deadlinePassed(state: PipState, key: string): Transition<PipState> {
  const deadline = parseDeadlineKey(key);
  const plan = deadline && state.plans.find((p) => p.id === deadline.plan);
  if (!deadline || !plan) return done(state);
  if (deadline.kind === 'year-end-status') return done(withPlan(state, { ...plan, statusOverdue: true }), `PIP-STATUS: the end-of-year status of plan ${plan.id} was due ${deadline.on}`);
  const step = plan.steps.find((s) => s.id === deadline.step);
  if (!step) return done(state);
  const missed = [...step.missed, `${deadline.kind} ${deadline.on}`];
  const next = deadline.kind === 'check-in' ? { ...step, missed, nextCheckIn: step.nextCheckIn === deadline.on ? undefined : step.nextCheckIn } : { ...step, missed };
  return done(withPlan(state, withStep(plan, next)), `PIP-STEPS: the ${deadline.kind} of step ${step.id} of plan ${plan.id} was due ${deadline.on}`);
}
