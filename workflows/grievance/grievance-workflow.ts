import { log, patched, setHandler } from '@temporalio/workflow';
import { dateInZone } from '../../src/domain/calendar';
import { openGrievance, type GrievanceStart } from '../../src/domain/grievance/grievance-case';
import { migrationApplies } from '../../src/domain/grievance/procedure-record';
import { DEFAULT_GRIEVANCE_PROFILE, grievanceFamily, type GrievanceState } from '../../src/domain/grievance/grievance-family';
import { startProcess } from '../../src/domain/grievance/grievance-process';
import { runCase } from '../case/run-case';
import { getGrievanceQuery, grievanceActionUpdate, type GrievanceView } from './grievance-messages';
import { procedureMigratedSignal } from './grievance-procedure-messages';

export { getGrievanceQuery, grievanceActionUpdate };

/** Patch: a filing without a `receivedOn` is received on the district's date, not on its UTC date (GRV-DECIDE-10). */
export const RECEIVED_IN_DISTRICT_ZONE = 'received-in-district-zone';

/**
 * One grievance case (`grievance:<district>:<id>`), from filing to its close: the procedure of RULES.md GRV-* on the
 * case kernel. Every action is an Update validated against the procedure and the actor's part in the case; every
 * deadline is a durable timer that follows calendar amendments (CAL-2) and pauses, and fires at once when already
 * past (CAL-3).
 */
export async function grievanceWorkflow(start: GrievanceStart): Promise<GrievanceView> {
  const { actions: _opening, ...file } = openGrievance(start, new Date());
  // GRV-DECIDE-10, GRV-CONF-5: a filing is received on the district's date, in its calendar's time zone; its UTC date
  // is the next day every evening in America, and every deadline counted from it was then a day late.
  const zone = start.calendars?.[0]?.timeZone;
  const receivedToday = zone && patched(RECEIVED_IN_DISTRICT_ZONE) ? dateInZone(new Date(file.filedAt), zone) : file.filedAt.slice(0, 10);
  const state: GrievanceState = {
    file,
    process: startProcess({
      knewOn: start.filing.knewOn,
      receivedOn: start.filing.receivedOn ?? receivedToday,
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
      // Issue 16: an HR migration of the district's procedure reaches every running case; only a case pinned to one
      // of the migrated versions of its unit applies it (and records the old and new limits). Cases filed before
      // procedures were data have none pinned and never change.
      register: (running) =>
        setHandler(procedureMigratedSignal, (notice) => {
          const { process } = running.state();
          if (process.status === 'closed' || !migrationApplies(process.policy, notice)) return;
          try {
            running.apply({ type: 'policy-migrated', policy: notice.policy, reason: `${notice.migration.id}: ${notice.migration.reason}` }, notice.migration.by);
          } catch (error) {
            // Refused (the case is at a level the corrected procedure does not have): it keeps its procedure.
            log.warn('procedure migration not applied', { migration: notice.migration.id, error: String(error) });
          }
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
