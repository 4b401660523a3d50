import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, dateInZone } from '../../src/domain/calendar';
import { aFiling } from '../helpers/grievance-fixtures';
import { bearer } from '../helpers/tokens';
import { apiClient } from './helpers/cluster-api';
import { startProductionTopology, type ProductionTopology } from './helpers/service-processes';

const ROOT = path.resolve(__dirname, '../..');
const DISTRICT = 'cluster-district-k';
const hr = bearer(['hr'], { sub: 'hr-system', district: DISTRICT });
const decider = bearer(['decider'], { sub: 'decider-faults', district: DISTRICT });

interface Tally {
  actions: number;
  answered200: number;
}

/** One decision sent as a client that follows Retry-After sends it (one Idempotency-Key, again after each 503). */
async function decide(http: ReturnType<typeof apiClient>, id: string, text: string, tally: Tally): Promise<number> {
  tally.actions += 1;
  const res = await http.postFollowingRetryAfter(`/v1/grievances/${id}/actions`, decider, { type: 'decide', outcome: 'denied', text });
  if (res.status === 200) tally.answered200 += 1;
  return res.status;
}

/** A filing entered late (CAL-3): received 30 days ago, so its 10-school-day decision deadline has passed and fires at once. */
function aLateFiling() {
  const today = dateInZone(new Date(), 'America/Chicago');
  return aFiling({ receivedOn: addDays(today, -30), knewOn: addDays(today, -33) });
}

function runScript(name: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('bash', [path.join(ROOT, 'scripts', name)], { cwd: ROOT, env: { ...process.env, CLUSTER_DIR: inject('clusterDir') } }, (error, stdout, stderr) =>
      error ? reject(new Error(`${name}: ${stderr}`)) : resolve(stdout),
    ),
  );
}

// Fault tolerance on the production engine: a worker process killed with SIGKILL while cases act and deadlines fire,
// and the Temporal server restarted under a running API. Counts are printed; nothing may be lost.
describe('faults on the PostgreSQL-backed cluster', () => {
  let topology: ProductionTopology;
  let http: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    topology = await startProductionTopology('cluster-faults');
    http = apiClient(topology.api);
    await http.publishCalendars(DISTRICT, hr);
  });

  afterAll(async () => {
    await topology?.stop();
  });

  const deadlineOf = async (id: string) => (await http.readFollowingRetryAfter(`/v1/grievances/${id}`, hr)).clock.deadlines.find((d: { key: string }) => d.key === '1:decision');

  it('kill -9 of one worker while cases act and deadlines fire: the other worker finishes them, 0 lost actions, 0 missed deadlines', async () => {
    const CASES = 24;
    const acting = Array.from({ length: CASES / 2 }, () => aFiling());
    const late = Array.from({ length: CASES / 2 }, () => aLateFiling());
    const tally: Tally = { actions: 0, answered200: 0 };
    for (const filing of [...acting, ...late]) expect((await http.postFollowingRetryAfter('/v1/grievances', hr, filing)).status).toBe(201);

    // Decisions go out while the late cases' deadlines fire; one worker dies with SIGKILL in the middle of it.
    const [victim, survivor] = topology.workers as [(typeof topology.workers)[0], (typeof topology.workers)[0]];
    const decisions = acting.map(async (filing, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 150));
      return decide(http, filing.id, `Decision ${i}.`, tally);
    });
    await new Promise((resolve) => setTimeout(resolve, (acting.length / 2) * 150));
    expect(await victim.stop('SIGKILL')).toBe('SIGKILL');
    const answers = await Promise.all(decisions);
    expect(survivor.child.exitCode).toBeNull();

    // 0 lost actions: every decision answered 200 and is in its case; 0 missed deadlines: every passed deadline fired.
    expect(answers.every((status) => status === 200)).toBe(true);
    const decided = await Promise.all(acting.map(async (f) => (await http.readFollowingRetryAfter(`/v1/grievances/${f.id}`, hr)).status));
    const lostActions = decided.filter((status) => status !== 'appeal-window').length;
    let firedDeadlines = 0;
    await expect
      .poll(
        async () => {
          firedDeadlines = (await Promise.all(late.map((f) => deadlineOf(f.id)))).filter((d) => d?.status === 'missed').length;
          return firedDeadlines;
        },
        { timeout: 180_000, interval: 1_000 },
      )
      .toBe(late.length);
    const missedDeadlines = late.length - firedDeadlines;
    process.stdout.write(
      `[faults] worker kill -9: cases ${CASES}, actions ${tally.actions} (200: ${tally.answered200}, requests sent again after a 503: ${http.retriedAfter503()}), ` +
        `deadlines due ${late.length}, fired ${firedDeadlines}; lost actions ${lostActions}, missed deadlines ${missedDeadlines}\n`,
    );
    expect(lostActions).toBe(0);
    expect(missedDeadlines).toBe(0);
  });

  it('a Temporal server restart mid-run: the API answers 503 while it is down, then every action lands, 0 lost', async () => {
    const filings = Array.from({ length: 10 }, () => aFiling());
    for (const filing of filings) expect((await http.postFollowingRetryAfter('/v1/grievances', hr, filing)).status).toBe(201);
    const tally: Tally = { actions: 0, answered200: 0 };
    const serverPid = Number((await runScript('cluster-start.sh')).match(/^CLUSTER_SERVER_PID=(\d+)$/m)![1]);

    // Half the decisions before the restart, half while the server is down (they wait for it, retrying on 503).
    const before = await Promise.all(filings.slice(0, 5).map((f, i) => decide(http, f.id, `Before ${i}.`, tally)));
    process.kill(serverPid, 'SIGKILL');
    let readyWhileDown = 0;
    for (let i = 0; i < 3; i++) {
      const ready = await fetch(`${topology.api}/readyz`);
      if (ready.status === 503) readyWhileDown += 1;
    }
    const duringStatus = await http.post(`/v1/grievances/${filings[5]!.id}/actions`, decider, { type: 'decide', outcome: 'denied', text: 'While down.' });
    expect(duringStatus.status).toBe(503);
    expect(duringStatus.headers.get('retry-after')).toMatch(/^\d+$/);
    const during = filings.slice(5).map((f, i) => decide(http, f.id, `During ${i}.`, tally));
    await runScript('cluster-start.sh');
    const after = await Promise.all(during);

    expect(readyWhileDown).toBe(3);
    expect([...before, ...after].every((status) => status === 200)).toBe(true);
    const states = await Promise.all(filings.map(async (f) => (await http.readFollowingRetryAfter(`/v1/grievances/${f.id}`, hr)).status));
    const lost = states.filter((status) => status !== 'appeal-window').length;
    process.stdout.write(
      `[faults] server restart: cases ${filings.length}, actions ${tally.actions} (200: ${tally.answered200}, requests sent again after a 503: ${http.retriedAfter503()}), ` +
        `readyz 503 while down ${readyWhileDown}/3; lost actions ${lost}\n`,
    );
    expect(lost).toBe(0);
  });
});
