import { PAR_ACTIONS } from '../../../src/domain/par/par-process';
import { hasAnyRole } from '../../../src/domain/actor';
import type { ParCase } from '../../../src/domain/par/par-case';
import { parFamily } from '../../../src/domain/par/par-family';
import type { ParInterventionView } from '../../../workflows/par/par-intervention-messages';
import { getParCaseQuery, parActionUpdate } from '../../../workflows/par/par-intervention-workflow';
import { parActionSchema, parCaseViewSchema, parListQuerySchema, parListSchema } from '../../schemas/par';
import type { CaseFamilyApi } from '../case-family-routes';
import { apiView } from './par-access';

const CLOSED_REASONS = [
  'returned-to-regular-evaluation',
  'district-decision',
  'time-limit',
  'satisfactory-evaluation',
  'separated',
  'referral-withdrawn',
  'application-withdrawn',
  'not-approved',
  'ended-by-notice',
  'term-ended',
] as const;

/** What every written report lists as text (PAR-MONTHLY, PAR-FINAL-CONF), as paths inside it (issue 11). */
const REPORT_TEXTS = ['goals.*', 'assistancePlan', 'otherResources.*', 'reportsFromOthers.*.summary'];

/**
 * PAR interventions (`par:<district>:<id>`) on the case kernel's routes. Who may act is the case's to decide
 * (par-process.ts PAR_ACTIONS, by the caller's relation to the case); who may see what, par-visibility.ts. A person
 * who may not know a case exists gets 404 from every route, never 403 (PAR-VOL-CONF).
 */
export const parApi: CaseFamilyApi<ParInterventionView, ParCase> = {
  family: parFamily,
  path: '/v1/par',
  tag: 'par',
  noun: 'PAR case',
  exampleId: 'R-2026-003',
  workflowType: 'parInterventionWorkflow',
  query: getParCaseQuery,
  update: parActionUpdate,
  stateOf: (view) => view.case,
  districtOf: (view) => view.case.district,
  closedOf: (view) => view.case.closed,
  project: (view, actor) => apiView(view, actor),
  schemas: { view: parCaseViewSchema, action: parActionSchema },
  // Issue 11: reports, goals, responses, deliberations, documented reasons and stated reasons live in the case
  // document store; the case keeps their claim checks (goals compare by them, PAR-IPG) and readers get the texts.
  actionRules: PAR_ACTIONS,
  storedTexts: {
    actions: {
      'panel-vote': ['motion.documentedReasons.*'],
      'assign-consulting-teacher': ['reason'],
      'reassign-consulting-teacher': ['reason'],
      'hold-ipg-conference': ['goals.*'],
      'revise-goals': ['goals.*'],
      'file-monthly-log': REPORT_TEXTS.map((path) => `log.${path}`),
      'respond-to-report': ['text'],
      'request-panel-meeting': ['reason'],
      'hold-final-conference': ['absenceReason'],
      'file-final-report': [...REPORT_TEXTS, 'summary'].map((path) => `report.${path}`),
      'record-deliberation': ['text'],
    },
  },
  confidentialityRule: 'PAR-PANEL-CONF',
  summaries: {
    get: 'Read a PAR case: the part of it the caller may see (PAR-VOL-CONF, PAR-PANEL-CONF), with its running deadlines',
    actions: 'Act on a PAR case: panel vote, consulting teacher, IPG, monthly log, signature and response, review, final report, outcome, withdrawal ...',
    actionsDescription:
      "The case checks the action against the PAR rules and the caller's part in the case and answers at once: 200 with the " +
      "caller's view, 409 when the stage does not allow it, 422 when a rule refuses it, 403 when it is not the caller's to take. " +
      '`Idempotency-Key` makes a retried request apply once.',
  },
  listing: {
    summary: "List the district's PAR cases by status, school and next deadline",
    description:
      'PAR-VOL-CONF: Volunteer cases are never listed to a caller who is also a decider (principal, evaluator). ' +
      '`dueBefore` keeps cases whose next deadline ends on or before that date.',
    querystring: parListQuerySchema,
    response: parListSchema,
    closedStatuses: CLOSED_REASONS,
    clauses: (_query, actor) => (hasAnyRole(actor, ['decider']) ? [`CaseKind = 'referred'`] : []),
    item: ({ id, workflowId, attributes, one, startedAt, closedAt }) => ({
      id,
      workflowId,
      kind: one(attributes.CaseKind),
      status: one(attributes.CaseStatus) ?? 'awaiting-panel-vote',
      school: one(attributes.CaseSchool),
      nextDeadline: one(attributes.CaseNextDeadline),
      openedAt: startedAt,
      closedAt,
      href: `/v1/par/${encodeURIComponent(id)}`,
    }),
  },
};
