import type { Client } from '@temporalio/client';
import { addDays, dateInZone, schoolYearsAround, type CalendarDate, type DistrictCalendar } from '../domain/calendar';
import { readDistrictCalendar } from './district-calendars';

/**
 * The district's published calendars around today (and around `dates`, days a request names), and today on the
 * district calendar. The district's today is not known before its calendar is: the UTC date and the day either side
 * cover it. A case started with these calendars counts from its first workflow task (it loads them again).
 */
export async function districtCalendarsAndToday(client: Client, district: string, dates: readonly (CalendarDate | undefined)[] = []): Promise<{ calendars: DistrictCalendar[]; today: CalendarDate }> {
  const utcToday = new Date().toISOString().slice(0, 10);
  const around = [addDays(utcToday, -1), addDays(utcToday, 1), ...dates.filter((d): d is CalendarDate => d !== undefined)];
  const years = new Set(around.flatMap((date) => schoolYearsAround(date)));
  const records = await Promise.all([...years].map((year) => readDistrictCalendar(client, district, year)));
  const calendars = records.flatMap((r) => (r?.calendar ? [r.calendar] : []));
  return { calendars, today: dateInZone(new Date(), calendars[0]?.timeZone ?? 'UTC') };
}
