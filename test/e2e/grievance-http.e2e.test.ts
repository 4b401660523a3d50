import { mkdtemp } from 'node:fs/promises';
import { TEST_KEY_RING_JSON, testDataConverter } from '../helpers/key-ring';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { parse } from 'csv-parse/sync';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyWebhookSignature } from '../../activities/notices/webhook';
import { loadConfig } from '../../src/config/config';
import { seedSampleCalendars } from '../../src/dev/seed-sample-calendars';
import { DistrictCalendars, addDays, dateInZone, schoolYearOf, shiftDate } from '../../src/domain/calendar';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { startService, type RunningService } from '../../src/service';
import { aFiling, throughThreeLevels } from '../helpers/grievance-fixtures';
import { calendarsAround } from '../helpers/synthetic-calendars';
import { testLogger } from '../helpers/temporal';
import { TEST_JWT_SECRET, bearer } from '../helpers/tokens';

// The real thing: the Temporal CLI dev server, the worker and the API as `npm start` runs them, driven over HTTP.
describe('grievance over HTTP on the dev server (end to end)', () => {
  let devServer: DevServer;
  let service: RunningService;
  let api: string;
  let dataDir: string;
  let client: Client;
  let smtp: SMTPServer;
  let hrSystem: Server;
  const hr = bearer(['hr'], { sub: 'hr-system', district: 'district-a' });
  const webhookSecret = 'whsec-e2e-0123456789abcdef0123456789abcdef';
  /** What a real SMTP server received, and what a real HR-system listener received. */
  const mails: { to: string[]; raw: string }[] = [];
  const webhooks: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const { calendars } = calendarsAround(Date.now(), 'district-a');

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    hrSystem = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        webhooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hrSystem.listen(0, '127.0.0.1', resolve));

        dataDir = await mkdtemp(path.join(os.tmpdir(), 'case-deadlines-e2e-'));
    devServer = await startDevServer({
      cliPath: inject('temporalCliPath'),
      port: 0,
      namespace: 'default',
      logger: testLogger,
    });
    const config = loadConfig({
      TEMPORAL_ADDRESS: devServer.address,
      TEMPORAL_EMBEDDED: 'false',
      PAYLOAD_KEY_RING: TEST_KEY_RING_JSON,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      TEMPORAL_TASK_QUEUE: 'e2e',
      API_PORT: '0',
      DATA_DIR: dataDir,
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      WEBHOOK_URL: `http://127.0.0.1:${(hrSystem.address() as AddressInfo).port}/grievance-events`,
      WEBHOOK_SECRET: webhookSecret,
    });
    service = await startService(config, testLogger);
    api = service.apiUrl!;
    client = new Client({ connection: await Connection.connect({ address: devServer.address }), dataConverter: testDataConverter() });
    // CAL-1: the district publishes its calendars before any case is filed.
    for (const { district: _d, schoolYear, ...body } of calendars) {
      const res = await fetch(`${api}/v1/calendars/district-a/${schoolYear}`, {
        method: 'PUT',
        headers: { ...hr, 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, reason: 'board approved' }),
      });
      expect(res.status).toBe(201);
    }
  });

  afterAll(async () => {
    await client?.connection.close();
    await service?.stop();
    await devServer?.stop();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await new Promise((resolve) => hrSystem?.close(resolve));
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
    expect(grievance).toMatchObject({ id: filing.id, status: 'awaiting-decision', level: 1, district: 'district-a', filedBy: { id: 'hr-system' } });

    const duplicate = await post(filing);
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const unknown = await fetch(`${api}/v1/grievances/does-not-exist`, { headers: hr });
    expect(unknown.status).toBe(404);
    expect((await fetch(`${api}/v1/grievances/${filing.id}`)).status).toBe(401);
  });

  it('CAL-2: a calendar amendment reaches every open case of the district through one batch signal', async () => {
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

  it('CAL-2: after an amendment the listing shows the moved next deadline, and dueBefore follows it, with no action on the case', async () => {
    const school = `e2e-amend-${Date.now().toString(36)}`;
    const filing = aFiling({ school });
    expect((await post(filing)).status).toBe(201);
    const listed = async () => ((await (await fetch(`${api}/v1/grievances?school=${school}`, { headers: hr })).json()) as { items: { id: string; nextDeadline?: string }[] }).items;
    await expect.poll(async () => (await listed())[0]?.nextDeadline, { timeout: 15_000, interval: 250 }).toBeDefined();
    const before = (await listed())[0]!.nextDeadline!;
    const beforeDate = dateInZone(new Date(before), 'America/Chicago');

    // A snow day on the next school day: the 10-school-day decision deadline moves one school day later.
    const district = new DistrictCalendars('district-a', calendars);
    const snowDay = shiftDate(district, dateInZone(new Date(), 'America/Chicago'), 'school-day', 1);
    const amendment = await fetch(`${api}/v1/calendars/district-a/${schoolYearOf(snowDay)}/amendments`, {
      method: 'POST',
      headers: { ...hr, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'snow', add: [{ id: `snow-${school}`, kind: 'closure', name: 'Snow day', start: snowDay }] }),
    });
    expect(amendment.status).toBe(201);

    const caseDue = async () => ((await (await fetch(`${api}/v1/grievances/${filing.id}`, { headers: hr })).json()) as any).clock.deadlines.find((d: { key: string }) => d.key === '1:decision').current.dueAt as string;
    await expect.poll(async () => Date.parse(await caseDue()), { timeout: 20_000, interval: 250 }).not.toBe(Date.parse(before));
    const after = await caseDue();
    expect(dateInZone(new Date(after), 'America/Chicago')).toBe(shiftDate(district, beforeDate, 'school-day', 1));
    await expect.poll(async () => Date.parse((await listed())[0]?.nextDeadline ?? ''), { timeout: 15_000, interval: 250 }).toBe(Date.parse(after));
    const ids = async (query: string) => ((await (await fetch(`${api}/v1/grievances?school=${school}&${query}`, { headers: hr })).json()) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await ids(`dueBefore=${beforeDate}`)).toEqual([]);
    expect(await ids(`dueBefore=${dateInZone(new Date(after), 'America/Chicago')}`)).toEqual([filing.id]);
    expect((await act(filing.id, { type: 'withdraw' }, hr)).status).toBe(200);
  });

  it('HR exports a listing for spreadsheets: ?format=csv answers every matching case as text/csv with a header row (issue 19, item 7)', async () => {
    const school = `csv-${Date.now()}`;
    const filings = [
      aFiling({ school, grievants: [{ name: 'Nguyễn Thị Minh, Jr.', position: 'Teacher' }] }),
      aFiling({ school, grievants: [{ name: '=HYPERLINK("http://x")', position: 'Teacher' }] }),
      aFiling({ school }),
    ];
    for (const filing of filings) expect((await post(filing)).status).toBe(201);
    // Visibility catches up on its own time: the export follows the listing.
    await expect.poll(async () => ((await (await fetch(`${api}/v1/grievances?school=${school}`, { headers: hr })).json()) as { items: unknown[] }).items.length, { timeout: 15_000, interval: 250 }).toBe(3);
    // pageSize=1: the export gathers every page itself.
    const res = await fetch(`${api}/v1/grievances?school=${school}&format=csv&pageSize=1`, { headers: hr });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="grievances-district-a-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('link')).toBeNull();
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A UTF-8 byte-order mark first, so spreadsheets read names with accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    // The columns are the listing's item fields in their order: the kernel's, then the family's own.
    expect(text.split(/\r?\n/)[0]).toBe('id,workflowId,status,school,nextDeadline,closedAt,href,level,filedAt');
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id).sort()).toEqual(filings.map((f) => f.id).sort());
    for (const row of rows) expect(row).toMatchObject({ status: 'awaiting-decision', level: '1', school, href: `/v1/grievances/${row.id}` });
    // The listing names no grievant (nothing personal in search attributes); a cell a spreadsheet would run is defused.
    expect(text).not.toContain('HYPERLINK');
    // PAR has the same export from the same kernel route.
    const par = await fetch(`${api}/v1/par?format=csv`, { headers: hr });
    expect(par.status).toBe(200);
    expect(par.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const parBytes = new Uint8Array(await par.arrayBuffer());
    expect([...parBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(parBytes).split(/\r?\n/)[0]).toMatch(/^id,workflowId,/);
    const wrong = await fetch(`${api}/v1/grievances?format=xlsx`, { headers: hr });
    expect(wrong.status).toBe(400);
  });

  it('GRV-WITHDRAW / GRV-EXTEND: who acts is who the token says, in the relation the case records', async () => {
    const filing = aFiling({
      contacts: [
        { name: 'Ade Okafor', role: 'representative', subject: 'rep-okafor' },
        { name: 'Pat Lee', role: 'decider', level: 1, subject: 'principal-lincoln' },
      ],
    });
    expect((await post(filing)).status).toBe(201);
    const stranger = bearer(['participant'], { sub: 'another-teacher', district: 'district-a' });
    const principal = bearer(['decider'], { sub: 'principal-lincoln', district: 'district-a', levels: [1] });
    const representative = bearer(['participant'], { sub: 'rep-okafor', district: 'district-a' });
    // Another teacher of the district cannot withdraw someone else's grievance: for them it does not exist.
    expect((await act(filing.id, { type: 'withdraw' }, stranger)).status).toBe(404);
    expect((await fetch(`${api}/v1/grievances/${filing.id}`, { headers: stranger })).status).toBe(404);
    // One person alone cannot extend: the decider's proposal is the district's, whatever the body says.
    expect((await act(filing.id, { type: 'propose-extension', deadline: 'decision', count: 4, party: 'grievant' }, principal)).status).toBe(200);
    expect((await act(filing.id, { type: 'accept-extension', party: 'grievant' }, principal)).status).toBe(409);
    expect((await act(filing.id, { type: 'accept-extension' }, hr)).status).toBe(409);
    const accepted = await act(filing.id, { type: 'accept-extension' }, representative);
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as any).process.extensions).toEqual([expect.objectContaining({ count: 4, proposedBy: expect.objectContaining({ id: 'principal-lincoln' }), acceptedBy: expect.objectContaining({ id: 'rep-okafor' }) })]);
    // Another district files the same case number without a 409 and without seeing this one.
    const hrB = bearer(['hr'], { sub: 'hr-b', district: 'district-b' });
    for (const { district: _d, schoolYear, ...body } of calendarsAround(Date.now(), 'district-b').calendars) {
      const published = await fetch(`${api}/v1/calendars/district-b/${schoolYear}`, { method: 'PUT', headers: { ...hrB, 'content-type': 'application/json' }, body: JSON.stringify({ ...body, reason: 'board approved' }) });
      expect(published.status).toBe(201);
    }
    const theirs = await post({ ...filing, statement: 'District B, another matter.' }, hrB);
    expect(theirs.status, await theirs.clone().text()).toBe(201);
    expect(((await (await fetch(`${api}/v1/grievances/${filing.id}`, { headers: hrB })).json()) as any).filing.statement).toBe('District B, another matter.');
    expect(((await (await fetch(`${api}/v1/grievances/${filing.id}`, { headers: hr })).json()) as any).filing.statement).toBe(filing.statement);
    expect((await act(filing.id, { type: 'withdraw' }, representative)).status).toBe(200);
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

  it('CAL-1: the embedded run publishes sample calendars for the last, current and next school year, once', async () => {
    const now = new Date();
    const first = await seedSampleCalendars(client, 'e2e', { district: 'demo-e2e', timeZone: 'America/Chicago', now }, testLogger);
    const today = dateInZone(now, 'America/Chicago');
    expect(first).toEqual([schoolYearOf(addDays(today, -366)), schoolYearOf(today), schoolYearOf(addDays(today, 366))]);
    expect(await seedSampleCalendars(client, 'e2e', { district: 'demo-e2e', timeZone: 'America/Chicago', now }, testLogger)).toEqual([]);
    const res = await fetch(`${api}/v1/calendars/demo-e2e/${first[0]}`, { headers: bearer(['auditor'], { district: 'demo-e2e' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).amendments).toMatchObject([{ version: 1, by: { id: 'system:sample-calendar' } }]);
  });

  const act = (id: string, action: object, headers: Record<string, string>) =>
    fetch(`${api}/v1/grievances/${id}/actions`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(action) });

  it('GRV-FINAL over HTTP: file, decide, appeal, decide, appeal, final decision; emails reach the SMTP server and signed webhooks the HR system', async () => {
    const filing = aFiling({
      contacts: [
        { name: 'Pat Principal', role: 'decider', level: 1, email: 'principal@lincoln.example.org' },
        { name: 'Chris Chief', role: 'decider', level: 2, email: 'chief@district.example.org' },
        { name: 'Sam Super', role: 'decider', level: 3, email: 'superintendent@district.example.org' },
      ],
    });
    expect((await post(filing)).status).toBe(201);
    const decider = bearer(['decider'], { sub: 'decider-e2e', district: 'district-a' });
    const grievant = bearer(['participant'], { sub: 'dana.reyes', district: 'district-a' });
    for (const [action, token, expected] of throughThreeLevels(decider, grievant)) {
      const res = await act(filing.id, action, token);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject(expected);
    }

    // Receipt, three decisions, two appeals recorded: each an email over SMTP and a webhook, each exactly once.
    const forCase = () => mails.filter((m) => m.raw.includes(filing.id));
    await expect.poll(() => forCase().length, { timeout: 30_000, interval: 250 }).toBe(6);
    const subjects = forCase().map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1] ?? '');
    expect(subjects.filter((s) => /decision/i.test(s))).toHaveLength(3);
    // The level 3 decision went to the superintendent and the grievant, not to the level 1 principal.
    const final = forCase().find((m) => m.raw.includes('Level 3: the observation is removed.'))!;
    expect(final.to.sort()).toEqual(['dana.reyes@example.org', 'superintendent@district.example.org']);

    const hooks = () => webhooks.filter((w) => w.body.includes(filing.id));
    await expect.poll(() => hooks().length, { timeout: 30_000, interval: 250 }).toBe(6);
    for (const hook of hooks()) {
      const [id, timestamp, signature] = ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => String(hook.headers[h]));
      expect(verifyWebhookSignature({ secret: webhookSecret, id: id!, timestamp: timestamp!, body: hook.body, signature: signature! })).toBe(true);
      expect(verifyWebhookSignature({ secret: 'another-secret-0123456789abcdef0123456789', id: id!, timestamp: timestamp!, body: hook.body, signature: signature! })).toBe(false);
      expect(JSON.parse(hook.body).deliveryId).toBe(id);
    }
    expect(hooks().map((h) => JSON.parse(h.body).kind).sort()).toEqual(['action-recorded', 'action-recorded', 'decision', 'decision', 'decision', 'filing-receipt']);
    expect(new Set(hooks().map((h) => h.headers['webhook-id'])).size).toBe(6);

    const grievance = (await (await fetch(`${api}/v1/grievances/${filing.id}`, { headers: hr })).json()) as any;
    expect(grievance.notices.filter((n: { failure?: string }) => n.failure)).toEqual([]);
    expect(grievance.notices.filter((n: { kind: string; channel: string }) => n.kind === 'decision' && n.channel === 'letter')).toHaveLength(3);
  });

  it('GRV-WITHDRAW: lists cases by status, level, school and due date, paginated; withdrawn cases are hidden from administrators, not auditors', async () => {
    const school = `e2e-${Date.now().toString(36)}`;
    const open = [aFiling({ school }), aFiling({ school })];
    const withdrawn = aFiling({ school });
    for (const filing of [...open, withdrawn]) expect((await post(filing)).status).toBe(201);
    expect((await act(withdrawn.id, { type: 'withdraw' }, hr)).status).toBe(200);

    const list = async (query: string, token = hr) => {
      const res = await fetch(`${api}/v1/grievances?${query}`, { headers: token });
      expect(res.status).toBe(200);
      return (await res.json()) as { items: { id: string; status: string; level: number; nextDeadline?: string }[]; nextPageToken?: string };
    };
    const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id).sort();
    const openIds = open.map((f) => f.id).sort();

    await expect.poll(async () => ids(await list(`school=${school}`)), { timeout: 15_000, interval: 250 }).toEqual(openIds);
    await expect.poll(async () => ids(await list(`school=${school}`, bearer(['auditor'], { district: 'district-a' }))), { timeout: 15_000 }).toEqual([...openIds, withdrawn.id].sort());
    expect(ids(await list(`school=${school}&status=withdrawn`))).toEqual([]);
    expect(ids(await list(`school=${school}&status=awaiting-decision&level=1`))).toEqual(openIds);
    expect(ids(await list(`school=${school}&level=2`))).toEqual([]);

    const decisionDue = (await list(`school=${school}`)).items[0]!.nextDeadline!;
    expect(decisionDue).toBeDefined();
    const dueDate = dateInZone(new Date(decisionDue), 'America/Chicago');
    expect(ids(await list(`school=${school}&dueBefore=${dueDate}`))).toEqual(openIds);
    expect(ids(await list(`school=${school}&dueBefore=${addDays(dueDate, -1)}`))).toEqual([]);

    const first = await list(`school=${school}&pageSize=1`);
    expect(first.items).toHaveLength(1);
    expect(first.nextPageToken).toBeDefined();
    const second = await list(`school=${school}&pageSize=1&pageToken=${first.nextPageToken}`);
    expect([...ids(first), ...ids(second)].sort()).toEqual(openIds);
    // A token that is not ours, or continues another listing, answers 400 at once and changes nothing.
    for (const query of [`school=${school}&pageToken=not-a-token`, `school=${school}&level=1&pageToken=${first.nextPageToken}`]) {
      const res = await fetch(`${api}/v1/grievances?${query}`, { headers: hr });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ errors: [{ field: '/pageToken' }] });
    }

    // Another district sees none of them.
    expect(ids(await list(`school=${school}`, bearer(['hr'], { district: 'district-b' })))).toEqual([]);
  });
});
