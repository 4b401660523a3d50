import type { FastifyInstance } from 'fastify';
import { openInterventionRoutes } from './open-intervention';

/** PAR interventions: referrals and volunteer applications; reading, acting, clock and listing are the kernel's (par-api.ts). */
export async function parRoutes(app: FastifyInstance) {
  await app.register(openInterventionRoutes);
}
