import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../src/domain/actor';
import type { DistrictCalendar } from '../../src/domain/calendar';
import type { CaseClockView } from '../../src/domain/calendar/case-clock-types';
import type { CaseAction } from '../../src/domain/case/case-action';
import { caseWorkflowId } from '../../src/domain/case/case-ids';
import type { NoticeRecord } from '../../src/domain/notices/notice';
import type { TapCase, TapEvent, TapOpening, TapPerson } from '../../src/domain/tap/tap-case';
import type { CaseActionRequest } from '../shared/case-actions';

/** `tap:<district>:<id>`: the workflow id of one Teacher Assistance Plan. */
export function tapWorkflowId(district: string, id: string): string {
  return caseWorkflowId('tap', district, id);
}

/** How a plan's workflow starts: the opening, who at HR hears of it, the calendars the API read. */
export interface TapStart {
  readonly opening: TapOpening;
  readonly hr?: TapPerson | undefined;
  readonly calendars?: readonly DistrictCalendar[] | undefined;
}

/** A plan as its workflow holds it (the API projects it for each reader). */
export interface TapView {
  readonly case: TapCase;
  readonly actions: readonly CaseAction[];
  readonly clock: CaseClockView;
  readonly notices: readonly NoticeRecord[];
  readonly openedBy: Actor;
}

export const getTapQuery = defineQuery<TapView>('getTap');

/** Any action on the plan (acknowledge, revise, meeting, review): validated against the rules before it is accepted. */
export const tapActionUpdate = defineUpdate<TapView, [CaseActionRequest<TapEvent>]>('tapAction');
