import type { Client } from '@temporalio/client';
import type { Actor } from '../domain/actor';
import { sampleCalendar } from '../domain/calendar';
import type { Logger } from '../logger';
import { publishDistrictCalendar, readDistrictCalendar } from '../temporal/district-calendars';
import { sampleSchoolYears } from './sample-school-years';

const SEEDER: Omit<Actor, 'district'> = { id: 'system:sample-calendar', roles: ['hr'] };

/**
 * The embedded run's default: publishes the sample calendar of the current and the next school year for the demo
 * district when none is published, so deadlines count with no configuration. A district's own calendar
 * (PUT or .ics import) replaces it as a new version. Returns the school years it published.
 */
export async function seedSampleCalendars(
  client: Client,
  taskQueue: string,
  options: { district: string; timeZone: string; now?: Date },
  logger: Logger,
): Promise<string[]> {
  const published: string[] = [];
  // Last year's too: a case already running elsewhere is entered with its real past dates (CAL-3).
  for (const schoolYear of sampleSchoolYears(options, [-1, 0, 1])) {
    if (await readDistrictCalendar(client, options.district, schoolYear)) continue;
    await publishDistrictCalendar(
      client,
      taskQueue,
      sampleCalendar(options.district, schoolYear, options.timeZone),
      { ...SEEDER, district: options.district },
      'sample calendar of the embedded run',
    );
    published.push(schoolYear);
  }
  if (published.length > 0) logger.info({ district: options.district, published }, 'published sample calendars');
  return published;
}
