import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ArchivedRun, CaseActivities, CaseArchiveRequest } from '../../activities';

// The run may not have closed when the first attempt comes (its close is recorded after its last activity):
// that attempt fails as retryable and the next comes a second later, then with backoff. A store that is down
// (the bucket unreachable) is retried the same way until it answers.
const { archiveClosedRun } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const { requestCaseArchive } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/**
 * Archives one closed run of a case (`case-archive:<workflowId>:<runId>`): its history and timeline, chained by
 * digest, in the append-only archive. Started by the case itself through `requestCaseArchive` as its last step.
 */
export async function caseArchiveWorkflow(request: CaseArchiveRequest): Promise<ArchivedRun> {
  return archiveClosedRun(request);
}

/**
 * A case's last step, after its notices and handlers have finished and right before it returns (or continues as
 * new): asks for this run to be archived once it has closed. Idempotent per run.
 */
export async function archiveThisRunWhenClosed(district: string): Promise<void> {
  const { workflowId, runId } = workflowInfo();
  await requestCaseArchive({ workflowId, runId, district });
}
