import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { buildTestApp } from '../../helpers/api';
import { aFiling } from '../../helpers/grievance-fixtures';
import { publishCalendarsAround } from '../../helpers/publish-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';
import { testDataConverter } from '../../helpers/key-ring';
import { bearer } from '../../helpers/tokens';

/** Every call the API makes to a workflow, as `<call> <workflowId>`. */
function countingClient(env: TestWorkflowEnvironment, calls: string[]): Client {
  const note = (call: string, workflowId: string) => calls.push(`${call} ${workflowId}`);
  const interceptor: WorkflowClientInterceptor = {
    start: (input, next) => (note('start', input.options.workflowId), next(input)),
    startUpdateWithStart: (input, next) => (note('updateWithStart', input.workflowStartOptions.workflowId), next(input)),
    startUpdate: (input, next) => (note('update', input.workflowExecution.workflowId), next(input)),
    query: (input, next) => (note('query', input.workflowExecution.workflowId), next(input)),
    describe: (input, next) => (note('describe', input.workflowExecution.workflowId), next(input)),
  };
  return new Client({ connection: env.connection, namespace: env.namespace ?? 'default', interceptors: { workflow: [interceptor] }, dataConverter: testDataConverter() });
}

describe('issue 11: a create is one round trip to its case (app.inject, time-skipping server)', () => {
  const taskQueue = 'case-create-test';
  const calls: string[] = [];
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let app: FastifyInstance;
  let today: string;
  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    ({ today } = await publishCalendarsAround(env.client, taskQueue, 'district-a', await env.currentTimeMs()));
    app = await buildTestApp(countingClient(env, calls), {}, taskQueue);
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await env?.teardown();
  });
  const hr = bearer(['hr'], { sub: 'hr-clerk-1' });

  it('GRV-DECIDE-10: answers 201 with the computed deadlines from one update-with-start, not a start and then a query', async () => {
    const filing = aFiling();
    const workflowId = grievanceWorkflowId('district-a', filing.id);
    calls.length = 0;
    const res = await app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: filing });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().clock.deadlines[0]).toMatchObject({ key: '1:decision', status: 'pending', spec: { rule: 'GRV-DECIDE-10' }, current: { state: 'running' } });
    // The case itself is asked once; besides it, only the old-style id of a case opened before ids were scoped.
    expect(calls.filter((c) => c.endsWith(` ${workflowId}`))).toEqual([`updateWithStart ${workflowId}`]);
    expect(calls.filter((c) => c.includes(`grievance:${filing.id}`))).toEqual([`query grievance:${filing.id}`]);
  });

  it('CAL-3: a filing entered with its real past dates answers 201 with the case as it stands after its past deadlines fired, not pending', async () => {
    // Received 30 days ago: the 10-school-day decision and the appeal window after it have both passed.
    const receivedOn = addDays(today, -30);
    const filing = aFiling({ knewOn: addDays(receivedOn, -1), receivedOn });
    const res = await app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: filing });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    // Nothing due before now is still pending in the answer.
    const stale = (body.clock.deadlines as { key: string; status: string; current?: { dueAt?: string } }[]).filter(
      (d) => d.status === 'pending' && d.current?.dueAt !== undefined && Date.parse(d.current.dueAt) <= Date.parse(body.filedAt),
    );
    expect(stale).toEqual([]);
    expect(body.clock.deadlines.map((d: { key: string; status: string }) => [d.key, d.status])).toEqual([
      ['1:decision', 'missed'],
      ['1:appeal', 'missed'],
    ]);
    expect(body).toMatchObject({ status: 'closed', outcome: 'accepted' });
    expect(body.actions.map((a: { action: string }) => a.action)).toEqual(['filed', 'decision-deadline-passed', 'appeal-deadline-passed']);
    // The case read a moment later says the same: the answer was not a snapshot from before the deadlines fired.
    const read = await app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr });
    expect(read.json().clock.deadlines).toEqual(body.clock.deadlines);
  });

  it('applies a create retried with its Idempotency-Key once: one case, the same answer; another request for the number answers 409', async () => {
    const filing = aFiling();
    const key = { ...hr, 'idempotency-key': `create-${filing.id}` };
    const [first, retried] = await Promise.all([1, 2].map(() => app.inject({ method: 'POST', url: '/v1/grievances', headers: key, payload: filing })));
    expect([first!.statusCode, retried!.statusCode]).toEqual([201, 201]);
    expect(retried!.json().filedAt).toBe(first!.json().filedAt);
    // One run that opened once and answered both requests.
    const { events } = await env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id)).fetchHistory();
    expect(events?.filter((e) => e.workflowExecutionStartedEventAttributes)).toHaveLength(1);
    expect(events?.filter((e) => e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success)).toHaveLength(2);
    expect(retried!.json().actions.filter((a: { action: string }) => a.action === 'filed')).toHaveLength(1);
    expect((await app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: filing })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: '/v1/grievances', headers: key, payload: { ...filing, statement: 'Another statement.' } })).statusCode).toBe(422);
  });
});
