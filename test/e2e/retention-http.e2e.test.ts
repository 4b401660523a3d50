import path from 'node:path';
import { status as grpcStatus } from '@grpc/grpc-js';
import { Client, Connection, isGrpcServiceError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyCaseArchive } from '../../src/audit/case-archive';
import { localRecordStore } from '../../src/audit/record-store';
import { addDays, dateInZone } from '../../src/domain/calendar';
import { grievanceWorkflowId } from '../../src/domain/grievance/grievance-case';
import { pipWorkflowId } from '../../workflows/pip/pip-messages';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack';
import { aFiling } from '../helpers/grievance-fixtures';
import { calendarsAround } from '../helpers/synthetic-calendars';
import { bearer } from '../helpers/tokens';

type Destruction = { workflowId: string; caseType: string; closedOn: string; closedAs: string; destroyedOn: string; policy: { version: number; title?: string; period: string }; summary: string };
type DestructionPage = { items: Destruction[]; nextPageToken?: string };

/**
 * Issue 15 item 5 (crypto-shredding) on the real thing: the Temporal CLI dev server, the worker and the API as
 * `npm start` runs them. A district keeps a withdrawn grievance (GRV-WITHDRAW: "without prejudice or record") and a
 * withdrawn improvement plan 0 days; each closes, is archived, and its retention workflow destroys it the same day:
 * tombstone, data key deleted, and its runs deleted from Temporal (DeleteWorkflowExecution, which the time-skipping
 * server does not implement). Then Temporal answers NOT_FOUND, the archive's digest chain still verifies, the audit
 * routes answer 410 "destroyed on <date> under <policy>", the listings no longer show the case, and
 * GET /v1/audit/destructions still tells an auditor that it existed.
 */
describe('retention and erasure on the dev server (issue 15 item 5, GRV-WITHDRAW, end to end)', () => {
  let stack: E2eStack;
  let raw: Client;
  const as = (roles: Parameters<typeof bearer>[0], sub: string, district = 'district-a') => bearer(roles, { sub, district });
  const hr = as(['hr'], 'hr-clerk-1');
  const auditor = as(['auditor'], 'auditor-1');
  const auditorB = as(['auditor'], 'auditor-b', 'district-b');
  const { today, calendars } = calendarsAround(Date.now(), 'district-a');
  const zone = calendars[0]!.timeZone;
  const grievance = aFiling({ school: 'retention-school' });
  const grievanceId = grievanceWorkflowId('district-a', grievance.id);
  const pipCase = 'PIP-RET-1';
  const pipId = pipWorkflowId('district-a', pipCase);
  const send = (method: string, url: string, headers: Record<string, string>, body?: unknown) => stack.send(method, url, headers, body);
  const POLICY = {
    version: 1,
    title: 'Board policy 8.4',
    grievance: { withdrawn: { count: 0, unit: 'day' }, closed: 'forever' },
    par: 'forever',
    tap: 'forever',
    pip: { count: 0, unit: 'day' },
    'observation-cycle': 'forever',
  };

  /** Whether Temporal still holds the execution, asked as the CLI would (`temporal workflow describe`). */
  const held = async (workflowId: string): Promise<boolean> => {
    try {
      await raw.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId } });
      return true;
    } catch (error) {
      if (isGrpcServiceError(error) && error.code === grpcStatus.NOT_FOUND) return false;
      throw error;
    }
  };
  /** Waits (beforeAll cannot use expect.poll) until `check` holds, for at most `timeoutMs`. */
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
    for (const end = Date.now() + timeoutMs; !(await check()); await new Promise((resolve) => setTimeout(resolve, 500))) {
      if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    }
  };
  const listed = async (family: string) => ((await (await send('GET', `/v1/${family}?school=retention-school`, auditor)).json()) as { items: unknown[] }).items.length;
  const destructions = async (query: string, headers = auditor): Promise<DestructionPage> => {
    const res = await send('GET', `/v1/audit/destructions${query}`, headers);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as DestructionPage;
  };

  beforeAll(async () => {
    stack = await startE2eStack(inject('temporalCliPath'), 'e2e-retention');
    raw = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
    for (const { district: _d, schoolYear, ...body } of calendars) {
      const res = await send('PUT', `/v1/calendars/district-a/${schoolYear}`, hr, { ...body, reason: 'board approved' });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const policy = await send('PUT', '/v1/retention-policies/district-a', hr, { reason: 'Board vote', policy: POLICY });
    expect(policy.status, await policy.clone().text()).toBe(201);

    expect((await send('POST', '/v1/grievances', hr, grievance)).status).toBe(201);
    const pip = await send('POST', '/v1/pip', hr, {
      id: pipCase,
      school: 'retention-school',
      employee: { id: 'lee.kim', name: 'Lee Kim', email: 'lee.kim@example.org' },
      evaluator: { id: 'eval-park', name: 'Sam Park' },
      plan: { goal: { statement: 'Keep service logs current', measure: 'logs within 2 days' }, alignment: ['PR2'], steps: [{ description: 'Weekly log review', completeBy: addDays(today, 30), checkInOn: addDays(today, 7) }] },
    });
    expect(pip.status, await pip.clone().text()).toBe(201);
    // Both cases are listed while they are open.
    await until('both cases are listed', async () => (await listed('grievances')) === 1 && (await listed('pip')) === 1, 30_000);

    expect((await send('POST', `/v1/grievances/${grievance.id}/actions`, hr, { type: 'withdraw' })).status).toBe(200);
    expect((await send('POST', `/v1/pip/${pipCase}/actions`, hr, { type: 'withdraw', reason: 'left the district' })).status).toBe(200);
    // Closed, archived, its retention workflow started and due today: destroyed, and gone from Temporal.
    for (const workflowId of [grievanceId, pipId]) await until(`${workflowId} is deleted from Temporal`, async () => !(await held(workflowId)), 150_000);
  }, 300_000);

  afterAll(async () => {
    await raw?.connection.close();
    await stack?.stop();
  });

  it('GRV-WITHDRAW / issue 15: the destroyed case is gone from Temporal: describe and the history read answer NOT_FOUND', async () => {
    expect(await held(grievanceId)).toBe(false);
    const history = raw.workflow.getHandle(grievanceId).fetchHistory();
    await expect(history).rejects.toMatchObject({ code: grpcStatus.NOT_FOUND });
    expect(await held(pipId)).toBe(false);
  });

  it("issue 15: the archive's digest chain still verifies over the sealed files and the tombstone; the case's data key is gone", async () => {
    const archive = localRecordStore(path.join(stack.dataDir, 'archive'));
    for (const workflowId of [grievanceId, pipId]) {
      const chain = await verifyCaseArchive(archive, 'district-a', workflowId);
      expect(chain, workflowId).toMatchObject({ ok: true });
      expect(chain.entries).toBeGreaterThanOrEqual(3); // history, timeline, tombstone
      expect(await archive.get(`district-a/${workflowId}/destroyed.json`)).toBeDefined();
      expect(await archive.caseKeys.get('district-a', workflowId)).toBeUndefined();
    }
  });

  it('GRV-WITHDRAW: an auditor reads 410 "destroyed on <date> under <policy>"; an auditor of another district 404; a participant 403', async () => {
    const destroyedOn = dateInZone(new Date(), zone);
    for (const route of ['timeline', 'history', 'packet']) {
      const res = await send('GET', `/v1/cases/grievance:${grievance.id}/${route}`, auditor);
      expect(res.status, route).toBe(410);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await res.json()) as { detail: string; destroyed: { on: string; closedOn: string; policyVersion: number; period: string; closedAs: string; chain: { verified: boolean } } };
      expect(problem.detail).toBe(`${grievanceId} was destroyed on ${problem.destroyed.on} under retention policy version 1 of district-a, Board policy 8.4 (0 days after it closed on ${problem.destroyed.closedOn} as withdrawn).`);
      // The day it was destroyed is the district's today (or yesterday, when the test ran across its midnight).
      expect([destroyedOn, addDays(destroyedOn, -1)]).toContain(problem.destroyed.on);
      expect(problem.destroyed).toMatchObject({ policyVersion: 1, period: '0 days', closedAs: 'withdrawn', chain: { verified: true } });
      expect(JSON.stringify(problem)).not.toContain(grievance.statement as string);
    }
    expect((await send('GET', `/v1/cases/grievance:${grievance.id}/timeline`, auditorB)).status).toBe(404);
    expect((await send('GET', `/v1/cases/${grievanceId}/timeline`, auditorB)).status).toBe(404);
    expect((await send('GET', `/v1/cases/grievance:${grievance.id}/timeline`, as(['participant'], 'dana.reyes'))).status).toBe(403);
    expect((await send('GET', `/v1/cases/pip:${pipCase}/timeline`, auditor)).status).toBe(410);
  });

  it('issue 15: destroyed cases drop out of the listings (their runs are deleted from visibility)', async () => {
    await expect.poll(() => listed('grievances'), { timeout: 20_000, interval: 250 }).toBe(0);
    await expect.poll(() => listed('pip'), { timeout: 20_000, interval: 250 }).toBe(0);
  });

  it('issue 15: GET /v1/audit/destructions tells an auditor each destroyed case, when and under which policy, a page at a time, nothing personal', async () => {
    const all = await destructions('');
    expect(all.items.map((d) => d.workflowId)).toEqual([grievanceId, pipId].sort());
    const [first] = all.items.filter((d) => d.workflowId === grievanceId);
    expect(first).toMatchObject({ caseType: 'grievance', closedAs: 'withdrawn', policy: { version: 1, title: 'Board policy 8.4', period: '0 days' } });
    expect(first!.summary).toMatch(/^destroyed on \d{4}-\d{2}-\d{2} under retention policy version 1 of district-a, Board policy 8.4/);
    expect(Object.keys(first!).sort()).toEqual(['caseType', 'closedAs', 'closedOn', 'destroyedAt', 'destroyedOn', 'policy', 'summary', 'workflowId']);
    for (const personal of [grievance.statement as string, 'Dana Reyes', 'dana.reyes@example.org', 'Lee Kim', 'Keep service logs current']) expect(JSON.stringify(all)).not.toContain(personal);

    // Paginated: one at a time, the token leading to the next, the last page without one.
    const page1 = await destructions('?pageSize=1&district=district-a');
    expect(page1.items).toHaveLength(1);
    expect(page1.nextPageToken).toBeDefined();
    const page2 = await destructions(`?pageSize=1&pageToken=${page1.nextPageToken}`);
    expect([...page1.items, ...page2.items]).toEqual(all.items);
    expect(page2.nextPageToken).toBeUndefined();

    // Auditors only (403 for HR); another district's destructions do not exist for you (404); another district's
    // auditor sees none of these; bounded input (400).
    expect((await send('GET', '/v1/audit/destructions', hr)).status).toBe(403);
    expect((await send('GET', '/v1/audit/destructions?district=district-b', auditor)).status).toBe(404);
    expect((await destructions('', auditorB)).items).toEqual([]);
    expect((await send('GET', '/v1/audit/destructions?pageSize=201', auditor)).status).toBe(400);
    expect((await send('GET', '/v1/audit/destructions', {})).status).toBe(401);
  });
});
