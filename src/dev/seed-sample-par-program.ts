import type { Client } from '@temporalio/client';
import type { Actor } from '../domain/actor';
import { dateInZone, schoolYearOf } from '../domain/calendar';
import { DEFAULT_PAR_POLICY } from '../domain/par/par-policy';
import type { Logger } from '../logger';
import { readParProgram, startParProgram } from '../temporal/par-programs';

const SEEDER: Omit<Actor, 'district'> = { id: 'system:sample-par-program', roles: ['hr'] };

/** The sample program year: two consulting teachers with two places each, at most two Volunteers, the default policy. */
export const SAMPLE_PAR_PROGRAM = {
  consultingTeachers: [
    { id: 'ct-alvarez', name: 'Maria Alvarez', caseload: 2 },
    { id: 'ct-okafor', name: 'James Okafor', caseload: 2 },
  ],
  volunteerMaximum: 2,
  policy: DEFAULT_PAR_POLICY,
  notify: [{ name: 'PAR program office', email: 'par-office@demo-district.example.org' }],
} as const;

/**
 * The embedded run's default: configures the PAR program of the current school year for the demo district when none
 * is, so referrals and volunteer requests can be tried right after `npm start`. HR reconfigures it with
 * `PUT /v1/par/programs/:district/:schoolYear`. Returns the school year it configured, if any.
 */
export async function seedSampleParProgram(
  client: Client,
  taskQueue: string,
  options: { district: string; timeZone: string; now?: Date },
  logger: Logger,
): Promise<string | undefined> {
  const schoolYear = schoolYearOf(dateInZone(options.now ?? new Date(), options.timeZone));
  if (await readParProgram(client, options.district, schoolYear)) return undefined;
  await startParProgram(client, taskQueue, options.district, schoolYear, { ...SAMPLE_PAR_PROGRAM, by: { ...SEEDER, district: options.district } });
  logger.info({ district: options.district, schoolYear }, 'configured the sample PAR program year');
  return schoolYear;
}
