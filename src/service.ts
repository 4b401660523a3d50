import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { rpcDeadlineInterceptor } from './temporal/rpc-deadline';
import { NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app';
import { caseDocumentStore } from './audit/document-store';
import { createRecordStore } from './audit/record-store';
import type { Config } from './config/config';
import type { Logger } from './logger';
import { temporalConnectionOptions } from './temporal/connection-options';
import { registerSearchAttributes } from './temporal/register-search-attributes';
import { installTemporalRuntime } from './temporal/runtime-logger';
import { createCaseWorker } from './worker/case-worker';
import { seedSampleCalendars } from './dev/seed-sample-calendars';
import { seedSampleObservationYear } from './dev/seed-sample-observation-year';
import { seedSampleParProgram } from './dev/seed-sample-par-program';
import { seedSampleGrievanceProcedure } from './dev/seed-sample-grievance-procedure';
import { StartupError } from './config/startup-error';
import { caseDataConverter } from './crypto/data-converter';
import { loadKeyRing } from './crypto/key-ring';

export type ServiceRole = 'all' | 'worker' | 'api';

export interface RunningService {
  /** Base URL the API listens on (when the API runs). */
  apiUrl: string | undefined;
  app: FastifyInstance | undefined;
  /** Stops the API first (no new actions), then drains the worker, then closes the connections. */
  stop(): Promise<void>;
}

/** A connection to Temporal, or a StartupError naming the address and the variable that sets it. */
async function connectTo<C>(address: string, connect: () => Promise<C>): Promise<C> {
  try {
    return await connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(
      `Cannot connect to Temporal at ${address} (TEMPORAL_ADDRESS): ${reason}. Check that the server runs and the address is right; ` +
        'with TEMPORAL_EMBEDDED=false nothing is started for you.',
      { cause: error },
    );
  }
}

/**
 * Starts the worker and/or the API against a Temporal server that already runs. Used by the run command, by the
 * production image (one role per container) and by the end-to-end tests.
 */
export async function startService(
  config: Config,
  logger: Logger,
  options: { role?: ServiceRole; workflowBundle?: WorkflowBundleOption } = {},
): Promise<RunningService> {
  const role = options.role ?? 'all';
  installTemporalRuntime(logger);
  const { namespace, taskQueue } = config.temporal;
  const target = temporalConnectionOptions(config.temporal);

  // Issue 15: every payload this service writes to Temporal is encrypted with the key ring's active key.
  const keyRing = loadKeyRing(config.payloadKeys, (file) =>
    logger.warn({ file }, 'generated a development payload key ring (case payloads are encrypted with it): production sets PAYLOAD_KEY_RING or PAYLOAD_KEY_RING_FILE'),
  );
  logger.info({ activeKeyId: keyRing.activeKeyId, keyIds: [...keyRing.keys.keys()], source: config.payloadKeys.kind }, 'payload key ring loaded');
  const dataConverter = caseDataConverter(keyRing);
  const connection = await connectTo(config.temporal.address, () => Connection.connect(target));
  await registerSearchAttributes(connection, namespace, logger);
  const client = new Client({ connection, namespace, dataConverter });

  // One archive client for the whole process: the case document store keeps its documents in the same place,
  // sealed under keys the payload key ring wraps (issue 15 item 5).
  const archive = createRecordStore(config.archive);
  // Issue 15 item 5: refuse to start on a key store that could not delete a case's data key (object lock).
  await archive.caseKeys.checkDeletable();
  const documents = caseDocumentStore(archive, { codecs: dataConverter.payloadCodecs });

  let workerRun: Promise<void> | undefined;
  let nativeConnection: NativeConnection | undefined;
  let worker: Awaited<ReturnType<typeof createCaseWorker>> | undefined;
  if (role !== 'api') {
    nativeConnection = await connectTo(config.temporal.address, () => NativeConnection.connect(target));
    worker = await createCaseWorker({
      connection: nativeConnection,
      namespace,
      taskQueue,
      dataConverter,
      activityDeps: {
        outboxDir: config.notices.outboxDir,
        notices: { ...config.notices, publicUrl: config.api.publicUrl },
        logger: logger.child({ component: 'activities' }),
        temporal: { client, namespace },
        archive,
        documents,
      },
      ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : {}),
      capacity: config.worker,
    });
    workerRun = worker.run();
    logger.info({ taskQueue, namespace }, 'worker started');
  }

  if (worker && config.sampleCalendars.enabled) {
    await seedSampleCalendars(client, taskQueue, config.sampleCalendars, logger);
    await seedSampleParProgram(client, taskQueue, config.sampleCalendars, logger);
    await seedSampleGrievanceProcedure(client, taskQueue, config.sampleCalendars, logger);
    await seedSampleObservationYear(client, taskQueue, config.sampleCalendars, logger);
  }

  let app: FastifyInstance | undefined;
  let apiUrl: string | undefined;
  let apiConnection: Connection | undefined;
  if (role !== 'worker') {
    // The API's own connection: every call has a short deadline, so an outage or overload answers 503 at once.
    apiConnection = await connectTo(config.temporal.address, () => Connection.connect({ ...target, interceptors: [rpcDeadlineInterceptor(config.temporal.rpcTimeoutMs), makeGrpcRetryInterceptor(defaultGrpcRetryOptions())] }));
    app = await buildApp({ config, logger, temporal: new Client({ connection: apiConnection, namespace, dataConverter }), archive, documents });
    apiUrl = await app.listen({ host: config.api.host, port: config.api.port });
    logger.info({ api: apiUrl, docs: `${apiUrl}/docs` }, 'API listening');
  }

  return {
    apiUrl,
    app,
    async stop() {
      await app?.close();
      if (worker && workerRun) {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await workerRun;
      }
      await nativeConnection?.close();
      await apiConnection?.close();
      await connection.close();
    },
  };
}
