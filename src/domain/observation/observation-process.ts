import type { Actor } from '../actor';
import { addDays, type CalendarDate, type DeadlineSpec } from '../calendar';
import { conflict, forbidden, ruleViolation, type Refusal, type Transition } from '../case/refusal';
import type { RuleId } from '../case/rule-ids';
import type { Observation, ObservationAction, ObservationCycle, ObservationDeadline, ObservationEvent, CycleStart, ProcessViolation } from './observation-cycle';
import { evaluatorIdOf, OBS_ACTIONS, observationRelation } from './observation-parties';
import { coachingRequired } from './observation-policy';
import type { Certification } from './observation-year';
import { minimumMet, yearEndReport } from './observation-report';

/**
 * The observation cycle's rules (RULES.md OBS-*) as a pure transition. Two kinds of answers: a step the rules
 * refuse changes nothing (an uncertified observer, OBS-CERTIFIED: 422; a step out of order: 409; not the caller's
 * to take: 403); a step taken wrongly but taken (no pre-conference, another evaluator at the post-conference, the
 * coaching conversation skipped) is recorded as it happened, with a process violation the educator may grieve.
 */
export interface ObservationContext {
  readonly today: CalendarDate;
  readonly actor: Actor;
  /** The due date of a deadline the cycle runs now, by clock key (`feedback:2`). */
  readonly dueOfKey: (key: string) => CalendarDate | undefined;
}

/** OBS-FEEDBACK-7: written feedback within one week (7 calendar days) of each observation. */
export const FEEDBACK_DAYS = 7;

export function startCycle(start: CycleStart): ObservationCycle {
  return {
    caseType: 'observation-cycle',
    id: `${start.schoolYear}:${start.educator}`,
    district: start.district,
    schoolYear: start.schoolYear,
    educator: start.educator,
    school: start.school,
    category: start.category,
    license: start.license,
    prior: start.prior,
    track: start.track,
    coachingRequired: coachingRequired(start.prior),
    evaluators: start.evaluators,
    contacts: start.contacts ?? {},
    openedOn: start.openedOn,
    openedBy: start.openedBy,
    observations: [],
    violations: [],
    status: 'in-progress',
  };
}

/** The clock key of observation n's feedback week. */
export const feedbackKey = (n: number) => `feedback:${n}`;

/** The observation whose feedback week ends first among those still waiting: the one a passed `feedback` deadline is. */
export function nextFeedbackDue(cycle: ObservationCycle): Observation | undefined {
  return cycle.observations
    .filter((o) => o.observed && !o.feedback && !o.feedbackMissedOn)
    .sort((a, b) => a.observed!.on.localeCompare(b.observed!.on) || a.number - b.number)[0];
}

/** The deadlines the cycle runs now: each observation's feedback week, and the end of the year once it is known. */
export function pendingDeadlines(cycle: ObservationCycle): { key: string; label: string; spec: DeadlineSpec }[] {
  if (cycle.closed) {
    const last = lastMissedOn(cycle);
    return last === undefined || cycle.grievanceWindowEnded
      ? []
      : [{ key: 'grievance-window', label: 'Last day to grieve a process violation of the cycle', spec: { rule: 'GRV-FILE-40', trigger: last, unit: 'school-day', count: 40 } }];
  }
  const wanted = cycle.observations
    .filter((o) => o.observed && !o.feedback && !o.feedbackMissedOn)
    .map((o) => ({
      key: feedbackKey(o.number),
      label: `Written feedback on observation ${o.number}`,
      spec: { rule: 'OBS-FEEDBACK-7', trigger: o.observed!.on, unit: 'calendar-day', count: FEEDBACK_DAYS } satisfies DeadlineSpec,
    }));
  // The cycle ends with the last instructional day of its year (counted to the end of that day).
  if (cycle.endsOn) {
    wanted.push({ key: 'year-end', label: 'End of the observation cycle', spec: { rule: 'OBS-TRACK', trigger: addDays(cycle.endsOn, -1), unit: 'calendar-day', count: 1 } });
  }
  return wanted;
}

/** The latest day a violation of the cycle was missed on: its grievance window runs 40 school days from there. */
export function lastMissedOn(cycle: ObservationCycle): CalendarDate | undefined {
  return cycle.violations.map((v) => v.missedOn).sort().at(-1);
}

/** Whether the workflow may end: closed, and no violation left that could still be grieved (GRV-FILE-40). */
export function cycleDone(cycle: ObservationCycle): boolean {
  return cycle.closed !== undefined && (cycle.violations.length === 0 || cycle.grievanceWindowEnded === true);
}

export function transition(cycle: ObservationCycle, event: ObservationEvent, ctx: ObservationContext): Transition<ObservationCycle> {
  if (event.type === 'deadline-passed') return deadlinePassed(cycle, event.deadline, ctx);
  // A closed cycle takes no more steps; the link of a grievance filed about one of its violations it still records.
  if (cycle.closed && event.type !== 'record-grievance') return conflict('OBS-TRACK', `the cycle is closed (${cycle.closed.reason})`);
  const permission = OBS_ACTIONS[event.type];
  const relation = observationRelation(cycle, ctx.actor);
  if (!permission.by.includes(relation)) return forbidden(permission.rule, `${event.type} is for the ${permission.by.join(' or ')} of the cycle`);
  const on = 'on' in event && event.on !== undefined ? event.on : ctx.today;
  if (on > ctx.today) return ruleViolation(permission.rule, `a step is recorded when it has taken place: ${on} is after today (${ctx.today})`);
  if (on < `${cycle.schoolYear.slice(0, 4)}-07-01`) return ruleViolation(permission.rule, `${on} is before the school year ${cycle.schoolYear}`);
  return act(cycle, event, ctx, on);
}

function act(cycle: ObservationCycle, event: ObservationAction, ctx: ObservationContext, on: CalendarDate): Transition<ObservationCycle> {
  const by = evaluatorIdOf(cycle, ctx.actor);
  switch (event.type) {
    case 'assign-evaluator': {
      if (cycle.evaluators.some((e) => e.id === event.evaluator.id)) return conflict('OBS-CERTIFIED', `${event.evaluator.id} already evaluates this cycle`);
      if (cycle.evaluators.length >= 10) return ruleViolation('OBS-CERTIFIED', 'a cycle has at most 10 evaluators');
      return ok({ ...cycle, evaluators: [...cycle.evaluators, event.evaluator] }, ['OBS-CERTIFIED: evaluator assigned; each step is checked against the certification list']);
    }
    case 'hold-coaching-conversation': {
      const refused = uncertified(event.certification, by);
      if (refused) return refused;
      if (cycle.coaching) return conflict('OBS-COACHING', `the coaching conversation was held on ${cycle.coaching.on}`);
      const notes = [
        cycle.coachingRequired
          ? `OBS-COACHING: initial coaching conversation held (${cycle.track.observations} observation(s) required, supports: ${event.supports.length})`
          : 'OBS-COACHING: coaching conversation held (not required on this track)',
      ];
      return ok({ ...cycle, coaching: { on, by, certification: event.certification, supports: event.supports } }, notes);
    }
    case 'hold-pre-conference': {
      const refused = uncertified(event.certification, by);
      if (refused) return refused;
      if (cycle.observations.length >= 40) return ruleViolation('OBS-TRACK', 'a cycle records at most 40 observations');
      const observation: Observation = {
        number: cycle.observations.length + 1,
        kind: event.kind ?? 'formal',
        announced: true,
        preConference: { on, by, certification: event.certification, plannedFor: event.plannedFor, lessonPlanReviewed: event.lessonPlanReviewed },
      };
      return ok({ ...cycle, observations: [...cycle.observations, observation] }, [
        `OBS-PRECONF: pre-conference for announced observation ${observation.number}${event.lessonPlanReviewed ? ', lesson plan reviewed' : ', lesson plan not reviewed'}`,
      ]);
    }
    case 'observe':
      return observe(cycle, event, on, by);
    case 'submit-self-score': {
      const found = heldObservation(cycle, event.observation, 'OBS-SELF-SCORE');
      if (!found.ok) return found;
      if (found.observation.selfScore) return conflict('OBS-SELF-SCORE', `the self-score of observation ${event.observation} was submitted on ${found.observation.selfScore.on}`);
      if (on < found.observation.observed!.on) return ruleViolation('OBS-SELF-SCORE', 'the self-score follows the observation');
      return ok(replace(cycle, { ...found.observation, selfScore: { on, scores: event.scores, note: event.note } }), [
        `OBS-SELF-SCORE: self-score of observation ${event.observation} submitted to the evaluator`,
      ]);
    }
    case 'give-written-feedback': {
      const found = heldObservation(cycle, event.observation, 'OBS-FEEDBACK-7');
      if (!found.ok) return found;
      const observation = found.observation;
      if (observation.feedback) return conflict('OBS-FEEDBACK-7', `written feedback on observation ${event.observation} was given on ${observation.feedback.on}`);
      if (on < observation.observed!.on) return ruleViolation('OBS-FEEDBACK-7', 'written feedback follows the observation');
      const late = on > addDays(observation.observed!.on, FEEDBACK_DAYS) || observation.feedbackMissedOn !== undefined;
      return ok(replace(cycle, { ...observation, feedback: { on, by, text: event.text, late } }), [
        late ? `OBS-FEEDBACK-7: written feedback on observation ${event.observation} given late` : `OBS-FEEDBACK-7: written feedback on observation ${event.observation} within the week`,
      ]);
    }
    case 'hold-post-conference':
      return postConference(cycle, event, on, by);
    case 'record-grievance': {
      const violation = cycle.violations.find((v) => v.id === event.violation);
      if (!violation) return ruleViolation('OBS-FEEDBACK-7', `the cycle has no violation ${event.violation}`);
      if (violation.grievance) return conflict('OBS-FEEDBACK-7', `violation ${violation.id} is grieved in ${violation.grievance.id}`);
      const linked: ProcessViolation = { ...violation, grievance: { ...event.grievance, filedOn: on } };
      return ok({ ...cycle, violations: cycle.violations.map((v) => (v.id === violation.id ? linked : v)) }, [`GRV-DEF: violation ${violation.id} (${violation.rule}) is grieved in ${event.grievance.id}`]);
    }
    case 'end-cycle': {
      const report = yearEndReport(cycle, on);
      const closed = withYearEndViolations(cycle, on);
      return ok({ ...closed, status: 'ended', report: { ...report, violations: closed.violations.length }, closed: { reason: 'ended', on, rule: 'OBS-TRACK', note: event.reason } }, [
        `OBS-TRACK: cycle ended by HR (${event.reason}); ${report.rules.filter((r) => r.met).length} of ${report.rules.length} rules met`,
      ]);
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown action ${JSON.stringify(unknown)}`);
    }
  }
}

function observe(cycle: ObservationCycle, event: Extract<ObservationAction, { type: 'observe' }>, on: CalendarDate, by: string): Transition<ObservationCycle> {
  // OBS-CERTIFIED: an observation by anyone not certified for the year is refused (nothing is recorded).
  const refused = uncertified(event.certification, by);
  if (refused) return refused;
  if (event.minutes !== undefined && (!Number.isInteger(event.minutes) || event.minutes < 1 || event.minutes > 600)) return ruleViolation('OBS-TRACK', 'minutes of contact: a whole number from 1 to 600');
  let planned: Observation | undefined;
  if (event.observation !== undefined) {
    planned = cycle.observations.find((o) => o.number === event.observation);
    if (!planned) return ruleViolation('OBS-PRECONF', `the cycle has no observation ${event.observation}`);
    if (planned.observed) return conflict('OBS-PRECONF', `observation ${planned.number} took place on ${planned.observed.on}`);
    if (!event.announced) return ruleViolation('OBS-PRECONF', `observation ${planned.number} was announced at its pre-conference`);
    if (on < planned.preConference!.on) return ruleViolation('OBS-PRECONF', 'the pre-conference precedes the observation');
  } else if (cycle.observations.length >= 40) {
    return ruleViolation('OBS-TRACK', 'a cycle records at most 40 observations');
  }
  const number = planned?.number ?? cycle.observations.length + 1;
  const observation: Observation = { ...(planned ?? { number }), kind: event.kind, announced: event.announced, observed: { on, by, certification: event.certification, minutes: event.minutes } };
  const found: Omit<ProcessViolation, 'id' | 'recordedOn'>[] = [];
  const notes: string[] = [`OBS-CERTIFIED: observation ${number} (${event.kind}, ${event.announced ? 'announced' : 'unannounced'}) by a certified evaluator`];
  // OBS-COACHING: the initial coaching conversation comes before the first observation of the year.
  if (cycle.coachingRequired && !cycle.coaching && !cycle.observations.some((o) => o.observed)) {
    found.push({ rule: 'OBS-COACHING', observation: number, missedOn: on, facts: `The first observation of the year (observation ${number}, ${on}) took place without the initial coaching conversation that a prior rating of 1 requires.` });
  }
  // OBS-PRECONF: an announced observation is preceded by a pre-conference, held by the same evaluator (OBS-POSTCONF).
  if (event.announced && !observation.preConference) {
    found.push({ rule: 'OBS-PRECONF', observation: number, missedOn: on, facts: `Announced observation ${number} on ${on} was not preceded by a pre-conference.` });
  } else if (observation.preConference && observation.preConference.by !== by) {
    found.push({ rule: 'OBS-POSTCONF', observation: number, missedOn: on, facts: `Observation ${number} on ${on} was conducted by evaluator ${by}, but its pre-conference (${observation.preConference.on}) by evaluator ${observation.preConference.by}: the same evaluator holds both.` });
  }
  // OBS-UNANNOUNCED: school services personnel are observed announced only.
  if (!event.announced && cycle.track.announcement === 'all-announced') {
    found.push({ rule: 'OBS-UNANNOUNCED', observation: number, missedOn: on, facts: `Observation ${number} on ${on} was unannounced; on the ${cycle.track.label} track every observation is announced.` });
  }
  const observations = planned ? cycle.observations.map((o) => (o.number === number ? observation : o)) : [...cycle.observations, observation];
  const after = withStatus(addViolations({ ...cycle, observations }, found, on));
  notes.push(`OBS-FEEDBACK-7: written feedback due within ${FEEDBACK_DAYS} days`, ...found.map((v) => `${v.rule}: process violation recorded`));
  return ok(after, notes);
}

function postConference(cycle: ObservationCycle, event: Extract<ObservationAction, { type: 'hold-post-conference' }>, on: CalendarDate, by: string): Transition<ObservationCycle> {
  const refused = uncertified(event.certification, by);
  if (refused) return refused;
  const found = heldObservation(cycle, event.observation, 'OBS-POSTCONF');
  if (!found.ok) return found;
  const observation = found.observation;
  if (observation.postConference) return conflict('OBS-POSTCONF', `the post-conference of observation ${event.observation} was held on ${observation.postConference.on}`);
  if (on < observation.observed!.on) return ruleViolation('OBS-POSTCONF', 'the post-conference follows the observation');
  const violations: Omit<ProcessViolation, 'id' | 'recordedOn'>[] =
    observation.observed!.by === by
      ? []
      : [{ rule: 'OBS-POSTCONF', observation: observation.number, missedOn: on, facts: `The post-conference of observation ${observation.number} (observed ${observation.observed!.on} by evaluator ${observation.observed!.by}) was held on ${on} by evaluator ${by}: the evaluator who observes holds the post-conference.` }];
  const held = { ...observation, postConference: { on, by, certification: event.certification, reinforcement: event.reinforcement, refinement: event.refinement, ratingsShared: event.ratingsShared } };
  return ok(addViolations(replace(cycle, held), violations, on), [
    `OBS-POSTCONF: post-conference of observation ${observation.number} held${event.ratingsShared ? ', ratings shared' : ''}`,
    ...violations.map((v) => `${v.rule}: process violation recorded`),
  ]);
}

function deadlinePassed(cycle: ObservationCycle, deadline: ObservationDeadline, ctx: ObservationContext): Transition<ObservationCycle> {
  switch (deadline) {
    case 'feedback': {
      const observation = nextFeedbackDue(cycle);
      if (!observation) return conflict('OBS-FEEDBACK-7', 'no written feedback is waiting');
      // OBS-FEEDBACK-7 [design]: the missed date is recorded, not enforced: feedback may still come, late.
      const missedOn = ctx.dueOfKey(feedbackKey(observation.number)) ?? addDays(observation.observed!.on, FEEDBACK_DAYS);
      const after = addViolations(replace(cycle, { ...observation, feedbackMissedOn: missedOn }), [
        { rule: 'OBS-FEEDBACK-7', observation: observation.number, missedOn, facts: `No written feedback was given within one week of observation ${observation.number} (observed ${observation.observed!.on}; due by ${missedOn}).` },
      ], ctx.today);
      return ok(after, [`OBS-FEEDBACK-7: written feedback on observation ${observation.number} missed its week (${missedOn}); process violation recorded`]);
    }
    case 'year-end': {
      const on = cycle.endsOn ?? ctx.today;
      const report = yearEndReport(cycle, on);
      const closed = withYearEndViolations(cycle, on);
      return ok({ ...closed, status: 'completed', report: { ...report, violations: closed.violations.length }, closed: { reason: 'year-ended', on, rule: 'OBS-TRACK' } }, [
        `OBS-TRACK: the cycle ended with the school year; ${report.rules.filter((r) => r.met).length} of ${report.rules.length} rules met`,
      ]);
    }
    case 'grievance-window':
      return ok({ ...cycle, grievanceWindowEnded: true }, ['GRV-FILE-40: the last process violation of the cycle can no longer be grieved; the record closes']);
    default: {
      const unknown: never = deadline;
      throw new Error(`unknown deadline ${String(unknown)}`);
    }
  }
}

/** At the year's end (or when HR ends the cycle): what was never done is a process violation, dated that day. */
function withYearEndViolations(cycle: ObservationCycle, on: CalendarDate): ObservationCycle {
  const found: Omit<ProcessViolation, 'id' | 'recordedOn'>[] = [];
  const report = yearEndReport(cycle, on);
  for (const outcome of report.rules) {
    if (outcome.met) continue;
    // Steps already recorded as violations when they were missed are not recorded twice.
    if (outcome.rule === 'OBS-FEEDBACK-7' || outcome.rule === 'OBS-PRECONF' || outcome.rule === 'OBS-SELF-SCORE') continue;
    if (outcome.rule === 'OBS-COACHING' && cycle.violations.some((v) => v.rule === 'OBS-COACHING')) continue;
    if (outcome.rule === 'OBS-POSTCONF') {
      for (const o of cycle.observations.filter((x) => x.observed && !x.postConference)) {
        found.push({ rule: 'OBS-POSTCONF', observation: o.number, missedOn: on, facts: `Observation ${o.number} (${o.observed!.on}) was never followed by a post-conference.` });
      }
      continue;
    }
    if (outcome.rule === 'OBS-UNANNOUNCED' && cycle.violations.some((v) => v.rule === 'OBS-UNANNOUNCED')) continue;
    found.push({ rule: outcome.rule, missedOn: on, facts: `By the end of the cycle (${on}): ${outcome.detail}.` });
  }
  return addViolations(cycle, found, on);
}

function addViolations(cycle: ObservationCycle, found: readonly Omit<ProcessViolation, 'id' | 'recordedOn'>[], recordedOn: CalendarDate): ObservationCycle {
  if (found.length === 0) return cycle;
  const start = cycle.violations.length;
  return { ...cycle, violations: [...cycle.violations, ...found.map((v, i) => ({ ...v, id: `V${start + i + 1}`, recordedOn }))] };
}

function withStatus(cycle: ObservationCycle): ObservationCycle {
  return cycle.closed ? cycle : { ...cycle, status: minimumMet(cycle) ? 'minimum-met' : 'in-progress' };
}

function replace(cycle: ObservationCycle, observation: Observation): ObservationCycle {
  return { ...cycle, observations: cycle.observations.map((o) => (o.number === observation.number ? observation : o)) };
}

function heldObservation(cycle: ObservationCycle, number: number, rule: RuleId): { ok: true; observation: Observation } | Refusal {
  const observation = cycle.observations.find((o) => o.number === number);
  if (!observation) return ruleViolation(rule, `the cycle has no observation ${number}`);
  if (!observation.observed) return conflict(rule, `observation ${number} has not taken place yet`);
  return { ok: true, observation };
}

/** OBS-CERTIFIED: the step needs an evaluator on the year's certification list (the API attaches how they stand). */
function uncertified(certification: Certification | undefined, by: string): Refusal | undefined {
  if (certification?.certified) return undefined;
  const reason = certification ? certification.reason : 'no certification was checked';
  return ruleViolation('OBS-CERTIFIED', `evaluator ${by} may not observe or hold the conferences: ${reason}`);
}

const ok = (state: ObservationCycle, notes: readonly string[]): Transition<ObservationCycle> => ({ ok: true, state, notes });
