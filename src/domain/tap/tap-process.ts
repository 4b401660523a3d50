import type { Actor } from '../actor';
import type { CalendarDate, DeadlineSpec } from '../calendar';
import { conflict, forbidden, ruleViolation, type Transition } from '../case/refusal';
import { countText } from '../notices/notice-wording';
import type { RuleId } from '../case/rule-ids';
import {
  currentPlan,
  TAP_LEVEL_NAMES,
  type TapCase,
  type TapClosedOutcome,
  type TapEvent,
  type TapLevel,
  type TapLevelPlan,
  type TapResolution,
  type TapReview,
} from './tap-case';
import { TAP_ACTIONS, type TapRelation } from './tap-parties';
import { planRefusal } from './tap-plan-rules';

/**
 * The Teacher Assistance Plan (RULES.md TAP-*) as a pure state machine: the workflow feeds it actions and the
 * passed review date, and it answers with the new case or the reason it refuses (changing nothing).
 */
export interface TapContext {
  readonly today: CalendarDate;
  readonly actor: Actor;
  readonly relation: TapRelation;
}

const done = (state: TapCase, ...notes: string[]): Transition<TapCase> => ({ ok: true, state, notes });

/** TAP-TIMELINE: the current plan's review, counted from its start on the district calendar, while the plan runs. */
export function pendingDeadlines(state: TapCase): readonly (DeadlineSpec & { readonly key: string; readonly label: string })[] {
  if (state.status !== 'in-plan') return [];
  const plan = currentPlan(state);
  const { count, unit } = plan.plan.timeline;
  return [
    {
      key: `review:${plan.n}`,
      label: `${TAP_LEVEL_NAMES[plan.level]} review (end of the plan's timeline)`,
      rule: 'TAP-TIMELINE',
      trigger: plan.startedOn,
      unit,
      count,
      // A review counted in weeks or months that lands on a day the district does not work is held the work day before [design].
      ...(unit === 'school-day' ? {} : { onNonWorkDay: 'previous-work-day' as const }),
    },
  ];
}

/** Applies an action or the passed review date. Refusals change nothing: 409 conflict, 422 rule, 403 forbidden. */
export function transition(state: TapCase, event: TapEvent, ctx: TapContext): Transition<TapCase> {
  if (state.status === 'closed') return conflict(state.closed!.rule, `the plan is closed (${state.closed!.outcome}): no further action is possible`);
  if (event.type !== 'deadline-passed') {
    const permission = TAP_ACTIONS[event.type];
    if (!permission.by.includes(ctx.relation)) return forbidden(permission.rule, `${event.type} is for the ${permission.by.join(', ')} of the plan`);
  }
  const plan = currentPlan(state);
  switch (event.type) {
    case 'acknowledge':
      if (plan.acknowledgedOn) return conflict('TAP-DOC', `the level ${plan.level} plan was acknowledged on ${plan.acknowledgedOn}`);
      return done(withCurrent(state, { ...plan, acknowledgedOn: ctx.today }), `TAP-DOC: the teacher took part in the discussion and received the level ${plan.level} plan and the resource sheet`);
    case 'revise-plan': {
      const refused = planRefusal(event.plan, plan.level);
      if (refused) return ruleViolation(refused.rule, refused.message);
      const revised: TapLevelPlan = { ...plan, revisedOn: ctx.today, revisionReason: event.reason };
      const next: TapLevelPlan = { n: plan.n + 1, level: plan.level, plan: event.plan, startedOn: ctx.today, by: ctx.actor.id };
      return done(
        { ...state, status: 'in-plan', plans: [...state.plans.slice(0, -1), revised, next] },
        `TAP-DOC: the level ${plan.level} plan documented anew`,
        `TAP-TIMELINE: the timeline runs ${countText(event.plan.timeline.count, event.plan.timeline.unit)} from ${ctx.today} to its review`,
      );
    }
    case 'record-meeting':
      if (event.on > ctx.today) return ruleViolation('TAP-LEVELS', `a meeting is recorded once held: ${event.on} is after today (${ctx.today})`);
      if (event.on < plan.startedOn) return ruleViolation('TAP-LEVELS', `the meeting of ${event.on} is before the current plan started (${plan.startedOn})`);
      return done({ ...state, meetings: [...state.meetings, { on: event.on, level: plan.level, notes: event.notes, by: ctx.actor.id }] }, `TAP-LEVELS: level ${plan.level} meeting of ${event.on} recorded`);
    case 'review':
      return review(state, plan, event, ctx);
    case 'deadline-passed':
      return done(
        { ...state, status: 'review-overdue', plans: [...state.plans.slice(0, -1), { ...plan, reviewMissedOn: ctx.today }] },
        `TAP-TIMELINE: the level ${plan.level} review was not held by the end of the timeline; the plan stays at level ${plan.level} until reviewed`,
      );
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

type ReviewEvent = Extract<TapEvent, { type: 'review' }>;

/**
 * TAP-TIMELINE: the review moves the plan up or down a level (any level above or below: TAP-LEVELS, levels need not
 * be passed in order), exits it, or at level 3 resolves it. Level 3 is district-led (TAP-LEVELS): its review is
 * district personnel's or HR's, not the administrator's alone.
 */
function review(state: TapCase, plan: TapLevelPlan, event: ReviewEvent, ctx: TapContext): Transition<TapCase> {
  if (plan.level === 3 && ctx.relation === 'administrator') return forbidden('TAP-LEVELS', 'level 3 is district-led: its review is for district personnel or HR');
  const reviewed = (toLevel?: TapLevel): TapReview => ({ outcome: event.outcome, toLevel, summary: event.summary, on: ctx.today, by: ctx.actor.id });
  const moving = event.outcome === 'move-up' || event.outcome === 'move-down';
  if (!moving && (event.plan !== undefined || event.level !== undefined)) {
    return ruleViolation('TAP-TIMELINE', `a review that ends the plan (${event.outcome}) names no level and no new plan`);
  }
  switch (event.outcome) {
    case 'move-up':
    case 'move-down': {
      const up = event.outcome === 'move-up';
      const toLevel = event.level ?? ((plan.level + (up ? 1 : -1)) as TapLevel);
      if (toLevel < 1 || toLevel > 3 || (up ? toLevel <= plan.level : toLevel >= plan.level)) {
        return ruleViolation('TAP-TIMELINE', `a plan at level ${plan.level} cannot ${up ? 'move up' : 'move down'}${event.level ? ` to level ${event.level}` : ''}: ${up ? 'level 3 is the highest' : 'level 1 is the lowest'}`);
      }
      if (!event.plan) return ruleViolation('TAP-DOC', `moving to level ${toLevel} needs the level ${toLevel} plan, documented`);
      const refused = planRefusal(event.plan, toLevel);
      if (refused) return ruleViolation(refused.rule, refused.message);
      const next: TapLevelPlan = { n: plan.n + 1, level: toLevel, plan: event.plan, startedOn: ctx.today, by: ctx.actor.id };
      const skipped = Math.abs(toLevel - plan.level) > 1 ? [`TAP-LEVELS: levels need not be passed in order: from level ${plan.level} straight to level ${toLevel}`] : [];
      return done(
        { ...state, status: 'in-plan', plans: [...state.plans.slice(0, -1), { ...plan, review: reviewed(toLevel) }, next] },
        `TAP-TIMELINE: the level ${plan.level} review moves the plan ${up ? 'up' : 'down'} to level ${toLevel}`,
        ...skipped,
        `TAP-DOC: the level ${toLevel} plan documented; its review is counted ${countText(event.plan.timeline.count, event.plan.timeline.unit)} from ${ctx.today}`,
      );
    }
    case 'exit':
      return close(state, plan, reviewed(), 'exited', ctx.today, `TAP-TIMELINE: the level ${plan.level} review exits the teacher from the plan`);
    case 'termination':
    case 'leave':
    case 'reassignment':
    case 'career-transition': {
      if (plan.level !== 3) {
        return ruleViolation('TAP-TIMELINE', `resolution by ${event.outcome} is a level 3 (Final Resolution) outcome; at level ${plan.level} the review moves the plan up or down, or exits it`);
      }
      return close(state, plan, reviewed(), event.outcome, ctx.today, `TAP-TIMELINE: level 3 resolved by ${resolutionWords(event.outcome)}`);
    }
    default: {
      const unknown: never = event.outcome;
      throw new Error(`unknown outcome ${String(unknown)}`);
    }
  }
}

function withCurrent(state: TapCase, plan: TapLevelPlan): TapCase {
  return { ...state, plans: [...state.plans.slice(0, -1), plan] };
}

function close(state: TapCase, plan: TapLevelPlan, review: TapReview, outcome: TapClosedOutcome, on: CalendarDate, note: string): Transition<TapCase> {
  const rule: RuleId = 'TAP-TIMELINE';
  return done({ ...state, status: 'closed', plans: [...state.plans.slice(0, -1), { ...plan, review }], closed: { outcome, on, rule } }, note);
}

export function resolutionWords(outcome: TapResolution | 'exited'): string {
  return outcome === 'career-transition' ? 'career transition' : outcome === 'exited' ? 'exit from the plan' : outcome;
}
