import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../src/domain/actor';
import type { CalendarDate } from '../../src/domain/calendar';
import type { PlaceRequest } from '../../src/domain/par/program-roster';
import type { ProgramContact } from '../../src/domain/par/program-year';

/**
 * The contract between a district's PAR program year (`par-program:<district>:<schoolYear>`) and its interventions
 * (`par:<id>`). An intervention asks for a place by signal (a workflow cannot send updates); the program answers
 * with `placeOfferedSignal` at once when a place is free (PAR-PRIORITY), or later when one frees up, in priority
 * order. A closing intervention releases its place; an assigned consulting teacher takes a seat of their caseload.
 */
export function parProgramWorkflowId(district: string, schoolYear: string): string {
  return `par-program:${district}:${schoolYear}`;
}

/** Intervention → program: put this case on the roster (placed now, or on the waiting list in priority order). */
export const requestPlaceSignal = defineSignal<[{ readonly request: PlaceRequest; readonly workflowId: string }]>('requestPlace');

/** Intervention → program: the participant left the program; the place goes to the next one waiting. */
export const releasePlaceSignal = defineSignal<[{ readonly caseId: string; readonly on: CalendarDate }]>('releasePlace');

/** Intervention → program: a consulting teacher was chosen or designated (PAR-CT-SELECT-10) or reassigned (PAR-REASSIGN). */
export const assignSeatSignal = defineSignal<[{ readonly caseId: string; readonly consultingTeacher: string }]>('assignSeat');

/** Program → intervention: a place is the case's from this date. */
export const placeOfferedSignal = defineSignal<[{ readonly schoolYear: string; readonly placedOn: CalendarDate }]>('placeOffered');

/**
 * HR configures the program year: consulting teachers and their caseloads, the volunteer maximum; optionally the
 * district's policy (checked by validateParPolicy; a changed policy needs a higher version), the size of Group III
 * group settings and who at HR hears of windows and placements.
 */
export interface ProgramSetup {
  readonly consultingTeachers: readonly { readonly id: string; readonly name?: string | undefined; readonly caseload: number }[];
  readonly volunteerMaximum: number;
  readonly policy?: unknown;
  readonly groupSettingSize?: number | undefined;
  readonly notify?: readonly ProgramContact[] | undefined;
  readonly by: Actor;
}
/** Answers with the program as it stands (a ParProgramView, src/domain/par/program-year.ts). */
export const configureProgramUpdate = defineUpdate<unknown, [ProgramSetup]>('configureProgram');

/** The program year as it stands: roster, waiting list, windows (parProgramWorkflow answers a ParProgramView). */
export const getProgramQuery = defineQuery<unknown>('getProgram');

/** The type of ApplicationFailure a refused configuration carries; its details hold the problems (SetupProblem[]). */
export const PAR_PROGRAM_REJECTED = 'ParProgramRejected';
