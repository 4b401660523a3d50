import { execFile } from 'node:child_process';
import { TEST_KEY_RING_JSON, testDataConverter } from '../helpers/key-ring';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { historyFromJson, historyToJson } from '../../src/audit/case-history';
import { replayHistories } from '../../src/audit/replay';
import { loadConfig } from '../../src/config/config';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { grievanceWorkflowId } from '../../src/domain/grievance/grievance-case';
import { startService, type RunningService } from '../../src/service';
import { aFiling } from '../helpers/grievance-fixtures';
import { calendarsAround } from '../helpers/synthetic-calendars';
import { testLogger } from '../helpers/temporal';
import { TEST_JWT_SECRET, bearer } from '../helpers/tokens';

const ROOT = path.resolve(__dirname, '../..');

/** Runs a command to its end: exit code and output, never throwing on a non-zero exit. */
function run(command: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

// History export and replay verification against the real Temporal CLI dev server, the worker and the API.
describe('audit over HTTP on the dev server (end to end)', () => {
  let devServer: DevServer;
  let service: RunningService;
  let api: string;
  let client: Client;
  const cli = inject('temporalCliPath');
  const hr = bearer(['hr'], { sub: 'hr-system', district: 'district-a' });
  const auditor = bearer(['auditor'], { sub: 'auditor-1', district: 'district-a' });
  const school = `audit-${Date.now().toString(36)}`;
  const closed = aFiling({ school });
  const open = aFiling({ school });

  beforeAll(async () => {
        devServer = await startDevServer({ cliPath: cli, port: 0, namespace: 'default', logger: testLogger });
    const config = loadConfig({
      TEMPORAL_ADDRESS: devServer.address,
      TEMPORAL_EMBEDDED: 'false',
      PAYLOAD_KEY_RING: TEST_KEY_RING_JSON,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      TEMPORAL_TASK_QUEUE: 'e2e-audit',
      API_PORT: '0',
      DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'case-deadlines-audit-')),
    });
    service = await startService(config, testLogger);
    api = service.apiUrl!;
    client = new Client({ connection: await Connection.connect({ address: devServer.address }), dataConverter: testDataConverter() });
    // CAL-1: the district publishes its calendars before any case is filed.
    for (const { district: _d, schoolYear, ...body } of calendarsAround(Date.now(), 'district-a').calendars) {
      const res = await fetch(`${api}/v1/calendars/district-a/${schoolYear}`, {
        method: 'PUT',
        headers: { ...hr, 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, reason: 'board approved' }),
      });
      expect(res.status).toBe(201);
    }
    for (const filing of [closed, open]) {
      const res = await fetch(`${api}/v1/grievances`, { method: 'POST', headers: { ...hr, 'content-type': 'application/json' }, body: JSON.stringify(filing) });
      expect(res.status).toBe(201);
    }
    // GRV-WITHDRAW closes one of them: its history no longer changes.
    const withdrawn = await fetch(`${api}/v1/grievances/${closed.id}/actions`, {
      method: 'POST',
      headers: { ...hr, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'withdraw' }),
    });
    expect(withdrawn.status).toBe(200);
    const handle = client.workflow.getHandle(grievanceWorkflowId('district-a', closed.id));
    for (let attempt = 0; (await handle.describe()).status.name === 'RUNNING'; attempt++) {
      if (attempt > 200) throw new Error(`${closed.id} did not close`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    await client?.connection.close();
    await service?.stop();
    await devServer?.stop();
  });

  const cliShow = async (workflowId: string) => {
    const shown = await run(cli, ['workflow', 'show', '--address', devServer.address, '--workflow-id', workflowId, '--output', 'json']);
    expect(shown.code).toBe(0);
    return shown.stdout;
  };
  const download = (workflowId: string, headers = auditor) => fetch(`${api}/v1/cases/${encodeURIComponent(workflowId)}/history`, { headers });

  it('GRV-WITHDRAW: GET /v1/cases/:id/history of a closed case is the JSON `temporal workflow show --output json` prints, key for key', async () => {
    const workflowId = grievanceWorkflowId('district-a', closed.id);
    const res = await download(workflowId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${workflowId.replaceAll(':', '-')}.history.json"`);
    const text = await res.text();
    // Same JSON, key order included. Whitespace aside: Go's protojson may add a space after a colon, by build.
    const canonical = (json: string) => JSON.stringify(JSON.parse(json));
    expect(canonical(text)).toBe(canonical(await cliShow(workflowId)));
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(JSON.parse(text).events.at(-1).eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
  });

  it("the CLI's JSON of a running case parses with historyFromJson, replays, and has our export's event ids and types", async () => {
    const workflowId = grievanceWorkflowId('district-a', open.id);
    const cliJson = JSON.parse(await cliShow(workflowId));
    const ours = (await (await download(workflowId)).json()) as { events: { eventId: string; eventType: string }[] };
    const idsAndTypes = (json: { events: { eventId: string; eventType: string }[] }) => json.events.map((e) => `${e.eventId}:${e.eventType}`);
    // The case may take a step between the two reads: compare what both have.
    const common = Math.min(cliJson.events.length, ours.events.length);
    expect(idsAndTypes(ours).slice(0, common)).toEqual(idsAndTypes(cliJson).slice(0, common));
    expect(historyToJson(historyFromJson(cliJson))).toEqual(cliJson);
    expect(await replayHistories([{ workflowId, history: cliJson }], { dataConverter: testDataConverter() })).toEqual([{ workflowId, runId: expect.any(String), ok: true }]);
  });

  it("POST /v1/audit/replays with a query replays the district's matching cases, and no other district's", async () => {
    const replay = (body: object, headers = auditor) =>
      fetch(`${api}/v1/audit/replays`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ids = [closed.id, open.id].map((id) => grievanceWorkflowId('district-a', id)).sort();
    await expect
      .poll(
        async () => {
          const res = await replay({ query: `CaseSchool = '${school}'` });
          expect(res.status).toBe(200);
          const body = (await res.json()) as { ok: boolean; results: { workflowId: string; ok: boolean }[] };
          return { ok: body.ok, ids: body.results.map((r) => r.workflowId).sort() };
        },
        { timeout: 15_000, interval: 500 },
      )
      .toEqual({ ok: true, ids });
    const elsewhere = await replay({ query: `CaseSchool = '${school}'` }, bearer(['auditor'], { district: 'district-b' }));
    expect(await elsewhere.json()).toEqual({ ok: true, results: [] });
    const invalid = await replay({ query: 'NoSuchAttribute = 1' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('/query');
  });

  it('npm run replay: exit 0 when every history replays, 1 when one does not, 2 on bad usage', async () => {
    const workflowId = grievanceWorkflowId('district-a', closed.id);
    // Issue 15: the histories are encrypted; the replay tool reads the key ring the service uses.
    const address = { TEMPORAL_ADDRESS: devServer.address, PAYLOAD_KEY_RING: TEST_KEY_RING_JSON };
    const byQuery = await run('npm', ['run', '-s', 'replay', '--', '--query', `WorkflowId = '${workflowId}'`], address);
    expect(byQuery.stdout, byQuery.stderr).toMatch(new RegExp(`^ok {4}${workflowId} run [0-9a-f-]+$`, 'm'));
    expect(byQuery.stdout).toMatch(/^replayed 1 history: 1 ok, 0 failed$/m);
    expect(byQuery.code).toBe(0);

    // A downloaded history whose first scheduled activity was edited afterwards.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'replay-cli-'));
    const history = JSON.parse(await (await download(workflowId)).text());
    const good = path.join(dir, 'good.history.json');
    await writeFile(good, JSON.stringify(history));
    const scheduled = history.events.find((e: { eventType: string }) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED');
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'forgedActivity';
    const edited = path.join(dir, 'edited.history.json');
    await writeFile(edited, JSON.stringify(history));
    const byFile = await run('npm', ['run', '-s', 'replay', '--', '--file', good, '--file', edited], { PAYLOAD_KEY_RING: TEST_KEY_RING_JSON });
    expect(byFile.stdout).toMatch(new RegExp(`^FAIL  ${workflowId} run [0-9a-f-]+ at event ${scheduled.eventId}: .*forgedActivity`, 'm'));
    expect(byFile.stdout).toMatch(/^replayed 2 histories: 1 ok, 1 failed$/m);
    expect(byFile.code).toBe(1);

    expect((await run('npm', ['run', '-s', 'replay'])).code).toBe(2);
    expect((await run('npm', ['run', '-s', 'replay', '--', '--query', 'NoSuchAttribute = 1'], address)).code).toBe(2);
    expect((await run('npm', ['run', '-s', 'replay', '--', '--query', 'x', '--file', good])).code).toBe(2);
    expect((await run('npm', ['run', '-s', 'replay', '--', '--file', path.join(dir, 'missing.json')])).code).toBe(2);
    // Each run starts tsx and bundles the workflows: seconds apiece on two cores.
  }, 180_000);
});
