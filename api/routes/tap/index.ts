import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inlineTexts, storeTexts } from '../../../src/audit/stored-texts';
import { hasAnyRole, identitiesOf } from '../../../src/domain/actor';
import { openTap, type TapOpening } from '../../../src/domain/tap/tap-case';
import { planRefusal } from '../../../src/domain/tap/tap-plan-rules';
import { CaseLevel, CaseStatus } from '../../../src/temporal/search-attributes';
import { tapWorkflow } from '../../../workflows/tap/tap-workflow';
import { HttpProblem } from '../../plugins/problem-details';
import { idempotencyHeadersSchema } from '../../schemas/case-clock';
import { problemResponses } from '../../schemas/problem';
import { tapOpeningSchema, tapViewSchema } from '../../schemas/tap';
import { startCase } from '../case-family-routes';
import { districtCalendarsAndToday } from '../../../src/temporal/district-today';
import { tapApi, tapApiView } from './tap-api';

/** Teacher Assistance Plans: the opening; reading, acting, the clock and the listing are the kernel's (tap-api.ts). */
export async function tapRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/v1/tap',
    {
      config: { validationRule: 'TAP-DOC' },
      schema: {
        tags: ['tap'],
        summary: 'Open a Teacher Assistance Plan at level 1, 2 or 3 with its documented plan (TAP-LEVELS, TAP-DOC, TAP-TIMELINE)',
        description:
          'HR opens a plan, or an administrator (decider) who leads it: the administrator named, or one of the district personnel ' +
          "named (403 naming TAP-LEVELS otherwise). The level's plan must document what TAP-DOC requires (422 naming the rule and " +
          'the field); district personnel take part from level 2, association staff at level 2 (TAP-LEVELS). The review date is ' +
          'counted on the district calendar from `startedOn` (default today). With an `Idempotency-Key`, a retried opening answers ' +
          'the plan it opened (201) instead of 409; the key reused for another opening answers 422.',
        security: [{ bearerAuth: [] }],
        headers: idempotencyHeadersSchema,
        body: tapOpeningSchema,
        response: { 201: tapViewSchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const actor = request.user;
      // The opener's part comes from the token: an administrator opens the plans they lead, HR any.
      if (!hasAnyRole(actor, ['hr'])) {
        const leads = [body.administrator, ...(body.plan.districtPersonnel ?? [])].some((p) => p.id !== undefined && identitiesOf(actor).includes(p.id));
        if (!leads) throw new HttpProblem(403, 'An administrator opens the plans they lead: name yourself the administrator or one of the district personnel, or ask HR.', { rule: 'TAP-LEVELS' });
      }
      const refused = planRefusal(body.plan, body.level);
      if (refused) {
        const field = `/plan${refused.field}`;
        throw new HttpProblem(422, refused.message, { rule: refused.rule, errors: [{ in: 'body', field, message: refused.message, rule: refused.rule }] });
      }
      const { calendars, today } = await districtCalendarsAndToday(app.temporal.client, actor.district, [body.startedOn]);
      if (body.startedOn && body.startedOn > today) {
        const message = `${body.startedOn} is in the future: a plan is entered on or after the day it started`;
        throw new HttpProblem(422, message, { rule: 'TAP-TIMELINE', errors: [{ in: 'body', field: '/startedOn', message, rule: 'TAP-TIMELINE' }] });
      }
      // Issue 11: what the plan documents goes to the case document store; the case keeps the claim checks.
      const { plan } = await storeTexts(app.documents, actor.district, { plan: body.plan }, tapApi.storedTexts?.opening);
      const opening: TapOpening = {
        id: body.id,
        district: actor.district,
        school: body.school,
        teacher: body.teacher,
        administrator: body.administrator,
        level: body.level,
        plan,
        startedOn: body.startedOn ?? today,
        openedBy: actor,
      };
      const { view, workflowId } = await startCase(
        app,
        tapApi,
        {
          district: actor.district,
          id: body.id,
          school: body.school,
          idempotencyKey: request.headers['idempotency-key'],
          body,
          // Listed with its status and level from the start, before the case's first workflow task sets them again.
          searchAttributes: [
            { key: CaseStatus, value: openTap(opening).status },
            { key: CaseLevel, value: String(body.level) },
          ],
        },
        tapWorkflow,
        [{ opening, hr: body.contacts?.hr, calendars }],
      );
      // The opener always stands in a relation to the plan: HR, or the administrator or district personnel who lead it.
      return reply.code(201).header('location', `/v1/tap/${encodeURIComponent(body.id)}`).send(await inlineTexts(app.documents, { district: actor.district, workflowId }, tapApiView(view, actor)!));
    },
  );
}
