import { createHash, randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowStartOptions } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type QueryDefinition, type SearchAttributePair, type UpdateDefinition } from '@temporalio/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inlineTexts, keepDocuments, storeTexts } from '../../src/audit/stored-texts';
import type { Actor } from '../../src/domain/actor';
import type { PauseRecord } from '../../src/domain/calendar/case-clock-types';
import { CASE_NUMBER, caseWorkflowIds, parseCaseWorkflowId } from '../../src/domain/case/case-ids';
import type { CaseFamily } from '../../src/domain/case/case-family';
import type { RuleId } from '../../src/domain/case/rule-ids';
import { CaseDistrict, CaseSchool, CaseType } from '../../src/temporal/search-attributes';
import { timestampToIso } from '../../src/temporal/proto-time';
import type { CaseActionRequest } from '../../workflows/shared/case-actions';
import { CASE_ALREADY_OPENED, caseOpenedUpdate, type CaseOpeningMemo } from '../../workflows/shared/case-opened';
import { KERNEL_FAILURE_TYPES } from '../../src/domain/case/refusal';
import { pauseClocksUpdate, resumeClocksUpdate } from '../../workflows/shared/case-clock-messages';
import { refusalProblem } from '../case-refusals';
import { HttpProblem, serviceUnavailable } from '../plugins/problem-details';
import { isTemporalUnavailable } from '../temporal-unavailable';
import { idempotencyHeadersSchema, pauseBodySchema, pauseRecordSchema } from '../schemas/case-clock';
import { problemResponses } from '../schemas/problem';
import { dueBeforeClause, listCases, quote, type One } from './case-listing';
import { CSV_MAX_ROWS, listingColumns, listingCsv, listingFormatSchema } from './listing-csv';

/* eslint-disable @typescript-eslint/no-explicit-any -- a family's own types meet the factory here, once */

/**
 * What a case family gives the API: its workflow's messages, how a case reads for each reader, its schemas and its
 * listing. `caseFamilyRoutes` turns it into `GET <path>/:id`, `POST <path>/:id/actions`, the clock routes and the
 * listing; the family adds only its create route(s). Registered in api/families.ts.
 */
export interface CaseFamilyApi<V = any, S = any> {
  readonly family: CaseFamily<S, any, any, any>;
  /** `/v1/grievances`, `/v1/par`. */
  readonly path: string;
  readonly tag: string;
  /** `grievance`, `PAR case`: how messages name one case (and, in PascalCase, the routes' operationIds). */
  readonly noun: string;
  /** A case number as the district writes it, for the OpenAPI document's examples (default `2026-001`). */
  readonly exampleId?: string | undefined;
  readonly workflowType: string;
  readonly query: QueryDefinition<V>;
  readonly update: UpdateDefinition<V, [CaseActionRequest<any>]>;
  /** The family's state inside a view (for the access table). */
  stateOf(view: V): S;
  districtOf(view: V): string;
  closedOf(view: V): { readonly reason: string; readonly rule: string } | undefined;
  /** The case as this reader may see it; undefined: for them the case does not exist (404). */
  project(view: V, actor: Actor): unknown;
  readonly schemas: { readonly view: z.ZodType; readonly action: z.ZodType };
  /** The rule each action type is checked under (the family's actions table): named when its body is refused. */
  readonly actionRules?: Readonly<Record<string, { readonly rule: RuleId }>> | undefined;
  /**
   * The long texts of the family's requests (dotted field names) that the API puts into the case document store
   * before the case sees them (issue 11): `opening` of the create body, `actions` per action type. The case keeps
   * their claim checks; every reader gets the texts written out.
   */
  readonly storedTexts?: { readonly opening?: readonly string[]; readonly actions?: Readonly<Record<string, readonly string[]>> } | undefined;
  /** The rule a reader without the whole record is refused the raw history under (PAR-PANEL-CONF). */
  readonly confidentialityRule?: RuleId | undefined;
  readonly summaries: { readonly get: string; readonly actions: string; readonly actionsDescription: string };
  /** A refusal the route answers before the case is asked (a decision needs a decider token naming its levels). */
  refuseEarly?(action: any, actor: Actor): HttpProblem | undefined;
  /**
   * A refusal that needs the service's stores before the case is asked: a document an action names by its claim
   * check must be in the caller's district's document store as named (PIP-EVIDENCE). Never reaches the history.
   */
  verifyAction?(app: FastifyInstance, action: any, actor: Actor): Promise<HttpProblem | undefined>;
  /**
   * Facts the service adds to an action before the case checks it, read from the service's own records, never from
   * the body (an observer's certification on the district's list, OBS-CERTIFIED). The case records them with the
   * action, so a replay decides as the case did.
   */
  prepareAction?(app: FastifyInstance, request: { readonly id: string; readonly action: any; readonly actor: Actor }): Promise<unknown>;
  /**
   * A case number of several parts (`<schoolYear>:<educator>`): its pattern in routes and how many parts it has in
   * a workflow id. Default: one part, CASE_NUMBER.
   */
  readonly caseNumber?: { readonly params: z.ZodObject<{ id: z.ZodType<string> }>; readonly segments: number } | undefined;
  readonly listing: {
    readonly summary: string;
    readonly description: string;
    readonly querystring: z.ZodObject<any>;
    readonly response: z.ZodType;
    /** The family's own filters, beyond status, school, dueBefore and the district. */
    clauses(query: any, actor: Actor): string[];
    /** Closing outcomes, for `status=closed`. */
    readonly closedStatuses: readonly string[];
    item(fields: { id: string; workflowId: string; attributes: Record<string, unknown>; one: One; startedAt?: string | undefined; closedAt?: string | undefined }): unknown;
  };
}

export const caseParamsSchema = z.object({
  id: z.string().max(64).regex(CASE_NUMBER, 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit').describe("The district's case number"),
});

type CaseHandle = ReturnType<FastifyInstance['temporal']['client']['workflow']['getHandle']>;

/** A case found for a reader: its workflow id and its view as the workflow holds it. */
export interface FoundCase<V> {
  readonly workflowId: string;
  readonly view: V;
}

/**
 * Reads a district's case by number: the district-scoped workflow id, then the global id of a case opened before
 * ids were scoped (only if it records the same district). Undefined when the district has no such case.
 */
export async function findCase<V>(
  app: FastifyInstance,
  api: CaseFamilyApi<V>,
  district: string,
  id: string,
  workflowIds: readonly string[] = caseWorkflowIds(api.family.caseType, district, id),
): Promise<FoundCase<V> | undefined> {
  for (const workflowId of workflowIds) {
    let view: V;
    try {
      view = await app.temporal.client.workflow.getHandle(workflowId).query(api.query);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) continue;
      throw error;
    }
    if (api.districtOf(view) === district) return { workflowId, view };
  }
  return undefined;
}

/** A case the reader stands in some relation to, else 404: for them the case does not exist. */
export async function readCase<V>(app: FastifyInstance, api: CaseFamilyApi<V>, id: string, actor: Actor): Promise<FoundCase<V> & { projected: unknown }> {
  const found = await findCase(app, api, actor.district, id);
  const projected = found && projectFor(api, found.view, actor);
  if (!found || projected === undefined) throw notFound(api, id);
  return { ...found, projected };
}

/** A digest of a request body, independent of its keys' order. */
export function requestDigest(body: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(canonical) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)])) : value;
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}

/** A case as this reader may see it, or undefined when they stand in no relation to it (the access table, then the view). */
function projectFor<V>(api: CaseFamilyApi<V>, view: V, actor: Actor): unknown {
  return api.family.sees(api.stateOf(view), actor) ? api.project(view, actor) : undefined;
}

export function notFound(api: Pick<CaseFamilyApi, 'noun'>, id: string) {
  return new HttpProblem(404, `No ${api.noun} with id ${id}.`);
}

/**
 * Starts a case under its district-scoped workflow id: one case per district and number, ever (a retried or
 * repeated request opens no second case and answers 409), and none beside a case of the same district and number
 * opened before ids were scoped. Another district's case of that number is never seen.
 */
export async function startCase<V>(
  app: FastifyInstance,
  api: CaseFamilyApi<V>,
  request: { district: string; id: string; school?: string | undefined; searchAttributes?: SearchAttributePair[]; idempotencyKey?: string | undefined; body?: unknown },
  workflow: string | ((...args: any[]) => Promise<V>),
  args: unknown[] | (() => Promise<unknown[]>),
): Promise<FoundCase<V> & { readonly replayed: boolean }> {
  // A create retried with its Idempotency-Key (the first answer lost) finds its own case and answers it again; the
  // key reused for another request is refused (422); without a key, an existing case is a conflict (409).
  const idempotency = request.idempotencyKey ? { idempotencyKey: request.idempotencyKey, requestDigest: requestDigest(request.body) } : undefined;
  /** What the case starts with, once read (`args` itself may be the function that reads it). */
  let startArgs: unknown[] = [];
  const existing = async (): Promise<FoundCase<V> & { readonly replayed: boolean }> => {
    const found = await findCase(app, api, request.district, request.id);
    if (!found) throw alreadyExists(api, request.id);
    const memo = idempotency ? ((await app.temporal.client.workflow.getHandle(found.workflowId).describe()).memo as typeof idempotency | undefined) : undefined;
    if (!idempotency || memo?.idempotencyKey !== idempotency.idempotencyKey) throw alreadyExists(api, request.id);
    if (memo.requestDigest !== idempotency.requestDigest) throw new HttpProblem(422, 'This Idempotency-Key was used for another request: a key names one request.');
    // The same request again (its first answer lost, perhaps before its documents were kept): keep them now.
    await keepDocuments(app.documents, { district: request.district, workflowId: found.workflowId }, startArgs);
    return { ...found, replayed: true };
  };
  // A case of this number opened before ids were scoped (its global id) takes the number too: a query that finds
  // nothing answers at once, without a worker.
  // Issue 11: that look-up runs beside the route's own reads and checks (`args` as a function), one wait instead of
  // two; a refusal of the request still answers before a taken number does, as when they ran one after the other.
  const [workflowId, legacyId] = caseWorkflowIds(api.family.caseType, request.district, request.id) as [string, string];
  const legacy = findCase(app, api, request.district, request.id, [legacyId]);
  // Its failure (Temporal out of reach, say) is met by `await legacy` below, after the reads: a handler now, so Node
  // never takes it for an unhandled rejection in the meantime (which would end the process).
  legacy.catch(() => undefined);
  startArgs = typeof args === 'function' ? await args() : args;
  if (await legacy) return existing();
  const requestId = randomUUID();
  const options: WorkflowStartOptions<any> & { workflowIdConflictPolicy: WorkflowIdConflictPolicy } = {
    workflowId,
    taskQueue: app.temporal.taskQueue,
    args: startArgs,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    // A running case of this id takes the Update instead, and answers only the request that opened it (or its retry).
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [
      { key: CaseType, value: api.family.caseType },
      { key: CaseDistrict, value: request.district },
      ...(request.school ? [{ key: CaseSchool, value: request.school }] : []),
      ...(request.searchAttributes ?? []),
    ],
    // The request's random id, its key and a digest of it (no personal data): what the case recognises its opener by.
    memo: { requestId, ...idempotency } satisfies CaseOpeningMemo,
  };
  // One round trip (issue 11): the case starts and answers its view, deadlines computed, as the Update's result.
  try {
    const view = (await app.temporal.client.workflow.executeUpdateWithStart(caseOpenedUpdate, {
      args: [{ requestId, ...(idempotency ? { idempotency } : {}) }],
      startWorkflowOperation: new WithStartWorkflowOperation(workflow as any, options),
    })) as V;
    // Issue 15 item 5: the texts and documents the case opened with become the case's (destroyed with it) by the
    // case's own keepCaseDocuments activity, durably, started by the opening this Update answered. Issue 11: the
    // answer does not wait for that disk work; a read before it ends keeps the document itself (DocumentStore.bytesOf).
    return { workflowId, view, replayed: false };
  } catch (error) {
    // A closed case of this id (never reused), or a running one opened before cases answered this Update.
    if (error instanceof WorkflowExecutionAlreadyStartedError || isUnknownUpdate(error)) return existing();
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      if (error.cause.type === CASE_ALREADY_OPENED) throw alreadyExists(api, request.id);
      if (error.cause.type === KERNEL_FAILURE_TYPES.idempotencyConflict) throw new HttpProblem(422, 'This Idempotency-Key was used for another request: a key names one request.');
    }
    // Temporal answered this request's reads a moment ago, so a create past its deadline is a busy worker, not an
    // outage: the case may well have opened and be counting its deadlines. Issue 11: the same request sent again
    // shortly (its Idempotency-Key) answers that case, so the wait asked for is short.
    if (isTemporalUnavailable(error)) throw serviceUnavailable(CREATE_TIMED_OUT, CREATE_RETRY_AFTER_SECONDS);
    throw error;
  }
}

/** How soon a create that did not answer in time is sent again (the case opens within a second or two under load). */
export const CREATE_RETRY_AFTER_SECONDS = 2;
const CREATE_TIMED_OUT =
  `The case service is busy and did not answer in time: the case may have opened. Send the same request again, with the same Idempotency-Key, in ${CREATE_RETRY_AFTER_SECONDS} seconds to get it.`;

/** The Update was refused because the case's code has no handler for it (a case started by an older version). */
function isUnknownUpdate(error: unknown): boolean {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && /unknown update/i.test(error.cause.message);
}

function alreadyExists(api: CaseFamilyApi, id: string) {
  return new HttpProblem(409, `A ${api.noun} with id ${id} already exists.`);
}

/** `PAR case` -> `ParCase`: the family's part of its routes' operationIds. */
function pascal(noun: string): string {
  return noun
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join('');
}

/** The listing's query with examples for the filters every family's listing has (the kernel reads them). */
function listingQueryWithExamples(querystring: z.ZodObject<any>): z.ZodObject<any> {
  const examples: Record<string, unknown> = { status: 'open', pageSize: 50 };
  const shape = querystring.shape as Record<string, z.ZodType>;
  return querystring.extend(Object.fromEntries(Object.entries(examples).filter(([key]) => key in shape).map(([key, example]) => [key, shape[key]!.meta({ examples: [example] })])));
}

/** `GET <path>/:id`, `POST <path>/:id/actions`, `POST <path>/:id/clock/pause|resume` and `GET <path>` for a family. */
export async function caseFamilyRoutes(app: FastifyInstance, opts: { api: CaseFamilyApi }) {
  const { api } = opts;
  const http = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const noun = pascal(api.noun);
  // A family with its own case numbers gives its params (and their examples); the kernel's default has one.
  const params = api.caseNumber?.params ?? z.object({ id: caseParamsSchema.shape.id.meta({ examples: [api.exampleId ?? '2026-001'] }) });
  const closed = (found: FoundCase<unknown>, id: string) => () => {
    const closing = api.closedOf(found.view);
    return new HttpProblem(409, `The ${api.noun} ${id} is closed (${closing?.reason ?? 'closed'}): no further action is possible.`, closing ? { rule: closing.rule } : {});
  };

  http.get(
    `${api.path}/:id`,
    {
      schema: { tags: [api.tag], summary: api.summaries.get, operationId: `get${noun}`, security, params, response: { 200: api.schemas.view, ...problemResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const { workflowId, projected } = await readCase(app, api, request.params.id, request.user);
      return inlineTexts(app.documents, { district: request.user.district, workflowId }, projected);
    },
  );

  http.post(
    `${api.path}/:id/actions`,
    {
      // A refused body (a field past its maximum: 422) names the rule its action type is checked under.
      config: { validationRule: (body: unknown) => api.actionRules?.[String((body as { type?: unknown } | undefined)?.type)]?.rule },
      schema: {
        tags: [api.tag],
        summary: api.summaries.actions,
        description: api.summaries.actionsDescription,
        operationId: `actOn${noun}`,
        security,
        params,
        headers: idempotencyHeadersSchema,
        body: api.schemas.action,
        response: { 200: api.schemas.view, ...problemResponses(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const asked = request.body as { type: string };
      const early = api.refuseEarly?.(asked, request.user) ?? (await api.verifyAction?.(app, asked, request.user));
      if (early) throw early;
      const key = request.headers['idempotency-key'];
      // The key names one request: its digest goes with it, so the case refuses the key reused for another (422),
      // while a retry of the same request is the same Update (Temporal answers it once).
      const idempotency = key ? { key, digest: requestDigest(asked) } : undefined;
      // Issue 11: its long texts go to the case document store first; the case keeps their claim checks.
      const action = await storeTexts(app.documents, request.user.district, asked, api.storedTexts?.actions?.[asked.type]);
      // The facts the service adds go with the action; the key's digest stays the request's own.
      const prepared = api.prepareAction ? await api.prepareAction(app, { id, action, actor: request.user }) : action;
      const updateId = idempotency ? `${idempotency.key}:${idempotency.digest.slice(0, 16)}` : undefined;
      // One round trip: the Update itself checks the caller's relation to the case (404 without one) and answers
      // the new view. A case opened before ids were scoped is tried under its global id next.
      for (const workflowId of caseWorkflowIds(api.family.caseType, request.user.district, id)) {
        let after: unknown;
        try {
          after = await app.temporal.client.workflow
            .getHandle(workflowId)
            .executeUpdate(api.update, { args: [{ action: prepared, by: request.user, ...(idempotency ? { idempotency } : {}) }], ...(updateId ? { updateId } : {}) });
        } catch (error) {
          if (error instanceof WorkflowNotFoundError) continue;
          refusalProblem(error, () => notFound(api, id), () => notFound(api, id));
        }
        // Issue 15 item 5: the case took the action, so the documents it names become the case's, kept by the case's
        // own activity (as for an opening: the answer does not wait for it).
        const holder = { district: request.user.district, workflowId };
        const projected = projectFor(api, after, request.user);
        // A volunteer's consent revoked by the viewer's own action, say: from now on the case is not theirs to see.
        if (projected === undefined) throw notFound(api, id);
        return inlineTexts(app.documents, holder, projected);
      }
      // No running case took it: a closed one answers 409 to whoever may see it; otherwise there is none.
      const found = await findCase(app, api, request.user.district, id);
      if (found && projectFor(api, found.view, request.user) !== undefined) throw closed(found, id)();
      throw notFound(api, id);
    },
  );

  const clockRoute = (verb: 'pause' | 'resume', summary: string, run: (handle: CaseHandle, request: FastifyRequest, updateId: string | undefined) => Promise<PauseRecord>) =>
    http.post(
      `${api.path}/:id/clock/${verb}`,
      {
        schema: {
          tags: [api.tag],
          summary,
          operationId: `${verb}${noun}Clock`,
          security,
          params,
          headers: idempotencyHeadersSchema,
          ...(verb === 'pause' ? { body: pauseBodySchema } : {}),
          response: { 200: pauseRecordSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { id } = request.params;
        const found = await readCase(app, api, id, request.user);
        try {
          return await run(app.temporal.client.workflow.getHandle(found.workflowId), request, request.headers['idempotency-key']);
        } catch (error) {
          return refusalProblem(error, closed(found, id));
        }
      },
    );
  const once = (updateId: string | undefined) => (updateId ? { updateId } : {});
  clockRoute('pause', "Pause the case's deadlines (abeyance by mutual agreement, leave); logged with who and why", (handle, request, updateId) =>
    handle.executeUpdate(pauseClocksUpdate, { args: [{ reason: (request.body as { reason: string }).reason, by: request.user }], ...once(updateId) }),
  );
  clockRoute('resume', "Resume the case's deadlines: counting resumes where it stopped", (handle, request, updateId) =>
    handle.executeUpdate(resumeClocksUpdate, { args: [{ by: request.user }], ...once(updateId) }),
  );

  http.get(
    api.path,
    {
      schema: {
        tags: [api.tag],
        summary: api.listing.summary,
        description: api.listing.description,
        operationId: `list${noun}s`,
        security,
        querystring: listingQueryWithExamples(api.listing.querystring).extend({ format: listingFormatSchema }),
        response: {
          200: {
            description: 'One page of cases (JSON), or every matching case as CSV with `format=csv`',
            content: { 'application/json': { schema: api.listing.response }, 'text/csv': { schema: z.string().describe('A header row, then one row per case') } },
          },
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const query = request.query as { status?: string; school?: string; dueBefore?: string; pageSize: number; pageToken?: string; format: 'json' | 'csv' };
      const district = request.user.district;
      const clauses = [`WorkflowType = ${quote(api.workflowType)}`, `CaseType = ${quote(api.family.caseType)}`, `CaseDistrict = ${quote(district)}`];
      if (query.status === 'open') clauses.push(`ExecutionStatus = 'Running'`);
      else if (query.status === 'closed') clauses.push(`CaseStatus IN (${api.listing.closedStatuses.map(quote).join(', ')})`);
      else if (query.status) clauses.push(`CaseStatus = ${quote(query.status)}`);
      if (query.school) clauses.push(`CaseSchool = ${quote(query.school)}`);
      if (query.dueBefore) clauses.push(await dueBeforeClause(app, district, query.dueBefore));
      clauses.push(...api.listing.clauses(query, request.user));
      const page = (pageToken: string | undefined) =>
        listCases(app, clauses, query.pageSize, pageToken, (execution, attributes, one) => {
          const workflowId = execution.execution?.workflowId ?? '';
          const id = parseCaseWorkflowId(workflowId, api.caseNumber?.segments)?.id ?? workflowId;
          return api.listing.item({ id, workflowId, attributes, one, startedAt: timestampToIso(execution.startTime), closedAt: timestampToIso(execution.closeTime) }) as Record<string, unknown>;
        });
      if (query.format === 'json') return page(query.pageToken);
      // HR's spreadsheets: every matching case, page after page, up to CSV_MAX_ROWS; the rest is linked.
      const items: Record<string, unknown>[] = [];
      let next = query.pageToken;
      do {
        const answer = await page(next);
        items.push(...answer.items);
        next = answer.nextPageToken;
      } while (next !== undefined && items.length < CSV_MAX_ROWS);
      if (next !== undefined) {
        const rest = new URLSearchParams(Object.entries({ ...query, pageToken: next }).map(([k, v]): [string, string] => [k, String(v)]));
        reply.header('link', `<${api.path}?${rest.toString()}>; rel="next"`);
      }
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${api.tag}-${request.user.district}-${day}.csv"`)
        .send(listingCsv(listingColumns(api.listing.response, items), items));
    },
  );
}
