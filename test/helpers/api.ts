import type { Client } from '@temporalio/client';
import { buildApp } from '../../api/app';
import { decodeHistory } from '../../src/crypto/data-converter';
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

/**
 * A case's raw history as Temporal stores it, with every payload decoded to its text (issue 11): what a check that a
 * long text is in the case document store, not in the history, searches.
 */
export async function historyText(env: TestWorkflowEnvironment, workflowId: string): Promise<string> {
  // Issue 15: the payloads are encrypted at rest; decrypted with the key ring, as the timeline reads them.
  const history = await decodeHistory(await env.client.workflow.getHandle(workflowId).fetchHistory(), env.client.options.loadedDataConverter.payloadCodecs);
  // Payloads (`data`: base64 in the protobuf's JSON form, else bytes) decoded here, one per line, so a search sees
  // their text as the workflow wrote it (JSON).
  const texts: string[] = [];
  const json = JSON.stringify(history, (key, value: unknown) => {
    if (key !== 'data') return value;
    if (typeof value === 'string') texts.push(Buffer.from(value, 'base64').toString('utf8'));
    else if (value instanceof Uint8Array) texts.push(Buffer.from(value).toString('utf8'));
    else if (Array.isArray((value as { data?: unknown } | null)?.data)) texts.push(Buffer.from((value as { data: number[] }).data).toString('utf8'));
    return value;
  });
  return [json, ...texts].join('\n');
}
