import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { addDays, schoolYearOf } from '../../../src/domain/calendar';
import { DEFAULT_PAR_POLICY } from '../../../src/domain/par/par-policy';
import type { PriorityGroup } from '../../../src/domain/par/program-roster';
import type { SetupProblem } from '../../../src/domain/par/program-year';
import {
  PAR_PROGRAM_REJECTED,
  assignSeatSignal,
  configureProgramUpdate,
  parProgramWorkflowId,
  releasePlaceSignal,
  requestPlaceSignal,
} from '../../../workflows/par/par-program-messages';
import { HR_OFFICE, programHr, useParPrograms } from '../../helpers/par-programs';
import { offersQuery, type placeOfferRecorder } from '../fixtures/par-program-workflows';

const DISTRICT = 'district-a';

describe('PAR program year: the roster on the time-skipping server', () => {
  const programs = useParPrograms('par-program-roster-test', [DISTRICT]);
  const { ctx } = programs;
  const year = () => schoolYearOf(ctx.today);
  const program = () => ctx.env.client.workflow.getHandle(parProgramWorkflowId(DISTRICT, year()));

  /** A stand-in case that records the places it is offered. */
  async function startCase(caseId: string) {
    return ctx.env.client.workflow.start<typeof placeOfferRecorder>('placeOfferRecorder', { taskQueue: 'par-program-roster-test', workflowId: `par:${caseId}` });
  }
  const ask = (caseId: string, group: PriorityGroup, since: string) =>
    program().signal(requestPlaceSignal, { request: { caseId, group, since }, workflowId: `par:${caseId}` });
  const offersTo = (caseId: string) => expect.poll(async () => (await ctx.env.client.workflow.getHandle(`par:${caseId}`).query(offersQuery)).length, { timeout: 10_000 });

  it('PAR-PRIORITY: a full program puts requests on the waiting list in priority order; a freed place goes to the next one, who is offered it', async () => {
    await programs.configure(DISTRICT, year(), { consultingTeachers: [{ id: 'ct-1', name: 'Casey Teacher', caseload: 2 }], volunteerMaximum: 3, policy: DEFAULT_PAR_POLICY });
    const d = (n: number) => addDays(ctx.today, n);
    const cases = ['R-1', 'V-1', 'N-1', 'V-2', 'V-3'];
    for (const id of cases) await startCase(id);

    await ask('R-1', 1, d(-5)); // Referred: placed at once
    await ask('V-1', 2, d(-4)); // the last free place
    await ask('N-1', 3, d(-9)); // a new teacher who asked first, but Group III comes after Volunteers
    await ask('V-2', 2, d(-3));
    await ask('V-3', 2, d(-2));

    await expect.poll(async () => (await programs.read(DISTRICT, year())).waiting.length, { timeout: 10_000 }).toBe(3);
    const full = await programs.read(DISTRICT, year());
    expect(full.capacity).toEqual({ places: 2, used: 2, free: 0, overBy: 0 });
    expect(full.roster.map((p) => [p.caseId, p.group, p.placedOn])).toEqual([
      ['R-1', 1, ctx.today],
      ['V-1', 2, ctx.today],
    ]);
    expect(full.waiting.map((w) => [w.position, w.caseId, w.groupName])).toEqual([
      [1, 'V-2', 'Group II (Volunteers)'],
      [2, 'V-3', 'Group II (Volunteers)'],
      [3, 'N-1', 'Group III (new teachers)'],
    ]);
    expect(full.waiting[0]!.reason).toBe('no consulting-teacher place is free (2 places in use)');
    await offersTo('R-1').toBe(1);
    await offersTo('V-1').toBe(1);
    for (const id of ['V-2', 'V-3', 'N-1']) expect(await ctx.env.client.workflow.getHandle(`par:${id}`).query(offersQuery)).toEqual([]);

    // The panel assigns the Referred participant's consulting teacher (PAR-CT-SELECT-10); V-1 leaves the program.
    await program().signal(assignSeatSignal, { caseId: 'R-1', consultingTeacher: 'ct-1' });
    await program().signal(releasePlaceSignal, { caseId: 'V-1', on: ctx.today });
    await offersTo('V-2').toBe(1);
    expect(await ctx.env.client.workflow.getHandle('par:V-2').query(offersQuery)).toEqual([{ schoolYear: year(), placedOn: ctx.today }]);
    const freed = await programs.read(DISTRICT, year());
    expect(freed.waiting.map((w) => [w.position, w.caseId])).toEqual([
      [1, 'V-3'],
      [2, 'N-1'],
    ]);
    expect(freed.roster.find((p) => p.caseId === 'R-1')?.consultingTeacher).toBe('ct-1');
    expect(freed.roster.find((p) => p.caseId === 'V-1')?.endedOn).toBe(ctx.today);
    expect(freed.consultingTeachers).toEqual([{ id: 'ct-1', name: 'Casey Teacher', caseload: 2, assigned: 1 }]);

    // HR raises the caseload: the new place goes to the next one waiting at once.
    await programs.configure(DISTRICT, year(), { consultingTeachers: [{ id: 'ct-1', name: 'Casey Teacher', caseload: 3 }], volunteerMaximum: 3 });
    await offersTo('V-3').toBe(1);
    // The yearly maximum of Volunteers (3) is reached: the next freed place skips to Group III.
    await program().signal(releasePlaceSignal, { caseId: 'V-2', on: ctx.today });
    await offersTo('N-1').toBe(1);
    const last = await programs.read(DISTRICT, year());
    expect(last.waiting).toEqual([]);
    expect(last.volunteers).toEqual({ placed: 3, active: 1, waiting: 0 });
    // HR heard of every placement.
    expect(last.notices.filter((n) => n.kind === 'place-offered' && n.channel === 'email').map((n) => n.destination)).toEqual(Array(5).fill([HR_OFFICE.email]));
    // A request the roster refuses is logged, not lost.
    await ask('R-1', 1, d(0));
    await expect
      .poll(async () => (await programs.read(DISTRICT, year())).events.filter((e) => e.type === 'refused').map((e) => e.detail))
      .toEqual(['PAR-PRIORITY: case R-1 already holds or waits for a place']);
  });

  it('PAR-PRIORITY: a configuration the rules refuse is refused whole, naming each field and its rule; the year keeps its policy', async () => {
    const refusal = async (setup: Parameters<typeof programs.configure>[2]) => {
      const error = await program()
        .executeUpdate(configureProgramUpdate, { args: [{ ...setup, by: programHr(DISTRICT) }] })
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause.type).toBe(PAR_PROGRAM_REJECTED);
      return (cause.details?.[0] ?? []) as SetupProblem[];
    };
    const ct = [{ id: 'ct-1', caseload: 3 }];
    expect(await refusal({ consultingTeachers: ct, volunteerMaximum: 3, policy: { ...DEFAULT_PAR_POLICY, referralWindow: { kind: 'last-school-days', schoolDays: 0 } } })).toEqual([
      { field: '/policy/referralWindow/schoolDays', message: 'must be between 1 and 60', rule: 'PAR-SPRING-WINDOW' },
    ]);
    expect(await refusal({ consultingTeachers: ct, volunteerMaximum: 3, policy: { ...DEFAULT_PAR_POLICY, volunteerWindows: ['june'] } })).toEqual([
      { field: '/policy/volunteerWindows/0', message: 'must be one of "january", "may"', rule: 'PAR-VOL-WINDOW' },
    ]);
    // A changed policy needs a new version: each case names the version it runs under.
    expect(await refusal({ consultingTeachers: ct, volunteerMaximum: 3, policy: { ...DEFAULT_PAR_POLICY, volunteerWindows: ['may'] } })).toEqual([
      { field: '/policy/version', message: 'must be greater than 1: the policy changed, and each case keeps the version it runs under' },
    ]);
    // Capacity sanity: R-1's consulting teacher cannot be dropped; fewer Volunteers than already admitted is refused.
    expect(await refusal({ consultingTeachers: [{ id: 'ct-2', caseload: 5 }, { id: 'ct-2', caseload: 31 }], volunteerMaximum: 1 })).toEqual([
      { field: '/consultingTeachers/1/id', message: 'ct-2 is listed twice', rule: 'PAR-PRIORITY' },
      { field: '/consultingTeachers/1/caseload', message: 'must be a whole number from 0 to 30', rule: 'PAR-PRIORITY' },
      { field: '/consultingTeachers', message: 'ct-1 still serves case R-1: the panel reassigns it first (PAR-REASSIGN)', rule: 'PAR-REASSIGN' },
      { field: '/volunteerMaximum', message: `must not be below the 3 Volunteer(s) already admitted in ${year()}`, rule: 'PAR-PRIORITY' },
    ]);

    const { program: changed, created } = await programs.configure(DISTRICT, year(), { consultingTeachers: ct, volunteerMaximum: 3, policy: { ...DEFAULT_PAR_POLICY, version: 2, volunteerWindows: ['may'] } });
    expect(created).toBe(false);
    expect(changed.policy).toMatchObject({ version: 2, volunteerWindows: ['may'] });
    expect(changed.configurations.map((c) => [c.version, c.policyVersion, c.by.id])).toEqual([
      [1, 1, 'hr-par-1'],
      [2, 1, 'hr-par-1'],
      [3, 2, 'hr-par-1'],
    ]);
    expect(changed.windows.volunteer.map((w) => w.label)).toEqual([expect.stringContaining('May')]);
  });
});
