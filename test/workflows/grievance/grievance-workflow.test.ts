import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor';
import { grievanceWorkflowId } from '../../../src/domain/grievance/grievance-case';
import { getGrievanceQuery, grievanceWorkflow } from '../../../workflows/grievance/grievance-workflow';
import { aFiling } from '../../helpers/grievance-fixtures';
import { bundleWorkflows, createTimeSkippingEnv, startTestWorker } from '../../helpers/temporal';

const hrClerk: Actor = { id: 'hr-clerk-7', roles: ['hr'], district: 'district-a' };

describe('grievance workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let outboxDir: string;
  const taskQueue = 'grievance-workflow-test';

  beforeAll(async () => {
    const [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows(path.join(__dirname, '../fixtures/workflows.ts'))]);
    env = testEnv;
    worker = await startTestWorker(env, bundle, taskQueue);
    outboxDir = worker.outboxDir;
  });

  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  it('sleeps past a six-week durable timer in seconds of wall time', async () => {
    const serverTimeBefore = await env.currentTimeMs();
    const { before, after } = await env.client.workflow.execute('durableTimerProbe', {
      taskQueue,
      workflowId: 'timer-probe-6-weeks',
      args: ['42 days'],
    });
    const sixWeeksMs = 42 * 24 * 3600 * 1000;
    expect(after - before).toBeGreaterThanOrEqual(sixWeeksMs);
    expect((await env.currentTimeMs()) - serverTimeBefore).toBeGreaterThanOrEqual(sixWeeksMs);
  });

  it('records the filing with the filer as actor and keeps the case open', async () => {
    const filing = aFiling();
    const handle = await env.client.workflow.start(grievanceWorkflow, {
      taskQueue,
      workflowId: grievanceWorkflowId('district-a', filing.id),
      args: [{ filing, filedBy: hrClerk }],
    });
    const grievance = await handle.query(getGrievanceQuery);

    expect(grievance).toMatchObject({
      caseType: 'grievance',
      id: filing.id,
      district: 'district-a',
      status: 'awaiting-decision',
      level: 1,
      filing,
      filedBy: hrClerk,
    });
    expect(grievance.actions).toEqual([{ action: 'filed', actor: hrClerk, at: grievance.filedAt, stage: { status: 'awaiting-decision', level: 1 } }]);
    const { status } = await handle.describe();
    expect(status.name).toBe('RUNNING');
  });

  it('acknowledges receipt to every grievant with an address, in one email written once to the outbox of the embedded run', async () => {
    const filing = aFiling({
      grievants: [
        { name: 'Dana Reyes', position: 'Grade 4 teacher', email: 'dana.reyes@example.org' },
        { name: 'Sam Ito', position: 'Grade 5 teacher', email: 'sam.ito@example.org' },
        { name: 'Lee Park', position: 'Counselor' },
      ],
    });
    const workflowId = grievanceWorkflowId('district-a', filing.id);
    const handle = await env.client.workflow.start(grievanceWorkflow, { taskQueue, workflowId, args: [{ filing, filedBy: hrClerk }] });

    await expect
      .poll(async () => (await handle.query(getGrievanceQuery)).notices.filter((n) => n.channel === 'email').map((n) => n.deliveryId))
      .toEqual([`${workflowId}:filing-receipt:email`]);
    const files = (await readdir(outboxDir)).filter((f) => f.startsWith(encodeURIComponent(workflowId)));
    expect(files).toEqual([`${encodeURIComponent(`${workflowId}:filing-receipt:email`)}.json`]);
    const email = JSON.parse(await readFile(path.join(outboxDir, files[0]!), 'utf8'));
    expect(email.to).toEqual(['dana.reyes@example.org', 'sam.ito@example.org']);
    expect(email.subject).toContain(filing.id);
    expect(email.body).toContain(filing.statement);
  });
});
