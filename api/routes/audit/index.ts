import type { FastifyInstance } from 'fastify';
import { replayRoutes } from './replays';

/** Audit: replay histories against the code of the day. */
export async function auditRoutes(app: FastifyInstance) {
  await app.register(replayRoutes);
}
