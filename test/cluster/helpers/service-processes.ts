import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_KEY_RING_FILE } from '../../helpers/key-ring';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { TEST_JWT_SECRET } from '../../helpers/tokens';

const ROOT = path.resolve(__dirname, '../../..');

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** The API's base URL as it reported listening (the API role only). */
  readonly apiUrl: string | undefined;
  /** SIGTERM (a graceful stop: the API closes, the worker drains) or SIGKILL (a crash), then waits for the end. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * One service process exactly as production runs it: `node dist/src/main.js api|worker` (built by `npm run build`,
 * the worker loading the prebuilt workflow bundle), configured by environment only, against the cluster. Its JSON
 * log goes to `<clusterDir>/logs/<name>.log`. Resolves once the role reports it runs.
 */
export async function startServiceProcess(role: 'api' | 'worker', name: string, env: Record<string, string>): Promise<ServiceProcess> {
  const logDir = path.join(inject('clusterDir'), 'logs');
  await mkdir(logDir, { recursive: true });
  const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, ['dist/src/main.js', role], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      TEMPORAL_EMBEDDED: 'false',
      TEMPORAL_ADDRESS: inject('clusterAddress'),
      TEMPORAL_NAMESPACE: 'default',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      // Issue 15: the processes encrypt payloads with the tests' key ring, read from a file as docker-compose.yml
      // mounts the district's (test/deploy/cluster-in-step.test.ts).
      PAYLOAD_KEY_RING_FILE: TEST_KEY_RING_FILE,
      LOG_LEVEL: 'info',
      // The API's deadline per Temporal call (2 s in production) stretched for a 2-core machine running a whole
      // cluster and the suite: these tests count lost actions, not latency. An outage answers 503 at the deadline.
      TEMPORAL_RPC_TIMEOUT_MS: '15000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const ready = role === 'api' ? '"msg":"API listening"' : '"msg":"worker started"';
  let apiUrl: string | undefined;
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    let started = false;
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s (see ${logDir}/${name}.log)`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (started) return;
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      // Whole lines only (the last piece may be cut mid-line).
      const line = seen.split('\n').slice(0, -1).find((l) => l.includes(ready));
      if (line !== undefined) {
        if (role === 'api') apiUrl = (JSON.parse(line) as { api: string }).api;
        started = true;
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
    void exited.then((code) => {
      if (started) return;
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it started (see ${logDir}/${name}.log)`));
    });
  });
  return {
    name,
    child,
    exited,
    apiUrl,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      log.end();
      return code;
    },
  };
}

export interface ProductionTopology {
  api: string;
  apiProcess: ServiceProcess;
  workers: ServiceProcess[];
  dataDir: string;
  taskQueue: string;
  /** Starts one more worker process on the same task queue and data (after a crash, as an orchestrator would). */
  addWorker(name: string): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * The production topology on the cluster: one API process and two worker processes, separate, sharing the data
 * folder (the archive the workers write is the one the API reads) and one task queue per test file.
 */
export async function startProductionTopology(taskQueue: string, env: Record<string, string> = {}): Promise<ProductionTopology> {
  const dataDir = await mkdtemp(path.join(inject('clusterDir'), `data-${taskQueue}-`));
  const common = { TEMPORAL_TASK_QUEUE: taskQueue, DATA_DIR: dataDir, ...env };
  const workers = await Promise.all([1, 2].map((n) => startServiceProcess('worker', `${taskQueue}-worker-${n}`, common)));
  // Port 0: the API takes a free port as it listens and reports it (a port looked up first may be taken meanwhile).
  const apiProcess = await startServiceProcess('api', `${taskQueue}-api`, { ...common, API_HOST: '127.0.0.1', API_PORT: '0' });
  return {
    api: apiProcess.apiUrl!,
    apiProcess,
    workers,
    dataDir,
    taskQueue,
    async addWorker(name: string) {
      const worker = await startServiceProcess('worker', `${taskQueue}-${name}`, common);
      workers.push(worker);
      return worker;
    },
    async stop() {
      await apiProcess.stop();
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
