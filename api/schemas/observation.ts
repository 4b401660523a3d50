import { z } from 'zod';
import { calendarParamsSchema } from './calendar';
import { caseListQueryFields, caseListSchema } from './case-list';
import { EDUCATOR_CATEGORIES, LICENSES } from '../../src/domain/observation/observation-policy';
import { ADMINISTRATIVE_ROLES } from '../../src/domain/observation/observation-year';

/**
 * The observation cycle's edge (RULES.md OBS-*): every string and array bounded. The educator and the evaluators
 * are employee ids (opaque: the case number `<schoolYear>:<educator>` carries nothing personal).
 */
const calendarDate = z.iso.date().describe('Calendar date in the district time zone (YYYY-MM-DD)');
const text = z.string().trim().min(1);
const employeeId = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an employee id: 1-64 letters, digits, ".", "_" or "-"')
  .describe("An employee id as the district's tokens carry it (`sub` or the employee id claim)");
export const schoolYearSchema = z
  .string()
  .max(9)
  .regex(/^\d{4}-\d{4}$/, 'a school year such as 2026-2027')
  .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, 'the second year follows the first')
  .describe('The school year, July 1 to June 30');
const rating = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const contact = z.object({ name: text.max(200), email: z.email().max(254).optional() });
const evaluator = z.object({ id: employeeId, name: text.max(200).optional(), email: z.email().max(254).optional() });

/** `<schoolYear>:<educator>`, e.g. `2026-2027:E1001`. */
export const observationParamsSchema = z.object({
  id: z
    .string()
    .max(80)
    .regex(/^\d{4}-\d{4}:[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be <schoolYear>:<educator>, e.g. 2026-2027:E1001')
    .meta({ description: 'The cycle: `<schoolYear>:<educator employee id>`', examples: ['2026-2027:E1001'] }),
});

export const observationCycleBodySchema = z
  .object({
    educator: employeeId.describe('The educator: an employee id, nothing personal (it is part of the case id)'),
    schoolYear: schoolYearSchema.optional().describe('Default: the school year of today'),
    school: text.max(128).optional(),
    category: z.enum(EDUCATOR_CATEGORIES).describe('teacher, or school services personnel (all observations announced)'),
    license: z.enum(LICENSES),
    prior: z.object({ loe: rating.optional(), growth: rating.optional() }).describe("Last year's level of overall effectiveness and individual growth (OBS-TRACK, OBS-COACHING)"),
    evaluators: z.array(evaluator).min(1).max(10).describe('The evaluators assigned; each step is checked against the certification list (OBS-CERTIFIED)'),
    contacts: z.object({ educator: contact.optional(), hr: contact.optional() }).optional().describe('Who receives the notices'),
  })
  .meta({
    id: 'ObservationCycleOpening',
    examples: [
      {
        educator: 'E1001',
        schoolYear: '2026-2027',
        school: 'lincoln-elementary',
        category: 'teacher',
        license: 'professional',
        prior: { loe: 3, growth: 3 },
        evaluators: [{ id: 'E3002', name: 'Sam Lee' }],
      },
    ],
  });

const on = calendarDate.optional().describe('The day it took place; default today, never later');
const longText = z.string().trim().min(1).max(20_000);

/** Every step of a cycle (observation-parties.ts OBS_ACTIONS); the actor and their certification come from the service. */
export const observationActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('assign-evaluator'), evaluator }),
    z.object({ type: z.literal('hold-coaching-conversation'), on, supports: z.array(text.max(500)).max(20).describe('The supports the educator will receive') }),
    z.object({ type: z.literal('hold-pre-conference'), on, kind: z.enum(['formal', 'walkthrough']).optional(), plannedFor: calendarDate.optional(), lessonPlanReviewed: z.boolean() }),
    z.object({
      type: z.literal('observe'),
      observation: z.number().int().min(1).max(40).optional().describe('The announced observation a pre-conference planned; left out: a new one'),
      kind: z.enum(['formal', 'walkthrough']),
      announced: z.boolean(),
      on,
      minutes: z.number().int().min(1).max(600).optional().describe('Minutes of contact (school services personnel)'),
    }),
    z.object({
      type: z.literal('submit-self-score'),
      observation: z.number().int().min(1).max(40),
      on,
      scores: z.array(z.object({ indicator: text.max(100), score: rating })).max(40).describe('As the educator scored; never judged here (GRV-DEF)'),
      note: z.string().max(5_000).optional(),
    }),
    z.object({ type: z.literal('give-written-feedback'), observation: z.number().int().min(1).max(40), on, text: longText }),
    z.object({
      type: z.literal('hold-post-conference'),
      observation: z.number().int().min(1).max(40),
      on,
      reinforcement: longText.max(5_000),
      refinement: longText.max(5_000),
      ratingsShared: z.boolean(),
    }),
    z.object({ type: z.literal('end-cycle'), reason: text.max(500) }),
  ])
  .meta({ id: 'ObservationAction', examples: [{ type: 'observe', kind: 'walkthrough', announced: false, on: '2026-10-14' }] });

export const observationCycleViewSchema = z
  .looseObject({
    id: z.string(),
    workflowId: z.string(),
    district: z.string(),
    schoolYear: z.string(),
    educator: z.string(),
    status: z.string(),
    track: z
      .object({
        id: z.string(),
        label: z.string(),
        observations: z.number(),
        walkthroughs: z.number(),
        announcement: z.enum(['half-unannounced', 'all-announced']),
        contactMinutes: z.number().optional(),
        policyVersion: z.number(),
      })
      .describe('OBS-TRACK: the track the cycle runs on, copied from the policy when it opened'),
    withheld: z.array(z.string()).readonly().describe('The parts of the cycle the caller may not see'),
  })
  .meta({ id: 'ObservationCycleView' });

export const observationListQuerySchema = z.object({
  status: z.string().regex(/^[a-z-]+$/).max(64).optional().describe('in-progress (short of the minimum), minimum-met, completed, ended, `open` or `closed`'),
  ...caseListQueryFields,
});

export const observationListSchema = caseListSchema('ObservationCycleList', { openedAt: z.string().optional() });

const trackRule = z.object({
  id: z.string().max(64).regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  label: text.max(200),
  when: z.object({
    categories: z.array(z.enum(EDUCATOR_CATEGORIES)).max(2).readonly().optional(),
    licenses: z.array(z.enum(LICENSES)).max(4).readonly().optional(),
    anyRatingOf: z.array(rating).max(5).readonly().optional(),
  }),
  observations: z.number().int().min(0).max(20),
  walkthroughs: z.number().int().min(0).max(20),
  announcement: z.enum(['half-unannounced', 'all-announced']),
  contactMinutes: z.number().int().min(1).max(2000).optional(),
});

export const observationYearParamsSchema = calendarParamsSchema;

export const observationYearBodySchema = z
  .object({
    evaluators: z
      .array(z.object({ id: employeeId, role: z.enum(ADMINISTRATIVE_ROLES), certifiedOn: calendarDate.describe("The day this year's state certification was passed") }))
      .max(2000)
      .describe('The evaluators certified for the school year, each in an administrative role (OBS-CERTIFIED)'),
    policy: z.object({ version: z.number().int().min(1).max(1_000_000), tracks: z.array(trackRule).min(1).max(30) }).optional().describe('The track table (OBS-TRACK); default the table of RULES.md'),
    reason: z.string().max(500).optional(),
  })
  .meta({ id: 'ObservationYearSetup', examples: [{ evaluators: [{ id: 'E3002', role: 'principal', certifiedOn: '2026-07-20' }], reason: 'Certifications of the summer institute' }] });

export const observationYearSchema = z
  .object({
    district: z.string(),
    schoolYear: z.string(),
    version: z.number().describe('Bumped by every change; each step of a cycle records the version it was checked against'),
    evaluators: z.array(z.object({ id: z.string(), role: z.enum(ADMINISTRATIVE_ROLES), certifiedOn: z.string() })).readonly(),
    policy: z.object({ version: z.number(), tracks: z.array(trackRule).readonly() }),
    changes: z.array(z.object({ version: z.number(), at: z.string(), by: z.string(), reason: z.string().optional() })).readonly(),
  })
  .meta({ id: 'ObservationYear' });
