import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { WORKFLOWS_PATH } from '../src/worker/case-worker';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalCliPath: string;
    temporalTestServerPath: string;
    /** The production workflows, bundled once for the whole run. */
    workflowBundlePath: string;
  }
}

const root = path.resolve(__dirname, '..');
const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * Resolves both Temporal servers once per run (provisioning them if `npx vitest` runs without `npm test`) and
 * bundles the production workflows once: each test file's worker loads that bundle instead of bundling again.
 */
export default async function setup(project: TestProject) {
  const provision = (script: string) =>
    execFileSync('bash', [path.join(root, 'scripts', script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  project.provide('temporalCliPath', process.env.TEMPORAL_CLI_PATH || provision('provision-temporal-cli.sh'));
  project.provide('temporalTestServerPath', process.env.TEMPORAL_TEST_SERVER_PATH || provision('provision-test-server.sh'));

  const bundlePath = path.join(root, '.cache', `workflow-bundle-${process.pid}.js`);
  await mkdir(path.dirname(bundlePath), { recursive: true });
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent });
  await writeFile(bundlePath, code);
  project.provide('workflowBundlePath', bundlePath);
  return () => rm(bundlePath, { force: true });
}
