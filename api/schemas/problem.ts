import { z } from 'zod';

/** RFC 9457 problem details, with the offending fields and the rule that refused the request. */
export const problemSchema = z
  .object({
    type: z.string().describe('URI reference identifying the problem type'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    rule: z.string().optional().describe('ID of the rule in RULES.md that refused the request'),
    deadline: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('For a deadline refusal: the computed deadline with its explanation (trigger, count, skipped days)'),
    destroyed: z
      .object({
        on: z.string().describe('The day the records were destroyed, on the district calendar'),
        policyVersion: z.number().int().describe("The version of the district's retention policy they were destroyed under"),
        policyTitle: z.string().optional(),
        period: z.string().describe('The period that applied: "6 years", "0 days"'),
        closedOn: z.string().describe('The day the case closed'),
        closedAs: z.string().describe('How it closed: withdrawn, final ...'),
        chain: z
          .object({ verified: z.boolean(), entries: z.number().int(), problem: z.string().optional() })
          .describe("The case's digest chain, checked now: it still verifies over the sealed files and the tombstone"),
      })
      .optional()
      .describe("410: the case's records were destroyed under the district's retention policy (issue 15); the detail says when and under which policy"),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'params', 'querystring', 'headers']).optional(),
          field: z.string().describe('JSON pointer to the offending field'),
          message: z.string(),
          rule: z.string().optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

/** Shorthand for a route's documented error responses. */
export function problemResponses<const S extends readonly number[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<S[number], typeof problemSchema>;
}
