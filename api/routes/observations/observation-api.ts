import { identitiesOf, type Actor } from '../../../src/domain/actor';
import { CERTIFIED_STEPS, type ObservationCycle } from '../../../src/domain/observation/observation-cycle';
import { observationFamily } from '../../../src/domain/observation/observation-family';
import { OBS_ACTIONS, observationRelation } from '../../../src/domain/observation/observation-parties';
import { visibleCycle } from '../../../src/domain/observation/observation-visibility';
import { certificationOn } from '../../../src/domain/observation/observation-year';
import { dateInZone } from '../../../src/domain/calendar';
import { readDistrictCalendar } from '../../../src/temporal/district-calendars';
import { readObservationYear } from '../../../src/temporal/observation-years';
import type { ObservationCycleView } from '../../../workflows/observation/observation-messages';
import { getObservationCycleQuery, observationActionUpdate } from '../../../workflows/observation/observation-cycle-workflow';
import { observationActionSchema, observationCycleViewSchema, observationListQuerySchema, observationListSchema, observationParamsSchema } from '../../schemas/observation';
import type { CaseFamilyApi } from '../case-family-routes';
import { deadlineView } from '../case-deadline-view';

/** The cycle as this reader may see it (OBS_ACCESS), with every deadline it ran and the steps whose part they see. */
export function observationView(view: ObservationCycleView, actor: Actor) {
  const relation = observationRelation(view.cycle, actor);
  const cycle = visibleCycle(view.cycle, relation);
  if (!cycle) return undefined;
  return {
    ...cycle,
    workflowId: view.workflowId,
    deadlines: view.clock.deadlines.map(deadlineView),
    actions: view.actions.map(({ details, ...entry }) => (details && observationFamily.seesAction(view.cycle, actor, entry.action) ? { ...entry, details } : entry)),
    notices: view.notices,
  };
}

/**
 * Observation cycles (`observation-cycle:<district>:<schoolYear>:<educator>`) on the case kernel's routes. Who may
 * act is the cycle's to decide (observation-parties.ts OBS_ACTIONS, by the caller's relation to it); who may see
 * what, OBS_ACCESS. The educator and the evaluators are known by their employee ids; anyone else gets 404.
 */
export const observationApi: CaseFamilyApi<ObservationCycleView, ObservationCycle> = {
  family: observationFamily,
  path: '/v1/observations',
  tag: 'observations',
  noun: 'observation cycle',
  workflowType: 'observationCycleWorkflow',
  query: getObservationCycleQuery,
  update: observationActionUpdate,
  stateOf: (view) => view.cycle,
  districtOf: (view) => view.cycle.district,
  closedOf: (view) => view.cycle.closed,
  project: observationView,
  schemas: { view: observationCycleViewSchema, action: observationActionSchema },
  // Issue 11: feedback, conference notes, self-score notes and coaching supports live in the case document store (the
  // reason a cycle ends stays written out: it is short, and the closing note cites it).
  actionRules: OBS_ACTIONS,
  storedTexts: {
    actions: {
      'hold-coaching-conversation': ['supports.*'],
      'submit-self-score': ['note'],
      'give-written-feedback': ['text'],
      'hold-post-conference': ['reinforcement', 'refinement'],
    },
  },
  confidentialityRule: 'OBS-SELF-SCORE',
  caseNumber: { params: observationParamsSchema, segments: 2 },
  // OBS-CERTIFIED: an observer's standing on the district's certification list for the cycle's year, as of the step's
  // day, read from the list HR maintains, never from the body; the cycle records it with the step.
  prepareAction: async (app, { id, action, actor }) => {
    const type = (action as { type: (typeof CERTIFIED_STEPS)[number] }).type;
    if (!CERTIFIED_STEPS.includes(type)) return action;
    const schoolYear = id.slice(0, 9);
    const year = await readObservationYear(app.temporal.client, actor.district, schoolYear);
    const timeZone = (await readDistrictCalendar(app.temporal.client, actor.district, schoolYear))?.calendar?.timeZone ?? 'UTC';
    const on = (action as { on?: string }).on ?? dateInZone(new Date(), timeZone);
    const certifications = identitiesOf(actor).map((identity) => certificationOn(year, identity, on));
    return { ...action, certification: certifications.find((c) => c.certified) ?? certifications[0] };
  },
  summaries: {
    get: 'Read an observation cycle: track, observations with their conferences and feedback, violations, deadlines, the year-end report',
    actions: 'Take a step of the cycle: coaching conversation, pre-conference, observation, self-score, written feedback, post-conference ...',
    actionsDescription:
      "The cycle checks the step against RULES.md OBS-* and the caller's part in it and answers at once: 200 with the caller's view, " +
      '409 when the cycle does not allow it now, 422 when a rule refuses it (an observer not certified for the year: OBS-CERTIFIED), ' +
      '403 when it is not the caller\'s to take, 404 when the caller has no part in the cycle. A step taken wrongly but taken (no ' +
      'pre-conference, another evaluator at the post-conference) is recorded with a process violation the educator is told of. ' +
      '`Idempotency-Key` makes a retried request apply once.',
  },
  listing: {
    summary: "List the district's observation cycles by status, school and next deadline",
    description: '`status=in-progress` lists the cycles still short of their minimum; `dueBefore` keeps cycles whose next deadline ends on or before that date.',
    querystring: observationListQuerySchema,
    response: observationListSchema,
    closedStatuses: ['completed', 'ended'],
    clauses: () => [],
    item: ({ id, workflowId, attributes, one, startedAt, closedAt }) => ({
      id,
      workflowId,
      status: one(attributes.CaseStatus) ?? 'in-progress',
      school: one(attributes.CaseSchool),
      nextDeadline: one(attributes.CaseNextDeadline),
      openedAt: startedAt,
      closedAt,
      href: `/v1/observations/${id}`,
    }),
  },
};
