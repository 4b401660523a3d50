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
