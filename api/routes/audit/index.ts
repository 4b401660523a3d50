import type { FastifyInstance } from 'fastify';
import { destructionRoutes } from './destructions';
import { replayRoutes } from './replays';

/** Audit: replay histories against the code of the day; the cases destroyed under the retention policy. */
export async function auditRoutes(app: FastifyInstance) {
  await app.register(replayRoutes);
  await app.register(destructionRoutes);
}
