import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parProgramWorkflowId } from '../../../workflows/par/par-program-messages';
import { ctKim, ctOrtiz, dana, GOALS, hr, panel, parDriver, parStart, PRESENT, RIVERSIDE, votes, type ParDriver } from '../../helpers/par-driver';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';
import type { StandInRecord } from './fixtures/par-workflows';

// One server clock for the file: the tests run in calendar order (January 2027 volunteers, then a spring referral).
describe('PAR interventions on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let par: ParDriver;
  const taskQueue = 'par-intervention-rules';
  const programId = parProgramWorkflowId(RIVERSIDE, '2026-2027');
  const program = () => env.client.workflow.getHandle(programId).query<StandInRecord>('getProgram');

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows(path.join(__dirname, 'fixtures/par-workflows.ts'))]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    par = parDriver(env, taskQueue);
    await env.client.workflow.start('parProgramStandIn', { taskQueue, workflowId: programId, args: ['2026-2027'] });
  });

  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  it('PAR-VOL-TERM: a volunteer withdraws the application before the vote; the case closes with no place taken', async () => {
    await par.at('2027-01-06');
    const wf = await par.open(parStart('volunteer', 'PAR-2027-V02', '2027-01-06'), dana);
    await par.at('2027-01-08');
    await par.act(wf, { type: 'withdraw', reason: 'application-withdrawn' }, dana);
    const done = await par.closed(wf);
    expect(done.case.closed).toEqual({ reason: 'application-withdrawn', on: '2027-01-08', rule: 'PAR-VOL-TERM' });
    expect(done.program).toEqual([]);
  });

  it('PAR-VOL-ELIG / PAR-PRIORITY / PAR-VOL-TERM: an approved volunteer takes the place the program offers, then ends by written notice; the place is released', async () => {
    await par.at('2027-01-07');
    const wf = await par.open(parStart('volunteer', 'PAR-2027-V01', '2027-01-07'), dana);
    await par.at('2027-01-12');
    await par.act(wf, { type: 'panel-vote', motion: { kind: 'approve-volunteer' }, votes: votes(4) }, panel);
    // The program year offers the place at once (signal round trip): the volunteer is accepted.
    await expect.poll(async () => (await par.view(wf)).case.status, { timeout: 10_000 }).toBe('awaiting-acceptance-notice');
    expect((await par.view(wf)).placedOn).toBe('2027-01-12');
    await par.at('2027-01-14');
    await par.act(wf, { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim'] }, panel);
    await par.at('2027-01-20');
    await par.act(wf, { type: 'request-consulting-teacher', preferences: ['ct-kim'] }, dana);
    await par.at('2027-01-27');
    await par.act(wf, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, panel);
    await par.at('2027-03-01');
    await par.act(wf, { type: 'volunteer-notice' }, dana);
    const done = await par.closed(wf);
    expect(done.case.closed).toEqual({ reason: 'ended-by-notice', on: '2027-03-01', rule: 'PAR-VOL-TERM' });
    // PAR-VOL-CONF: a Volunteer's notices go to the participant side only, never to the HR webhook.
    expect(done.notices.every((n) => n.channel !== 'webhook')).toBe(true);
    const record = await program();
    expect(record.requests).toContainEqual({ caseId: 'PAR-2027-V01', group: 2, since: '2027-01-12' });
    expect(record.seats).toContainEqual({ caseId: 'PAR-2027-V01', consultingTeacher: 'ct-kim' });
    expect(record.releases).toContain('PAR-2027-V01');
  });

  it(
    'PAR-REASSIGN / PAR-MONTHLY / PAR-MAX-18: a reassignment leaves the schedule unchanged; a missed monthly log sends the overdue notice to the panel; 18 months end PAR',
    async () => {
      await par.at('2027-05-10');
      const wf = await par.open(parStart('referred', 'PAR-2027-002', '2027-05-10'), hr);
      await par.act(wf, { type: 'send-acceptance-notice', consultingTeachers: ['ct-kim', 'ct-ortiz'] }, panel);
      await par.at('2027-05-20');
      await par.act(wf, { type: 'request-consulting-teacher', preferences: ['ct-kim'] }, dana);
      await par.at('2027-05-27');
      await par.act(wf, { type: 'assign-consulting-teacher', consultingTeacher: 'ct-kim' }, panel);
      const before = await par.view(wf);
      const pendingDues = (v: typeof before) => v.clock.deadlines.filter((d) => d.status === 'pending').map((d) => [d.key, d.current?.state === 'running' ? d.current.due : undefined]);

      await par.at('2027-06-10');
      const reassigned = await par.act(wf, { type: 'reassign-consulting-teacher', consultingTeacher: 'ct-ortiz', cause: 'conflict', reason: 'Same school site' }, panel);
      expect(reassigned.case.schedule).toEqual(before.case.schedule);
      expect(pendingDues(reassigned)).toEqual(pendingDues(before));
      await expect.poll(async () => (await program()).seats, { timeout: 15_000 }).toEqual(expect.arrayContaining([{ caseId: 'PAR-2027-002', consultingTeacher: 'ct-ortiz' }]));
      // The former consulting teacher no longer stands in any relation to the case: for them it does not exist.
      await expect(par.act(wf, { type: 'hold-ipg-conference', present: PRESENT, goals: GOALS }, ctKim)).rejects.toMatchObject({ cause: { type: 'CaseNotFound' } });

      await par.at('2027-08-25');
      await par.act(wf, { type: 'hold-ipg-conference', present: PRESENT, goals: GOALS }, ctOrtiz);
      // A month after the goals is Saturday September 25: due Friday September 24. No log by then: overdue, and the
      // panel is told.
      await par.at('2027-09-27');
      const overdue = await par.view(wf);
      expect(overdue.case.monthly.missed).toEqual(['2027-09-24']);
      expect(overdue.clock.deadlines.find((d) => d.key === 'monthly-log:2027-08-25')?.status).toBe('missed');
      const missedNotices = overdue.notices.filter((n) => n.kind === 'deadline-missed' && n.deliveryId.includes('monthly-log:2027-08-25'));
      expect(missedNotices.find((n) => n.channel === 'email')?.destination).toEqual(['par-panel@example.org']);

      // Nothing more happens: PAR ends 18 months after assistance started with the assignment (2027-05-27).
      await par.at('2028-11-29');
      const done = await par.closed(wf);
      expect(done.case.closed).toEqual({ reason: 'time-limit', on: '2028-11-27', rule: 'PAR-MAX-18' });
      expect((await program()).releases).toContain('PAR-2027-002');
      for (const count of await par.eventsPerRun(wf)) expect(count).toBeLessThan(2000);
    },
    240_000,
  );
});
