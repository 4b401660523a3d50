// The end-to-end stack of the e2e tests: the Temporal CLI dev server, the worker and the API as `npm start` runs
// them, started for one test file (the CLI path is the value vitest's globalSetup provides: inject('temporalCliPath')).
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { startService, type RunningService } from '../../src/service';
import { testLogger } from './temporal';
import { TEST_KEY_RING_JSON } from './key-ring';
import { TEST_JWT_SECRET } from './tokens';

export interface E2eStack {
  readonly api: string;
  /** The dev server's gRPC address (`127.0.0.1:<port>`), for reading what Temporal holds as the CLI would. */
  readonly temporalAddress: string;
  /** The service's DATA_DIR: the archive is its `archive` folder. */
  readonly dataDir: string;
  /** One JSON request to the API (a body makes it `application/json`). */
  send(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}

export async function startE2eStack(cliPath: string, taskQueue: string): Promise<E2eStack> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), `case-deadlines-${taskQueue}-`));
  const devServer: DevServer = await startDevServer({ cliPath, port: 0, namespace: 'default', logger: testLogger });
  let service: RunningService | undefined;
  try {
    const config = loadConfig({ TEMPORAL_ADDRESS: devServer.address, TEMPORAL_EMBEDDED: 'false', PAYLOAD_KEY_RING: TEST_KEY_RING_JSON, AUTH_JWT_SECRET: TEST_JWT_SECRET, TEMPORAL_TASK_QUEUE: taskQueue, API_PORT: '0', DATA_DIR: dataDir,
      // The listings are under test, not latency: a busy 2-core machine answers slower than the default 2 s.
      TEMPORAL_RPC_TIMEOUT_MS: '15000' });
    service = await startService(config, testLogger);
  } catch (error) {
    await devServer.stop();
    throw error;
  }
  const api = service.apiUrl!;
  return {
    api,
    temporalAddress: devServer.address,
    dataDir,
    send: (method, url, headers, body) =>
      fetch(`${api}${url}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
    async stop() {
      await service?.stop();
      await devServer.stop();
    },
  };
}
