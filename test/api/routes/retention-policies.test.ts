import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNotFound } from '../../../src/audit/case-history';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { dateInZone } from '../../../src/domain/calendar/time-zone';
import { caseRetentionWorkflowId } from '../../../workflows/retention/retention-messages';
import { buildTestApp } from '../../helpers/api';
import { archiveCompleted, testWorkerArchive } from '../../helpers/case-archive';
import { TZ } from '../../helpers/grievance-driver';
import { aFiling } from '../../helpers/grievance-fixtures';
import { publishCalendarsAround } from '../../helpers/publish-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';
import { bearer } from '../../helpers/tokens';

/**
 * Issue 15, item 5 over the API: HR sets the district's retention policy (validated, each field named); a grievance
 * withdrawn under a 0-day period (GRV-WITHDRAW: "without prejudice or record") is destroyed the day it closes, and
 * an auditor's reads of it (timeline, history, packet) answer 410 saying when and under which policy, with the
 * digest chain still verifying.
 */
describe('retention policies and destroyed cases (app.inject, time-skipping server)', () => {
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

  it('GRV-WITHDRAW: a grievance withdrawn under a 0-day period is destroyed the day it closes; the auditor reads 410 "destroyed on <date> under <policy>"', async () => {
    const filing = aFiling();
    expect((await app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: filing })).statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: `/v1/cases/grievance:${filing.id}/timeline`, headers: auditor })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/v1/grievances/${filing.id}/actions`, headers: grievant, payload: { type: 'withdraw' } })).statusCode).toBe(200);
    const today = dateInZone(new Date(await env.currentTimeMs()), TZ);

    const handle = env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id));
    for (let i = 0; i < 200 && (await handle.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 50));
    await archiveCompleted(env.client, { workflowId: handle.workflowId, runId: (await handle.describe()).runId });
    const retention = env.client.workflow.getHandle(caseRetentionWorkflowId(handle.workflowId));
    const status = () => retention.describe().then((d) => d.status.name, (e: unknown) => (isNotFound(e) ? 'NOT_STARTED' : Promise.reject(e)));
    for (let i = 0; i < 300 && (await status()) !== 'COMPLETED'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await status()).toBe('COMPLETED');

    const summary = `${handle.workflowId} was destroyed on ${today} under retention policy version 1 of district-a, Board policy 8.4 (0 days after it closed on ${today} as withdrawn).`;
    for (const route of ['timeline', 'history', 'packet']) {
      const res = await app.inject({ method: 'GET', url: `/v1/cases/grievance:${filing.id}/${route}`, headers: auditor });
      expect(res.statusCode, route).toBe(410);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        status: 410,
        title: 'Gone',
        detail: summary,
        destroyed: { on: today, policyVersion: 1, policyTitle: 'Board policy 8.4', period: '0 days', closedOn: today, closedAs: 'withdrawn', chain: { verified: true, entries: 3 } },
      });
    }
    // A case never filed is still simply not there.
    expect((await app.inject({ method: 'GET', url: '/v1/cases/grievance:G-NEVER/timeline', headers: auditor })).statusCode).toBe(404);
  });
});
