import type { FastifyInstance } from 'fastify';
import { caseHistoryRoute } from './history';
import { casePacketRoute } from './packet';
import { caseTimelineRoute } from './timeline';

/**
 * Routes on any case by its workflow id (`grievance:G-2026-001`): what auditors read. They read Temporal while it
 * has the case and the archive after (see `auditedCase` in case-access.ts).
 */
export async function caseRoutes(app: FastifyInstance, opts: { templatesDir?: string | undefined }) {
  await app.register(caseTimelineRoute);
  await app.register(caseHistoryRoute);
  await app.register(casePacketRoute, { templatesDir: opts.templatesDir });
}
