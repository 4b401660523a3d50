/**
 * Benchmark (issue 11): the API against the raw SDK client, side by side in one run on the same dev server and
 * worker (`npm start`'s setup: one process runs API and worker, the Temporal CLI dev server beside it). The clients
 * run in a process of their own (bench/api-bench-driver.ts), as HR systems do: this process is the service alone.
 *   npm run bench:api -- --creates 200 --seconds 20 --open 1000
 * Prints the machine and the date, then:
 *   - creates: cases/s and latency p50/p99 until idle, API (`POST /v1/grievances`) and raw: the same work the API
 *     asks of Temporal (`executeUpdateWithStart` of the `caseOpened` Update with the same start input, answered after
 *     the case's first workflow task), taking turns in four slices, their ratio; and, for reference, a raw
 *     `client.workflow.start` alone (which answers once the start is recorded, before any workflow task);
 *   - actions at 5 and 20 req/s offered (open loop): p50/p99 of `POST /v1/grievances/:id/actions` and of the raw
 *     `executeUpdate`, taking turns in four slices of each phase, and how many were answered at all;
 *   - at 50 req/s offered: the count of 5xx answers by status (overload must answer 503, never 500);
 *   - RSS per open case of the service process with `--open` cases open (the issue's target is 10,000);
 *   - history bytes per case (the server's own figure) after the action phases.
 * It prints figures and asserts nothing.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DriverAsk, DriverSetup, ServiceAnswer } from './api-bench-driver';
import { startBenchService } from './bench-service';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until this process (API and worker) is idle: under 5% of one core for two seconds running. The seconds waited. */
async function untilIdle(limitSeconds = 120): Promise<number> {
  const t0 = performance.now();
  let quiet = 0;
  while (quiet < 2 && performance.now() - t0 < limitSeconds * 1000) {
    const before = process.cpuUsage();
    await sleep(1000);
    const used = process.cpuUsage(before);
    quiet = (used.user + used.system) / 1e6 < 0.05 ? quiet + 1 : 0;
  }
  return (performance.now() - t0) / 1000;
}

async function main() {
  const { config, service, stop } = await startBenchService('api', 'all', 'error');
  try {
    const cpus = os.cpus();
    console.log(`machine: ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`date: ${new Date().toISOString()}`);
    const setup: DriverSetup = {
      apiUrl: service.apiUrl!,
      temporalAddress: config.temporal.address,
      config: { auth: config.auth, archive: config.archive, temporal: { taskQueue: config.temporal.taskQueue } },
      creates: arg('creates', 200),
      seconds: arg('seconds', 20),
      open: arg('open', 1000),
      concurrency: arg('concurrency', 16),
    };
    const driver = fork(path.join(__dirname, 'api-bench-driver.ts'), { stdio: 'inherit' });
    driver.on('message', async (message: DriverAsk) => {
      let answer: ServiceAnswer;
      if (message.ask === 'idle') answer = { ask: 'idle', seconds: await untilIdle() };
      else {
        global.gc?.();
        answer = { ask: 'rss', bytes: process.memoryUsage().rss };
      }
      driver.send(answer);
    });
    driver.send(setup);
    const code = await new Promise<number | null>((resolve) => driver.on('exit', resolve));
    if (code !== 0) process.exitCode = 1;
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
