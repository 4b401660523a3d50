import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities';
import { WORKFLOWS_PATH, prebuiltWorkflowBundle } from './workflow-bundle';

export { WORKFLOWS_PATH } from './workflow-bundle';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activityDeps: ActivityDeps;
  /** The encrypting data converter (issue 15: `caseDataConverter`), the same as the clients'. */
  dataConverter: DataConverter;
  /**
   * A bundle of the workflows (tests build one per run). Without it the worker loads the one `npm run build` wrote
   * (dist/workflow-bundle.js), and bundles `workflows/` itself only when run from source.
   */
  workflowBundle?: WorkflowBundleOption;
  /**
   * How many cases the worker keeps in memory (sticky cache) and how many workflow and activity tasks it runs at
   * once: a district's open cases all fit the cache, so an action never waits for its case to be replayed.
   */
  capacity?: { readonly cachedCases: number; readonly workflowTasks: number; readonly activityTasks: number } | undefined;
}

/** The worker that runs every case workflow and its activities on one task queue. */
export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...workflowSource(options.workflowBundle ?? prebuiltWorkflowBundle()),
    activities: createActivities(options.activityDeps),
    dataConverter: options.dataConverter,
    ...(options.capacity
      ? {
          maxCachedWorkflows: options.capacity.cachedCases,
          maxConcurrentWorkflowTaskExecutions: options.capacity.workflowTasks,
          maxConcurrentActivityTaskExecutions: options.capacity.activityTasks,
        }
      : {}),
  });
}

function workflowSource(bundle: WorkflowBundleOption | undefined): { workflowBundle: WorkflowBundleOption } | { workflowsPath: string } {
  return bundle ? { workflowBundle: bundle } : { workflowsPath: WORKFLOWS_PATH };
}
