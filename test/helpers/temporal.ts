import { readFile } from 'node:fs/promises';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { inject } from 'vitest';
import { WORKFLOWS_PATH } from '../../src/worker/case-worker';
import { bundleWorkflows as bundleWorkflowsAt, createTimeSkippingEnvAt } from './temporal-env';

export * from './temporal-env';

/** Temporal's Java time-skipping test server, provisioned from Maven Central (months pass in seconds). */
export function createTimeSkippingEnv(dataConverter?: DataConverter): Promise<TestWorkflowEnvironment> {
  return createTimeSkippingEnvAt(inject('temporalTestServerPath'), dataConverter);
}

/** The production workflows as bundled once for the run (test/global-setup.ts); another entry point is bundled here. */
export async function bundleWorkflows(workflowsPath: string = WORKFLOWS_PATH): Promise<WorkflowBundle> {
  if (workflowsPath === WORKFLOWS_PATH) return { code: await readFile(inject('workflowBundlePath'), 'utf8') };
  return bundleWorkflowsAt(workflowsPath);
}
