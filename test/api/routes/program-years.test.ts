import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../src/domain/actor';
import { schoolYearOf } from '../../../src/domain/calendar';
import { seedSampleParProgram } from '../../../src/dev/seed-sample-par-program';
import { DEFAULT_PAR_POLICY } from '../../../src/domain/par/par-policy';
import { parProgramWorkflowId, requestPlaceSignal } from '../../../workflows/par/par-program-messages';
import { useApiOnTimeSkipping } from '../../helpers/api';
import { testLogger } from '../../helpers/temporal';
import { bearer } from '../../helpers/tokens';

const hr = bearer(['hr']);
const body = {
  consultingTeachers: [{ id: 'ct-1', name: 'Casey Teacher', caseload: 2 }],
  volunteerMaximum: 2,
  policy: DEFAULT_PAR_POLICY,
  notify: [{ name: 'PAR office', email: 'par-office@district.example.org' }],
};

describe('PAR program year over the API (PUT/GET /v1/par/programs/:district/:schoolYear)', () => {
  const ctx = useApiOnTimeSkipping('par-program-api-test');
  const year = () => schoolYearOf(ctx.today);
  const url = (schoolYear = year(), district = 'district-a') => `/v1/par/programs/${district}/${schoolYear}`;
  const put = (payload: object, schoolYear = year()) => ctx.app.inject({ method: 'PUT', url: url(schoolYear), headers: hr, payload });

  it('PAR-PRIORITY: HR creates the program year (201), then changes it (200); the roster, capacity and windows come back', async () => {
    const created = await put(body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe(url());
    expect(created.json()).toMatchObject({
      district: 'district-a',
      schoolYear: year(),
      configured: true,
      policy: { version: 1 },
      capacity: { places: 2, used: 0, free: 2, overBy: 0 },
      windows: { referral: { rule: 'PAR-SPRING-WINDOW' }, volunteer: [{ rule: 'PAR-VOL-WINDOW' }, { rule: 'PAR-VOL-WINDOW' }] },
    });
    const changed = await put({ ...body, consultingTeachers: [...body.consultingTeachers, { id: 'ct-2', caseload: 1 }] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ capacity: { places: 3 }, configurations: [{ version: 1 }, { version: 2, by: { id: 'hr-user' } }] });
  });

  it('PAR-SPRING-WINDOW: an invalid policy answers 422 naming the field and its rule, and creates nothing', async () => {
    const policy = { ...DEFAULT_PAR_POLICY, referralWindow: { kind: 'whenever' }, volunteerTerm: { minimumMonths: 6, maximumMonths: 3 } };
    const refused = await put({ ...body, policy }, '2031-2032');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      rule: 'PAR-SPRING-WINDOW',
      errors: [
        { in: 'body', field: '/policy/referralWindow/kind', message: 'must be one of "last-school-days", "notice-after-may-1"', rule: 'PAR-SPRING-WINDOW' },
        { in: 'body', field: '/policy/volunteerTerm/maximumMonths', message: 'must not be shorter than the minimum (6 months)', rule: 'PAR-VOL-TERM' },
      ],
    });
    expect((await ctx.app.inject({ method: 'GET', url: url('2031-2032'), headers: hr })).statusCode).toBe(404);

    // On a running year the workflow refuses it the same way, and the year keeps its policy.
    const again = await put({ ...body, policy: { ...DEFAULT_PAR_POLICY, panelQuorum: 0 } });
    expect(again.statusCode, again.body).toBe(422);
    expect(again.json()).toMatchObject({ rule: 'PAR-VOL-ELIG', errors: [{ field: '/policy/panelQuorum', rule: 'PAR-VOL-ELIG' }] });
    expect((await ctx.app.inject({ method: 'GET', url: url(), headers: hr })).json()).toMatchObject({ policy: { panelQuorum: DEFAULT_PAR_POLICY.panelQuorum } });
  });

  it.each(ROLES.map((role) => [role] as const))('PAR-VOL-CONF: the program read as %s: only HR and the panel see who volunteers; auditors see counts', async (role: Role) => {
    const program = ctx.env.client.workflow.getHandle(parProgramWorkflowId('district-a', year()));
    const current = await ctx.app.inject({ method: 'GET', url: url(), headers: hr });
    if (!current.json<{ roster: unknown[] }>().roster.length) {
      await program.signal(requestPlaceSignal, { request: { caseId: 'VOL-7', group: 2, since: ctx.today }, workflowId: 'par:VOL-7' });
      await program.signal(requestPlaceSignal, { request: { caseId: 'REF-3', group: 1, since: ctx.today }, workflowId: 'par:REF-3' });
      await expect.poll(async () => (await ctx.app.inject({ method: 'GET', url: url(), headers: hr })).json<{ roster: unknown[] }>().roster.length).toBe(2);
    }

    const res = await ctx.app.inject({ method: 'GET', url: url(), headers: bearer([role]) });
    if (!['hr', 'panel', 'auditor'].includes(role)) {
      expect(res.statusCode).toBe(403);
      return;
    }
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<{ roster: { caseId: string }[]; volunteers: object; volunteersHidden: boolean }>();
    expect(view.volunteers).toEqual({ placed: 1, active: 1, waiting: 0 });
    if (role === 'auditor') {
      expect(view.volunteersHidden).toBe(true);
      expect(view.roster.map((p) => p.caseId)).toEqual(['REF-3']);
      expect(res.body).not.toContain('VOL-7');
    } else {
      expect(view.volunteersHidden).toBe(false);
      expect(view.roster.map((p) => p.caseId).sort()).toEqual(['REF-3', 'VOL-7']);
    }
  });

  it("a program is visible only inside its district: another district's token gets 404, as for an unknown year", async () => {
    for (const role of ['hr', 'panel', 'auditor'] as const) {
      expect((await ctx.app.inject({ method: 'GET', url: url(), headers: bearer([role], { district: 'district-b' }) })).statusCode).toBe(404);
    }
    expect((await ctx.app.inject({ method: 'PUT', url: url(), headers: bearer(['hr'], { district: 'district-b' }), payload: body })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: url('2040-2041'), headers: hr })).statusCode).toBe(404);
  });

  it('the embedded run seeds a sample program year once; HR reads it like any other', async () => {
    const options = { district: 'district-a', timeZone: 'America/Chicago', now: new Date(Date.parse(`${year().slice(5)}-03-01T12:00:00Z`)) };
    expect(await seedSampleParProgram(ctx.env.client, 'par-program-api-test', { ...options, now: new Date(Date.parse('2034-03-01T12:00:00Z')) }, testLogger)).toEqual(['2032-2033', '2033-2034']);
    // Years already configured are left as they are.
    expect(await seedSampleParProgram(ctx.env.client, 'par-program-api-test', { ...options, now: new Date(Date.parse('2034-03-01T12:00:00Z')) }, testLogger)).toEqual([]);
    const seeded = await ctx.app.inject({ method: 'GET', url: url('2033-2034'), headers: hr });
    expect(seeded.statusCode, seeded.body).toBe(200);
    expect(seeded.json()).toMatchObject({ capacity: { places: 4 }, volunteerMaximum: 2, policy: { version: 1 }, configurations: [{ by: { id: 'system:sample-par-program' } }] });
  });
});
