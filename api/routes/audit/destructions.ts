import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listTombstones } from '../../../src/audit/case-tombstone';
import { HttpProblem } from '../../plugins/problem-details';
import { problemResponses } from '../../schemas/problem';

const destructionsQuerySchema = z.strictObject({
  district: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a district id such as demo-district')
    .meta({ examples: ['demo-district'] })
    .optional()
    .describe("The district (default the token's): another district's destructions do not exist for you (404)"),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  pageToken: z.string().max(400).optional().describe('The `nextPageToken` of the previous page'),
});

const destructionSchema = z.object({
  workflowId: z.string().describe('The destroyed case: its workflow id (family, district, case number)'),
  caseType: z.string(),
  closedOn: z.string().describe('The day the case closed, on the district calendar'),
  closedAs: z.string().describe('How it closed: withdrawn, final ...'),
  destroyedOn: z.string().describe('The day its records were destroyed, on the district calendar'),
  destroyedAt: z.string(),
  policy: z.object({ version: z.number().int(), title: z.string().optional(), period: z.string().describe('"6 years", "0 days"') }),
  summary: z.string().describe('"destroyed on 2033-03-15 under retention policy version 1 of demo-district ..."'),
});

const destructionPageSchema = z.object({ items: z.array(destructionSchema), nextPageToken: z.string().optional() }).meta({ id: 'CaseDestructionPage' });

/** The page token: the last workflow id of the page, opaque to callers. */
const tokenOf = (workflowId: string) => Buffer.from(workflowId, 'utf8').toString('base64url');
const afterOf = (token: string) => Buffer.from(token, 'base64url').toString('utf8');

/**
 * `GET /v1/audit/destructions` (issue 15 item 5): the district's destroyed cases, read from their tombstones in the
 * archive. A destroyed case leaves Temporal (its runs are deleted), so the family listings no longer show it; an
 * auditor still learns that it existed, and when and under which policy version it was destroyed. Projected to the
 * tombstone's ids, dates and codes: nothing the case held.
 */
export async function destructionRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/audit/destructions',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listCaseDestructions',
        summary: "The district's cases destroyed under its retention policy: when, and under which policy version",
        description:
          'Read from the tombstones the archive keeps (ids, dates, the policy version and period; nothing the case held), in workflow id ' +
          "order, `pageSize` at a time. Only your district's: another district answers 404.",
        security: [{ bearerAuth: [] }],
        querystring: destructionsQuerySchema,
        response: { 200: destructionPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { district = request.user.district, pageSize, pageToken } = request.query;
      if (district !== request.user.district) throw new HttpProblem(404, `No destructions of ${district}.`);
      const page = await listTombstones(app.archive, district, { limit: pageSize, after: pageToken === undefined ? undefined : afterOf(pageToken) });
      return {
        items: page.tombstones.map(({ workflowId, caseType, closedOn, closedAs, destroyedOn, destroyedAt, policy, summary }) => ({
          workflowId,
          caseType,
          closedOn,
          closedAs,
          destroyedOn,
          destroyedAt,
          policy: { version: policy.version, ...(policy.title ? { title: policy.title } : {}), period: policy.period },
          summary,
        })),
        ...(page.next === undefined ? {} : { nextPageToken: tokenOf(page.next) }),
      };
    },
  );
}
