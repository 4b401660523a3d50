/**
 * Benchmark (CAL-2 at scale): one calendar amendment reaching N open cases on a real Temporal dev server with a
 * real worker.
 *   npm run bench:fanout -- --cases 10000
 * Prints how long starting the cases took, how long the server-side batch signal took to reach all of them, and
 * how long until every case (checked one by one) had recomputed on the new calendar version.
 */
import { performance } from 'node:perf_hooks';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { startBenchService } from './bench-service';
import { temporal } from '@temporalio/proto';
import { sampleCalendar, schoolYearOf, dateInZone } from '../src/domain/calendar';
import { grievanceWorkflowId } from '../src/domain/grievance/grievance-case';
import { districtCalendarHandle, publishDistrictCalendar } from '../src/temporal/district-calendars';
import { CaseDistrict, CaseType } from '../src/temporal/search-attributes';
import { amendCalendarUpdate } from '../workflows/calendar/district-calendar-messages';
import { getGrievanceQuery, grievanceWorkflow } from '../workflows/grievance/grievance-workflow';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BatchState = temporal.api.enums.v1.BatchOperationState;
const CASES = arg('cases', 2000);
const CONCURRENCY = arg('concurrency', 64);
const district = 'bench-district';
const actor = { id: 'bench', roles: ['hr' as const], district };

async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function main() {
  const { config, client, stop } = await startBenchService('fanout', 'worker');
  const taskQueue = config.temporal.taskQueue;
  try {
    const today = dateInZone(new Date(), 'America/Chicago');
    const schoolYear = schoolYearOf(today);
    await publishDistrictCalendar(client, taskQueue, sampleCalendar(district, schoolYear, 'America/Chicago'), actor, 'bench');

    let t = performance.now();
    const ids = Array.from({ length: CASES }, (_, i) => `B-${i}`);
    await inBatches(ids, CONCURRENCY, (id) =>
      client.workflow.start(grievanceWorkflow, {
        workflowId: grievanceWorkflowId(district, id),
        taskQueue,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ filing: { id, grievants: [{ name: 'T', position: 'teacher' }], statement: 's', policyProvisions: ['p'], correctiveAction: 'c', knewOn: today, signedBy: 'T', level: 1, conferenceRequested: false, disputes: ['policy'] }, filedBy: actor }],
        typedSearchAttributes: [{ key: CaseType, value: 'grievance' }, { key: CaseDistrict, value: district }],
      }),
    );
    const startMs = performance.now() - t;
    // Wait until visibility lists every case as running (the batch signal selects through it).
    const query = `CaseDistrict = '${district}' AND ExecutionStatus = 'Running'`;
    while ((await client.workflow.count(query)).count < CASES) await new Promise((r) => setTimeout(r, 200));

    t = performance.now();
    const handle = await districtCalendarHandle(client, taskQueue, district, schoolYear);
    const amendment = await handle.executeUpdate(amendCalendarUpdate, {
      args: [{ add: [{ id: 'snow', kind: 'closure', name: 'Snow day', start: `${schoolYear.slice(5)}-01-05` }], remove: [], by: actor, reason: 'bench' }],
    });
    const jobId = `calendar-${district}-${schoolYear}-v${amendment.version}`;
    let batch;
    for (;;) {
      try {
        batch = await client.workflowService.describeBatchOperation({ namespace: 'default', jobId });
        if (batch.state === BatchState.BATCH_OPERATION_STATE_COMPLETED || batch.state === BatchState.BATCH_OPERATION_STATE_FAILED) break;
      } catch {
        // not started yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const batchMs = performance.now() - t;

    const pending = new Set(ids);
    while (pending.size > 0) {
      await inBatches([...pending], CONCURRENCY, async (id) => {
        const view = await client.workflow.getHandle(grievanceWorkflowId(district, id)).query(getGrievanceQuery);
        if (view.clock.calendars.some((c) => c.schoolYear === schoolYear && c.version === amendment.version)) pending.delete(id);
      });
    }
    const allMs = performance.now() - t;

    console.log(`open cases: ${CASES} (started in ${(startMs / 1000).toFixed(1)} s, ${(CASES / (startMs / 1000)).toFixed(0)} cases/s)`);
    console.log(`batch signal job ${jobId}: ${BatchState[batch!.state!]}, ${batch?.completeOperationCount} signalled, ${batch?.failureOperationCount} failed, ${(batchMs / 1000).toFixed(1)} s`);
    console.log(`every case recomputed on calendar v${amendment.version} (checked by query): ${(allMs / 1000).toFixed(1)} s after the amendment`);
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
