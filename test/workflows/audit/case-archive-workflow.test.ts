import path from 'node:path';
import { testDataConverter } from '../../helpers/key-ring';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Worker, type WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveActivities, CASE_RUN_STILL_OPEN } from '../../../activities/case-archive';
import { decodeArchivedJson, loadArchivedRuns, readArchivedFile, readCaseChain, verifyCaseArchive, type ArchivedRun } from '../../../src/audit/case-archive';
import { fetchCaseHistories, historyToJson } from '../../../src/audit/case-history';
import type { TimelineEntry } from '../../../src/audit/case-timeline';
import type { DistrictCalendar } from '../../../src/domain/calendar';
import { archiveCompleted, testWorkerArchive } from '../../helpers/case-archive';
import { grievanceDriver, grievantSide, principal } from '../../helpers/grievance-driver';
import { publishCalendarsAround } from '../../helpers/publish-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker, testLogger } from '../../helpers/temporal';

describe('archiving a case when it closes (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let calendars: DistrictCalendar[] = [];
  const taskQueue = 'case-archive-test';
  const { file, act, finish } = grievanceDriver(() => env, () => calendars, taskQueue);
  /** The archive activities as the worker has them, run outside a workflow (a retried attempt, a repeated request). */
  const activities = () => createArchiveActivities({ temporal: { client: env.client }, logger: testLogger, outboxDir: worker.outboxDir });
  const inActivity = new MockActivityEnvironment({ taskQueue }, { logger: new DefaultLogger('ERROR', () => {}) });

  beforeAll(async () => {
    const [testEnv, testBundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows(path.join(__dirname, 'fixtures', 'archived-chain-workflows.ts'))]);
    env = testEnv;
    bundle = testBundle;
    worker = await startTestWorker(env, bundle, taskQueue);
    ({ calendars } = await publishCalendarsAround(env.client, taskQueue, 'district-a', await env.currentTimeMs()));
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  it('a grievance decided then withdrawn is archived once closed: history, timeline and a chain that verifies; the archived history replays', async () => {
    const handle = await file();
    await act(handle, { type: 'decide', outcome: 'denied', text: 'No violation of the evaluation handbook was found.' }, principal);
    await act(handle, { type: 'withdraw' }, grievantSide);
    await finish(handle);
    const { runId } = await handle.describe();
    await archiveCompleted(env.client, { workflowId: handle.workflowId, runId });

    const store = testWorkerArchive(worker);
    const folder = `district-a/${handle.workflowId}/`;
    expect(await store.list(folder)).toEqual([`${folder}chain/000001.json`, `${folder}chain/000002.json`, `${folder}${runId}.history.json`, `${folder}${runId}.timeline.json`].sort());
    expect(await verifyCaseArchive(store, 'district-a', handle.workflowId)).toMatchObject({ ok: true, entries: 2 });

    // The archived history is the whole closed history, as Temporal holds it.
    const live = await fetchCaseHistories(env.client, handle.workflowId);
    const archived = await loadArchivedRuns(store, 'district-a', handle.workflowId, env.client.options.loadedDataConverter.payloadCodecs);
    expect(archived.map((r) => r.runId)).toEqual([runId]);
    expect(historyToJson(archived[0]!.history)).toEqual(historyToJson(live[0]!.history));
    const events = historyToJson(archived[0]!.history).events as { eventType: string; activityTaskScheduledEventAttributes?: { activityType: { name: string } } }[];
    expect(events.at(-1)?.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    expect(events.some((e) => e.activityTaskScheduledEventAttributes?.activityType.name === 'requestCaseArchive')).toBe(true);

    // Issue 15: the timeline is stored encrypted (a codec payload), and decrypts with the key ring.
    const stored = (await store.get(`${folder}${runId}.timeline.json`))!;
    expect(stored.toString()).not.toMatch(/principal|dana\.reyes|handbook/);
    // Issue 15 item 5: sealed under the case's data key; opened with it, then decrypted with the key ring.
    const codecs = env.client.options.loadedDataConverter.payloadCodecs;
    const opened = (await readArchivedFile(store, 'district-a', handle.workflowId, `${runId}.timeline.json`, codecs))!;
    const timeline = await decodeArchivedJson<{ runs: string[]; entries: TimelineEntry[] }>(opened, codecs);
    expect(timeline.runs).toEqual([runId]);
    expect(timeline.entries[0]).toMatchObject({ kind: 'filed' });
    expect(timeline.entries.filter((e) => e.kind === 'action').map((e) => e.summary)).toEqual([expect.stringMatching(/^decide by principal/), expect.stringMatching(/^withdraw by dana.reyes/)]);
    expect(timeline.entries.at(-1)).toMatchObject({ kind: 'closed', rules: ['GRV-WITHDRAW'] });

    const replays = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'archived-replay', dataConverter: testDataConverter() }, [{ workflowId: handle.workflowId, history: archived[0]!.history }])) replays.push(result);
    expect(replays).toEqual([expect.objectContaining({ workflowId: handle.workflowId, error: undefined })]);
  });

  it('a repeated request starts no second archive, and archiving the run again adds nothing to the chain', async () => {
    const handle = await file();
    await finish(handle);
    const request = { workflowId: handle.workflowId, runId: (await handle.describe()).runId, district: 'district-a' };
    await archiveCompleted(env.client, request);
    const chain = await readCaseChain(testWorkerArchive(worker), 'district-a', handle.workflowId);

    expect(await inActivity.run(activities().requestCaseArchive, request)).toEqual({ archiveWorkflowId: `case-archive:${request.workflowId}:${request.runId}`, alreadyRequested: true });
    const again: ArchivedRun = await inActivity.run(activities().archiveClosedRun, request);
    expect(again.entries).toEqual(chain);
    expect(await readCaseChain(testWorkerArchive(worker), 'district-a', handle.workflowId)).toEqual(chain);
  });

  it('an attempt before the run has closed fails as retryable (CaseRunStillOpen) and writes nothing', async () => {
    const handle = await file();
    const request = { workflowId: handle.workflowId, runId: (await handle.describe()).runId, district: 'district-a' };
    const error = await inActivity.run(activities().archiveClosedRun, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: CASE_RUN_STILL_OPEN, nonRetryable: false });
    expect(await testWorkerArchive(worker).list(`district-a/${handle.workflowId}/`)).toEqual([]);
    await finish(handle);
  });

  it('a case that continues as new has each run archived, and the archive gives them back first to latest', async () => {
    const workflowId = `grievance:chain-${Date.now().toString(36)}`;
    const probe = await env.client.workflow.start('archivedChainProbe', { taskQueue, workflowId, args: [{ district: 'district-b', runsLeft: 2 }] });
    for (let attempt = 0; (await probe.describe()).status.name !== 'COMPLETED'; attempt++) {
      if (attempt > 200) throw new Error(`${workflowId} did not complete`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const runIds = (await fetchCaseHistories(env.client, workflowId)).map((r) => r.runId);
    expect(runIds).toHaveLength(3);
    for (const runId of runIds) await archiveCompleted(env.client, { workflowId, runId });

    const store = testWorkerArchive(worker);
    expect((await loadArchivedRuns(store, 'district-b', workflowId, env.client.options.loadedDataConverter.payloadCodecs)).map((r) => r.runId)).toEqual(runIds);
    expect(await verifyCaseArchive(store, 'district-b', workflowId)).toMatchObject({ ok: true, entries: 6 });
    // The last run's timeline covers the runs before it that were archived first.
    const codecs = env.client.options.loadedDataConverter.payloadCodecs;
    const last = await decodeArchivedJson<{ runs: string[] }>((await readArchivedFile(store, 'district-b', workflowId, `${runIds[2]}.timeline.json`, codecs))!, codecs);
    expect(runIds.slice(0, 3)).toEqual(expect.arrayContaining(last.runs));
    expect(last.runs.at(-1)).toBe(runIds[2]);
  });
});
