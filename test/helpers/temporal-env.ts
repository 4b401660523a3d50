// The Temporal test helpers that need no vitest: usable from scripts run with tsx as well as from tests.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { QueryDefinition, WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { caseDocumentStore, type DocumentStore } from '../../src/audit/document-store';
import { localRecordStore } from '../../src/audit/record-store';
import type { CalendarAnnouncement } from '../../src/domain/calendar/case-clock-types';
import type { ProcedureMigrationNotice } from '../../src/domain/grievance/procedure-record';
import { WORKFLOWS_PATH } from '../../src/worker/case-worker';
import { createLogger } from '../../src/logger';
import { installTemporalRuntime } from '../../src/temporal/runtime-logger';
import { registerSearchAttributes } from '../../src/temporal/register-search-attributes';
import type { DataConverter } from '@temporalio/common';
import { testDataConverter } from './key-ring';

export const testLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error', { pretty: false });

/**
 * The case document store the suite's API and workers share (in production both get the one beside the archive):
 * the texts the API stores, the worker's notices read, sealed under the tests' key ring (issue 15 item 5). Per case
 * and content-addressed within it, so every test file may use the one folder.
 */
export const testDocuments = caseDocumentStore(localRecordStore(path.join(os.tmpdir(), 'case-deadlines-test-documents')), { codecs: testDataConverter().payloadCodecs });

/**
 * Temporal's Java time-skipping test server (months pass in seconds), started from the binary at `serverPath`.
 * Tests call `createTimeSkippingEnv()` from ./temporal; scripts outside vitest (histories:record) call this.
 */
export async function createTimeSkippingEnvAt(serverPath: string, dataConverter: DataConverter = testDataConverter()): Promise<TestWorkflowEnvironment> {
  installTemporalRuntime(testLogger);
  const start = () =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: serverPath } },
      // Issue 15: the tests' client encrypts as the service's does (the test key ring).
      client: { dataConverter },
    });
  // The SDK gives the Java server 5 s to listen: on a loaded 2-core machine (a JVM starting beside other suites) it
  // may need longer, so a start that timed out is tried again, on another port.
  let env: TestWorkflowEnvironment | undefined;
  for (let attempt = 1; env === undefined; attempt++) {
    try {
      env = await start();
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('did not start within')) throw error;
    }
  }
  // Cases set their search attributes from the first workflow task: the server must know them.
  await registerSearchAttributes(env.connection, env.namespace ?? 'default', testLogger);
  return env;
}

/** Bundles the production workflows (or another entry point); tests take the run's bundle from ./temporal instead. */
export function bundleWorkflows(workflowsPath: string = WORKFLOWS_PATH): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
}

/**
 * A worker with the production activities (outbox in a fresh temp folder) on a test environment. The Java test
 * server has no visibility, so calendar announcements to open cases are recorded instead of batch-signalled
 * (the batch fan-out is tested end to end on the dev server); so are grievance procedure migrations (issue 16).
 * Its document store is the suite's shared one unless `options.documents` gives its own (a test that sweeps uploads).
 */
export async function startTestWorker(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundle,
  taskQueue: string,
  dataConverter: DataConverter = testDataConverter(),
  options: { maxCachedWorkflows?: number; logger?: typeof testLogger; documents?: DocumentStore } = {},
) {
  const outboxDir = await mkdtemp(path.join(os.tmpdir(), 'outbox-'));
  const announcements: CalendarAnnouncement[] = [];
  const migrations: ProcedureMigrationNotice[] = [];
  const retentionChanges: { district: string; version: number }[] = [];
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    dataConverter,
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
    // A test ends with work in flight (a notice, an archive waiting for its run to close): cancel it rather than hang.
    shutdownGraceTime: '2 seconds',
    shutdownForceTime: '10 seconds',
    activities: createActivities({
      outboxDir,
      logger: options.logger ?? testLogger,
      temporal: { client: env.client, namespace: env.namespace ?? 'default' },
      openCases: { signalOpenCases: async (_district, announcement) => void announcements.push(announcement) },
      procedureMigrations: { signalRunningGrievances: async (notice) => void migrations.push(notice) },
      retentionSignals: { signalWaitingCases: async (district, version) => void retentionChanges.push({ district, version }) },
      documents: options.documents ?? testDocuments,
    }),
  });
  const running = worker.run();
  return {
    worker,
    outboxDir,
    announcements,
    migrations,
    /** Retention policy versions announced to the closed cases waiting for their day (issue 15 item 5). */
    retentionChanges,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      try {
        await running;
      } catch (error) {
        // A forced shutdown (work still in flight after the grace time) leaves the native worker referenced by
        // the call it cut off; the worker has stopped all the same. Anything else is a real failure.
        if (!(error instanceof Error && /Worker still in use/.test(error.message))) throw error;
        testLogger.warn({ taskQueue }, 'test worker forced to stop with work in flight');
      }
    },
  };
}

/**
 * Moves the time-skipping server's clock to `atMs`, firing every timer on the way, and no further. Tests wait this
 * way rather than with `handle.result()`: a result call unlocks skipping until the client has its answer, and in
 * that gap the Java server skips on to the next timer anywhere (an idle workflow's ten-year execution timeout).
 */
export async function advanceTo(env: TestWorkflowEnvironment, atMs: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (atMs > now) await env.sleep(atMs - now);
}

/** The final state of a workflow that has closed (or is closing), read without unlocking time skipping. */
export async function closedState<T>(handle: WorkflowHandle, query: QueryDefinition<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') return handle.query(query);
    if (attempt > 100) throw new Error(`${handle.workflowId} is still running`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
