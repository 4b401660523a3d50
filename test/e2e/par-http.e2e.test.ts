import { mkdtemp } from 'node:fs/promises';
import { TEST_KEY_RING_JSON } from '../helpers/key-ring';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { addDays, dateInZone } from '../../src/domain/calendar';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { startService, type RunningService } from '../../src/service';
import { APPLIED_ON, OUTSIDE_WINDOWS, PAR_TIME_ZONE as TIME_ZONE, REFERRED_ON, SCHOOL_YEAR, calendarsFor, programYear, referral, spring, today, unsatisfactory, volunteer } from '../helpers/par-http-fixtures';
import { testLogger } from '../helpers/temporal';
import { TEST_JWT_SECRET, bearer } from '../helpers/tokens';

type ListItem = { id: string; kind?: string; status: string; school?: string; nextDeadline?: string };
type ListPage = { items: ListItem[]; nextPageToken?: string };

// The real thing: the Temporal CLI dev server, the worker and the API as `npm start` runs them, driven over HTTP.
// What the time-skipping tests cannot show: listings through visibility (search attributes), on a real clock.
describe('PAR over HTTP on the dev server (end to end)', () => {
  let devServer: DevServer;
  let service: RunningService;
  let api: string;
  const as = (roles: Parameters<typeof bearer>[0], sub: string, district = 'district-a') => bearer(roles, { sub, district });
  const hr = as(['hr'], 'hr-clerk-1');
  const hrB = as(['hr'], 'hr-clerk-b', 'district-b');
  const panel = as(['panel'], 'panel-chair');
  const auditor = as(['auditor'], 'auditor-1');
  /** A panel member who is also a principal (decider): may list, but never Volunteers (PAR-VOL-CONF). */
  const panelPrincipal = as(['panel', 'decider'], 'principal-ng');
  const programs: Record<string, { status: number; body: any }> = {};

  const send = (method: string, url: string, headers: Record<string, string>, body?: unknown, extra: Record<string, string> = {}) =>
    fetch(`${api}${url}`, {
      method,
      headers: { ...headers, ...extra, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const refer = (body: object, headers = hr) => send('POST', '/v1/par/referrals', headers, body);
  const apply = (body: object, headers: Record<string, string>) => send('POST', '/v1/par/volunteers', headers, body);
  const read = (id: string, headers: Record<string, string>) => send('GET', `/v1/par/${id}`, headers);
  const act = (id: string, action: object, headers: Record<string, string>, extra: Record<string, string> = {}) => send('POST', `/v1/par/${id}/actions`, headers, action, extra);
  const list = async (query: string, headers = hr): Promise<ListPage> => {
    const res = await send('GET', `/v1/par?${query}`, headers);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as ListPage;
  };
  const ids = (page: ListPage) => page.items.map((i) => i.id).sort();

  beforeAll(async () => {
        const dataDir = await mkdtemp(path.join(os.tmpdir(), 'case-deadlines-par-e2e-'));
    devServer = await startDevServer({ cliPath: inject('temporalCliPath'), port: 0, namespace: 'default', logger: testLogger });
    const config = loadConfig({
      TEMPORAL_ADDRESS: devServer.address,
      TEMPORAL_EMBEDDED: 'false',
      PAYLOAD_KEY_RING: TEST_KEY_RING_JSON,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      TEMPORAL_TASK_QUEUE: 'e2e-par',
      API_PORT: '0',
      DATA_DIR: dataDir,
    });
    service = await startService(config, testLogger);
    api = service.apiUrl!;

    for (const [district, token] of [['district-a', hr], ['district-b', hrB]] as const) {
      // CAL-1: the district publishes its calendars; the windows are counted on them.
      for (const { district: _d, schoolYear, ...body } of calendarsFor(district)) {
        const res = await send('PUT', `/v1/calendars/${district}/${schoolYear}`, token, { ...body, reason: 'board approved' });
        expect(res.status, await res.clone().text()).toBe(201);
      }
      // PAR-PRIORITY: HR configures the program year before any referral.
      const res = await send('PUT', `/v1/par/programs/${district}/${SCHOOL_YEAR}`, token, programYear(district));
      programs[district] = { status: res.status, body: await res.json() };
    }
  });

  afterAll(async () => {
    await service?.stop();
    await devServer?.stop();
  });

  it('PAR-PRIORITY: HR configures the program year (201), whose windows are counted on the published calendar', async () => {
    const { status, body } = programs['district-a']!;
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ district: 'district-a', schoolYear: SCHOOL_YEAR, configured: true, capacity: { places: 5, used: 0 } });
    const { referral: window, volunteer: windows } = body.windows;
    expect(window).toMatchObject({ rule: 'PAR-SPRING-WINDOW', closes: `${spring}-06-30` });
    expect(window.opens <= REFERRED_ON && REFERRED_ON <= window.closes).toBe(true);
    expect(windows.some((w: { opens: string; closes: string }) => w.opens <= APPLIED_ON && APPLIED_ON <= w.closes)).toBe(true);
    // Auditors read it too; another district's HR finds nothing.
    expect((await send('GET', `/v1/par/programs/district-a/${SCHOOL_YEAR}`, auditor)).status).toBe(200);
    expect((await send('GET', `/v1/par/programs/district-a/${SCHOOL_YEAR}`, hrB)).status).toBe(404);
  });

  it('PAR-SPRING-WINDOW / PAR-REF-ELIG: a past referral outside its window or with too few unsatisfactory ratings answers 422 and opens no case', async () => {
    const early = await refer(referral('PAR-E2E-EARLY', 'teacher-early', { referredOn: OUTSIDE_WINDOWS }));
    expect(early.status).toBe(422);
    expect(early.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await early.json()) as any;
    expect(problem.rule).toBe('PAR-SPRING-WINDOW');
    expect(problem.deadline.windows[0]).toMatchObject({ rule: 'PAR-SPRING-WINDOW', closes: `${spring}-06-30` });
    expect((await read('PAR-E2E-EARLY', hr)).status).toBe(404);

    const two = await refer({ ...referral('PAR-E2E-TWO', 'teacher-two'), evaluation: { completedOn: addDays(REFERRED_ON, -14), standards: unsatisfactory(2) } });
    expect(two.status).toBe(422);
    expect(((await two.json()) as any).rule).toBe('PAR-REF-ELIG');
    expect((await read('PAR-E2E-TWO', hr)).status).toBe(404);
  });

  it('PAR-PRIORITY / PAR-ACCEPT-NOTICE / PAR-CT-SELECT-10: a referral over HTTP is placed in the program year and taken to assistance by the panel and the participant', async () => {
    const id = 'PAR-E2E-FLOW';
    const dana = as(['participant'], 'dana.reyes');
    const created = await refer({ ...referral(id, 'dana.reyes'), participant: { id: 'dana.reyes', name: 'Dana Reyes', email: 'dana@example.org', status: 'permanent' } });
    expect(created.status, await created.clone().text()).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/par/${id}`);
    expect(await created.json()).toMatchObject({ id, district: 'district-a', kind: 'referred', status: 'awaiting-acceptance-notice' });
    // One case per id, ever.
    expect((await refer(referral(id, 'dana.reyes'))).status).toBe(409);

    // PAR-PRIORITY: a Referred participant (Group I) is placed at once in the program year of the referral.
    const program = async () => (await (await send('GET', `/v1/par/programs/district-a/${SCHOOL_YEAR}`, hr)).json()) as any;
    await expect.poll(async () => (await program()).roster.find((r: { caseId: string }) => r.caseId === id), { timeout: 15_000, interval: 250 }).toMatchObject({ caseId: id, group: 1 });

    // The panel sends the acceptance notice (late: the two weeks after the referral have passed).
    const notice = await act(id, { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'], trackingNumber: 'RM-E2E-1' }, panel);
    expect(notice.status, await notice.clone().text()).toBe(200);
    const noticed = (await notice.json()) as any;
    expect(noticed.status).toBe('selecting-consulting-teacher');
    // PAR-CT-SELECT-10: 10 work days from today, on the real clock.
    const request = noticed.deadlines.find((d: { key: string }) => d.key === 'consulting-teacher-request');
    expect(request).toMatchObject({ rule: 'PAR-CT-SELECT-10' });
    expect(request.due > today).toBe(true);

    // The panel cannot designate while the participant may still choose; the participant chooses from the list.
    expect((await act(id, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, panel)).status).toBe(409);
    const requested = await act(id, { type: 'request-consulting-teacher', preferences: ['ct-kim'] }, dana);
    expect(requested.status, await requested.clone().text()).toBe(200);

    // The panel approves it; a retried request with the same Idempotency-Key is applied once, with the same answer.
    const key = { 'idempotency-key': 'assign-e2e-1' };
    const assigned = await act(id, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, panel, key);
    expect(assigned.status, await assigned.clone().text()).toBe(200);
    expect(await assigned.json()).toMatchObject({ status: 'in-assistance', consultingTeacher: 'ct-kim' });
    const retried = await act(id, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, panel, key);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ status: 'in-assistance', consultingTeacher: 'ct-kim' });
    expect((await act(id, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-ortiz' }, panel)).status).toBe(409);

    // The program year's roster records the consulting teacher's seat.
    await expect.poll(async () => (await program()).roster.find((r: { caseId: string }) => r.caseId === id)?.consultingTeacher, { timeout: 15_000, interval: 250 }).toBe('ct-kim');
    // The listing follows the case's status through its search attributes.
    await expect.poll(async () => ids(await list('status=in-assistance')), { timeout: 15_000, interval: 250 }).toContain(id);
    expect((await read(id, dana)).status).toBe(200);
  });

  it('PAR-PANEL-CONF: HR and auditors read a case\'s timeline and packet without the panel\'s deliberation, and get no raw history (403); another district uses the same case number', async () => {
    const id = 'PAR-E2E-CONF';
    const marker = 'E2E-DELIBERATION-MARKER-6a1f';
    expect((await refer(referral(id, 'teacher-conf'))).status).toBe(201);
    const noted = await act(id, { type: 'record-deliberation', text: `Closed discussion: ${marker}` }, panel);
    expect(noted.status, await noted.clone().text()).toBe(200);
    expect(await (await read(id, panel)).text()).toContain(marker);
    for (const reader of [hr, auditor]) {
      expect(await (await read(id, reader)).text()).not.toContain(marker);
      const timeline = await send('GET', `/v1/cases/par:${id}/timeline`, reader);
      expect(timeline.status).toBe(200);
      const text = await timeline.text();
      expect(text).not.toContain(marker);
      expect(text).toContain('record-deliberation by panel-chair (content withheld)');
      const history = await send('GET', `/v1/cases/par:${id}/history`, reader);
      expect(history.status).toBe(403);
      expect(((await history.json()) as { rule?: string }).rule).toBe('PAR-PANEL-CONF');
      const packet = await send('GET', `/v1/cases/par:${id}/packet`, reader);
      expect(packet.status).toBe(200);
      expect(Buffer.from(await packet.arrayBuffer()).toString('latin1')).not.toContain('history.json');
    }
    // Case numbers are the district's own: district B opens PAR-E2E-CONF too, and neither learns of the other.
    const theirs = await refer(referral(id, 'teacher-b-conf'), hrB);
    expect(theirs.status, await theirs.clone().text()).toBe(201);
    expect(await (await read(id, hrB)).json()).toMatchObject({ id, district: 'district-b' });
    expect(await (await read(id, hr)).json()).toMatchObject({ id, district: 'district-a' });
  });

  it("PAR-PRIORITY: GET /v1/par lists the district's cases by status, school and next deadline, paginated, and only the caller's district", async () => {
    const listed = `e2e-list-${Date.now().toString(36)}`;
    const referred = ['PAR-E2E-L1', 'PAR-E2E-L2', 'PAR-E2E-L3'];
    for (const [i, id] of referred.entries()) expect((await refer(referral(id, `teacher-l${i}`, { school: listed }))).status).toBe(201);
    // Another district's case at a school of the same name.
    const elsewhere = await refer(referral('PAR-E2E-B1', 'teacher-b1', { school: listed }), hrB);
    expect(elsewhere.status, await elsewhere.clone().text()).toBe(201);

    await expect.poll(async () => ids(await list(`school=${listed}`)), { timeout: 15_000, interval: 250 }).toEqual(referred);
    // One of them moves on: the acceptance notice is sent and the participant's 10 work days run.
    expect((await act('PAR-E2E-L1', { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, panel)).status).toBe(200);
    await expect.poll(async () => ids(await list(`school=${listed}&status=selecting-consulting-teacher`)), { timeout: 15_000, interval: 250 }).toEqual(['PAR-E2E-L1']);
    expect(ids(await list(`school=${listed}&status=awaiting-acceptance-notice`))).toEqual(['PAR-E2E-L2', 'PAR-E2E-L3']);
    expect(ids(await list(`school=${listed}&status=open`))).toEqual(referred);
    expect(ids(await list(`school=${listed}&status=closed`))).toEqual([]);
    expect(ids(await list(`school=${listed}&status=in-assistance`))).toEqual([]);
    const page = await list(`school=${listed}`);
    expect(page.items.every((i) => i.kind === 'referred' && i.school === listed)).toBe(true);

    // dueBefore: only the case with a running deadline, up to the day it falls due (district time), not the day before.
    const l1 = async () => (await list(`school=${listed}&status=selecting-consulting-teacher`)).items[0]?.nextDeadline;
    await expect.poll(l1, { timeout: 15_000, interval: 250 }).toBeDefined();
    const dueDate = dateInZone(new Date((await l1())!), TIME_ZONE);
    expect(dueDate > today).toBe(true);
    const view = (await (await read('PAR-E2E-L1', hr)).json()) as any;
    expect(view.deadlines.find((d: { key: string }) => d.key === 'consulting-teacher-request')?.due).toBe(dueDate);
    expect(ids(await list(`school=${listed}&dueBefore=${dueDate}`))).toEqual(['PAR-E2E-L1']);
    expect(ids(await list(`school=${listed}&dueBefore=${addDays(dueDate, -1)}`))).toEqual([]);

    // Paginated: one at a time, every case once.
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const next = await list(`school=${listed}&pageSize=1${token ? `&pageToken=${token}` : ''}`);
      expect(next.items.length).toBeLessThanOrEqual(1);
      seen.push(...next.items.map((i) => i.id));
      token = next.nextPageToken;
      pages++;
    } while (token && pages < 10);
    expect(seen.sort()).toEqual(referred);
    expect(pages).toBeGreaterThanOrEqual(3);

    // Each district sees its own case only; another district's case does not exist for the caller.
    await expect.poll(async () => ids(await list(`school=${listed}`, hrB)), { timeout: 15_000, interval: 250 }).toEqual(['PAR-E2E-B1']);
    expect(ids(await list(`school=${listed}`, panel))).toEqual(referred);
    expect((await read('PAR-E2E-B1', hr)).status).toBe(404);
    expect((await read('PAR-E2E-L1', hrB)).status).toBe(404);
  });

  it('PAR-VOL-CONF: Volunteer cases are never listed to a caller with the decider role, while HR and the panel list them', async () => {
    const listed = `e2e-vol-${Date.now().toString(36)}`;
    const applicant = as(['participant'], 'teacher-v1');
    const applied = await apply(volunteer('PAR-E2E-V1', 'teacher-v1', { school: listed }), applicant);
    expect(applied.status, await applied.clone().text()).toBe(201);
    expect(await applied.json()).toMatchObject({ id: 'PAR-E2E-V1', kind: 'volunteer', status: 'awaiting-panel-vote' });
    expect((await refer(referral('PAR-E2E-R1', 'teacher-r1', { school: listed }))).status).toBe(201);

    const both = ['PAR-E2E-R1', 'PAR-E2E-V1'];
    await expect.poll(async () => ids(await list(`school=${listed}`, hr)), { timeout: 15_000, interval: 250 }).toEqual(both);
    expect(ids(await list(`school=${listed}`, panel))).toEqual(both);
    expect((await list(`school=${listed}&status=awaiting-panel-vote`, panel)).items).toMatchObject([{ id: 'PAR-E2E-V1', kind: 'volunteer', status: 'awaiting-panel-vote' }]);

    // A panel member who is also a principal lists the Referred case only, under every filter; a decider alone may not list.
    expect(ids(await list(`school=${listed}`, panelPrincipal))).toEqual(['PAR-E2E-R1']);
    expect(ids(await list(`school=${listed}&status=awaiting-panel-vote`, panelPrincipal))).toEqual([]);
    expect(ids(await list(`school=${listed}&status=open`, panelPrincipal))).toEqual(['PAR-E2E-R1']);
    expect(ids(await list(`school=${listed}`, as(['hr', 'decider'], 'hr-principal')))).toEqual(['PAR-E2E-R1']);
    expect((await send('GET', `/v1/par?school=${listed}`, as(['decider'], 'principal-ng'))).status).toBe(403);

    // Nor can the principal or the evaluator read it: for them the case does not exist.
    for (const token of [as(['decider'], 'principal-ng'), as(['decider'], 'eval-park')]) expect((await read('PAR-E2E-V1', token)).status).toBe(404);
    expect((await read('PAR-E2E-V1', hr)).status).toBe(200);
    expect((await read('PAR-E2E-V1', panel)).status).toBe(200);
  });
});
