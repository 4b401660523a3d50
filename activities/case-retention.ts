import { status as grpcStatus } from '@grpc/grpc-js';
import { Context } from '@temporalio/activity';
import { isGrpcServiceError, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { districtCalendarsAndToday } from '../src/temporal/district-today';
import { readCaseChain } from '../src/audit/case-archive';
import { destroyCaseRecords } from '../src/audit/case-destruction';
import type { CaseTombstone } from '../src/audit/case-tombstone';
import type { DocumentStore } from '../src/audit/document-store';
import type { RecordStore } from '../src/audit/record-store';
import { emptyRetentionRecord } from '../src/domain/retention/retention-record';
import type { RetentionPolicy } from '../src/domain/retention/retention-policy';
import type { Logger } from '../src/logger';
import { readDistrictRetentionPolicy } from '../src/temporal/retention-policies';
import type { caseRetentionWorkflow, CaseRetentionStart } from '../workflows/retention/case-retention-workflow';
import { caseRetentionWorkflowId } from '../workflows/retention/retention-messages';
import type { RetentionDeps } from './retention-policies';

/** A destruction as the retention workflow asks for it: the tombstone's fields. */
export type CaseDestructionRequest = Omit<CaseTombstone, 'summary'>;

/** Issue 15 item 5: what a closed case's retention workflow asks of the outside world. */
export function createCaseRetentionActivities(deps: RetentionDeps, store: RecordStore, documents: DocumentStore) {
  const { client, namespace } = deps.temporal;
  return {
    /** The district's retention policy in force (keep everything where it set none) and its time zone. */
    async readRetentionPolicy({ district }: { district: string }): Promise<{ policy: RetentionPolicy; timeZone: string }> {
      const record = (await readDistrictRetentionPolicy(client, district)) ?? emptyRetentionRecord(district);
      const { calendars } = await districtCalendarsAndToday(client, district);
      return { policy: record.current, timeZone: calendars[0]?.timeZone ?? 'UTC' };
    },

    /**
     * Issue 15 item 5: destroys a closed case's records. The archive gets its tombstone and loses the case's data
     * key (crypto-shredding): its archived files and the documents it kept (sealed under that key) no longer
     * decrypt; the district's uploads past their lifetime lose their keys too (what no case took). Then every run
     * of the case is deleted from Temporal, so the server's copy is gone too. Each step is idempotent, so a
     * retried attempt finishes what an earlier one began.
     */
    async destroyClosedCase(request: CaseDestructionRequest): Promise<{ tombstone: CaseTombstone; runsDeleted: number }> {
      const { tombstone } = await destroyCaseRecords(store, request);
      await documents.sweepUploads(request.district);
      const runIds = (await readCaseChain(store, request.district, request.workflowId)).flatMap((e) => (e.file.endsWith('.history.json') ? [e.file.slice(0, -'.history.json'.length)] : []));
      let runsDeleted = 0;
      for (const runId of runIds) if (await deleteExecution(client, namespace, request.workflowId, runId, deps.logger)) runsDeleted += 1;
      deps.logger.info({ workflowId: request.workflowId, destroyedOn: request.destroyedOn, policyVersion: request.policy.version, runsDeleted }, 'case records destroyed under the retention policy');
      return { tombstone, runsDeleted };
    },
  };
}

/** Deletes one run from Temporal; false when it is gone already (or the server cannot delete: its retention will). */
async function deleteExecution(client: Client, namespace: string, workflowId: string, runId: string, logger: Logger): Promise<boolean> {
  try {
    await client.workflowService.deleteWorkflowExecution({ namespace, workflowExecution: { workflowId, runId } });
    return true;
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === grpcStatus.NOT_FOUND) return false;
    if (isGrpcServiceError(error) && error.code === grpcStatus.UNIMPLEMENTED) {
      logger.warn({ workflowId, runId }, 'this Temporal server cannot delete an execution: its namespace retention removes the (encrypted) history');
      return false;
    }
    throw error;
  }
}

/**
 * Starts the retention of a case whose last run closed (`case-retention:<workflowId>`, once per case). Called by
 * the archive activity when the run it archived completed the case.
 */
export async function startCaseRetention(client: Client, start: CaseRetentionStart): Promise<boolean> {
  try {
    await client.workflow.start<typeof caseRetentionWorkflow>('caseRetentionWorkflow', {
      taskQueue: Context.current().info.taskQueue,
      workflowId: caseRetentionWorkflowId(start.workflowId),
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [start],
    });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}
