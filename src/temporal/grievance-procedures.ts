import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Actor } from '../domain/actor';
import type { GrievanceProcedureRecord } from '../domain/grievance/procedure-record';
import {
  getGrievanceProcedureQuery,
  grievanceProcedureWorkflowId,
  migrateGrievanceCasesUpdate,
  setGrievanceProcedureUpdate,
} from '../../workflows/grievance/grievance-procedure-messages';
import { grievanceProcedureWorkflow } from '../../workflows/grievance/grievance-procedure-workflow';
import { forgetReadsUnderWay, queryWhileUnchanged } from './query-while-unchanged';

/** The procedure workflow of a district and bargaining unit, started on first use (no search attributes: no case). */
async function procedureHandle(client: Client, taskQueue: string, district: string, unit: string) {
  const workflowId = grievanceProcedureWorkflowId(district, unit);
  try {
    await client.workflow.start(grievanceProcedureWorkflow, { workflowId, taskQueue, args: [{ district, unit }] });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return client.workflow.getHandle(workflowId);
}

/** Sets a version; a refusal surfaces as the update's WorkflowUpdateFailedError (PROCEDURE_REJECTED). */
export async function setGrievanceProcedure(client: Client, taskQueue: string, district: string, unit: string, request: { policy: unknown; by: Actor; reason: string }) {
  const handle = await procedureHandle(client, taskQueue, district, unit);
  return handle.executeUpdate(setGrievanceProcedureUpdate, { args: [request] }).finally(() => forgetReadsUnderWay(client, handle.workflowId));
}

export async function migrateGrievanceCases(client: Client, district: string, unit: string, request: { fromVersions: number[]; by: Actor; reason: string }) {
  const handle = client.workflow.getHandle(grievanceProcedureWorkflowId(district, unit));
  return handle.executeUpdate(migrateGrievanceCasesUpdate, { args: [request] }).finally(() => forgetReadsUnderWay(client, handle.workflowId));
}

/** The procedure record of a district and unit, or undefined when HR never set one. */
export async function readGrievanceProcedure(client: Client, district: string, unit: string): Promise<GrievanceProcedureRecord | undefined> {
  try {
    // Read again only when the procedure changed (issue 11: every filing pins it).
    const record = await queryWhileUnchanged(client, grievanceProcedureWorkflowId(district, unit), getGrievanceProcedureQuery);
    return record.configured ? record : undefined;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
