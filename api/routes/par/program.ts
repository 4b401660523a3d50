import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { hasAnyRole } from '../../../src/domain/actor';
import { initialProgramState, setupProblems, type SetupProblem } from '../../../src/domain/par/program-year';
import { readParProgram, startParProgram, withoutVolunteers } from '../../../src/temporal/par-programs';
import { PAR_PROGRAM_REJECTED, type ProgramSetup } from '../../../workflows/par/par-program-messages';
import { HttpProblem } from '../../plugins/problem-details';
import { createdOrReplaced } from '../../created-or-replaced';
import { parProgramBodySchema, parProgramParamsSchema, parProgramSchema } from '../../schemas/par-program';
import { problemResponses } from '../../schemas/problem';

type Params = z.infer<typeof parProgramParamsSchema>;

/** PAR-VOL-CONF: the roles that may know who volunteers; others (auditors) see the counts only. */
const SEE_VOLUNTEERS = ['hr', 'panel'] as const;

/**
 * The PAR program of a district and school year (`par-program:<district>:<schoolYear>`): HR configures it
 * (consulting teachers and caseloads, volunteer maximum, policy); HR, the panel and auditors read its roster,
 * waiting list and windows.
 */
export async function parProgramRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];

  api.put(
    '/v1/par/programs/:district/:schoolYear',
    {
      config: { validationRule: 'PAR-PRIORITY' },
      schema: {
        tags: ['par'],
        operationId: 'setParProgram',
        summary: "Create or reconfigure a district's PAR program year: consulting teachers, caseloads, volunteer maximum, policy",
        description:
          'Answers 201 for the first configuration of the year, 200 for a change. A policy or capacity the rules refuse ' +
          'answers 422 naming each field (JSON pointer into the body) and its rule; nothing changes.',
        security,
        params: parProgramParamsSchema,
        body: parProgramBodySchema,
        response: { 200: parProgramSchema, 201: parProgramSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { district, schoolYear } = ownDistrict(request, request.params);
      const setup: ProgramSetup = { ...request.body, by: request.user };
      // A year that does not exist yet is checked here, so a refused first configuration starts no workflow.
      if (!(await readParProgram(app.temporal.client, district, schoolYear))) {
        const problems = setupProblems(initialProgramState(district, schoolYear), setup);
        if (problems.length > 0) throw programRejected(problems);
      }
      const { program, created } = await configureProgram(() => startParProgram(app.temporal.client, app.temporal.taskQueue, district, schoolYear, setup));
      return createdOrReplaced(reply, created, `/v1/par/programs/${district}/${schoolYear}`).send(program);
    },
  );

  api.get(
    '/v1/par/programs/:district/:schoolYear',
    {
      schema: {
        tags: ['par'],
        operationId: 'getParProgram',
        summary: "Read a PAR program year: roster with capacity, waiting list with positions and reasons, windows with their dates",
        description: 'PAR-VOL-CONF: only HR and the panel see who volunteers; auditors see how many.',
        security,
        params: parProgramParamsSchema,
        response: { 200: parProgramSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { district, schoolYear } = ownDistrict(request, request.params);
      const program = await readParProgram(app.temporal.client, district, schoolYear);
      if (!program) throw notFound(district, schoolYear);
      return hasAnyRole(request.user, SEE_VOLUNTEERS) ? program : withoutVolunteers(program);
    },
  );
}

/** A program belongs to its district: elsewhere it does not exist. */
function ownDistrict(request: FastifyRequest, params: Params): Params {
  if (params.district !== request.user.district) throw notFound(params.district, params.schoolYear);
  return params;
}

function notFound(district: string, schoolYear: string) {
  return new HttpProblem(404, `No PAR program of ${district} for ${schoolYear} is configured.`);
}

/** Runs a configuration; a refusal by the workflow's validator becomes 422 with its problems. */
async function configureProgram<T>(update: () => Promise<T>): Promise<T> {
  try {
    return await update();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === PAR_PROGRAM_REJECTED) {
      throw programRejected((error.cause.details?.[0] ?? []) as SetupProblem[]);
    }
    throw error;
  }
}

function programRejected(problems: readonly SetupProblem[]) {
  const rule = problems.find((p) => p.rule)?.rule;
  return new HttpProblem(422, `The program year is refused: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
    ...(rule ? { rule } : {}),
    errors: problems.map((p) => ({ in: 'body' as const, field: p.field, message: p.message, ...(p.rule ? { rule: p.rule } : {}) })),
  });
}
