import { describe, expect, it } from 'vitest';
import { shiftDate, DistrictCalendars } from '../../../src/domain/calendar';
import { useApiOnTimeSkipping } from '../../helpers/api';
import { archiveCompleted } from '../../helpers/case-archive';
import { aFiling } from '../../helpers/grievance-fixtures';
import { bearer } from '../../helpers/tokens';

describe('case audit routes (app.inject, time-skipping server)', () => {
  const t = useApiOnTimeSkipping('case-routes-test');
  const hr = bearer(['hr'], { sub: 'hr-clerk-1' });
  const auditor = bearer(['auditor'], { sub: 'auditor-1' });
  const decider = bearer(['decider'], { sub: 'principal-lincoln' });
  const grievant = bearer(['participant'], { sub: 'dana.reyes' });

  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  type Entry = { kind: string; summary: string; eventId?: number; rules: string[]; stage?: { status: string; level: number }; actor?: { id: string }; deadline?: { key: string; change: string; due?: string; previousDue?: string }; notice?: { deliveryId: string; channel: string } };

  it('tells the story of a case from its history: actions with actor, rules and stage; deadlines set and met; notices with delivery ids; the close', async () => {
    const filing = aFiling();
    await inject('POST', '/v1/grievances', hr, filing);
    await inject('POST', `/v1/grievances/${filing.id}/actions`, decider, { type: 'decide', outcome: 'denied', text: 'No violation.' });
    await inject('POST', `/v1/grievances/${filing.id}/actions`, grievant, { type: 'withdraw' });

    const workflowId = `grievance:district-a:${filing.id}`;
    let entries: Entry[] = [];
    await expect
      .poll(async () => {
        const res = await inject('GET', `/v1/cases/${workflowId}/timeline`, auditor);
        entries = res.json().entries;
        return entries.at(-1)?.kind;
      }, { timeout: 10_000 })
      .toBe('closed');

    expect(entries[0]).toMatchObject({ kind: 'filed', eventId: 1, actor: { id: 'hr-clerk-1' }, rules: ['GRV-CONTENT'] });
    const actions = entries.filter((e) => e.kind === 'action');
    expect(actions.map((a) => [a.actor?.id, a.stage, a.rules])).toEqual([
      ['principal-lincoln', { status: 'appeal-window', level: 1 }, ['GRV-APPEAL-5']],
      ['dana.reyes', { status: 'closed', level: 1 }, ['GRV-WITHDRAW']],
    ]);
    expect(actions.every((a) => typeof a.eventId === 'number' && a.eventId > 1)).toBe(true);

    const district = new DistrictCalendars('district-a', t.calendars);
    const deadlines = entries.filter((e) => e.kind === 'deadline').map((e) => [e.deadline?.key, e.deadline?.change, e.deadline?.due]);
    expect(deadlines).toEqual([
      ['1:decision', 'set', shiftDate(district, t.today, 'school-day', 10)],
      ['1:decision', 'met', shiftDate(district, t.today, 'school-day', 10)],
      ['1:appeal', 'set', shiftDate(district, t.today, 'school-day', 5)],
      ['1:appeal', 'cancelled', shiftDate(district, t.today, 'school-day', 5)],
    ]);
    // The decision is met before the appeal window opens, and both follow the decision in the story.
    const index = (predicate: (e: Entry) => boolean) => entries.findIndex(predicate);
    expect(index((e) => e.deadline?.change === 'met')).toBeGreaterThan(index((e) => e.actor?.id === 'principal-lincoln'));

    const notices = entries.filter((e) => e.kind === 'notice').map((e) => e.notice!.deliveryId);
    expect(notices).toEqual(expect.arrayContaining([`${workflowId}:filing-receipt:email`, `${workflowId}:1:decision:email`, `${workflowId}:1:decision:letter`]));
    expect(entries.at(-1)).toMatchObject({ kind: 'closed', rules: ['GRV-WITHDRAW'], summary: expect.stringContaining('withdrawn') });
    // The closed run is archived next; let that finish inside the test, not during the worker's shutdown.
    const { runId } = await t.env.client.workflow.getHandle(workflowId).describe();
    await archiveCompleted(t.env.client, { workflowId, runId });
  });

  it("a running case's timeline shows its live deadlines", async () => {
    const filing = aFiling();
    await inject('POST', '/v1/grievances', hr, filing);
    const res = await inject('GET', `/v1/cases/grievance:${filing.id}/timeline`, hr);
    expect(res.statusCode).toBe(200);
    expect(res.json().entries.filter((e: Entry) => e.kind === 'deadline')).toMatchObject([{ deadline: { key: '1:decision', change: 'set' }, rules: ['GRV-DECIDE-10'] }]);
  });

  it('answers 404 for an unknown case or one of another district, 403 for roles that may not audit, 400 for a malformed id', async () => {
    const filing = aFiling();
    await inject('POST', '/v1/grievances', hr, filing);
    expect((await inject('GET', '/v1/cases/grievance:NO-SUCH/timeline', auditor)).statusCode).toBe(404);
    expect((await inject('GET', `/v1/cases/grievance:${filing.id}/timeline`, bearer(['auditor'], { district: 'district-b' }))).statusCode).toBe(404);
    for (const role of ['decider', 'panel', 'participant', 'consulting-teacher'] as const) {
      expect((await inject('GET', `/v1/cases/grievance:${filing.id}/timeline`, bearer([role]))).statusCode, role).toBe(403);
    }
    expect((await inject('GET', `/v1/cases/${filing.id}/timeline`, auditor)).statusCode).toBe(400);
  });
});
