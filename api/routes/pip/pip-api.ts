import { PIP_ACTIONS } from '../../../src/domain/pip/pip-process';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../src/domain/actor';
import type { PipAction, PipState } from '../../../src/domain/pip/pip-case';
import { pipFamily } from '../../../src/domain/pip/pip-family';
import { visiblePipView } from '../../../src/domain/pip/pip-view';
import type { PipWorkflowView } from '../../../workflows/pip/pip-messages';
import { getPipCaseQuery, pipActionUpdate } from '../../../workflows/pip/pip-workflow';
import { pipActionSchema, pipCaseViewSchema, pipListQuerySchema, pipListSchema } from '../../schemas/pip';
import { HttpProblem } from '../../plugins/problem-details';
import { deadlineView } from '../case-deadline-view';
import type { CaseFamilyApi } from '../case-family-routes';

const CLOSED_REASONS = ['year-end-status-recorded', 'withdrawn'] as const;

/** The case as `actor` may see it (pip-access.ts PIP_ACCESS), with every deadline it ran; undefined: 404. */
export function pipApiView(view: PipWorkflowView, actor: Actor) {
  const visible = visiblePipView(view.case, actor);
  return visible && { ...visible, deadlines: view.clock.deadlines.map(deadlineView) };
}

/**
 * PIP-EVIDENCE: an artifact names a document of the caller's district's document store by its claim check
 * (`POST /v1/documents` answers it); the case keeps only the claim check, so it must name a stored document exactly.
 */
async function verifyDocument(app: FastifyInstance, action: PipAction, actor: Actor): Promise<HttpProblem | undefined> {
  if (action.type !== 'add-evidence' || !action.document) return undefined;
  const { sha256, size, contentType } = action.document;
  // An upload of the district (the case keeps it once it took the action: issue 15 item 5).
  const stored = await app.documents.find(actor.district, sha256);
  const refuse = (field: string, message: string) =>
    new HttpProblem(422, `${message} (PIP-EVIDENCE)`, { rule: 'PIP-EVIDENCE', errors: [{ in: 'body', field, message, rule: 'PIP-EVIDENCE' }] });
  if (!stored) return refuse('/document/sha256', 'no document with this SHA-256 in the district\'s document store: upload it first (POST /v1/documents)');
  if (stored.size !== size) return refuse('/document/size', `the stored document has ${stored.size} bytes`);
  if (stored.contentType !== contentType) return refuse('/document/contentType', `the stored document is ${stored.contentType}`);
  return undefined;
}

/** The long texts of a plan, as paths inside it (issue 11). */
const PLAN_TEXTS = ['goal.measure', 'steps.*.description', 'evidencePlanned'];

/**
 * Performance Improvement Plans (`pip:<district>:<id>`) on the case kernel's routes. Who may act is the case's to
 * decide (pip-process.ts PIP_ACTIONS, by the caller's relation to the case); who may see what, pip-access.ts. A
 * person with no part in the case gets 404 from every route.
 */
export const pipApi: CaseFamilyApi<PipWorkflowView, PipState> = {
  family: pipFamily,
  path: '/v1/pip',
  tag: 'pip',
  noun: 'improvement plan',
  workflowType: 'pipWorkflow',
  query: getPipCaseQuery,
  update: pipActionUpdate,
  stateOf: (view) => view.case,
  districtOf: (view) => view.case.district,
  closedOf: (view) => view.case.closed,
  project: pipApiView,
  verifyAction: verifyDocument,
  schemas: { view: pipCaseViewSchema, action: pipActionSchema },
  // Issue 11: the long texts of plans and actions live in the case document store (a goal's statement stays written
  // out: PIP-GOAL compares it with the other plans' goals).
  actionRules: PIP_ACTIONS,
  storedTexts: {
    opening: PLAN_TEXTS.map((path) => `plan.${path}`),
    actions: {
      'assign-plan': PLAN_TEXTS,
      'add-step': ['step.description'],
      'reschedule-step': ['reason'],
      'check-in': ['progress'],
      'add-evidence': ['description'],
      'record-support': ['description'],
      comment: ['text'],
      'record-status': ['comments'],
      withdraw: ['reason'],
    },
  },
  summaries: {
    get: "Read an improvement plan case: the part of it the caller may see (the evaluator's comments are the employee's, the evaluator's, HR's and auditors'), with its deadlines",
    actions: 'Act on an improvement plan: assign another plan, add or reschedule a step, check in, complete a step, add evidence or an artifact, record support, comment, record the end-of-year status ...',
    actionsDescription:
      "The case checks the action against the PIP rules and the caller's part in the case (employee, evaluator, team member, HR) and answers at once: " +
      '200 with the caller\'s view, 409 when the stage does not allow it, 422 when a rule refuses it (naming the field and the rule), 403 when it is not ' +
      "the caller's to take, 404 when the caller has no part in the case. `Idempotency-Key` makes a retried request apply once.",
  },
  listing: {
    summary: "List the district's improvement plan cases by status, school and next deadline",
    description: '`dueBefore` keeps cases whose next deadline ends on or before that date. Pass `nextPageToken` back as `pageToken` for the next page.',
    querystring: pipListQuerySchema,
    response: pipListSchema,
    closedStatuses: CLOSED_REASONS,
    clauses: () => [],
    item: ({ id, workflowId, attributes, one, startedAt, closedAt }) => ({
      id,
      workflowId,
      status: one(attributes.CaseStatus) ?? 'active',
      school: one(attributes.CaseSchool),
      nextDeadline: one(attributes.CaseNextDeadline),
      openedAt: startedAt,
      closedAt,
      href: `/v1/pip/${encodeURIComponent(id)}`,
    }),
  },
};
