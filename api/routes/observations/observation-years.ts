import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { emptyObservationYear, setupProblems } from '../../../src/domain/observation/observation-year';
import type { PolicyProblem } from '../../../src/domain/observation/observation-policy';
import { readObservationYear, setupObservationYear } from '../../../src/temporal/observation-years';
import { OBSERVATION_YEAR_REJECTED } from '../../../workflows/observation/observation-messages';
import { HttpProblem } from '../../plugins/problem-details';
import { createdOrReplaced } from '../../created-or-replaced';
import { observationYearBodySchema, observationYearParamsSchema, observationYearSchema } from '../../schemas/observation';
import { problemResponses } from '../../schemas/problem';

/**
 * The observation year of a district (`observation-year:<district>:<schoolYear>`): HR keeps the list of evaluators
 * certified for the year (OBS-CERTIFIED) and the track policy (OBS-TRACK); HR and auditors read it.
 */
export async function observationYearRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const notFound = (district: string, schoolYear: string) => new HttpProblem(404, `No observation year ${schoolYear} of ${district} is set up.`);

  api.put(
    '/v1/observations/years/:district/:schoolYear',
    {
      config: { validationRule: 'OBS-CERTIFIED' },
      schema: {
        tags: ['observations'],
        summary: "Set a district's observation year: the evaluators certified for it (OBS-CERTIFIED) and the track policy (OBS-TRACK)",
        description:
          'Answers 201 for the first setup of the year, 200 for a change. The whole list is replaced: an evaluator left out is ' +
          'no longer certified for the steps that follow. A changed policy needs a higher `version`; cycles already open keep ' +
          'their track. A refused setup answers 422 naming each field and its rule; nothing changes.',
        security,
        params: observationYearParamsSchema,
        body: observationYearBodySchema,
        response: { 200: observationYearSchema, 201: observationYearSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { district, schoolYear } = request.params;
      if (district !== request.user.district) throw notFound(district, schoolYear);
      // A first setup is checked here, so a refused one starts no workflow.
      const problems = (await readObservationYear(app.temporal.client, district, schoolYear)) ? [] : setupProblems(emptyObservationYear(district, schoolYear), request.body);
      if (problems.length > 0) throw rejected(problems);
      try {
        const { year, created } = await setupObservationYear(app.temporal.client, app.temporal.taskQueue, district, schoolYear, request.body, request.user);
        return createdOrReplaced(reply, created, `/v1/observations/years/${district}/${schoolYear}`).send(year);
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === OBSERVATION_YEAR_REJECTED) {
          throw rejected((error.cause.details?.[0] ?? []) as PolicyProblem[]);
        }
        throw error;
      }
    },
  );

  api.get(
    '/v1/observations/years/:district/:schoolYear',
    {
      schema: {
        tags: ['observations'],
        summary: "Read a district's observation year: certified evaluators, track policy, change log",
        security,
        params: observationYearParamsSchema,
        response: { 200: observationYearSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { district, schoolYear } = request.params;
      const year = district === request.user.district ? await readObservationYear(app.temporal.client, district, schoolYear) : undefined;
      if (!year) throw notFound(district, schoolYear);
      return year;
    },
  );
}

function rejected(problems: readonly PolicyProblem[]) {
  const rule = problems.some((p) => p.field.startsWith('/policy')) ? 'OBS-TRACK' : 'OBS-CERTIFIED';
  return new HttpProblem(422, `The observation year is refused: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
    rule,
    errors: problems.map((p) => ({ in: 'body' as const, field: p.field, message: p.message, rule: p.field.startsWith('/policy') ? 'OBS-TRACK' : 'OBS-CERTIFIED' })),
  });
}
