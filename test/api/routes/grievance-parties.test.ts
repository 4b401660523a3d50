import { describe, expect, it } from 'vitest';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { useApiOnTimeSkipping } from '../../helpers/api';
import { aFiling } from '../../helpers/grievance-fixtures';
import { bearer } from '../../helpers/tokens';

/**
 * Who acts is who the token says, in the relation the case records: grievants and their representative by the
 * subject HR gave at filing, a level's decider by the subject named for it (or the token's levels where none is
 * named), HR and auditors by role. Anyone else does not learn the case exists (404); the side of an extension is
 * the caller's own, never the body's.
 */
describe('grievance parties through the API (app.inject, time-skipping server)', () => {
  const t = useApiOnTimeSkipping('grievance-parties-test');
  const hr = bearer(['hr'], { sub: 'hr-clerk-1' });
  const grievant = bearer(['participant'], { sub: 'dana.reyes' });
  const representative = bearer(['participant'], { sub: 'rep-okafor' });
  const principal = bearer(['decider'], { sub: 'principal-lincoln', levels: [1] });
  const strangerTeacher = bearer(['participant'], { sub: 'someone-else' });
  const otherPrincipal = bearer(['decider'], { sub: 'principal-roosevelt', levels: [1] });

  const file = async (overrides = {}) => {
    const filing = aFiling({
      contacts: [
        { name: 'Ade Okafor', role: 'representative', subject: 'rep-okafor' },
        { name: 'Pat Lee', role: 'decider', level: 1, subject: 'principal-lincoln' },
      ],
      ...overrides,
    });
    const res = await t.app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: filing });
    expect(res.statusCode, res.body).toBe(201);
    return filing;
  };
  const act = (id: string, action: object, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: `/v1/grievances/${id}/actions`, headers, payload: action });
  const read = (id: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: `/v1/grievances/${id}`, headers });

  it('GRV-WITHDRAW: a participant with no part in the case can neither see nor withdraw it (404); the grievant withdraws her own', async () => {
    const { id } = await file();
    expect((await read(id, strangerTeacher)).statusCode).toBe(404);
    const refused = await act(id, { type: 'withdraw' }, strangerTeacher);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ detail: `No grievance with id ${id}.` });
    expect((await read(id, hr)).json()).toMatchObject({ status: 'awaiting-decision' });

    expect((await read(id, grievant)).statusCode).toBe(200);
    const withdrawn = await act(id, { type: 'withdraw' }, grievant);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'closed', outcome: 'withdrawn', actions: expect.arrayContaining([expect.objectContaining({ action: 'withdraw', actor: expect.objectContaining({ id: 'dana.reyes' }) })]) });
  });

  it('GRV-WITHDRAW: a decider who is not this case\'s decider does not see it; the named decider does, and may not withdraw for the grievant (403)', async () => {
    const { id } = await file();
    expect((await read(id, otherPrincipal)).statusCode).toBe(404);
    expect((await act(id, { type: 'decide', outcome: 'denied', text: 'Not mine to decide.' }, otherPrincipal)).statusCode).toBe(404);
    expect((await read(id, principal)).statusCode).toBe(200);
    const refused = await act(id, { type: 'withdraw' }, principal);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ rule: 'GRV-WITHDRAW' });
    await act(id, { type: 'withdraw' }, representative);
  });

  it('GRV-EXTEND: the side comes from the caller, not the body: a decider cannot accept their own proposal "as the grievant", nor can HR for the district', async () => {
    const { id } = await file();
    const before = (await read(id, hr)).json().clock.deadlines.find((d: { key: string }) => d.key === '1:decision').current.due;

    const proposed = await act(id, { type: 'propose-extension', deadline: 'decision', count: 5, party: 'grievant' }, principal);
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json().process.proposal).toMatchObject({ party: 'district', by: { id: 'principal-lincoln' } });

    const selfAccepted = await act(id, { type: 'accept-extension', party: 'grievant' }, principal);
    expect(selfAccepted.statusCode).toBe(409);
    expect(selfAccepted.json()).toMatchObject({ rule: 'GRV-EXTEND' });
    const sameSide = await act(id, { type: 'accept-extension', party: 'grievant' }, hr);
    expect(sameSide.statusCode).toBe(409);
    expect(sameSide.json()).toMatchObject({ rule: 'GRV-EXTEND' });
    // Nothing moved.
    const unchanged = (await read(id, hr)).json();
    expect(unchanged.process.extensions).toEqual([]);
    expect(unchanged.clock.deadlines.find((d: { key: string }) => d.key === '1:decision').current.due).toBe(before);

    const accepted = await act(id, { type: 'accept-extension' }, representative);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().process.extensions).toEqual([
      expect.objectContaining({ deadline: 'decision', count: 5, proposedBy: expect.objectContaining({ id: 'principal-lincoln' }), acceptedBy: expect.objectContaining({ id: 'rep-okafor' }) }),
    ]);
    expect(accepted.json().clock.deadlines.find((d: { key: string }) => d.key === '1:decision').current.due > before).toBe(true);
    await act(id, { type: 'withdraw' }, grievant);
  });

  it('GRV-EXTEND: the grievant side cannot accept its own proposal either, and a stranger cannot accept at all', async () => {
    const { id } = await file();
    expect((await act(id, { type: 'propose-extension', deadline: 'decision', count: 3, party: 'district' }, grievant)).json().process.proposal).toMatchObject({ party: 'grievant' });
    expect((await act(id, { type: 'accept-extension', party: 'district' }, representative)).statusCode).toBe(409);
    expect((await act(id, { type: 'accept-extension' }, strangerTeacher)).statusCode).toBe(404);
    const accepted = await act(id, { type: 'accept-extension' }, principal);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().process.extensions).toHaveLength(1);
    await act(id, { type: 'withdraw' }, grievant);
  });

  it('GRV-DECIDE-10: a level whose decider is named is decided by that person alone, whatever other tokens claim', async () => {
    const { id } = await file();
    // Another level-1 decider has no part in this case (404); one who also decides level 2 is a party, but not at level 1 (403).
    const anotherLevelOne = bearer(['decider'], { sub: 'assistant-principal', levels: [1] });
    expect((await act(id, { type: 'decide', outcome: 'denied', text: 'Not mine.' }, anotherLevelOne)).statusCode).toBe(404);
    const levelTwoToo = bearer(['decider'], { sub: 'deputy', levels: [1, 2] });
    const refused = await act(id, { type: 'decide', outcome: 'denied', text: 'Not mine.' }, levelTwoToo);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ rule: 'GRV-DECIDE-10' });
    const decided = await act(id, { type: 'decide', outcome: 'denied', text: 'No violation found.' }, principal);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'appeal-window' });
    await act(id, { type: 'withdraw' }, grievant);
  });

  it('GRV-CONTENT: a grievant without a subject is acted for by HR only', async () => {
    const { id } = await file({ grievants: [{ name: 'Lee Park', position: 'Counselor' }], contacts: [] });
    expect((await read(id, grievant)).statusCode).toBe(404);
    const appealedByHr = await act(id, { type: 'withdraw' }, hr);
    expect(appealedByHr.statusCode).toBe(200);
  });

  it('ids are scoped by district: another district files the same id without learning of the first (no 409), and neither sees the other', async () => {
    const filing = await file();
    const hrB = bearer(['hr'], { sub: 'hr-b', district: 'district-b' });
    const { publishCalendarsAround } = await import('../../helpers/publish-calendars');
    await publishCalendarsAround(t.env.client, 'grievance-parties-test', 'district-b', await t.env.currentTimeMs());
    const again = await t.app.inject({ method: 'POST', url: '/v1/grievances', headers: hrB, payload: { ...filing, statement: 'District B: another matter.' } });
    expect(again.statusCode, again.body).toBe(201);
    expect((await read(filing.id, hrB)).json().filing.statement).toBe('District B: another matter.');
    expect((await read(filing.id, hr)).json().filing.statement).toBe(filing.statement);
    const a = await t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id)).describe();
    const b = await t.env.client.workflow.getHandle(grievanceWorkflowId('district-b', filing.id)).describe();
    expect(a.runId).not.toBe(b.runId);
    expect((await act(filing.id, { type: 'withdraw' }, hrB)).json()).toMatchObject({ district: 'district-b', outcome: 'withdrawn' });
    expect((await read(filing.id, hr)).json()).toMatchObject({ district: 'district-a', status: 'awaiting-decision' });
    await act(filing.id, { type: 'withdraw' }, hr);
  });

  it('a case opened before ids were scoped (global id) is still found in its district, and only there', async () => {
    const { grievanceWorkflow } = await import('../../../workflows/grievance/grievance-workflow');
    const filing = aFiling();
    const legacyId = `grievance:${filing.id}`;
    await t.env.client.workflow.start(grievanceWorkflow, {
      taskQueue: 'grievance-parties-test',
      workflowId: legacyId,
      args: [{ filing, filedBy: { id: 'hr-clerk-1', roles: ['hr'], district: 'district-a' } }],
    });
    expect((await read(filing.id, hr)).json()).toMatchObject({ id: filing.id, district: 'district-a' });
    expect((await read(filing.id, bearer(['hr'], { district: 'district-b' }))).statusCode).toBe(404);
    // The district cannot open a second case of that number beside it.
    expect((await t.app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: filing })).statusCode).toBe(409);
    expect((await act(filing.id, { type: 'withdraw' }, grievant)).statusCode).toBe(200);
  });
});
