import type { Client } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ruleOfProcedureField } from '../../../src/domain/grievance/grievance-policy';
import { DEFAULT_UNIT, emptyProcedureRecord, type GrievanceProcedureRecord } from '../../../src/domain/grievance/procedure-record';
import { migrateGrievanceCases, readGrievanceProcedure, setGrievanceProcedure } from '../../../src/temporal/grievance-procedures';
import { PROCEDURE_REJECTED } from '../../../workflows/grievance/grievance-procedure-messages';
import { createdOrReplaced } from '../../created-or-replaced';
import { policyUpdate } from '../../policy-refusals';
import { HttpProblem } from '../../plugins/problem-details';
import {
  grievanceProcedureBodySchema,
  grievanceProcedureParamsSchema,
  grievanceProcedureRecordSchema,
  procedureMigrationBodySchema,
  procedureMigrationSchema,
} from '../../schemas/grievance-policy';
import { problemResponses } from '../../schemas/problem';

type Params = { district: string; unit: string };

/**
 * Each district's grievance procedure, per bargaining unit (issue 16): HR sets versions (validated, each refusal
 * naming its field), everyone of the district reads the procedure in force with its change log, and HR migrates
 * running cases to a corrected version. A new filing pins the version in force (routes/grievances/index.ts).
 */
export async function grievanceProcedureRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const client = () => app.temporal.client;

  api.put(
    '/v1/grievance-procedures/:district/:unit',
    {
      config: { validationRule: 'GRV-DECIDE-10' },
      schema: {
        tags: ['grievances'],
        summary: "Set a new version of the district's grievance procedure for a bargaining unit",
        description:
          '201 for the first version HR sets, 200 for a later one (or the version in force sent again, which changes nothing). ' +
          'It applies to grievances filed from then on; running cases keep the version they were filed under unless HR migrates ' +
          'them (`.../migrations`). A procedure the checks refuse answers 422 naming each field (`/policy/levels/0/appeal/count`).',
        security,
        params: grievanceProcedureParamsSchema,
        body: grievanceProcedureBodySchema,
        response: { 200: grievanceProcedureRecordSchema, 201: grievanceProcedureRecordSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { district, unit } = ownDistrict(request, request.params);
      const first = !(await readGrievanceProcedure(client(), district, unit));
      const { record } = await changeProcedure(() =>
        setGrievanceProcedure(client(), app.temporal.taskQueue, district, unit, { policy: request.body.policy, by: request.user, reason: request.body.reason ?? 'set' }),
      );
      return createdOrReplaced(reply, first, procedurePath(district, unit)).send(record);
    },
  );

  api.get(
    '/v1/grievance-procedures/:district/:unit',
    {
      schema: {
        tags: ['grievances'],
        summary: "Read the district's grievance procedure in force for a bargaining unit, with its change log and migrations",
        description: 'Where HR set none, the procedure of RULES.md is in force (`configured: false`, version 1).',
        security,
        params: grievanceProcedureParamsSchema,
        response: { 200: grievanceProcedureRecordSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { district, unit } = ownDistrict(request, request.params);
      return (await readGrievanceProcedure(client(), district, unit)) ?? emptyProcedureRecord(district, unit);
    },
  );

  api.post(
    '/v1/grievance-procedures/:district/:unit/migrations',
    {
      config: { validationRule: 'GRV-DECIDE-10' },
      schema: {
        tags: ['grievances'],
        summary: 'Migrate running grievances to the version in force (a correction that must apply to running cases)',
        description:
          'Every running grievance of the district pinned to one of `fromVersions` of this unit takes the version in force: ' +
          'its action log records the old and new limits, and its pending deadlines are recounted (old and new due dates ' +
          'in its clock). The migration is logged in the procedure. 201 with the migration; 422 naming the field when a ' +
          'version cannot be migrated from; 404 when HR never set a procedure for the unit.',
        security,
        params: grievanceProcedureParamsSchema,
        body: procedureMigrationBodySchema,
        response: { 201: procedureMigrationSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { district, unit } = ownDistrict(request, request.params);
      await readProcedure(client(), district, unit); // 404 before anything is sent
      const migration = await changeProcedure(() => migrateGrievanceCases(client(), district, unit, { fromVersions: [...request.body.fromVersions], by: request.user, reason: request.body.reason }));
      return reply.code(201).header('location', procedurePath(district, unit)).send(migration);
    },
  );
}

/**
 * The procedure a new filing pins (issue 16): its unit's version in force; RULES.md's where HR set none for the
 * district. A unit named that has no procedure of its own is refused (422 `/bargainingUnit`) rather than guessed.
 */
export async function procedureForFiling(client: Client, district: string, unit: string | undefined) {
  const record = await readGrievanceProcedure(client, district, unit ?? DEFAULT_UNIT);
  if (record) return record.current;
  if (unit !== undefined && unit !== DEFAULT_UNIT) {
    const message = `no grievance procedure is set for bargaining unit ${unit} of the district`;
    throw new HttpProblem(422, message, { rule: 'GRV-FILE-40', errors: [{ in: 'body', field: '/bargainingUnit', message, rule: 'GRV-FILE-40' }] });
  }
  return emptyProcedureRecord(district, DEFAULT_UNIT).current;
}

function procedurePath(district: string, unit: string) {
  return `/v1/grievance-procedures/${district}/${unit}`;
}

/** A procedure belongs to its district: elsewhere it does not exist. */
function ownDistrict(request: FastifyRequest, params: Params): Params {
  if (params.district !== request.user.district) throw notFound(params);
  return params;
}

function notFound({ district, unit }: Params) {
  return new HttpProblem(404, `No grievance procedure of ${district} for unit ${unit} is set.`);
}

async function readProcedure(client: Client, district: string, unit: string): Promise<GrievanceProcedureRecord> {
  const record = await readGrievanceProcedure(client, district, unit);
  if (!record) throw notFound({ district, unit });
  return record;
}

/** Runs a procedure update; a refusal by the workflow's validator becomes 422 naming each field and its rule. */
function changeProcedure<T>(update: () => Promise<T>): Promise<T> {
  return policyUpdate(update, PROCEDURE_REJECTED, 'grievance procedure', ruleOfProcedureField);
}
