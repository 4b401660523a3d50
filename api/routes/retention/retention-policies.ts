import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { emptyRetentionRecord } from '../../../src/domain/retention/retention-record';
import { readDistrictRetentionPolicy, setDistrictRetentionPolicy } from '../../../src/temporal/retention-policies';
import { RETENTION_REJECTED } from '../../../workflows/retention/retention-messages';
import { createdOrReplaced } from '../../created-or-replaced';
import { policyUpdate } from '../../policy-refusals';
import { HttpProblem } from '../../plugins/problem-details';
import { retentionPolicyBodySchema, retentionPolicyParamsSchema, retentionPolicyRecordSchema } from '../../schemas/retention-policy';
import { problemResponses } from '../../schemas/problem';

/**
 * Each district's retention policy (issue 15 item 5): HR sets versions (validated, each refusal naming its field);
 * HR and auditors read the policy in force with its change log. Every closed case waiting for its destruction day
 * counts it again from the new version.
 */
export async function retentionPolicyRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const client = () => app.temporal.client;

  api.put(
    '/v1/retention-policies/:district',
    {
      schema: {
        tags: ['audit'],
        summary: "Set a new version of the district's retention policy: how long closed cases are kept, per family",
        description:
          '201 for the first version, 200 for a later one (or the version in force sent again, which changes nothing). Past its period a ' +
          "closed case's records are destroyed by deleting its data key (crypto-shredding): the archive's digest chain still verifies, the " +
          'content no longer decrypts, and the audit routes answer 410 saying when and under which version. A withdrawn grievance has its ' +
          'own period (GRV-WITHDRAW). A policy the checks refuse answers 422 naming each field (`/policy/par/count`).',
        security,
        params: retentionPolicyParamsSchema,
        body: retentionPolicyBodySchema,
        response: { 200: retentionPolicyRecordSchema, 201: retentionPolicyRecordSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const district = ownDistrict(request, request.params.district);
      const first = !(await readDistrictRetentionPolicy(client(), district));
      const { record } = await changePolicy(() => setDistrictRetentionPolicy(client(), app.temporal.taskQueue, district, { policy: request.body.policy, by: request.user, reason: request.body.reason ?? 'set' }));
      return createdOrReplaced(reply, first, `/v1/retention-policies/${district}`).send(record);
    },
  );

  api.get(
    '/v1/retention-policies/:district',
    {
      schema: {
        tags: ['audit'],
        summary: "Read the district's retention policy in force, with its change log",
        description: 'Where the district set none, nothing is destroyed (`configured: false`, version 0, every period "forever").',
        security,
        params: retentionPolicyParamsSchema,
        response: { 200: retentionPolicyRecordSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const district = ownDistrict(request, request.params.district);
      return (await readDistrictRetentionPolicy(client(), district)) ?? emptyRetentionRecord(district);
    },
  );
}

/** A policy belongs to its district: elsewhere it does not exist. */
function ownDistrict(request: FastifyRequest, district: string): string {
  if (district !== request.user.district) throw new HttpProblem(404, `No retention policy of ${district}.`);
  return district;
}

/** Runs a policy update; a refusal becomes 422 naming each field (GRV-WITHDRAW for the withdrawn grievance's period). */
function changePolicy<T>(update: () => Promise<T>): Promise<T> {
  return policyUpdate(update, RETENTION_REJECTED, 'retention policy', (field) => (field.startsWith('/policy/grievance/withdrawn') ? 'GRV-WITHDRAW' : undefined));
}
