import path from 'node:path';
import { Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activityDeps: ActivityDeps;
  /** A prebuilt bundle (tests build it once per file); otherwise the worker bundles `workflows/` itself. */
  workflowBundle?: WorkflowBundle;
  /**
   * How many cases the worker keeps in memory (sticky cache) and how many workflow and activity tasks it runs at
   * once: a district's open cases all fit the cache, so an action never waits for its case to be replayed.
   */
  capacity?: { readonly cachedCases: number; readonly workflowTasks: number; readonly activityTasks: number } | undefined;
}

/** The directory of the workflow code, from source (tests) or from the compiled `dist/` alike. */
export const WORKFLOWS_PATH = path.resolve(__dirname, '../../workflows');

/** The worker that runs every case workflow and its activities on one task queue. */
export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(options.activityDeps),
    ...(options.capacity
      ? {
          maxCachedWorkflows: options.capacity.cachedCases,
          maxConcurrentWorkflowTaskExecutions: options.capacity.workflowTasks,
          maxConcurrentActivityTaskExecutions: options.capacity.activityTasks,
        }
      : {}),
  });
}
