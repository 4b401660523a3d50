import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SCHOOL_YEAR, calendarsFor, programYear, referral, volunteer } from '../helpers/par-http-fixtures';
import { testDataConverter } from '../helpers/key-ring';
import { bearer } from '../helpers/tokens';
import { apiClient, type Headers } from './helpers/cluster-api';
import { startProductionTopology, type ProductionTopology } from './helpers/service-processes';

const DISTRICT = 'cluster-district-p';

// PAR on the production engine: listings through PostgreSQL visibility (CaseKind keeps Volunteers from principals,
// PAR-VOL-CONF) and the panel's confidentiality (PAR-PANEL-CONF), with the API and the workers as separate processes.
describe('PAR listing and confidentiality on the PostgreSQL-backed cluster', () => {
  let topology: ProductionTopology;
  let http: ReturnType<typeof apiClient>;
  let client: Client;
  const as = (roles: Parameters<typeof bearer>[0], sub: string) => bearer(roles, { sub, district: DISTRICT });
  const hr = as(['hr'], 'hr-clerk-1');
  const panel = as(['panel'], 'panel-chair');
  const auditor = as(['auditor'], 'auditor-1');
  const panelPrincipal = as(['panel', 'decider'], 'principal-ng');
  const school = `cluster-par-${Date.now().toString(36)}`;
  const ids = async (query: string, token: Headers) => (await http.read<{ items: { id: string }[] }>(`/v1/par?school=${school}${query}`, token)).items.map((i) => i.id).sort();

  beforeAll(async () => {
    topology = await startProductionTopology('cluster-par');
    http = apiClient(topology.api);
    client = new Client({ connection: await Connection.connect({ address: inject('clusterAddress') }), dataConverter: testDataConverter() });
    for (const { district: _d, schoolYear, ...body } of calendarsFor(DISTRICT)) {
      const res = await http.put(`/v1/calendars/${DISTRICT}/${schoolYear}`, hr, { ...body, reason: 'board approved' });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const program = await http.put(`/v1/par/programs/${DISTRICT}/${SCHOOL_YEAR}`, hr, programYear(DISTRICT));
    expect(program.status, await program.clone().text()).toBe(201);
  });

  afterAll(async () => {
    await client?.connection.close();
    await topology?.stop();
  });

  it('PAR-VOL-CONF: HR and the panel list Referred and Volunteer cases; a panel member who is a principal lists the Referred one only', async () => {
    const applied = await http.post('/v1/par/volunteers', as(['participant'], 'teacher-v1'), volunteer('PAR-C-V1', 'teacher-v1', { school }));
    expect(applied.status, await applied.clone().text()).toBe(201);
    expect((await http.post('/v1/par/referrals', hr, referral('PAR-C-R1', 'teacher-r1', { school }))).status).toBe(201);

    await expect.poll(() => ids('', hr), { timeout: 30_000, interval: 500 }).toEqual(['PAR-C-R1', 'PAR-C-V1']);
    expect(await ids('', panel)).toEqual(['PAR-C-R1', 'PAR-C-V1']);
    expect(await ids('&status=awaiting-panel-vote', panel)).toEqual(['PAR-C-V1']);
    expect(await ids('', panelPrincipal)).toEqual(['PAR-C-R1']);
    expect(await ids('&status=awaiting-panel-vote', panelPrincipal)).toEqual([]);
    // The attribute that keeps them apart, queried on PostgreSQL visibility itself.
    const kinds = async (kind: string) => (await client.workflow.count(`CaseSchool = '${school}' AND CaseType = 'par' AND CaseKind = '${kind}'`)).count;
    expect([await kinds('referred'), await kinds('volunteer')]).toEqual([1, 1]);
    for (const token of [as(['decider'], 'principal-ng'), as(['decider'], 'eval-park')]) expect((await http.get('/v1/par/PAR-C-V1', token)).status).toBe(404);
  });

  it('PAR-PANEL-CONF: the deliberation is the panel\'s alone; HR and auditors get the timeline without it and no raw history', async () => {
    const id = 'PAR-C-CONF';
    const marker = 'CLUSTER-DELIBERATION-MARKER-3c9e';
    expect((await http.post('/v1/par/referrals', hr, referral(id, 'teacher-conf', { school }))).status).toBe(201);
    const noted = await http.post(`/v1/par/${id}/actions`, panel, { type: 'record-deliberation', text: `Closed discussion: ${marker}` });
    expect(noted.status, await noted.clone().text()).toBe(200);
    expect(await (await http.get(`/v1/par/${id}`, panel)).text()).toContain(marker);
    for (const reader of [hr, auditor]) {
      expect(await (await http.get(`/v1/par/${id}`, reader)).text()).not.toContain(marker);
      const timeline = await http.get(`/v1/cases/par:${id}/timeline`, reader);
      expect(timeline.status, await timeline.clone().text()).toBe(200);
      expect(await timeline.text()).not.toContain(marker);
      const history = await http.get(`/v1/cases/par:${id}/history`, reader);
      expect(history.status).toBe(403);
      expect(((await history.json()) as { rule?: string }).rule).toBe('PAR-PANEL-CONF');
    }
  });
});
