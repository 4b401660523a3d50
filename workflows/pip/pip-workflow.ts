import { DistrictCalendars } from '../../src/domain/calendar';
import { pipFamily, yearEndOf } from '../../src/domain/pip/pip-family';
import { startPip } from '../../src/domain/pip/pip-process';
import { runCase } from '../case/run-case';
import { getPipCaseQuery, pipActionUpdate, type PipInput, type PipWorkflowView } from './pip-messages';

export { getPipCaseQuery, pipActionUpdate };

/**
 * One employee's Performance Improvement Plans for a school year (`pip:<district>:<id>`, RULES.md PIP-*) on the
 * case kernel: each plan's action steps run their completion and check-in dates as deadlines with reminders to the
 * evaluator and the employee (PIP-STEPS), each plan's end-of-year status is due on the last instructional day
 * (PIP-STATUS), and the case closes when every plan has its status. A full year stays a few hundred events, so
 * one run holds it.
 */
export async function pipWorkflow(input: PipInput): Promise<PipWorkflowView> {
  return runCase(
    {
      family: pipFamily,
      query: getPipCaseQuery,
      update: pipActionUpdate,
      view: (record) => ({ workflowId: record.workflowId, case: record.state, clock: record.clock, notices: record.notices, actions: record.actions }),
    },
    // The year end from the calendars the API read, so the status deadline runs from the first task (PIP-STATUS).
    { state: yearEndOf(startPip(input.start), new DistrictCalendars(input.start.district, input.calendars ?? [])), profile: {}, district: input.start.district, openedBy: input.openedBy, calendars: input.calendars, openingCause: 'plan opened' },
  );
}
