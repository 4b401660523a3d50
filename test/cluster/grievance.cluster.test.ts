import path from 'node:path';
import { testDataConverter } from '../helpers/key-ring';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { replayHistories } from '../../src/audit/replay';
import { addDays, dateInZone } from '../../src/domain/calendar';
import { grievanceWorkflowId } from '../../src/domain/grievance/grievance-case';
import { CASE_SEARCH_ATTRIBUTES } from '../../src/temporal/search-attributes';
import { prebuiltWorkflowBundle } from '../../src/worker/workflow-bundle';
import { readZip } from '../audit/zip-reader';
import { archiveCompleted } from '../helpers/case-archive';
import { aFiling, throughThreeLevels } from '../helpers/grievance-fixtures';
import { bearer } from '../helpers/tokens';
import { apiClient } from './helpers/cluster-api';
import { readHistoryFromPostgres } from './helpers/postgres-history';
import { startProductionTopology, type ProductionTopology } from './helpers/service-processes';

const DISTRICT = 'cluster-district-g';

// The production engine: Temporal on PostgreSQL (persistence and advanced visibility), the API and two workers as
// separate `node dist/src/main.js` processes. Nothing here runs in the test process but HTTP and Temporal clients.
describe('grievances on the PostgreSQL-backed cluster, API and workers as separate processes', () => {
  let topology: ProductionTopology;
  let client: Client;
  let http: ReturnType<typeof apiClient>;
  const hr = bearer(['hr'], { sub: 'hr-system', district: DISTRICT });
  const auditor = bearer(['auditor'], { sub: 'auditor-1', district: DISTRICT });
  const decider = bearer(['decider'], { sub: 'decider-cluster', district: DISTRICT });
  const grievant = bearer(['participant'], { sub: 'dana.reyes', district: DISTRICT });
  const finalCase = aFiling({ school: 'cluster-lincoln' });
  let finalRunId: string;

  beforeAll(async () => {
    topology = await startProductionTopology('cluster-grievance');
    http = apiClient(topology.api);
    client = new Client({ connection: await Connection.connect({ address: inject('clusterAddress') }), dataConverter: testDataConverter() });
    await http.publishCalendars(DISTRICT, hr);
  });

  afterAll(async () => {
    await client?.connection.close();
    await topology?.stop();
  });

  const act = (id: string, action: object, token: Record<string, string>) => http.post(`/v1/grievances/${id}/actions`, token, action);

  it('GRV-FINAL: a grievance goes through three levels to a final decision, each answer from a worker process', async () => {
    expect(await (await fetch(`${topology.api}/readyz`)).json()).toEqual({ status: 'ready', temporal: 'reachable' });
    const created = await http.post('/v1/grievances', hr, finalCase);
    expect(created.status, await created.clone().text()).toBe(201);
    for (const [action, token, expected] of throughThreeLevels(decider, grievant)) {
      const res = await act(finalCase.id, action, token);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toMatchObject(expected);
    }
    // Each decision printed as a letter by the workers' activities (no SMTP configured: letters and outbox).
    await expect
      .poll(async () => (await http.read(`/v1/grievances/${finalCase.id}`, hr)).notices.filter((n: { kind: string; channel: string }) => n.kind === 'decision' && n.channel === 'letter').length, { timeout: 60_000, interval: 500 })
      .toBe(3);
    const handle = client.workflow.getHandle(grievanceWorkflowId(DISTRICT, finalCase.id));
    await expect.poll(async () => (await handle.describe()).status.name, { timeout: 60_000, interval: 500 }).toBe('COMPLETED');
  });

  it('archives the closed case: the packet the API process reads carries the archived records with a verified digest chain', async () => {
    const workflowId = grievanceWorkflowId(DISTRICT, finalCase.id);
    finalRunId = (await client.workflow.getHandle(workflowId).describe()).runId;
    await archiveCompleted(client, { workflowId, runId: finalRunId }, 120_000);
    const packet = await http.get(`/v1/cases/${encodeURIComponent(workflowId)}/packet`, auditor);
    expect(packet.status).toBe(200);
    const files = readZip(Buffer.from(await packet.arrayBuffer()));
    expect([...files.keys()]).toEqual(['packet.pdf', 'history.json', 'chain.json']);
    expect(JSON.parse(files.get('chain.json')!.toString())).toMatchObject({ archived: true, verification: { ok: true } });
  });

  it('replays the history read straight from PostgreSQL (history_node rows), event for event the one the API exports', async () => {
    const workflowId = grievanceWorkflowId(DISTRICT, finalCase.id);
    const fromPostgres = await readHistoryFromPostgres(inject('clusterPgUrl'), finalRunId);
    const exported = await http.read<{ events: { eventId: string; eventType: string }[] }>(`/v1/cases/${encodeURIComponent(workflowId)}/history`, auditor);
    expect(fromPostgres.events.map((e) => `${String(e.eventId)}`)).toEqual(exported.events.map((e) => e.eventId));
    expect(fromPostgres.events.at(-1)!.workflowExecutionCompletedEventAttributes).toBeDefined();
    // Against the bundle the build wrote, the code the worker processes ran.
    const workflowBundle = prebuiltWorkflowBundle(path.resolve(__dirname, '../../dist/workflow-bundle.js'))!;
    expect(workflowBundle).toBeDefined();
    // Issue 15: both stay encrypted (the server's rows and the export); they replay with the key ring's codec.
    const replayed = await replayHistories([{ workflowId, history: fromPostgres }, { workflowId, history: exported }], { workflowBundle, dataConverter: testDataConverter() });
    expect(replayed).toEqual([{ workflowId, runId: finalRunId, ok: true }, { workflowId, runId: finalRunId, ok: true }]);
  });

  it('lists by every case search attribute on PostgreSQL visibility, through the API and through Temporal queries', async () => {
    const school = `cluster-listing-${Date.now().toString(36)}`;
    const [atLevel1, atLevel2, withdrawn] = [aFiling({ school }), aFiling({ school }), aFiling({ school })];
    for (const filing of [atLevel1, atLevel2, withdrawn]) expect((await http.post('/v1/grievances', hr, filing)).status).toBe(201);
    expect((await act(atLevel2.id, { type: 'decide', outcome: 'denied', text: 'No violation.' }, decider)).status).toBe(200);
    expect((await act(atLevel2.id, { type: 'appeal' }, grievant)).status).toBe(200);
    expect((await act(withdrawn.id, { type: 'withdraw' }, hr)).status).toBe(200);

    const ids = async (query: string, token = hr) => ((await http.read<{ items: { id: string }[] }>(`/v1/grievances?school=${school}&${query}`, token)).items.map((i) => i.id).sort());
    await expect.poll(() => ids('level=2'), { timeout: 30_000, interval: 500 }).toEqual([atLevel2.id]);
    await expect.poll(() => ids('', auditor), { timeout: 30_000, interval: 500 }).toEqual([atLevel1.id, atLevel2.id, withdrawn.id].sort());
    // The withdrawal's status reaches visibility on its own time: the open listing drops the case once it has.
    await expect.poll(() => ids(''), { timeout: 30_000, interval: 500 }).toEqual([atLevel1.id, atLevel2.id].sort());
    expect(await ids('status=awaiting-decision&level=1')).toEqual([atLevel1.id]);
    const open = (await http.read<{ items: { id: string; nextDeadline?: string }[] }>(`/v1/grievances?school=${school}`, hr)).items;
    const due = open.find((item) => item.id === atLevel1.id)!.nextDeadline!;
    const dueByThen = open.filter((item) => item.nextDeadline && Date.parse(item.nextDeadline) <= Date.parse(due)).length;
    const dueDate = dateInZone(new Date(due), 'America/Chicago');
    expect(await ids(`level=1&dueBefore=${dueDate}`)).toEqual([atLevel1.id]);
    expect(await ids(`level=1&dueBefore=${addDays(dueDate, -1)}`)).toEqual([]);
    expect(await ids('', bearer(['hr'], { district: 'cluster-other-district' }))).toEqual([]);

    // Each attribute queried on its own against the PostgreSQL visibility store.
    const count = async (query: string) => (await client.workflow.count(`CaseSchool = '${school}' AND ${query}`)).count;
    const byAttribute: Record<string, [string, number]> = {
      CaseType: [`CaseType = 'grievance'`, 3],
      CaseStatus: [`CaseStatus = 'withdrawn'`, 1],
      CaseLevel: [`CaseLevel = '2'`, 1],
      CaseDistrict: [`CaseDistrict = '${DISTRICT}'`, 3],
      CaseSchool: [`CaseSchool IS NOT NULL`, 3],
      CaseNextDeadline: [`CaseNextDeadline <= '${new Date(due).toISOString()}'`, dueByThen],
      // PAR cases set it (test/cluster/par.cluster.test.ts lists by it); no grievance does.
      CaseKind: [`CaseKind IS NULL`, 3],
    };
    expect(Object.keys(byAttribute).sort()).toEqual(CASE_SEARCH_ATTRIBUTES.map((key) => key.name).sort());
    for (const [name, [query, expected]] of Object.entries(byAttribute)) expect(await count(query), name).toBe(expected);
  });
});
