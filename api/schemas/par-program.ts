import { z } from 'zod';
import { ROLES } from '../../src/domain/actor';
import { calendarParamsSchema } from './calendar';
import { noticeRecordsSchema } from './notice-record';

const date = z.iso.date();
const text = z.string().trim().min(1);
const group = z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('PAR-PRIORITY: 1 Referred, 2 Volunteers, 3 new teachers');

export const parProgramParamsSchema = calendarParamsSchema;

/** The body of `PUT /v1/par/programs/:district/:schoolYear` (district and year come from the URL). */
export const parProgramBodySchema = z
  .object({
    consultingTeachers: z
      .array(
        z.object({
          id: z.string().max(64).regex(/^[A-Za-z0-9._-]{1,64}$/).describe('The consulting teacher, as the interventions name them'),
          name: text.max(200).optional(),
          caseload: z.number().describe('Participants served at once (PAR-PRIORITY), 0 to 30'),
        }),
      )
      .max(200),
    volunteerMaximum: z.number().describe('PAR-PRIORITY: the most Volunteers (Group II) the panel serves this year'),
    groupSettingSize: z.number().int().min(1).max(20).optional().describe('Group III participants sharing one place in a group setting (default 4)'),
    policy: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'The district\'s PAR policy (variants of RULES.md: referralEligibility, referralWindow, volunteerWindows, volunteerTerm, ' +
          'volunteerRecords, panelQuorum, timing, assistance) with its `version`; a changed policy needs a higher version. Left out: the ' +
          'year keeps its policy (the default policy for a new year).',
      ),
    notify: z
      .array(z.object({ name: text.max(200), email: z.email().max(254).optional() }))
      .max(20)
      .optional()
      .describe('Who at HR is told when a window opens or closes and when a place is given'),
  })
  .meta({
    examples: [
      {
        consultingTeachers: [
          { id: 'ct-garcia', name: 'Maria Garcia', caseload: 12 },
          { id: 'ct-okafor', name: 'Daniel Okafor', caseload: 10 },
        ],
        volunteerMaximum: 6,
        groupSettingSize: 4,
        notify: [{ name: 'HR PAR coordinator', email: 'par@district.example' }],
      },
    ],
  });

const parPolicySchema = z
  .object({
    version: z.number(),
    referralEligibility: z.enum(['standards', 'overall']),
    referralWindow: z.union([
      z.object({ kind: z.literal('last-school-days'), schoolDays: z.number() }),
      z.object({ kind: z.literal('notice-after-may-1'), workDays: z.number() }),
    ]),
    volunteerWindows: z.array(z.enum(['january', 'may'])).readonly(),
    volunteerTerm: z.object({ minimumMonths: z.number(), maximumMonths: z.number().optional() }),
    volunteerRecords: z.enum(['kept-confidential', 'none']),
    panelQuorum: z.number(),
    timing: z.object({
      assignmentWorkDays: z.number(),
      ipgSchoolDays: z.number(),
      semesterReviewWorkDays: z.number(),
      finalResponseWorkDays: z.number(),
      outcomeWorkDays: z.number(),
    }),
    assistance: z
      .object({
        semesterStartWeeks: z.number().describe('PAR-OUTCOME: a semester under way counts when assistance starts within its first N weeks (default 3)'),
        finalWindowSchoolDays: z.number().describe('PAR-FINAL-CONF: the final conference and report in the last N school days of the last semester (default 20)'),
        dueOnNonWorkDay: z.enum(['previous-work-day', 'as-counted']).describe('PAR-MONTHLY: a due day not worked moves to the last work day before (default)'),
      })
      .optional()
      .describe('How semesters of assistance are counted and bounded; new cases get the defaults when a year has none'),
  })
  .describe('The policy this program year runs under, with its version')
  .meta({ id: 'ParPolicy' });

const windowSchema = z.object({
  rule: z.enum(['PAR-SPRING-WINDOW', 'PAR-VOL-WINDOW']),
  kind: z.enum(['referral', 'volunteer']),
  label: z.string(),
  opens: date,
  closes: date,
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  state: z.enum(['upcoming', 'open', 'closed']),
});

const placeRequestFields = {
  caseId: z.string(),
  group,
  groupName: z.string(),
  since: date,
  groupSetting: z.boolean().optional(),
};

export const parProgramSchema = z
  .object({
    district: z.string(),
    schoolYear: z.string(),
    workflowId: z.string(),
    configured: z.boolean(),
    policy: parPolicySchema,
    consultingTeachers: z.array(z.object({ id: z.string(), name: z.string().optional(), caseload: z.number(), assigned: z.number() })).readonly(),
    volunteerMaximum: z.number(),
    groupSettingSize: z.number(),
    capacity: z.object({ places: z.number(), used: z.number(), free: z.number(), overBy: z.number() }),
    roster: z
      .array(z.object({ ...placeRequestFields, placedOn: date, consultingTeacher: z.string().optional(), endedOn: date.optional() }))
      .readonly()
      .describe('Who holds (or held) a place this year'),
    waiting: z
      .array(z.object({ ...placeRequestFields, position: z.number(), reason: z.string() }))
      .readonly()
      .describe('The waiting list in the order places are given (PAR-PRIORITY), with why each waits'),
    volunteers: z.object({ placed: z.number(), active: z.number(), waiting: z.number() }).describe('PAR-VOL-CONF: the counts every reader sees'),
    volunteersHidden: z.boolean().describe('PAR-VOL-CONF: true when Volunteers were left out for this reader'),
    windows: z.object({
      calendarVersion: z.number().optional(),
      waitingFor: z.string().optional(),
      referral: windowSchema.optional(),
      volunteer: z.array(windowSchema).readonly(),
    }),
    notify: z.array(z.object({ name: z.string(), email: z.string().optional() })).readonly(),
    configurations: z
      .array(
        z.object({
          version: z.number(),
          at: z.iso.datetime(),
          by: z.object({ id: z.string(), roles: z.array(z.enum(ROLES)).readonly(), district: z.string() }),
          policyVersion: z.number(),
          summary: z.string(),
        }),
      )
      .readonly()
      .describe('Every configuration of the year, who made it and when'),
    events: z
      .array(
        z.object({
          at: z.iso.datetime(),
          type: z.enum(['requested', 'placed', 'released', 'seat-assigned', 'refused', 'offer-undelivered']),
          caseId: z.string(),
          group: group.optional(),
          detail: z.string(),
        }),
      )
      .readonly(),
    notices: noticeRecordsSchema,
  })
  .meta({ id: 'ParProgram' });
