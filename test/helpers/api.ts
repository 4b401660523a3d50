import type { Client } from '@temporalio/client';
import { buildApp } from '../../api/app';
import { loadConfig, type Config } from '../../src/config/config';
import { testLogger } from './temporal';

/** The API wired to a Temporal client, configured as the embedded run is unless the env overrides say otherwise. */
export function buildTestApp(temporal: Client, env: Record<string, string> = {}, taskQueue?: string) {
  const config: Config = loadConfig({ LOG_LEVEL: 'warn', ...env });
  return buildApp({
    config: { ...config, temporal: { ...config.temporal, taskQueue: taskQueue ?? config.temporal.taskQueue } },
    logger: testLogger,
    temporal,
  });
}
