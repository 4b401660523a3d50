import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { seedSampleCalendars } from '../../src/dev/seed-sample-calendars';
import { addDays, dateInZone, schoolYearOf } from '../../src/domain/calendar';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { startService, type RunningService } from '../../src/service';
import { aFiling } from '../helpers/grievance-fixtures';
import { freePort } from '../helpers/ports';
import { calendarsAround } from '../helpers/synthetic-calendars';
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

  it('CAL-2: a calendar amendment reaches every open case of the district through one batch signal', async () => {
    const { calendars } = calendarsAround(Date.now(), 'district-a');
    for (const { district: _d, schoolYear, ...body } of calendars) {
      const res = await fetch(`${api}/v1/calendars/district-a/${schoolYear}`, {
        method: 'PUT',
        headers: { ...hr, 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, reason: 'board approved' }),
      });
      expect(res.status).toBe(201);
    }
    const year = calendars[0]!.schoolYear;
    const filings = [aFiling(), aFiling()];
    for (const filing of filings) expect((await post(filing)).status).toBe(201);
    const versionsOf = async (id: string) => {
      const grievance = (await (await fetch(`${api}/v1/grievances/${id}`, { headers: hr })).json()) as any;
      return grievance.clock.calendars.find((c: { schoolYear: string }) => c.schoolYear === year)?.version;
    };
    for (const filing of filings) await expect.poll(() => versionsOf(filing.id), { timeout: 10_000 }).toBe(1);

    const amendment = await fetch(`${api}/v1/calendars/district-a/${year}/amendments`, {
      method: 'POST',
      headers: { ...hr, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'snow', add: [{ id: 'snow-e2e', kind: 'closure', name: 'Snow day', start: calendars[0]!.lastInstructionalDay }] }),
    });
    expect(amendment.status).toBe(201);
    for (const filing of filings) await expect.poll(() => versionsOf(filing.id), { timeout: 20_000, interval: 250 }).toBe(2);
  });

  it('pauses and resumes a case clock over HTTP: who and why logged, 409 when the state does not allow it', async () => {
    const filing = aFiling();
    expect((await post(filing)).status).toBe(201);
    const action = (what: 'pause' | 'resume', body?: object, key?: string) =>
      fetch(`${api}/v1/grievances/${filing.id}/clock/${what}`, {
        method: 'POST',
        headers: { ...hr, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body ?? {}),
      });
    const paused = await action('pause', { reason: 'abeyance by mutual agreement' }, 'pause-1');
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ reason: 'abeyance by mutual agreement', pausedBy: { id: 'hr-system' } });
    // A retried request with the same Idempotency-Key is the same update: applied once, same answer.
    const retried = await action('pause', { reason: 'abeyance by mutual agreement' }, 'pause-1');
    expect(retried.status).toBe(200);
    const again = await action('pause', { reason: 'second pause' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).detail).toBe('the clocks are already paused');
    expect((await action('resume')).status).toBe(200);
    expect((await action('resume')).status).toBe(409);

    const grievance = (await (await fetch(`${api}/v1/grievances/${filing.id}`, { headers: hr })).json()) as any;
    expect(grievance.clock.pauses).toHaveLength(1);
    expect(grievance.clock.pauses[0]).toMatchObject({ reason: 'abeyance by mutual agreement', pausedBy: { id: 'hr-system' }, resumedBy: { id: 'hr-system' } });
    expect(grievance.clock.paused).toBe(false);
  });

  it('CAL-1: the embedded run publishes sample calendars for the current and next school year, once', async () => {
    const now = new Date();
    const first = await seedSampleCalendars(client, 'e2e', { district: 'demo-e2e', timeZone: 'America/Chicago', now }, testLogger);
    const today = dateInZone(now, 'America/Chicago');
    expect(first).toEqual([schoolYearOf(today), schoolYearOf(addDays(today, 366))]);
    expect(await seedSampleCalendars(client, 'e2e', { district: 'demo-e2e', timeZone: 'America/Chicago', now }, testLogger)).toEqual([]);
    const res = await fetch(`${api}/v1/calendars/demo-e2e/${first[0]}`, { headers: bearer(['auditor'], { district: 'demo-e2e' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).amendments).toMatchObject([{ version: 1, by: { id: 'system:sample-calendar' } }]);
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
