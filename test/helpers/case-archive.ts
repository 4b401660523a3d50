import path from 'node:path';
import type { Client } from '@temporalio/client';
import { caseArchiveWorkflowId } from '../../src/audit/case-archive';
import { isNotFound } from '../../src/audit/case-history';
import { localRecordStore } from '../../src/audit/record-store';

/** The archive a test worker's activities write to (`archive/` in its outbox folder). */
export const testWorkerArchive = (worker: { outboxDir: string }) => localRecordStore(path.join(worker.outboxDir, 'archive'));

/**
 * Waits until the archive workflow of a run (`case-archive:<workflowId>:<runId>`) has completed, polling its
 * description (which, unlike `result()`, does not unlock the time-skipping server's clock).
 */
export async function archiveCompleted(client: Client, run: { workflowId: string; runId: string }, timeoutMs = 30_000): Promise<void> {
  const handle = client.workflow.getHandle(caseArchiveWorkflowId(run));
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const status = await handle.describe().then(
      (d) => d.status.name,
      (error: unknown) => {
        if (isNotFound(error)) return 'NOT_STARTED';
        throw error;
      },
    );
    if (status === 'COMPLETED') return;
    if (status !== 'RUNNING' && status !== 'NOT_STARTED') throw new Error(`${handle.workflowId} ended ${status}`);
    if (Date.now() > deadline) throw new Error(`${handle.workflowId} is still ${status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
