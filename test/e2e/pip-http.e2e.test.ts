import { mkdtemp } from 'node:fs/promises';
import { TEST_KEY_RING_JSON } from '../helpers/key-ring';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { addDays } from '../../src/domain/calendar';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { startService, type RunningService } from '../../src/service';
import { calendarsAround } from '../helpers/synthetic-calendars';
import { testLogger } from '../helpers/temporal';
import { TEST_JWT_SECRET, bearer } from '../helpers/tokens';

type ListPage = { items: { id: string; status: string; school?: string; nextDeadline?: string }[]; nextPageToken?: string };

// The real thing: the Temporal CLI dev server, the worker and the API as `npm start` runs them, driven over HTTP.
// What the time-skipping tests cannot show: listings through visibility (search attributes), on a real clock.
describe('improvement plans over HTTP on the dev server (end to end)', () => {
  let devServer: DevServer;
  let service: RunningService;
  let api: string;
  const as = (roles: Parameters<typeof bearer>[0], sub: string, district = 'district-a') => bearer(roles, { sub, district });
  const hr = as(['hr'], 'hr-clerk-1');
  const hrB = as(['hr'], 'hr-clerk-b', 'district-b');
  const auditor = as(['auditor'], 'auditor-1');
  const evaluator = as(['decider'], 'eval-park');
  const employee = as(['participant'], 'lee.kim');
  const { today, calendars } = calendarsAround(Date.now(), 'district-a');

  const send = (method: string, url: string, headers: Record<string, string>, body?: unknown, contentType = 'application/json') =>
    fetch(`${api}${url}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
    });
  const opening = (id: string, school: string, completeIn: number) => ({
    id,
    school,
    employee: { id: 'lee.kim', name: 'Lee Kim', email: 'lee.kim@example.org' },
    evaluator: { id: 'eval-park', name: 'Sam Park' },
    plan: {
      goal: { statement: `Keep service logs current (${id})`, measure: 'logs within 2 days for 95% of sessions' },
      alignment: ['PR2'],
      steps: [{ description: 'Weekly log review', completeBy: addDays(today, completeIn), checkInOn: addDays(today, Math.min(7, completeIn)) }],
    },
  });
  const list = async (query: string, headers = hr): Promise<ListPage> => {
    const res = await send('GET', `/v1/pip?${query}`, headers);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as ListPage;
  };
  const ids = (page: ListPage) => page.items.map((i) => i.id).sort();

  beforeAll(async () => {
        const dataDir = await mkdtemp(path.join(os.tmpdir(), 'case-deadlines-pip-e2e-'));
    devServer = await startDevServer({ cliPath: inject('temporalCliPath'), port: 0, namespace: 'default', logger: testLogger });
    const config = loadConfig({ TEMPORAL_ADDRESS: devServer.address, TEMPORAL_EMBEDDED: 'false', PAYLOAD_KEY_RING: TEST_KEY_RING_JSON, AUTH_JWT_SECRET: TEST_JWT_SECRET, TEMPORAL_TASK_QUEUE: 'e2e-pip', API_PORT: '0', DATA_DIR: dataDir,
      // The listings are under test here, not latency: a busy 2-core machine answers slower than the default 2 s.
      TEMPORAL_RPC_TIMEOUT_MS: '15000' });
    service = await startService(config, testLogger);
    api = service.apiUrl!;
    for (const [district, token] of [['district-a', hr], ['district-b', hrB]] as const) {
      for (const { district: _d, schoolYear, ...body } of calendars) {
        const res = await send('PUT', `/v1/calendars/${district}/${schoolYear}`, token, { ...body, reason: 'board approved' });
        expect(res.status, await res.clone().text()).toBe(201);
      }
    }
  });

  afterAll(async () => {
    await service?.stop();
    await devServer?.stop();
  });

  it('PIP-STEPS / PIP-STATUS: the district lists its plans by status, school and next deadline through search attributes; another district sees none of them', async () => {
    for (const [id, school, days] of [['PIP-E2E-1', 'lincoln-elementary', 20], ['PIP-E2E-2', 'lincoln-elementary', 40], ['PIP-E2E-3', 'oak-middle', 60]] as const) {
      const res = await send('POST', '/v1/pip', hr, opening(id, school, days));
      expect(res.status, await res.clone().text()).toBe(201);
    }
    expect((await send('POST', '/v1/pip', hrB, opening('PIP-E2E-B', 'b-school', 20))).status).toBe(201);
    expect((await send('POST', '/v1/pip/PIP-E2E-3/actions', hr, { type: 'withdraw', reason: 'left the district' })).status).toBe(200);

    await expect.poll(async () => ids(await list('status=active')), { timeout: 15_000, interval: 250 }).toEqual(['PIP-E2E-1', 'PIP-E2E-2']);
    await expect.poll(async () => ids(await list('status=closed')), { timeout: 15_000, interval: 250 }).toEqual(['PIP-E2E-3']);
    expect(ids(await list('status=withdrawn'))).toEqual(['PIP-E2E-3']);
    expect(ids(await list('school=oak-middle'))).toEqual(['PIP-E2E-3']);
    // The next deadline is each plan's first check-in (7 days out); the listing filters on it, on the real clock.
    const active = await list('status=active');
    expect(active.items.every((i) => i.nextDeadline !== undefined)).toBe(true);
    expect(ids(await list(`dueBefore=${addDays(today, 8)}&status=active`))).toEqual(['PIP-E2E-1', 'PIP-E2E-2']);
    expect(ids(await list(`dueBefore=${addDays(today, 3)}`))).toEqual([]);
    // Auditors list too; an evaluator does not (403); district B sees its own only.
    expect(ids(await list('', auditor))).toEqual(['PIP-E2E-1', 'PIP-E2E-2', 'PIP-E2E-3']);
    expect((await send('GET', '/v1/pip', evaluator)).status).toBe(403);
    await expect.poll(async () => ids(await list('', hrB)), { timeout: 15_000, interval: 250 }).toEqual(['PIP-E2E-B']);
  });

  it('PIP-EVIDENCE: the employee uploads an artifact to the document store and adds it by its claim check; the evaluator reads it on the plan', async () => {
    const upload = await send('POST', '/v1/documents', employee, Buffer.from('Service log, week 1: 14 of 14 sessions logged.'), 'text/plain');
    expect(upload.status, await upload.clone().text()).toBe(201);
    const claim = (await upload.json()) as { sha256: string; size: number; contentType: string };
    const added = await send('POST', '/v1/pip/PIP-E2E-1/actions', employee, { type: 'add-evidence', plan: 'P1', kind: 'artifact', description: 'Service log, week 1', document: claim });
    expect(added.status, await added.clone().text()).toBe(200);
    const view = (await (await send('GET', '/v1/pip/PIP-E2E-1', evaluator)).json()) as { relation: string; plans: { evidence: { document: unknown }[] }[] };
    expect(view.relation).toBe('evaluator');
    expect(view.plans[0]!.evidence[0]!.document).toEqual(claim);
  });
});
