import { openGrievance, type GrievanceStart } from '../../src/domain/grievance/grievance-case';
import { DEFAULT_GRIEVANCE_PROFILE, grievanceFamily, type GrievanceState } from '../../src/domain/grievance/grievance-family';
import { startProcess } from '../../src/domain/grievance/grievance-process';
import { runCase } from '../case/run-case';
import { getGrievanceQuery, grievanceActionUpdate, type GrievanceView } from './grievance-messages';

export { getGrievanceQuery, grievanceActionUpdate };

/**
 * One grievance case (`grievance:<district>:<id>`), from filing to its close: the procedure of RULES.md GRV-* on the
 * case kernel. Every action is an Update validated against the procedure and the actor's part in the case; every
 * deadline is a durable timer that follows calendar amendments (CAL-2) and pauses, and fires at once when already
 * past (CAL-3).
 */
export async function grievanceWorkflow(start: GrievanceStart): Promise<GrievanceView> {
  const { actions: _opening, ...file } = openGrievance(start, new Date());
  const state: GrievanceState = {
    file,
    process: startProcess({
      knewOn: start.filing.knewOn,
      receivedOn: start.filing.receivedOn ?? file.filedAt.slice(0, 10),
      level: start.filing.level,
      conferenceRequested: start.filing.conferenceRequested,
      // Pinned: a later version of the district's procedure never changes this case (only an HR migration does).
      policy: start.policy,
    }),
  };
  return runCase(
    {
      family: grievanceFamily,
      query: getGrievanceQuery,
      update: grievanceActionUpdate,
      view: ({ state: { file: caseFile, process }, actions, clock, notices }) => ({
        ...caseFile,
        actions,
        status: process.status,
        level: process.level,
        outcome: process.closed?.reason,
        process,
        clock,
        notices,
      }),
    },
    {
      state,
      profile: start.reminderPolicy ? { reminderPolicy: start.reminderPolicy } : DEFAULT_GRIEVANCE_PROFILE,
      district: file.district,
      openedBy: start.filedBy,
      calendars: start.calendars,
      openingCause: 'filed',
    },
  );
}
