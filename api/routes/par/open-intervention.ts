import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { DistrictCalendars, addDays, dateInZone, schoolYearOf, schoolYearsAround, type CalendarDate } from '../../../src/domain/calendar';
import { referralAdmission, volunteerAdmission } from '../../../src/domain/par/admission';
import { withAssistanceRules } from '../../../src/domain/par/par-policy';
import { startIntervention, type InterventionStart } from '../../../src/domain/par/par-process';
import { readDistrictCalendar } from '../../../src/temporal/district-calendars';
import { readParProgram } from '../../../src/temporal/par-programs';
import { CaseKind, CaseStatus } from '../../../src/temporal/search-attributes';
import { parProgramWorkflowId } from '../../../workflows/par/par-program-messages';
import { parInterventionWorkflow } from '../../../workflows/par/par-intervention-workflow';
import { HttpProblem } from '../../plugins/problem-details';
import { idempotencyHeadersSchema } from '../../schemas/case-clock';
import { parCaseViewSchema, parReferralSchema, parVolunteerSchema } from '../../schemas/par';
import { problemResponses } from '../../schemas/problem';
import { startCase } from '../case-family-routes';
import { apiView } from './par-access';
import { parApi } from './par-api';

type Referral = z.infer<typeof parReferralSchema>;
type Volunteer = z.infer<typeof parVolunteerSchema>;

/** `POST /v1/par/referrals` and `POST /v1/par/volunteers`: admission (eligibility, window, program year), then the case. */
export async function openInterventionRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const response = { 201: parCaseViewSchema, ...problemResponses(400, 401, 403, 409, 422) };

  api.post(
    '/v1/par/referrals',
    {
      config: { validationRule: 'PAR-REF-ELIG' },
      schema: {
        tags: ['par'],
        operationId: 'referToPar',
        summary: 'Refer a teacher to PAR with the final evaluation (PAR-REF-ELIG, PAR-SPRING-WINDOW)',
        description: "422 names the rule refused: the eligibility test on the evaluation's standard ratings, the referral window (with its dates), or a program year that does not run.",
        security,
        headers: idempotencyHeadersSchema,
        body: parReferralSchema,
        response,
      },
    },
    async (request, reply) => {
      const body: Referral = request.body;
      const admitted = await admit(request, body.referredOn, (calendars, on, policy) => referralAdmission({ id: body.participant.id, ...teacherOf(body) }, body.evaluation, on, calendars, policy));
      const start: InterventionStart = { ...startOf(body, admitted), kind: 'referred', referredOn: admitted.on, evaluator: body.evaluator, basis: body.basis };
      return reply.code(201).header('location', `/v1/par/${encodeURIComponent(body.id)}`).send(await open(request, body, start, admitted));
    },
  );

  api.post(
    '/v1/par/volunteers',
    {
      config: { validationRule: 'PAR-VOL-ELIG' },
      schema: {
        tags: ['par'],
        operationId: 'applyToParAsVolunteer',
        summary: 'A teacher applies to PAR as a Volunteer (PAR-VOL-ELIG, PAR-VOL-WINDOW); the panel votes on it',
        security,
        headers: idempotencyHeadersSchema,
        body: parVolunteerSchema,
        response,
      },
    },
    async (request, reply) => {
      const body: Volunteer = request.body;
      const admitted = await admit(request, body.appliedOn, (calendars, on, policy) => volunteerAdmission({ id: body.participant.id, ...teacherOf(body) }, on, calendars, policy));
      const start: InterventionStart = { ...startOf(body, admitted), kind: 'volunteer', appliedOn: admitted.on, evaluator: body.evaluator, recommendedBy: body.recommendedBy };
      return reply.code(201).header('location', `/v1/par/${encodeURIComponent(body.id)}`).send(await open(request, body, start, admitted));
    },
  );
}

function teacherOf(body: Referral | Volunteer) {
  return { status: body.participant.status, yearsOfService: body.participant.yearsOfService };
}

function startOf(body: Referral | Volunteer, admitted: Admitted) {
  const { id: participantId, name, email } = body.participant;
  // A program year configured before the full-semester rules: the new case runs under them with their defaults.
  return { id: body.id, district: admitted.district, policy: withAssistanceRules(admitted.policy), participant: { id: participantId, name, email }, principal: body.principal, representative: body.representative };
}

type Admitted = Awaited<ReturnType<typeof admit>>;

/**
 * The program year of the request's school year must be set up (it holds the policy and the places,
 * PAR-PRIORITY); then the domain's admission rules run on the district calendars under that policy. Refusals
 * answer 422 naming the rule. `on` (default today) lets a request made on paper be entered late, never ahead.
 */
async function admit(
  request: FastifyRequest,
  on: CalendarDate | undefined,
  refusalOf: (calendars: DistrictCalendars, on: CalendarDate, policy: Parameters<typeof referralAdmission>[4]) => ReturnType<typeof referralAdmission>,
) {
  const { client } = request.server.temporal;
  const district = request.user.district;
  // The district's today is not known before its calendar is: the UTC date and the day either side cover it.
  const utcToday = new Date().toISOString().slice(0, 10);
  const years = new Set([...schoolYearsAround(addDays(utcToday, -1)), ...schoolYearsAround(addDays(utcToday, 1)), ...(on ? schoolYearsAround(on) : [])]);
  const records = await Promise.all([...years].map((year) => readDistrictCalendar(client, district, year)));
  const calendars = records.flatMap((r) => (r?.calendar ? [r.calendar] : []));
  const today = dateInZone(new Date(), calendars[0]?.timeZone ?? 'UTC');
  if (on && on > today) {
    throw new HttpProblem(422, `${on} is in the future: a request is entered on or after the day it was made.`, { errors: [{ in: 'body', field: '/referredOn', message: 'is in the future' }] });
  }
  const requestedOn = on ?? today;
  const schoolYear = schoolYearOf(requestedOn);
  const program = await readParProgram(client, district, schoolYear);
  if (!program) {
    const workflowId = parProgramWorkflowId(district, schoolYear);
    throw new HttpProblem(422, `The PAR program year ${schoolYear} of ${district} is not set up (${workflowId}): HR configures it first (PUT /v1/par/programs/${district}/${schoolYear}).`, {
      rule: 'PAR-PRIORITY',
    });
  }
  let refusal: ReturnType<typeof referralAdmission>;
  try {
    refusal = refusalOf(new DistrictCalendars(district, calendars), requestedOn, program.policy);
  } catch (error) {
    // A window is never guessed: the year's calendar must be published.
    throw new HttpProblem(422, `The district calendar needed to check the window is not published: ${error instanceof Error ? error.message : String(error)}`, { rule: 'CAL-1' });
  }
  if (refusal) {
    const window = refusal.rule === 'PAR-SPRING-WINDOW' ? program.windows.referral : refusal.rule === 'PAR-VOL-WINDOW' ? program.windows.volunteer : undefined;
    throw new HttpProblem(422, refusal.message, { rule: refusal.rule, ...(window ? { deadline: { windows: [window].flat() } } : {}) });
  }
  // Notices name the consulting teachers as the roster does, never by login id.
  const people = Object.fromEntries(program.consultingTeachers.flatMap((ct) => (ct.name ? [[ct.id, ct.name] as const] : [])));
  return { district, on: requestedOn, schoolYear, calendars, policy: program.policy, people };
}

async function open(request: FastifyRequest, body: Referral | Volunteer, start: InterventionStart, admitted: Admitted) {
  const { view } = await startCase(
    request.server,
    parApi,
    {
      district: admitted.district,
      id: body.id,
      school: body.school,
      idempotencyKey: (request.headers as { 'idempotency-key'?: string })['idempotency-key'],
      body,
      searchAttributes: [
        { key: CaseKind, value: start.kind },
        // Listed with its status from the start, before the case's first workflow task sets it again.
        { key: CaseStatus, value: startIntervention(start).status },
      ],
    },
    parInterventionWorkflow,
    [{ opening: { start, openedBy: request.user, schoolYear: admitted.schoolYear, school: body.school, contacts: body.contacts, people: admitted.people, calendars: admitted.calendars } }],
  );
  // The opener may have no part in the case (HR sees its summary; a volunteer is its participant).
  return apiView(view, request.user) ?? { id: body.id, district: admitted.district, kind: start.kind, status: view.case.status, policyVersion: admitted.policy.version, withheld: [], deadlines: [] };
}
