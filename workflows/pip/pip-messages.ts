import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../src/domain/actor';
import type { DistrictCalendar } from '../../src/domain/calendar';
import type { CaseClockView } from '../../src/domain/calendar/case-clock-types';
import type { CaseAction } from '../../src/domain/case/case-action';
import { caseWorkflowId } from '../../src/domain/case/case-ids';
import type { NoticeRecord } from '../../src/domain/notices/notice';
import type { PipEvent, PipStart, PipState } from '../../src/domain/pip/pip-case';
import type { CaseActionRequest } from '../shared/case-actions';

/** `pip:<district>:<id>`: the workflow id of one employee's improvement plans for a school year. */
export function pipWorkflowId(district: string, id: string): string {
  return caseWorkflowId('pip', district, id);
}

/** How a case opens: the checked start, who opened it, and the calendars the API read. */
export interface PipInput {
  readonly start: PipStart;
  readonly openedBy: Actor;
  readonly calendars?: readonly DistrictCalendar[] | undefined;
}

/** The case as its workflow holds it (the API shows each reader their part of it, pip-view.ts). */
export interface PipWorkflowView {
  readonly workflowId: string;
  readonly case: PipState;
  readonly clock: CaseClockView;
  readonly notices: readonly NoticeRecord[];
  /** The kernel's common action log: who did what, when, under which rule (the timeline reads it). */
  readonly actions: readonly CaseAction[];
}

export const getPipCaseQuery = defineQuery<PipWorkflowView>('getPipCase');

/** Any action on the case: validated against the PIP rules (pip-process.ts) and the caller's part in it. */
export const pipActionUpdate = defineUpdate<PipWorkflowView, [CaseActionRequest<PipEvent>]>('pipAction');
