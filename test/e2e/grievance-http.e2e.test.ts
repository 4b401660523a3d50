import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { startService, type RunningService } from '../../src/service';
import { aFiling } from '../helpers/grievance-fixtures';
import { freePort } from '../helpers/ports';
import { testLogger } from '../helpers/temporal';
import { bearer } from '../helpers/tokens';

// The real thing: the Temporal CLI dev server, the worker and the API as `npm start` runs them, driven over HTTP.
describe('grievance over HTTP on the dev server (end to end)', () => {
  let devServer: DevServer;
  let service: RunningService;
  let api: string;
  let dataDir: string;
  let client: Client;
  const hr = bearer(['hr'], { sub: 'hr-system', district: 'district-a' });

  beforeAll(async () => {
    const [temporalPort, apiPort] = await Promise.all([freePort(), freePort()]);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'case-deadlines-e2e-'));
    devServer = await startDevServer({
      cliPath: inject('temporalCliPath'),
      port: temporalPort,
      namespace: 'default',
      logger: testLogger,
    });
    const config = loadConfig({
      TEMPORAL_ADDRESS: devServer.address,
      TEMPORAL_EMBEDDED: 'false',
      TEMPORAL_TASK_QUEUE: 'e2e',
      API_PORT: String(apiPort),
      DATA_DIR: dataDir,
    });
    service = await startService(config, testLogger);
    api = service.apiUrl!;
    client = new Client({ connection: await Connection.connect({ address: devServer.address }) });
  });

  afterAll(async () => {
    await client?.connection.close();
    await service?.stop();
    await devServer?.stop();
  });

  const post = (body: unknown, headers = hr) =>
    fetch(`${api}/v1/grievances`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('is healthy and ready, with the OpenAPI UI served', async () => {
    expect((await fetch(`${api}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${api}/readyz`)).json()).toEqual({ status: 'ready', temporal: 'reachable' });
    expect((await fetch(`${api}/docs/json`)).headers.get('content-type')).toMatch(/json/);
  });

  it('creates (201), reads (200), refuses a duplicate (409) and an unknown id (404)', async () => {
    const filing = aFiling();
    const created = await post(filing);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/grievances/${filing.id}`);

    const read = await fetch(new URL(created.headers.get('location')!, api), { headers: hr });
    expect(read.status).toBe(200);
    const grievance = await read.json();
    expect(grievance).toMatchObject({ id: filing.id, status: 'filed', district: 'district-a', filedBy: { id: 'hr-system' } });

    const duplicate = await post(filing);
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const unknown = await fetch(`${api}/v1/grievances/does-not-exist`, { headers: hr });
    expect(unknown.status).toBe(404);
    expect((await fetch(`${api}/v1/grievances/${filing.id}`)).status).toBe(401);
  });

  it('lists the case through the registered search attributes and writes the receipt to the outbox', async () => {
    const filing = aFiling({ school: 'e2e-high' });
    expect((await post(filing)).status).toBe(201);

    const query = `CaseType = "grievance" AND CaseDistrict = "district-a" AND CaseSchool = "e2e-high" AND CaseStatus = "filed"`;
    await expect
      .poll(async () => {
        const ids: string[] = [];
        for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
        return ids;
      }, { timeout: 10_000 })
      .toEqual([`grievance:${filing.id}`]);

    await expect
      .poll(async () => (await readdir(path.join(dataDir, 'outbox'))).some((f) => f.includes(encodeURIComponent(filing.id))), {
        timeout: 10_000,
      })
      .toBe(true);
  });
});
