import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { calendarProblems, type DistrictCalendar, type DistrictCalendarRecord } from '../../../src/domain/calendar';
import { publishDistrictCalendar, readDistrictCalendar } from '../../../src/temporal/district-calendars';
import { CALENDAR_REJECTED } from '../../../workflows/calendar/district-calendar-messages';
import { HttpProblem } from '../../plugins/problem-details';

/** CAL-1: checks a whole calendar, then publishes it through the calendar workflow (created on first use). */
export async function publish(app: FastifyInstance, request: FastifyRequest, calendar: DistrictCalendar, reason: string) {
  const problems = calendarProblems(calendar);
  if (problems.length > 0) throw calendarRejected(problems);
  const { amendment, record } = await changeCalendar(() =>
    publishDistrictCalendar(app.temporal.client, app.temporal.taskQueue, calendar, request.user, reason),
  );
  return { record: withCalendar(record), first: amendment.version === 1 };
}

export function calendarPath(district: string, schoolYear: string) {
  return `/v1/calendars/${district}/${schoolYear}`;
}

/** A calendar belongs to its district: only that district's people read or change it. */
export function ownDistrict<P extends { district: string; schoolYear: string }>(request: FastifyRequest, params: P): P {
  if (params.district !== request.user.district) {
    throw new HttpProblem(403, `Only people of district ${params.district} may read or change its calendar.`);
  }
  return params;
}

export async function readCalendar(client: Client, district: string, schoolYear: string): Promise<DistrictCalendarRecord> {
  const record = await readDistrictCalendar(client, district, schoolYear);
  if (!record) throw new HttpProblem(404, `No calendar of ${district} for ${schoolYear} is published.`);
  return record;
}

/** Runs a calendar update; a refusal by the workflow's validator becomes 422 with its problems. */
export async function changeCalendar<T>(update: () => Promise<T>): Promise<T> {
  try {
    return await update();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === CALENDAR_REJECTED) {
      throw calendarRejected((error.cause.details?.[0] ?? []) as { field: string; message: string; rule: string }[]);
    }
    throw error;
  }
}

export function calendarRejected(problems: readonly { field: string; message: string; rule: string }[]) {
  const rule = problems[0]?.rule ?? 'CAL-1';
  return new HttpProblem(422, `The calendar is refused: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
    rule,
    errors: problems.map((p) => ({ in: 'body' as const, field: p.field, message: p.message, rule: p.rule })),
  });
}

export function withCalendar(record: DistrictCalendarRecord) {
  return { ...record, calendar: record.calendar! };
}
