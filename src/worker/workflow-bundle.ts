import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundle, type WorkflowBundlePath } from '@temporalio/worker';

/** The directory of the workflow code, from source (tests) or from the compiled `dist/` alike. */
export const WORKFLOWS_PATH = path.resolve(__dirname, '../../workflows');

/**
 * Where `npm run build` writes the production workflow bundle: `dist/workflow-bundle.js` beside the compiled code.
 * A worker started from `dist/` loads it instead of bundling `workflows/` with webpack at each start (seconds of
 * CPU per worker process, and the same code in every replica). From source (tsx, tests) it does not exist.
 */
export const PREBUILT_BUNDLE_PATH = path.resolve(__dirname, '../../workflow-bundle.js');

/** The prebuilt bundle where the build wrote one. */
export function prebuiltWorkflowBundle(bundlePath: string = PREBUILT_BUNDLE_PATH): WorkflowBundlePath | undefined {
  return existsSync(bundlePath) ? { codePath: bundlePath } : undefined;
}

const quietBundlerLogger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Bundles `workflows/` with the SDK's webpack, in memory. */
export function bundleWorkflows(workflowsPath: string = WORKFLOWS_PATH): Promise<WorkflowBundle & { code: string }> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

/** Bundles `workflows/` and writes the bundle to `outPath`. */
export async function writeWorkflowBundle(outPath: string = PREBUILT_BUNDLE_PATH, workflowsPath: string = WORKFLOWS_PATH): Promise<string> {
  const { code } = await bundleWorkflows(workflowsPath);
  await mkdir(path.dirname(outPath), { recursive: true });
  await writeFile(outPath, code);
  return outPath;
}
