import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import type { Logger } from '../logger';

export interface DevServerOptions {
  /** Path of the `temporal` CLI binary. */
  cliPath: string;
  /**
   * The gRPC port. 0 picks a free one: tried up to five times, since a port free when looked at can be taken by
   * another program (another test's server or API) before the server binds it.
   */
  port: number;
  /** Web UI port; undefined runs headless (tests). */
  uiPort?: number | undefined;
  /** SQLite file that keeps cases across runs; undefined keeps them in memory. */
  dbFile?: string | undefined;
  /** The Web UI's remote codec endpoint (issue 15: the API's `/codec`), so the UI can decrypt for those allowed. */
  uiCodecEndpoint?: string | undefined;
  namespace: string;
  logger: Logger;
  startTimeoutMs?: number;
  /** With port 0, how a free port is picked (tests hand out a taken one first). */
  pickPort?: () => Promise<number>;
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the Temporal CLI dev server and waits until it answers. It runs in its own process group, so a Ctrl-C in
 * the terminal reaches the run command first, which stops the API and the worker before the server.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  if (options.port !== 0) return startOnPort(options, options.port, options.namespace);
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    // A namespace of this start's own: on a port another server took first, the answer lacks it, so the wait goes on
    // until this server exits on the taken port, instead of attaching to the other one.
    const mine = `dev-server-${randomBytes(6).toString('hex')}`;
    try {
      return await startOnPort(options, await (options.pickPort ?? freeLoopbackPort)(), mine);
    } catch (error) {
      lastError = error;
      if (!(error instanceof DevServerExited)) throw error;
      options.logger.warn({ attempt: attempt + 1 }, 'Temporal dev server exited while starting; trying another free port');
    }
  }
  throw lastError;
}

/** The dev server ended before it answered (its port taken, most often). */
class DevServerExited extends Error {}

async function startOnPort(options: DevServerOptions, port: number, answeringNamespace: string): Promise<DevServer> {
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--namespace', options.namespace,
    ...(answeringNamespace !== options.namespace ? ['--namespace', answeringNamespace] : []),
    '--log-level', 'warn',
    // CAL-2 fan-out: the server signals open cases through batch operations, throttled to 50/s by default.
    '--dynamic-config-value', 'worker.batcherRPS=1000',
    ...(options.uiPort !== undefined ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...(options.uiPort !== undefined && options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
  ];
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  const remember = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  // Backstop: never leave a server behind if this process dies without stopping it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  for (;;) {
    if (exited !== null) {
      process.removeListener('exit', killOnExit);
      throw new DevServerExited(`Temporal dev server exited with code ${exited} while starting:\n${output.join('')}`);
    }
    if (await answers(address, answeringNamespace)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Temporal dev server did not answer on ${address} in time:\n${output.join('')}`);
    }
    await sleep(200);
  }
  options.logger.info({ address, ui: options.uiPort, dbFile: options.dbFile }, 'Temporal dev server started');

  return {
    address,
    uiUrl: options.uiPort !== undefined ? `http://127.0.0.1:${options.uiPort}` : undefined,
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopProcess(child);
      options.logger.info({ address }, 'Temporal dev server stopped');
    },
  };
}

/** A TCP port free on loopback right now (the tests' `freePort` too). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function answers(address: string, namespace: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 1_000 });
    await connection.withDeadline(Date.now() + 1_000, () =>
      connection!.workflowService.describeNamespace({ namespace }),
    );
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}
