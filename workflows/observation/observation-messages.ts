import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../src/domain/actor';
import type { CaseAction } from '../../src/domain/case/case-action';
import type { CaseClockView } from '../../src/domain/calendar/case-clock-types';
import type { DistrictCalendar } from '../../src/domain/calendar';
import type { NoticeRecord } from '../../src/domain/notices/notice';
import type { CycleStart, ObservationCycle, ObservationEvent } from '../../src/domain/observation/observation-cycle';
import type { ObservationYear, ObservationYearSetup } from '../../src/domain/observation/observation-year';
import type { CaseActionRequest } from '../shared/case-actions';

/** An observation cycle as its workflow holds it: the cycle, its clock, the notices sent and the action log. */
export interface ObservationCycleView {
  readonly workflowId: string;
  readonly cycle: ObservationCycle;
  readonly clock: CaseClockView;
  readonly notices: readonly NoticeRecord[];
  readonly actions: readonly CaseAction[];
}

export interface ObservationCycleInput {
  readonly start: CycleStart;
  /** The district calendars the API read; the workflow loads them again and keeps the newer. */
  readonly calendars?: readonly DistrictCalendar[] | undefined;
}

/** `observation-cycle:<district>:<schoolYear>:<educator>`: the case number is `<schoolYear>:<educator>`. */
export const observationCycleWorkflowId = (district: string, schoolYear: string, educator: string) => `observation-cycle:${district}:${schoolYear}:${educator}`;

export const getObservationCycleQuery = defineQuery<ObservationCycleView>('getObservationCycle');
export const observationActionUpdate = defineUpdate<ObservationCycleView, [CaseActionRequest<ObservationEvent>]>('observationAction');

/** The observation year (`observation-year:<district>:<schoolYear>`): certified evaluators and track policy. */
export const observationYearWorkflowId = (district: string, schoolYear: string) => `observation-year:${district}:${schoolYear}`;
export const getObservationYearQuery = defineQuery<ObservationYear>('getObservationYear');
export const setupObservationYearUpdate = defineUpdate<ObservationYear, [ObservationYearSetup & { readonly by: Actor }]>('setupObservationYear');
/** The type of ApplicationFailure a refused setup carries; its details hold the problems. */
export const OBSERVATION_YEAR_REJECTED = 'ObservationYearRejected';
