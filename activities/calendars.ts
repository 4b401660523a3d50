import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { status } from '@grpc/grpc-js';
import { isGrpcServiceError } from '@temporalio/client';
import { districtCalendarWorkflowId, type DistrictCalendar } from '../src/domain/calendar';
import type { CalendarAnnouncement } from '../src/domain/calendar/case-clock-types';
import type { Logger } from '../src/logger';
import { getDistrictCalendarQuery } from '../workflows/calendar/district-calendar-messages';
import { calendarAmendedSignal } from '../workflows/shared/case-clock-messages';

/** Signals per second a calendar fan-out asks for: 10,000 open cases hear of a snow day within a minute. */
export const FANOUT_SIGNALS_PER_SECOND = 500;

/** Sends one signal to every open case of a district. */
export interface OpenCaseSignaller {
  signalOpenCases(district: string, announcement: CalendarAnnouncement, jobId: string): Promise<void>;
}

export interface CalendarDeps {
  readonly temporal: { readonly client: Client; readonly namespace: string };
  readonly openCases?: OpenCaseSignaller;
  readonly logger: Logger;
}

/**
 * One server-side batch signal over visibility: the server signals every workflow the query lists (10,000 cases are
 * one request here, throttled by the server), and the job id makes a retried attempt a no-op.
 */
export async function startBatchSignal(
  client: Client,
  namespace: string,
  batch: { readonly query: string; readonly signal: string; readonly input: unknown; readonly jobId: string; readonly reason: string; readonly identity: string },
): Promise<void> {
  // The server sends this payload as it is: it goes through the client's codecs here (issue 15: encrypted).
  const { payloadConverter, payloadCodecs } = client.options.loadedDataConverter;
  let payloads = [payloadConverter.toPayload(batch.input)];
  for (const codec of payloadCodecs) payloads = await codec.encode(payloads);
  try {
    await client.workflowService.startBatchOperation({
      namespace,
      jobId: batch.jobId,
      reason: batch.reason.slice(0, 1000),
      visibilityQuery: batch.query,
      // The server caps this with its dynamic config worker.batcherRPS (50 unless raised).
      maxOperationsPerSecond: FANOUT_SIGNALS_PER_SECOND,
      signalOperation: { signal: batch.signal, input: { payloads }, identity: batch.identity },
    });
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === status.ALREADY_EXISTS) return;
    throw error;
  }
}

/** CAL-2 fan-out: every running case of the district hears of the calendar's new version. */
export function batchSignaller(client: Client, namespace: string): OpenCaseSignaller {
  return {
    signalOpenCases: (district, announcement, jobId) =>
      startBatchSignal(client, namespace, {
        query: `CaseDistrict = '${district}' AND ExecutionStatus = 'Running'`,
        signal: calendarAmendedSignal.name,
        input: announcement,
        jobId,
        reason: `calendar ${announcement.schoolYear} v${announcement.version}: ${announcement.summary}`,
        identity: 'case-deadlines-calendar',
      }),
  };
}

export function createCalendarActivities(deps: CalendarDeps) {
  const openCases = deps.openCases ?? batchSignaller(deps.temporal.client, deps.temporal.namespace);
  return {
    /** CAL-2: tells every open case of the district about a new calendar version. */
    async announceCalendar(announcement: CalendarAnnouncement): Promise<{ jobId: string }> {
      const jobId = `calendar-${announcement.district}-${announcement.schoolYear}-v${announcement.version}`;
      await openCases.signalOpenCases(announcement.district, announcement, jobId);
      deps.logger.info({ jobId, summary: announcement.summary }, 'calendar change announced to open cases');
      return { jobId };
    },

    /**
     * The published calendars of a district for the given school years (a case loads them when it opens). With
     * `known` (school year -> version the case holds already), only the calendars newer than those: a case's
     * history then carries each calendar once (issue 11), in its start input or in this result.
     */
    async loadDistrictCalendars(district: string, schoolYears: string[], known?: Record<string, number>): Promise<DistrictCalendar[]> {
      const found: DistrictCalendar[] = [];
      for (const schoolYear of schoolYears) {
        try {
          const record = await deps.temporal.client.workflow.getHandle(districtCalendarWorkflowId(district, schoolYear)).query(getDistrictCalendarQuery);
          const held = known?.[schoolYear];
          if (record.calendar && (held === undefined || (record.calendar.version ?? 0) > held)) found.push(record.calendar);
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }
      return found;
    },
  };
}
