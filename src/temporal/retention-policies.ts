import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Actor } from '../domain/actor';
import type { RetentionPolicyRecord } from '../domain/retention/retention-record';
import { getRetentionPolicyQuery, retentionPolicyWorkflowId, setRetentionPolicyUpdate } from '../../workflows/retention/retention-messages';
import { retentionPolicyWorkflow } from '../../workflows/retention/retention-policy-workflow';

/** Sets a version of a district's retention policy (its workflow started on first use); a refusal surfaces as the update's WorkflowUpdateFailedError (RETENTION_REJECTED). */
export async function setDistrictRetentionPolicy(client: Client, taskQueue: string, district: string, request: { policy: unknown; by: Actor; reason: string }) {
  const workflowId = retentionPolicyWorkflowId(district);
  try {
    await client.workflow.start(retentionPolicyWorkflow, { workflowId, taskQueue, args: [{ district }] });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return client.workflow.getHandle(workflowId).executeUpdate(setRetentionPolicyUpdate, { args: [request] });
}

/** The district's retention policy record, or undefined when it never set one (then nothing is destroyed). */
export async function readDistrictRetentionPolicy(client: Client, district: string): Promise<RetentionPolicyRecord | undefined> {
  try {
    const record = await client.workflow.getHandle(retentionPolicyWorkflowId(district)).query(getRetentionPolicyQuery);
    return record.configured ? record : undefined;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
