import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ROLES, type RouteKey } from '../../api/authorization';
import { ROLES } from '../../src/domain/actor';
import { buildTestApp } from '../helpers/api';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { bearer } from '../helpers/tokens';

/**
 * Every route with every role. Each request is built to fail validation (400) once past authorization, so an
 * allowed role never reaches a case and the matrix alone decides: 403 for a role outside the row, else not 401/403.
 */
const PROBES: Record<RouteKey, { url: string; payload?: object }> = {
  'PUT /v1/calendars/:district/:schoolYear': { url: '/v1/calendars/district-a/2026-2027', payload: {} },
  'POST /v1/calendars/:district/:schoolYear/import': { url: '/v1/calendars/district-a/not-a-year/import', payload: {} },
  'GET /v1/calendars/:district/:schoolYear': { url: '/v1/calendars/district-a/not-a-year' },
  'POST /v1/calendars/:district/:schoolYear/amendments': { url: '/v1/calendars/district-a/2026-2027/amendments', payload: {} },
  'POST /v1/grievances': { url: '/v1/grievances', payload: {} },
  'GET /v1/grievances': { url: '/v1/grievances?level=9' },
  'GET /v1/grievances/:id': { url: '/v1/grievances/!bad!' },
  'POST /v1/grievances/:id/actions': { url: '/v1/grievances/G-1/actions', payload: {} },
  'POST /v1/grievances/:id/clock/pause': { url: '/v1/grievances/G-1/clock/pause', payload: {} },
  'POST /v1/grievances/:id/clock/resume': { url: '/v1/grievances/!bad!/clock/resume' },
  'PUT /v1/par/programs/:district/:schoolYear': { url: '/v1/par/programs/district-a/2026-2027', payload: {} },
  'GET /v1/par/programs/:district/:schoolYear': { url: '/v1/par/programs/district-a/not-a-year' },
  'POST /v1/par/referrals': { url: '/v1/par/referrals', payload: {} },
  'POST /v1/par/volunteers': { url: '/v1/par/volunteers', payload: {} },
  'GET /v1/par': { url: '/v1/par?dueBefore=not-a-date' },
  'GET /v1/par/:id': { url: '/v1/par/!bad!' },
  'POST /v1/par/:id/actions': { url: '/v1/par/P-1/actions', payload: {} },
  'POST /v1/par/:id/clock/pause': { url: '/v1/par/P-1/clock/pause', payload: {} },
  'POST /v1/par/:id/clock/resume': { url: '/v1/par/!bad!/clock/resume' },
  'GET /v1/cases/:id/timeline': { url: '/v1/cases/not-a-case/timeline' },
  'GET /v1/cases/:id/history': { url: '/v1/cases/not-a-case/history' },
  'GET /v1/cases/:id/packet': { url: '/v1/cases/not-a-case/packet' },
  'POST /v1/audit/replays': { url: '/v1/audit/replays', payload: { neither: true } },
};

describe('authorization matrix (api/authorization.ts), every route with every role', () => {
  let env: TestWorkflowEnvironment;
  let app: FastifyInstance;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    app = await buildTestApp(env.client);
  });
  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  const cases = Object.entries(ROUTE_ROLES).flatMap(([key, allowed]) => ROLES.map((role) => [key as RouteKey, role, (allowed as readonly string[]).includes(role)] as const));

  it.each(cases)('%s as %s: allowed %s', async (key, role, allowed) => {
    const [method] = key.split(' ') as ['GET' | 'POST' | 'PUT'];
    const probe = PROBES[key];
    const res = await app.inject({ method, url: probe.url, headers: bearer([role]), ...(probe.payload ? { payload: probe.payload } : {}) });
    if (allowed) expect([401, 403], `${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
    else expect(res.statusCode).toBe(403);
    // Without a token nothing passes.
    expect((await app.inject({ method, url: probe.url, ...(probe.payload ? { payload: probe.payload } : {}) })).statusCode).toBe(401);
  });

  it('covers every /v1 route the API serves, and a route left out of the matrix stops the API at start', async () => {
    for (const key of Object.keys(ROUTE_ROLES)) {
      const [method, url] = key.split(' ') as ['GET', string];
      expect(app.hasRoute({ method, url }), key).toBe(true);
    }
    const fresh = await buildTestApp(env.client);
    expect(() => fresh.get('/v1/unlisted', async () => 'x')).toThrow(/missing from the authorization matrix/);
    await fresh.close();
  });

  it('auditors read everything and change nothing: the only write route they may call is a replay, which only reads', () => {
    const writes = Object.entries(ROUTE_ROLES).filter(([key, roles]) => !key.startsWith('GET ') && (roles as readonly string[]).includes('auditor'));
    expect(writes.map(([key]) => key)).toEqual(['POST /v1/audit/replays']);
    const reads = Object.entries(ROUTE_ROLES).filter(([key, roles]) => key.startsWith('GET ') && !(roles as readonly string[]).includes('auditor'));
    expect(reads).toEqual([]);
  });

  // What each party may do inside a case is the case's to decide (its relation to the caller): see
  // test/api/routes/grievance-parties.test.ts and test/api/routes/par-interventions.test.ts.
});
