import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { coach, FULL_YEAR, hr, pipDriver, START_2027 as START, type PipDriver } from '../../helpers/pip-driver';
import { expectOnlyDeliveriesThatHappened } from '../../helpers/deliveries';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';

/** The emails the case wrote to the outbox: subject and recipients. */
async function outbox(dir: string) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as { subject: string; to?: unknown; body: string }));
}

// One server clock for the file, in calendar order (school year 2027-2028 of Riverside, last day 2028-06-02: the test server starts at today's date).
describe('improvement plans on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let pip: PipDriver;
  const taskQueue = 'pip-workflow';

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    pip = pipDriver(env, taskQueue);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  it(
    'PIP-STEPS / PIP-EVIDENCE / PIP-STATUS / PIP-GOAL: a full year of two plans: check-ins and completions met or missed with reminders to evaluator and employee, evidence, the status at year end; well under 2,000 events',
    async () => {
      await pip.at('2027-09-14');
      const wf = await pip.open(START, hr);
      const opened = await pip.view(wf);
      expect(opened.case.yearEndsOn).toBe('2028-06-02');
      expect(opened.clock.deadlines.filter((d) => d.status === 'pending').map((d) => [d.key, d.current?.state === 'running' ? d.current.due : undefined])).toEqual([
        ['completion:P1:S1:2027-10-30', '2027-10-30'],
        ['check-in:P1:S1:2027-10-16', '2027-10-16'],
        ['completion:P1:S2:2028-04-16', '2028-04-16'],
        ['check-in:P1:S2:2028-01-22', '2028-01-22'],
        ['year-end-status:P1:2028-06-02', '2028-06-02'],
      ]);
      for (const [date, action, by] of FULL_YEAR) {
        await pip.at(date);
        await pip.act(wf, action, by);
      }
      const done = await pip.closed(wf);
      expect(done.case.closed).toEqual({ reason: 'year-end-status-recorded', on: '2028-05-21', rule: 'PIP-STATUS' });
      expect(done.case.plans.map((p) => p.status?.status)).toEqual(['achieved', 'achieved']);
      const settled = Object.fromEntries(done.clock.deadlines.map((d) => [d.key, d.status]));
      expect(settled).toMatchObject({
        'check-in:P1:S1:2027-10-16': 'met',
        'check-in:P1:S1:2027-10-23': 'met',
        'completion:P1:S1:2027-10-30': 'met',
        'check-in:P2:S1:2027-11-06': 'missed',
        'check-in:P2:S1:2027-12-04': 'met',
        'completion:P2:S1:2028-03-05': 'met',
        'year-end-status:P2:2028-06-02': 'met',
        'year-end-status:P1:2028-06-02': 'met',
      });
      expect(done.case.plans[1]!.steps[0]!.missed).toEqual(['check-in 2027-11-06']);
      // Reminders of check-ins and completions went to the evaluator and the employee, and the miss to both.
      const mails = await outbox(worker.outboxDir);
      const reminders = mails.filter((m) => m.subject.startsWith('Reminder'));
      expect(reminders.some((m) => m.subject.includes('check-in'))).toBe(true);
      expect(reminders.some((m) => m.subject.includes('anticipated completion'))).toBe(true);
      for (const m of reminders.filter((r) => !r.subject.includes('end-of-year'))) expect(JSON.stringify(m.to)).toMatch(/lee\.kim@example\.org.*sam\.park@example\.org|sam\.park@example\.org.*lee\.kim@example\.org/);
      expect(mails.some((m) => m.subject.startsWith('Overdue') && m.body.includes('2026'))).toBe(true);
      // Every notice rendered from templates/pip and went out: the receipt and the close by letter too.
      expect(done.notices.filter((n) => n.failure !== undefined)).toEqual([]);
      expect(done.notices.filter((n) => n.channel === 'letter').map((n) => n.deliveryId.split(':').at(-2))).toEqual(['receipt', 'case-closed']);
      // No WEBHOOK_URL on the test worker: the webhook records say so, the timeline lists no webhook delivery.
      await expectOnlyDeliveriesThatHappened(env.client, wf, done.notices, ['email', 'webhook', 'letter']);
      const events = await pip.events(wf);
      console.log(`a full PIP year (2 plans, 3 steps, ${FULL_YEAR.length} actions): ${events} history events`);
      expect(events).toBeLessThan(2000);
    },
    240_000,
  );

  it('PIP-TEAM: a team member adds evidence but may not record the status (403 refusal, nothing recorded)', async () => {
    await pip.at('2028-06-01');
    const wf = await pip.open({ ...START, id: 'PIP-2027-002', plan: { ...START.plan, steps: [{ description: 'Read', completeBy: '2028-06-02', checkInOn: '2028-06-01' }] } }, hr);
    await pip.act(wf, { type: 'add-evidence', plan: 'P1', kind: 'evidence', description: 'Reading notes' }, coach);
    await expect(pip.act(wf, { type: 'record-status', plan: 'P1', status: 'achieved' }, coach)).rejects.toMatchObject({ cause: { type: 'CaseForbidden', message: expect.stringMatching(/record-status is not for the team-member/) } });
    await pip.act(wf, { type: 'withdraw', reason: 'left the district' }, hr);
    const done = await pip.closed(wf);
    expect(done.case.closed?.reason).toBe('withdrawn');
    expect(done.actions.map((a) => a.action)).toEqual(['plan-opened', 'add-evidence', 'withdraw']);
  });
});
