import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import { parDriver, type ParDriver } from './par-driver';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from './temporal';

/**
 * One time-skipping environment for a PAR test file, with a worker and the PAR driver: `par` is set before the
 * first test runs. Each file has its own server, as its clock only moves forward.
 */
export function useParCases(taskQueue: string): { par: ParDriver } {
  const ctx = {} as { par: ParDriver };
  let env: TestWorkflowEnvironment | undefined;
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;
  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(testEnv, bundle, taskQueue);
    ctx.par = parDriver(testEnv, taskQueue);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });
  return ctx;
}
