import type { Client } from '@temporalio/client';
import { publishDistrictCalendar, readDistrictCalendar } from '../../src/temporal/district-calendars';
import { calendarsAround } from './synthetic-calendars';

/** Publishes synthetic calendars (every weekday a school day) around now for a district, once. */
export async function publishCalendarsAround(client: Client, taskQueue: string, district: string, nowMs: number) {
  const { calendars, today } = calendarsAround(nowMs, district);
  for (const calendar of calendars) {
    if (await readDistrictCalendar(client, district, calendar.schoolYear)) continue;
    await publishDistrictCalendar(client, taskQueue, calendar, { id: 'test-setup', roles: ['hr'], district }, 'test calendar');
  }
  return { calendars, today };
}
