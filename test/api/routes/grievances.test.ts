import { describe, expect, it, vi } from 'vitest';
import { addDays, computeDeadline, DistrictCalendars, shiftDate } from '../../../src/domain/calendar';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { caseDocumentStore, sha256Hex } from '../../../src/audit/document-store';
import { localRecordStore } from '../../../src/audit/record-store';
import { Client, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { CREATE_RETRY_AFTER_SECONDS } from '../../../api/routes/case-family-routes';
import { buildTestApp, useApiOnTimeSkipping } from '../../helpers/api';
import { testDataConverter } from '../../helpers/key-ring';
import { testDocuments } from '../../helpers/temporal';
import { aFiling } from '../../helpers/grievance-fixtures';
import { bearer, signedClaims } from '../../helpers/tokens';

describe('grievance routes (app.inject, time-skipping server)', () => {
  const t = useApiOnTimeSkipping('grievance-routes-test');
  const hr = bearer(['hr'], { sub: 'hr-clerk-1', district: 'district-a' });

  const file = (body: unknown, headers: Record<string, string> = hr) =>
    t.app.inject({ method: 'POST', url: '/v1/grievances', headers, payload: body as object });

  it('files a grievance: 201, Location, and the case as the workflow recorded it with the token actor', async () => {
    const filing = aFiling();
    const res = await file({ ...filing, filedBy: { id: 'forged', roles: ['auditor'], district: 'elsewhere' } });

    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/v1/grievances/${filing.id}`);
    const body = res.json();
    expect(body).toMatchObject({ id: filing.id, status: 'awaiting-decision', level: 1, district: 'district-a', filing });
    expect(body.clock.deadlines[0]).toMatchObject({ key: '1:decision', status: 'pending', spec: { rule: 'GRV-DECIDE-10', count: 10 } });
    // The actor comes from the bearer token, never from the body.
    expect(body.filedBy).toEqual({ id: 'hr-clerk-1', roles: ['hr'], district: 'district-a' });
    expect(body.actions[0]).toMatchObject({ action: 'filed', actor: { id: 'hr-clerk-1' } });

    const desc = await t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id)).describe();
    expect(desc.status.name).toBe('RUNNING');

    // Issue 15 item 5: the statement and the corrective action the API stored become the case's own, sealed under its
    // key (destroyed with it), not uploads that expire: kept by the case's own activity (the 201 does not wait for it,
    // issue 11), then read through the case by a store whose clock is days on.
    const workflowId = grievanceWorkflowId('district-a', filing.id);
    const records = localRecordStore(testDocuments.location);
    await vi.waitFor(async () => expect(await records.list(`district-a/documents/${workflowId}/`)).toHaveLength(4), { timeout: 30_000, interval: 100 });
    const later = caseDocumentStore(records, { codecs: testDataConverter().payloadCodecs, now: () => new Date(Date.now() + 3 * 86_400_000) });
    const text = String(filing.statement);
    const statement = await later.bytesOf({ district: 'district-a', workflowId }, { sha256: sha256Hex(Buffer.from(text)), size: Buffer.byteLength(text) });
    expect(statement?.toString('utf8')).toBe(text);
  });

  it.each([
    ['a grievant name of 900 KB', { grievants: [{ name: 'N'.repeat(900_000), position: 'Teacher' }] }, '/grievants/0/name'],
    ['201 grievants', { grievants: Array.from({ length: 201 }, (_, i) => ({ name: `T${i}`, position: 'Teacher' })) }, '/grievants'],
    ['31 policy provisions', { policyProvisions: Array.from({ length: 31 }, (_, i) => `Provision ${i}`) }, '/policyProvisions'],
    ['a corrective action of 5,001 characters', { correctiveAction: 'x'.repeat(5_001) }, '/correctiveAction'],
    ['a statement of 20,001 characters', { statement: 'x'.repeat(20_001) }, '/statement'],
  ])('GRV-CONTENT: a filing with %s answers 422 (over its documented maximum) naming the field and the rule, and opens no case', async (_what, override, field) => {
    const filing = { ...aFiling(), ...override };
    const res = await file(filing);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ rule: 'GRV-CONTENT', errors: expect.arrayContaining([expect.objectContaining({ field, rule: 'GRV-CONTENT' })]) });
    await expect(t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id)).describe()).rejects.toThrow();
  });

  it('a filing retried with its Idempotency-Key answers the case it opened (201, one case); the key reused for another filing answers 422', async () => {
    const filing = aFiling();
    const key = { ...hr, 'idempotency-key': `file-${filing.id}` };
    const first = await file(filing, key);
    expect(first.statusCode).toBe(201);
    const runId = (await t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id)).describe()).runId;
    const retried = await file(filing, key);
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.json()).toMatchObject({ id: filing.id, filedAt: first.json().filedAt });
    expect((await t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id)).describe()).runId).toBe(runId);
    const reused = await file({ ...filing, statement: 'Another filing under the same key.' }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().detail).toMatch(/Idempotency-Key was used for another request/);
    // Without the key, the same id is a conflict, as before.
    expect((await file(filing)).statusCode).toBe(409);
  });

  it('answers 409 for a second filing with the same id and opens no second case', async () => {
    const filing = aFiling();
    expect((await file(filing)).statusCode).toBe(201);
    const first = await t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id)).describe();

    const again = await file({ ...filing, statement: 'A different statement' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json()).toMatchObject({ status: 409, title: 'Conflict' });

    const after = await t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id)).describe();
    expect(after.runId).toBe(first.runId);
    const read = await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr });
    expect(read.json().filing.statement).toBe(filing.statement);
  });

  it('reads a case by id (200) and answers 404 for an unknown id', async () => {
    const filing = aFiling();
    await file(filing);
    const read = await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: bearer(['auditor']) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: filing.id, status: 'awaiting-decision' });

    const unknown = await t.app.inject({ method: 'GET', url: '/v1/grievances/NO-SUCH-CASE', headers: hr });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 404, detail: 'No grievance with id NO-SUCH-CASE.' });
  });

  it('hides a case from another district (404, as if it did not exist)', async () => {
    const filing = aFiling();
    await file(filing);
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/grievances/${filing.id}`,
      headers: bearer(['hr'], { district: 'district-b' }),
    });
    expect(res.statusCode).toBe(404);
  });

  it('GRV-CONTENT: refuses an incomplete filing with 400 problem+json naming each field and the rule, and starts nothing', async () => {
    const { signedBy: _omitted, ...unsigned } = aFiling();
    const res = await file({ ...unsigned, grievants: [], knewOn: '2026-13-40' });

    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ status: 400, rule: 'GRV-CONTENT', instance: '/v1/grievances' });
    const fields = problem.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['/grievants', '/knewOn', '/signedBy']);
    expect(problem.errors.every((e: { rule: string; in: string }) => e.rule === 'GRV-CONTENT' && e.in === 'body')).toBe(true);

    await expect(t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', unsigned.id)).describe()).rejects.toThrow();
  });

  it('answers 401 without a token, with a bad signature, or with claims missing', async () => {
    const filing = aFiling();
    expect((await file(filing, {})).statusCode).toBe(401);
    expect((await file(filing, bearer(['hr'], { secret: 'x'.repeat(40) }))).statusCode).toBe(401);
    const noRoles = await t.app.inject({
      method: 'GET',
      url: '/v1/grievances/anything',
      headers: { authorization: `Bearer ${signedClaims({ sub: 'someone', district: 'district-a' })}` },
    });
    expect(noRoles.statusCode).toBe(401);
    expect(noRoles.json().detail).toMatch(/roles/);
    await expect(t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id)).describe()).rejects.toThrow();
  });

  it('answers 403 when the role may not act: only HR files', async () => {
    for (const role of ['decider', 'panel', 'consulting-teacher', 'participant', 'auditor'] as const) {
      const filing = aFiling();
      const res = await file(filing, bearer([role]));
      expect(res.statusCode, role).toBe(403);
      await expect(t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id)).describe()).rejects.toThrow();
    }
    // A participant may read a case they are a party to; a panel member has no part in grievances.
    const participantRead = await t.app.inject({ method: 'GET', url: '/v1/grievances/x', headers: bearer(['participant']) });
    expect(participantRead.statusCode).toBe(404);
    const panelRead = await t.app.inject({ method: 'GET', url: '/v1/grievances/x', headers: bearer(['panel']) });
    expect(panelRead.statusCode).toBe(403);
  });
  const district = () => new DistrictCalendars('district-a', t.calendars);
  const act = (id: string, action: object, headers: Record<string, string> = hr, extra: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/v1/grievances/${id}/actions`, headers: { ...headers, ...extra }, payload: action });
  const decider = bearer(['decider'], { sub: 'principal-lincoln' });
  const grievant = bearer(['participant'], { sub: 'dana.reyes' });
  const noCase = async (id: string) => expect(t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', id)).describe()).rejects.toThrow();

  it('GRV-FILE-40: refuses a filing past the 40-school-day limit with 422, the limit date and its explanation, and opens no case', async () => {
    const knewOn = shiftDate(district(), t.today, 'school-day', -41);
    const filing = aFiling({ knewOn });
    const res = await file(filing);

    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const limit = shiftDate(district(), knewOn, 'school-day', 40);
    expect(res.json()).toMatchObject({
      status: 422,
      rule: 'GRV-FILE-40',
      detail: expect.stringContaining(`by ${limit}`),
      errors: [{ field: '/knewOn', rule: 'GRV-FILE-40' }],
      deadline: { rule: 'GRV-FILE-40', trigger: knewOn, count: 40, unit: 'school-day', due: limit, state: 'running' },
    });
    await noCase(filing.id);

    // The last day of the limit is still in time.
    const onTime = aFiling({ knewOn: shiftDate(district(), t.today, 'school-day', -40) });
    expect((await file(onTime)).statusCode).toBe(201);
  });

  it('GRV-DEF: refuses a filing that only disputes an evaluation score (422), accepts one about the evaluation procedure', async () => {
    const scoreOnly = aFiling({ disputes: ['evaluation-score'] });
    const res = await file(scoreOnly);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'GRV-DEF', errors: [{ field: '/disputes', rule: 'GRV-DEF' }] });
    await noCase(scoreOnly.id);
    expect((await file(aFiling({ disputes: ['evaluation-score', 'evaluation-procedure'] }))).statusCode).toBe(201);
  });

  it('GRV-COLLECTIVE: only a collective grievance is filed above level 1 (422 for one grievant)', async () => {
    const single = aFiling({ level: 2 });
    expect((await file(single)).json()).toMatchObject({ status: 422, rule: 'GRV-COLLECTIVE' });
    await noCase(single.id);
    const collective = aFiling({ level: 2, grievants: [{ name: 'Dana Reyes', position: 'Grade 4 teacher' }, { name: 'Sam Ito', position: 'Grade 5 teacher' }] });
    const res = await file(collective);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ level: 2, status: 'awaiting-decision' });
  });

  it('CAL-1: refuses a filing in a district that has published no calendar (422), since no deadline can be counted', async () => {
    const filing = aFiling();
    const res = await file(filing, bearer(['hr'], { district: 'district-without-calendar' }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'CAL-1' });
    await noCase(filing.id);
  });

  it('acts over REST: the decider decides (200 with the new state and deadlines), the grievant appeals; each action carries the token actor', async () => {
    const filing = aFiling();
    await file(filing);
    const decided = await act(filing.id, { type: 'decide', outcome: 'denied', text: 'No violation found.' }, decider);
    expect(decided.statusCode).toBe(200);
    const body = decided.json();
    expect(body).toMatchObject({ status: 'appeal-window', level: 1, process: { decisions: [{ level: 1, outcome: 'denied', by: { id: 'principal-lincoln' } }] } });
    expect(body.clock.deadlines.find((d: { key: string }) => d.key === '1:appeal')).toMatchObject({
      status: 'pending',
      current: { due: shiftDate(district(), t.today, 'school-day', 5) },
    });
    expect(body.actions.at(-1)).toMatchObject({ action: 'decide', actor: { id: 'principal-lincoln', roles: ['decider'] } });

    const appealed = await act(filing.id, { type: 'appeal' }, grievant);
    expect(appealed.statusCode).toBe(200);
    expect(appealed.json()).toMatchObject({ level: 2, status: 'awaiting-decision', actions: expect.arrayContaining([expect.objectContaining({ action: 'appeal', actor: expect.objectContaining({ id: 'dana.reyes' }) })]) });
  });

  it('answers 409 naming the rule for an action the stage does not allow, 403 for the wrong role, and changes nothing', async () => {
    const filing = aFiling();
    await file(filing);
    const before = (await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr })).json();

    const early = await act(filing.id, { type: 'appeal' }, grievant);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ status: 409, rule: 'GRV-APPEAL-5', detail: expect.stringContaining('no decision to appeal') });
    expect((await act(filing.id, { type: 'decide', outcome: 'granted', text: 'Yes.' }, hr)).statusCode).toBe(403);

    const after = (await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr })).json();
    expect(after.actions).toEqual(before.actions);
    expect(after.status).toBe('awaiting-decision');
  });

  it('GRV-CONF-5 / GRV-PRIVATE: the act of scheduling happens within the limit, the conference on the date set (after day 5 too); a date in the past, or during duties without a reason, answers 422 with the rule', async () => {
    const filing = aFiling({ conferenceRequested: true });
    await file(filing);
    const filed = (await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr })).json();
    expect(filed.clock.deadlines[0]).toMatchObject({ key: '1:conference', label: 'level 1 conference to be scheduled', spec: { rule: 'GRV-CONF-5', count: 5, unit: 'school-day' } });

    const past = await act(filing.id, { type: 'schedule-conference', on: addDays(t.today, -1) });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ rule: 'GRV-CONF-5', detail: expect.stringContaining('in the past') });

    const on = shiftDate(district(), t.today, 'school-day', 8);
    const duringDuties = await act(filing.id, { type: 'schedule-conference', on, outsideAssignedDuties: false });
    expect(duringDuties.statusCode).toBe(422);
    expect(duringDuties.json()).toMatchObject({ rule: 'GRV-PRIVATE' });

    // Scheduled today (within 5 school days after receipt) for the eighth school day: accepted, the limit is met.
    const scheduled = await act(filing.id, { type: 'schedule-conference', on, at: '15:45' });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json().process.conference).toMatchObject({ on, at: '15:45', outsideAssignedDuties: true });
    expect(scheduled.json().clock.deadlines.find((d: { key: string }) => d.key === '1:conference')).toMatchObject({ status: 'met' });
    // GRV-DECIDE-10: the decision counts from the conference.
    expect(scheduled.json().clock.deadlines.find((d: { key: string }) => d.key === '1:decision')).toMatchObject({ spec: { trigger: on, count: 10 } });
  });

  it('applies an action retried with the same Idempotency-Key once', async () => {
    const filing = aFiling();
    await file(filing);
    const key = { 'idempotency-key': `propose-${filing.id}` };
    const first = await act(filing.id, { type: 'propose-extension', deadline: 'decision', count: 3, party: 'district' }, decider, key);
    const retried = await act(filing.id, { type: 'propose-extension', deadline: 'decision', count: 3, party: 'district' }, decider, key);
    expect([first.statusCode, retried.statusCode]).toEqual([200, 200]);
    const actions = (await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr })).json().actions;
    expect(actions.filter((a: { action: string }) => a.action === 'propose-extension')).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused for another request (422) and changes nothing, where it would have answered the first result', async () => {
    const filing = aFiling();
    await file(filing);
    const key = { 'idempotency-key': `reused-${filing.id}` };
    expect((await act(filing.id, { type: 'propose-extension', deadline: 'decision', count: 3 }, decider, key)).statusCode).toBe(200);
    const reused = await act(filing.id, { type: 'propose-extension', deadline: 'decision', count: 9 }, decider, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().detail).toMatch(/Idempotency-Key was used for another request/);
    const proposal = (await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr })).json().process.proposal;
    expect(proposal).toMatchObject({ count: 3 });
  });

  it('CAL-1: a pause resumed the day it began shows in the case as that one day stopped (to = from, never before), and the decision deadline counts it out', async () => {
    const filing = aFiling();
    expect((await file(filing)).statusCode).toBe(201);
    const clock = (path: string) => t.app.inject({ method: 'POST', url: `/v1/grievances/${filing.id}/clock/${path}`, headers: hr, ...(path === 'pause' ? { payload: { reason: 'leave, withdrawn the same day' } } : {}) });
    expect((await clock('pause')).statusCode).toBe(200);
    const resumed = await clock('resume');
    expect(resumed.statusCode, resumed.body).toBe(200);
    const today = (await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr })).json().clock.pauses[0].from as string;
    expect(resumed.json()).toMatchObject({ from: today, to: today });
    const view = (await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr })).json();
    expect(view.clock.pauses).toEqual([expect.objectContaining({ from: today, to: today, reason: 'leave, withdrawn the same day' })]);
    const decision = view.clock.deadlines.find((d: { key: string }) => d.key === '1:decision');
    const counted = computeDeadline(new DistrictCalendars('district-a', t.calendars), decision.spec, [{ from: today, to: today, reason: 'leave' }]);
    expect(decision.current.due).toBe((counted as { due: string }).due);
  });

  it('GRV-WITHDRAW: a withdrawn case answers 409 to any further action, naming GRV-WITHDRAW', async () => {
    const filing = aFiling();
    await file(filing);
    const withdrawn = await act(filing.id, { type: 'withdraw' }, grievant);
    expect(withdrawn.json()).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
    const again = await act(filing.id, { type: 'decide', outcome: 'granted', text: 'Too late.' }, decider);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ rule: 'GRV-WITHDRAW' });
  });

  it('GRV-DECIDE-10: a decider decides only at their own level (403 at another), and only in their district (404)', async () => {
    const filing = aFiling();
    await file(filing);
    const principal = bearer(['decider'], { sub: 'principal-lincoln', levels: [1] });
    const chief = bearer(['decider'], { sub: 'chief-officer', levels: [2] });
    expect((await act(filing.id, { type: 'decide', outcome: 'denied', text: 'Not mine.' }, chief)).statusCode).toBe(403);
    expect((await act(filing.id, { type: 'decide', outcome: 'denied', text: 'Elsewhere.' }, bearer(['decider'], { district: 'district-b', levels: [1] }))).statusCode).toBe(404);
    expect((await act(filing.id, { type: 'decide', outcome: 'denied', text: 'No violation.' }, principal)).statusCode).toBe(200);
    expect((await act(filing.id, { type: 'appeal' }, grievant)).statusCode).toBe(200);

    const wrongLevel = await act(filing.id, { type: 'decide', outcome: 'granted', text: 'Again.' }, principal);
    expect(wrongLevel.statusCode).toBe(403);
    expect(wrongLevel.json()).toMatchObject({ rule: 'GRV-DECIDE-10', detail: expect.stringContaining('level 2') });
    const decided = await act(filing.id, { type: 'decide', outcome: 'granted', text: 'Remedy granted.' }, chief);
    expect(decided.json().process.decisions.map((d: { level: number; by: { id: string } }) => [d.level, d.by.id])).toEqual([
      [1, 'principal-lincoln'],
      [2, 'chief-officer'],
    ]);
  });

  it('a create past its deadline on a busy server answers 503 with a short Retry-After; sent again with its key, it opens once', async () => {
    // A client whose update-with-start runs out of time, as on a worker too busy to open the case in time.
    const busy = await buildTestApp(
      new Client({
        connection: t.env.connection,
        dataConverter: testDataConverter(),
        interceptors: { workflow: [{ startUpdateWithStart: async () => Promise.reject(new WorkflowUpdateRPCTimeoutOrCancelledError('Workflow update call timeout or cancelled')) }] },
      }),
      {},
      'grievance-routes-test',
    );
    try {
      const filing = aFiling();
      const key = { ...hr, 'idempotency-key': `busy-${filing.id}` };
      const refused = await busy.inject({ method: 'POST', url: '/v1/grievances', headers: key, payload: filing });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe(String(CREATE_RETRY_AFTER_SECONDS));
      expect(refused.json().detail).toMatch(/may have opened.*same Idempotency-Key/);
      const again = await file(filing, key);
      expect(again.statusCode).toBe(201);
      expect((await file(filing, key)).statusCode).toBe(201);
    } finally {
      await busy.close();
    }
  });
});
