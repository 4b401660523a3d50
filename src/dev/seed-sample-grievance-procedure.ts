import type { Client } from '@temporalio/client';
import type { Actor } from '../domain/actor';
import { DEFAULT_UNIT } from '../domain/grievance/procedure-record';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../domain/grievance/sample-grievance-policies';
import type { Logger } from '../logger';
import { readGrievanceProcedure, setGrievanceProcedure } from '../temporal/grievance-procedures';
import { seedSampleCalendars } from './seed-sample-calendars';

/** The embedded run's second district: its own contract, unlike RULES.md's (issue 16). */
export const SAMPLE_CONTRACT_DISTRICT = 'harbor-district';

/** Version 2: RULES.md's procedure is version 1 of every district until HR sets its own. */
export const SAMPLE_CONTRACT = { ...TWO_LEVEL_ARBITRATION_POLICY, version: 2 };

const SEEDER: Actor = { id: 'system:sample-grievance-procedure', roles: ['hr'], district: SAMPLE_CONTRACT_DISTRICT };

/**
 * Publishes the sample calendars of the second district and sets its grievance procedure (two levels, 30 work days
 * to file, 7 calendar days to appeal, arbitration demanded within 20 work days) when none is set, so that the same
 * grievance can be tried under two contracts right after `npm start`. Returns whether it set the procedure.
 */
export async function seedSampleGrievanceProcedure(client: Client, taskQueue: string, options: { timeZone: string; now?: Date }, logger: Logger): Promise<boolean> {
  await seedSampleCalendars(client, taskQueue, { ...options, district: SAMPLE_CONTRACT_DISTRICT }, logger);
  if (await readGrievanceProcedure(client, SAMPLE_CONTRACT_DISTRICT, DEFAULT_UNIT)) return false;
  await setGrievanceProcedure(client, taskQueue, SAMPLE_CONTRACT_DISTRICT, DEFAULT_UNIT, { policy: SAMPLE_CONTRACT, by: SEEDER, reason: 'sample contract of the embedded run' });
  logger.info({ district: SAMPLE_CONTRACT_DISTRICT }, 'set the sample grievance procedure');
  return true;
}
