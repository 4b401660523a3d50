import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import {
  amendCalendar,
  announcementOf,
  emptyCalendarRecord,
  publishCalendar,
  type CalendarChangeResult,
  type DistrictCalendarRecord,
} from '../../src/domain/calendar';
import type { CalendarAnnouncement } from '../../src/domain/calendar/case-clock-types';
import { CALENDAR_REJECTED, amendCalendarUpdate, getDistrictCalendarQuery, publishCalendarUpdate } from './district-calendar-messages';

const { announceCalendar } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '2 minutes',
  // Every open case must hear of the change: retry until the fan-out is accepted.
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/**
 * The calendar of one district and school year (`district-calendar:<district>:<year>`): data every deadline is
 * counted on, amended while cases run (CAL-2). Each new version is announced to every open case of the district.
 */
export async function districtCalendarWorkflow(start: { district: string; schoolYear: string; record?: DistrictCalendarRecord }): Promise<void> {
  let record = start.record ?? emptyCalendarRecord(start.district, start.schoolYear);
  const toAnnounce: CalendarAnnouncement[] = [];

  const accept = (result: CalendarChangeResult) => {
    if (!result.ok) throw rejection(result);
    record = result.record;
    toAnnounce.push(announcementOf(record, result.amendment));
    return result.amendment;
  };
  const now = () => new Date().toISOString();

  setHandler(getDistrictCalendarQuery, () => record);
  setHandler(publishCalendarUpdate, (r) => accept(publishCalendar(record, r.calendar, r.by, r.reason, now())), {
    validator: (r) => refuseIfInvalid(publishCalendar(record, r.calendar, r.by, r.reason, now())),
  });
  setHandler(amendCalendarUpdate, (r) => accept(amendCalendar(record, r, r.by, r.reason, now())), {
    validator: (r) => refuseIfInvalid(amendCalendar(record, r, r.by, r.reason, now())),
  });

  for (;;) {
    await condition(() => toAnnounce.length > 0 || workflowInfo().continueAsNewSuggested);
    while (toAnnounce.length > 0) await announceCalendar(toAnnounce.shift()!);
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (toAnnounce.length === 0) await continueAsNew<typeof districtCalendarWorkflow>({ ...start, record });
    }
  }
}

function refuseIfInvalid(result: CalendarChangeResult): void {
  if (!result.ok) throw rejection(result);
}

function rejection(result: Extract<CalendarChangeResult, { ok: false }>) {
  return ApplicationFailure.create({
    type: CALENDAR_REJECTED,
    message: result.problems.map((p) => `${p.field} ${p.message}`).join('; '),
    details: [result.problems],
    nonRetryable: true,
  });
}
