import type { FastifyPluginAsync } from 'fastify';
import type { CaseFamilyApi } from './routes/case-family-routes';
import { grievanceApi } from './routes/grievances/grievance-api';
import { grievanceRoutes } from './routes/grievances';
import { observationRoutes } from './routes/observations';
import { observationApi } from './routes/observations/observation-api';
import { parRoutes } from './routes/par';
import { parApi } from './routes/par/par-api';
import { pipRoutes } from './routes/pip';
import { pipApi } from './routes/pip/pip-api';
import { tapRoutes } from './routes/tap';
import { tapApi } from './routes/tap/tap-api';

/** A case family as the API serves it: the kernel's routes from `api`, and its own opening route(s). */
export interface RegisteredFamily {
  readonly api: CaseFamilyApi;
  readonly routes: FastifyPluginAsync;
}

/**
 * The case families the API serves, one line per family. Each gets the kernel's routes (read, act, clock, list:
 * api/routes/case-family-routes.ts) and the audit routes (timeline, history, packet) by its workflow id prefix; its
 * opening routes live in its own folder. The worker's registry is workflows/index.ts.
 */
export const REGISTERED_FAMILIES: readonly RegisteredFamily[] = [
  { api: grievanceApi, routes: grievanceRoutes },
  { api: parApi, routes: parRoutes },
  { api: pipApi, routes: pipRoutes },
  { api: tapApi, routes: tapRoutes },
  { api: observationApi, routes: observationRoutes },
];

export const CASE_FAMILIES: readonly CaseFamilyApi[] = REGISTERED_FAMILIES.map((f) => f.api);

export function familyOfCaseType(caseType: string): CaseFamilyApi | undefined {
  return CASE_FAMILIES.find((api) => api.family.caseType === caseType);
}
