import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { loadArchivedRuns, verifyCaseArchive } from '../../../src/audit/case-archive';
import { isNotFound } from '../../../src/audit/case-history';
import { caseDocumentStore } from '../../../src/audit/document-store';
import { CaseDestroyedError, readTombstone } from '../../../src/audit/case-tombstone';
import { addDays, addMonths, type RunningDeadline } from '../../../src/domain/calendar';
import { zonedInstant } from '../../../src/domain/calendar/time-zone';
import { setDistrictRetentionPolicy } from '../../../src/temporal/retention-policies';
import { caseRetentionWorkflowId, getCaseRetentionQuery, retentionPolicyChangedSignal } from '../../../workflows/retention/retention-messages';
import { archiveCompleted, testWorkerArchive } from '../../helpers/case-archive';
import { grievanceDriver, grievantSide, hr, principal, TZ } from '../../helpers/grievance-driver';
import { useCasesEnv } from '../../helpers/grievance-cases';
import { advanceTo } from '../../helpers/temporal';

/**
 * Issue 15, item 5 on the time-skipping server: a closed case waits for the day its district's retention policy
 * gives it, then its records are destroyed (tombstone chained, data key deleted); a withdrawn grievance counts on its
 * own period (GRV-WITHDRAW); a new policy version reaches a case already waiting.
 */
describe('case retention (time-skipping server)', () => {
  const taskQueue = 'case-retention-test';
  const ctx = useCasesEnv(taskQueue);
  const { env, file, act, closed, today } = grievanceDriver(ctx.env, ctx.calendars, taskQueue);
  const store = () => testWorkerArchive({ outboxDir: ctx.outboxDir() });
  const codecs = () => env().client.options.loadedDataConverter.payloadCodecs;
  const policy = (version: number, closedMonths: number) => ({
    version,
    title: 'Board policy 8.4',
    grievance: { withdrawn: { count: 10, unit: 'day' }, closed: { count: closedMonths, unit: 'month' } },
    par: 'forever',
    tap: 'forever',
    pip: 'forever',
    'observation-cycle': 'forever',
  });
  const midnight = (date: string) => zonedInstant(date, { hour: 0, minute: 0, second: 0 }, TZ).getTime();
  const retention = (workflowId: string): WorkflowHandle => env().client.workflow.getHandle(caseRetentionWorkflowId(workflowId));
  /** Polls the retention workflow's status (a result() call would unlock the server's clock). */
  const statusOf = async (workflowId: string) =>
    retention(workflowId)
      .describe()
      .then(
        (d) => d.status.name,
        (error: unknown) => (isNotFound(error) ? 'NOT_STARTED' : Promise.reject(error)),
      );
  const settled = async (workflowId: string, wanted: string) => {
    for (let i = 0; i < 300 && (await statusOf(workflowId)) !== wanted; i++) await new Promise((r) => setTimeout(r, 100));
    return statusOf(workflowId);
  };

  it('GRV-WITHDRAW: a withdrawn grievance is destroyed on its own period, a decided one waits for its own; a new version reaches the waiting case', async () => {
    await setDistrictRetentionPolicy(env().client, taskQueue, 'district-a', { policy: policy(1, 3), by: hr, reason: 'board vote' });

    // One grievance decided and accepted by lapse (GRV-ACCEPT), one withdrawn the same day.
    const decided = await file({ id: 'G-RET-1' });
    const decision = await act(decided, { type: 'decide', outcome: 'denied', text: 'Denied.' }, principal);
    const window = decision.clock.deadlines.find((d) => d.key === '1:appeal')!.current as RunningDeadline;
    const withdrawn = await file({ id: 'G-RET-2' });
    await advanceTo(env(), Date.parse(window.dueAt) + 60_000);
    await act(withdrawn, { type: 'withdraw' }, grievantSide);
    const withdrawnOn = await today();
    expect((await closed(decided)).process.closed).toMatchObject({ reason: 'accepted', on: window.due });
    expect((await closed(withdrawn)).process.closed).toMatchObject({ reason: 'withdrawn', on: withdrawnOn });
    for (const handle of [decided, withdrawn]) await archiveCompleted(env().client, { workflowId: handle.workflowId, runId: (await handle.describe()).runId });
    expect(await settled(withdrawn.workflowId, 'RUNNING')).toBe('RUNNING');

    // Each waits for its day: 10 days after the withdrawal, 3 months after the decision was accepted.
    expect(await retention(withdrawn.workflowId).query(getCaseRetentionQuery)).toEqual({ policyVersion: 1, destroyOn: addDays(withdrawnOn, 10) });
    expect(await retention(decided.workflowId).query(getCaseRetentionQuery)).toEqual({ policyVersion: 1, destroyOn: addMonths(window.due, 3) });

    // The evening before its day, the withdrawn grievance is still on record, and so is a document it keeps (issue 15
    // item 5: sealed under the case's key in the store beside the archive, as the service has it).
    const documents = caseDocumentStore(store(), { codecs: codecs() });
    const holder = { district: 'district-a', workflowId: withdrawn.workflowId };
    const statement = await documents.put('district-a', Buffer.from('A witness statement the withdrawn grievance named.'), 'text/plain');
    await documents.keep(holder, statement.sha256);
    await advanceTo(env(), midnight(addDays(withdrawnOn, 10)) - 3_600_000);
    expect(await statusOf(withdrawn.workflowId)).toBe('RUNNING');
    expect(await loadArchivedRuns(store(), 'district-a', withdrawn.workflowId, codecs())).toHaveLength(1);
    expect((await documents.get(holder, statement.sha256))?.bytes.toString()).toBe('A witness statement the withdrawn grievance named.');

    // Its day: destroyed. The chain verifies with the tombstone last; the archive answers with the tombstone only.
    await advanceTo(env(), midnight(addDays(withdrawnOn, 10)) + 3_600_000);
    expect(await settled(withdrawn.workflowId, 'COMPLETED')).toBe('COMPLETED');
    expect(await verifyCaseArchive(store(), 'district-a', withdrawn.workflowId)).toMatchObject({ ok: true, entries: 3 });
    expect(await readTombstone(store(), 'district-a', withdrawn.workflowId)).toMatchObject({
      destroyedOn: addDays(withdrawnOn, 10),
      closedOn: withdrawnOn,
      closedAs: 'withdrawn',
      policy: { version: 1, title: 'Board policy 8.4', period: '10 days' },
    });
    await expect(loadArchivedRuns(store(), 'district-a', withdrawn.workflowId, codecs())).rejects.toThrow(CaseDestroyedError);
    expect(await store().caseKeys.get('district-a', withdrawn.workflowId)).toBeUndefined();
    // GRV-WITHDRAW "without prejudice or record": its document went with it; its claim check answers the tombstone.
    await expect(documents.get(holder, statement.sha256)).rejects.toThrow(CaseDestroyedError);
    // The decided grievance is still kept.
    expect(await statusOf(decided.workflowId)).toBe('RUNNING');
    expect(await loadArchivedRuns(store(), 'district-a', decided.workflowId, codecs())).toHaveLength(1);

    // Version 2 keeps decided grievances 1 month: announced to the waiting cases, which count again.
    await setDistrictRetentionPolicy(env().client, taskQueue, 'district-a', { policy: policy(2, 1), by: hr, reason: 'shorter' });
    for (let i = 0; i < 100 && ctx.retentionChanges().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(ctx.retentionChanges()).toEqual([
      { district: 'district-a', version: 1 },
      { district: 'district-a', version: 2 },
    ]);
    await retention(decided.workflowId).signal(retentionPolicyChangedSignal, { district: 'district-a', version: 2 });
    for (let i = 0; i < 100 && (await retention(decided.workflowId).query(getCaseRetentionQuery))?.policyVersion !== 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await retention(decided.workflowId).query(getCaseRetentionQuery)).toEqual({ policyVersion: 2, destroyOn: addMonths(window.due, 1) });

    await advanceTo(env(), midnight(addMonths(window.due, 1)) + 3_600_000);
    expect(await settled(decided.workflowId, 'COMPLETED')).toBe('COMPLETED');
    expect(await readTombstone(store(), 'district-a', decided.workflowId)).toMatchObject({ destroyedOn: addMonths(window.due, 1), closedAs: 'accepted', policy: { version: 2, period: '1 month' } });
    expect(await verifyCaseArchive(store(), 'district-a', decided.workflowId)).toMatchObject({ ok: true, entries: 3 });
  });
});
