import { defineQuery } from '@temporalio/workflow';
import type { CaseClockView } from '../../src/domain/calendar/case-clock-types';
import type { GrievanceCase } from '../../src/domain/grievance/grievance-case';

/** A grievance as its workflow holds it, with its clocks: calendars, pause log, deadlines. */
export type GrievanceView = GrievanceCase & { readonly clock: CaseClockView };

/** The case as it stands: status, filing, the log of actions with their actors, and its clocks. */
export const getGrievanceQuery = defineQuery<GrievanceView>('getGrievance');
