import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import { compareDates } from '../../src/domain/calendar/calendar-date';
import { dateInZone, zonedInstant } from '../../src/domain/calendar/time-zone';
import { describePeriod, destroyDueOn, retentionPeriodOf, type ClosedCase } from '../../src/domain/retention/retention-policy';
import { getCaseRetentionQuery, retentionPolicyChangedSignal, type CaseRetentionStatus } from './retention-messages';

const { readRetentionPolicy } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

const { destroyClosedCase } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '5 minutes',
  // The archive or Temporal may be down when the day comes: retried until both answered (each step is idempotent).
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

export interface CaseRetentionStart extends ClosedCase {
  readonly district: string;
  /** The closed case's workflow id. */
  readonly workflowId: string;
}

/**
 * The retention of one closed case (`case-retention:<workflowId>`, issue 15 item 5), started when its last run has
 * been archived. It reads its district's retention policy in force, counts the day the case's records are due for
 * destruction on the calendar (`destroyDueOn`: a withdrawn grievance on its own period, GRV-WITHDRAW), sleeps until
 * that day begins in the district's time zone (a durable timer), and then destroys them: tombstone, data key
 * deleted, the executions removed from Temporal. A policy change wakes it to count again; a case kept forever
 * waits for one.
 */
export async function caseRetentionWorkflow(start: CaseRetentionStart): Promise<{ destroyedOn: string; summary: string }> {
  let changed = false;
  let status: CaseRetentionStatus | undefined;
  setHandler(retentionPolicyChangedSignal, ({ district }) => {
    if (district === start.district) changed = true;
  });
  setHandler(getCaseRetentionQuery, () => status);

  for (;;) {
    changed = false;
    const { policy, timeZone } = await readRetentionPolicy({ district: start.district });
    const due = destroyDueOn(start, policy);
    status = { policyVersion: policy.version, destroyOn: due };
    const today = dateInZone(new Date(), timeZone);
    if (due !== undefined && compareDates(due, today) <= 0) {
      const { tombstone } = await destroyClosedCase({
        district: start.district,
        workflowId: start.workflowId,
        caseType: start.caseType,
        closedOn: start.closedOn,
        closedAs: start.closedAs,
        destroyedOn: today,
        destroyedAt: new Date().toISOString(),
        policy: { version: policy.version, title: policy.title, period: describePeriod(retentionPeriodOf(start, policy)) },
      });
      return { destroyedOn: tombstone.destroyedOn, summary: tombstone.summary };
    }
    if (due === undefined) await condition(() => changed);
    // The due day begins at midnight in the district's zone; woken then, the loop checks the day again.
    else await condition(() => changed, Math.max(1_000, zonedInstant(due, { hour: 0, minute: 0, second: 0 }, timeZone).getTime() - Date.now()));
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof caseRetentionWorkflow>(start);
  }
}
