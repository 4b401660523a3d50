import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';
import { createTimeSkippingEnvAt } from './temporal-env';

export * from './temporal-env';

/** Temporal's Java time-skipping test server, provisioned from Maven Central (months pass in seconds). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return createTimeSkippingEnvAt(inject('temporalTestServerPath'));
}
