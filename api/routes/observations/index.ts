import type { FastifyInstance } from 'fastify';
import { observationYearRoutes } from './observation-years';
import { openCycleRoutes } from './open-cycle';

/** Observation cycles: opening, and the district's observation year; reading, acting and listing are the kernel's. */
export async function observationRoutes(app: FastifyInstance) {
  await app.register(openCycleRoutes);
  await app.register(observationYearRoutes);
}
