import type { Client } from '@temporalio/client';
import { buildApp } from '../../api/app';
import type { DocumentStore } from '../../src/audit/document-store';
import type { RecordStore } from '../../src/audit/record-store';
import { loadConfig, type Config } from '../../src/config/config';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { DistrictCalendar } from '../../src/domain/calendar';
import { checkResponsesAgainstDocument } from './openapi-conformance';
import { publishCalendarsAround } from './publish-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker, testDocuments, testLogger } from './temporal';
import { TEST_JWT_SECRET } from './tokens';

/**
 * The API wired to a Temporal client, configured as the embedded run is unless the env overrides say otherwise.
 * Every answer it gives through `inject` is checked against its OpenAPI document (status, media type, headers).
 */
export async function buildTestApp(temporal: Client, env: Record<string, string> = {}, taskQueue?: string, options: { archive?: RecordStore; documents?: DocumentStore } = {}) {
  const config: Config = loadConfig({ LOG_LEVEL: 'warn', AUTH_JWT_SECRET: TEST_JWT_SECRET, ...env });
  const app = await buildApp({
    config: { ...config, temporal: { ...config.temporal, taskQueue: taskQueue ?? config.temporal.taskQueue } },
    logger: testLogger,
    temporal,
    archive: options.archive,
    // The workers of the suite read the texts the API stores: one store for both (the service passes the archive's).
    documents: options.documents ?? testDocuments,
  });
  return checkResponsesAgainstDocument(app);
}

/**
 * One time-skipping environment for an API test file: a worker, the API on it, and district-a's calendars published
 * around the server's now. The fields are set before the first test runs.
 */
export function useApiOnTimeSkipping(taskQueue: string) {
  const ctx = {} as { env: TestWorkflowEnvironment; worker: Awaited<ReturnType<typeof startTestWorker>>; app: FastifyInstance; calendars: DistrictCalendar[]; today: string };
  beforeAll(async () => {
    const [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    ctx.env = env;
    ctx.worker = await startTestWorker(env, bundle, taskQueue);
    ctx.app = await buildTestApp(env.client, {}, taskQueue);
    Object.assign(ctx, await publishCalendarsAround(env.client, taskQueue, 'district-a', await env.currentTimeMs()));
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.worker?.stop();
    await ctx.env?.teardown();
  });
  return ctx;
}
