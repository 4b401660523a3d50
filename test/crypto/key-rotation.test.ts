import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchCaseHistories } from '../../src/audit/case-history';
import { decodeCaseRuns } from '../../src/audit/case-records';
import { EncryptionCodec, keyIdOf } from '../../src/crypto/encryption-codec';
import type { DistrictCalendar } from '../../src/domain/calendar';
import { grievanceDriver, grievantSide, principal } from '../helpers/grievance-driver';
import { testDataConverter, testKeyRing } from '../helpers/key-ring';
import { publishCalendarsAround } from '../helpers/publish-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../helpers/temporal';

const taskQueue = 'key-rotation';

/**
 * Issue 15: rotating the active payload key needs no downtime. A case is filed and decided while the worker and the
 * client encrypt under test-key-1; the key ring then makes test-key-2 active (test-key-1 stays in it to decrypt), the
 * worker restarts on it, and the case goes on to its end under key 2.
 */
describe('payload key rotation (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let calendars: DistrictCalendar[] = [];
  let bundle: Awaited<ReturnType<typeof bundleWorkflows>>;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnv(testDataConverter(testKeyRing('test-key-1'))), bundleWorkflows()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('a case started under key 1 finishes under key 2; its history holds both; without key 1 it fails naming "test-key-1"', async () => {
    // Before the rotation: worker and client under test-key-1.
    // No sticky cache: the Java test server never moves a case's tasks off a stopped worker's sticky queue.
    const before = await startTestWorker(env, bundle, taskQueue, testDataConverter(testKeyRing('test-key-1')), { maxCachedWorkflows: 0 });
    ({ calendars } = await publishCalendarsAround(env.client, taskQueue, 'district-a', await env.currentTimeMs()));
    const g1 = grievanceDriver(() => env, () => calendars, taskQueue);
    const handle = await g1.file();
    await g1.act(handle, { type: 'decide', outcome: 'denied', text: 'No violation found.' }, principal);
    // A rolling restart: the old worker finishes what it started (the decision's notices) before it goes.
    for (let attempt = 0; ((await handle.describe()).raw.pendingActivities ?? []).length > 0; attempt++) {
      if (attempt > 600) throw new Error('the decision notices did not go out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await before.stop();

    // The rotation: a new ring with test-key-2 active; the worker and the client restart on it.
    const rotated = testDataConverter(testKeyRing('test-key-2'));
    const after = await startTestWorker(env, bundle, taskQueue, rotated);
    try {
      const client = new Client({ connection: env.connection, dataConverter: rotated });
      const envAfter = { ...env, client } as unknown as TestWorkflowEnvironment;
      const g2 = grievanceDriver(() => envAfter, () => calendars, taskQueue);
      const again = client.workflow.getHandle(handle.workflowId) as typeof handle;
      await g2.act(again, { type: 'appeal', conferenceRequested: false }, grievantSide);
      await g2.act(again, { type: 'withdraw' }, grievantSide);
      // The withdrawal closes the case once its notices are out (a loaded machine takes its time).
      for (let attempt = 0; (await again.describe()).status.name === 'RUNNING'; attempt++) {
        if (attempt > 600) throw new Error(`${handle.workflowId} did not close`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const closed = await g2.state(again);
      expect(closed.status).toBe('closed');
      expect(closed.actions.map((a) => a.action)).toEqual(['filed', 'decide', 'appeal', 'withdraw']);

      const runs = await fetchCaseHistories(client, handle.workflowId);
      const keyIds = new Set(
        runs.flatMap((r) => r.history.events ?? []).flatMap((e) => [
          ...(e.workflowExecutionStartedEventAttributes?.input?.payloads ?? []),
          ...(e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? []),
          ...(e.workflowExecutionCompletedEventAttributes?.result?.payloads ?? []),
        ]).map(keyIdOf),
      );
      expect([...keyIds].sort()).toEqual(['test-key-1', 'test-key-2']);
      // A ring without the retired key cannot read the case's beginning, and says which key it lacks.
      await expect(decodeCaseRuns(runs, [new EncryptionCodec(testKeyRing('test-key-2', ['test-key-2']))])).rejects.toThrow(/key id "test-key-1", which the key ring does not hold/);
      expect(await decodeCaseRuns(runs, rotated.payloadCodecs!)).toHaveLength(1);
    } finally {
      await after.stop();
    }
  });
});
