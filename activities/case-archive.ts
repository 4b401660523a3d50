import path from 'node:path';
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { archiveCaseRun, caseArchiveWorkflowId, type ArchivedRun } from '../src/audit/case-archive';
import { isNotFound } from '../src/audit/case-history';
import { localRecordStore, type RecordStore } from '../src/audit/record-store';
import type { Logger } from '../src/logger';
import { caseClosingOf } from '../src/audit/case-timeline';
import { decodeHistory } from '../src/crypto/data-converter';
import { caseTypeOf } from '../src/domain/case/case-ids';
import { startCaseRetention } from './case-retention';
import type { caseArchiveWorkflow } from '../workflows/audit/case-archive-workflow';

export type { ArchivedRun } from '../src/audit/case-archive';

/** One run of a case to archive once it has closed. */
export interface CaseArchiveRequest {
  readonly workflowId: string;
  readonly runId: string;
  readonly district: string;
}

export interface ArchiveDeps {
  readonly temporal: { readonly client: Client };
  readonly logger: Logger;
  /** The append-only archive (the service passes the configured one). Default: `archive/` in the outbox folder. */
  readonly archive?: RecordStore | undefined;
  readonly outboxDir: string;
}

/** The error type of an archive attempt made before the run closed: Temporal retries it with backoff. */
export const CASE_RUN_STILL_OPEN = 'CaseRunStillOpen';

/** The archive the activities write: the configured one, else `archive/` in the outbox folder. */
export const archiveStoreOf = (deps: ArchiveDeps): RecordStore => deps.archive ?? localRecordStore(path.join(deps.outboxDir, 'archive'));

export function createArchiveActivities(deps: ArchiveDeps) {
  const store = archiveStoreOf(deps);
  const { client } = deps.temporal;
  return {
    /**
     * Asks for a run to be archived once it has closed, by starting `caseArchiveWorkflow` for it on this task
     * queue. A case calls it as its run's last step: its own history is complete only after it returns. The
     * workflow id is per run and duplicates are rejected, so a retried request starts nothing twice.
     */
    async requestCaseArchive(request: CaseArchiveRequest): Promise<{ archiveWorkflowId: string; alreadyRequested: boolean }> {
      const archiveWorkflowId = caseArchiveWorkflowId(request);
      try {
        await client.workflow.start<typeof caseArchiveWorkflow>('caseArchiveWorkflow', {
          taskQueue: Context.current().info.taskQueue,
          workflowId: archiveWorkflowId,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [request],
        });
        return { archiveWorkflowId, alreadyRequested: false };
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return { archiveWorkflowId, alreadyRequested: true };
        throw error;
      }
    },

    /**
     * Archives one closed run of a case (its history, the case's timeline, their digests chained). Fails with a
     * retryable `CaseRunStillOpen` while the run is still open; writes nothing twice when retried.
     */
    async archiveClosedRun(request: CaseArchiveRequest): Promise<ArchivedRun> {
      const handle = client.workflow.getHandle(request.workflowId, request.runId);
      let history;
      try {
        const { status } = await handle.describe();
        if (status.name === 'RUNNING') {
          throw ApplicationFailure.retryable(`${request.workflowId} run ${request.runId} has not closed yet`, CASE_RUN_STILL_OPEN);
        }
        history = await handle.fetchHistory();
      } catch (error) {
        if (isNotFound(error)) throw ApplicationFailure.nonRetryable(`${request.workflowId} run ${request.runId} is not in Temporal: nothing to archive`, 'CaseRunNotFound');
        throw error;
      }
      const codecs = client.options.loadedDataConverter.payloadCodecs;
      const archived = await archiveCaseRun(store, { ...request, history }, undefined, codecs);
      deps.logger.info({ workflowId: request.workflowId, runId: request.runId, files: archived.entries.map((e) => e.file), store: store.location }, 'case run archived');
      // Issue 15 item 5: the run that closed the case starts its retention (a run that continued as new does not).
      const closing = caseClosingOf(await decodeHistory(history, codecs));
      if (closing) {
        const started = await startCaseRetention(client, { district: request.district, workflowId: request.workflowId, caseType: caseTypeOf(request.workflowId), closedOn: closing.on, closedAs: closing.as });
        if (started) deps.logger.info({ workflowId: request.workflowId, closedOn: closing.on, closedAs: closing.as }, 'case retention started');
      }
      return archived;
    },
  };
}
