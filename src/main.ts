import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { ConfigError, loadConfig } from './config/config';
import { StartupError } from './config/startup-error';
import { KeyRingError } from './crypto/key-ring';
import { startDevServer, type DevServer } from './dev/dev-server';
import { takenPorts } from './dev/ports-in-use';
import { createLogger } from './logger';
import { startService, type RunningService, type ServiceRole } from './service';

/**
 * The run command. `node dist/src/main.js [all|worker|api]`:
 * - embedded (default): starts the Temporal dev server with a SQLite file under DATA_DIR and the Web UI, then the
 *   worker and the API in this process; Ctrl-C stops the API, the worker, then the server.
 * - TEMPORAL_EMBEDDED=false: connects to TEMPORAL_ADDRESS; `worker` or `api` runs one role (one per container).
 */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const role = parseRole(process.argv[2]);
  const logger = createLogger(config.logLevel);
  if (config.auth.usesDevSecret) {
    logger.warn('bearer tokens are verified with the embedded development secret: set AUTH_JWKS_URL or AUTH_JWT_SECRET in production');
  }

  // Filled as things start, so a Ctrl-C at any moment stops exactly what runs.
  const running: { devServer?: DevServer; service?: RunningService } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    let code = 0;
    try {
      await running.service?.stop();
    } catch (error) {
      logger.error({ err: error }, 'stopping the service failed');
      code = 1;
    }
    // The dev server stops last and always: its SQLite file is the case store.
    try {
      await running.devServer?.stop();
    } catch (error) {
      logger.error({ err: error }, 'stopping the Temporal dev server failed');
      code = 1;
    }
    process.exit(code);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));

  if (config.temporal.embedded) {
    // Before anything starts: a dev server that cannot bind would leave our worker on whatever holds the port.
    const taken = await takenPorts(config, role);
    if (taken.length > 0) throw new StartupError(taken.join('\n'));
    const cliPath = process.env.TEMPORAL_CLI_PATH;
    if (!cliPath) {
      throw new Error('TEMPORAL_CLI_PATH is not set: start the embedded run with `npm start`, which provisions the Temporal CLI.');
    }
    mkdirSync(config.dataDir, { recursive: true });
    running.devServer = await startDevServer({
      cliPath,
      port: Number(config.temporal.address.split(':').pop()),
      uiPort: config.temporal.uiPort,
      dbFile: path.join(config.dataDir, 'temporal.db'),
      // Issue 15: the UI decrypts through the API's codec endpoint, for the tokens allowed to read whole records.
      uiCodecEndpoint: `http://127.0.0.1:${config.api.port}/codec`,
      namespace: config.temporal.namespace,
      logger,
    });
  }
  const service = await startService(config, logger, { role });
  running.service = service;
  if (stopping) return void (await service.stop());
  logger.info(
    {
      api: service.apiUrl,
      docs: service.apiUrl ? `${service.apiUrl}/docs` : undefined,
      temporalUi: running.devServer?.uiUrl,
      codecEndpoint: service.apiUrl ? `${service.apiUrl}/codec` : undefined,
      temporal: config.temporal.address,
    },
    'case-deadlines is running: press Ctrl-C to stop',
  );
}

function parseRole(arg: string | undefined): ServiceRole {
  if (arg === undefined || arg === 'all' || arg === 'worker' || arg === 'api') return arg ?? 'all';
  process.stderr.write(`Unknown role "${arg}": use all, worker or api.\n`);
  process.exit(2);
}

main().catch((error: unknown) => {
  // A key ring that cannot be read or parsed (issue 15) is the operator's to fix, as a port taken is.
  if (error instanceof StartupError || error instanceof KeyRingError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
