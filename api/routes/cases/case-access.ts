import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isNotFound, type CaseRunHistory } from '../../../src/audit/case-history';
import { decodeCaseRuns, loadCaseRuns, type CaseRuns } from '../../../src/audit/case-records';
import { verifyCaseArchive } from '../../../src/audit/case-archive';
import { CaseDestroyedError, type CaseTombstone } from '../../../src/audit/case-tombstone';
import { commonRecordOf, type CaseStateForTimeline } from '../../../src/audit/case-timeline';
import { CASE_NUMBER, caseTypeOf, caseWorkflowIds, parseCaseWorkflowId } from '../../../src/domain/case/case-ids';
import { CASE_FAMILIES, familyOfCaseType } from '../../families';
import { HttpProblem } from '../../plugins/problem-details';
import type { CaseFamilyApi } from '../case-family-routes';

const { EventType } = temporal.api.enums.v1;
const CASE_TYPES = CASE_FAMILIES.map((api) => api.family.caseType);

/**
 * A case is addressed by its business prefix and number, `grievance:G-2026-001` (read in the caller's district),
 * or by its whole workflow id, `grievance:demo-district:G-2026-001`.
 */
export const caseIdParamsSchema = z.object({
  id: z
    .string()
    .max(200)
    // The prefix, then the district and case number parts (a family's number may have several, observation-cycle).
    .regex(/^[a-z][a-z-]{0,31}(:[A-Za-z0-9][A-Za-z0-9._-]{0,63}){1,4}$/, 'must be a case id such as grievance:G-2026-001')
    .meta({ examples: ['grievance:G-2026-014'] })
    .refine((id) => {
      const parsed = parseCaseAddress(id);
      return parsed !== undefined && CASE_TYPES.includes(parsed.caseType) && parsed.id.split(':').every((part) => CASE_NUMBER.test(part));
    }, `must be a case id such as grievance:G-2026-001 (prefixes: ${CASE_TYPES.join(', ')})`)
    .describe('The case: its prefix and number, e.g. grievance:G-2026-001, or its workflow id'),
});

/** A case as an audit route reads it for one reader: its runs, its family, its latest view, what the reader may see. */
export interface AuditedCase extends CaseRuns {
  readonly api: CaseFamilyApi;
  /** The case as it stands: a live query while it runs, else the last view its history recorded. */
  readonly latest: unknown;
  readonly reader: { readonly seesWholeRecord: boolean; readonly seesAction: (action: string) => boolean };
  /** The runs with their payloads decrypted (issue 15), for the timeline and the packet; `runs` stay as stored. */
  readonly decodedRuns: CaseRunHistory[];
}

/**
 * Every run of a case of the caller's district, from Temporal while it has the case, else from the archive (after
 * the namespace's retention): audit routes work the same on both. A case the caller stands in no relation to, or of
 * another district, does not exist for them: 404.
 */
/** A case address read with its family's case number (one part, or several: `observation-cycle:2026-2027:E1001`). */
function parseCaseAddress(id: string) {
  return parseCaseWorkflowId(id, familyOfCaseType(caseTypeOf(id))?.caseNumber?.segments);
}

export async function auditedCase(app: FastifyInstance, request: FastifyRequest, id: string): Promise<AuditedCase> {
  const parsed = parseCaseAddress(id);
  const api = parsed && familyOfCaseType(parsed.caseType);
  const district = request.user.district;
  const missing = () => new HttpProblem(404, `No case ${id}.`);
  if (!parsed || !api || (parsed.district !== undefined && parsed.district !== district)) throw missing();
  const candidates = parsed.district !== undefined ? [id] : caseWorkflowIds(parsed.caseType, district, parsed.id);
  for (const workflowId of candidates) {
    let records: CaseRuns;
    try {
      records = await loadCaseRuns(app.temporal.client, app.archive, workflowId, district);
    } catch (error) {
      if (isNotFound(error)) continue;
      // Issue 15 item 5: what is left of a destroyed case is its tombstone (ids and dates only): 410 saying so.
      if (error instanceof CaseDestroyedError) throw await destroyedProblem(app, error.tombstone);
      throw error;
    }
    const codecs = app.temporal.client.options.loadedDataConverter.payloadCodecs;
    const decodedRuns = await decodeCaseRuns(records.runs, codecs);
    const latest = records.running ? await app.temporal.client.workflow.getHandle(records.workflowId).query(api.query) : lastRecordedView(decodedRuns);
    const state = latest === undefined ? undefined : api.stateOf(latest);
    if (state === undefined || !api.family.sees(state, request.user)) throw missing();
    return {
      ...records,
      decodedRuns,
      api,
      latest,
      reader: { seesWholeRecord: api.family.seesWholeRecord(state, request.user), seesAction: (action) => api.family.seesAction(state, request.user, action) },
    };
  }
  throw missing();
}

/** 410 Gone: "<case> was destroyed on <date> under retention policy version <n> of <district> ...". */
async function destroyedProblem(app: FastifyInstance, t: CaseTombstone): Promise<HttpProblem> {
  // The digest chain still verifies over the sealed files and the tombstone: the auditor sees that it does.
  const chain = await verifyCaseArchive(app.archive, t.district, t.workflowId);
  return new HttpProblem(410, `${t.workflowId} was ${t.summary}.`, {
    destroyed: {
      on: t.destroyedOn,
      policyVersion: t.policy.version,
      ...(t.policy.title ? { policyTitle: t.policy.title } : {}),
      period: t.policy.period,
      closedOn: t.closedOn,
      closedAs: t.closedAs,
      chain: chain.ok ? { verified: true, entries: chain.entries } : { verified: false, entries: chain.entries, problem: chain.broken.problem },
    },
  });
}

/** The common record (action log and clock) of the case's latest view, for the timeline's deadlines. */
export function timelineStateOf(audited: AuditedCase): CaseStateForTimeline | undefined {
  return audited.running ? commonRecordOf(audited.latest) : undefined;
}

/** The last view of the case its history records: the run's result, else the last update's. */
function lastRecordedView(runs: readonly CaseRunHistory[]): unknown {
  // From the end: the latest recorded view is the only one needed, so earlier payloads are never parsed.
  for (const { history } of [...runs].reverse()) {
    for (const event of [...(history.events ?? [])].reverse()) {
      const payloads =
        event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
          ? event.workflowExecutionCompletedEventAttributes?.result
          : event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED
            ? event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success
            : undefined;
      const payload = payloads?.payloads?.[0];
      if (!payload) continue;
      try {
        const decoded = defaultPayloadConverter.fromPayload<unknown>(payload);
        if (decoded && typeof decoded === 'object') return decoded;
      } catch {
        // Not a view: skipped.
      }
    }
  }
  return undefined;
}
