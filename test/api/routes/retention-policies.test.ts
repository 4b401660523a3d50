import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/api';
import { testWorkerArchive } from '../../helpers/case-archive';
import { publishCalendarsAround } from '../../helpers/publish-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';
import { bearer } from '../../helpers/tokens';

/** Issue 15, item 5 over the API: HR sets the district's retention policy (validated, each field named); HR and auditors read it. */
describe('retention policies (app.inject, time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let app: FastifyInstance;
  const taskQueue = 'retention-api-test';
  const hr = bearer(['hr'], { sub: 'hr-clerk-1', district: 'district-a' });
  const auditor = bearer(['auditor'], { sub: 'auditor-1', district: 'district-a' });
  const grievant = bearer(['participant'], { sub: 'dana.reyes', district: 'district-a' });
  const policy = {
    version: 1,
    title: 'Board policy 8.4',
    grievance: { withdrawn: { count: 0, unit: 'day' }, closed: { count: 6, unit: 'year' } },
    par: { count: 5, unit: 'year' },
    tap: 'forever',
    pip: 'forever',
    'observation-cycle': 'forever',
  };
  const put = (payload: object, headers = hr) => app.inject({ method: 'PUT', url: '/v1/retention-policies/district-a', headers, payload });

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    app = await buildTestApp(env.client, {}, taskQueue, { archive: testWorkerArchive(worker) });
    await publishCalendarsAround(env.client, taskQueue, 'district-a', await env.currentTimeMs());
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await env?.teardown();
  });

  it('issue 15: HR sets the policy (201, then 200 for the same version), auditors read it; others get 403, another district 404', async () => {
    const unset = await app.inject({ method: 'GET', url: '/v1/retention-policies/district-a', headers: auditor });
    expect(unset.statusCode).toBe(200);
    expect(unset.json()).toMatchObject({ configured: false, current: { version: 0, grievance: { withdrawn: 'forever', closed: 'forever' } } });

    const created = await put({ policy, reason: 'board vote' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe('/v1/retention-policies/district-a');
    expect(created.json()).toMatchObject({ configured: true, current: policy, versions: [{ version: 1, reason: 'board vote', by: { id: 'hr-clerk-1' } }] });
    expect((await put({ policy })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/retention-policies/district-a', headers: auditor })).json()).toMatchObject({ current: policy });

    expect((await put({ policy }, auditor)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/retention-policies/district-a', headers: grievant })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/retention-policies/district-b', headers: hr })).statusCode).toBe(404);
  });

  it.each([
    [{ ...policy, version: 2, grievance: { withdrawn: { count: -1, unit: 'day' }, closed: 'forever' } }, '/policy/grievance/withdrawn/count', 'GRV-WITHDRAW'],
    [{ ...policy, version: 2, par: { count: 5, unit: 'decade' } }, '/policy/par/unit', undefined],
    [{ ...policy, version: 1, par: 'forever' }, '/policy/version', undefined],
  ])('GRV-WITHDRAW and the rest: a policy refused answers 422 problem+json naming the field, and nothing changes', async (sent, field, rule) => {
    const res = await put({ policy: sent });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 422, errors: [expect.objectContaining({ in: 'body', field, ...(rule ? { rule } : {}) })] });
    expect((await app.inject({ method: 'GET', url: '/v1/retention-policies/district-a', headers: hr })).json()).toMatchObject({ current: { version: 1 } });
  });
});
