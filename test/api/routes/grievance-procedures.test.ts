import { describe, expect, it } from 'vitest';
import { addDays, computeDeadline, DistrictCalendars, shiftDate, type RunningDeadline } from '../../../src/domain/calendar';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { TWO_LEVEL_ARBITRATION_POLICY } from '../../../src/domain/grievance/sample-grievance-policies';
import { procedureMigratedSignal } from '../../../workflows/grievance/grievance-procedure-messages';
import { useApiOnTimeSkipping } from '../../helpers/api';
import { aFiling } from '../../helpers/grievance-fixtures';
import { testLogger } from '../../helpers/temporal';
import { bearer } from '../../helpers/tokens';
import { SAMPLE_CONTRACT_DISTRICT, seedSampleGrievanceProcedure } from '../../../src/dev/seed-sample-grievance-procedure';

/**
 * Issue 16 over the API: HR sets each bargaining unit's grievance procedure; the same steps run under RULES.md's
 * procedure (the district's default unit) and under a second contract (unit `classified`: two levels, 30 work days to
 * file, 7 calendar days to appeal, arbitration demanded within 20 work days), each case with its contract's dates.
 */
/** The migration's announcement, once the procedure workflow's activity has run (it follows the update's answer). */
async function announced<T>(find: () => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the migration was not announced');
}

describe('grievance procedures (app.inject, time-skipping server)', () => {
  const t = useApiOnTimeSkipping('grievance-procedures-test');
  const hr = bearer(['hr'], { sub: 'hr-clerk-1', district: 'district-a' });
  const decider = bearer(['decider'], { sub: 'principal-1', district: 'district-a', levels: [1, 2, 3] });
  const grievant = bearer(['participant'], { sub: 'dana.reyes', district: 'district-a' });
  const district = () => new DistrictCalendars('district-a', t.calendars);
  const contract = { ...TWO_LEVEL_ARBITRATION_POLICY, version: 2 };
  const put = (unit: string, payload: object, headers = hr) => t.app.inject({ method: 'PUT', url: `/v1/grievance-procedures/district-a/${unit}`, headers, payload });
  const file = (body: object) => t.app.inject({ method: 'POST', url: '/v1/grievances', headers: hr, payload: body });
  const act = (id: string, action: object, headers = hr) => t.app.inject({ method: 'POST', url: `/v1/grievances/${id}/actions`, headers, payload: action });
  const deadline = (view: { clock: { deadlines: { key: string }[] } }, key: string) => view.clock.deadlines.find((d) => d.key === key) as { spec: object; current: RunningDeadline; label: string } | undefined;

  it('GRV-FILE-40 / GRV-APPEAL-5 / GRV-FINAL: HR sets a unit procedure (201, then 200), everyone of the district reads it, and a filing pins it', async () => {
    const unset = await t.app.inject({ method: 'GET', url: '/v1/grievance-procedures/district-a/classified', headers: grievant });
    expect(unset.statusCode).toBe(200);
    expect(unset.json()).toMatchObject({ configured: false, current: { version: 1, levels: [{}, {}, {}] } });

    const created = await put('classified', { policy: contract, reason: 'classified agreement 2026' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe('/v1/grievance-procedures/district-a/classified');
    expect(created.json()).toMatchObject({ configured: true, current: { ...contract, unit: 'classified' }, versions: [{ version: 2, reason: 'classified agreement 2026', by: { id: 'hr-clerk-1' } }] });
    // The same version again changes nothing (a retried request); a changed one at the same version is refused.
    expect((await put('classified', { policy: contract })).statusCode).toBe(200);
    const same = await put('classified', { policy: { ...contract, representativeDelay: { count: 3, unit: 'work-day' } } });
    expect(same.statusCode).toBe(422);
    expect(same.json()).toMatchObject({ errors: [{ field: '/policy/version', message: expect.stringContaining('higher than 2') }] });

    const read = await t.app.inject({ method: 'GET', url: '/v1/grievance-procedures/district-a/classified', headers: decider });
    expect(read.json().versions).toHaveLength(1);
  });

  it.each([
    ['no levels', { levels: [] }, '/policy/levels', 'GRV-DECIDE-10'],
    ['a zero filing limit', { filing: { limit: { count: 0, unit: 'work-day' } } }, '/policy/filing/limit/count', 'GRV-FILE-40'],
    ['a negative arbitration limit', { lastLevel: { kind: 'arbitration-demand', limit: { count: -20, unit: 'work-day' } } }, '/policy/lastLevel/limit/count', 'GRV-FINAL'],
    ['an unknown unit', { representativeDelay: { count: 1, unit: 'lunar-day' } }, '/policy/representativeDelay/unit', 'GRV-REP'],
  ])('GRV-DECIDE-10 and the rest: a procedure with %s answers 422 problem+json naming the field and its rule, and nothing changes', async (_what, change, field, rule) => {
    const res = await put('refused', { policy: { ...contract, ...change } });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 422, errors: [expect.objectContaining({ in: 'body', field, rule })] });
    expect((await t.app.inject({ method: 'GET', url: '/v1/grievance-procedures/district-a/refused', headers: hr })).json()).toMatchObject({ configured: false });
  });

  it('GRV-FILE-40: a procedure of another district is not there (404); a participant may not set one (403)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/grievance-procedures/district-b/default', headers: hr })).statusCode).toBe(404);
    expect((await put('default', { policy: contract }, grievant)).statusCode).toBe(403);
  });

  it('GRV-DECIDE-10 / GRV-APPEAL-5 / GRV-FINAL: the same steps under the two contracts get each contract dates, to arbitration under the second', async () => {
    await put('classified', { policy: contract });
    const today = t.today;
    const knewOn = addDays(today, -2);
    const rules = aFiling({ knewOn });
    const second = aFiling({ knewOn, bargainingUnit: 'classified' });
    const [a, b] = [await file(rules), await file(second)];
    expect([a.statusCode, b.statusCode], b.body).toEqual([201, 201]);
    expect(a.json().process.policy).toMatchObject({ version: 1, unit: 'default', levels: [{}, {}, {}] });
    expect(b.json().process.policy).toMatchObject({ version: 2, unit: 'classified', levels: [{}, {}] });
    expect(deadline(a.json(), '1:decision')!.current.due).toBe(shiftDate(district(), today, 'school-day', 10));
    expect(deadline(b.json(), '1:decision')!.current.due).toBe(shiftDate(district(), today, 'work-day', 10));

    const [da, db] = [await act(rules.id, { type: 'decide', outcome: 'denied', text: 'No.' }, decider), await act(second.id, { type: 'decide', outcome: 'denied', text: 'No.' }, decider)];
    expect(deadline(da.json(), '1:appeal')!.current.due).toBe(shiftDate(district(), today, 'school-day', 5));
    expect(deadline(db.json(), '1:appeal')!.current).toMatchObject({ due: addDays(today, 7), unit: 'calendar-day', count: 7, rule: 'GRV-APPEAL-5' });

    await act(second.id, { type: 'appeal' }, grievant);
    const decided2 = await act(second.id, { type: 'decide', outcome: 'denied', text: 'Level 2: no.' }, decider);
    expect(decided2.json()).toMatchObject({ status: 'appeal-window', level: 2 });
    expect(deadline(decided2.json(), '2:arbitration')).toMatchObject({ label: 'demand for arbitration due', current: { due: shiftDate(district(), today, 'work-day', 20), rule: 'GRV-FINAL' } });
    const appealed = await act(second.id, { type: 'appeal' }, grievant);
    expect(appealed.statusCode).toBe(409);
    expect(appealed.json()).toMatchObject({ rule: 'GRV-FINAL' });
    const sent = await act(second.id, { type: 'demand-arbitration' }, grievant);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'closed', outcome: 'sent-to-arbitration', process: { closed: { rule: 'GRV-FINAL' } } });
    // Its notes state the contract numbers and units.
    expect(decided2.json().actions.at(-1).notes).toEqual(['GRV-FINAL: level 2 decided; a demand for arbitration may follow within 20 work days']);
  });

  it('GRV-FILE-40: a late filing is refused with the contract limit (30 work days) where RULES.md (40 school days) would take it', async () => {
    await put('classified', { policy: contract });
    const knewOn = shiftDate(district(), t.today, 'school-day', -35);
    const limit = computeDeadline(district(), { rule: 'GRV-FILE-40', trigger: knewOn, unit: 'work-day', count: 30 }) as RunningDeadline;
    if (limit.due >= t.today) return; // a long break between: 30 work days may still run (the domain test covers the refusal)
    const late = await file(aFiling({ knewOn, bargainingUnit: 'classified' }));
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ rule: 'GRV-FILE-40', detail: expect.stringContaining('within 30 work days'), errors: [{ field: '/knewOn' }] });
    expect((await file(aFiling({ knewOn }))).statusCode).toBe(201);
  });

  it('GRV-FILE-40: a filing naming a unit without a procedure is refused naming /bargainingUnit', async () => {
    const res = await file(aFiling({ bargainingUnit: 'no-such-unit' }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ errors: [{ field: '/bargainingUnit' }] });
  });

  it('GRV-DECIDE-10: a later version never changes a running case; an HR migration does, and the case records the old and new limits', async () => {
    await put('migrating', { policy: contract });
    const filing = aFiling({ knewOn: addDays(t.today, -2), bargainingUnit: 'migrating' });
    const filed = (await file(filing)).json();
    const before = deadline(filed, '1:decision')!.current.due;

    const corrected = { ...contract, version: 3, levels: [{ ...contract.levels[0]!, decision: { limit: { count: 12, unit: 'work-day' }, countsFrom: 'conference-or-receipt' } }, contract.levels[1]!] };
    expect((await put('migrating', { policy: corrected, reason: 'article 7.3 says twelve' })).statusCode).toBe(200);
    const unchanged = (await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr })).json();
    expect(unchanged.process.policy.version).toBe(2);
    expect(deadline(unchanged, '1:decision')!.current.due).toBe(before);

    const refused = await t.app.inject({ method: 'POST', url: '/v1/grievance-procedures/district-a/migrating/migrations', headers: hr, payload: { fromVersions: [3], reason: 'no' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ errors: [{ field: '/fromVersions/0' }] });
    const migration = await t.app.inject({ method: 'POST', url: '/v1/grievance-procedures/district-a/migrating/migrations', headers: hr, payload: { fromVersions: [2], reason: 'article 7.3 says twelve' } });
    expect(migration.statusCode, migration.body).toBe(201);
    expect(migration.json()).toMatchObject({ id: 'm1', toVersion: 3, fromVersions: [2], by: { id: 'hr-clerk-1' } });

    // The time-skipping server has no visibility for the batch signal: the worker recorded the announcement; deliver it.
    const notice = await announced(() => t.worker.migrations.find((m) => m.unit === 'migrating'));
    expect(notice).toMatchObject({ district: 'district-a', migration: { id: 'm1' }, policy: { version: 3 } });
    const handle = t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', filing.id));
    await handle.signal(procedureMigratedSignal, notice);
    const migrated = (await t.app.inject({ method: 'GET', url: `/v1/grievances/${filing.id}`, headers: hr })).json();
    expect(migrated.process.policy.version).toBe(3);
    expect(migrated.actions.at(-1)).toMatchObject({
      action: 'policy-migrated',
      actor: { id: 'hr-clerk-1' },
      notes: ['procedure v2 -> v3 (m1: article 7.3 says twelve): GRV-DECIDE-10: level 1 decision 10 work days (conference-or-receipt) -> 12 work days (conference-or-receipt)'],
    });
    const moved = migrated.clock.deadlines.find((d: { key: string }) => d.key === '1:decision');
    expect(moved.current.due).toBe(shiftDate(district(), t.today, 'work-day', 12));
    expect(moved.changes.at(-1)).toMatchObject({ change: 'moved', previousDue: before, due: moved.current.due, cause: expect.stringContaining('procedure v2 -> v3') });

    // A case of another unit, or unpinned, is not touched by the same notice.
    const other = aFiling({ knewOn: addDays(t.today, -2) });
    await file(other);
    await t.env.client.workflow.getHandle(grievanceWorkflowId('district-a', other.id)).signal(procedureMigratedSignal, notice);
    expect((await t.app.inject({ method: 'GET', url: `/v1/grievances/${other.id}`, headers: hr })).json().process.policy.version).toBe(1);
  });

  it('GRV-FILE-40 / GRV-FINAL: the embedded run seeds a second district with its own contract; a grievance there pins it', async () => {
    expect(await seedSampleGrievanceProcedure(t.env.client, 'grievance-procedures-test', { timeZone: 'America/Chicago', now: new Date(await t.env.currentTimeMs()) }, testLogger)).toBe(true);
    expect(await seedSampleGrievanceProcedure(t.env.client, 'grievance-procedures-test', { timeZone: 'America/Chicago', now: new Date(await t.env.currentTimeMs()) }, testLogger)).toBe(false);
    const harbor = bearer(['hr'], { sub: 'hr-harbor', district: SAMPLE_CONTRACT_DISTRICT });
    const read = await t.app.inject({ method: 'GET', url: `/v1/grievance-procedures/${SAMPLE_CONTRACT_DISTRICT}/default`, headers: harbor });
    expect(read.json()).toMatchObject({ configured: true, current: { version: 2, filing: { limit: { count: 30, unit: 'work-day' } }, lastLevel: { kind: 'arbitration-demand' } } });
    const filed = await t.app.inject({ method: 'POST', url: '/v1/grievances', headers: harbor, payload: aFiling({ level: 0, knewOn: addDays(t.today, -2) }) });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(deadline(filed.json(), '0:filing')).toMatchObject({ label: 'written grievance due (30 work days after the teacher knew)', spec: { count: 30, unit: 'work-day' } });
  });
});
