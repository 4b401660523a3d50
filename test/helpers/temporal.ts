import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { inject } from 'vitest';
import { WORKFLOWS_PATH } from '../../src/worker/case-worker';
import { createLogger } from '../../src/logger';
import { installTemporalRuntime } from '../../src/temporal/runtime-logger';
import { registerSearchAttributes } from '../../src/temporal/register-search-attributes';

export const testLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn', { pretty: false });

/** Temporal's Java time-skipping test server, provisioned from Maven Central (months pass in seconds). */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installTemporalRuntime(testLogger);
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
  });
  // Cases set their search attributes from the first workflow task: the server must know them.
  await registerSearchAttributes(env.connection, env.namespace ?? 'default', testLogger);
  return env;
}

/** Bundles the production workflows (or another entry point) once per test file. */
export function bundleWorkflows(workflowsPath: string = WORKFLOWS_PATH): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
}
