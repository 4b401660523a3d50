import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certified, cycleStart, educator, fullObservationYear, hr, lee, observationDriver, type ObservationDriver } from '../../helpers/observation-driver';
import { expectOnlyDeliveriesThatHappened } from '../../helpers/deliveries';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';
import { notCertified } from '../../domain/observation/observation-fixtures';

// One server clock for the file: the tests run in calendar order through the 2027-2028 school year and past it.
describe('observation cycle workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let driver: ObservationDriver;
  const taskQueue = 'observation-cycle-workflow';

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    driver = observationDriver(env, taskQueue);
  });

  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  it('OBS-CERTIFIED: an observation by an evaluator not certified for the year is refused by the Update validator and never reaches the history', async () => {
    await driver.at('2027-08-19');
    const workflowId = await driver.open({ ...cycleStart(undefined, '2027-08-19'), educator: 'E-refused' });
    const refused = await driver.act(workflowId, { type: 'observe', kind: 'formal', announced: false, certification: notCertified }, lee).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'CaseRuleViolation', details: [{ rule: 'OBS-CERTIFIED' }] });
    const view = await driver.view(workflowId);
    expect(view.cycle.observations).toEqual([]);
    expect(await driver.updatesAccepted(workflowId)).toBe(0);
    await driver.act(workflowId, { type: 'end-cycle', reason: 'test ends' }, hr);
  });

  it('OBS-FEEDBACK-7 / OBS-TRACK: a whole year: feedback weeks on the clock, a missed week recorded by its timer, the year-end report, the record kept for grievances, well under 2,000 events', async () => {
    const workflowId = await fullObservationYear(driver);
    const during = await driver.view(workflowId);
    // OBS-FEEDBACK-7: observation 2's week ended 2027-11-11 (7 calendar days after 11-04) without feedback.
    expect(during.clock.deadlines.find((d) => d.key === 'feedback:2')).toMatchObject({ status: 'missed', current: { due: '2027-11-11' } });
    expect(during.clock.deadlines.find((d) => d.key === 'feedback:1')).toMatchObject({ status: 'met', current: { due: '2027-09-21' } });
    expect(during.cycle.violations.map((v) => [v.id, v.rule, v.observation, v.missedOn])).toEqual([
      ['V1', 'OBS-FEEDBACK-7', 2, '2027-11-11'],
      ['V2', 'OBS-POSTCONF', 3, '2028-02-11'],
    ]);
    await driver.at('2028-05-10');
    expect((await driver.view(workflowId)).cycle.violations.at(-1)).toMatchObject({ id: 'V3', rule: 'OBS-FEEDBACK-7', observation: 4, missedOn: '2028-05-08' });
    expect(during.cycle.status).toBe('minimum-met');
    // The year ends with the last instructional day of the Riverside 2027-2028 calendar.
    expect(during.clock.deadlines.find((d) => d.key === 'year-end')).toMatchObject({ status: 'pending', current: { due: '2028-06-02' } });

    await driver.at('2028-06-05');
    const ended = await driver.view(workflowId);
    expect(ended.cycle).toMatchObject({ status: 'completed', closed: { reason: 'year-ended', on: '2028-06-02', rule: 'OBS-TRACK' } });
    expect(ended.cycle.report).toMatchObject({ formal: { required: 2, held: 4, scored: [1, 2] }, unannounced: { held: 3, of: 4 }, selfScores: { submitted: 3, of: 4 }, violations: 4 });
    expect(ended.cycle.report!.rules.filter((r) => !r.met).map((r) => r.rule)).toEqual(['OBS-SELF-SCORE', 'OBS-POSTCONF', 'OBS-FEEDBACK-7']);
    expect(ended.cycle.violations.at(-1)).toMatchObject({ id: 'V4', rule: 'OBS-POSTCONF', observation: 4, missedOn: '2028-06-02' });
    // GRV-FILE-40: the closed cycle waits for a grievance's link until 40 school days after its last violation.
    expect(ended.clock.deadlines.find((d) => d.key === 'grievance-window')).toMatchObject({ status: 'pending', spec: { trigger: '2028-06-02', unit: 'school-day', count: 40 } });
    expect(ended.clock.deadlines.find((d) => d.key === 'year-end')).toMatchObject({ status: 'met' });
    const refused = await driver.act(workflowId, { type: 'observe', kind: 'formal', announced: false, certification: certified }, lee).catch((e: unknown) => e);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'CaseConflict' });

    await driver.at('2028-11-01');
    const closed = await driver.closed(workflowId);
    expect(closed.cycle.grievanceWindowEnded).toBe(true);
    // No WEBHOOK_URL on the test worker: the webhook records say so, the timeline lists no webhook delivery.
    await expectOnlyDeliveriesThatHappened(env.client, workflowId, closed.notices, ['email', 'webhook']);
    const events = await driver.events(workflowId);
    console.log(`a year-long observation cycle: ${events} history events`);
    expect(events).toBeLessThan(2000);
  });

  it('OBS-FEEDBACK-7: the educator is told of each process violation with the grievance it offers, by email', async () => {
    const files = await readdir(worker.outboxDir);
    const violations = await Promise.all(files.filter((f) => f.includes('violation%3AV1')).map(async (f) => JSON.parse(await readFile(path.join(worker.outboxDir, f), 'utf8')) as { to: string[]; subject: string; body: string }));
    const notice = violations.find((v) => v.subject.includes('OBS-FEEDBACK-7'));
    expect(notice?.subject).toBe(`Process violation V1 (OBS-FEEDBACK-7) in observation cycle 2027-2028:${educator.id}`);
    expect(notice?.body).toContain('No written feedback was given within one week of observation 2 (observed 2027-11-04; due by 2027-11-11).');
    expect(notice?.body).toContain('within 40 school days after Thursday, November 11, 2027 (GRV-FILE-40)');
    expect(JSON.stringify(notice)).toContain('dana@example.org');
  });
});
