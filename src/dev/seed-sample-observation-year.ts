import type { Client } from '@temporalio/client';
import type { Actor } from '../domain/actor';
import type { ObservationYearSetup } from '../domain/observation/observation-year';
import type { Logger } from '../logger';
import { readObservationYear, setupObservationYear } from '../temporal/observation-years';
import { sampleSchoolYears } from './sample-school-years';

const SEEDER: Omit<Actor, 'district'> = { id: 'system:sample-observation-year', roles: ['hr'] };

/**
 * The sample observation year (OBS-CERTIFIED, OBS-TRACK): the Lincoln principal certified from the year's first day,
 * the default track table. `vp-lincoln` is left off the list, so the walkthrough shows an uncertified observer refused.
 */
export function sampleObservationYear(schoolYear: string): ObservationYearSetup {
  return { evaluators: [{ id: 'principal-lincoln', role: 'principal', certifiedOn: `${schoolYear.slice(0, 4)}-07-01` }], reason: 'sample observation year of the embedded run' };
}

/**
 * The embedded run's default: sets up the observation year of the current school year for the demo district when
 * none is, so observation cycles can be tried right after `npm start`. HR replaces it with
 * `PUT /v1/observations/years/:district/:schoolYear`. Returns the school years it set up.
 */
export async function seedSampleObservationYear(client: Client, taskQueue: string, options: { district: string; timeZone: string; now?: Date }, logger: Logger): Promise<string[]> {
  const configured: string[] = [];
  for (const schoolYear of sampleSchoolYears(options, [0])) {
    if (await readObservationYear(client, options.district, schoolYear)) continue;
    await setupObservationYear(client, taskQueue, options.district, schoolYear, sampleObservationYear(schoolYear), { ...SEEDER, district: options.district });
    logger.info({ district: options.district, schoolYear }, 'set up the sample observation year');
    configured.push(schoolYear);
  }
  return configured;
}
