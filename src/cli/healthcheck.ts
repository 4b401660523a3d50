import os from 'node:os';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../config/config';
import { temporalConnectionOptions } from '../temporal/connection-options';

/**
 * The container health checks of docker-compose.yml: `node dist/src/cli/healthcheck.js api|worker`, exit 0 healthy.
 * - api: `/readyz` answers 200 (the API runs and reaches Temporal).
 * - worker: Temporal has seen a poller of this host on the case task queue within the last minute: the worker runs,
 *   is connected and takes tasks (the SDK's identity is `<pid>@<hostname>`, and a container has its own hostname).
 */
const POLLER_FRESH_MS = 60_000;

export async function checkHealth(role: string, env: Record<string, string | undefined> = process.env): Promise<string> {
  const config = loadConfig(env);
  if (role === 'api') {
    const host = config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host;
    const res = await fetch(`http://${host}:${config.api.port}/readyz`, { signal: AbortSignal.timeout(4_000) });
    if (res.status !== 200) throw new Error(`/readyz answered ${res.status}`);
    return 'api ready';
  }
  if (role !== 'worker') throw new Error(`unknown role "${role}": use api or worker`);
  const connection = await Connection.connect({ ...temporalConnectionOptions(config.temporal), connectTimeout: 4_000 });
  try {
    const { pollers } = await connection.withDeadline(Date.now() + 4_000, () =>
      connection.workflowService.describeTaskQueue({
        namespace: config.temporal.namespace,
        taskQueue: { name: config.temporal.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    const suffix = `@${os.hostname()}`;
    const fresh = (pollers ?? []).some((poller) => {
      const seenMs = Number(poller.lastAccessTime?.seconds ?? 0) * 1000;
      return poller.identity?.endsWith(suffix) && Date.now() - seenMs < POLLER_FRESH_MS;
    });
    if (!fresh) throw new Error(`no poller of ${os.hostname()} on task queue ${config.temporal.taskQueue} in the last minute`);
    return 'worker polling';
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  checkHealth(process.argv[2] ?? '').then(
    (status) => {
      process.stdout.write(`${status}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`unhealthy: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
