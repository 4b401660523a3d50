import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { buildTestApp } from '../../helpers/api';
import { aFiling } from '../../helpers/grievance-fixtures';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';
import { bearer } from '../../helpers/tokens';

describe('grievance routes (app.inject, time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let app: FastifyInstance;
  const taskQueue = 'grievance-routes-test';
  const hr = bearer(['hr'], { sub: 'hr-clerk-1', district: 'district-a' });

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    app = await buildTestApp(env.client, {}, taskQueue);
  });

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await env?.teardown();
  });

  const file = (body: unknown, headers: Record<string, string> = hr) =>
    app.inject({ method: 'POST', url: '/v1/grievances', headers, payload: body as object });

  it('files a grievance: 201, Location, and the case as the workflow recorded it with the token actor', async () => {
    const filing = aFiling();
    const res = await file({ ...filing, filedBy: { id: 'forged', roles: ['auditor'], district: 'elsewhere' } });

    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/v1/grievances/${filing.id}`);
    const body = res.json();
    expect(body).toMatchObject({ id: filing.id, status: 'filed', district: 'district-a', filing });
    // The actor comes from the bearer token, never from the body.
    expect(body.filedBy).toEqual({ id: 'hr-clerk-1', roles: ['hr'], district: 'district-a' });
    expect(body.actions[0]).toMatchObject({ action: 'filed', actor: { id: 'hr-clerk-1' } });

    const desc = await env.client.workflow.getHandle(grievanceWorkflowId(filing.id)).describe();
    expect(desc.status.name).toBe('RUNNING');
  });

  it('answers 409 for a second filing with the same id and opens no second case', async () => {
    const filing = aFiling();
    expect((await file(filing)).statusCode).toBe(201);
    const first = await env.client.workflow.getHandle(grievanceWorkflowId(filing.id)).describe();

    const again = await file({ ...filing, statement: 'A different statement' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json()).toMatchObject({ status: 409, title: 'Conflict' });

    const after = await env.client.workflow.getHandle(grievanceWorkflowId(filing.id)).describe();
    expect(after.runId).toBe(first.runId);
    const read = await app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr });
    expect(read.json().filing.statement).toBe(filing.statement);
  });

  it('reads a case by id (200) and answers 404 for an unknown id', async () => {
    const filing = aFiling();
    await file(filing);
    const read = await app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: bearer(['auditor']) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: filing.id, status: 'filed' });

    const unknown = await app.inject({ method: 'GET', url: '/v1/grievances/NO-SUCH-CASE', headers: hr });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 404, detail: 'No grievance with id NO-SUCH-CASE.' });
  });

  it('hides a case from another district (404, as if it did not exist)', async () => {
    const filing = aFiling();
    await file(filing);
    const res = await app.inject({
      method: 'GET',
      url: `/v1/grievances/${filing.id}`,
      headers: bearer(['hr'], { district: 'district-b' }),
    });
    expect(res.statusCode).toBe(404);
  });

  it('GRV-CONTENT: refuses an incomplete filing with 400 problem+json naming each field and the rule, and starts nothing', async () => {
    const { signedBy: _omitted, ...unsigned } = aFiling();
    const res = await file({ ...unsigned, grievants: [], knewOn: '2026-13-40' });

    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ status: 400, rule: 'GRV-CONTENT', instance: '/v1/grievances' });
    const fields = problem.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['/grievants', '/knewOn', '/signedBy']);
    expect(problem.errors.every((e: { rule: string; in: string }) => e.rule === 'GRV-CONTENT' && e.in === 'body')).toBe(true);

    await expect(env.client.workflow.getHandle(grievanceWorkflowId(unsigned.id)).describe()).rejects.toThrow();
  });

  it('answers 401 without a token, with a bad signature, or with claims missing', async () => {
    const filing = aFiling();
    expect((await file(filing, {})).statusCode).toBe(401);
    expect((await file(filing, bearer(['hr'], { secret: 'x'.repeat(40) }))).statusCode).toBe(401);
    const noRoles = await app.inject({
      method: 'GET',
      url: '/v1/grievances/anything',
      headers: { authorization: `Bearer ${app.jwt.sign({ sub: 'someone', district: 'district-a' } as never)}` },
    });
    expect(noRoles.statusCode).toBe(401);
    expect(noRoles.json().detail).toMatch(/roles/);
    await expect(env.client.workflow.getHandle(grievanceWorkflowId(filing.id)).describe()).rejects.toThrow();
  });

  it('answers 403 when the role may not act: only HR files', async () => {
    for (const role of ['decider', 'panel', 'consulting-teacher', 'participant', 'auditor'] as const) {
      const filing = aFiling();
      const res = await file(filing, bearer([role]));
      expect(res.statusCode, role).toBe(403);
      await expect(env.client.workflow.getHandle(grievanceWorkflowId(filing.id)).describe()).rejects.toThrow();
    }
    const participantRead = await app.inject({ method: 'GET', url: '/v1/grievances/x', headers: bearer(['participant']) });
    expect(participantRead.statusCode).toBe(403);
  });
});
