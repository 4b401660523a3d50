import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/api';
import { createTimeSkippingEnv } from '../../helpers/temporal';
import { freePort } from '../../helpers/ports';

describe('health, readiness and API docs', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('/healthz answers without a token; /readyz is ready when Temporal answers', async () => {
    const app = await buildTestApp(env.client);
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', temporal: 'reachable' });
    await app.close();
  });

  it('/readyz answers 503 problem+json when Temporal is unreachable', async () => {
    const port = await freePort(); // nothing listens there
    const connection = await Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: 200 }).catch(() =>
      Connection.lazy({ address: `127.0.0.1:${port}` }),
    );
    const app = await buildTestApp(new Client({ connection }));
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    await app.close();
    await connection.close();
  });

  it('serves the OpenAPI document with the grievance routes, bearer security and the Problem schema', async () => {
    const app = await buildTestApp(env.client);
    const doc = (await app.inject('/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/grievances',
        '/v1/grievances/{id}',
        '/v1/grievances/{id}/clock/pause',
        '/v1/grievances/{id}/clock/resume',
        '/v1/calendars/{district}/{schoolYear}',
        '/v1/calendars/{district}/{schoolYear}/amendments',
        '/healthz',
        '/readyz',
      ]),
    );
    expect(doc.paths['/v1/grievances'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/v1/grievances'].post.responses).toHaveProperty('409');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas).toHaveProperty('Problem');
    expect(doc.components.schemas).toHaveProperty('GrievanceFiling');
    expect((await app.inject('/docs')).statusCode).toBeLessThan(400);
    await app.close();
  });
});
