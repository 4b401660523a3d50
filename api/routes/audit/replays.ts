import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { historiesMatching, invalidQueryReason } from '../../../src/audit/case-history';
import { productionWorkflowBundle, replayHistories, type HistoryToReplay } from '../../../src/audit/replay';
import { CaseDistrict } from '../../../src/temporal/search-attributes';
import { HttpProblem } from '../../plugins/problem-details';
import { problemResponses } from '../../schemas/problem';

const MAX_UPLOADED_HISTORIES = 50;

const uploadedHistorySchema = z.looseObject({
  workflowId: z.string().min(1).max(300).describe('The case workflow id the history belongs to, e.g. grievance:G-2026-001'),
  // Temporal ends a run at 51,200 events: no history it recorded is longer.
  events: z.array(z.record(z.string(), z.unknown())).min(1).max(51_200).describe('The events, as `temporal workflow show --output json` prints them (at most 51,200, a run\'s limit)'),
});

const replayRequestSchema = z
  .union([
    z.strictObject({
      histories: z.array(uploadedHistorySchema).min(1).max(MAX_UPLOADED_HISTORIES).describe('Downloaded histories (GET /v1/cases/:id/history), each with its workflowId'),
    }),
    z.strictObject({
      query: z
        .string()
        .min(1)
        .max(2_000)
        .optional()
        .describe("A visibility query, e.g. `CaseType = 'grievance' AND ExecutionStatus = 'Completed'`; always limited to your district"),
      limit: z.number().int().min(1).max(1_000).default(200).describe('At most this many executions are replayed'),
    }),
  ])
  .meta({ id: 'ReplayRequest', examples: [{ query: "CaseType = 'grievance' AND ExecutionStatus = 'Completed'", limit: 50 }] });

const replayReportSchema = z
  .object({
    ok: z.boolean().describe('true when every history replayed on the current code'),
    results: z.array(
      z.object({
        workflowId: z.string(),
        runId: z.string(),
        ok: z.boolean(),
        error: z.string().optional(),
        eventId: z.number().int().optional().describe('The history event where the code and the history parted ways'),
      }),
    ),
    truncated: z.boolean().optional().describe('More executions matched the query than `limit`'),
  })
  .meta({ id: 'ReplayReport' });

/**
 * `POST /v1/audit/replays`: replays recorded case histories against the workflow code this service runs, to show
 * that the code of the day decides as the code that made them did (a change not behind `patched()` fails here).
 */
export async function replayRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/audit/replays',
    {
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags: ['audit'],
        operationId: 'replayHistories',
        summary: 'Replay case histories against the current workflow code',
        description:
          'Either `histories` (downloaded histories, each with its `workflowId`) or a visibility `query` over your ' +
          "district's cases (no query: all of them, each run of a chain on its own). Answers 200 with one result per " +
          'history; a history that does not replay is reported in the body with its error and the diverging event.',
        security: [{ bearerAuth: [] }],
        body: replayRequestSchema,
        response: { 200: replayReportSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { body } = request;
      const { district } = request.user;
      const query = 'histories' in body ? undefined : districtQuery(body.query, district);
      // Issue 15: histories replay with the codecs of the API's own client (the service's key ring).
      const options = { workflowBundle: await productionWorkflowBundle(), replayName: 'api-replay', dataConverter: { payloadCodecs: app.temporal.client.options.loadedDataConverter.payloadCodecs } };
      if ('histories' in body) {
        const uploaded: HistoryToReplay[] = body.histories.map(({ workflowId, ...history }) => ({ workflowId, history }));
        return report(await replayHistories(uploaded, options));
      }
      const histories = historiesMatching(app.temporal.client, query, {
        limit: body.limit,
        // Visibility already scoped the query; a listing that disagrees is never replayed to this caller.
        accept: (execution) => execution.typedSearchAttributes.get(CaseDistrict) === district,
      });
      try {
        const results = await replayHistories(histories, options);
        return { ...report(results), ...(histories.truncated() ? { truncated: true } : {}) };
      } catch (error) {
        const reason = invalidQueryReason(error);
        if (reason === undefined) throw error;
        throw new HttpProblem(400, `The query is not a valid visibility query: ${reason}`, { errors: [{ in: 'body', field: '/query', message: reason }] });
      }
    },
  );
}

const report = <R extends { ok: boolean }>(results: R[]) => ({ ok: results.every((r) => r.ok), results });

/**
 * Scopes a caller's visibility query to their district: `(<query>) AND CaseDistrict = '<district>'`. The query is
 * passed through as it is, but may not close the parenthesis it is wrapped in (`a) OR (b` would widen it past the
 * district), and the district, interpolated, may hold no quote.
 */
export function districtQuery(query: string | undefined, district: string): string {
  if (/['"`\\]/.test(district)) throw new HttpProblem(403, 'The token names a district that cannot be queried.');
  const scope = `CaseDistrict = '${district}'`;
  if (query === undefined || query.trim() === '') return scope;
  if (!balanced(query)) {
    throw new HttpProblem(400, 'The query must have balanced parentheses and closed quotes, and no backslash.', {
      errors: [{ in: 'body', field: '/query', message: 'unbalanced parentheses, an unclosed quote or a backslash' }],
    });
  }
  return `(${query}) AND ${scope}`;
}

/**
 * Parentheses outside string literals never close more than they opened, and every literal ends. No backslash:
 * an escaped quote would end a literal here but not on the server.
 */
function balanced(query: string): boolean {
  if (query.includes('\\')) return false;
  let depth = 0;
  let quote: string | undefined;
  for (const c of query) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth += 1;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0 && quote === undefined;
}
