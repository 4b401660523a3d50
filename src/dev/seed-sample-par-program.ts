import type { Client } from '@temporalio/client';
import type { Actor } from '../domain/actor';
import { DEFAULT_PAR_POLICY } from '../domain/par/par-policy';
import type { Logger } from '../logger';
import { readParProgram, startParProgram } from '../temporal/par-programs';
import { sampleSchoolYears } from './sample-school-years';

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
 * The embedded run's default: configures the PAR program of the current and the last school year for the demo
 * district when none is, so referrals and volunteer requests can be tried right after `npm start` (last year's with
 * their real past dates, its windows having passed). HR reconfigures a year with
 * `PUT /v1/par/programs/:district/:schoolYear`. Returns the school years it configured.
 */
export async function seedSampleParProgram(
  client: Client,
  taskQueue: string,
  options: { district: string; timeZone: string; now?: Date },
  logger: Logger,
): Promise<string[]> {
  const configured: string[] = [];
  for (const schoolYear of sampleSchoolYears(options, [-1, 0])) {
    if (await readParProgram(client, options.district, schoolYear)) continue;
    await startParProgram(client, taskQueue, options.district, schoolYear, { ...SAMPLE_PAR_PROGRAM, by: { ...SEEDER, district: options.district } });
    logger.info({ district: options.district, schoolYear }, 'configured the sample PAR program year');
    configured.push(schoolYear);
  }
  return configured;
}
