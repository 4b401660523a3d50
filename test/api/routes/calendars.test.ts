import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtCalendarWorkflowId } from '../../../src/domain/calendar';
import { buildTestApp } from '../../helpers/api';
import { lakeview2026 } from '../../helpers/calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';
import { bearer } from '../../helpers/tokens';

describe('calendar routes (app.inject, time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let app: FastifyInstance;
  const taskQueue = 'calendar-routes-test';
  const hr = bearer(['hr'], { sub: 'calendar-office', district: 'lakeview' });
  const harborHr = bearer(['hr'], { sub: 'harbor-office', district: 'harbor' });
  const { district: _d, schoolYear: _y, ...lakeviewBody } = lakeview2026;
  const url = '/v1/calendars/lakeview/2026-2027';

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    app = await buildTestApp(env.client, {}, taskQueue);
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await env?.teardown();
  });

  const put = (body: unknown, headers = hr, path = url) => app.inject({ method: 'PUT', url: path, headers, payload: body as object });
  const amend = (body: unknown, headers = hr) => app.inject({ method: 'POST', url: `${url}/amendments`, headers, payload: body as object });

  it('CAL-1: publishes a calendar (201, then 200 for a replacement) and serves it to every role of the district', async () => {
    const first = await put({ ...lakeviewBody, reason: 'board approved calendar' });
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe(url);
    expect(first.json()).toMatchObject({ district: 'lakeview', schoolYear: '2026-2027', version: 1, calendar: { timeZone: 'America/Chicago' } });
    expect(first.json().amendments[0]).toMatchObject({ version: 1, summary: 'first publication', by: { id: 'calendar-office' }, reason: 'board approved calendar' });

    const replaced = await put({ ...lakeviewBody, lastInstructionalDay: '2027-06-04' });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().version).toBe(2);
    expect(replaced.json().amendments[1].summary).toBe('lastInstructionalDay: 2027-06-03 -> 2027-06-04');

    const read = await app.inject({ method: 'GET', url, headers: bearer(['panel'], { district: 'lakeview' }) });
    expect(read.statusCode).toBe(200);
    expect(read.json().calendar.lastInstructionalDay).toBe('2027-06-04');
  });

  it('CAL-2: an amendment adds a snow-day closure as a new version, logs who and why, and is announced to open cases', async () => {
    const res = await amend({ reason: 'snow closure announced 05:30', add: [{ id: 'snow-1', kind: 'closure', name: 'Snow day', start: '2026-12-01' }] });
    expect(res.statusCode).toBe(201);
    const amendment = res.json();
    expect(amendment).toMatchObject({ summary: 'added closure Snow day (2026-12-01)', reason: 'snow closure announced 05:30', by: { id: 'calendar-office' } });

    await expect.poll(() => worker.announcements.map((a) => a.version)).toContain(amendment.version);
    const announced = worker.announcements.find((a) => a.version === amendment.version)!;
    expect(announced).toMatchObject({ district: 'lakeview', schoolYear: '2026-2027', summary: 'added closure Snow day (2026-12-01)' });
    expect(announced.calendar.events).toContainEqual({ id: 'snow-1', kind: 'closure', name: 'Snow day', start: '2026-12-01' });

    const removed = await amend({ reason: 'closure cancelled', remove: ['snow-1'] });
    expect(removed.statusCode).toBe(201);
    expect(removed.json().summary).toBe('removed closure Snow day (2026-12-01)');
  });

  it('CAL-2: refuses to remove an event that does not exist (422 naming the field and rule) and changes nothing', async () => {
    const before = (await app.inject({ method: 'GET', url, headers: hr })).json().version;
    const res = await amend({ reason: 'typo', remove: ['no-such-event'] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'CAL-2', errors: [{ field: '/remove/0', message: 'no event with id "no-such-event"', rule: 'CAL-2' }] });
    expect((await app.inject({ method: 'GET', url, headers: hr })).json().version).toBe(before);
  });

  it('CAL-1: refuses an inconsistent calendar with 422, each offending field named, and starts nothing', async () => {
    const res = await put(
      { ...lakeviewBody, timeZone: 'Mars/Olympus', lastInstructionalDay: '2026-08-01', events: [{ kind: 'break', name: 'Winter', start: '2026-12-31', end: '2026-12-20' }] },
      hr,
      '/v1/calendars/lakeview/2030-2031',
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['/timeZone', '/firstInstructionalDay', '/lastInstructionalDay', '/events/0/end']));
    expect(res.json().rule).toBe('CAL-1');
    await expect(env.client.workflow.getHandle(districtCalendarWorkflowId('lakeview', '2030-2031')).describe()).rejects.toThrow();
  });

  it('CAL-1: refuses malformed input with 400 naming the field', async () => {
    const res = await put({ ...lakeviewBody, firstInstructionalDay: '19 Aug 2026' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ rule: 'CAL-1', errors: [{ field: '/firstInstructionalDay', in: 'body' }] });
  });

  it('CAL-4: imports a district .ics: a dry run shows the mapping, then the import publishes it as a new version', async () => {
    const ics = readFileSync(path.join(__dirname, '../../fixtures/calendars/lakeview-2026-2027.ics'), 'utf8');
    const importIcs = (query: string, body = ics, contentType = 'text/calendar') =>
      app.inject({ method: 'POST', url: `/v1/calendars/harbor/2026-2027/import${query}`, headers: { ...harborHr, 'content-type': contentType }, payload: body });

    const dry = await importIcs('?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ published: false, calendar: { district: 'harbor', timeZone: 'America/Chicago', firstInstructionalDay: '2026-08-19' } });
    expect(dry.json().report.ignored.map((i: { summary: string }) => i.summary)).toContain('Picture Day');
    expect((await app.inject({ method: 'GET', url: '/v1/calendars/harbor/2026-2027', headers: harborHr })).statusCode).toBe(404);

    const published = await importIcs('?reason=board%20calendar%202026-27');
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ published: true, record: { version: 1, amendments: [{ reason: 'board calendar 2026-27' }] } });
    const read = await app.inject({ method: 'GET', url: '/v1/calendars/harbor/2026-2027', headers: harborHr });
    expect(read.json().calendar.events).toContainEqual({ id: 'winter-2026-lakeview.k12.example', kind: 'break', name: 'Winter Break', start: '2026-12-21', end: '2027-01-01' });
  });

  it('CAL-4: an .ics without a first day of school is refused with 422 naming what to pass; a non-calendar body with 415', async () => {
    const ics = readFileSync(path.join(__dirname, '../../fixtures/calendars/lakeview-2026-2027.ics'), 'utf8').replace('First Day of School', 'Welcome back');
    const res = await app.inject({ method: 'POST', url: '/v1/calendars/harbor/2026-2027/import', headers: { ...harborHr, 'content-type': 'text/calendar' }, payload: ics });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'CAL-4', errors: [{ field: '/firstInstructionalDay', rule: 'CAL-4', message: expect.stringContaining('?firstInstructionalDay=') }] });
    expect(res.json().errors).toHaveLength(1);
    const wrongType = await app.inject({ method: 'POST', url: '/v1/calendars/harbor/2027-2028/import', headers: { ...harborHr, 'content-type': 'application/xml' }, payload: '<x/>' });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.headers['content-type']).toMatch(/problem\+json/);
  });

  it('404 for a school year with no calendar; 403 for another district or a role that may not publish', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/calendars/lakeview/2040-2041', headers: hr })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url, headers: bearer(['hr'], { district: 'harbor' }) })).statusCode).toBe(403);
    expect((await put(lakeviewBody, bearer(['auditor'], { district: 'lakeview' }))).statusCode).toBe(403);
    expect((await amend({ reason: 'x', remove: ['a'] }, bearer(['decider'], { district: 'lakeview' }))).statusCode).toBe(403);
  });
});
