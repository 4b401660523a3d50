import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { ParProgramView } from '../domain/par/program-year';
import { configureProgramUpdate, getProgramQuery, parProgramWorkflowId, type ProgramSetup } from '../../workflows/par/par-program-messages';
import { parProgramWorkflow } from '../../workflows/par/par-program-workflow';
import { CaseDistrict, CaseType } from './search-attributes';

export { programWindowRefusal, withoutVolunteers, type ParProgramView } from '../domain/par/program-year';

/**
 * Starts the program year's workflow if it is not running, then configures it (a refusal surfaces as the update's
 * WorkflowUpdateFailedError, type PAR_PROGRAM_REJECTED). `created` is true for the year's first configuration.
 * The workflow carries the district in `CaseDistrict`, so calendar amendments reach it (CAL-2).
 */
export async function startParProgram(
  client: Client,
  taskQueue: string,
  district: string,
  schoolYear: string,
  setup: ProgramSetup,
): Promise<{ program: ParProgramView; created: boolean }> {
  const workflowId = parProgramWorkflowId(district, schoolYear);
  try {
    await client.workflow.start(parProgramWorkflow, {
      workflowId,
      taskQueue,
      args: [{ district, schoolYear }],
      typedSearchAttributes: [
        { key: CaseType, value: 'par-program' },
        { key: CaseDistrict, value: district },
      ],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  const program = (await client.workflow.getHandle(workflowId).executeUpdate(configureProgramUpdate, { args: [setup] })) as ParProgramView;
  return { program, created: program.configurations.length === 1 };
}

/**
 * The program year of a district as it stands (roster, waiting list with positions and reasons, windows with their
 * dates), or undefined when none was configured. The intervention API checks a referral or a volunteer request
 * against its windows with `programWindowRefusal(program, 'referral' | 'volunteer', date)`.
 */
export async function readParProgram(client: Client, district: string, schoolYear: string): Promise<ParProgramView | undefined> {
  try {
    const program = (await client.workflow.getHandle(parProgramWorkflowId(district, schoolYear)).query(getProgramQuery)) as ParProgramView;
    return program.configured ? program : undefined;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
