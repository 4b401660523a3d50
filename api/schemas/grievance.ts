import { z } from 'zod';
import { ROLES } from '../../src/domain/actor';
import { caseClockSchema } from './case-clock';
import { grievancePolicySchema } from './grievance-policy';
import { noticeRecordsSchema } from './notice-record';

const calendarDate = z.iso.date().describe('Calendar date in the district time zone (YYYY-MM-DD)');
const text = z.string().trim().min(1);

export const caseIdSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit')
  .describe("The district's case number");

/**
 * Bounded input: every string and array has a maximum, so no filing can grow a case's history past what it can
 * carry (a Temporal payload is limited to a few MB and every action repeats the case's view).
 */
const name = text.max(200);
const email = z.email().max(254);
const postalAddress = z.array(text.max(200)).min(1).max(6).readonly().describe('Address lines, for letters sent by registered mail');
const subject = text
  .max(200)
  .describe("The person's account: the `sub` of their token, or the employee id the district's tokens carry (AUTH_EMPLOYEE_ID_CLAIM)");
const grievantsSchema = z
  .array(
    z.object({
      name,
      position: text.max(200),
      subject: subject.optional().describe('Who acts on the case as this grievant; without it, HR acts for them'),
      email: email.optional(),
      postalAddress: postalAddress.optional(),
    }),
  )
  .min(1, 'at least one grievant is required')
  .max(200, 'at most 200 grievants in one collective grievance')
  .readonly()
  .describe('Name and position of each grievant (several for a collective grievance, GRV-COLLECTIVE)');
const levelSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
const disputesSchema = z
  .array(z.enum(['policy', 'evaluation-procedure', 'evaluation-score']))
  .min(1)
  .max(3)
  .readonly()
  .describe('GRV-DEF: what is disputed; a filing that only disputes an evaluation score is refused');

/** GRV-CONTENT: a written grievance states who, what, which provisions, the remedy asked, and is signed. */
const filingFields = {
  id: caseIdSchema,
  grievants: grievantsSchema,
  school: text.max(128).optional(),
  statement: text.max(20_000).describe('The grievance and the facts, with relevant dates'),
  policyProvisions: z.array(text.max(500)).min(1, 'name at least one policy provision').max(30).readonly(),
  correctiveAction: text.max(5_000).describe('The corrective action requested'),
  knewOn: calendarDate.describe('When the grievant knew or should have known of the act or condition (GRV-FILE-40)'),
  signedBy: name.describe("The grievant's signature (name as signed)"),
  receivedOn: calendarDate.optional().describe('When the district received it (a case entered from another system, CAL-3); default today'),
  bargainingUnit: z
    .string()
    .max(40)
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lowercase letters, digits or "-"')
    .optional()
    .describe("The bargaining unit whose grievance procedure applies (GET /v1/grievance-procedures/:district/:unit); default the district's"),
  contacts: z
    .array(
      z.object({
        name,
        role: z.enum(['representative', 'decider', 'hr']),
        level: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional().describe('For a decider: the level they decide'),
        subject: subject.optional().describe('A representative acts for the grievants with it; a named decider alone decides their level'),
        email: email.optional(),
        postalAddress: postalAddress.optional(),
      }),
    )
    .max(30)
    .readonly()
    .optional()
    .describe("Who else receives the case's notices and reminders: the representative (GRV-REP), each level's decider, HR"),
  fromViolation: z
    .object({
      cycle: z.string().max(80).regex(/^\d{4}-\d{4}:[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an observation cycle: <schoolYear>:<educator>'),
      violation: z.string().max(5).regex(/^V\d{1,4}$/, 'a violation id such as V1'),
      workflowId: z.string().max(200).optional().describe('Set by the service'),
    })
    .optional()
    .describe(
      'A process violation of an observation cycle (OBS-FEEDBACK-7): the statement, knewOn (the day it was missed), the ' +
        'policy provision, disputes and the grievant are filled from it where left out; the cycle records the grievance.',
    ),
};

/** The body of `POST /v1/grievances`. */
export const grievanceFilingSchema = z
  .object({
    ...filingFields,
    level: levelSchema.default(1).describe('0: the informal step (GRV-INFORMAL); 1-3: the level of the written grievance'),
    conferenceRequested: z.boolean().default(false).describe('GRV-CONF-5: a conference before the decision'),
    disputes: disputesSchema.default(['policy']),
  })
  .meta({
    examples: [
      {
        id: 'G-2026-014',
        grievants: [{ name: 'Nguyễn Thị Minh', position: 'Grade 4 teacher', subject: 'e10482', email: 'minh.nguyen@district.example' }],
        school: 'lincoln-elementary',
        statement: 'On 2026-10-05 the grievant was assigned a second recess duty in the same week, beyond the duty rotation.',
        policyProvisions: ['Article 12.3: duty-free lunch and recess rotation'],
        correctiveAction: 'Remove the second duty assignment and follow the posted rotation.',
        knewOn: '2026-10-05',
        signedBy: 'Nguyễn Thị Minh',
        contacts: [
          { name: 'Dana Ortiz', role: 'representative', subject: 'e20117', email: 'dana.ortiz@union.example' },
          { name: 'Principal Sam Lee', role: 'decider', level: 1, subject: 'e30002' },
        ],
        level: 1,
        conferenceRequested: true,
        disputes: ['policy'],
      },
    ],
  });

const filingRecordSchema = z.object({ ...filingFields, level: levelSchema, conferenceRequested: z.boolean(), disputes: disputesSchema }).meta({ id: 'GrievanceFiling' });

const actorSchema = z.object({ id: z.string(), roles: z.array(z.enum(ROLES)).readonly(), district: z.string() });

const decisionOutcome = z.enum(['granted', 'denied', 'partially-granted']);
const deadlineKey = z.enum(['filing', 'conference', 'decision', 'appeal', 'arbitration']);
const closedReason = z.enum(['resolved-informally', 'waived', 'accepted', 'final', 'withdrawn', 'sent-to-arbitration']);
const party = z.enum(['grievant', 'district']);

const processSchema = z
  .object({
    status: z.enum(['informal', 'awaiting-conference', 'awaiting-decision', 'appeal-window', 'closed']),
    level: levelSchema,
    knewOn: z.string(),
    receivedOn: z.string().optional(),
    conferenceRequested: z.boolean(),
    conference: z
      .object({ on: z.string(), at: z.string().optional(), outsideAssignedDuties: z.boolean(), dutyConflictReason: z.string().optional(), representativeDelayed: z.boolean() })
      .optional(),
    conferenceMissedOn: z.string().optional(),
    decisions: z
      .array(z.object({ level: levelSchema, outcome: z.union([decisionOutcome, z.literal('missed')]), text: z.string().optional(), on: z.string(), by: actorSchema.optional() }))
      .readonly(),
    extensions: z.array(z.object({ level: levelSchema, deadline: deadlineKey, count: z.number(), proposedBy: actorSchema, acceptedBy: actorSchema })).readonly(),
    proposal: z.object({ deadline: deadlineKey, count: z.number(), party, by: actorSchema }).optional().describe('GRV-EXTEND: the side is the proposer\'s own'),
    closed: z.object({ reason: closedReason, on: z.string(), rule: z.string() }).optional(),
    policy: grievancePolicySchema.optional().describe("The district's procedure the case runs under (pinned at filing); absent: a case filed before procedures were data"),
  })
  .meta({ id: 'GrievanceProcess' });

export const grievanceCaseSchema = z
  .object({
    caseType: z.literal('grievance'),
    id: z.string(),
    district: z.string(),
    status: processSchema.shape.status,
    level: levelSchema,
    outcome: closedReason.optional(),
    filing: filingRecordSchema,
    filedBy: actorSchema,
    filedAt: z.iso.datetime(),
    actions: z
      .array(
        z.object({
          action: z.string(),
          actor: actorSchema,
          at: z.iso.datetime(),
          notes: z.array(z.string()).readonly().optional().describe('What the rules said, with their IDs'),
          stage: z.object({ status: z.string(), level: z.number() }).optional().describe('Where the case stood after it'),
          details: z.record(z.string(), z.unknown()).optional().describe('The action as received'),
        }),
      )
      .readonly(),
    process: processSchema,
    notices: noticeRecordsSchema,
    clock: caseClockSchema,
  })
  .meta({ id: 'GrievanceCase' });

export const grievanceParamsSchema = z.object({ id: caseIdSchema });

/** The body of `POST /v1/grievances/:id/actions`: one action of the procedure. */
export const grievanceActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('declare-formal'), conferenceRequested: z.boolean().default(false) }).describe('GRV-INFORMAL: invoke the formal procedure at level 1'),
  z.object({ type: z.literal('resolve-informally') }).describe('GRV-INFORMAL: the matter was resolved informally'),
  z
    .object({
      type: z.literal('schedule-conference'),
      on: calendarDate,
      at: z.string().max(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').optional().describe('Local time of the conference'),
      outsideAssignedDuties: z.boolean().default(true).describe('GRV-PRIVATE: held outside assigned duties where possible'),
      dutyConflictReason: text.max(2_000).optional().describe('GRV-PRIVATE: why it cannot be held outside assigned duties'),
    })
    .describe("GRV-CONF-5 / GRV-PRIVATE: schedule the private conference within the procedure's limit after receipt (5 school days by RULES.md); it is held on the date set"),
  z.object({ type: z.literal('representative-unavailable') }).describe('GRV-REP: delay the conference one work day, once'),
  z.object({ type: z.literal('decide'), outcome: decisionOutcome, text: text.max(20_000) }).describe("GRV-DECIDE-10: the level's written decision"),
  z.object({ type: z.literal('appeal'), conferenceRequested: z.boolean().default(false) }).describe('GRV-APPEAL-5'),
  z
    .object({ type: z.literal('demand-arbitration') })
    .describe("GRV-FINAL: after the last level, where the district's procedure ends in a demand for arbitration: the case is sent to arbitration"),
  z
    .object({ type: z.literal('propose-extension'), deadline: deadlineKey, count: z.number().int().min(1).max(60) })
    .describe("GRV-EXTEND: the caller's side (grievant or district, from their part in the case) proposes"),
  z.object({ type: z.literal('accept-extension') }).describe('GRV-EXTEND: a party of the other side accepts; never the proposer'),
  z.object({ type: z.literal('withdraw') }).describe('GRV-WITHDRAW'),
]).meta({ examples: [{ type: 'decide', outcome: 'granted', text: 'The second recess duty is removed; the posted rotation applies from 2026-10-19.' }] });
