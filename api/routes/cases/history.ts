import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { historyJsonText, historyToJson } from '../../../src/audit/case-history';
import { HttpProblem } from '../../plugins/problem-details';
import { problemResponses } from '../../schemas/problem';
import { auditedCase, caseIdParamsSchema } from './case-access';

/** One run's history as `temporal workflow show --output json` prints it. */
export const historyJsonSchema = z
  .looseObject({
    events: z.array(z.any()).describe('History events in proto3 JSON: camelCase, enum names, int64 as strings'),
  })
  .meta({ id: 'WorkflowHistory', description: 'A workflow history in the format of `temporal workflow show --output json`' });

const historyChainSchema = z
  .object({
    workflowId: z.string(),
    runs: z.array(z.looseObject({ runId: z.string(), events: z.array(z.any()) })).describe('Every run, first to latest'),
  })
  .meta({ id: 'WorkflowHistoryChain', description: 'A case that continued as new: the history of each of its runs' });

const historyQuerySchema = z.object({
  run: z
    .union([z.literal('latest'), z.uuid().max(36)])
    .optional()
    .describe('`latest`, or a run id of the case: that run alone, in the CLI format'),
});

/**
 * `GET /v1/cases/:id/history`: a case's recorded history for download, to keep with the case file or to replay
 * against the code of the day (`npm run replay -- --file`, `POST /v1/audit/replays`).
 */
export async function caseHistoryRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/cases/:id/history',
    {
      schema: {
        tags: ['audit'],
        operationId: 'getCaseHistory',
        summary: "Download a case's workflow history (the Temporal CLI's JSON)",
        description:
          'A case of one run answers its history as `temporal workflow show --output json` prints it. A case ' +
          'that continued as new answers `{ workflowId, runs: [{ runId, events }] }`, first run to latest, unless ' +
          '`?run=latest` (or `?run=<runId>`) asks for one run. Sent as an attachment `<id>.history.json`. The raw ' +
          "history goes only to readers the case family's access table lets see everything in it (403 otherwise, e.g. " +
          'a PAR case for HR and auditors: PAR-PANEL-CONF); they read the timeline instead.',
        security: [{ bearerAuth: [] }],
        params: caseIdParamsSchema,
        querystring: historyQuerySchema,
        response: { 200: z.union([historyJsonSchema, historyChainSchema]), ...problemResponses(400, 401, 403, 404, 410) },
      },
    },
    async (request, reply) => {
      const { workflowId, runs, reader, api } = await auditedCase(app, request, request.params.id);
      // The raw history holds everything ever written to the case: only for readers who may see all of it.
      if (!reader.seesWholeRecord) {
        throw new HttpProblem(403, `The history of ${workflowId} holds parts of the case you may not see; its timeline (GET /v1/cases/${request.params.id}/timeline) is yours to read.`, api.confidentialityRule ? { rule: api.confidentialityRule } : {});
      }
      const { run } = request.query;
      const chosen = run === 'latest' ? runs.slice(-1) : run ? runs.filter((r) => r.runId === run) : runs;
      if (chosen.length === 0) throw new HttpProblem(404, `Case ${workflowId} has no run ${run}.`);
      // Sent as text, so a single run reads as the CLI prints it (indented, key order kept).
      const body =
        chosen.length === 1
          ? historyJsonText(chosen[0]!.history)
          : `${JSON.stringify({ workflowId, runs: chosen.map((r) => ({ runId: r.runId, ...historyToJson(r.history) })) }, null, 2)}\n`;
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${workflowId.replaceAll(':', '-')}.history.json"`)
        .send(body as never);
    },
  );
}
