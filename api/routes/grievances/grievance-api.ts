import { GRIEVANCE_ACTIONS } from '../../../src/domain/grievance/grievance-parties';
import { hasAnyRole } from '../../../src/domain/actor';
import { grievanceFamily, type GrievanceState } from '../../../src/domain/grievance/grievance-family';
import type { GrievanceView } from '../../../workflows/grievance/grievance-messages';
import { getGrievanceQuery, grievanceActionUpdate } from '../../../workflows/grievance/grievance-workflow';
import { grievanceActionSchema, grievanceCaseSchema } from '../../schemas/grievance';
import { grievanceListQuerySchema, grievanceListSchema } from '../../schemas/grievance-list';
import type { CaseFamilyApi } from '../case-family-routes';
import { quote } from '../case-listing';

const CLOSED_REASONS = ['resolved-informally', 'waived', 'accepted', 'final', 'withdrawn', 'sent-to-arbitration'] as const;

const stateOf = (view: GrievanceView): GrievanceState => ({
  file: { caseType: view.caseType, id: view.id, district: view.district, filing: view.filing, filedBy: view.filedBy, filedAt: view.filedAt },
  process: view.process,
});

/** Grievances (`grievance:<district>:<id>`) on the case kernel's routes. */
export const grievanceApi: CaseFamilyApi<GrievanceView, GrievanceState> = {
  family: grievanceFamily,
  path: '/v1/grievances',
  tag: 'grievances',
  noun: 'grievance',
  exampleId: 'G-2026-014',
  workflowType: 'grievanceWorkflow',
  query: getGrievanceQuery,
  update: grievanceActionUpdate,
  stateOf,
  districtOf: (view) => view.district,
  closedOf: (view) => view.process.closed,
  // The parties see their case whole (grievance-parties.ts GRIEVANCE_ACCESS); anyone else gets 404 before this.
  project: (view) => view,
  schemas: { view: grievanceCaseSchema, action: grievanceActionSchema },
  // Issue 11: the long texts of a filing and of an action live in the case document store, not in the history.
  actionRules: GRIEVANCE_ACTIONS,
  storedTexts: { opening: ['statement', 'correctiveAction'], actions: { decide: ['text'] } },
  summaries: {
    get: 'Read a grievance case: where the procedure stands, every deadline with its explanation, notices sent',
    actions: 'Act on a grievance: declare formal, schedule the conference, decide, appeal, extend, withdraw ...',
    actionsDescription:
      'The case checks the action against the procedure and the caller\'s part in the case (grievant, representative, ' +
      'decider of the level, HR) and answers at once: 200 with the new state and deadlines, 409 when the stage does not ' +
      'allow it, 422 when a rule refuses it, 403 when it is not the caller\'s to take, 404 when the caller has no part ' +
      'in the case. The side of an extension is the caller\'s own (GRV-EXTEND). `Idempotency-Key` makes a retried ' +
      'request apply once.',
  },
  listing: {
    summary: "List the district's grievances by status, level, school and next deadline",
    description:
      'Withdrawn grievances are left out for administrators (GRV-WITHDRAW); auditors see them. A decider lists the ' +
      'levels they decide. `dueBefore` keeps cases whose next deadline ends on or before that date. Pass ' +
      '`nextPageToken` back as `pageToken` for the next page.',
    querystring: grievanceListQuerySchema,
    response: grievanceListSchema,
    closedStatuses: CLOSED_REASONS,
    clauses: (query: { level?: number }, actor) => {
      const clauses: string[] = [];
      if (query.level !== undefined) clauses.push(`CaseLevel = ${quote(String(query.level))}`);
      // GRV-WITHDRAW: without prejudice or record for administrators; the history stays for auditors.
      if (!hasAnyRole(actor, ['auditor'])) clauses.push(`CaseStatus != 'withdrawn'`);
      // GRV-DECIDE-10: a decider who is not also HR or an auditor lists the levels they decide.
      if (!hasAnyRole(actor, ['hr', 'auditor'])) clauses.push(`CaseLevel IN (${(actor.levels ?? []).map((l) => quote(String(l))).join(', ') || "'none'"})`);
      return clauses;
    },
    item: ({ id, workflowId, attributes, one, startedAt, closedAt }) => ({
      id,
      workflowId,
      status: one(attributes.CaseStatus) ?? 'informal',
      level: Number(one(attributes.CaseLevel) ?? 0),
      school: one(attributes.CaseSchool),
      nextDeadline: one(attributes.CaseNextDeadline),
      filedAt: startedAt,
      closedAt,
      href: `/v1/grievances/${encodeURIComponent(id)}`,
    }),
  },
};
