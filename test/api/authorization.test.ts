import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ROLES, type RouteKey } from '../../api/authorization';
import { ROLES, type Role } from '../../src/domain/actor';
import { buildTestApp } from '../helpers/api';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { bearer } from '../helpers/tokens';

/**
 * Who may call what, written out by hand: the expectations of this file never come from ROUTE_ROLES, so a route
 * opened or closed by mistake in api/authorization.ts fails here. Reviewed against the README (roles named per
 * route: clock pause/resume `hr`; PAR listing and program year `hr, panel, auditor`; PIP opening `hr, decider` (the evaluator), PIP listing `hr, auditor`; TAP opening `hr, decider`, TAP listing `hr, auditor`; observation cycles: HR opens and keeps the certification list, the educator acts as participant and the evaluators as deciders, listing `hr, auditor`; timeline, history and packet
 * `hr, auditor`; replays `auditor`; auditors read and change nothing) and against api/authorization.ts on 2026-11-29.
 * A role only opens the route: inside a case the caller's relation to it decides (404 for someone with no part),
 * which test/api/routes/grievance-parties.test.ts and par-interventions.test.ts check.
 */
const MATRIX = `
| route                                                 | hr  | decider | panel | consulting-teacher | participant | auditor |
| PUT /v1/calendars/:district/:schoolYear               | yes | -       | -     | -                  | -           | -       |
| POST /v1/calendars/:district/:schoolYear/import       | yes | -       | -     | -                  | -           | -       |
| GET /v1/calendars/:district/:schoolYear               | yes | yes     | yes   | yes                | yes         | yes     |
| POST /v1/calendars/:district/:schoolYear/amendments   | yes | -       | -     | -                  | -           | -       |
| POST /v1/grievances                                   | yes | -       | -     | -                  | -           | -       |
| GET /v1/grievances                                    | yes | yes     | -     | -                  | -           | yes     |
| GET /v1/grievances/:id                                | yes | yes     | -     | -                  | yes         | yes     |
| POST /v1/grievances/:id/actions                       | yes | yes     | -     | -                  | yes         | -       |
| POST /v1/grievances/:id/clock/pause                   | yes | -       | -     | -                  | -           | -       |
| POST /v1/grievances/:id/clock/resume                  | yes | -       | -     | -                  | -           | -       |
| PUT /v1/grievance-procedures/:district/:unit          | yes | -       | -     | -                  | -           | -       |
| GET /v1/grievance-procedures/:district/:unit          | yes | yes     | yes   | yes                | yes         | yes     |
| POST /v1/grievance-procedures/:district/:unit/migrations | yes | -    | -     | -                  | -           | -       |
| POST /v1/par/referrals                                | yes | -       | -     | -                  | -           | -       |
| POST /v1/par/volunteers                               | yes | -       | -     | -                  | yes         | -       |
| GET /v1/par                                           | yes | -       | yes   | -                  | -           | yes     |
| GET /v1/par/:id                                       | yes | yes     | yes   | yes                | yes         | yes     |
| POST /v1/par/:id/actions                              | yes | yes     | yes   | yes                | yes         | -       |
| POST /v1/par/:id/clock/pause                          | yes | -       | -     | -                  | -           | -       |
| POST /v1/par/:id/clock/resume                         | yes | -       | -     | -                  | -           | -       |
| PUT /v1/par/programs/:district/:schoolYear            | yes | -       | -     | -                  | -           | -       |
| GET /v1/par/programs/:district/:schoolYear            | yes | -       | yes   | -                  | -           | yes     |
| POST /v1/documents                                    | yes | yes     | yes   | yes                | yes         | -       |
| POST /v1/pip                                          | yes | yes     | -     | -                  | -           | -       |
| GET /v1/pip                                           | yes | -       | -     | -                  | -           | yes     |
| GET /v1/pip/:id                                       | yes | yes     | yes   | yes                | yes         | yes     |
| POST /v1/pip/:id/actions                              | yes | yes     | yes   | yes                | yes         | -       |
| POST /v1/pip/:id/clock/pause                          | yes | -       | -     | -                  | -           | -       |
| POST /v1/pip/:id/clock/resume                         | yes | -       | -     | -                  | -           | -       |
| POST /v1/tap                                          | yes | yes     | -     | -                  | -           | -       |
| GET /v1/tap                                           | yes | -       | -     | -                  | -           | yes     |
| GET /v1/tap/:id                                       | yes | yes     | -     | -                  | yes         | yes     |
| POST /v1/tap/:id/actions                              | yes | yes     | -     | -                  | yes         | -       |
| POST /v1/tap/:id/clock/pause                          | yes | -       | -     | -                  | -           | -       |
| POST /v1/tap/:id/clock/resume                         | yes | -       | -     | -                  | -           | -       |
| POST /v1/observations                                 | yes | -       | -     | -                  | -           | -       |
| GET /v1/observations                                  | yes | -       | -     | -                  | -           | yes     |
| GET /v1/observations/:id                              | yes | yes     | -     | -                  | yes         | yes     |
| POST /v1/observations/:id/actions                     | yes | yes     | -     | -                  | yes         | -       |
| POST /v1/observations/:id/clock/pause                 | yes | -       | -     | -                  | -           | -       |
| POST /v1/observations/:id/clock/resume                | yes | -       | -     | -                  | -           | -       |
| PUT /v1/observations/years/:district/:schoolYear      | yes | -       | -     | -                  | -           | -       |
| GET /v1/observations/years/:district/:schoolYear      | yes | -       | -     | -                  | -           | yes     |
| PUT /v1/retention-policies/:district                  | yes | -       | -     | -                  | -           | -       |
| GET /v1/retention-policies/:district                  | yes | -       | -     | -                  | -           | yes     |
| GET /v1/cases/:id/timeline                            | yes | -       | -     | -                  | -           | yes     |
| GET /v1/cases/:id/history                             | yes | -       | -     | -                  | -           | yes     |
| GET /v1/cases/:id/packet                              | yes | -       | -     | -                  | -           | yes     |
| POST /v1/audit/replays                                | -   | -       | -     | -                  | -           | yes     |
| GET /v1/audit/destructions                            | -   | -       | -     | -                  | -           | yes     |
`;

const [header, ...rows] = MATRIX.trim()
  .split('\n')
  .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
const COLUMNS = header!.slice(1) as Role[];
/** route -> the roles written `yes` in its row, in column order. */
const EXPECTED: Record<string, readonly Role[]> = Object.fromEntries(rows.map(([route, ...cells]) => [route!, COLUMNS.filter((_, i) => cells[i] === 'yes')]));

describe('the authorization matrix, written out', () => {
  it('has one column per role and a yes or - in every cell', () => {
    expect([...COLUMNS].sort()).toEqual([...ROLES].sort());
    for (const [route, ...cells] of rows) expect(cells.every((cell) => cell === 'yes' || cell === '-'), route).toBe(true);
  });

  it('is the matrix api/authorization.ts enforces, route by route', () => {
    const enforced = Object.fromEntries(Object.entries(ROUTE_ROLES).map(([route, roles]) => [route, COLUMNS.filter((role) => (roles as readonly Role[]).includes(role))]));
    expect(enforced).toEqual(EXPECTED);
  });

  it('auditors read everything and change nothing: the only write route they may call is a replay, which only reads', () => {
    const writes = Object.entries(EXPECTED).filter(([route, roles]) => !route.startsWith('GET ') && roles.includes('auditor'));
    expect(writes.map(([route]) => route)).toEqual(['POST /v1/audit/replays']);
    expect(Object.entries(EXPECTED).filter(([route, roles]) => route.startsWith('GET ') && !roles.includes('auditor'))).toEqual([]);
  });
});

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
  'PUT /v1/grievance-procedures/:district/:unit': { url: '/v1/grievance-procedures/district-a/default', payload: {} },
  'GET /v1/grievance-procedures/:district/:unit': { url: '/v1/grievance-procedures/district-a/NOT_A_UNIT' },
  'POST /v1/grievance-procedures/:district/:unit/migrations': { url: '/v1/grievance-procedures/district-a/default/migrations', payload: {} },
  'PUT /v1/retention-policies/:district': { url: '/v1/retention-policies/district-a', payload: {} },
  'GET /v1/retention-policies/:district': { url: '/v1/retention-policies/NOT_A_DISTRICT' },
  'PUT /v1/par/programs/:district/:schoolYear': { url: '/v1/par/programs/district-a/2026-2027', payload: {} },
  'GET /v1/par/programs/:district/:schoolYear': { url: '/v1/par/programs/district-a/not-a-year' },
  'POST /v1/par/referrals': { url: '/v1/par/referrals', payload: {} },
  'POST /v1/par/volunteers': { url: '/v1/par/volunteers', payload: {} },
  'GET /v1/par': { url: '/v1/par?dueBefore=not-a-date' },
  'GET /v1/par/:id': { url: '/v1/par/!bad!' },
  'POST /v1/par/:id/actions': { url: '/v1/par/P-1/actions', payload: {} },
  'POST /v1/par/:id/clock/pause': { url: '/v1/par/P-1/clock/pause', payload: {} },
  'POST /v1/par/:id/clock/resume': { url: '/v1/par/!bad!/clock/resume' },
  'POST /v1/documents': { url: '/v1/documents', payload: {} },
  'POST /v1/pip': { url: '/v1/pip', payload: {} },
  'GET /v1/pip': { url: '/v1/pip?dueBefore=not-a-date' },
  'GET /v1/pip/:id': { url: '/v1/pip/!bad!' },
  'POST /v1/pip/:id/actions': { url: '/v1/pip/PIP-1/actions', payload: {} },
  'POST /v1/pip/:id/clock/pause': { url: '/v1/pip/PIP-1/clock/pause', payload: {} },
  'POST /v1/pip/:id/clock/resume': { url: '/v1/pip/!bad!/clock/resume' },
  'POST /v1/tap': { url: '/v1/tap', payload: {} },
  'GET /v1/tap': { url: '/v1/tap?level=9' },
  'GET /v1/tap/:id': { url: '/v1/tap/!bad!' },
  'POST /v1/tap/:id/actions': { url: '/v1/tap/T-1/actions', payload: {} },
  'POST /v1/tap/:id/clock/pause': { url: '/v1/tap/T-1/clock/pause', payload: {} },
  'POST /v1/tap/:id/clock/resume': { url: '/v1/tap/!bad!/clock/resume' },
  'POST /v1/observations': { url: '/v1/observations', payload: {} },
  'GET /v1/observations': { url: '/v1/observations?dueBefore=not-a-date' },
  'GET /v1/observations/:id': { url: '/v1/observations/!bad!' },
  'POST /v1/observations/:id/actions': { url: '/v1/observations/2026-2027:E1/actions', payload: {} },
  'POST /v1/observations/:id/clock/pause': { url: '/v1/observations/2026-2027:E1/clock/pause', payload: {} },
  'POST /v1/observations/:id/clock/resume': { url: '/v1/observations/!bad!/clock/resume' },
  'PUT /v1/observations/years/:district/:schoolYear': { url: '/v1/observations/years/district-a/2026-2027', payload: {} },
  'GET /v1/observations/years/:district/:schoolYear': { url: '/v1/observations/years/district-a/not-a-year' },
  'GET /v1/cases/:id/timeline': { url: '/v1/cases/not-a-case/timeline' },
  'GET /v1/cases/:id/history': { url: '/v1/cases/not-a-case/history' },
  'GET /v1/cases/:id/packet': { url: '/v1/cases/not-a-case/packet' },
  'POST /v1/audit/replays': { url: '/v1/audit/replays', payload: { neither: true } },
  'GET /v1/audit/destructions': { url: '/v1/audit/destructions?pageSize=0' },
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

  // Every route of the written-out matrix with every role: the expectation is the matrix, never ROUTE_ROLES.
  const cases = Object.entries(EXPECTED).flatMap(([key, allowed]) => COLUMNS.map((role) => [key as RouteKey, role, allowed.includes(role)] as const));

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
    for (const key of Object.keys(EXPECTED)) {
      const [method, url] = key.split(' ') as ['GET', string];
      expect(app.hasRoute({ method, url }), key).toBe(true);
    }
    const fresh = await buildTestApp(env.client);
    expect(() => fresh.get('/v1/unlisted', async () => 'x')).toThrow(/missing from the authorization matrix/);
    await fresh.close();
  });

  // What each party may do inside a case is the case's to decide (its relation to the caller): see
  // test/api/routes/grievance-parties.test.ts and test/api/routes/par-interventions.test.ts.
});
