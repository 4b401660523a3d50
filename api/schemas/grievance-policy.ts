import { z } from 'zod';

/**
 * A district's grievance procedure as the API shows it (src/domain/grievance/grievance-policy.ts). What HR sends is
 * checked by `validateGrievancePolicy`, which names every offending field (422): this schema documents the shape.
 */
const limit = z
  .object({ count: z.number().int().describe('How many units (at least 1)'), unit: z.enum(['school-day', 'work-day', 'calendar-day']) })
  .describe('"within count units"');

const levelSchema = z.object({
  decider: z.object({ role: z.string().describe('The office: principal, chief-officer, board ...'), title: z.string().describe('As notices name it') }),
  conference: z
    .union([
      z.object({ allowed: z.literal(false) }),
      z.object({
        allowed: z.literal(true),
        limit,
        constrains: z.enum(['scheduling', 'holding']).describe('GRV-CONF-5: the limit bounds the act of scheduling (default: the conference is held on the date set) or the conference itself'),
      }),
    ])
    .describe('GRV-CONF-5: whether the grievant may request a conference at this level, and its limit'),
  decision: z.object({
    limit,
    countsFrom: z.enum(['conference-or-receipt', 'receipt']).describe('GRV-DECIDE-10: from the conference when one was requested (default), or from receipt'),
  }),
  appeal: limit.optional().describe('GRV-APPEAL-5: the limit to appeal to the next level; absent on the last level'),
});

export const grievancePolicySchema = z
  .object({
    version: z.number().int().describe('Bumped at every change; a case records the version it runs under'),
    title: z.string().optional().describe('The agreement it comes from'),
    unit: z.string().optional().describe('The bargaining unit whose procedure it is (set when stored)'),
    filing: z.object({ limit, countsFrom: z.enum(['knew-on']) }).describe('GRV-FILE-40: the filing limit, from the day the teacher knew or should have known'),
    representativeDelay: limit.describe('GRV-REP: the one delay of a conference when the representative is not available'),
    levels: z.array(levelSchema).readonly().describe('The levels in order (1 to 3)'),
    lastLevel: z
      .union([z.object({ kind: z.literal('final-decision') }), z.object({ kind: z.literal('arbitration-demand'), limit })])
      .describe('GRV-FINAL: the last decision is final, or a demand for arbitration within a limit sends the case to arbitration'),
    conferenceNeverScheduled: z.enum(['from-conference-deadline', 'from-receipt']).describe('GRV-CONF-5: what the decision counts from when a requested conference was never scheduled'),
  })
  .meta({ id: 'GrievancePolicy' });

const actorSchema = z.object({ id: z.string(), roles: z.array(z.string()).readonly(), district: z.string() });
const reason = z.string().trim().min(1).max(500);

export const grievanceProcedureParamsSchema = z.object({
  district: z.string().max(64).regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lowercase district id').meta({ examples: ['demo-district'] }),
  unit: z
    .string()
    .max(40)
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lowercase letters, digits or "-"')
    .meta({ description: 'The bargaining unit (`default`: the district\'s procedure, used for filings that name no unit)', examples: ['default'] }),
});

/** The body of `PUT /v1/grievance-procedures/:district/:unit`. */
export const grievanceProcedureBodySchema = z.object({
  policy: z
    .record(z.string(), z.unknown())
    .describe(
      'The procedure (shape: GrievancePolicy): version, filing, representativeDelay, levels, lastLevel, conferenceNeverScheduled. ' +
        'Checked field by field: a refusal answers 422 naming each field (`/policy/levels/0/appeal/count`). A changed procedure ' +
        'needs a higher version (the default in force before any is version 1).',
    ),
  reason: reason.optional().describe('Why (the change log keeps it); default "set"'),
}).meta({
  examples: [
    {
      policy: {
        version: 2,
        title: 'Teachers agreement 2026-2029, Article 9',
        filing: { limit: { count: 40, unit: 'school-day' }, countsFrom: 'knew-on' },
        representativeDelay: { count: 1, unit: 'work-day' },
        levels: [
          {
            decider: { role: 'principal', title: 'Principal' },
            conference: { allowed: true, limit: { count: 5, unit: 'school-day' }, constrains: 'scheduling' },
            decision: { limit: { count: 10, unit: 'school-day' }, countsFrom: 'conference-or-receipt' },
            appeal: { count: 5, unit: 'school-day' },
          },
          {
            decider: { role: 'chief-officer', title: 'Chief Human Resources Officer' },
            conference: { allowed: true, limit: { count: 5, unit: 'school-day' }, constrains: 'scheduling' },
            decision: { limit: { count: 10, unit: 'school-day' }, countsFrom: 'conference-or-receipt' },
          },
        ],
        lastLevel: { kind: 'arbitration-demand', limit: { count: 20, unit: 'school-day' } },
        conferenceNeverScheduled: 'from-conference-deadline',
      },
      reason: 'Agreement ratified 2026-06-12',
    },
  ],
});

const versionSchema = z.object({ version: z.number(), policy: grievancePolicySchema, by: actorSchema, at: z.iso.datetime(), reason: z.string() });

export const procedureMigrationSchema = z
  .object({
    id: z.string(),
    toVersion: z.number(),
    fromVersions: z.array(z.number()).readonly(),
    by: actorSchema,
    at: z.iso.datetime(),
    reason: z.string(),
  })
  .meta({ id: 'GrievanceProcedureMigration' });

export const grievanceProcedureRecordSchema = z
  .object({
    district: z.string(),
    unit: z.string(),
    current: grievancePolicySchema.describe('The version in force: new filings pin it'),
    configured: z.boolean().describe('false: HR set none, RULES.md\'s procedure is in force'),
    versions: z.array(versionSchema).readonly().describe('The change log, oldest first'),
    migrations: z.array(procedureMigrationSchema).readonly(),
  })
  .meta({ id: 'GrievanceProcedure' });

/** The body of `POST /v1/grievance-procedures/:district/:unit/migrations`. */
export const procedureMigrationBodySchema = z.object({
  fromVersions: z
    .array(z.number().int().min(1))
    .min(1)
    .max(50)
    .describe('The versions whose running cases take the version in force (each records its old and new limits)'),
  reason: reason.describe('Why the correction applies to running cases'),
}).meta({ examples: [{ fromVersions: [1], reason: 'The level-2 decision limit was entered as 10 work days; the agreement says school days' }] });
