import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchCaseHistories, historyFromJson, historyJsonText, historyToJson } from '../../src/audit/case-history';
import { grievanceWorkflowId } from '../../src/domain/grievance/grievance-case';
import { CaseDistrict } from '../../src/temporal/search-attributes';
import { buildTestApp } from '../helpers/api';
import { aFiling } from '../helpers/grievance-fixtures';
import { publishCalendarsAround } from '../helpers/publish-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../helpers/temporal';
import { bearer } from '../helpers/tokens';

/** Event ids and types of a history in CLI JSON: what the CLI and our export must agree on. */
const idsAndTypes = (json: { events: { eventId?: unknown; eventType?: unknown }[] }) => json.events.map((e) => [e.eventId, e.eventType]);

describe('case history export (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let app: FastifyInstance;
  const taskQueue = 'case-history-test';
  const auditor = bearer(['auditor'], { sub: 'auditor-1', district: 'district-a' });
  const hr = bearer(['hr'], { sub: 'hr-clerk-1', district: 'district-a' });
  let grievanceId: string;
  const chainId = `grievance:chain-${Date.now().toString(36)}`;

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows(path.join(__dirname, 'fixtures', 'continued-workflows.ts'))]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    app = await buildTestApp(env.client, {}, taskQueue);
    await publishCalendarsAround(env.client, taskQueue, 'district-a', await env.currentTimeMs());
    const filing = aFiling();
    expect((await app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: filing })).statusCode).toBe(201);
    grievanceId = grievanceWorkflowId('district-a', filing.id);
    // A case that continued as new twice: three runs, the last completed.
    const chain = await env.client.workflow.start('continuedCaseProbe', {
      taskQueue,
      workflowId: chainId,
      args: [2],
      typedSearchAttributes: [{ key: CaseDistrict, value: 'district-a' }],
    });
    for (let attempt = 0; (await chain.describe()).status.name !== 'COMPLETED'; attempt++) {
      if (attempt > 200) throw new Error(`${chainId} did not complete`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await env?.teardown();
  });

  const download = (id: string, headers: Record<string, string> = auditor, query = '') =>
    app.inject({ method: 'GET', url: `/v1/cases/${encodeURIComponent(id)}/history${query}`, headers });

  it('fetchCaseHistories follows a continue-as-new chain from the first run to the latest', async () => {
    const runs = await fetchCaseHistories(env.client, chainId);
    expect(runs).toHaveLength(3);
    expect(runs.at(-1)!.runId).toBe((await env.client.workflow.getHandle(chainId).describe()).runId);
    const started = runs.map((r) => r.history.events![0]!.workflowExecutionStartedEventAttributes!);
    expect(started[0]!.continuedExecutionRunId ?? '').toBe('');
    expect(started[1]!.continuedExecutionRunId).toBe(runs[0]!.runId);
    expect(started[2]!.continuedExecutionRunId).toBe(runs[1]!.runId);
    expect(runs.map((r) => historyToJson(r.history).events.at(-1)!.eventType)).toEqual([
      'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW',
      'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW',
      'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED',
    ]);
  });

  it('historyToJson writes the CLI JSON (enum names, int64 as strings) and historyFromJson reads it back', async () => {
    const { history } = (await fetchCaseHistories(env.client, grievanceId))[0]!;
    const json = historyToJson(history);
    expect(json.events[0]).toMatchObject({ eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED', workflowExecutionStartedEventAttributes: { workflowType: { name: 'grievanceWorkflow' } } });
    expect(historyJsonText(history)).toBe(`${JSON.stringify(json, null, 2)}\n`);
    expect(historyToJson(historyFromJson(json))).toEqual(json);
    expect(() => historyFromJson({})).toThrow(TypeError);
    expect(() => historyFromJson({ events: [] })).toThrow(TypeError);
  });

  it('GET /v1/cases/:id/history: a one-run case as the CLI prints it, as an attachment', async () => {
    const res = await download(grievanceId);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${grievanceId.replaceAll(':', '-')}.history.json"`);
    const { history } = (await fetchCaseHistories(env.client, grievanceId))[0]!;
    const body = res.json();
    // The case may have moved on since: compare the events both have.
    expect(body.events.slice(0, 5)).toEqual(historyToJson(history).events.slice(0, 5));
    expect(res.body).toBe(`${JSON.stringify(body, null, 2)}\n`);
    expect((await download(grievanceId, hr)).statusCode).toBe(200);
  });

  it('GET /v1/cases/:id/history: a chain as { workflowId, runs }, or one run with ?run=', async () => {
    const runs = await fetchCaseHistories(env.client, chainId);
    const chain = (await download(chainId)).json();
    expect(chain.workflowId).toBe(chainId);
    expect(chain.runs.map((r: { runId: string }) => r.runId)).toEqual(runs.map((r) => r.runId));
    expect(chain.runs.map(idsAndTypes)).toEqual(runs.map((r) => idsAndTypes(historyToJson(r.history))));

    const latest = await download(chainId, auditor, '?run=latest');
    expect(latest.json()).toEqual(historyToJson(runs[2]!.history));
    expect((await download(chainId, auditor, `?run=${runs[0]!.runId}`)).json()).toEqual(historyToJson(runs[0]!.history));
    expect((await download(chainId, auditor, '?run=6d9e2a3c-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await download(chainId, auditor, '?run=first')).statusCode).toBe(400);
  });

  it('GET /v1/cases/:id/history: hr and auditors only, inside their district', async () => {
    expect((await download(grievanceId, bearer(['decider'], { district: 'district-a' }))).statusCode).toBe(403);
    expect((await download(grievanceId, bearer(['auditor'], { district: 'district-b' }))).statusCode).toBe(404);
    expect((await download('grievance:no-such-case')).statusCode).toBe(404);
    expect((await download('not-a-case-id')).statusCode).toBe(400);
    const anonymous = await app.inject({ method: 'GET', url: `/v1/cases/${grievanceId}/history` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
