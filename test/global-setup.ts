import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalCliPath: string;
    temporalTestServerPath: string;
  }
}

const root = path.resolve(__dirname, '..');

/** Resolves both Temporal servers once per run (provisioning them if `npx vitest` runs without `npm test`). */
export default function setup(project: TestProject) {
  const provision = (script: string) =>
    execFileSync('bash', [path.join(root, 'scripts', script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  project.provide('temporalCliPath', process.env.TEMPORAL_CLI_PATH || provision('provision-temporal-cli.sh'));
  project.provide('temporalTestServerPath', process.env.TEMPORAL_TEST_SERVER_PATH || provision('provision-test-server.sh'));
}
