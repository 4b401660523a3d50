import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseActionRequest } from '../shared/case-actions';
import type { CaseClockView } from '../../src/domain/calendar/case-clock-types';
import type { NoticeRecord } from '../../src/domain/notices/notice';
import type { GrievanceCase } from '../../src/domain/grievance/grievance-case';
import type { ClosedReason, GrievanceEvent, GrievanceProcess, GrievanceStatus } from '../../src/domain/grievance/grievance-process';

/** A grievance as its workflow holds it: the filing and action log, where the procedure stands, and its clocks. */
export type GrievanceView = GrievanceCase & {
  readonly status: GrievanceStatus;
  readonly level: 0 | 1 | 2 | 3;
  readonly outcome?: ClosedReason | undefined;
  readonly process: GrievanceProcess;
  readonly clock: CaseClockView;
  /** Every notice delivery of the case: what, to whom, over which channel, when (or why it failed). */
  readonly notices: readonly NoticeRecord[];
};

/** The case as it stands. */
export const getGrievanceQuery = defineQuery<GrievanceView>('getGrievance');

/** Any action on the case (decide, appeal, withdraw ...): validated against the procedure before it is accepted. */
export const grievanceActionUpdate = defineUpdate<GrievanceView, [CaseActionRequest<GrievanceEvent>]>('grievanceAction');
