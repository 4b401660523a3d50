import { TAP_ACTIONS } from '../../../src/domain/tap/tap-parties';
import type { Actor } from '../../../src/domain/actor';
import type { TapCase } from '../../../src/domain/tap/tap-case';
import { tapFamily } from '../../../src/domain/tap/tap-family';
import { tapVisibleView, type TapCaseView } from '../../../src/domain/tap/tap-visibility';
import type { TapView } from '../../../workflows/tap/tap-messages';
import { getTapQuery, tapActionUpdate } from '../../../workflows/tap/tap-workflow';
import { tapActionSchema, tapListQuerySchema, tapListSchema, tapViewSchema } from '../../schemas/tap';
import { deadlineView, type CaseDeadlineView } from '../case-deadline-view';
import type { CaseFamilyApi } from '../case-family-routes';
import { quote } from '../case-listing';

const CLOSED_OUTCOMES = ['exited', 'termination', 'leave', 'reassignment', 'career-transition'] as const;

// A mapped type, not the interface itself: the response schema is a loose object and needs an index signature.
export type TapApiView = { readonly [K in keyof TapCaseView]: TapCaseView[K] } & { readonly deadlines: readonly CaseDeadlineView[] };

/** The plan as `actor` may see it with every review date it ran, or undefined when for them it does not exist. */
export function tapApiView(view: TapView, actor: Actor): TapApiView | undefined {
  const visible = tapVisibleView(view.case, actor);
  return visible && { ...visible, deadlines: view.clock.deadlines.map(deadlineView) };
}

/** The long texts of a plan (TAP-DOC), as paths inside it: they go to the case document store (issue 11). */
const PLAN_TEXTS = ['issues.*', 'improvement', 'assessment', 'resources.*', 'timeline.description', 'interventions.*'];
const inPlan = (paths: readonly string[]) => paths.map((path) => `plan.${path}`);

/** Teacher Assistance Plans (`tap:<district>:<id>`) on the case kernel's routes. */
export const tapApi: CaseFamilyApi<TapView, TapCase> = {
  family: tapFamily,
  path: '/v1/tap',
  tag: 'tap',
  noun: 'Teacher Assistance Plan',
  workflowType: 'tapWorkflow',
  query: getTapQuery,
  update: tapActionUpdate,
  stateOf: (view) => view.case,
  districtOf: (view) => view.case.district,
  closedOf: (view) => view.case.closed && { reason: view.case.closed.outcome, rule: view.case.closed.rule },
  project: (view, actor) => tapApiView(view, actor),
  schemas: { view: tapViewSchema, action: tapActionSchema },
  // Issue 11: what plans document, reasons, meeting notes and review summaries live in the case document store.
  actionRules: TAP_ACTIONS,
  storedTexts: {
    opening: inPlan(PLAN_TEXTS),
    actions: { 'revise-plan': [...inPlan(PLAN_TEXTS), 'reason'], 'record-meeting': ['notes'], review: [...inPlan(PLAN_TEXTS), 'summary'] },
  },
  // The raw history holds what plans document and meetings said: HR's alone (tap-parties.ts TAP_ACCESS).
  confidentialityRule: 'TAP-DOC',
  summaries: {
    get: 'Read a Teacher Assistance Plan: its level, each plan with what it documents (TAP-DOC) and its review (TAP-TIMELINE), as far as the caller may see',
    actions: 'Act on a Teacher Assistance Plan: acknowledge, revise the plan, record a meeting, review (move up, move down, exit, resolve)',
    actionsDescription:
      "The plan checks the action against the TAP rules and the caller's part in it (teacher, association staff, administrator, " +
      'district personnel, HR) and answers at once: 200 with the caller\'s view, 409 when the stage does not allow it, 422 when a ' +
      "rule refuses it (TAP-DOC, TAP-LEVELS, TAP-TIMELINE), 403 when it is not the caller's to take, 404 when the caller has no part " +
      'in it. Level 3 is district-led: its review is for district personnel or HR. `Idempotency-Key` makes a retried request apply once.',
  },
  listing: {
    summary: "List the district's Teacher Assistance Plans by status, level, school and review date",
    description:
      'Items carry ids, statuses, levels, schools and dates, never names or content. `dueBefore` keeps plans whose review ends ' +
      'on or before that date. Pass `nextPageToken` back as `pageToken` for the next page.',
    querystring: tapListQuerySchema,
    response: tapListSchema,
    closedStatuses: CLOSED_OUTCOMES,
    clauses: (query: { level?: number }) => (query.level === undefined ? [] : [`CaseLevel = ${quote(String(query.level))}`]),
    item: ({ id, workflowId, attributes, one, startedAt, closedAt }) => ({
      id,
      workflowId,
      status: one(attributes.CaseStatus) ?? 'in-plan',
      level: Number(one(attributes.CaseLevel) ?? 0),
      school: one(attributes.CaseSchool),
      nextDeadline: one(attributes.CaseNextDeadline),
      openedAt: startedAt,
      closedAt,
      href: `/v1/tap/${encodeURIComponent(id)}`,
    }),
  },
};
