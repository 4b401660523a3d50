import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import type { DocumentStore } from '../../src/audit/document-store';
import type { DistrictCalendar } from '../../src/domain/calendar';
import { grievanceDriver } from './grievance-driver';
import { publishCalendarsAround } from './publish-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from './temporal';

export { TZ, grievantSide, hr, principal, type GrievanceHandle } from './grievance-driver';

/**
 * One time-skipping environment for a test file of any case family: a worker and district-a's calendars published
 * around the server's now, read through getters set before the first test runs.
 */
export function useCasesEnv(taskQueue: string, options: { documents?: DocumentStore } = {}) {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let calendars: DistrictCalendar[] = [];

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue, undefined, options);
    ({ calendars } = await publishCalendarsAround(env.client, taskQueue, 'district-a', await env.currentTimeMs()));
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  return { env: () => env, calendars: () => calendars, outboxDir: () => worker.outboxDir, retentionChanges: () => worker.retentionChanges };
}

/** The moves every grievance workflow test makes (file, act, read, finish) on its own environment. */
export function useGrievanceCases(taskQueue: string) {
  const ctx = useCasesEnv(taskQueue);
  return grievanceDriver(ctx.env, ctx.calendars, taskQueue);
}
