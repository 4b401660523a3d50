import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import { emptyRetentionRecord, setRetentionPolicy, type RetentionChange, type RetentionPolicyRecord } from '../../src/domain/retention/retention-record';
import { RETENTION_REJECTED, getRetentionPolicyQuery, setRetentionPolicyUpdate } from './retention-messages';

const { announceRetentionPolicy } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '2 minutes',
  // Every closed case waiting for its day must hear of a change: retry until the fan-out is accepted.
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/**
 * A district's retention policy (`retention-policy:<district>`, issue 15 item 5): the versions HR sets (its history
 * is the change log). A new version reaches every closed case already waiting for its destruction day: each one
 * re-reads the policy in force and counts its day again.
 */
export async function retentionPolicyWorkflow(start: { district: string; record?: RetentionPolicyRecord }): Promise<void> {
  let record = start.record ?? emptyRetentionRecord(start.district);
  const toAnnounce: number[] = [];
  const now = () => new Date().toISOString();

  setHandler(getRetentionPolicyQuery, () => record);
  setHandler(
    setRetentionPolicyUpdate,
    (r) => {
      const result = accepted(setRetentionPolicy(record, r.policy, r.by, r.reason, now()));
      record = result.record;
      if (result.changed) toAnnounce.push(record.current.version);
      return { record, changed: result.changed };
    },
    { validator: (r) => void accepted(setRetentionPolicy(record, r.policy, r.by, r.reason, now())) },
  );

  for (;;) {
    await condition(() => toAnnounce.length > 0 || workflowInfo().continueAsNewSuggested);
    while (toAnnounce.length > 0) await announceRetentionPolicy({ district: record.district, version: toAnnounce.shift()! });
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (toAnnounce.length === 0) await continueAsNew<typeof retentionPolicyWorkflow>({ ...start, record });
    }
  }
}

function accepted(change: RetentionChange): Extract<RetentionChange, { ok: true }> {
  if (change.ok) return change;
  throw ApplicationFailure.create({
    type: RETENTION_REJECTED,
    message: change.problems.map((p) => `${p.field} ${p.message}`).join('; '),
    details: [change.problems],
    nonRetryable: true,
  });
}
