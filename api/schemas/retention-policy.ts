import { z } from 'zod';

/**
 * A district's retention policy as the API shows it (src/domain/retention/retention-policy.ts, issue 15 item 5).
 * What HR sends is checked by `validateRetentionPolicy`, which names every offending field (422): this schema
 * documents the shape.
 */
const period = z
  .union([
    z.literal('forever').describe('Never destroyed'),
    z.object({ count: z.number().int().describe('How many units (0: the day the case closed)'), unit: z.enum(['day', 'month', 'year']) }),
  ])
  .describe('How long after the day the case closed its records are kept: "forever", or count calendar days, months or years');

export const retentionPolicySchema = z
  .object({
    version: z.number().int().describe('Bumped at every change; a destroyed case names the version it was destroyed under (0: the default, keep everything)'),
    title: z.string().optional().describe('The board policy it comes from'),
    grievance: z.object({
      withdrawn: period.describe('GRV-WITHDRAW: a grievance withdrawn "without prejudice or record"'),
      closed: period.describe('A grievance closed any other way (decided, accepted, final, sent to arbitration)'),
    }),
    par: period.describe('The PAR record (Referred and Volunteer cases)'),
    tap: period.describe('Teacher Assistance Plans'),
    pip: period.describe('Performance Improvement Plans'),
    'observation-cycle': period.describe('Observation cycles'),
  })
  .meta({ id: 'RetentionPolicy' });

const actorSchema = z.object({ id: z.string(), roles: z.array(z.string()).readonly(), district: z.string() });

export const retentionPolicyParamsSchema = z.object({
  district: z.string().max(64).regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lowercase district id').meta({ examples: ['demo-district'] }),
});

const EXAMPLE_POLICY = {
  version: 1,
  title: 'Board policy 8.4, records retention',
  grievance: { withdrawn: { count: 0, unit: 'day' }, closed: { count: 6, unit: 'year' } },
  par: { count: 5, unit: 'year' },
  tap: { count: 3, unit: 'year' },
  pip: { count: 3, unit: 'year' },
  'observation-cycle': 'forever',
};

/** The body of `PUT /v1/retention-policies/:district`. */
export const retentionPolicyBodySchema = z.object({
  policy: z
    .record(z.string().max(40), z.unknown())
    .describe(
      'The policy (shape: RetentionPolicy): version, grievance { withdrawn, closed }, par, tap, pip, observation-cycle, each "forever" or ' +
        '{ count, unit }. Checked field by field: a refusal answers 422 naming each field (`/policy/grievance/withdrawn/count`). A changed ' +
        'policy needs a higher version.',
    ),
  reason: z.string().trim().min(1).max(500).optional().describe('Why (the change log keeps it); default "set"'),
}).meta({ examples: [{ policy: EXAMPLE_POLICY, reason: 'Board vote 2026-10-14' }] });

export const retentionPolicyRecordSchema = z
  .object({
    district: z.string(),
    current: retentionPolicySchema.describe('The version in force: every closed case counts its destruction day from it'),
    configured: z.boolean().describe('false: the district set none, nothing is destroyed'),
    versions: z.array(z.object({ version: z.number(), policy: retentionPolicySchema, by: actorSchema, at: z.iso.datetime(), reason: z.string() })).readonly().describe('The change log, oldest first'),
  })
  .meta({
    id: 'RetentionPolicyRecord',
    examples: [
      {
        district: 'demo-district',
        current: EXAMPLE_POLICY,
        configured: true,
        versions: [{ version: 1, policy: EXAMPLE_POLICY, by: { id: 'hr-1', roles: ['hr'], district: 'demo-district' }, at: '2026-10-15T14:00:00.000Z', reason: 'Board vote 2026-10-14' }],
      },
    ],
  });
