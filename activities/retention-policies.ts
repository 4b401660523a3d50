import type { Client } from '@temporalio/client';
import type { Logger } from '../src/logger';
import { retentionPolicyChangedSignal } from '../workflows/retention/retention-messages';
import { startBatchSignal } from './calendars';

/** Tells the closed cases waiting for their destruction day that their district's policy changed. */
export interface RetentionSignaller {
  signalWaitingCases(district: string, version: number, jobId: string): Promise<void>;
}

export interface RetentionDeps {
  readonly temporal: { readonly client: Client; readonly namespace: string };
  readonly logger: Logger;
  readonly retentionSignals?: RetentionSignaller | undefined;
}

/** One server-side batch signal to every waiting case retention workflow; those of other districts ignore it. */
export function batchRetentionSignaller(client: Client, namespace: string): RetentionSignaller {
  return {
    signalWaitingCases: (district, version, jobId) =>
      startBatchSignal(client, namespace, {
        query: `WorkflowType = 'caseRetentionWorkflow' AND ExecutionStatus = 'Running'`,
        signal: retentionPolicyChangedSignal.name,
        input: { district, version },
        jobId,
        reason: `retention policy of ${district}: version ${version}`,
        identity: 'case-deadlines-retention',
      }),
  };
}

/** Issue 15 item 5: a district's retention policy versions reach the closed cases waiting for their day. */
export function createRetentionPolicyActivities(deps: RetentionDeps) {
  const signaller = deps.retentionSignals ?? batchRetentionSignaller(deps.temporal.client, deps.temporal.namespace);
  return {
    /** A new policy version reaches the waiting cases (the job id makes a retried activity a no-op). */
    async announceRetentionPolicy({ district, version }: { district: string; version: number }): Promise<{ jobId: string }> {
      const jobId = `retention-policy-${district}-v${version}`;
      await signaller.signalWaitingCases(district, version, jobId);
      deps.logger.info({ jobId, district, version }, 'retention policy announced to the closed cases waiting for their day');
      return { jobId };
    },
  };
}
