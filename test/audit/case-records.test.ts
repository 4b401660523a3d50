import { execFileSync } from 'node:child_process';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseArchivePrefix, verifyCaseArchive } from '../../src/audit/case-archive';
import { fetchCaseHistories, historyToJson } from '../../src/audit/case-history';
import { buildCasePacket, PACKET_FILES } from '../../src/audit/case-packet';
import { decodeCaseRuns, loadCaseRuns } from '../../src/audit/case-records';
import { grievanceWorkflowId } from '../../src/domain/grievance/grievance-case';
import type { RecordStore } from '../../src/audit/record-store';
import { defaultTemplatesDir } from '../../activities/notices/templates';
import { parsePdf } from '../activities/notices/pdf-reader';
import { buildTestApp } from '../helpers/api';
import { archiveCompleted, testWorkerArchive } from '../helpers/case-archive';
import { aFiling } from '../helpers/grievance-fixtures';
import { publishCalendarsAround } from '../helpers/publish-calendars';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker, testDocuments } from '../helpers/temporal';
import { bearer } from '../helpers/tokens';
import { hasUnzip, pythonZipListing, readZip, zipFile } from './zip-reader';


const DECISION = 'The principal finds that the post-observation conference was not held and orders it held within ten school days.';

describe('case records past retention and the arbitration packet (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let app: FastifyInstance;
  let store: RecordStore;
  const taskQueue = 'case-records-test';
  const hr = bearer(['hr'], { sub: 'hr-clerk-1' });
  const auditor = bearer(['auditor'], { sub: 'auditor-1' });
  const decider = bearer(['decider'], { sub: 'principal-lincoln' });
  const grievant = bearer(['participant'], { sub: 'dana.reyes' });
  /** A closed grievance of district-a (decided, then withdrawn), archived, and a running one. */
  let closed: { workflowId: string; runId: string };
  let running: string;
  /** A case only the archive knows: the closed case's records under another id, as after Temporal's retention. */
  const archivedOnly = `grievance:ARCHIVED-${Date.now().toString(36)}`;

  const packet = (id: string, headers = auditor) => app.inject({ method: 'GET', url: `/v1/cases/${id}/packet`, headers });
  // Lines joined with spaces: a text wrapped over two lines reads as it was written.
  const pdfText = async (zip: Buffer) => (await parsePdf(readZip(zip).get('packet.pdf')!)).pages.flat().join(' ');

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    store = testWorkerArchive(worker);
    app = await buildTestApp(env.client, {}, taskQueue, { archive: store });
    await publishCalendarsAround(env.client, taskQueue, 'district-a', await env.currentTimeMs());

    const post = async (url: string, headers: Record<string, string>, payload: object) => {
      const res = await app.inject({ method: 'POST', url, headers, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
    };
    const filing = aFiling();
    await post('/v1/grievances', hr, filing);
    await post(`/v1/grievances/${filing.id}/actions`, decider, { type: 'decide', outcome: 'granted', text: DECISION });
    await post(`/v1/grievances/${filing.id}/actions`, grievant, { type: 'withdraw' });
    const handle = env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id));
    for (let attempt = 0; (await handle.describe()).status.name === 'RUNNING'; attempt++) {
      if (attempt > 200) throw new Error(`${handle.workflowId} did not close`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    closed = { workflowId: handle.workflowId, runId: (await handle.describe()).runId };
    await archiveCompleted(env.client, closed);

    const open = aFiling();
    await post('/v1/grievances', hr, open);
    running = grievanceWorkflowId('district-a', open.id);

    // Copy the closed case's folder under an id Temporal never had: chain entries name files relative to it.
    const from = caseArchivePrefix('district-a', closed.workflowId);
    for (const key of await store.list(from)) await store.put(`${caseArchivePrefix('district-a', archivedOnly)}${key.slice(from.length)}`, (await store.get(key))!);
    // Its files are sealed under the case's data key (issue 15 item 5): the copy takes the key along, as a restore would.
    await store.caseKeys.putIfAbsent('district-a', archivedOnly, (await store.caseKeys.get('district-a', closed.workflowId))!);
  });
  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await env?.teardown();
  });

  describe('loadCaseRuns', () => {
    it('reads a case Temporal still has from Temporal, running or closed', async () => {
      const live = await loadCaseRuns(env.client, store, closed.workflowId, 'district-a');
      expect(live).toMatchObject({ workflowId: closed.workflowId, district: 'district-a', source: 'temporal', archivedRunIds: [], running: false });
      expect(live.runs.map((r) => historyToJson(r.history))).toEqual((await fetchCaseHistories(env.client, closed.workflowId)).map((r) => historyToJson(r.history)));
      expect(await loadCaseRuns(env.client, store, running, 'district-a')).toMatchObject({ source: 'temporal', running: true });
    });

    it('reads a case Temporal no longer has from the archive, run for run', async () => {
      const fromArchive = await loadCaseRuns(env.client, store, archivedOnly, 'district-a');
      expect(fromArchive).toMatchObject({ workflowId: archivedOnly, source: 'archive', archivedRunIds: [closed.runId], running: false });
      const live = await fetchCaseHistories(env.client, closed.workflowId);
      expect(fromArchive.runs.map((r) => [r.runId, historyToJson(r.history)])).toEqual(live.map((r) => [r.runId, historyToJson(r.history)]));
    });

    it("answers WorkflowNotFoundError for an unknown case and for another district's case, live or archived", async () => {
      await expect(loadCaseRuns(env.client, store, 'grievance:NOWHERE', 'district-a')).rejects.toBeInstanceOf(WorkflowNotFoundError);
      await expect(loadCaseRuns(env.client, store, closed.workflowId, 'district-b')).rejects.toBeInstanceOf(WorkflowNotFoundError);
      await expect(loadCaseRuns(env.client, store, archivedOnly, 'district-b')).rejects.toBeInstanceOf(WorkflowNotFoundError);
    });
  });

  describe('buildCasePacket', () => {
    it('zips packet.pdf, history.json and chain.json; the PDF holds the timeline, the decision text and the notices', async () => {
      const records = await loadCaseRuns(env.client, store, closed.workflowId, 'district-a');
      const decodedRuns = await decodeCaseRuns(records.runs, env.client.options.loadedDataConverter.payloadCodecs);
      const zip = await buildCasePacket({ ...records, decodedRuns, store, documents: testDocuments, templatesDir: defaultTemplatesDir(), generatedAt: new Date('2027-03-01T12:00:00Z') });
      const files = readZip(zip);
      expect([...files.keys()]).toEqual([...PACKET_FILES]);
      const text = await pdfText(zip);
      expect(text).toContain('Arbitration packet');
      expect(text).toContain('1. Timeline');
      // The decider as the case names them (the filing names no level 1 decider: the office), with their account.
      expect(text).toMatch(/Level 1 decision by the principal or other appropriate administrator \(principal-lincoln\), .*: granted/);
      expect(text).toContain(DECISION);
      // Every notice, rendered with its template: the decision notice quotes the decision too.
      expect(text).toContain(`Subject: Decision on grievance`);
      expect(text.split(DECISION).length).toBeGreaterThanOrEqual(3);
      expect(text).toMatch(/filing-receipt · grievance:district-a:G-/);
      expect(text).toContain('the digest chain of 2 entries holds');
      expect(JSON.parse(files.get('history.json')!.toString())).toEqual(historyToJson(records.runs[0]!.history));
      expect(JSON.parse(files.get('chain.json')!.toString())).toEqual({
        archived: true,
        verification: await verifyCaseArchive(store, 'district-a', closed.workflowId),
        entries: [expect.objectContaining({ seq: 1, file: `${closed.runId}.history.json` }), expect.objectContaining({ seq: 2, file: `${closed.runId}.timeline.json` })],
      });
    });
  });

  describe('only deliveries that happened (no webhook configured for the test worker)', () => {
    it('the timeline lists no webhook delivery, and names letters by their file, not by the server path', async () => {
      const res = await app.inject({ method: 'GET', url: `/v1/cases/${closed.workflowId}/timeline`, headers: auditor });
      expect(res.statusCode).toBe(200);
      const notices = (res.json() as { entries: { kind: string; summary: string; notice?: { channel: string; destination: string[] } }[] }).entries.filter((e) => e.kind === 'notice');
      expect(notices.map((e) => e.notice!.channel)).not.toContain('webhook');
      expect(notices.map((e) => e.summary).join('\n')).not.toContain('by webhook');
      const letters = notices.filter((e) => e.notice!.channel === 'letter').flatMap((e) => e.notice!.destination);
      expect(letters.length).toBeGreaterThan(0);
      for (const letter of letters) expect(letter).toMatch(/^[^/\\]+\.pdf$/);
    });

    it('the packet says which channels sent nothing and why, and pictures each deadline day by day', async () => {
      const text = await pdfText((await packet(closed.workflowId)).rawPayload);
      expect(text).not.toMatch(/webhook to|delivered by webhook|no destination/);
      expect(text).toContain('Not sent: webhook: no webhook configured (WEBHOOK_URL)');
      expect(text).not.toContain(worker.outboxDir);
      expect(text).toContain('3. Deadlines, day by day');
      expect(text).toMatch(/level 1 written decision due \(GRV-DECIDE-10\): due \w+day, \w+ \d+, \d{4}, until 11:59 p\.m\. \(America\/Chicago time\); met\./);
      expect(text).toContain('Counted on the district calendar: 10 school days');
      expect(text).toContain('counted (numbered) due day day X: the count starts after it not counted (letter: why)');
    });
  });

  describe('GET /v1/cases/:id/packet', () => {
    it('answers the packet of a closed case as a zip attachment that unzip tools read', async () => {
      const res = await packet(closed.workflowId);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${closed.workflowId.replaceAll(':', '-')}.packet.zip"`);
      const file = zipFile(res.rawPayload);
      const listing = pythonZipListing(file);
      for (const name of PACKET_FILES) expect(listing).toContain(name);
      if (hasUnzip) expect(execFileSync('unzip', ['-l', file], { encoding: 'utf8' })).toMatch(/packet\.pdf[\s\S]*history\.json[\s\S]*chain\.json[\s\S]*3 files/);
      expect(await pdfText(res.rawPayload)).toContain(DECISION);
    });

    it('answers the packet of a case only the archive still has, read from the archive', async () => {
      const res = await packet(archivedOnly, hr);
      expect(res.statusCode, res.body).toBe(200);
      const text = await pdfText(res.rawPayload);
      expect(text).toContain('from the archive (Temporal no longer holds the case)');
      expect(text).toContain(DECISION);
      expect(JSON.parse(readZip(res.rawPayload).get('chain.json')!.toString())).toMatchObject({ archived: true, verification: { ok: true, entries: 2 } });
    });

    it('says a running case is not archived yet', async () => {
      const res = await packet(running);
      expect(res.statusCode, res.body).toBe(200);
      expect(JSON.parse(readZip(res.rawPayload).get('chain.json')!.toString())).toEqual({ archived: false });
      expect(await pdfText(res.rawPayload)).toContain('not archived yet');
    });

    it("answers 404 for another district's case, live or archived, and for an unknown one; 403 to a role the matrix leaves out", async () => {
      const elsewhere = bearer(['auditor'], { district: 'district-b' });
      expect((await packet(closed.workflowId, elsewhere)).statusCode).toBe(404);
      expect((await packet(archivedOnly, elsewhere)).statusCode).toBe(404);
      expect((await packet('grievance:NOWHERE')).statusCode).toBe(404);
      expect((await packet(closed.workflowId, grievant)).statusCode).toBe(403);
      expect((await packet('not-a-case-id')).statusCode).toBe(400);
    });

    it('is documented in the OpenAPI document', async () => {
      const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
      expect(document.paths['/v1/cases/{id}/packet'].get).toMatchObject({ tags: ['audit'], summary: expect.stringContaining('arbitration packet') });
    });
  });
});
