import { defineQuery } from '@temporalio/workflow';
import type { GrievanceCase } from '../../src/domain/grievance/grievance-case';

/** The case as it stands: status, filing and the log of actions with their actors. */
export const getGrievanceQuery = defineQuery<GrievanceCase>('getGrievance');
