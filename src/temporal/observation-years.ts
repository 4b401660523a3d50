import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Actor } from '../domain/actor';
import type { ObservationYear, ObservationYearSetup } from '../domain/observation/observation-year';
import { getObservationYearQuery, observationYearWorkflowId, setupObservationYearUpdate } from '../../workflows/observation/observation-messages';
import { observationYearWorkflow } from '../../workflows/observation/observation-year-workflow';

/**
 * Starts the observation year's workflow if it is not running, then sets it up (a refusal surfaces as the update's
 * WorkflowUpdateFailedError, type OBSERVATION_YEAR_REJECTED). `created` is true for the year's first setup.
 */
export async function setupObservationYear(client: Client, taskQueue: string, district: string, schoolYear: string, setup: ObservationYearSetup, by: Actor): Promise<{ year: ObservationYear; created: boolean }> {
  const workflowId = observationYearWorkflowId(district, schoolYear);
  try {
    await client.workflow.start(observationYearWorkflow, { workflowId, taskQueue, args: [{ district, schoolYear }] });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  const year = await client.workflow.getHandle(workflowId).executeUpdate(setupObservationYearUpdate, { args: [{ ...setup, by }] });
  return { year, created: year.version === 1 };
}

/** The district's observation year as it stands, or undefined when HR never set it up. */
export async function readObservationYear(client: Client, district: string, schoolYear: string): Promise<ObservationYear | undefined> {
  try {
    const year = await client.workflow.getHandle(observationYearWorkflowId(district, schoolYear)).query(getObservationYearQuery);
    return year.version > 0 ? year : undefined;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
