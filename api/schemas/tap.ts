import { z } from 'zod';
import { TAP_RESOLUTIONS } from '../../src/domain/tap/tap-case';
import { TIMELINE_MAXIMUM } from '../../src/domain/tap/tap-plan-rules';
import { caseDeadlineSchema } from './case-deadline';
import { caseListQueryFields, caseListSchema } from './case-list';

/** Teacher Assistance Plans (RULES.md TAP-*): every string and array bounded; the actor comes from the token. */
const calendarDate = z.iso.date().describe('Calendar date in the district time zone (YYYY-MM-DD)');
const text = z.string().trim().min(1);
const id = z.string().max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, underscore and hyphen, at most 64');

const person = z.object({
  id: text.max(200).optional().describe("The `sub` of the person's token (or the employee id the district's tokens carry), with which they act on the plan"),
  name: text.max(200),
  title: text.max(200).optional(),
  email: z.email().max(320).optional(),
  postalAddress: z.array(text.max(200)).max(6).optional().describe('For letters sent by registered mail'),
});

/** TAP-DOC: what a level's plan documents; TAP-LEVELS: who takes part from level 2. */
export const tapPlanSchema = z
  .object({
    issues: z.array(text.max(2000)).min(1).max(20).describe('The issue(s) named'),
    improvement: text.max(5000).describe('What improvement / progress will look like'),
    assessment: text.max(5000).describe('How improvement / progress will be assessed / measured'),
    resources: z.array(text.max(1000)).min(1).max(30).describe('The resource(s) offered for improvement / progress'),
    timeline: z
      .object({
        count: z.number().int().min(1).max(Math.max(...Object.values(TIMELINE_MAXIMUM))),
        unit: z.enum(['school-day', 'week', 'month']),
        description: z.string().trim().max(2000).optional().describe('Check-ins and milestones in words'),
      })
      .describe(`TAP-TIMELINE: how long the plan runs to its review, counted on the district calendar from the plan's start (at most ${TIMELINE_MAXIMUM['school-day']} school days, ${TIMELINE_MAXIMUM.week} weeks or ${TIMELINE_MAXIMUM.month} months)`),
    resourceSheetGiven: z.boolean().describe('The resource sheet for assistance plans was given to the teacher (checked off)'),
    interventions: z.array(text.max(2000)).max(20).optional().describe("Level 3: the district's high-level involvement and top-level interventions"),
    districtPersonnel: z.array(person).max(10).optional().describe('Levels 2 and 3: the district personnel who take part'),
    associationStaff: z.array(person).max(10).optional().describe('Levels 2 and 3: the association staff who take part (parties of the plan while it is at those levels)'),
  })
  .meta({ id: 'TapPlan' });

const level = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const tapOpeningSchema = z
  .object({
    id: id.describe("The district's case number; the workflow id is `tap:<district>:<id>`"),
    school: text.max(128).optional(),
    teacher: person.describe('The teacher: with `id`, they read and acknowledge their own plan'),
    administrator: person.describe('The administrator who leads the plan at levels 1 and 2 (the principal, as a rule)'),
    level: level.describe('TAP-LEVELS: skill issues usually start at level 1; serious incidents may start at level 2 or 3'),
    plan: tapPlanSchema,
    startedOn: calendarDate.optional().describe('When the plan started, if entered later (default today): its timeline counts from it'),
    contacts: z.object({ hr: person.optional() }).optional().describe('Who at HR hears of the plan'),
  })
  .meta({
    id: 'TapOpening',
    examples: [
      {
        id: 'AP-2026-002',
        school: 'lincoln-elementary',
        teacher: { id: 'e10482', name: 'Jordan Reyes' },
        administrator: { id: 'e30002', name: 'Sam Lee', title: 'Principal' },
        level: 1,
        plan: {
          issues: ['Transitions between activities lose instructional time'],
          improvement: 'Transitions take under two minutes; routines are posted and practiced',
          assessment: 'Three walkthroughs with a transition-time log',
          resources: ['Instructional coach, weekly', 'Classroom management course'],
          timeline: { count: 30, unit: 'school-day', description: 'Check-in every two weeks' },
          resourceSheetGiven: true,
        },
      },
    ],
  });

/** Every action on a plan (tap-parties.ts TAP_ACTIONS). */
export const tapActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('acknowledge') }),
    z.object({ type: z.literal('revise-plan'), plan: tapPlanSchema, reason: text.max(2000) }),
    z.object({ type: z.literal('record-meeting'), on: calendarDate, notes: text.max(20_000) }),
    z.object({
      type: z.literal('review'),
      outcome: z.enum(['move-up', 'move-down', 'exit', ...TAP_RESOLUTIONS]).describe('TAP-TIMELINE: move up or down a level, exit the plan, or (level 3) resolve'),
      level: level.optional().describe('The level moved to (default the next one up or down; levels need not be passed in order)'),
      plan: tapPlanSchema.optional().describe('TAP-DOC: the plan of the level moved to'),
      summary: text.max(5000).describe('What the review found'),
    }),
  ])
  .meta({ id: 'TapAction', examples: [{ type: 'record-meeting', on: '2026-12-02', notes: 'Reviewed the transition log with the teacher and the coach.' }] });

/**
 * A plan as one reader may see it (tap-parties.ts TAP_ACCESS): the parts they may not see are left out and named in
 * `withheld`; `deadlines` are every review date the plan ran, with its status and how it was counted.
 */
export const tapViewSchema = z
  .looseObject({
    id: z.string(),
    district: z.string(),
    level: z.number(),
    status: z.string(),
    withheld: z.array(z.string()).readonly().describe('The parts of the plan the caller may not see'),
    deadlines: z.array(caseDeadlineSchema).readonly(),
  })
  .meta({ id: 'TapView' });

export const tapListQuerySchema = z.object({
  status: z.string().regex(/^[a-z-]+$/).max(64).optional().describe('in-plan, review-overdue, an outcome (exited, termination, leave, reassignment, career-transition), `open` or `closed`'),
  level: z.coerce.number().int().min(1).max(3).optional(),
  ...caseListQueryFields,
});

export const tapListSchema = caseListSchema('TapList', { level: z.number(), openedAt: z.string().optional() });
