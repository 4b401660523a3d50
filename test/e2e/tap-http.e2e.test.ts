import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { TEST_KEY_RING_JSON } from '../helpers/key-ring';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { addDays, dateInZone } from '../../src/domain/calendar';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { startService, type RunningService } from '../../src/service';
import { calendarsAround } from '../helpers/synthetic-calendars';
import { planAt } from '../helpers/tap-fixtures';
import { testLogger } from '../helpers/temporal';
import { TEST_JWT_SECRET, bearer } from '../helpers/tokens';

const TIME_ZONE = 'America/Chicago';
type ListPage = { items: { id: string; status: string; level: number; school?: string; nextDeadline?: string }[]; nextPageToken?: string };

// The real thing: the Temporal CLI dev server, the worker and the API as `npm start` runs them, driven over HTTP.
// What the time-skipping tests cannot show: listings through visibility (search attributes), on a real clock.
describe('Teacher Assistance Plans over HTTP on the dev server (end to end)', () => {
  let devServer: DevServer;
  let service: RunningService;
  let api: string;
  const as = (roles: Parameters<typeof bearer>[0], sub: string, district = 'district-a') => bearer(roles, { sub, district });
  const hr = as(['hr'], 'hr-clerk-1');
  const hrB = as(['hr'], 'hr-clerk-b', 'district-b');
  const auditor = as(['auditor'], 'auditor-1');
  const principal = as(['decider'], 'principal-ng');
  const teacher = as(['participant'], 'dana.reyes');
  /**
   * One request; a 503 is tried again after its Retry-After, as a client does. A 503 does not say the action was not
   * taken (its Update may have been accepted before the API's deadline ran out), so a POST carries one
   * Idempotency-Key across its tries: the case answers a retry with the first result instead of acting twice.
   */
  const send = async (method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Response> => {
    const once: Record<string, string> = method === 'POST' ? { 'idempotency-key': randomUUID() } : {};
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${api}${url}`, { method, headers: { ...headers, ...once, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      if (res.status !== 503 || attempt === 5) return res;
      await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? '1') * 1000));
    }
  };
  const open = (id: string, school: string, level: 1 | 2 | 3, headers = hr) =>
    send('POST', '/v1/tap', headers, {
      id,
      school,
      teacher: { id: 'dana.reyes', name: 'Dana Reyes', email: 'dana@example.org' },
      administrator: { id: 'principal-ng', name: 'Lin Ng' },
      level,
      plan: planAt(level),
    });
  const list = async (query: string, headers = hr): Promise<ListPage> => {
    const res = await send('GET', `/v1/tap?${query}`, headers);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as ListPage;
  };
  const ids = (page: ListPage) => page.items.map((i) => i.id).sort();

  beforeAll(async () => {
        const dataDir = await mkdtemp(path.join(os.tmpdir(), 'case-deadlines-tap-e2e-'));
    devServer = await startDevServer({ cliPath: inject('temporalCliPath'), port: 0, namespace: 'default', logger: testLogger });
    const config = loadConfig({ TEMPORAL_ADDRESS: devServer.address, TEMPORAL_EMBEDDED: 'false', PAYLOAD_KEY_RING: TEST_KEY_RING_JSON, AUTH_JWT_SECRET: TEST_JWT_SECRET, TEMPORAL_TASK_QUEUE: 'e2e-tap', API_PORT: '0', DATA_DIR: dataDir });
    service = await startService(config, testLogger);
    api = service.apiUrl!;
    for (const [district, token] of [['district-a', hr], ['district-b', hrB]] as const) {
      for (const { district: _d, schoolYear, ...body } of calendarsAround(Date.now(), district, TIME_ZONE).calendars) {
        const res = await send('PUT', `/v1/calendars/${district}/${schoolYear}`, token, { ...body, reason: 'board approved' });
        expect(res.status, await res.clone().text()).toBe(201);
      }
    }
  });

  afterAll(async () => {
    await service?.stop();
    await devServer?.stop();
  });

  it("TAP-LEVELS / TAP-TIMELINE: GET /v1/tap lists the district's plans by level, status, school and review date, only the caller's district, never to a principal or teacher", async () => {
    const school = `e2e-tap-${Date.now().toString(36)}`;
    for (const [id, level] of [['TAP-E2E-1', 1], ['TAP-E2E-2', 2], ['TAP-E2E-3', 3]] as const) {
      const res = await open(id, school, level);
      expect(res.status, await res.clone().text()).toBe(201);
    }
    expect((await open('TAP-E2E-B1', school, 1, hrB)).status).toBe(201);
    const all = ['TAP-E2E-1', 'TAP-E2E-2', 'TAP-E2E-3'];
    await expect.poll(async () => ids(await list(`school=${school}`)), { timeout: 15_000, interval: 250 }).toEqual(all);
    expect(ids(await list(`school=${school}&level=2`))).toEqual(['TAP-E2E-2']);
    expect((await list(`school=${school}&level=3`)).items).toEqual([expect.objectContaining({ id: 'TAP-E2E-3', level: 3, status: 'in-plan', school })]);

    // A review moves plan 1 up to level 3 (levels need not be passed in order); plan 2 exits.
    const up = await send('POST', '/v1/tap/TAP-E2E-1/actions', principal, { type: 'review', outcome: 'move-up', level: 3, plan: planAt(3), summary: 'Serious incident' });
    expect(up.status, await up.clone().text()).toBe(200);
    const exit = await send('POST', '/v1/tap/TAP-E2E-2/actions', hr, { type: 'review', outcome: 'exit', summary: 'Improved' });
    expect(exit.status, await exit.clone().text()).toBe(200);
    await expect.poll(async () => ids(await list(`school=${school}&level=3`)), { timeout: 15_000, interval: 250 }).toEqual(['TAP-E2E-1', 'TAP-E2E-3']);
    await expect.poll(async () => ids(await list(`school=${school}&status=exited`)), { timeout: 15_000, interval: 250 }).toEqual(['TAP-E2E-2']);
    expect(ids(await list(`school=${school}&status=closed`))).toEqual(['TAP-E2E-2']);
    await expect.poll(async () => ids(await list(`school=${school}&status=open`)), { timeout: 15_000, interval: 250 }).toEqual(['TAP-E2E-1', 'TAP-E2E-3']);
    expect(ids(await list(`school=${school}`, auditor))).toEqual(all);

    // dueBefore: the review date the case clock counted, up to its day in the district's time zone.
    const three = (await (await send('GET', '/v1/tap/TAP-E2E-3', hr)).json()) as { deadlines: { key: string; due: string }[] };
    const due = three.deadlines.find((d) => d.key === 'review:1')!.due;
    expect(due > dateInZone(new Date(), TIME_ZONE)).toBe(true);
    const item = async () => (await list(`school=${school}&level=3`)).items.find((i) => i.id === 'TAP-E2E-3')?.nextDeadline;
    await expect.poll(item, { timeout: 15_000, interval: 250 }).toBeDefined();
    expect(dateInZone(new Date((await item())!), TIME_ZONE)).toBe(due);
    expect(ids(await list(`school=${school}&dueBefore=${due}`))).toContain('TAP-E2E-3');
    expect(ids(await list(`school=${school}&dueBefore=${addDays(due, -1)}`))).not.toContain('TAP-E2E-3');

    // Only the caller's district; principals and teachers do not list plans (they read their own).
    await expect.poll(async () => ids(await list(`school=${school}`, hrB)), { timeout: 15_000, interval: 250 }).toEqual(['TAP-E2E-B1']);
    expect((await send('GET', '/v1/tap', principal)).status).toBe(403);
    expect((await send('GET', '/v1/tap', teacher)).status).toBe(403);
    expect((await send('GET', '/v1/tap/TAP-E2E-3', teacher)).status).toBe(200);
    expect((await send('GET', '/v1/tap/TAP-E2E-B1', hr)).status).toBe(404);
  });

  it('TAP-TIMELINE: the timeline of an exited plan lists its opening, review, notices and close', async () => {
    type Entry = { kind: string; summary: string; action?: string; rules: string[] };
    const entriesNow = async () => ((await (await send('GET', '/v1/cases/tap:TAP-E2E-2/timeline', hr)).json()) as { entries: Entry[] }).entries;
    // The plan exited: once its notices are out the run completes, and the timeline ends with its close.
    await expect.poll(async () => (await entriesNow()).at(-1), { timeout: 20_000, interval: 250 }).toMatchObject({ kind: 'closed', rules: ['TAP-TIMELINE'], summary: expect.stringMatching(/^case closed: exited on /) });
    const entries = await entriesNow();
    expect(entries[0]).toMatchObject({ kind: 'filed', action: 'opened' });
    expect(entries.some((e) => e.kind === 'notice')).toBe(true);
    expect(entries.some((e) => e.action === 'review')).toBe(true);
  });
});
