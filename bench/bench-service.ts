import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../src/config/config';
import { startDevServer } from '../src/dev/dev-server';
import { createLogger } from '../src/logger';
import { startService, type ServiceRole } from '../src/service';
import { TEST_KEY_RING_JSON, testDataConverter } from '../test/helpers/key-ring';

/**
 * What a benchmark runs on: a Temporal CLI dev server on a free port, the service (`role`) on it with a fresh data
 * folder, and a client of its own. `stop()` ends all three.
 */
export async function startBenchService(name: string, role: ServiceRole, logLevel: 'warn' | 'error' = 'warn') {
  const logger = createLogger(logLevel, { pretty: false });
  const cliPath = process.env.TEMPORAL_CLI_PATH || execFileSync('bash', ['scripts/provision-temporal-cli.sh'], { encoding: 'utf8' }).trim();
  const devServer = await startDevServer({ cliPath, port: 0, namespace: 'default', logger });
  const config = loadConfig({
    TEMPORAL_ADDRESS: devServer.address,
    TEMPORAL_EMBEDDED: 'false',
    // Issue 15: payloads encrypted with the tests' key ring, as in production with a real one.
    PAYLOAD_KEY_RING: TEST_KEY_RING_JSON,
    // Outside the embedded run the public dev secret is refused: any other will do for a benchmark.
    AUTH_JWT_SECRET: `${name}-benchmark-secret-not-for-any-deployment-0123`,
    TEMPORAL_TASK_QUEUE: `bench-${name}`,
    API_PORT: '0',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), `${name}-bench-`)),
    LOG_LEVEL: logLevel,
  });
  const service = await startService(config, logger, { role });
  const client = new Client({ connection: await Connection.connect({ address: devServer.address }), dataConverter: testDataConverter() });
  return {
    config,
    service,
    client,
    async stop() {
      await client.connection.close();
      await service.stop();
      await devServer.stop();
    },
  };
}
