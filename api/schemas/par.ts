import { z } from 'zod';
import { caseDeadlineSchema } from './case-deadline';

const calendarDate = z.iso.date().describe('Calendar date in the district time zone (YYYY-MM-DD)');
const text = z.string().trim().min(1);
const id = z.string().max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, underscore and hyphen, at most 64');
const person = z.object({ id: text.max(200).describe("The person's account id (the token's `sub`)"), name: text.max(200), email: z.email().max(254).optional() });
const teacher = z.object({
  status: z.enum(['permanent', 'probationary', 'temporary', 'intern']).describe('Employment status as HR records it'),
  yearsOfService: z.number().int().min(0).max(60).optional(),
});

export const parParamsSchema = z.object({ id });

const common = {
  id: id.describe('The district\'s case number; the workflow id is `par:<district>:<id>`'),
  school: text.max(200).optional(),
  participant: person.extend(teacher.shape).describe('The teacher, with the employment status PAR-REF-ELIG / PAR-VOL-ELIG check'),
  principal: person.optional(),
  representative: z.object({ id: text.max(200).optional(), name: text.max(200), email: z.email().max(254).optional() }).optional().describe('PAR-REP'),
  contacts: z
    .object({ panel: z.object({ name: text.max(200), email: z.email().max(254).optional() }).optional(), hr: z.object({ name: text.max(200), email: z.email().max(254).optional() }).optional() })
    .optional()
    .describe('Who hears of the case for the program: the panel and HR'),
};

/** PAR-REF-ELIG: the final evaluation's standard ratings, on which the eligibility test runs. */
export const parReferralSchema = z
  .object({
    ...common,
    evaluator: person.describe("The participant's evaluator (PAR-IPG, PAR-FINAL-CONF)"),
    basis: z.string().max(2000).optional(),
    referredOn: calendarDate.optional().describe('When the referral was made, if entered later (default today): its window and program year follow from it'),
    evaluation: z.object({
      completedOn: calendarDate,
      standards: z.array(z.object({ standard: z.number().int(), rating: z.enum(['unsatisfactory', 'needs-improvement', 'meets-standard', 'exceeds-standard']) })).max(6),
      overall: z.enum(['satisfactory', 'unsatisfactory']).optional(),
      followUpObservations: z.array(calendarDate).max(20).optional(),
    }),
  })
  .meta({
    id: 'ParReferral',
    examples: [
      {
        id: 'R-2026-003',
        school: 'lincoln-elementary',
        participant: { id: 'e10482', name: 'Jordan Reyes', email: 'jordan.reyes@district.example', status: 'permanent', yearsOfService: 9 },
        principal: { id: 'e30002', name: 'Sam Lee' },
        evaluator: { id: 'e30002', name: 'Sam Lee' },
        basis: 'Final evaluation with unsatisfactory ratings on standards 2 and 5',
        evaluation: {
          completedOn: '2027-03-12',
          standards: [
            { standard: 2, rating: 'unsatisfactory' },
            { standard: 5, rating: 'unsatisfactory' },
          ],
          overall: 'unsatisfactory',
        },
      },
    ],
  });

export const parVolunteerSchema = z
  .object({ ...common, evaluator: person.optional(), recommendedBy: text.max(200).optional().describe('PAR-VOL-ELIG: the evaluator who recommended it'),
    appliedOn: calendarDate.optional().describe('When the teacher applied, if entered later (default today)'),
  })
  .meta({
    id: 'ParVolunteerRequest',
    examples: [
      {
        id: 'R-2026-011',
        school: 'roosevelt-middle',
        participant: { id: 'e10991', name: 'Aisha Rahman', status: 'permanent', yearsOfService: 4 },
        evaluator: { id: 'e30017', name: 'Chris Park' },
        recommendedBy: 'Chris Park',
      },
    ],
  });

const reportContent = {
  goals: z.array(text.max(500)).max(20),
  assistancePlan: z.string().max(5000),
  observationDates: z.array(calendarDate).max(50),
  preObservationConferences: z.array(calendarDate).max(50),
  postObservationConferences: z.array(calendarDate).max(50),
  otherResources: z.array(z.string().max(500)).max(50),
  reportsFromOthers: z.array(z.object({ by: text.max(200), summary: text.max(5000) })).max(20),
};
const memberVote = z.object({ member: text.max(200), vote: z.enum(['yes', 'no', 'abstain']) });
const motion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approve-volunteer') }),
  z.object({ kind: z.literal('return-to-regular-evaluation') }),
  z.object({ kind: z.literal('extend-one-semester') }),
  z.object({ kind: z.literal('insufficient-progress'), documentedReasons: z.array(z.string().max(2000)).max(20) }),
]);
const present = z.object({ participant: z.boolean(), consultingTeacher: z.boolean(), evaluator: z.boolean(), representative: z.boolean().optional() });
const audience = z.array(z.enum(['panel', 'principal', 'evaluator'])).max(3);

/** Every PAR action (par-process.ts PAR_ACTIONS); the actor comes from the token, never from the body. */
export const parActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('panel-vote'), motion, votes: z.array(memberVote).min(1).max(25) }),
    z.object({ type: z.literal('send-acceptance-notice'), consultingTeachers: z.array(text.max(200)).min(1).max(50), trackingNumber: text.max(100).optional() }),
    z.object({ type: z.literal('request-consulting-teacher'), preferences: z.array(text.max(200)).min(1).max(10) }),
    z.object({ type: z.literal('assign-consulting-teacher'), consultingTeacher: text.max(200), reason: z.string().max(2000).optional() }),
    z.object({
      type: z.literal('reassign-consulting-teacher'),
      consultingTeacher: text.max(200),
      cause: z.enum(['conflict', 'participant-request', 'consulting-teacher-request', 'panel']),
      reason: z.string().max(2000),
    }),
    z.object({ type: z.literal('add-assistant'), person: text.max(200), role: z.enum(['second-opinion', 'subject-area-specialist']) }),
    z.object({
      type: z.literal('hold-ipg-conference'),
      on: calendarDate.optional(),
      present,
      goals: z.array(z.string().max(500)).max(20),
      specialistsRequested: z.array(z.string().max(200)).max(10).optional(),
      representationRequested: z.boolean().optional(),
    }),
    z.object({ type: z.literal('revise-goals'), on: calendarDate.optional(), present, goals: z.array(z.string().max(500)).max(20) }),
    z.object({ type: z.literal('file-monthly-log'), log: z.object({ ...reportContent, progressSharedOn: calendarDate }) }),
    z.object({ type: z.literal('sign-report'), reportId: text.max(100) }),
    z.object({ type: z.literal('respond-to-report'), reportId: text.max(100), text: z.string().max(20_000) }),
    z.object({ type: z.literal('request-panel-meeting'), reason: z.string().max(2000).optional() }),
    z.object({ type: z.literal('panel-meeting-held'), on: calendarDate.optional() }),
    z.object({ type: z.literal('review-semester'), ordinal: z.number().int().min(1).max(3) }),
    z.object({ type: z.literal('hold-final-conference'), on: calendarDate.optional(), participantPresent: z.boolean(), evaluatorPresent: z.boolean(), absenceReason: z.string().max(2000).optional() }),
    z.object({ type: z.literal('file-final-report'), report: z.object({ ...reportContent, summary: z.string().max(20_000) }) }),
    z.object({ type: z.literal('record-district-decision'), decision: z.enum(['dismissal-proceedings', 'continue-employment', 'notice-of-unsatisfactory-performance']) }),
    z.object({ type: z.literal('volunteer-notice'), receivedOn: calendarDate.optional() }),
    z.object({ type: z.literal('withdraw'), reason: z.enum(['satisfactory-evaluation', 'separated', 'referral-withdrawn', 'application-withdrawn']) }),
    z.object({ type: z.literal('appoint-representative'), representative: z.object({ id: text.max(200).optional(), name: z.string().max(200), email: z.email().max(254).optional() }) }),
    z.object({ type: z.literal('remove-representative') }),
    z.object({ type: z.literal('record-deliberation'), text: z.string().max(20_000) }),
    z.object({ type: z.literal('give-consent'), to: audience, signedOn: calendarDate.optional() }),
    z.object({ type: z.literal('revoke-consent'), to: audience }),
  ])
  .meta({ id: 'ParAction', examples: [{ type: 'assign-consulting-teacher', consultingTeacher: 'ct-garcia', reason: 'Same grade band, no conflict' }] });

/**
 * A PAR case as one viewer may see it (par-visibility.ts): the parts they may not see are left out and named in
 * `withheld`; `deadlines` are every deadline the case ran, with its status, due date and instant, and how it was counted.
 */
export const parCaseViewSchema = z
  .looseObject({
    id: z.string(),
    district: z.string(),
    kind: z.enum(['referred', 'volunteer']),
    status: z.string(),
    policyVersion: z.number(),
    withheld: z.array(z.string()).readonly().describe('The parts of the case the caller may not see'),
    deadlines: z
      .array(caseDeadlineSchema)
      .readonly()
      .describe('Every deadline the case ran (pending, met, missed, cancelled), with how it was counted'),
  })
  .meta({ id: 'ParCaseView' });

export const parListQuerySchema = z.object({
  status: z.string().regex(/^[a-z-]+$/).max(64).optional().describe('A status (e.g. in-assistance), a closed reason, `open` or `closed`'),
  school: z.string().max(200).optional(),
  dueBefore: calendarDate.optional().describe('Cases whose next deadline ends on or before this date'),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  pageToken: z.string().max(2000).optional(),
});

export const parListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        workflowId: z.string(),
        kind: z.string().optional(),
        status: z.string(),
        school: z.string().optional(),
        nextDeadline: z.string().optional(),
        openedAt: z.string().optional(),
        closedAt: z.string().optional(),
        href: z.string(),
      }),
    ),
    nextPageToken: z.string().optional(),
  })
  .meta({ id: 'ParList' });
