import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ParAction } from '../../../src/domain/par/par-case';
import { parActionUpdate, parWorkflowId } from '../../../workflows/par/par-intervention-messages';
import { idempotencyHeadersSchema } from '../../schemas/case-clock';
import { parActionSchema, parCaseViewSchema, parParamsSchema } from '../../schemas/par';
import { problemResponses } from '../../schemas/problem';
import { listParRoute } from './list-par';
import { openInterventionRoutes } from './open-intervention';
import { apiView, notFound, readParCase, refusedAction } from './par-access';

/**
 * PAR interventions: `par:<id>` workflows. Who may act is the case's to decide (par-process.ts PAR_ACTIONS, by the
 * actor's relation to the case: participant, consulting teacher, panel, HR ...); who may see what is
 * par-visibility.ts. A person who may not know a case exists gets 404 from every route, never 403 (PAR-VOL-CONF).
 */
export async function parRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  await app.register(openInterventionRoutes);
  await app.register(listParRoute);

  api.get(
    '/v1/par/:id',
    {
      schema: {
        tags: ['par'],
        summary: 'Read a PAR case: the part of it the caller may see (PAR-VOL-CONF, PAR-PANEL-CONF), with its running deadlines',
        security,
        params: parParamsSchema,
        response: { 200: parCaseViewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => (await readParCase(app, request.params.id, request.user)).view,
  );

  api.post(
    '/v1/par/:id/actions',
    {
      schema: {
        tags: ['par'],
        summary: 'Act on a PAR case: panel vote, consulting teacher, IPG, monthly log, signature and response, review, final report, outcome, withdrawal ...',
        description:
          'The case checks the action against the PAR rules and the caller\'s part in the case and answers at once: 200 with the ' +
          'caller\'s view, 409 when the stage does not allow it, 422 when a rule refuses it, 403 when it is not the caller\'s to take. ' +
          '`Idempotency-Key` makes a retried request apply once.',
        security,
        params: parParamsSchema,
        headers: idempotencyHeadersSchema,
        body: parActionSchema,
        response: { 200: parCaseViewSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const action: ParAction = request.body;
      const { id } = request.params;
      const { intervention } = await readParCase(app, id, request.user);
      const updateId = request.headers['idempotency-key'];
      try {
        const after = await app.temporal.client.workflow
          .getHandle(parWorkflowId(id))
          .executeUpdate(parActionUpdate, { args: [{ action, by: request.user }], ...(updateId ? { updateId } : {}) });
        const view = apiView(after, request.user);
        // A volunteer's consent revoked by the viewer's own action, say: from now on the case is not theirs to see.
        if (!view) throw notFound(id);
        return view;
      } catch (error) {
        return refusedAction(error, intervention, id);
      }
    },
  );
}
